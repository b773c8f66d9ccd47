// The run as the stage draws it, in headless Chromium: the timeline's marks,
// the meters, the canvases' tooltips and colours, the jobs named by keyboard,
// the time axis, and the layout on a phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pageSuite, demoOf, whenReady, nthReport, collectReports, readableSources } from "./harness.mjs";

const suite = pageSuite();
const { open } = suite;
const demo = demoOf;
const ready = whenReady;

/** Pixels of `canvas` in the rectangle (CSS px) that are near `rgb`. */
async function pixelsNear(page, selector, rect, rgb) {
  return page.evaluate(({ selector, rect, rgb }) => {
    const canvas = document.querySelector("dispatcher-demo").shadowRoot.querySelector(selector);
    const ratio = canvas.width / canvas.clientWidth;
    const data = canvas.getContext("2d", { willReadFrequently: true }).getImageData(rect.x * ratio, rect.y * ratio, rect.width * ratio, rect.height * ratio).data;
    let near = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 60) near++;
    return near;
  }, { selector, rect, rgb });
}

test("the failure's label, 'job #N fails', is on the lane of the worker that ran the job", async () => {
  // Job #2 goes to W2 at once, and fails as it starts.
  const page = await open("index.html?workers=3&waits=400,400,2000&threshold-ms=990&speed=1&autorun");
  const { report } = await nthReport(page);
  assert.equal(report.jobs[2].worker, 2);
  await page.waitForTimeout(200);
  const { width, height } = await demo(page).locator("canvas.timeline").evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
  const lane = (height - 22) / 3;
  const red = [0xd0, 0x34, 0x2c];
  const label = { x: 40, width: width - 48, height: lane - 4 };
  const onW2 = await pixelsNear(page, "canvas.timeline", { ...label, y: 2 * lane + 2 }, red);
  const onW0 = await pixelsNear(page, "canvas.timeline", { ...label, y: 2 }, red);
  // W0's lane has the dashed line of the failure's moment only; W2's has the label's text too.
  assert.ok(onW2 > onW0 + 40, `red pixels: W2 ${onW2}, W0 ${onW0}`);
  await page.close();
});

test("after a failure the Ended bar shows each end state, not a full green bar", async () => {
  const page = await open("index.html?preset=article&speed=1&autorun");
  const { report } = await nthReport(page);
  const count = (state) => report.jobs.filter((job) => job.state === state).length;
  const label = `${count("succeeded")} succeeded, 1 failed, 21 canceled, ${count("aborted")} aborted`;
  await demo(page).getByRole("img", { name: label }).waitFor();
  const widths = await demo(page).locator(".ended .seg").evaluateAll((segments) => segments.map((s) => s.getBoundingClientRect().width));
  const total = widths.reduce((a, b) => a + b, 0);
  assert.ok(widths[0] / total < 0.75 && widths[2] / total > 0.15, `${widths}`);
  assert.equal(await demo(page).locator(".meter.done .meter-label").textContent(), "Ended");
  await page.close();
});

test("the bars and the grid's cells say which job they are", async () => {
  const page = await open("index.html?workers=3&waits=400,400,2000&threshold-ms=990&fail-fast=false&speed=1&autorun");
  await nthReport(page);
  await page.waitForTimeout(200);
  const grid = demo(page).locator("canvas.grid");
  await grid.hover({ position: { x: 3, y: 3 } });
  // Naming jobs comes at the first pointer over the element (name-jobs.js): the hover's title once it is in.
  await demo(page).locator("canvas.grid[title^='Job #']").waitFor();
  assert.match(await grid.getAttribute("title"), /^Job #0: succeeded on W0, \d+\.\d–4\d\d\.\d ms \(wait 400 ms\)$/);
  const timeline = demo(page).locator("canvas.timeline");
  const { width, height } = await timeline.evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
  const lane = (height - 22) / 3;
  await timeline.hover({ position: { x: 34 + (width - 42) * 0.3, y: lane * 1.5 } });
  assert.match(await timeline.getAttribute("title"), /^Job #1: \w+ on W1/);
  // Job #2 fails as it starts: a mark a pixel or two wide, at its start
  // time, which moves with the machine's load. The axis is at least the
  // run's elapsed time long, so the mark is at or left of where that puts it.
  const { report } = await page.evaluate(() => window.reports.at(-1));
  const farthest = 34 + Math.ceil((report.jobs[2].startMs / report.elapsedMs) * (width - 42)) + 2;
  const titles = [];
  for (let x = 34; x <= farthest; x++) {
    await timeline.hover({ position: { x, y: lane * 2.5 } });
    titles.push(await timeline.getAttribute("title"));
  }
  assert.ok(titles.some((title) => /^Job #2: failed on W2/.test(title)), titles.join(" | "));
  await page.close();
});

test("on a phone, Run and the run are on the first screen, and the log's lines wrap", async () => {
  const page = await open("index.html", { viewport: { width: 390, height: 844 }, isMobile: true });
  await ready(page).catch(() => {});
  const run = await demo(page).getByRole("button", { name: "Run" }).boundingBox();
  const timeline = await demo(page).locator("canvas.timeline").boundingBox();
  assert.ok(run.y + run.height < 844, `Run at ${run.y}`);
  assert.ok(timeline.y + timeline.height * 0.5 < 844, `the timeline at ${timeline.y}`);
  await nthReport(page);
  const { scroll, client } = await demo(page).getByRole("log").evaluate((log) => ({ scroll: log.scrollWidth, client: log.clientWidth }));
  assert.ok(scroll <= client, `log ${scroll} > ${client}`);
  await page.close();
});

test("the canvases take the stylesheet's colours even when it comes after the first frame", async () => {
  // From www/, which fetches its stylesheets (dist/ has them in its bundle).
  const page = await suite.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await readableSources(page);
  await page.route("**/www/dispatcher-demo.css", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await collectReports(page);
  await page.goto(`${suite.server.url}/index.html?jobs=200&max-wait-ms=1&seed=1&autorun`);
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

for (const [device, viewport] of [["a phone", { width: 390, height: 844 }], ["a desktop", { width: 1280, height: 800 }]]) {
  test(`on ${device} (${viewport.width} px), the time axis has a tick every half second, and the failure's label covers none of their labels`, async () => {
    const page = await open("index.html?preset=article&speed=1&autorun", { viewport, isMobile: viewport.width < 500 });
    await nthReport(page);
    await page.waitForTimeout(200);
    // The layout the timeline drew, in the browser's own fonts at the canvas's width (www/time-axis.js).
    const { ticks, mark, width, height } = await demo(page).locator("canvas.timeline").evaluate(async (canvas) => {
      const { axisLabels, axisSpan } = await import(new URL("www/time-axis.js", document.baseURI));
      const c = new OffscreenCanvas(1, 1).getContext("2d");
      const measure = (font) => (text) => ((c.font = font), c.measureText(text).width);
      const width = canvas.clientWidth;
      const layout = axisLabels({ span: axisSpan(0, 0, 3144), plot: width - 42, left: 34, width, measure: measure("11px system-ui, sans-serif"), measureMark: measure("600 11px system-ui, sans-serif"), mark: { ms: 3144, text: "✕ job #78 fails" } });
      return { ...layout, width, height: canvas.clientHeight };
    });
    const shown = ticks.filter((tick) => tick.text);
    assert.ok(ticks[1].ms <= 500 && shown.length >= 4, `${ticks.length} ticks, ${shown.map((tick) => tick.text)} shown`);
    for (const tick of shown) assert.ok(tick.to < mark.from - 3 || tick.from > mark.to + 3, `${tick.text} under the failure's label`);
    // The failure's label is drawn there: its red is in its box on the axis's row, and none is left of it.
    const red = [0xd0, 0x34, 0x2c];
    const row = { y: height - 19, height: 16 };
    assert.ok((await pixelsNear(page, "canvas.timeline", { ...row, x: mark.from, width: mark.to - mark.from }, red)) > 40);
    assert.equal(await pixelsNear(page, "canvas.timeline", { ...row, x: 0, width: mark.from - 4 }, red), 0);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test("every job can be named by keyboard: Tab to the timeline or the grid, and the arrow keys go from job to job, announced and ringed", async () => {
  const page = await open("index.html?preset=article&speed=1&autorun");
  await nthReport(page);
  const focused = () => page.evaluate(() => document.querySelector("dispatcher-demo").shadowRoot.activeElement?.className);
  const tabTo = async (name) => {
    for (let i = 0; i < 60 && (await focused()) !== name; i++) await page.keyboard.press("Tab");
    assert.equal(await focused(), name);
  };
  const readout = demo(page).locator(".job-readout");
  assert.equal(await readout.getAttribute("aria-live"), "polite");
  const said = async (key) => {
    if (key) await page.keyboard.press(key);
    return readout.textContent();
  };
  await tabTo("timeline");
  assert.equal(await said(), "Job #0: succeeded on W0, 0.0–81.0 ms (wait 81 ms)");
  assert.equal(await said("ArrowRight"), "Job #11: succeeded on W0, 81.0–592.0 ms (wait 511 ms)");
  assert.equal(await said("ArrowRight"), "Job #21: succeeded on W0, 592.0–1058.0 ms (wait 466 ms)");
  // Down keeps the time it left from (825 ms): the jobs of W1, W2 and W3 running then.
  assert.match(await said("ArrowDown"), /^Job #1: succeeded on W1, 0\.0–887\.0 ms/);
  await said("ArrowDown");
  assert.match(await said("ArrowDown"), /^Job #\d+: succeeded on W3, ([0-7]\d\d|\d\d)\.\d–(8[3-9]\d|9\d\d|1\d{3})\.\d ms/);
  assert.equal(await said("End"), "Job #78: failed on W3, 3144.0–3144.0 ms (wait 996 ms)");
  // A ring marks it, on W3's lane, at the failure's moment.
  const canvas = await demo(page).locator("canvas.timeline").boundingBox();
  const ring = await demo(page).locator(".job-ring").first().boundingBox();
  const lane = (canvas.height - 22) / 10;
  assert.ok(Math.abs(ring.y + 2 - (canvas.y + 3 * lane)) < 2, `ring at ${ring.y}, W3's lane at ${canvas.y + 3 * lane}`);
  assert.ok(ring.x > canvas.x + canvas.width * 0.8 && ring.x + ring.width < canvas.x + canvas.width, `ring at x ${ring.x}`);
  // The grid: cell by cell, row by row.
  await tabTo("grid");
  assert.equal(await demo(page).locator(".job-ring").first().isVisible(), false, "the timeline's ring goes with its focus");
  assert.equal(await said(), "Job #0: succeeded on W0, 0.0–81.0 ms (wait 81 ms)");
  assert.match(await said("ArrowRight"), /^Job #1: succeeded on W1/);
  assert.match(await said("End"), /^Job #99: canceled, wait \d+ ms$/);
  assert.match(await said("ArrowLeft"), /^Job #98: canceled/);
  assert.equal(await demo(page).locator(".job-ring").nth(1).isVisible(), true);
  assert.deepEqual(page.errors, []);
  await page.close();
});
