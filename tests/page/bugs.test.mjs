// Issue 12's bugs and rough edges, and the audit's bad inputs, each tried as
// the issue found it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { collectReports, nthReport, start, stop } from "./harness.mjs";

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

async function open(path, { viewport = { width: 1100, height: 900 }, isMobile = false, colorScheme = "light" } = {}) {
  const page = await browser.newPage({ viewport, isMobile, hasTouch: isMobile, colorScheme });
  const errors = [];
  const warnings = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
    if (message.type() === "warning") warnings.push(message.text());
  });
  page.errors = errors;
  page.warnings = warnings;
  await collectReports(page);
  await page.goto(`${server.url}/${path}`);
  return page;
}

const demo = (page) => page.locator("dispatcher-demo").first();
const ready = (page) => demo(page).getByRole("button", { name: "Run" }).and(page.locator(":enabled")).waitFor({ timeout: 15_000 });
const alert = (page) => demo(page).getByRole("alert");

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

test("1. the 'job #N fails' label is on the lane of the worker that ran the job", async () => {
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

test("2. after a failure the Ended bar shows each end state, not a full green bar", async () => {
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

test("3. the bars and the grid's cells say which job they are", async () => {
  const page = await open("index.html?workers=3&waits=400,400,2000&threshold-ms=990&fail-fast=false&speed=1&autorun");
  await nthReport(page);
  await page.waitForTimeout(200);
  const grid = demo(page).locator("canvas.grid");
  await grid.hover({ position: { x: 3, y: 3 } });
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

test("4. given waits have a field of their own, which runs what it says", async () => {
  const page = await open("index.html?preset=article&speed=1");
  await ready(page);
  const field = demo(page).getByLabel("Waits (ms, comma-separated)");
  await page.waitForFunction(() => document.querySelector("dispatcher-demo").shadowRoot.querySelector('[name="waits"]').value.startsWith("81,887,847"));
  await field.fill("100,2000,50");
  await field.press("Tab");
  assert.equal(await demo(page).getByLabel("Jobs to run").inputValue(), "given");
  assert.equal(new URL(page.url()).searchParams.get("waits"), "100,2000,50");
  await demo(page).getByRole("button", { name: "Run" }).click();
  const { report } = await nthReport(page);
  assert.equal(report.jobs.length, 3);
  assert.equal(report.error.jobId, 1);
  // Drawn from the seed, the field is empty and disabled.
  await demo(page).getByLabel("Jobs to run").selectOption("seed");
  assert.equal(await field.isDisabled(), true);
  assert.equal(await field.inputValue(), "");
  await page.close();
});

test("5. a setting changed during a run says it applies to the next run", async () => {
  const page = await open("index.html?workers=2&jobs=20&max-wait-ms=2000&threshold-ms=2000&seed=3&autorun");
  await demo(page).getByRole("button", { name: "Stop" }).and(page.locator(":enabled")).waitFor();
  await demo(page).getByLabel("Workers", { exact: true }).fill("5");
  await demo(page).getByLabel("Workers", { exact: true }).press("Tab");
  await demo(page).locator(".status").getByText("applies to the next run").waitFor();
  await demo(page).getByRole("button", { name: "Stop" }).click();
  await nthReport(page);
  await page.close();
});

test("6. cancel in-flight is disabled while fail fast is off", async () => {
  const page = await open("index.html?preset=seed");
  await ready(page);
  const cancelInFlight = demo(page).getByLabel("Cancel in-flight jobs");
  assert.equal(await cancelInFlight.isDisabled(), false);
  await demo(page).getByLabel("Fail fast").uncheck();
  assert.equal(await cancelInFlight.isDisabled(), true);
  await demo(page).getByLabel("Fail fast").check();
  assert.equal(await cancelInFlight.isDisabled(), false);
  const other = await open("index.html?fail-fast=false");
  await ready(other);
  assert.equal(await demo(other).getByLabel("Cancel in-flight jobs").isDisabled(), true);
  await other.close();
  await page.close();
});

test("7. queue length is explained: the field's description and the glossary", async () => {
  const page = await open("index.html?preset=seed");
  await ready(page);
  assert.match(await demo(page).getByLabel("Queue length").getAttribute("title"), /wait in the queue/);
  await demo(page).getByText("What the words mean").click();
  await demo(page).locator(".glossary dd").getByText("It changes what is queued, not what runs").waitFor();
  await page.close();
});

test("8. a bad value in the form is named by its label, marked, and the status says nothing runs", async () => {
  const page = await open("index.html?preset=seed");
  await ready(page);
  const field = demo(page).getByLabel("Max wait (ms)");
  await field.fill("");
  await field.press("Tab");
  await alert(page).getByText("Max wait (ms) must be an integer from 1 to 600000, got nothing", { exact: true }).waitFor();
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.equal(await demo(page).getByRole("status").textContent(), "Not run: a setting is wrong (see below).");
  await field.fill("500");
  await field.press("Tab");
  assert.equal(await alert(page).isHidden(), true);
  assert.equal(await field.getAttribute("aria-invalid"), null);
  assert.equal(await demo(page).getByRole("status").textContent(), "Ready.");
  await page.close();
});

test("9. a 10-digit seed fits its box", async () => {
  for (const viewport of [{ width: 1100, height: 900 }, { width: 390, height: 844 }]) {
    const page = await open("index.html?seed=4294967295", { viewport });
    await ready(page);
    // On a phone the settings are folded: unfold them.
    if (viewport.width < 600) await demo(page).locator(".settings-box > summary").click();
    const seed = demo(page).getByLabel("Seed", { exact: true });
    const { scroll, client } = await seed.evaluate((input) => ({ scroll: input.scrollWidth, client: input.clientWidth }));
    assert.ok(scroll <= client, `${viewport.width} px: ${scroll} > ${client}`);
    await page.close();
  }
});

test("10. on a phone, Run and the run are on the first screen, and the log's lines wrap", async () => {
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

test("11. one spelling, canceled, and a title that says what the page is", async () => {
  const page = await open("index.html?preset=article&speed=1&autorun");
  await nthReport(page);
  await demo(page).getByText("What the words mean").click();
  // The page's own words; the code panes quote the sources as they are.
  const text = await page.evaluate(() => {
    const root = document.querySelector("dispatcher-demo").shadowRoot;
    const words = [...root.querySelectorAll("*")].filter((node) => !node.closest(".code, style, link")).flatMap((node) => [...node.childNodes].filter((child) => child.nodeType === 3).map((child) => child.textContent));
    return `${document.body.innerText} ${words.join(" ")} ${document.title}`;
  });
  assert.doesNotMatch(text, /cancelled/i);
  assert.match(text, /canceled/);
  assert.notEqual(await page.title(), "dispatcher-demo");
  assert.notEqual(await page.locator("h1").textContent(), "dispatcher-demo");
  await page.close();
});

test("bad input: a live element's invalid attribute logs no browser warning, and is named", async () => {
  const page = await open("www/embed-example.html");
  await nthReport(page, 2);
  const message = await page.evaluate(async () => {
    const element = document.querySelector("#fail-fast");
    element.setAttribute("workers", "abc");
    const box = element.shadowRoot.querySelector(".message");
    await new Promise((resolve) => { const poll = () => (box.hidden ? setTimeout(poll, 20) : resolve()); poll(); });
    return box.textContent;
  });
  assert.equal(message, 'workers must be an integer from 1 to 10000, got "abc" (a string)');
  assert.equal(await page.locator("#fail-fast").getByLabel("Workers", { exact: true }).inputValue(), "abc");
  assert.deepEqual(page.warnings.filter((text) => /cannot be parsed/.test(text)), []);
  await page.close();
});

test("bad input: autorun=0 does not run; a setting given twice, jobs against given waits, and 2^64 are said as given", async () => {
  const off = await open("index.html?workers=2&autorun=0");
  await ready(off);
  await off.waitForTimeout(400);
  assert.equal(await off.evaluate(() => window.reports.length), 0);
  await off.close();
  for (const [search, expected] of [
    ["?workers=2&workers=3&autorun", 'workers is given twice ("2" and "3"): give it once'],
    ["?jobs=50&waits=1,2,3&autorun", "jobs is 50, but 3 waits are given, which set the number of jobs: leave jobs out"],
    ["?seed=18446744073709551616&autorun", "seed must be an integer from 0 to 9007199254740991, got 18446744073709551616"],
  ]) {
    const page = await open(`index.html${search}`);
    await ready(page);
    await alert(page).getByText(expected, { exact: true }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.reports.length), 0, search);
    await page.close();
  }
});
