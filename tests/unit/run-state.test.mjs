// www/run-state.js under node's own test runner: a run's state, from the
// progress events `run` sends, then from its report.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  RunState, STATE_NAMES, GLYPHS, WAITING, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED, ABORTED,
} from "../../www/run-state.js";
import { JOB_STATES } from "../../www/spec.js";
import { logOf } from "../../src/web/report.js";

/** The module's writer of log lines, as the glue's `logLines` is. */
const logLines = (kinds, starts, ends, waits) => logOf(kinds, starts, ends, waits, []);
/** A run's state, with the module's log writer. */
const runState = (options) => new RunState({ ...options, logLines });

/** A report with its columns, as the module's report.js makes one from the jobs' objects and log lines. */
function withColumns(report) {
  const columns = {
    states: Uint8Array.from(report.jobs, (job) => JOB_STATES.indexOf(job.state)),
    stateNames: JOB_STATES,
    workers: Int32Array.from(report.jobs, (job) => job.worker ?? -1),
    starts: Float64Array.from(report.jobs, (job) => job.startMs ?? NaN),
    ends: Float64Array.from(report.jobs, (job) => job.endMs ?? NaN),
    waits: Uint32Array.from(report.jobs, (job) => job.waitMs),
    log: { length: report.log.length, slice: (from, to) => report.log.slice(from, to) },
  };
  return Object.defineProperty(report, "columns", { value: columns });
}

const event = (type, jobId, worker, waitMs, atMs) => ({ type, jobId, worker, waitMs, atMs, ...(type === "queue" ? { count: 1 } : {}) });
/** Jobs `jobId` to `jobId + count - 1`, cancelled at once: one event for all. */
const cancel = (jobId, count, waitMs, atMs) => ({ ...event("cancel", jobId, null, waitMs, atMs), count });
const counts = (state) => Object.fromEntries(STATE_NAMES.map((name, code) => [name, state.counts[code]]).filter(([, n]) => n));

/** One worker, three jobs: #0 succeeds, #1 fails as it starts, #2 is cancelled in the queue. */
function failingRun() {
  const state = runState({ jobs: 3, workers: 1, queueLength: 2 });
  for (const e of [
    event("queue", 0, null, 10, 0),
    event("queue", 1, null, 999, 0),
    event("start", 0, 0, 10, 0.5),
    event("queue", 2, null, 5, 0.5),
    event("succeed", 0, 0, 10, 10.5),
    event("start", 1, 0, 999, 10.5),
    event("fail", 1, 0, 999, 10.5),
    cancel(2, 1, 5, 10.5),
  ]) state.apply(e);
  return state;
}

test("the state codes, names and glyphs are one list each, in the same order, ending with the module's", () => {
  assert.deepEqual([WAITING, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED, ABORTED], [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(STATE_NAMES, ["waiting", "queued", "running", ...JOB_STATES]);
  assert.equal(GLYPHS.length, STATE_NAMES.length);
  assert.equal(new Set(GLYPHS.slice(1)).size, GLYPHS.length - 1, "every state but waiting has a glyph of its own");
});

test("a new run has every job waiting, no worker busy and no log", () => {
  const state = runState({ jobs: 4, workers: 2, queueLength: 3, waits: [1, 2, 3, 4] });
  assert.deepEqual(counts(state), { waiting: 4 });
  assert.deepEqual([state.queued, state.running, state.ended, state.logLines], [0, 0, 0, 0]);
  assert.deepEqual([...state.current], [-1, -1]);
  assert.deepEqual([...state.worker], [-1, -1, -1, -1]);
  assert.deepEqual([...state.wait], [1, 2, 3, 4]);
  assert.deepEqual([state.failure, state.cancelAtMs, state.cancelWall, state.report, state.log], [null, null, null, null, null]);
  assert.deepEqual(state.logTail(), []);
  assert.equal(state.cancelOrigin, 0);
});

test("events move each job through its states, and the counts and meters follow", () => {
  const state = runState({ jobs: 2, workers: 1, queueLength: 2 });
  state.apply(event("queue", 0, null, 7, 0));
  state.apply(event("queue", 1, null, 8, 0));
  assert.deepEqual([counts(state), state.queued, state.running], [{ queued: 2 }, 2, 0]);
  state.apply(event("start", 0, 0, 7, 1));
  assert.deepEqual([counts(state), state.queued, state.running, [...state.current]], [{ queued: 1, running: 1 }, 1, 1, [0]]);
  assert.deepEqual([state.worker[0], state.start[0], state.wait[0], state.lastMs], [0, 1, 7, 1]);
  state.apply(event("succeed", 0, 0, 7, 8));
  assert.deepEqual([counts(state), state.running, state.ended, [...state.current], state.end[0]], [{ queued: 1, succeeded: 1 }, 0, 1, [-1], 8]);
});

test("the first failure is kept, and the cancellation starts there", () => {
  const state = failingRun();
  assert.deepEqual(counts(state), { succeeded: 1, failed: 1, canceled: 1 });
  assert.deepEqual([state.queued, state.running, state.ended], [0, 0, 3]);
  assert.deepEqual(state.failure, { job: 1, atMs: 10.5 });
  assert.equal(state.cancelAtMs, 10.5);
  assert.equal(typeof state.cancelWall, "number");
  assert.equal(state.cancelOrigin, 1);
  state.apply(event("fail", 2, 0, 5, 20));
  assert.deepEqual(state.failure, { job: 1, atMs: 10.5 }, "a later failure is not the first");
});

test("the log's tail has the original program's lines for starts, cancels and aborts", () => {
  const state = failingRun();
  assert.equal(state.logLines, 3);
  assert.deepEqual(state.logTail(), [
    "Working on the job #0. Wait for 10 ms.",
    "Working on the job #1. Wait for 999 ms.",
    "Canceled the job #2",
  ]);
  assert.deepEqual(state.logTail(1), ["Canceled the job #2"]);
  const aborted = runState({ jobs: 1, workers: 1, queueLength: 1 });
  aborted.apply(event("queue", 0, null, 500, 0));
  aborted.apply(event("start", 0, 0, 500, 0));
  aborted.apply(event("abort", 0, 0, 500, 3));
  assert.deepEqual(aborted.logTail(), ["Working on the job #0. Wait for 500 ms.", "Aborted the job #0 while it was waiting"]);
  assert.deepEqual([counts(aborted), aborted.running, aborted.current[0], aborted.end[0], aborted.cancelAtMs], [{ aborted: 1 }, 0, -1, 3, 3]);
});

test("one cancel event ends every job not started, queued or never fed", () => {
  const state = runState({ jobs: 6, workers: 1, queueLength: 2 });
  for (const e of [event("queue", 0, null, 1, 0), event("queue", 1, null, 1, 0), event("start", 0, 0, 1, 0), event("queue", 2, null, 1, 0)]) state.apply(e);
  state.apply(cancel(1, 5, 1, 0.5));
  assert.deepEqual(counts(state), { running: 1, canceled: 5 });
  assert.deepEqual([state.queued, state.ended, state.cancelAtMs, state.cancelOrigin], [0, 5, 0.5, 1]);
  assert.deepEqual(state.logTail(3), ["Canceled the job #3", "Canceled the job #4", "Canceled the job #5"]);
});

test("one queue event puts every job it names in the queue", () => {
  const state = runState({ jobs: 5, workers: 1, queueLength: 3 });
  state.apply({ ...event("queue", 0, null, 1, 0), count: 3 });
  assert.deepEqual([counts(state), state.queued], [{ waiting: 2, queued: 3 }, 3]);
});

test("with no queue, a job starts without having been queued", () => {
  const state = runState({ jobs: 1, workers: 1, queueLength: 0 });
  state.apply(event("start", 0, 0, 5, 0));
  assert.deepEqual([counts(state), state.queued, state.running], [{ running: 1 }, 0, 1]);
});

test("the log's tail keeps the last 200 lines, and counts them all", () => {
  const jobs = 250;
  const state = runState({ jobs, workers: 1, queueLength: 1 });
  for (let job = 0; job < jobs; job++) {
    state.apply(event("queue", job, null, job, job));
    state.apply(event("start", job, 0, job, job));
    state.apply(event("succeed", job, 0, job, job));
  }
  const tail = state.logTail();
  assert.equal(state.logLines, jobs);
  assert.equal(tail.length, 200);
  assert.equal(tail[0], "Working on the job #50. Wait for 50 ms.");
  assert.equal(tail.at(-1), "Working on the job #249. Wait for 249 ms.");
  assert.deepEqual(state.logTail(2), ["Working on the job #248. Wait for 248 ms.", "Working on the job #249. Wait for 249 ms."]);
  assert.equal(state.logTail(1000).length, 200);
});

test("takeChanged and takeEnded hand over what changed since they were last called", () => {
  const state = failingRun();
  assert.deepEqual(counts(state), { succeeded: 1, failed: 1, canceled: 1 });
  // One by one, the jobs that started and ended; in runs, those queued (three events) and cancelled (one).
  assert.deepEqual(state.takeChanged(), { jobs: [0, 0, 1, 1], runs: [0, 1, 1, 2, 2, 3, 2, 3] });
  assert.deepEqual(state.takeChanged(), { jobs: [], runs: [] });
  assert.deepEqual(state.takeEnded(), [0, 1], "a cancelled job never ran, so it ends no block on the timeline");
  assert.deepEqual(state.takeEnded(), []);
});

/** The failing run's report, as `run` resolves with it. */
const failingReport = () => withColumns({
  status: "failed",
  error: { jobId: 1, waitMs: 999, message: "cannot wait for more than 990 ms: job #1; 999 ms" },
  errors: [{ jobId: 1, waitMs: 999, message: "cannot wait for more than 990 ms: job #1; 999 ms" }],
  elapsedMs: 10.75,
  seed: null,
  jobs: [
    { id: 0, waitMs: 10, state: "succeeded", worker: 0, startMs: 0.5, endMs: 10.5 },
    { id: 1, waitMs: 999, state: "failed", worker: 0, startMs: 10.5, endMs: 10.5 },
    { id: 2, waitMs: 5, state: "canceled", worker: null, startMs: null, endMs: null },
  ],
  log: ["Working on the job #0. Wait for 10 ms.", "Working on the job #1. Wait for 999 ms.", "Canceled the job #2", "cannot wait for more than 990 ms: job #1; 999 ms"],
});

test("finish takes the report as the truth, from its columns", () => {
  const state = failingRun();
  state.takeChanged();
  const report = failingReport();
  state.finish(report);
  assert.equal(state.report, report);
  assert.deepEqual(counts(state), { succeeded: 1, failed: 1, canceled: 1 });
  assert.deepEqual(state.takeChanged(), { jobs: [], runs: [] }, "the events had told it all");
  assert.deepEqual([...state.worker], [0, 0, -1]);
  assert.deepEqual([...state.start], [0.5, 10.5, NaN]);
  assert.deepEqual([...state.end], [10.5, 10.5, NaN]);
  assert.deepEqual([...state.wait], [10, 999, 5]);
  assert.deepEqual([state.queued, state.running, state.ended, state.lastMs], [0, 0, 3, 10.75]);
  assert.equal(state.log, report.columns.log);
  assert.equal(state.logLines, 4);
  assert.deepEqual(state.failure, { job: 1, atMs: 10.5 });
  assert.equal(state.cancelOrigin, 1);
});

test("a queue and a cancel of many jobs are counted and set as runs", () => {
  const state = runState({ jobs: 10, workers: 1, queueLength: 4 });
  state.apply({ ...event("queue", 0, null, 0, 0), count: 4 });
  state.apply(event("start", 0, 0, 0, 0));
  state.apply({ ...event("queue", 4, null, 0, 0), count: 1 });
  assert.deepEqual(counts(state), { waiting: 5, queued: 4, running: 1 });
  assert.equal(state.queued, 4);
  // Jobs 1 to 4 are queued, 5 to 9 never fed: all ten but the one running are cancelled.
  state.apply(cancel(1, 9, 0, 1));
  assert.deepEqual(counts(state), { running: 1, canceled: 9 });
  assert.deepEqual([state.queued, state.ended], [0, 9]);
  assert.deepEqual([...state.state], [RUNNING, ...Array(9).fill(CANCELED)]);
  assert.deepEqual(state.takeChanged(), { jobs: [0], runs: [0, 4, 4, 5, 1, 10] });
});

test("finish corrects what the events did not tell, and finds where a stop's cancellation starts", () => {
  const state = runState({ jobs: 3, workers: 2, queueLength: 1 });
  state.apply(event("queue", 0, null, 50, 0));
  state.apply(event("start", 0, 0, 50, 0));
  state.takeChanged();
  state.finish(withColumns({
    status: "stopped", error: null, errors: [], elapsedMs: 5, seed: 3,
    jobs: [
      { id: 0, waitMs: 50, state: "aborted", worker: 0, startMs: 0, endMs: 5 },
      { id: 1, waitMs: 60, state: "canceled", worker: null, startMs: null, endMs: null },
      { id: 2, waitMs: 70, state: "canceled", worker: null, startMs: null, endMs: null },
    ],
    log: ["Working on the job #0. Wait for 50 ms.", "Aborted the job #0 while it was waiting", "Canceled the job #1", "Canceled the job #2"],
  }));
  assert.deepEqual(state.takeChanged(), { jobs: [0, 1, 2], runs: [] });
  assert.deepEqual(counts(state), { canceled: 2, aborted: 1 });
  assert.deepEqual([...state.current], [-1, -1]);
  assert.equal(state.failure, null);
  assert.equal(state.cancelOrigin, 0);
});

test("finish reads the report's columns, and not its million objects", () => {
  const state = runState({ jobs: 2, workers: 1, queueLength: 1 });
  const log = { length: 2, slice: (from, to) => ["Working on the job #0. Wait for 3 ms.", "Working on the job #1. Wait for 4 ms."].slice(from, to) };
  const report = { status: "completed", error: null, errors: [], elapsedMs: 7, seed: 1 };
  Object.defineProperty(report, "jobs", { get: () => assert.fail("the job objects were read") });
  Object.defineProperty(report, "columns", {
    // The module's own codes, which index its names: here in another order than the page's.
    value: { states: Uint8Array.of(1, 1), stateNames: ["failed", "succeeded"], workers: Int32Array.of(0, 0), starts: Float64Array.of(0, 3), ends: Float64Array.of(3, 7), waits: Uint32Array.of(3, 4), log },
  });
  state.finish(report);
  assert.deepEqual(counts(state), { succeeded: 2 });
  assert.deepEqual([...state.state], [SUCCEEDED, SUCCEEDED]);
  assert.deepEqual([...state.end], [3, 7]);
  assert.equal(state.log, log);
  assert.equal(state.logLines, 2);
});
