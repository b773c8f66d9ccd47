// Tooltips on the canvases: the job under the pointer, by number, state,
// worker and times, on the timeline's bars and the grid's cells, as the
// canvas's title (the canvases' words for assistive technology are the
// summary and the log, which say the same). Imported with naming jobs by
// keyboard when either is first used (name-jobs.js).
import { STATE_NAMES, RUNNING } from "./run-state.js";
import { gridLayout } from "./grid.js";
import { GUTTER, laneGeometry, barEnd } from "./timeline.js";

/** What to say of job `job` of `run`, in its own words for the states if it has them (`stateNames`, a Go lane's). */
export function describeJob(run, job) {
  const state = run.state[job];
  const name = (run.stateNames ?? STATE_NAMES)[state];
  const worker = run.worker[job];
  const wait = run.wait[job];
  if (worker < 0 || state < RUNNING) return `Job #${job}: ${name}${wait ? `, wait ${wait} ms` : ""}`;
  const end = state === RUNNING ? "" : `–${run.end[job].toFixed(1)}`;
  // A page's own job (own-run.js) has no wait: it runs until it settles.
  return `Job #${job}: ${name} on W${worker}, ${run.start[job].toFixed(1)}${end} ms${run.waitless ? "" : ` (wait ${wait} ms)`}`;
}

/** The job whose bar is at (`x`, `y`) in the timeline, or -1. */
export function timelineJob(run, span, width, height, x, y) {
  const { plot, lane } = laneGeometry({ width, height, span, workers: run.workers });
  const worker = Math.floor(y / lane);
  if (worker < 0 || worker >= run.workers || x < GUTTER) return -1;
  const ms = ((x - GUTTER) / plot) * span;
  // Half a pixel's time either side, so that a thin bar can be pointed at.
  const slack = span / plot;
  for (let job = 0; job < run.jobs; job++) {
    if (run.worker[job] !== worker || run.state[job] < RUNNING) continue;
    if (run.start[job] - slack <= ms && ms <= barEnd(run, job) + slack) return job;
  }
  return -1;
}

/**
 * Keeps the titles of the timeline and grid canvases (and `readout`'s text)
 * on the job under the pointer, until `signal` aborts.
 */
export function listenPointer({ signal, timelineCanvas, gridCanvas, timeline, shown, gridShown, readout }) {
  const track = (canvas, find, shown) => {
    let last = -2;
    // Hover, or a tap (a touch has no hover, and no title): the readout beside the legend says it too.
    const point = (event) => {
      const run = shown();
      if (!run) return;
      const box = canvas.getBoundingClientRect();
      const job = find(run, event.clientX - box.left, event.clientY - box.top, box);
      if (job === last) return;
      last = job;
      canvas.title = job >= 0 ? describeJob(run, job) : "";
      if (readout && job >= 0) readout.textContent = canvas.title;
    };
    canvas.addEventListener("pointermove", point, { signal });
    canvas.addEventListener("pointerdown", point, { signal });
    canvas.addEventListener("pointerleave", () => {
      last = -2;
      canvas.title = "";
    }, { signal });
  };
  track(timelineCanvas, (run, x, y, box) => timelineJob(run, timeline.drawn.span, box.width, box.height, x, y), shown);
  track(gridCanvas, (run, x, y, box) => {
    const { size, columns, perCell } = gridLayout(run.jobs, box.width);
    const column = Math.floor(x / size);
    if (column >= columns) return -1;
    const job = (Math.floor(y / size) * columns + column) * perCell;
    return job < run.jobs ? job : -1;
  }, gridShown);
}
