// The page with its CPU four times slower, as DevTools throttles it
// (Lighthouse's mobile profile): a phone's CPU, or an old laptop's. Thirty
// elements running at once, and the article's run, each come to its end
// with times that are the run's: no run is flagged distorted because the
// page itself was busy. make bench measures the tasks and frames; here the
// bounds are generous, as on a shared machine they must be.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pageSuite, root, throttleCpu } from "./harness.mjs";
import { demoPage, thirtyElements, seen, THIRTY } from "./scenes.mjs";

const SLOWER = 4;
const suite = pageSuite();

/** Runs `scene` in a new page with the CPU SLOWER times slower; returns what the page saw. */
async function slowed(scene) {
  const page = await suite.browser.newPage({ viewport: { width: 1100, height: 900 } });
  try {
    const go = await scene(page);
    await throttleCpu(page, SLOWER);
    await go();
    return await seen(page);
  } finally {
    await page.close();
  }
}

test(`${THIRTY} elements running at once, with the CPU ${SLOWER}× slower, keep their runs' times`, async () => {
  const { reports } = await slowed((page) => thirtyElements(page, suite.server.url, { timeout: 240_000 }));
  assert.equal(reports.length, THIRTY);
  const distorted = reports.filter((report) => report.distorted);
  assert.deepEqual(distorted, [], "a run flagged distorted: the page held its timers back");
});

test(`the article's run, with the CPU ${SLOWER}× slower, keeps its time`, async () => {
  const article = JSON.parse(await readFile(join(root, "www/article-run.json"), "utf8"));
  const settings = `workers=${article.workers}&queue-length=${article.queueLength}&threshold-ms=${article.thresholdMs}&waits=${article.waits.join(",")}`;
  const { reports } = await slowed((page) => demoPage(page, suite.server.url, settings, { timeout: 60_000 }));
  assert.equal(reports.length, 1);
  const [report] = reports;
  assert.equal(report.distorted, false, `a job ended ${Math.round(report.maxLateMs)} ms after its wait`);
  // It fails at job #78's start, 3,144 ms into the virtual schedule; a generous bound.
  const failedAt = article.expected.failedAtMs;
  assert.ok(report.elapsedMs >= failedAt && report.elapsedMs < failedAt + 1000, `${Math.round(report.elapsedMs)} ms, against ${failedAt} ms virtual`);
});
