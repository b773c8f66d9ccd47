// Runs big enough that the page and the report take their shortcuts: the
// report makes its jobs and log only when read, the page draws from the
// report's columns and shows the log's ends, and Copy log copies it all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { collectReports, start, stop } from "./harness.mjs";

const JOBS = 100_000;

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

test("a big report makes its jobs and log when first read, then is a plain object", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/www/favicon.svg`);
  const seen = await page.evaluate(async (jobs) => {
    const glue = await import("/pkg/dispatcher_demo.js");
    await glue.default();
    const small = await glue.run({ jobs: 10, maxWaitMs: 1, seed: 1 });
    const report = await glue.run({ jobs, maxWaitMs: 2, seed: 1, workers: 3, thresholdMs: 0 });
    const lazy = typeof Object.getOwnPropertyDescriptor(report, "jobs").get === "function";
    const keys = Object.keys(report).join();
    const jobsRead = report.jobs;
    const settled = Object.getOwnPropertyDescriptor(report, "jobs");
    const clone = structuredClone(report);
    const json = JSON.parse(JSON.stringify(report));
    const assigned = await glue.run({ jobs, maxWaitMs: 1, seed: 1 });
    assigned.log = ["mine"];
    return {
      lazy,
      keys,
      smallKeys: Object.keys(small).join(),
      smallLazy: typeof Object.getOwnPropertyDescriptor(small, "jobs").get === "function",
      same: jobsRead === report.jobs,
      settled: { writable: settled.writable, enumerable: settled.enumerable, value: Array.isArray(settled.value) },
      jobs: [report.jobs.length, clone.jobs.length, json.jobs.length],
      first: report.jobs[0],
      last: report.jobs.at(-1),
      log: [report.log.length, clone.log.length, report.log[0], report.log[1], report.log.at(-1)],
      error: report.error,
      assigned: assigned.log,
    };
  }, JOBS);
  assert.equal(seen.lazy, true);
  assert.equal(seen.smallLazy, false);
  assert.equal(seen.keys, seen.smallKeys);
  assert.equal(seen.same, true);
  assert.deepEqual(seen.settled, { writable: true, enumerable: true, value: true });
  assert.deepEqual(seen.jobs, [JOBS, JOBS, JOBS]);
  // Threshold 0: the first job with a wait fails, and the rest are cancelled.
  const failed = seen.error.jobId;
  assert.equal(seen.error.message, `cannot wait for more than 0 ms: job #${failed}; 1 ms`);
  assert.deepEqual(seen.first, { id: 0, waitMs: failed === 0 ? 1 : 0, state: failed === 0 ? "failed" : "succeeded", worker: seen.first.worker, startMs: seen.first.startMs, endMs: seen.first.endMs });
  assert.equal(typeof seen.first.worker, "number");
  assert.equal(typeof seen.first.startMs, "number");
  assert.deepEqual(seen.last, { id: JOBS - 1, waitMs: seen.last.waitMs, state: "canceled", worker: null, startMs: null, endMs: null });
  assert.equal(seen.log[0], seen.log[1]);
  assert.match(seen.log[2], /^Working on the job #0\. Wait for [01] ms\.$/);
  assert.match(seen.log[3], /^Working on the job #1\. Wait for [01] ms\.$|^Canceled the job #\d+$/);
  assert.equal(seen.log[4], seen.error.message);
  assert.deepEqual(seen.assigned, ["mine"]);
  await page.close();
});

test(`${JOBS.toLocaleString("en")} ready jobs on the page: summary, grid and log agree with the report, and Copy log copies it all`, async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await collectReports(page);
  await page.goto(`${server.url}/index.html?jobs=${JOBS}&max-wait-ms=1&seed=1&autorun`);
  await page.waitForFunction(() => window.reports.length > 0, null, { timeout: 60_000 });
  const demo = page.locator("dispatcher-demo");
  await demo.locator(".summary").getByText(`✓ ${JOBS} succeeded`).waitFor();
  await demo.locator(".done .meter-value").getByText(`${JOBS} / ${JOBS}`).waitFor();
  const shown = await page.evaluate(async () => {
    const { gridLayout } = await import("/www/grid.js");
    const root = document.querySelector("dispatcher-demo").shadowRoot;
    const report = window.reports[0].report;
    const grid = root.querySelector(".grid");
    const { size, columns, cells } = gridLayout(report.jobs.length, grid.clientWidth);
    const ratio = devicePixelRatio;
    // The middle of a cell, in the canvas's pixels.
    const pixel = (cell) => [...grid.getContext("2d").getImageData(((cell % columns) + 0.5) * size * ratio, (Math.floor(cell / columns) + 0.5) * size * ratio, 1, 1).data].join();
    return {
      status: report.status,
      log: root.querySelector(".log").textContent.split("\n"),
      lines: report.log.length,
      head: report.log.slice(0, 1000),
      tail: report.log.slice(-1000),
      gridCells: [pixel(0), pixel(columns - 1), pixel(cells - 1)],
      succeeded: (() => {
        // --dd-succeeded is a light-dark() pair: the colour it resolves to is a probe's `color`.
        const probe = root.querySelector(".stage").appendChild(document.createElement("span"));
        probe.style.color = "var(--dd-succeeded)";
        const color = getComputedStyle(probe).color;
        probe.remove();
        return color;
      })(),
    };
  });
  assert.equal(shown.status, "completed");
  assert.equal(shown.lines, JOBS);
  assert.deepEqual(shown.log, [...shown.head, `… ${JOBS - 2000} more lines …`, ...shown.tail]);
  const rgb = shown.succeeded.match(/\d+/g).join();
  assert.deepEqual(shown.gridCells, [`${rgb},255`, `${rgb},255`, `${rgb},255`]);

  await demo.getByRole("button", { name: "Copy log" }).click();
  await demo.locator(".status").getByText(`Log copied: ${JOBS} lines.`).waitFor({ timeout: 20_000 });
  const copied = await page.evaluate(async () => (await navigator.clipboard.readText()) === window.reports[0].report.log.join("\n"));
  assert.equal(copied, true);
  assert.deepEqual(errors, []);
  await context.close();
});
