// The page's runs, in headless Chromium, as a person makes them: the
// defaults, the article's run, Stop, Pause, an unbuffered queue; and the
// element embedded twice, in an iframe, under a sub-path and opened from a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pageSuite, demoOf, whenReady, serve, root, collectReports, nthReport } from "./harness.mjs";

const suite = pageSuite();
const { open } = suite;
const demo = demoOf;
const ready = whenReady;
const runButton = (page) => demo(page).getByRole("button", { name: "Run" });
const counts = (report) => report.jobs.reduce((all, job) => ({ ...all, [job.state]: (all[job.state] ?? 0) + 1 }), {});

test("the defaults run, the first error shows, and the states add up", async () => {
  // (index.html alone opens on the article's run, and runs it: teach.test.mjs.)
  const page = await open("index.html?preset=seed");
  await ready(page);
  await runButton(page).click();
  const { report } = await nthReport(page);
  assert.equal(report.jobs.length, 100);
  const states = counts(report);
  assert.equal(Object.values(states).reduce((a, b) => a + b, 0), 100);
  const summary = demo(page).locator(".summary");
  await summary.getByText(report.status, { exact: true }).waitFor();
  for (const [state, n] of Object.entries(states)) await summary.getByText(`${n} ${state}`).waitFor();
  if (report.error) {
    await summary.getByText(report.error.message).waitFor();
    assert.equal(report.log.at(-1), report.error.message);
  }
  const log = await demo(page).getByRole("log").textContent();
  assert.equal(log, report.log.join("\n"));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the article's preset replays job #78 failing with 996 ms", async () => {
  const page = await open("index.html");
  await ready(page);
  await demo(page).getByLabel("Jobs to run").selectOption("article");
  await page.waitForFunction(() => new URL(location.href).searchParams.has("waits"));
  await runButton(page).click();
  const { report } = await nthReport(page);
  assert.equal(report.error.message, "cannot wait for more than 990 ms: job #78; 996 ms");
  const fixture = JSON.parse(await readFile(join(root, "www/article-run.json"), "utf8"));
  const started = report.jobs.filter((job) => job.startMs !== null).map((job) => job.id);
  assert.deepEqual(started, fixture.expected.started);
  assert.deepEqual(report.jobs.filter((job) => job.state === "canceled").map((job) => job.id), fixture.expected.canceled);
  // Which jobs are still sleeping at the failure depends on real timers to
  // the millisecond (the virtual clock replays it exactly: tests/replay.rs);
  // here, the aborted ones are those that were running then.
  const failedAt = report.jobs[78].startMs;
  const aborted = report.jobs.filter((job) => job.state === "aborted");
  assert.ok(aborted.length > 0 && aborted.length <= 9);
  for (const job of aborted) assert.ok(job.startMs <= failedAt && job.endMs >= failedAt, `job #${job.id}`);
  await demo(page).locator(".summary").getByText("job #78; 996 ms").waitFor();
  await page.close();
});

test("Stop mid-run ends the run as stopped", async () => {
  const page = await open("index.html?workers=3&jobs=30&max-wait-ms=5000&threshold-ms=5000&seed=1");
  await ready(page);
  await runButton(page).click();
  await demo(page).locator(".running .meter-value").getByText("3 / 3").waitFor();
  await demo(page).getByRole("button", { name: "Stop" }).click();
  const { report } = await nthReport(page);
  assert.equal(report.status, "stopped");
  assert.equal(report.error, null);
  assert.equal(counts(report).aborted, 3);
  assert.ok(report.elapsedMs < 4000, `${report.elapsedMs} ms`);
  await page.close();
});

test("Pause holds the queue: no job starts until Resume", async () => {
  const page = await open("index.html?workers=2&queue-length=3&waits=500,500,150,150,150,150&threshold-ms=990");
  await ready(page);
  await runButton(page).click();
  const pause = demo(page).getByRole("button", { name: "Pause" });
  await pause.click();
  const started = () => page.evaluate(() => document.querySelector("dispatcher-demo").shadowRoot.querySelector(".log").textContent.split("\n").filter((l) => l.startsWith("Working")).length);
  const before = await started();
  await page.waitForTimeout(600);
  assert.equal(await started(), before, "a job started while paused");
  assert.equal(await demo(page).getByRole("button", { name: "Resume" }).getAttribute("aria-pressed"), "true");
  await demo(page).locator(".queue .meter-value").getByText("3 / 3").waitFor();
  await demo(page).getByRole("button", { name: "Resume" }).click();
  const { report } = await nthReport(page);
  assert.equal(report.status, "completed");
  await page.close();
});

test("an unbuffered queue (queue-length 0), Go's make(chan Job), runs with nothing ever queued", async () => {
  const page = await open("index.html?queue-length=0&workers=3&jobs=30&max-wait-ms=200&threshold-ms=200&seed=1");
  await ready(page);
  assert.equal(await demo(page).getByLabel("Queue length", { exact: true }).inputValue(), "0");
  await page.evaluate(() => {
    window.peakQueued = 0;
    const meter = document.querySelector("dispatcher-demo").shadowRoot.querySelector(".queue .meter-value");
    new MutationObserver(() => (window.peakQueued = Math.max(window.peakQueued, parseInt(meter.textContent)))).observe(meter, { childList: true, characterData: true, subtree: true });
  });
  await runButton(page).click();
  const { report } = await nthReport(page);
  assert.equal(report.status, "completed");
  assert.equal(report.jobs.filter((job) => job.state === "succeeded").length, 30);
  assert.equal(await page.evaluate(() => window.peakQueued), 0);
  await demo(page).locator(".queue .meter-value").getByText("0 / 0").waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("two embedded instances run independently", async () => {
  const page = await open("www/embed-example.html");
  const first = await nthReport(page, 1);
  const second = await nthReport(page, 2);
  const byId = Object.fromEntries([first, second].map(({ id, report }) => [id, report]));
  assert.equal(byId["fail-fast"].jobs.length, 24);
  assert.equal(byId["every-error"].jobs.length, 64);
  assert.equal(byId["every-error"].jobs.filter((job) => job.startMs !== null).length, 64);
  assert.ok(byId["every-error"].errors.length > 1);
  await page.close();
});

test("the iframe embed loads and runs", async () => {
  const page = await open("www/embed-example.html");
  const frame = page.frameLocator("#framed");
  await frame.locator("dispatcher-demo .summary").getByText("Status").waitFor({ timeout: 20_000 });
  await page.close();
});

test("it works from a sub-path", async () => {
  const nested = await serve({ prefix: "/docs/tools/demo" });
  try {
    const page = await suite.browser.newPage();
    await collectReports(page);
    await page.goto(`${nested.url}/www/embed-example.html`);
    await nthReport(page, 2);
    await page.close();
  } finally {
    await nested.close();
  }
});

test("opened from a file, the page says how to serve it", async () => {
  const page = await suite.browser.newPage();
  await page.goto(`file://${join(root, "index.html")}`);
  await page.getByText("Serve it instead").waitFor();
  await page.close();
});

test("a finished run, in light and in dark, logs no error", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const page = await open("index.html?seed=3&autorun", { colorScheme });
    await nthReport(page);
    await page.waitForTimeout(600); // the cancellation's spread
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});
