// The teaching parts' logic under node: the recording and its replay, the
// narration from a run's figures, the code panel's lines per event, the
// settings' new checks, and the shared animation frame.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RunState, RUNNING, SUCCEEDED, FAILED, CANCELED, ABORTED } from "../../www/run-state.js";
import { Recording, MAX_EVENTS } from "../../www/recording.js";
import { narrate } from "../../www/narration.js";
import { explain } from "../../www/code-panel.js";
import { GO, RUST } from "../../www/code.js";
import { readSettings, describeError } from "../../www/settings.js";
import { JOB_STATES, LOG_KINDS } from "../../www/spec.js";
import { logOf } from "../../src/web/report.js";

const logLines = (kinds, starts, ends, waits) => logOf(kinds, starts, ends, waits, LOG_KINDS, []);
const setup = { jobs: 4, workers: 2, queueLength: 4, waits: [100, 300, 2000, 50], logLines };

/** Job #2 fails at 100 ms while #1 runs; #3 was queued. */
const EVENTS = [
  { type: "queue", jobId: 0, count: 4, atMs: 0, waitMs: 100 },
  { type: "start", jobId: 0, worker: 0, waitMs: 100, atMs: 0 },
  { type: "start", jobId: 1, worker: 1, waitMs: 300, atMs: 0 },
  { type: "succeed", jobId: 0, worker: 0, waitMs: 100, atMs: 100 },
  { type: "start", jobId: 2, worker: 0, waitMs: 2000, atMs: 100 },
  { type: "fail", jobId: 2, worker: 0, waitMs: 2000, atMs: 100 },
  { type: "cancel", jobId: 3, count: 1, atMs: 100 },
  { type: "abort", jobId: 1, worker: 1, waitMs: 300, atMs: 100 },
];

function recorded() {
  const recording = new Recording(setup);
  for (const event of EVENTS) recording.push(event);
  return recording;
}

test("a recording replays the run as it stood after any of its events", () => {
  const recording = recorded();
  assert.equal(recording.length, EVENTS.length);
  assert.equal(recording.countAt(0), 3);
  assert.equal(recording.countAt(99.9), 3);
  assert.equal(recording.countAt(100), 8);
  const before = recording.replay(3, 50);
  assert.equal(before.frozenAtMs, 50);
  assert.equal(before.running, 2);
  assert.equal(before.queued, 2);
  assert.deepEqual(before.lastEvent, { type: "start", jobId: 1, count: 1, worker: 1, waitMs: 300, atMs: 0 });
  const failed = recording.replay(6, 100);
  assert.equal(failed.state[2], FAILED);
  assert.equal(failed.state[1], RUNNING);
  assert.deepEqual(failed.failure, { job: 2, atMs: 100 });
  const all = recording.replay(8, 100);
  assert.deepEqual([...all.state], [SUCCEEDED, ABORTED, FAILED, CANCELED]);
  // A replay never plays the cancellation's spreading again.
  assert.equal(all.cancelWall, -Infinity);
});

test("a recording of too many events keeps none, and says so", () => {
  const recording = new Recording({ ...setup, jobs: 1 });
  for (let i = 0; i <= MAX_EVENTS; i++) recording.push({ type: "queue", jobId: 0, count: 1, atMs: i, waitMs: 0 });
  assert.equal(recording.complete, false);
  assert.equal(recording.length, 0);
});

test("the narration is built from the run's own figures", () => {
  const run = new RunState(setup);
  for (const event of EVENTS) run.apply(event);
  const report = { status: "failed", elapsedMs: 100.4, error: { jobId: 2, waitMs: 2000 }, columns: { starts: Float64Array.from([0, 0, 100, NaN]), waits: Uint32Array.from(setup.waits) } };
  run.report = report;
  assert.equal(narrate(run),
    "Job #2 failed at 100 ms (its wait, 2000 ms, is over the threshold) → the queue closed: 1 waiting job canceled → " +
    "1 running job aborted, their timers cleared → the run settled 0 ms later. Go's errgroup would have waited 200 ms more, for those jobs to finish.");
  run.report = { ...report, status: "completed", error: null };
  assert.match(narrate(run, { failFast: true }), /^Every job succeeded/);
  run.report = null;
  assert.equal(narrate(run), null);
});

test("each event lights the lines code.js marks, in both languages", () => {
  for (const event of EVENTS) {
    const { go, rust, text } = explain(event);
    assert.ok(text.length > 20, event.type);
    for (const mark of go) assert.ok(GO.marks[mark] > 0, `Go has no ${mark}`);
    for (const mark of rust) assert.ok(RUST.marks[mark] > 0, `Rust has no ${mark}`);
  }
  assert.deepEqual(explain(EVENTS[5]).go, ["fail", "errReturn"]);
  assert.match(explain({ type: "succeed", jobId: 1, worker: 1 }, { cancelInFlight: false, failedBefore: true }).text, /as Go's workers do/);
  assert.deepEqual(explain(null), { go: [], rust: [], text: "Nothing has happened yet." });
});

test("autorun=0 is off; a setting given twice is noted; 2^64 is said as written; an empty value is nothing", () => {
  assert.equal(readSettings([["autorun", "0"]]).autorun, false);
  assert.equal(readSettings([["autorun", "off"]]).autorun, false);
  assert.equal(readSettings([["autorun", "1"]]).autorun, true);
  assert.deepEqual(readSettings([["workers", "2"], ["workers", "3"]]).repeated, { name: "workers", texts: ["2", "3"] });
  assert.equal(readSettings([["workers", "2"]]).repeated, null);
  assert.equal(readSettings([["at", "3144.5"], ["event", "12"], ["preset", "article"]]).unknown, null);
  const error = (option, expected, got) => Object.assign(new RangeError("x"), { option, expected, got });
  const texts = new Map([["seed", "18446744073709551616"]]);
  assert.equal(describeError(error("seed", "an integer from 0 to 9007199254740991", "18446744073709552000"), new Map(), texts), "seed must be an integer from 0 to 9007199254740991, got 18446744073709551616");
  assert.equal(describeError(error("maxWaitMs", "an integer from 1 to 600000", '"" (a string)'), new Map([["maxWaitMs", "Max wait (ms)"]])), "Max wait (ms) must be an integer from 1 to 600000, got nothing");
});

test("frame.js draws every element in one animation frame, reads first, and leaves what is over budget to the next", async () => {
  const frames = [];
  globalThis.requestAnimationFrame = (callback) => frames.push(callback);
  const { requestFrame, cancelFrame, FRAME_BUDGET_MS } = await import("../../www/frame.js");
  const order = [];
  const draw = (name, ms = 0) => () => {
    order.push(name);
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  const a = draw("a"), b = draw("b", FRAME_BUDGET_MS + 2), c = draw("c"), d = draw("d");
  requestFrame(a, () => order.push("read a"));
  requestFrame(b, () => order.push("read b"));
  requestFrame(a);
  requestFrame(c);
  requestFrame(d);
  cancelFrame(d);
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(order, ["read a", "read b", "a", "b"]);
  // c went over budget: it is first in the next frame.
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(order.slice(4), ["c"]);
  assert.equal(frames.length, 0);
  delete globalThis.requestAnimationFrame;
});
