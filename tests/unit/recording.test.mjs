// www/recording.js under node's own test runner: a run's events, kept as
// they came, and the run replayed from them as it stood at any moment.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RUNNING, FAILED, SUCCEEDED, CANCELED, ABORTED } from "../../www/run-state.js";
import { Recording, MAX_EVENTS } from "../../www/recording.js";
import { emitProgress } from "../../src/web/tasks.js";
import { EVENT_TYPES } from "../../www/spec.js";
import { setup, EVENTS } from "./run-fixture.mjs";

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
  assert.deepEqual(before.lastEvent, { type: "start", jobId: 1, worker: 1, waitMs: 300, atMs: 0 });
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
  for (let i = 0; i <= MAX_EVENTS; i++) recording.push({ type: "queue", jobId: 0, count: 1, worker: null, waitMs: 0, atMs: i });
  assert.equal(recording.complete, false);
  assert.equal(recording.length, 0);
});


test("a replayed event is the live one: named fields, null for no worker, a count for a queue or a cancel only", () => {
  // The events as the module hands them to onProgress (emitProgress's arguments are Rust's).
  const live = [];
  const take = (event) => live.push(event);
  // The event's type comes as its code (EventKind's, in src/report.rs).
  const code = (type) => EVENT_TYPES.indexOf(type);
  emitProgress(take, code("queue"), 0, 2, undefined, 100, 0);
  emitProgress(take, code("start"), 0, undefined, 1, 100, 0.5);
  emitProgress(take, code("cancel"), 1, 1, undefined, 300, 0.5);
  assert.deepEqual(live, [
    { type: "queue", jobId: 0, count: 2, worker: null, waitMs: 100, atMs: 0 },
    { type: "start", jobId: 0, worker: 1, waitMs: 100, atMs: 0.5 },
    { type: "cancel", jobId: 1, count: 1, worker: null, waitMs: 300, atMs: 0.5 },
  ]);
  const recording = new Recording({ ...setup, jobs: 2 });
  for (const event of live) recording.push(event);
  live.forEach((event, i) => assert.deepEqual(recording.event(i), event));
  assert.deepEqual(recording.replay(2, 0.5).lastEvent, live[1]);
});
