// The article's run as the page replays it (www/replay.js): its schedule is
// the article's, and a Stop during the replay does what the library does
// with a stop at that moment (tests/unit/recorded-runs.json, which
// tests/generated.rs writes from the library on the virtual clock).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { eventsOf, stopAt } from "../../www/replay.js";
import { recordedRun } from "../../www/live-run.js";

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));
export const article = read("www/article-run.json");
export const recorded = read("tests/unit/recorded-runs.json");
const named = (name) => recorded.runs.find((run) => run.name === name);

test("the replayed run is the article's: job #78 fails at the article's moment, and Go's way ends when its sleeps do", () => {
  const { expected } = article;
  const ours = recordedRun(article, { waits: article.waits });
  const events = eventsOf(ours, article.waits);
  const fail = events.find((event) => event.type === "fail");
  assert.equal(fail.jobId, expected.error.jobId);
  assert.equal(fail.atMs, expected.failedAtMs);
  assert.equal(ours.elapsedMs, expected.elapsedMsWhenRunningJobsAbort);
  assert.deepEqual(events.filter((event) => event.type === "start").map((event) => event.jobId), expected.started);
  assert.equal(recordedRun(article, { waits: article.waits, cancelInFlight: false }).elapsedMs, expected.elapsedMsWhenRunningJobsFinish);
  // Any other setting runs live.
  assert.equal(recordedRun(article, { waits: article.waits, workers: 4 }), null);
  assert.equal(recordedRun(article, { waits: article.waits.slice(1) }), null);
  assert.equal(recordedRun(article, { waits: null }), null);
});

for (const [name, from, options] of [
  ["stopped at 1500 ms", [true, true], { at: 1500 }],
  ["stopped at 1500 ms, cancel in-flight off", [true, false], { at: 1500 }],
  ["stopped at 3300 ms, after the failure, cancel in-flight off", [true, false], { at: 3300 }],
  ["stopped at 3500 ms, after a failure, fail fast off", [false, true], { at: 3500 }],
]) {
  test(`a Stop in the replay does what the library does: ${name}`, () => {
    const [failFast, cancelInFlight] = from;
    const full = recordedRun(article, { waits: article.waits, failFast, cancelInFlight });
    const stopped = stopAt(eventsOf(full, article.waits), options.at, { failFast, cancelInFlight });
    const library = named(name);
    assert.equal(stopped.status, library.status);
    assert.deepEqual(stopped.events, eventsOf(library, article.waits));
  });
}
