// Every job can be named by keyboard, as hover and tap name it (tooltips.js):
// the timeline and the grid each take the focus (Tab), the arrow keys go from
// job to job (on the timeline along a worker's lane, and from lane to lane;
// on the grid cell by cell, and row by row), a ring marks the job, and the
// job readout beside the legend, a polite live region, says its number,
// state, worker and times.
import { RUNNING } from "./run-state.js";
import { gridLayout } from "./grid.js";
import { laneGeometry, barEnd } from "./timeline.js";
import { describeJob } from "./tooltips.js";

// Imported with naming the job under the pointer, which comes in the same file (name-jobs.js).
export { listenPointer } from "./tooltips.js";

const KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

/** Whether job `job` of `run` has started: it has a bar on the timeline. */
const started = (run, job) => job >= 0 && job < run.jobs && run.state[job] >= RUNNING && run.worker[job] >= 0;

/** The jobs of worker `worker`'s lane, in the order of their starts. */
function laneJobs(run, worker) {
  const jobs = [];
  for (let job = 0; job < run.jobs; job++) if (run.worker[job] === worker && run.state[job] >= RUNNING) jobs.push(job);
  return jobs.sort((a, b) => run.start[a] - run.start[b] || a - b);
}

/** The job of `jobs` (a lane's) running at `ms`, or the last to start before it, or the first. */
function nearest(run, jobs, ms) {
  let found = jobs[0];
  for (const job of jobs) if (run.start[job] <= ms) found = job;
  return found;
}

/**
 * The job `key` goes to on the timeline from `job` (-1, or a job with no bar:
 * the first to start): Left and Right along its lane, Home and End to the
 * lane's first and last, Up and Down to the lane above or below (the job
 * there at `atMs`: the time the keys went up or down from, kept as an
 * editor keeps its column). Where there is none (or another key), `job`; -1
 * if no job has a bar.
 */
export function timelineStep(run, job, key, atMs = run.start[job]) {
  if (!started(run, job)) {
    let first = -1;
    for (let j = 0; j < run.jobs; j++) if (started(run, j) && (first < 0 || run.start[j] < run.start[first])) first = j;
    return first;
  }
  const worker = run.worker[job];
  const lane = laneJobs(run, worker);
  const at = lane.indexOf(job);
  if (key === "ArrowRight") return lane[at + 1] ?? job;
  if (key === "ArrowLeft") return lane[at - 1] ?? job;
  if (key === "Home") return lane[0];
  if (key === "End") return lane.at(-1);
  const by = key === "ArrowDown" ? 1 : key === "ArrowUp" ? -1 : 0;
  for (let w = worker + by; by && w >= 0 && w < run.workers; w += by) {
    const other = laneJobs(run, w);
    if (other.length) return nearest(run, other, atMs);
  }
  return job;
}

/**
 * The job `key` goes to on the grid of `columns` columns, `perCell` jobs a
 * cell (a cell shows its first): the next or previous cell, the row below or
 * above, the first or the last. Where there is none (or another key), `job`;
 * from -1, the first.
 */
export function gridStep(run, job, key, { columns, perCell }) {
  const last = Math.floor((run.jobs - 1) / perCell) * perCell;
  if (job < 0 || job > last || key === "Home") return 0;
  if (key === "End") return last;
  const by = { ArrowRight: perCell, ArrowLeft: -perCell, ArrowDown: columns * perCell, ArrowUp: -columns * perCell }[key] ?? 0;
  const to = job + by;
  return to < 0 || to > last ? job : to;
}

/**
 * Lets the keyboard name the jobs of the timeline and the grid, until `signal`
 * aborts. Returns `refresh()`, which the
 * stage calls after each draw, so that a ring follows its job's bar or cell
 * as the run goes, or a step changes it.
 */
export function listenJobKeys({ signal, timelineCanvas, gridCanvas, timeline, shown, gridShown, readout }) {
  const rings = [];
  const track = (canvas, step, place, shown) => {
    const ring = Object.assign(document.createElement("span"), { className: "job-ring", hidden: true });
    canvas.after(ring);
    let job = -1;
    /** The time Up and Down go from: the middle of the job named before them. */
    let atMs = 0;
    const mark = () => {
      // Nothing is read of the layout, nor written, unless the canvas has the
      // focus: the stage calls this after every draw, of thirty elements perhaps.
      const run = canvas.getRootNode().activeElement === canvas ? shown() : null;
      const box = run && job >= 0 && job < run.jobs ? place(run, job, canvas.clientWidth, canvas.clientHeight) : null;
      if (!box) {
        if (!ring.hidden) ring.hidden = true;
        return;
      }
      ring.hidden = false;
      Object.assign(ring.style, { left: `${canvas.offsetLeft + box.x - 2}px`, top: `${canvas.offsetTop + box.y - 2}px`, width: `${box.width + 4}px`, height: `${box.height + 4}px` });
    };
    const go = (key) => {
      const run = shown();
      if (!run) return;
      job = step(run, job, key, canvas.clientWidth, atMs);
      if (job >= 0 && key !== "ArrowUp" && key !== "ArrowDown") atMs = (run.start[job] + barEnd(run, job)) / 2;
      // The words first: they may change the layout, which the ring is placed in.
      readout.textContent = job >= 0 ? describeJob(run, job) : "No job has started yet.";
      mark();
    };
    // Focused by keyboard, the job named last, or the first; by a tap or a click, the job there (tooltips.js).
    canvas.addEventListener("focus", () => canvas.matches(":focus-visible") && go(""), { signal });
    canvas.addEventListener("blur", () => (ring.hidden = true), { signal });
    canvas.addEventListener("keydown", (event) => {
      if (!KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      go(event.key);
    }, { signal });
    // Imported at the first focus (name-jobs.js): the focus it came for names its job now.
    if (canvas.getRootNode().activeElement === canvas && canvas.matches(":focus-visible")) go("");
    rings.push(mark);
  };
  track(timelineCanvas, (run, job, key, width, atMs) => timelineStep(run, job, key, atMs), (run, job, width, height) => {
    if (!started(run, job)) return null;
    const { x, lane } = laneGeometry({ width, height, span: timeline.drawn.span, workers: run.workers });
    return { x: x(run.start[job]), y: run.worker[job] * lane, width: Math.max(3, x(barEnd(run, job)) - x(run.start[job])), height: lane };
  }, shown);
  track(gridCanvas, (run, job, key, width) => gridStep(run, job, key, gridLayout(run.jobs, width)), (run, job, width) => {
    const { size, columns, perCell } = gridLayout(run.jobs, width);
    const cell = Math.floor(job / perCell);
    return { x: (cell % columns) * size, y: Math.floor(cell / columns) * size, width: size, height: size };
  }, gridShown);
  return () => rings.forEach((mark) => mark());
}
