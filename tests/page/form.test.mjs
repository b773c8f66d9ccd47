// The element's form, in headless Chromium: its fields, made from the table
// of options, show the properties and hand the user's changes to them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pageSuite, demoOf, whenReady, nthReport } from "./harness.mjs";

const suite = pageSuite();
const { open } = suite;
const demo = demoOf;
const ready = whenReady;

test("given waits have a field of their own, which runs what it says", async () => {
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

test("a setting changed during a run says it applies to the next run", async () => {
  const page = await open("index.html?workers=2&jobs=20&max-wait-ms=2000&threshold-ms=2000&seed=3&autorun");
  await demo(page).getByRole("button", { name: "Stop" }).and(page.locator(":enabled")).waitFor();
  await demo(page).getByLabel("Workers", { exact: true }).fill("5");
  await demo(page).getByLabel("Workers", { exact: true }).press("Tab");
  await demo(page).locator(".status").getByText("applies to the next run").waitFor();
  await demo(page).getByRole("button", { name: "Stop" }).click();
  await nthReport(page);
  await page.close();
});

test("cancel in-flight is disabled while fail fast is off", async () => {
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

test("queue length is explained: the field's description and the glossary", async () => {
  const page = await open("index.html?preset=seed");
  await ready(page);
  assert.match(await demo(page).getByLabel("Queue length").getAttribute("title"), /wait in the queue/);
  await demo(page).getByText("What the words mean").click();
  await demo(page).locator(".glossary dd").getByText("It changes what is queued, not what runs").waitFor();
  await page.close();
});

test("a 10-digit seed fits its box", async () => {
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
