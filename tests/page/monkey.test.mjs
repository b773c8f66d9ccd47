// A monkey presses Run, Stop, Pause, New seed and changes settings, in random
// order and at random speed, and after every step the controls must agree
// with whether a run is going. MONKEY_SECONDS sets how long (default 15).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { collectReports, start, stop } from "./harness.mjs";

const SECONDS = Number(process.env.MONKEY_SECONDS ?? 15);

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

/** A small seeded PRNG (mulberry32), so that a failing sequence can be replayed. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`a monkey at the controls for ${SECONDS} s leaves a consistent state`, { timeout: (SECONDS + 60) * 1000 }, async () => {
  const seed = Number(process.env.MONKEY_SEED ?? Date.now() % 100000);
  const random = prng(seed);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await collectReports(page);
  await page.goto(`${server.url}/index.html?workers=3&jobs=12&max-wait-ms=400&threshold-ms=380`);
  const demo = page.locator("dispatcher-demo");
  const button = (name) => demo.locator(`button.${name}`);
  await button("run").and(page.locator(":enabled")).waitFor();

  const state = () => demo.evaluate((element) => {
    const root = element.shadowRoot;
    const find = (selector) => root.querySelector(selector);
    return {
      running: element.running,
      run: find(".run").disabled,
      stop: find(".stop").disabled,
      pause: find(".pause").disabled,
      pausePressed: find(".pause").getAttribute("aria-pressed"),
      pauseLabel: find(".pause").textContent,
    };
  });
  const actions = [
    ["run", () => button("run").click({ timeout: 200 })],
    ["stop", () => button("stop").click({ timeout: 200 })],
    ["pause", () => button("pause").click({ timeout: 200 })],
    ["new seed", () => button("new-seed").click({ timeout: 200 })],
    ["workers", () => demo.getByLabel("Workers", { exact: true }).fill(String(1 + Math.floor(random() * 5)), { timeout: 200 })],
    ["keyboard run", () => demo.locator("form").evaluate((form) => form.requestSubmit())],
  ];
  const steps = [];
  const deadline = Date.now() + SECONDS * 1000;
  while (Date.now() < deadline) {
    const [name, act] = actions[Math.floor(random() * actions.length)];
    steps.push(name);
    await act().catch(() => {}); // a disabled button refuses the click: that is the point
    await page.waitForTimeout(Math.floor(random() * random() * 300));
    const s = await state();
    const where = `seed ${seed}, after ${steps.slice(-6).join(", ")}`;
    assert.equal(s.run, s.running, `Run is ${s.run ? "disabled" : "enabled"} while ${s.running ? "" : "not "}running; ${where}`);
    assert.equal(s.stop, !s.running, where);
    assert.equal(s.pause, !s.running, where);
    if (!s.running) assert.deepEqual([s.pausePressed, s.pauseLabel], ["false", "Pause"], where);
  }
  // Stop whatever goes, then every run that settled must add up.
  await button("stop").click({ timeout: 500 }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector("dispatcher-demo").running);
  const reports = await page.evaluate(() => window.reports.map(({ report }) => report));
  for (const report of reports) {
    assert.ok(["completed", "failed", "stopped"].includes(report.status));
    const ended = report.jobs.filter((job) => ["succeeded", "failed", "canceled", "aborted"].includes(job.state)).length;
    assert.equal(ended, report.jobs.length);
  }
  console.log(`monkey: seed ${seed}, ${steps.length} actions in ${SECONDS} s, ${reports.length} runs settled`);
  assert.deepEqual(errors, []);
  await page.close();
});
