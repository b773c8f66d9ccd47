// p-limit's own tests (sindresorhus/p-limit, test.js), where they apply to
// map: a limit of `workers` over a list of functions is map over the list.
// p-limit's counts (activeCount, pendingCount), its changing concurrency
// and limitFunction have no counterpart; its clearQueue is map's signal,
// which aborts the running jobs too (a name below says so).
import { test } from "node:test";
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { map, delay, timeSpan, randomInt, rejection } from "./harness.mjs";

test("concurrency: 1", async () => {
  const end = timeSpan();
  const input = [[10, 300], [20, 200], [30, 100]];
  assert.deepEqual(await map(input, async ([value, ms]) => delay(ms, value), { workers: 1 }), [10, 20, 30]);
  assert.ok(end() >= 590, `${end()} ms: one at a time`);
});

test("concurrency: 4", async () => {
  const concurrency = 5;
  let running = 0;
  let most = 0;
  await map(Array.from({ length: 100 }), async () => {
    running++;
    most = Math.max(most, running);
    await delay(randomInt(30, 200));
    running--;
  }, { workers: concurrency });
  assert.equal(most, concurrency);
});

// Not yet: wasm-bindgen-futures polls every run from one queue of microtasks,
// so a mapper runs in the async context of whatever filled it. Browsers have
// no AsyncContext to carry it, and node's would need node:async_hooks in the
// module; it runs as a todo, so the day it passes is seen.
test("propagates async execution context properly", { todo: "the mapper does not run in map's caller's async context" }, async () => {
  const store = new AsyncLocalStorage();
  const seen = [];
  await Promise.all(Array.from({ length: 20 }, (_, id) => store.run({ id }, () => map([id], async (item) => {
    await Promise.resolve();
    seen.push([item, store.getStore()?.id]);
  }, { workers: 2 }))));
  assert.equal(seen.length, 20);
  for (const [item, id] of seen) assert.equal(id, item);
});

test("non-promise returning function", async () => {
  assert.deepEqual(await map([1], () => null, { workers: 1 }), [null]);
});

test("continues after sync throw (failFast off)", async () => {
  let ran = false;
  const jobs = [() => { throw new Error("err"); }, () => { ran = true; }];
  const error = await rejection(map(jobs, (job) => job(), { workers: 1, failFast: false }));
  assert.deepEqual(error.errors.map((e) => e.message), ["err"]);
  assert.equal(ran, true);
});

test("does not continue after sync throw with failFast (differs on purpose: the first failure cancels the run)", async () => {
  let ran = false;
  const jobs = [() => { throw new Error("err"); }, () => { ran = true; }];
  assert.equal((await rejection(map(jobs, (job) => job(), { workers: 1 }))).message, "err");
  await delay(10);
  assert.equal(ran, false);
});

test("does not ignore errors", async () => {
  const error = new Error("🦄");
  const jobs = [async () => delay(30), async () => { await delay(80); throw error; }, async () => delay(50)];
  assert.equal(await rejection(map(jobs, (job) => job(), { workers: 1 })), error);
});

test("runs all tasks asynchronously", async () => {
  let value = 1;
  const result = map([() => 1, () => value], (job) => job(), { workers: 3 });
  value = 2;
  assert.deepEqual(await result, [1, 2]);
});

test("clearQueue (differs on purpose: the signal drops the queue and aborts the running job)", async () => {
  const controller = new AbortController();
  const started = [];
  const aborted = [];
  const run = rejection(map([0, 1, 2, 3], (item, { signal }) => {
    started.push(item);
    signal.addEventListener("abort", () => aborted.push(item));
    return delay(1000);
  }, { workers: 1, signal: controller.signal }));
  await delay(10);
  controller.abort();
  assert.equal((await run).name, "AbortError");
  await delay(10);
  assert.deepEqual([started, aborted], [[0], [0]]);
});

test("map", async () => {
  assert.deepEqual(await map([1, 2, 3, 4, 5, 6, 7], (input) => input + 1, { workers: 1 }), [2, 3, 4, 5, 6, 7, 8]);
});

test("map passes index and preserves order with concurrency", async () => {
  const inputs = [10, 10, 10, 10, 10];
  const results = await map(inputs, async (value, { index }) => {
    await delay((inputs.length - index) * 5);
    return value + index;
  }, { workers: 3 });
  assert.deepEqual(results, [10, 11, 12, 13, 14]);
});

test("map accepts an iterable (set)", async () => {
  assert.deepEqual(await map(new Set([1, 2, 3, 4]), (input) => input * 2, { workers: 2 }), [2, 4, 6, 8]);
});

test("map accepts an iterable (array iterator)", async () => {
  assert.deepEqual(await map([1, 2, 3, 4].values(), (input) => input * 2, { workers: 2 }), [2, 4, 6, 8]);
});

test("throws on invalid concurrency argument (differs on purpose: undefined is the default, and the error names workers)", async () => {
  for (const [workers, type] of [[0, RangeError], [-1, RangeError], [1.2, RangeError], [true, TypeError], [{}, TypeError]]) {
    const error = await rejection(map([], () => {}, { workers }));
    assert.ok(error instanceof type, `${workers}: ${error}`);
    assert.match(error.message, /^workers must be an integer from 1 to 10000, got /);
  }
  assert.deepEqual(await map([1], (x) => x, { workers: undefined }), [1]);
});
