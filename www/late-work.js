// Work done after the cancel: with cancel in-flight off, as Go's time.Sleep,
// the jobs running at the cancel run on to the end of their waits. The part
// of their bars past the cancel is veiled on the timeline, a look of its own
// (the legend's "ran on after the cancel"), so that it does not read as
// ordinary success.
import { RUNNING, SUCCEEDED } from "./run-state.js";

/** Up to this many jobs, the work done after the cancel is looked for each frame. */
const LATE_JOBS = 20_000;

/** Veils, on `c`, the part past `cancelAt` of each bar of `run` that ran on after it; `x` maps ms to pixels. */
export function paintLateWork(c, run, colors, { x, lane, bar }, cancelAt, nowMs) {
  if (run.jobs > LATE_JOBS || lane < 1) return;
  c.fillStyle = colors.background;
  c.globalAlpha = 0.55;
  for (let job = 0; job < run.jobs; job++) {
    const state = run.state[job];
    if ((state !== SUCCEEDED && state !== RUNNING) || run.worker[job] < 0 || run.start[job] >= cancelAt) continue;
    const end = state === RUNNING ? nowMs : run.end[job];
    if (end <= cancelAt) continue;
    c.fillRect(x(cancelAt) + 1, run.worker[job] * lane + (lane - bar) / 2, x(end) - x(cancelAt) - 2, bar);
  }
  c.globalAlpha = 1;
}
