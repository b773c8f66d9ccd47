// Many runs in one page leave no memory, timer or closure behind, and a run
// of many ready jobs completes. `make test` does a short version; `make soak`
// the long one (SOAK_RUNS=1000, SOAK_JOBS=1000000). Prints what it measured.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { serve } from "./harness.mjs";

const RUNS = Number(process.env.SOAK_RUNS ?? 200);
const JOBS = Number(process.env.SOAK_JOBS ?? 100_000);

let server, browser;
before(async () => {
  server = await serve();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
           "--js-flags=--expose-gc", "--enable-precise-memory-info"],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function page() {
  const page = await browser.newPage();
  await page.goto(`${server.url}/www/favicon.svg`); // any page of the origin, without the demo on it
  return page;
}

test(`${RUNS} runs in a row leave memory flat and no timer or listener behind`, { timeout: 600_000 }, async () => {
  const p = await page();
  const measured = await p.evaluate(async (runs) => {
    const { countTimers, liveTimers, countedSignal } = await import("/tests/timers.js");
    countTimers();
    const glue = await import("/pkg/dispatcher_demo.js");
    // The module's exports, by their minified names (scripts/minify-wasm.mjs): its memory is the one Memory among them.
    const memory = Object.values(await glue.default()).find((value) => value instanceof WebAssembly.Memory);
    const heap = () => {
      globalThis.gc();
      return performance.memory.usedJSHeapSize;
    };
    let events = 0;
    const one = async (i) => {
      const controller = new AbortController();
      const counted = countedSignal(controller);
      const pause = new glue.PauseController();
      // Now a failure aborting sleepers, now a completed run, now a stop.
      const options = [
        { workers: 4, waits: [30, 30, 2, 999, 1, 1, 1, 1] },
        { workers: 4, jobs: 40, maxWaitMs: 3, seed: i },
        { workers: 2, waits: [40, 40, 40], thresholdMs: 1000, signal: counted.signal },
      ][i % 3];
      if (i % 3 === 2) setTimeout(() => controller.abort(), 5);
      const report = await glue.run({ ...options, pause }, () => events++);
      pause.free();
      if (counted.listeners() !== 0) throw new Error(`run ${i} left a listener on its signal`);
      return report.status;
    };
    const statuses = {};
    for (let i = 0; i < 30; i++) await one(i); // warm up
    const heapBefore = heap();
    const wasmBefore = memory.buffer.byteLength;
    for (let i = 0; i < runs; i++) {
      const status = await one(i);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const eventsSeen = events;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return {
      statuses,
      heapGrowth: heap() - heapBefore,
      wasmGrowth: memory.buffer.byteLength - wasmBefore,
      wasmBytes: memory.buffer.byteLength,
      liveTimers: liveTimers(),
      lateEvents: events - eventsSeen,
    };
  }, RUNS);
  console.log(`soak: ${RUNS} runs ${JSON.stringify(measured.statuses)}; JS heap growth after GC ${measured.heapGrowth} B; ` +
    `wasm memory growth ${measured.wasmGrowth} B (of ${measured.wasmBytes} B); live timers ${measured.liveTimers}`);
  assert.ok(Math.abs(measured.heapGrowth) < 1024 * 1024, `JS heap grew ${measured.heapGrowth} B`);
  assert.equal(measured.wasmGrowth, 0);
  assert.equal(measured.liveTimers, 0);
  assert.equal(measured.lateEvents, 0);
  assert.equal(Object.values(measured.statuses).reduce((a, b) => a + b, 0), RUNS);
  await p.close();
});

test(`a run of ${JOBS.toLocaleString("en")} ready jobs completes`, { timeout: 600_000 }, async () => {
  const p = await page();
  const measured = await p.evaluate(async (jobs) => {
    const glue = await import("/pkg/dispatcher_demo.js");
    // The module's exports, by their minified names (scripts/minify-wasm.mjs): its memory is the one Memory among them.
    const memory = Object.values(await glue.default()).find((value) => value instanceof WebAssembly.Memory);
    const started = performance.now();
    const report = await glue.run({ jobs, maxWaitMs: 1, queueLength: 100 });
    return {
      status: report.status,
      jobs: report.jobs.length,
      succeeded: report.jobs.filter((job) => job.state === "succeeded").length,
      logLines: report.log.length,
      ms: performance.now() - started,
      wasmBytes: memory.buffer.byteLength,
    };
  }, JOBS);
  console.log(`soak: ${JOBS} zero-wait jobs in ${measured.ms.toFixed(0)} ms; wasm memory ${measured.wasmBytes} B`);
  assert.deepEqual([measured.status, measured.jobs, measured.succeeded, measured.logLines], ["completed", JOBS, JOBS, JOBS]);
  await p.close();
});
