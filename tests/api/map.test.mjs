// map's own promises, beyond its peers': the cancel is real (the running
// mappers' signals aborted in the tick of the failure, no mapper called
// after it, late results dropped, no unhandled rejection), the input is
// pulled only while the queue has room, errors come back as they were
// thrown, and bad arguments are named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { map, PauseController, delay, rejection, unhandledRejections } from "./harness.mjs";

/** A mapper of jobs that each wait `ms`, fail if `fails(item)`, record what happens, and ignore their signal unless `listen`. */
function recorder({ ms = () => 1000, fails = () => false, listen = true } = {}) {
  const log = { called: [], aborted: [], settled: [] };
  const mapper = (item, { signal, index }) => {
    log.called.push(index);
    if (listen) signal.addEventListener("abort", () => log.aborted.push(index));
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        log.settled.push(index);
        if (fails(item)) reject(new Error(`job ${index} failed`));
        else resolve(item);
      }, ms(item));
    });
  };
  return { log, mapper };
}

test("the first failure aborts every running job's signal before the next task, and no mapper is called after it", async () => {
  const order = [];
  const mapper = (item, { signal, index }) => {
    signal.addEventListener("abort", () => order.push(`abort ${index}`));
    order.push(`call ${index}`);
    if (item === "fail") {
      return new Promise((_, reject) => setTimeout(() => {
        reject(new Error("boom"));
        // The task after the failing one's: every abort must come before it.
        setTimeout(() => order.push("next task"));
      }, 50));
    }
    return delay(1000, item);
  };
  const error = await rejection(map(["a", "b", "fail", "c", "d", "e"], mapper, { workers: 4 }));
  assert.equal(error.message, "boom");
  await delay(20);
  assert.deepEqual(order, ["call 0", "call 1", "call 2", "call 3", "abort 0", "abort 1", "abort 3", "next task"]);
});

test("a mapper that ignores its signal is still aborted: its late result and rejection are dropped, and nothing is unhandled", async () => {
  const events = [];
  const { log, mapper } = recorder({ ms: (item) => item, fails: (item) => item !== 300, listen: false });
  const error = await rejection(map([300, 50, 200, 250], mapper, { workers: 4, onProgress: (event) => events.push(event) }));
  assert.equal(error.message, "job 1 failed");
  await delay(300);
  // Every mapper settled in the end, two of them by rejecting, after the run was over.
  assert.deepEqual(log.settled.sort(), [0, 1, 2, 3]);
  assert.deepEqual(events.filter((event) => event.type === "abort").map((event) => event.jobId).sort(), [0, 2, 3]);
  const failed = events.filter((event) => event.type === "fail");
  assert.deepEqual(failed.map((event) => [event.jobId, event.error.message]), [[1, "job 1 failed"]]);
  assert.deepEqual(await unhandledRejections(), []);
});

test("without cancelInFlight the running jobs finish, their signals never aborted, and the first error still rejects at once", async () => {
  const { log, mapper } = recorder({ ms: (item) => item, fails: (item) => item === 20 });
  const error = await rejection(map([200, 20, 300, 10], mapper, { workers: 2, cancelInFlight: false }));
  assert.equal(error.message, "job 1 failed");
  await delay(400);
  assert.deepEqual(log.called, [0, 1]);
  assert.deepEqual(log.aborted, []);
  assert.deepEqual(log.settled, [1, 0]);
});

test("without failFast every job runs, and the AggregateError holds every error in the order they failed", async () => {
  const { log, mapper } = recorder({ ms: (item) => item, fails: (item) => item % 2 === 1 });
  const error = await rejection(map([41, 10, 21, 30, 1], mapper, { workers: 5, failFast: false }));
  assert.ok(error instanceof AggregateError);
  assert.deepEqual(error.errors.map((e) => e.message), ["job 4 failed", "job 2 failed", "job 0 failed"]);
  assert.deepEqual(log.called, [0, 1, 2, 3, 4]);
  assert.deepEqual(log.aborted, []);
});

test("a signal stops the run: the queued jobs are never called, the running ones are aborted, and it rejects with the signal's reason", async () => {
  const controller = new AbortController();
  const { log, mapper } = recorder();
  const reason = new Error("enough");
  setTimeout(() => controller.abort(reason), 30);
  assert.equal(await rejection(map(Array.from({ length: 20 }, (_, i) => i), mapper, { workers: 3, signal: controller.signal })), reason);
  assert.deepEqual([log.called, log.aborted.sort()], [[0, 1, 2], [0, 1, 2]]);
  assert.deepEqual(await unhandledRejections(), []);
});

test("errors come back as they were thrown: a string, undefined, an object", async () => {
  for (const thrown of ["plain", undefined, { code: 7 }, 0]) {
    assert.equal(await rejection(map([1], () => { throw thrown; })), thrown);
    assert.equal(await rejection(map([1], async () => { throw thrown; })), thrown);
  }
  const item = Promise.reject(new Error("the item"));
  assert.equal((await rejection(map([item], (x) => x))).message, "the item");
});

test("values, promises and thenables a mapper returns are kept in input order", async () => {
  const thenable = { then: (resolve) => setTimeout(() => resolve("thenable"), 5) };
  assert.deepEqual(await map([0, 1, 2, 3], (i) => [i, delay(10, "promise"), thenable, undefined][i]), [0, "promise", "thenable", undefined]);
});

test("the input is pulled only while the queue has room, and closed when the run stops", async () => {
  let pulled = 0;
  let started = 0;
  let closed = false;
  function* endless() {
    try {
      for (;;) {
        pulled++;
        yield pulled;
      }
    } finally {
      closed = true;
    }
  }
  const controller = new AbortController();
  const most = [];
  const run = rejection(map(endless(), async () => {
    started++;
    most.push(pulled - started);
    await delay(5);
  }, { workers: 2, queueLength: 3, signal: controller.signal }));
  await delay(60);
  controller.abort();
  await run;
  assert.ok(started > 4, `${started} started`);
  // At most the queue's 3 and the one a worker is being handed are pulled ahead.
  assert.ok(Math.max(...most) <= 4, `pulled ahead: ${Math.max(...most)}`);
  assert.equal(closed, true);
});

test("an async input that rejects rejects the run with its error, and aborts the running jobs", async () => {
  const { log, mapper } = recorder();
  async function* failing() {
    yield 1;
    yield 2;
    await delay(20);
    throw new Error("the input broke");
  }
  assert.equal((await rejection(map(failing(), mapper, { workers: 4 }))).message, "the input broke");
  assert.deepEqual([log.called, log.aborted.sort()], [[0, 1], [0, 1]]);
});

test("paused, no mapper is called until it resumes", async () => {
  const pause = new PauseController();
  pause.pause();
  let called = 0;
  const run = map([1, 2, 3], (x) => (called++, x), { pause });
  await delay(30);
  assert.equal(called, 0);
  pause.resume();
  assert.deepEqual(await run, [1, 2, 3]);
});

test("bad arguments reject before anything runs, naming the argument", async () => {
  let touched = false;
  const input = { [Symbol.iterator]: () => { touched = true; return [][Symbol.iterator](); } };
  const cases = [
    [() => map(input, null), TypeError, "mapper must be a function, got null"],
    [() => map(input, (x) => x, { onProgress: 3 }), TypeError, "onProgress must be a function, got 3"],
    [() => map(input, (x) => x, { signal: {} }), TypeError, /^signal must be an AbortSignal, got /],
    [() => map(input, (x) => x, { queueLength: -1 }), RangeError, "queueLength must be an integer from 0 to 1000000, got -1"],
    [() => map(input, (x) => x, { jobs: 3 }), TypeError, /^unknown option "jobs"; map's options are workers, queueLength, cancelInFlight, failFast, devtools, signal, pause, onProgress$/],
    [() => map(input, (x) => x, { workrs: 3 }), TypeError, 'unknown option "workrs"; did you mean "workers"?'],
    [() => map(input, (x) => x, []), TypeError, /^options must be an object, got /],
    [() => map(undefined, (x) => x), TypeError, "input must be an iterable or an async iterable, got undefined"],
  ];
  for (const [call, type, message] of cases) {
    const error = await rejection(call());
    assert.ok(error instanceof type, `${error}`);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
  }
  assert.equal(touched, false);
});

test("onProgress sees each job queue, start and end, with the worker that ran it", async () => {
  const events = [];
  await map(["a", "b", "c"], (x) => delay(5, x), { workers: 2, onProgress: (event) => events.push(event) });
  const of = (type) => events.filter((event) => event.type === type);
  assert.deepEqual(of("start").map((event) => event.jobId), [0, 1, 2]);
  assert.deepEqual(of("succeed").map((event) => event.jobId).sort(), [0, 1, 2]);
  assert.equal(of("queue").reduce((sum, event) => sum + event.count, 0), 3);
  assert.ok(of("start").every((event) => event.worker === 0 || event.worker === 1));
  assert.ok(events.every((event, i) => i === 0 || event.atMs >= events[i - 1].atMs));
});
