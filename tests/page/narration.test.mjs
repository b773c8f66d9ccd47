// The page never says what is false: the article's run is the same story on
// every load, the narration follows every step of the scrubber, and a Stop
// after stepping back says one thing. (tests/unit/narration.test.mjs holds
// each sentence to the events, at every moment of every kind of run.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { pageSuite, demoOf, nthReport } from "./harness.mjs";

const suite = pageSuite();
/** The text of `selector` in the element, after two frames (the page draws in its frames). */
const shadow = (page, selector) => page.evaluate(async (s) => {
  for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
  return document.querySelector("dispatcher-demo").shadowRoot.querySelector(s)?.textContent;
}, selector);

test("the article's preset shows the same failure, worker and figures on ten loads in a row", async () => {
  const seen = new Set();
  for (let load = 0; load < 10; load++) {
    const page = await suite.open("index.html?preset=article&speed=1&autorun");
    const { report } = await nthReport(page);
    const failed = report.jobs[78];
    await demoOf(page).locator(".narration").getByText("Job #78 failed at").waitFor();
    seen.add(JSON.stringify([report.error.jobId, failed.startMs, failed.worker, report.elapsedMs, await shadow(page, ".narration")]));
    assert.deepEqual(page.errors, []);
    await page.close();
  }
  assert.equal(seen.size, 1, [...seen].join("\n"));
  const [jobId, failedAt, worker, elapsedMs, narration] = JSON.parse([...seen][0]);
  assert.deepEqual([jobId, failedAt, worker, elapsedMs], [78, 3144, 3, 3144]);
  assert.match(narration, /Job #78 failed at 3144 ms .* would have waited 382 ms more/);
});

test("the narration follows each step: the moment's time, then the failure as it comes", async () => {
  const page = await suite.open("index.html?preset=article&speed=1&autorun");
  await nthReport(page);
  const slider = demoOf(page).getByRole("slider", { name: "Moment of the run" });
  await slider.press("Home");
  const next = demoOf(page).getByRole("button", { name: "Next event" });
  for (let step = 0; step < 12; step++) await next.click();
  for (let step = 0; step < 3; step++) {
    await next.click();
    const moment = Number((await shadow(page, ".moment-text")).split(" ")[0]);
    assert.match(await shadow(page, ".narration"), new RegExp(`^At ${Math.round(moment)} ms nothing has gone wrong yet: .* Job #78 fails at 3144 ms`));
  }
  // Step to the failure: the narration says it, and no more than has happened.
  for (let i = 0; i < 200 && !(await shadow(page, ".code-now")).includes("fails as it starts"); i++) await next.click();
  assert.match(await shadow(page, ".narration"), /^Job #78 failed at 3144 ms .*: with fail fast, it cancels the run/);
  await next.click();
  assert.match(await shadow(page, ".narration"), /the queue closed: 21 waiting jobs canceled/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("Stop after stepping back says one thing: the run stopped, and the moment on show was running", async () => {
  const page = await suite.open("index.html?preset=article&speed=0.25&autorun");
  await page.waitForFunction(() => /event \d{2,} of/.test(document.querySelector("dispatcher-demo").shadowRoot.querySelector(".moment-text").textContent));
  await demoOf(page).getByRole("button", { name: "Pause" }).click();
  await demoOf(page).getByRole("slider", { name: "Moment of the run" }).press("Home");
  await demoOf(page).getByRole("button", { name: "Next event" }).click();
  await demoOf(page).getByRole("button", { name: "Stop" }).click();
  const { report } = await nthReport(page);
  assert.equal(report.status, "stopped");
  assert.match(await shadow(page, ".status"), /^Done: stopped/);
  assert.equal(await shadow(page, ".summary .status"), "running");
  assert.match(await shadow(page, ".narration"), /^At 0 ms nothing has gone wrong yet: .* Stop is pressed at \d+ ms: step on/);
  await demoOf(page).getByRole("slider", { name: "Moment of the run" }).press("End");
  assert.match(await shadow(page, ".narration"), /^Stop was pressed at \d+ ms → the queue closed: \d+ waiting jobs canceled → \d+ running jobs? aborted/);
  assert.equal(await shadow(page, ".summary .status"), "stopped");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("with cancel in-flight off, the work done after the cancel is told, and has a look of its own", async () => {
  const page = await suite.open("index.html?preset=article&speed=1&cancel-in-flight=false&autorun");
  await nthReport(page);
  assert.match(await shadow(page, ".narration"), /→ 9 running jobs ran on to the end of their waits, as the article's Go jobs do → the run settled 382 ms later\.$/);
  await demoOf(page).locator(".legend").getByText("ran on after the cancel").waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a tap on a bar or a square names its job beside the legend, as hover does in the title", async () => {
  const page = await suite.open("index.html?preset=article&speed=1&autorun", { viewport: { width: 390, height: 844 }, isMobile: true });
  await nthReport(page);
  const readout = demoOf(page).locator(".job-readout");
  const grid = demoOf(page).locator("canvas.grid");
  await grid.tap({ position: { x: 4, y: 4 } });
  // Naming jobs comes at the first pointer over the element (name-jobs.js): the tap's job once it is in.
  await readout.filter({ hasText: /^Job #/ }).waitFor();
  assert.match(await readout.textContent(), /^Job #0: succeeded on W0, 0\.0–81\.0 ms \(wait 81 ms\)$/);
  const timeline = demoOf(page).locator("canvas.timeline");
  const box = await timeline.boundingBox();
  // W1's lane, just after the axis's gutter (34 px): job #1's bar.
  await timeline.tap({ position: { x: 37, y: (1.5 * (box.height - 22)) / 10 } });
  assert.match(await readout.textContent(), /^Job #1: succeeded on W1/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
