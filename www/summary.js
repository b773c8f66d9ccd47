// The run in words and numbers: the meters over the timeline (queue, running,
// done), the legend of states, and the summary under the grid.
import { STATE_NAMES, GLYPHS, SUCCEEDED, FAILED, CANCELED, ABORTED } from "./run-state.js";

/** The states a job ends in, in the order the legend and the summary give them. */
const ENDED = [SUCCEEDED, FAILED, CANCELED, ABORTED];

/** The meters over the timeline: the queue's depth, the workers busy, and the jobs done. */
export class Meters {
  #queue;
  #running;
  #done;
  /** The Ended bar: a segment per end state, so that a failed run is not a full green bar. */
  #ended;
  #segments;

  constructor(stage) {
    this.#queue = stage.querySelector(".meter.queue");
    this.#running = stage.querySelector(".meter.running");
    this.#done = stage.querySelector(".meter.done");
    this.#ended = this.#done.querySelector(".ended");
    this.#segments = ENDED.map((code) => this.#done.querySelector(`.seg.${STATE_NAMES[code]}`));
  }

  draw({ queued, queueLength, running, workers, ended, jobs, counts }) {
    meter(this.#queue, queued, queueLength);
    meter(this.#running, running, workers);
    meter(this.#done, ended, jobs);
    const label = counts && ended ? ENDED.map((code) => `${counts[code]} ${STATE_NAMES[code]}`).join(", ") : "No job has ended";
    if (this.#ended.getAttribute("aria-label") === label) return;
    this.#ended.setAttribute("aria-label", label);
    this.#ended.title = label;
    ENDED.forEach((code, i) => (this.#segments[i].style.width = `${counts && jobs ? (100 * counts[code]) / jobs : 0}%`));
  }
}

function meter(box, value, max) {
  const text = `${value} / ${max}`;
  const label = box.querySelector(".meter-value");
  if (label.textContent === text) return;
  label.textContent = text;
  const fill = box.querySelector(".meter-fill");
  if (fill) fill.style.width = `${max ? (100 * value) / max : 0}%`;
}

/** The legend's last item: the look of work done after the cancel, with cancel in-flight off. */
function late() {
  const item = document.createElement("li");
  const swatch = Object.assign(document.createElement("span"), { className: "swatch late", textContent: GLYPHS[SUCCEEDED] });
  swatch.setAttribute("aria-hidden", "true");
  item.append(swatch, "ran on after the cancel");
  return item;
}

/** The legend: each state the canvases show, with its swatch and glyph. */
export function drawLegend(legend) {
  legend.replaceChildren(...["running", ...ENDED.map((code) => STATE_NAMES[code])].map((name) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `swatch ${name}`;
    swatch.textContent = GLYPHS[STATE_NAMES.indexOf(name)];
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, name);
    return item;
  }), late());
}

/**
 * The summary of `run` at `nowMs`: its status (`paused` while it goes and is
 * paused, never for a moment of it), errors, elapsed time, counts per state, and once it has settled
 * how long the cancellation took and the seed.
 */
export function drawSummary(list, run, nowMs, { paused }) {
  const report = run.report;
  const rows = [];
  // A moment of a recorded run (the scrubber's) was running then, whatever the run does now.
  const status = report ? report.status : run.planned ? "not run yet" : paused && run.frozenAtMs === null ? "paused" : "running";
  rows.push(["Status", status, `status ${status.replaceAll(" ", "-")}`]);
  if (report && !report.errors.length) rows.push(["Error", "none"]);
  else if (report && report.errors.length > 1) {
    rows.push([`Errors (${report.errors.length})`, report.errors.map((error) => error.message).join("\n"), "error"]);
  } else if (report?.error) rows.push(["First error", report.error.message, "error"]);
  rows.push(["Elapsed", `${nowMs.toFixed(1)} ms`]);
  if (report?.timingDistorted) {
    rows.push(["Timing", `distorted: timers were held back, a job ending ${report.maxLateMs.toFixed(0)} ms after its wait (was the tab in the background?)`, "warning"]);
  }
  rows.push(["Jobs", ENDED.map((code) => `${GLYPHS[code]} ${run.counts[code]} ${STATE_NAMES[code]}`).join("   ")]);
  if (report && run.cancelAtMs !== null) {
    const from = run.failure?.atMs ?? run.cancelAtMs;
    rows.push(["Cancellation took", `${(report.elapsedMs - from).toFixed(1)} ms, from ${from.toFixed(1)} ms to the end`]);
  }
  // A page's own run (own-run.js) has no seed.
  if (report && report.seed !== undefined) rows.push(["Seed", report.seed === null ? "none: the waits were given" : String(report.seed)]);
  list.replaceChildren(...rows.flatMap(([term, text, className]) => {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = text;
    if (className) dd.className = className;
    return [dt, dd];
  }));
}
