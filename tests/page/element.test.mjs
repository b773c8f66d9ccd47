// <dispatcher-demo> as a custom element: its properties are the truth, a
// change made at any moment is kept, and what it listens to it stops
// listening to when it leaves the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { collectReports, nthReport, root, start, stop } from "./harness.mjs";

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

/** A page of the server's origin with nothing on it, and no script yet: the test puts the element there. */
async function blank() {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.errors = errors;
  await page.route("**/blank.html", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title><body></body>" }));
  await collectReports(page);
  await page.goto(`${server.url}/blank.html`);
  return page;
}

/** Appends a <dispatcher-demo> with `attributes` once the module is in, and waits until it may run. */
async function append(page, attributes) {
  await page.evaluate(async (attributes) => {
    await import("/www/dispatcher-demo.js");
    const demo = document.createElement("dispatcher-demo");
    for (const [name, value] of Object.entries(attributes)) demo.setAttribute(name, value);
    document.body.append(demo);
  }, attributes);
  const demo = page.locator("dispatcher-demo");
  await demo.locator("button.run:enabled").waitFor();
  return demo;
}

const workersUsed = (report) => [...new Set(report.jobs.map((job) => job.worker).filter((worker) => worker !== null))].sort();

test("an attribute or a property changed during a run applies to the next run, and the form shows it at once", async () => {
  const page = await blank();
  const demo = await append(page, { workers: "2", jobs: "6", "max-wait-ms": "5000", "threshold-ms": "5000", seed: "1" });
  await demo.getByRole("button", { name: "Run" }).click();
  await demo.locator(".running .meter-value").getByText("2 / 2").waitFor();
  const during = await demo.evaluate((element) => {
    element.setAttribute("workers", "4");
    element.queueLength = 5;
    element.maxWaitMs = 20;
    element.setAttribute("threshold-ms", "20");
    const field = (name) => element.shadowRoot.querySelector(`[name="${name}"]`).value;
    return {
      running: element.running,
      fields: [field("workers"), field("queue-length"), field("max-wait-ms"), field("threshold-ms")],
      properties: [element.workers, element.queueLength, element.maxWaitMs, element.thresholdMs],
      attributes: [element.getAttribute("workers"), element.getAttribute("queue-length"), element.getAttribute("max-wait-ms")],
    };
  });
  assert.deepEqual(during, {
    running: true,
    fields: ["4", "5", "20", "20"],
    properties: [4, 5, 20, 20],
    attributes: ["4", "5", "20"],
  });
  // The run going keeps its own settings.
  assert.equal(await demo.locator(".running .meter-value").textContent(), "2 / 2");
  await demo.getByRole("button", { name: "Stop" }).click();
  const first = (await nthReport(page, 1)).report;
  assert.equal(first.status, "stopped");
  assert.deepEqual(workersUsed(first), [0, 1]);
  // The next one runs with the new ones: four workers, and waits under 20 ms.
  await demo.getByRole("button", { name: "Run" }).click();
  const second = (await nthReport(page, 2)).report;
  assert.equal(second.status, "completed");
  assert.deepEqual(workersUsed(second), [0, 1, 2, 3]);
  assert.ok(second.jobs.every((job) => job.waitMs < 20));
  assert.equal(await demo.locator(".queue .meter-value").textContent(), "0 / 5");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("before its first run, the stage shows the run the settings make, and follows them", async () => {
  const page = await blank();
  const demo = await append(page, { workers: "4", jobs: "40", seed: "3" });
  // Drawn in frames: read after two.
  const look = () => demo.evaluate(async (element) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const root = element.shadowRoot;
    const grid = root.querySelector(".grid");
    const data = grid.getContext("2d").getImageData(0, 0, grid.width, grid.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return {
      meters: [...root.querySelectorAll(".meter-value")].map((value) => value.textContent),
      status: root.querySelector(".summary .status")?.textContent ?? null,
      timelineHeight: root.querySelector(".timeline").clientHeight,
      gridPainted: painted / (data.length / 4),
    };
  });
  const before = await look();
  assert.deepEqual(before.meters, ["0 / 100", "0 / 4", "0 / 40"]);
  assert.equal(before.status, "not run yet");
  assert.ok(before.gridPainted > 0.05, `the grid's 40 waiting cells are drawn (${before.gridPainted} of it painted)`);
  // A change in the settings is shown at once: eight lanes make a taller timeline.
  await demo.evaluate((element) => (element.workers = 8));
  const changed = await look();
  assert.deepEqual(changed.meters, ["0 / 100", "0 / 8", "0 / 40"]);
  assert.ok(changed.timelineHeight > before.timelineHeight, `${changed.timelineHeight} px for 8 lanes, ${before.timelineHeight} for 4`);
  // Once it has run, the run stays on show.
  await demo.getByRole("button", { name: "Run" }).click();
  await nthReport(page, 1);
  await demo.evaluate((element) => (element.workers = 2));
  const after = await look();
  assert.equal(after.meters[1], "0 / 8");
  assert.notEqual(after.status, "not run yet");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a property set before the element is defined is kept, and reflected", async () => {
  const page = await blank();
  const seen = await page.evaluate(async () => {
    const demo = document.createElement("dispatcher-demo");
    Object.assign(demo, { workers: 3, jobs: 9, maxWaitMs: 30, thresholdMs: 30, seed: 5, autorun: true });
    document.body.append(demo);
    const before = customElements.get("dispatcher-demo");
    await import("/www/dispatcher-demo.js");
    return {
      defined: before === undefined && customElements.get("dispatcher-demo") !== undefined,
      own: ["workers", "jobs", "autorun"].filter((name) => Object.hasOwn(demo, name)),
      properties: [demo.workers, demo.jobs, demo.maxWaitMs, demo.seed, demo.autorun],
      attributes: ["workers", "jobs", "max-wait-ms", "seed", "autorun"].map((name) => demo.getAttribute(name)),
      fields: ["workers", "jobs", "seed"].map((name) => demo.shadowRoot.querySelector(`[name="${name}"]`).value),
    };
  });
  assert.deepEqual(seen, {
    defined: true,
    own: [],
    properties: [3, 9, 30, 5, true],
    attributes: ["3", "9", "30", "5", ""],
    fields: ["3", "9", "5"],
  });
  const { report } = await nthReport(page);
  assert.equal(report.jobs.length, 9);
  assert.equal(report.seed, 5);
  assert.ok(workersUsed(report).every((worker) => worker < 3));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("what the user changes in the form, the properties and attributes take", async () => {
  const page = await blank();
  const demo = await append(page, { workers: "2", jobs: "6" });
  await demo.locator("summary").getByText("Settings").click(); // folded in someone's page, until asked for
  const workers = demo.getByLabel("Workers", { exact: true });
  await workers.fill("7");
  await workers.press("Tab");
  await demo.getByLabel("Fail fast").uncheck();
  const state = () => demo.evaluate((element) => ({
    workers: element.workers,
    failFast: element.failFast,
    waits: element.waits?.length ?? null,
    attributes: ["workers", "fail-fast", "waits"].map((name) => element.getAttribute(name)),
  }));
  assert.deepEqual(await state(), { workers: 7, failFast: false, waits: null, attributes: ["7", "false", null] });
  await demo.getByLabel("Jobs to run").selectOption("article");
  await page.waitForFunction(() => document.querySelector("dispatcher-demo").waits !== null);
  const article = JSON.parse(await readFile(join(root, "www/article-run.json"), "utf8"));
  assert.deepEqual(await state(), { workers: article.workers, failFast: false, waits: 100, attributes: [String(article.workers), "false", article.waits.join(",")] });
  await demo.getByLabel("Jobs to run").selectOption("seed");
  await page.waitForFunction(() => document.querySelector("dispatcher-demo").waits === null);
  assert.deepEqual((await state()).attributes, [String(article.workers), "false", null]);
  await page.close();
});

test("moved in the page, it listens once: one click is one run, and removed, it hears nothing", async () => {
  const page = await blank();
  const demo = await append(page, { workers: "2", jobs: "4", "max-wait-ms": "20", "threshold-ms": "20", seed: "2", "page-url": "/index.html" });
  const status = await page.evaluate(async () => {
    const element = document.querySelector("dispatcher-demo");
    const status = element.shadowRoot.querySelector(".status");
    element.remove();
    element.shadowRoot.querySelector(".copy-link").click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const whileRemoved = status.textContent;
    document.body.append(element);
    document.body.prepend(element);
    return whileRemoved;
  });
  assert.ok(!status.startsWith("Link"), status);
  await demo.locator("button.run:enabled").waitFor();
  await demo.getByRole("button", { name: "Run" }).click();
  await nthReport(page, 1);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.reports.length), 1);
  await demo.getByRole("button", { name: "Copy link" }).click();
  await demo.locator(".status").getByText("Link", { exact: false }).waitFor();
  await page.close();
});

test("a string set to a property is read as its attribute's text is, as frameworks set them from templates", async () => {
  const page = await blank();
  const demo = await append(page, { workers: "2", jobs: "6" });
  const seen = await demo.evaluate((element) => {
    element.workers = "3";
    element.failFast = "false";
    const read = [element.workers, element.failFast, element.getAttribute("workers"), element.shadowRoot.querySelector(".message").hidden];
    element.jobs = "six";
    return [...read, element.jobs, element.shadowRoot.querySelector(".message").textContent];
  });
  assert.deepEqual(seen, [3, false, "3", true, "six", 'jobs must be an integer from 0 to 1000000, got "six" (a string)']);
  await page.close();
});

test("a print that never ended (headless print() sends beforeprint and no afterprint) does not hide the next: printed while running, the still frame", async () => {
  // mdBook's print.html calls print() 100 ms after it loads: in headless
  // Chromium that is a beforeprint with no afterprint, before the run starts.
  const page = await blank();
  const demo = await append(page, { workers: "2", jobs: "4", "max-wait-ms": "5000", "threshold-ms": "5000", seed: "1" });
  const still = () => demo.evaluate((element) => element.matches(":state(printing-still)"));
  const frames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
  assert.equal(await still(), false, "nothing is running: nothing to keep still");
  await demo.getByRole("button", { name: "Run" }).click();
  await demo.locator(".running .meter-value").getByText("2 / 2").waitFor();
  // Emulated, the print media's change event comes with the next frame.
  await page.emulateMedia({ media: "print" });
  await frames();
  assert.equal(await still(), true, "printed while the run goes: its still frame");
  await page.emulateMedia({ media: null });
  await frames();
  assert.equal(await still(), false, "after printing: the run");
  // A print as a browser makes it: beforeprint at once, then the media, then afterprint.
  assert.deepEqual(await demo.evaluate((element) => {
    const seen = () => element.matches(":state(printing-still)");
    dispatchEvent(new Event("beforeprint"));
    const during = seen();
    dispatchEvent(new Event("afterprint"));
    return [during, seen()];
  }), [true, false]);
  assert.deepEqual(page.errors, []);
  await page.close();
});
