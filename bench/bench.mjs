// The in-browser half of `make bench`: each function measures one figure in
// this page, and bench/run.mjs calls them one by one.
import pMap from "p-map";
import pLimit from "p-limit";
import PQueue from "p-queue";
import { countTimers, liveTimers } from "../tests/timers.js";

// bench/pkg: the page's module built with the `bench` feature, for
// __benchDispatch; or another build of it, named by `?pkg=` (a folder of
// this page's), to set two builds side by side (bench/dispatch.mjs).
const pkg = new URLSearchParams(location.search).get("pkg") ?? "pkg";
const dispatcher = await import(`./${pkg}/dispatcher_demo.js`);
const { memory } = await dispatcher.default();

const best = async (times, measure) => {
  let fastest = Infinity;
  for (let i = 0; i < times; i++) fastest = Math.min(fastest, await measure());
  return fastest;
};

const timed = async (work) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

window.bench = {
  /**
   * Jobs per second of ready jobs through the dispatcher alone: warmed up,
   * then the best of five (`rate`, as the native example measures itself);
   * and `first`, the page's first run, as a page that runs once gets it.
   */
  async dispatch(jobs, workers = 10, queueLength = 100) {
    const run = () => dispatcher.__benchDispatch(jobs, workers, queueLength);
    // The first run compiles as it goes: wasm has no on-stack replacement,
    // so a function V8 optimises meanwhile runs its baseline (Liftoff) code
    // until it is next called. Then warm up long enough for the optimising tier.
    const first = jobs / ((await run()) / 1000);
    for (let i = 0; i < 2; i++) await run();
    return { rate: jobs / ((await best(5, run)) / 1000), first };
  },

  /** Jobs per second of the same ready jobs through the JS peers: p-map, p-limit, p-queue. */
  async peers(jobs, workers = 10) {
    const ready = async () => {};
    const contenders = {
      "p-map": () => timed(() => pMap({ length: jobs, [Symbol.iterator]: function* () { for (let i = 0; i < jobs; i++) yield i; } }, ready, { concurrency: workers })),
      "p-limit": () => timed(() => {
        const limit = pLimit(workers);
        const all = new Array(jobs);
        for (let i = 0; i < jobs; i++) all[i] = limit(ready);
        return Promise.all(all);
      }),
      "p-queue": () => timed(() => {
        const queue = new PQueue({ concurrency: workers });
        for (let i = 0; i < jobs; i++) queue.add(ready);
        return queue.onIdle();
      }),
    };
    const rates = {};
    for (const [name, run] of Object.entries(contenders)) {
      for (let i = 0; i < 3; i++) await run();
      rates[name] = jobs / ((await best(5, run)) / 1000);
    }
    return rates;
  },

  /** run() with its full report: total, and how much of it was dispatch. */
  async endToEnd(jobs) {
    await dispatcher.run({ jobs: 1000, maxWaitMs: 1 });
    let fastest = null;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      const report = await dispatcher.run({ jobs, maxWaitMs: 1, queueLength: 100 });
      const total = performance.now() - started;
      // A report of more than 10,000 jobs makes its job objects and log lines
      // when they are first read: that read is timed on its own.
      const reading = performance.now();
      const read = report.jobs.length + report.log.length;
      const firstReadMs = performance.now() - reading;
      if (report.status !== "completed" || report.jobs.length !== jobs || read < 2 * jobs) throw new Error("the run did not complete");
      // elapsedMs runs from the dispatcher's first poll to its end; the rest is the report.
      if (!fastest || total < fastest.totalMs) fastest = { totalMs: total, dispatchMs: report.elapsedMs, reportMs: total - report.elapsedMs, firstReadMs };
    }
    return fastest;
  },

  /**
   * From a failing job's start to run()'s promise settling, while nine other
   * jobs sleep for seconds; and the timers still set afterwards.
   */
  async cancellation(runs) {
    countTimers();
    // Warm up, as for the other figures: the first runs in a page include compiling.
    for (let i = 0; i < 20; i++) await dispatcher.run({ workers: 10, waits: [5, 5, 2, 9999], thresholdMs: 9000 });
    const latencies = [];
    let timersLeft = 0;
    for (let i = 0; i < runs; i++) {
      let failedAt = 0;
      const waits = [5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 2, 9999];
      await dispatcher.run({ workers: 10, waits, thresholdMs: 9000 }, (event) => {
        if (event.type === "start" && event.jobId === 10) failedAt = performance.now();
      });
      latencies.push(performance.now() - failedAt);
      timersLeft = Math.max(timersLeft, liveTimers());
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    timersLeft = Math.max(timersLeft, liveTimers());
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1), timersLeft };
  },

  /** A real run's elapsed time, to set against its virtual schedule (examples/simulate.rs). */
  async makespan(options) {
    return (await dispatcher.run(options)).elapsedMs;
  },

  /** wasm memory growth over `jobs` ready jobs through the dispatcher. */
  async memory(jobs) {
    await dispatcher.__benchDispatch(1000, 10, 100);
    const before = memory.buffer.byteLength;
    const ms = await dispatcher.__benchDispatch(jobs, 10, 100);
    return { growth: memory.buffer.byteLength - before, ms };
  },
};
window.benchReady = true;
