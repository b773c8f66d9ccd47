// map's DevTools tracks, in Chromium: with `devtools`, each job is a
// performance.measure in the extensibility format (detail.devtools, a
// "track-entry" on its worker's track, in a track group for the run), and
// the cancel a "marker", which the Performance panel shows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { slowServer } from "../api/fetch-server.mjs";

let browser, server;
before(async () => {
  [browser, server] = await Promise.all([launch(), slowServer()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("with devtools, each job of a map is a track entry on its worker's track, and the cancel a marker", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/fetch.html`);
  const { measures, marks, error } = await page.evaluate(async () => {
    const { default: init, map } = await import("/pkg/api/dispatcher_demo_api.js");
    await init();
    // Two workers: #0 succeeds at 10 ms and #2 takes its worker and fails at 30 ms, while #1 runs; #3 and #4 are queued.
    const jobs = [[10], [1000], [20, "no"], [1000], [1000]];
    const error = await map(jobs, ([ms, fails]) => new Promise((resolve, reject) => setTimeout(() => (fails ? reject(new Error(fails)) : resolve(ms)), ms)),
      { workers: 2, devtools: true }).catch((error) => error.message);
    const ours = (entry) => entry.detail?.devtools;
    const measures = performance.getEntriesByType("measure").filter(ours).map(({ name, duration, detail }) => ({ name, duration, ...detail.devtools }));
    const marks = performance.getEntriesByType("mark").filter(ours).map(({ name, detail }) => ({ name, ...detail.devtools }));
    return { measures, marks, error };
  });
  assert.equal(error, "no");
  const byJob = Object.fromEntries(measures.map((measure) => [measure.name, measure]));
  assert.deepEqual(Object.keys(byJob).sort(), ["job #0", "job #1", "job #2"]);
  for (const measure of measures) {
    assert.equal(measure.dataType, "track-entry");
    assert.equal(measure.trackGroup, "dispatcher-demo map #1");
    assert.match(measure.track, /^W[01]$/);
  }
  assert.equal(byJob["job #0"].track, byJob["job #2"].track, "#2 took #0's worker");
  assert.notEqual(byJob["job #1"].track, byJob["job #0"].track);
  assert.deepEqual(measures.map(({ name, color, tooltipText }) => [name, color, tooltipText]).sort(), [
    ["job #0", "primary", "job #0 succeeded"], ["job #1", "warning", "job #1 aborted"], ["job #2", "error", "job #2 failed"],
  ]);
  assert.deepEqual(byJob["job #2"].properties.at(-1), ["error", "no"]);
  assert.ok(byJob["job #2"].duration >= 15, `job #2 lasted ${byJob["job #2"].duration} ms`);
  assert.deepEqual(marks.map(({ name, dataType, properties }) => [name, dataType, properties]), [
    ["dispatcher-demo map #1 cancelled", "marker", [["run", "dispatcher-demo map #1"], ["cause", "job #2 failed"]]],
  ]);
  await page.close();
});
