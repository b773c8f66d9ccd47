// The narration (www/narration.js) at every moment of recorded runs of each
// kind: the article's run with fail fast and with cancel in-flight on and
// off, fail fast off, stopped before and after a failure, and no failure
// (the library's own events on the virtual clock). Each sentence is held to
// the events up to that moment: what it counts, and what it says happened.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { narrate } from "../../www/narration.js";
import { Recording } from "../../www/recording.js";
import { RunState } from "../../www/run-state.js";
import { eventsOf, reportOf } from "../../www/replay.js";
import { logLines } from "./run-fixture.mjs";

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));
const article = read("www/article-run.json");
const RUNS = [...article.schedule.runs.map((run) => ({ ...run, name: `the article's run, fail fast ${run.failFast ? "on" : "off"}, cancel in-flight ${run.cancelInFlight ? "on" : "off"}` })),
  ...read("tests/unit/recorded-runs.json").runs];

const setup = { jobs: article.waits.length, workers: article.workers, queueLength: article.queueLength, waits: article.waits, logLines };

/** The recorded run `run`, settled (its report taken), and its recording. */
function settledRun(run) {
  const events = eventsOf(run, article.waits);
  const recording = new Recording(setup);
  const state = new RunState(setup);
  for (const event of events) {
    recording.push(event);
    state.apply(event);
  }
  state.finish(reportOf(state, { status: run.status, errors: run.errors, elapsedMs: run.elapsedMs, everyError: !run.failFast }, logLines, events));
  return { events, recording, state };
}

/** Holds `text`, said of the first `count` of `events` at `nowMs`, to them. */
function holdToEvents(text, events, count, nowMs, settled) {
  const seen = events.slice(0, count);
  const jobsIn = (type) => seen.filter((event) => event.type === type).reduce((sum, event) => sum + event.count, 0);
  const failure = seen.find((event) => event.type === "fail");
  const canceled = seen.some((event) => event.type === "cancel" || event.type === "abort");
  const started = jobsIn("start");
  const ended = jobsIn("succeed") + jobsIn("fail") + jobsIn("abort");
  const figure = (pattern) => Number(text.match(pattern)?.[1] ?? NaN);
  assert.ok(typeof text === "string" && text.length > 20, "a moment with nothing said");
  if (/nothing has gone wrong yet/.test(text)) {
    assert.ok(!failure && !canceled, "nothing has gone wrong, after a failure or a cancel");
    assert.equal(figure(/^At (\d+) ms/), Math.round(nowMs), "the moment's time");
    assert.equal(figure(/(\d+) running jobs?/), started - ended, "running");
  }
  if (/queue closed/.test(text)) assert.ok(seen.some((event) => event.type === "cancel") || settled, "the queue closed, with no cancel");
  if (/queue stayed open/.test(text)) assert.ok(!seen.some((event) => event.type === "cancel"), "the queue stayed open, with a cancel");
  if (/waiting jobs? canceled/.test(text)) assert.equal(figure(/(\d+) waiting jobs? canceled/), jobsIn("cancel"), "canceled");
  if (/aborted/.test(text)) assert.equal(figure(/(\d+) running jobs? aborted/), jobsIn("abort"), "aborted");
  if (/failed at/.test(text)) {
    assert.ok(failure, "a failure told before it came");
    assert.equal(figure(/Job #(\d+) failed/), failure.jobId);
    assert.equal(figure(/failed at (\d+) ms/), Math.round(failure.atMs));
  }
  if (/Stop was pressed/.test(text)) assert.ok(canceled, "a stop told before it came");
  if (/settled|took|Every job succeeded/.test(text)) assert.ok(settled, "the end told before it came");
  if (/Every job succeeded/.test(text)) assert.equal(jobsIn("succeed"), setup.jobs);
  if (/no job was running/.test(text)) assert.equal(started, ended, "no job running, with one running");
  if (/ran on to the end/.test(text)) {
    const cancel = seen.find((event) => event.type === "cancel" || event.type === "abort").atMs;
    const startedAt = new Map(seen.filter((event) => event.type === "start").map((event) => [event.jobId, event.atMs]));
    const ranOn = seen.filter((event) => event.type === "succeed" && event.atMs > cancel && startedAt.get(event.jobId) < cancel).length;
    assert.equal(figure(/(\d+) running jobs? ran on/), ranOn, "ran on");
  }
}

for (const run of RUNS) {
  test(`the narration follows every moment of ${run.name}, and says only what its events say`, () => {
    const { events, recording, state } = settledRun(run);
    const options = { failFast: run.failFast, cancelInFlight: run.cancelInFlight };
    // The settled run, then every moment of it.
    const text = narrate(state, options);
    holdToEvents(text, events, events.length, run.elapsedMs, true);
    const said = new Set([text]);
    for (let count = 0; count < recording.length; count++) {
      const nowMs = count ? recording.at(count - 1) : 0;
      const text = narrate(recording.replay(count, nowMs), options, { nowMs, next: state });
      holdToEvents(text, events, count, nowMs, false);
      said.add(text);
    }
    // It follows the steps: a run of a hundred jobs is not told in a handful of sentences.
    assert.ok(said.size > recording.length / 4, `${said.size} sentences for ${recording.length} events`);
  });
}

test("the settled article's run is told in the article's figures, which add up", () => {
  const { state } = settledRun(article.schedule.runs[0]);
  assert.equal(narrate(state),
    "Job #78 failed at 3144 ms (its wait, 996 ms, is over the threshold) → the queue closed: 21 waiting jobs canceled → " +
    "9 running jobs aborted, their timers cleared → the run settled 0 ms later. The article's Go program would have waited 382 ms more, " +
    "for those jobs' time.Sleep to end; a Go job that selects on ctx.Done() stops at the cancel, as these did.");
  const goWay = settledRun(article.schedule.runs[1]).state;
  assert.equal(Math.round(goWay.report.elapsedMs) - 3144, 382);
});
