// The runs that make bench/run.mjs's page rows, bench/profile.mjs's
// profiles and the throttled page test (throttled.test.mjs): each opens a
// page, readies it, and returns `go()`, which empties the page's records,
// starts the run and resolves once every report is in. The page collects
// its reports (collectReports), its long tasks (watchLongTasks) and the time
// between its animation frames (`window.frameTimes`) from its start.
import { collectReports, watchLongTasks } from "./harness.mjs";

async function watch(page) {
  await collectReports(page);
  await watchLongTasks(page);
  await page.addInitScript(() => {
    window.frameTimes = [];
    let last = 0;
    const tick = (now) => {
      if (last) window.frameTimes.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Empties the page's records: what follows is the run's. */
const fresh = (page) => page.evaluate(() => { window.reports.length = 0; window.longTasks.length = 0; window.frameTimes.length = 0; });

/**
 * What the page saw of the run: its longest task (0 for none of 50 ms or
 * more), the median and lowest frame rate, and the reports.
 */
export function seen(page) {
  return page.evaluate(() => {
    const rates = window.frameTimes.map((t) => 1000 / t).sort((a, b) => a - b);
    const reports = window.reports.map(({ report }) => ({ elapsedMs: report.elapsedMs, distorted: report.timingDistorted, maxLateMs: report.maxLateMs }));
    return { longest: Math.max(0, ...window.longTasks.map((task) => task.duration)), fps: { median: rates[rates.length >> 1] ?? 0, min: rates[0] ?? 0 }, reports };
  });
}

/** How many elements run at once in `thirtyElements`. */
export const THIRTY = 30;

/** The demo page at `settings` (its URL parameters), ready to run. */
export async function demoPage(page, url, settings, { timeout = 300_000 } = {}) {
  await watch(page);
  await page.goto(`${url}/index.html?${settings}`);
  await page.locator("dispatcher-demo button.run:enabled").waitFor();
  return async () => {
    await fresh(page);
    await page.locator("dispatcher-demo button.run").click();
    await page.waitForFunction(() => window.reports.length > 0, null, { timeout, polling: 250 });
  };
}

/**
 * The embedding example with thirty elements in place of its own (eight
 * workers, 200 jobs of 0–399 ms each, a seed each), connected and idle.
 */
export async function thirtyElements(page, url, { timeout = 300_000 } = {}) {
  await watch(page);
  await page.goto(`${url}/www/embed-example.html`);
  await page.waitForFunction(() => window.reports.length >= 2, null, { timeout: 60_000 });
  await page.evaluate((count) => {
    window.reports.length = 0;
    for (const element of document.querySelectorAll("dispatcher-demo, iframe")) element.remove();
    for (let i = 0; i < count; i++) {
      const element = document.createElement("dispatcher-demo");
      for (const [name, value] of Object.entries({ workers: 8, jobs: 200, "max-wait-ms": 400, "threshold-ms": 399, seed: i + 1 })) element.setAttribute(name, String(value));
      document.querySelector("article").append(element);
    }
  }, THIRTY);
  await page.locator("dispatcher-demo button.run:enabled").nth(THIRTY - 1).waitFor();
  await page.waitForTimeout(1000);
  return async () => {
    await fresh(page);
    await page.evaluate(() => document.querySelectorAll("dispatcher-demo").forEach((element) => element.run()));
    await page.waitForFunction((count) => window.reports.length >= count, THIRTY, { timeout, polling: 250 });
  };
}
