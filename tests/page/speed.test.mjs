// The page's speed, up to 4: the article's run, replayed and live, takes a
// quarter of the page's time, and its report keeps the run's own times.
// (On the virtual clock the report at every speed is the one at speed 1,
// exactly: tests/replay.rs; the JS API's run in both engines: tests/web.rs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { pageSuite, whenReady } from "./harness.mjs";

const suite = pageSuite();

/** Runs the element at `speed`, replayed or `live`: the report's times, and how long it took on the page's clock. */
const timed = (page, speed, live) => page.evaluate(async ({ speed, live }) => {
  const element = document.querySelector("dispatcher-demo");
  element.speed = speed;
  const started = performance.now();
  const { status, error, elapsedMs, jobs } = await element.run({ live });
  return {
    ms: performance.now() - started,
    report: { status, error: error?.message ?? null, elapsedMs, jobs: jobs.map(({ id, state, worker, waitMs, startMs, endMs }) => ({ id, state, worker, waitMs, startMs, endMs })) },
  };
}, { speed, live });

test("at speed 4 the article's replay takes a quarter of the time, and its report is the one at speed 1", async () => {
  const page = await suite.open("index.html?preset=article&speed=1");
  await whenReady(page);
  const full = await timed(page, 1, false);
  const fast = await timed(page, 4, false);
  assert.equal(full.report.error, "cannot wait for more than 990 ms: job #78; 996 ms");
  assert.deepEqual(fast.report, full.report);
  // Its last event comes once a quarter of the run's time has gone by, not before.
  assert.ok(fast.ms >= full.report.elapsedMs / 4 && fast.ms < full.ms / 2, `${fast.ms} ms at speed 4, ${full.ms} ms at speed 1`);
  assert.equal(new URL(page.url()).searchParams.get("speed"), "4");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("at speed 4 the article's run, live, takes under half the time, and each wait lasts its time in the report, never less", async () => {
  const page = await suite.open("index.html?preset=article&speed=1");
  await whenReady(page);
  const full = await timed(page, 1, true);
  const fast = await timed(page, 4, true);
  assert.ok(fast.ms < full.ms / 2, `${fast.ms} ms at speed 4, ${full.ms} ms at speed 1`);
  // A timer rings at or after its deadline, late by what else the page does
  // (it draws, and loads its teaching parts on the first run): generously,
  // 250 ms of the page's time, the report's mark of a distorted run at
  // speed 1, and so 1000 ms of the run's at speed 4. (Seen at a load of 8
  // on two cores: up to 130 ms at speed 1, and 124 at speed 4.)
  for (const [speed, { report }] of [[1, full], [4, fast]]) {
    assert.equal(report.error, "cannot wait for more than 990 ms: job #78; 996 ms", `at speed ${speed}`);
    for (const job of report.jobs.filter((job) => job.state === "succeeded")) {
      const late = job.endMs - job.startMs - job.waitMs;
      assert.ok(late >= -1e-9 && late <= 250 * speed, `job #${job.id} ended ${late} ms after its wait at speed ${speed}`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});
