// The in-browser half of make bench's map rows: the JS API's map (pkg/api/,
// which make wasm builds) beside p-map and p-limit on the same mappers, in
// this page; and the time from a failure to every running job's signal
// aborted. bench/map.mjs calls them.
import pMap from "p-map";
import pLimit from "p-limit";
import init, { map } from "../pkg/api/dispatcher_demo_api.js";

await init();

const timed = async (work) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const best = async (times, measure) => {
  let fastest = Infinity;
  for (let i = 0; i < times; i++) fastest = Math.min(fastest, await measure());
  return fastest;
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Each contender over `items` with `workers` at a time, by name. */
const contenders = (items, mapper, workers) => ({
  map: () => map(items, mapper, { workers }),
  "p-map": () => pMap(items, mapper, { concurrency: workers }),
  "p-limit": () => {
    const limit = pLimit(workers);
    return Promise.all(items.map((item) => limit(mapper, item)));
  },
});

window.mapBench = {
  /** Mappers per second of `count` ready mappers, 10 at a time: warmed up, then the best of five, for each. */
  async ready(count) {
    const items = Array.from({ length: count }, (_, i) => i);
    const rates = {};
    for (const [name, run] of Object.entries(contenders(items, async (item) => item, 10))) {
      for (let i = 0; i < 3; i++) await run();
      rates[name] = count / ((await best(5, () => timed(run))) / 1000);
    }
    return rates;
  },

  /** ms for `count` mappers of 1–10 ms (the same list for each), 10 at a time; and the least it could take. */
  async timed(count) {
    let seed = 7;
    const waits = Array.from({ length: count }, () => 1 + ((seed = (seed * 48271) % 2147483647) % 10));
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const times = {};
    for (const [name, run] of Object.entries(contenders(waits, sleep, 10))) times[name] = await best(3, () => timed(run));
    return { times, leastMs: waits.reduce((sum, wait) => sum + wait, 0) / 10 };
  },

  /** From a failure to the last of the nine running jobs' signals aborted, over `runs` runs: p50, p99 and max, in ms. */
  async abortLatency(runs) {
    const latencies = [];
    for (let run = 0; run < runs + 10; run++) {
      let failedAt = 0;
      let lastAbort = 0;
      await map(Array.from({ length: 10 }, (_, i) => i), (item, { signal }) => {
        signal.addEventListener("abort", () => (lastAbort = performance.now()));
        if (item < 9) return new Promise((resolve) => setTimeout(resolve, 5000));
        return new Promise((_, reject) => setTimeout(() => {
          failedAt = performance.now();
          reject(new Error("fails"));
        }, 2));
      }, { workers: 10 }).catch(() => {});
      // The first ten warm up.
      if (run >= 10) latencies.push(lastAbort - failedAt);
    }
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) };
  },
};
window.mapBenchReady = true;
