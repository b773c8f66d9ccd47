// www/job-keys.js under node: where the arrow keys go from job to job, on the
// timeline and on the grid (the page test names jobs by keyboard in Chromium).
import { test } from "node:test";
import assert from "node:assert/strict";
import { RunState } from "../../www/run-state.js";
import { timelineStep, gridStep } from "../../www/job-keys.js";
import { setup, EVENTS } from "./run-fixture.mjs";

/** The fixture's run after its first `count` events. */
function runAfter(count = EVENTS.length) {
  const run = new RunState(setup);
  for (const event of EVENTS.slice(0, count)) run.apply(event);
  return run;
}

test("on the timeline, the keys go along a worker's lane, and from lane to lane at the time they left", () => {
  const run = runAfter();
  // W0 ran #0 (0–100 ms), then #2 (failed at 100 ms); W1 ran #1 (0–100 ms, aborted). #3 never started.
  assert.equal(timelineStep(run, -1, ""), 0, "the focus names the first job to start");
  assert.equal(timelineStep(run, 0, "ArrowRight"), 2);
  assert.equal(timelineStep(run, 2, "ArrowRight"), 2, "the lane's last stays");
  assert.equal(timelineStep(run, 2, "ArrowLeft"), 0);
  assert.equal(timelineStep(run, 0, "End"), 2);
  assert.equal(timelineStep(run, 2, "Home"), 0);
  assert.equal(timelineStep(run, 0, "ArrowDown"), 1);
  assert.equal(timelineStep(run, 1, "ArrowDown"), 1, "no lane below");
  assert.equal(timelineStep(run, 1, "ArrowUp", 100), 2, "the job of W0 at 100 ms");
  assert.equal(timelineStep(run, 1, "ArrowUp", 50), 0, "the job of W0 at 50 ms");
  assert.equal(timelineStep(run, 3, "ArrowRight"), 0, "a job with no bar: the first");
  assert.equal(timelineStep(run, 0, "a"), 0, "another key stays");
});

test("on the timeline of a run that has not started a job, there is none to name", () => {
  assert.equal(timelineStep(runAfter(1), -1, ""), -1);
  // At a moment of the run, only the jobs started by then.
  const early = runAfter(3);
  assert.equal(timelineStep(early, 0, "ArrowRight"), 0);
  assert.equal(timelineStep(early, 0, "ArrowDown"), 1);
});

test("on the grid, the keys go cell by cell and row by row, and stop at its ends", () => {
  const run = runAfter();
  const layout = { columns: 3, perCell: 1 };
  assert.equal(gridStep(run, -1, "", layout), 0);
  assert.equal(gridStep(run, 0, "ArrowRight", layout), 1);
  assert.equal(gridStep(run, 1, "ArrowLeft", layout), 0);
  assert.equal(gridStep(run, 0, "ArrowLeft", layout), 0);
  assert.equal(gridStep(run, 0, "ArrowDown", layout), 3);
  assert.equal(gridStep(run, 1, "ArrowDown", layout), 1, "no cell below");
  assert.equal(gridStep(run, 3, "ArrowUp", layout), 0);
  assert.equal(gridStep(run, 1, "End", layout), 3);
  assert.equal(gridStep(run, 3, "Home", layout), 0);
  // A cell of two jobs shows its first.
  assert.equal(gridStep(run, 0, "ArrowRight", { columns: 2, perCell: 2 }), 2);
  assert.equal(gridStep(run, 2, "End", { columns: 2, perCell: 2 }), 2);
});
