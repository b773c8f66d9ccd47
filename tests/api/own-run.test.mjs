// map's runs as <dispatcher-demo> draws them (www/own-run.js), with the real
// map under node and the element's parts stood in for: what the stage is
// given (a RunState that grows as map pulls the input), the report made when
// map settles, its log with the errors' own messages, and the controls' words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { map, delay, rejection, unhandledRejections } from "./harness.mjs";
import { startOwnRun } from "../../www/own-run.js";
import { STATE_NAMES } from "../../www/run-state.js";

/** The element's parts, stood in for: each part by selector, the stage's last RunState, and what the controls said. */
function fakeView({ stopDemo = () => Promise.resolve(), attributes = [] } = {}) {
  const parts = new Map();
  const view = {
    host: { removeAttribute() {}, hasAttribute: (name) => attributes.includes(name) },
    root: { querySelector: (selector) => parts.get(selector) ?? parts.set(selector, { hidden: false, textContent: "" }).get(selector) },
    stage: { show: (state) => (view.state = state), schedule() {} },
    controls: { showRunning: (running) => (view.running = running), message: (text) => (view.message = text), status: (text) => (view.status = text) },
    stopDemo,
    narration: () => parts.get(".narration")?.textContent,
    state: null,
  };
  return view;
}

/** show-map.js's handle, as the element keeps it. */
const handle = () => ({ detached: false, stopped: false, stop: null, onDetach: null });

/** A job of `ms` that fails with `error` if given, and stops at its signal. */
const job = (ms, error) => (_, { signal }) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => (error === undefined ? resolve(ms) : reject(error)), ms);
  signal.addEventListener("abort", () => clearTimeout(timer));
});

/** Until the report is in (it waits for the run's running jobs). */
async function reported(view) {
  while (!view.state?.report) await delay(5);
  return view.state;
}

const names = (state) => Array.from(state.state.subarray(0, state.jobs), (code) => STATE_NAMES[code]);

test("a failed run: each job's state, the aborts, and the log ending with the job's own error message", async () => {
  const view = fakeView();
  const items = [20, 200, 200, 200, "fails", 200, 200];
  const error = await rejection(startOwnRun(view, handle(), { workers: 4, queueLength: 2 }, (options) =>
    map(items, (item, context) => (item === "fails" ? job(5, new Error("/missing/4: 404"))(item, context) : job(item)(item, context)), options)));
  assert.equal(error.message, "/missing/4: 404");
  const state = await reported(view);
  // Items 5 and 6 were queued (a queue of 2); nothing after the failure was pulled.
  assert.equal(state.jobs, 7);
  assert.deepEqual(names(state), ["succeeded", "aborted", "aborted", "aborted", "failed", "canceled", "canceled"]);
  assert.equal(state.report.status, "failed");
  assert.deepEqual(state.report.errors, [{ jobId: 4, message: "/missing/4: 404" }]);
  const log = state.log.slice(0, state.log.length);
  assert.deepEqual(log.slice(-6).sort(), ["Aborted the job #1 while it was running", "Aborted the job #2 while it was running", "Aborted the job #3 while it was running", "Canceled the job #5", "Canceled the job #6", "Job #4 failed: /missing/4: 404"]);
  assert.equal(log.at(-1), "Job #4 failed: /missing/4: 404");
  assert.equal(log.filter((line) => line.startsWith("Working on the job #")).length, 5);
  // The failure is where the job ended, not where it started.
  assert.ok(state.failure.atMs >= state.start[4] + 4, `failed at ${state.failure.atMs} ms, started at ${state.start[4]} ms`);
  assert.equal(view.status, "Done: failed.");
  assert.equal(view.running, false);
  assert.match(view.narration(), /^Job #4 failed at \d+ ms \(\/missing\/4: 404\) → 2 waiting jobs canceled: none of them started → 3 running jobs aborted, their signals aborted at once → the run settled \d+ ms later\.$/);
  assert.deepEqual(await unhandledRejections(), []);
});

test("a run that completes resolves with map's values, and the element says every job succeeded", async () => {
  const view = fakeView();
  const values = await startOwnRun(view, handle(), { workers: 2 }, (options) => map([3, 1, 2], (n) => delay(n, n * 10), options));
  assert.deepEqual(values, [30, 10, 20]);
  const state = await reported(view);
  assert.deepEqual(names(state), ["succeeded", "succeeded", "succeeded"]);
  assert.equal(state.report.status, "completed");
  assert.equal(state.workers, 2);
  assert.match(view.narration(), /^Every job succeeded \(3 of them\) in \d+ ms, at most 2 at a time\.$/);
});

test("a stop (the element's Stop) aborts map's signal, which map rejects with; the page's own signal is kept", async () => {
  const view = fakeView();
  const shown = handle();
  const page = new AbortController();
  const run = startOwnRun(view, shown, { workers: 2, signal: page.signal }, (options) => map([500, 500, 500], (n, context) => job(n)(n, context), options));
  await delay(20);
  shown.stopped = true;
  shown.stop();
  const error = await rejection(run);
  assert.equal(error.name, "AbortError");
  const state = await reported(view);
  assert.deepEqual(names(state), ["aborted", "aborted", "canceled"]);
  assert.equal(state.report.status, "stopped");
  assert.equal(state.log.slice(0, state.log.length).at(-1), "Stopped: <dispatcher-demo>'s Stop");
  assert.equal(page.signal.aborted, false);
});

test("without cancelInFlight the running job runs on, as Go's do, and the report has it succeed after the failure", async () => {
  const view = fakeView();
  const error = await rejection(startOwnRun(view, handle(), { workers: 2, cancelInFlight: false }, (options) =>
    map([60, "fails"], (item, context) => job(item === "fails" ? 5 : item, item === "fails" ? "no" : undefined)(item, context), options)));
  assert.equal(error, "no");
  const state = await reported(view);
  assert.deepEqual(names(state), ["succeeded", "failed"]);
  assert.equal(state.report.error.message, "no", "a rejection that is no Error is said as it is");
  assert.ok(state.end[0] >= 55 && state.end[0] > state.failure.atMs, `job #0 ended at ${state.end[0]} ms, the failure at ${state.failure.atMs} ms`);
});

test("events that come while the demo's run stops wait, and are drawn in order once the stage is the page's run's", async () => {
  let release;
  const view = fakeView({ stopDemo: () => new Promise((resolve) => (release = resolve)) });
  const seen = [];
  const run = startOwnRun(view, handle(), { workers: 1, onProgress: (event) => seen.push(event.type) }, (options) => map([1, 2], (n) => n, options));
  assert.deepEqual(await run, [1, 2]);
  assert.equal(view.state, null);
  release();
  const state = await reported(view);
  assert.deepEqual(names(state), ["succeeded", "succeeded"]);
  // The page's own onProgress is called too.
  assert.deepEqual(seen.filter((type) => type === "succeed").length, 2);
});

test("bad arguments are named; what map checks is left to map, whose message names the option", async () => {
  const view = fakeView();
  assert.throws(() => startOwnRun(view, handle(), 4, () => {}), { name: "TypeError", message: "showMap: options must be map's options, an object, got number" });
  assert.throws(() => startOwnRun(view, handle(), {}, "map"), { name: "TypeError", message: "showMap: run must be a function that calls map with the options it is given, got string" });
  assert.throws(() => startOwnRun(view, handle(), {}, (options) => void map([1], (n) => n, options)), { name: "TypeError", message: "showMap: run must return the promise map returns, got undefined" });
  const wrong = await rejection(startOwnRun(view, handle(), { workers: 0 }, (options) => map([1], (n) => n, options)));
  assert.equal(wrong.message, "workers must be an integer from 1 to 10000, got 0");
  const signal = await rejection(startOwnRun(fakeView(), handle(), { signal: "stop" }, (options) => map([1], (n) => n, options)));
  assert.equal(signal.name, "TypeError");
  assert.match(signal.message, /^signal must be/);
  await delay(20);
  assert.equal(view.message, "Your run failed: workers must be an integer from 1 to 10000, got 0");
});

test("the element's devtools attribute gives map's DevTools tracks to the run it shows, unless the page's options say", async () => {
  const tracked = () => new Set(performance.getEntriesByType("measure").map((entry) => entry.detail?.devtools?.trackGroup).filter(Boolean));
  const before = tracked().size;
  await startOwnRun(fakeView({ attributes: ["devtools"] }), handle(), { workers: 2 }, (options) => map([1, 2, 3], (n) => n, options));
  const groups = tracked();
  assert.equal(groups.size, before + 1);
  const group = [...groups].at(-1);
  const jobs = performance.getEntriesByType("measure").filter((entry) => entry.detail?.devtools?.trackGroup === group);
  assert.deepEqual(jobs.map((entry) => entry.name).sort(), ["job #0", "job #1", "job #2"]);
  await startOwnRun(fakeView({ attributes: ["devtools"] }), handle(), { devtools: false }, (options) => map([1], (n) => n, options));
  await startOwnRun(fakeView(), handle(), {}, (options) => map([1], (n) => n, options));
  assert.equal(tracked().size, before + 1);
});
