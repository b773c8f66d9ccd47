// The demo page and <dispatcher-demo>, used as a person would, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch, artifacts, root, collectReports, nthReport, openPage, readableSources } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
  await mkdir(artifacts, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new page that fails the test on any script error, and collects reports. */
const open = (path, options) => openPage(browser, `${server.url}/${path}`, options);

const demo = (page) => page.locator("dispatcher-demo").first();
const runButton = (page) => demo(page).getByRole("button", { name: "Run" });

async function ready(page) {
  await runButton(page).and(page.locator(":enabled")).waitFor({ timeout: 15_000 });
}

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

test("settings round-trip through the URL", async () => {
  const search = "?workers=4&queue-length=7&jobs=50&max-wait-ms=300&threshold-ms=250&seed=7&cancel-in-flight=false&fail-fast=false&speed=0.5";
  const page = await open(`index.html${search}`);
  await ready(page);
  const field = (label) => demo(page).getByLabel(label, { exact: true });
  assert.equal(await field("Workers").inputValue(), "4");
  assert.equal(await field("Queue length").inputValue(), "7");
  assert.equal(await field("Seed").inputValue(), "7");
  assert.equal(await field("Cancel in-flight jobs").isChecked(), false);
  assert.equal(await field("Fail fast").isChecked(), false);
  assert.equal(await demo(page).evaluate((element) => new URL(element.link).search), search);
  await field("Workers").fill("6");
  await field("Workers").press("Tab");
  assert.equal(new URL(page.url()).searchParams.get("workers"), "6");
  await page.close();
});

test("an invalid parameter is shown on the page, and nothing runs", async () => {
  for (const [search, message] of [
    ["?workers=0&autorun", "workers must be an integer from 1 to 10000, got 0"],
    ["?queue-length=2.5&autorun", "queue-length must be an integer from 0 to 1000000, got 2.5"],
    ["?fail-fast=maybe&autorun", 'fail-fast must be true or false, got "maybe" (a string)'],
    ["?queue-lenght=3&autorun", 'unknown setting "queue-lenght"; did you mean "queue-length"?'],
    ["?waits=1,x,3&autorun", 'waits[1] must be an integer from 0 to 600000, got "x" (a string)'],
  ]) {
    const page = await open(`index.html${search}`);
    await ready(page);
    await demo(page).getByRole("alert").getByText(message, { exact: true }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.reports.length), 0, `${search} ran`);
    await page.close();
  }
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
    const page = await browser.newPage();
    await collectReports(page);
    await page.goto(`${nested.url}/www/embed-example.html`);
    await nthReport(page, 2);
    await page.close();
  } finally {
    await nested.close();
  }
});

test("opened from a file, the page says how to serve it", async () => {
  const page = await browser.newPage();
  await page.goto(`file://${join(root, "index.html")}`);
  await page.getByText("Serve it instead").waitFor();
  await page.close();
});

test("the keyboard alone can set up, run and stop", async () => {
  const page = await open("index.html?workers=2&jobs=8&max-wait-ms=3000&threshold-ms=3000&seed=2");
  await ready(page);
  const focused = () => page.evaluate(() => {
    const active = document.querySelector("dispatcher-demo").shadowRoot.activeElement;
    return active ? active.getAttribute("name") ?? active.textContent.trim() : null;
  });
  // Tab to Workers and change it, then on to Run.
  let steps = 0;
  while ((await focused()) !== "workers" && steps++ < 20) await page.keyboard.press("Tab");
  assert.equal(await focused(), "workers");
  await page.keyboard.press("ArrowUp");
  assert.equal(await demo(page).getByLabel("Workers", { exact: true }).inputValue(), "3");
  while ((await focused()) !== "Run" && steps++ < 40) await page.keyboard.press("Tab");
  assert.equal(await focused(), "Run");
  await page.keyboard.press("Enter");
  await demo(page).locator(".running .meter-value").getByText("3 / 3").waitFor();
  while ((await focused()) !== "Stop" && steps++ < 60) await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  const { report } = await nthReport(page);
  assert.equal(report.status, "stopped");
  assert.equal(report.jobs.filter((job) => job.worker !== null).every((job) => job.worker < 3), true);
  await page.close();
});

test("screenshots of a finished run, in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const page = await open("index.html?seed=3&autorun", { colorScheme });
    await nthReport(page);
    await page.waitForTimeout(600); // the cancellation's spread
    await page.screenshot({ path: join(artifacts, `demo-${colorScheme}.png`), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test("an invalid attribute is shown on the element, and nothing runs", async () => {
  const page = await open("www/embed-example.html");
  await nthReport(page, 2);
  const messages = await page.evaluate(async () => {
    const cases = [
      ["workers", "0", "workers must be an integer from 1 to 10000, got 0"],
      ["max-wait-ms", "Infinity", 'max-wait-ms must be an integer from 1 to 600000, got "Infinity" (a string)'],
      ["threshold-ms", "600001", "threshold-ms must be an integer from 0 to 600000, got 600001"],
      ["fail-fast", "yes", 'fail-fast must be true or false, got "yes" (a string)'],
      ["waits", "1,,2", "waits[1] must be an integer from 0 to 600000, got nothing"],
      ["worker", "4", 'unknown setting "worker"; did you mean "workers"?'],
    ];
    const seen = [];
    for (const [name, value, expected] of cases) {
      const demo = document.createElement("dispatcher-demo");
      demo.setAttribute(name, value);
      demo.setAttribute("autorun", "");
      document.body.append(demo);
      const message = demo.shadowRoot.querySelector(".message");
      await new Promise((resolve) => { const poll = () => (message.hidden ? setTimeout(poll, 20) : resolve()); poll(); });
      seen.push([message.textContent, expected, demo.running]);
      demo.remove();
    }
    return seen;
  });
  for (const [shown, expected, running] of messages) {
    assert.equal(shown, expected);
    assert.equal(running, false);
  }
  assert.equal(await page.evaluate(() => window.reports.length), 2);
  await page.close();
});

test("the canvases take the stylesheet's colours even when it comes after the first frame", async () => {
  // From www/, which fetches its stylesheets (dist/ has them in its bundle).
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await readableSources(page);
  await page.route("**/www/dispatcher-demo.css", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await collectReports(page);
  await page.goto(`${server.url}/index.html?jobs=200&max-wait-ms=1&seed=1&autorun`);
  await nthReport(page);
  await page.waitForTimeout(300);
  const [cell, succeeded] = await demo(page).evaluate((element) => {
    const root = element.shadowRoot;
    const pixel = root.querySelector(".grid").getContext("2d").getImageData(3, 3, 1, 1).data;
    // --dd-succeeded is a light-dark() pair: the colour it resolves to is a probe's `color`.
    const probe = root.querySelector(".stage").appendChild(document.createElement("span"));
    probe.style.color = "var(--dd-succeeded)";
    const color = getComputedStyle(probe).color;
    return [[...pixel.slice(0, 3)].join(), color.match(/\d+/g).join()];
  });
  assert.equal(cell, succeeded);
  await page.close();
});
