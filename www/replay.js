// The article's run, replayed: the events the library gave on the virtual
// clock (www/article-run.json's `schedule`, which tests/generated.rs writes),
// played out at the run's speed. So the article's run is one fixed story on
// every load: job #78 fails at the article's moment, on the same worker,
// and every figure the page gives is the article's. It has LiveRun's shape
// (live-run.js), so the element and the teaching parts take either; "Run it live" runs the
// same settings on real timers instead. In dist/ a file of its own, which is
// handed the modules it shares with the element (`share`: scripts/dist/build.mjs)
// rather than holding them again.
import { DEFAULTS } from "./settings.js";
import { RunState } from "./run-state.js";
import { Recording } from "./recording.js";
import { EVENT_TYPES, JOB_STATES, LOG_KINDS } from "./spec.js";
import { runSetup, RunGroup } from "./run-setup.js";
const ENDS = { succeed: "succeeded", fail: "failed", cancel: "canceled", abort: "aborted" };

/** A recorded run's events as `run`'s progress events are: `{ type, jobId, count, worker, waitMs, atMs }`. */
export function eventsOf(recorded, waits) {
  return recorded.events.map(([atMs, code, jobId, detail]) => {
    const type = EVENT_TYPES[code];
    const many = type === "queue" || type === "cancel";
    return { type, jobId, count: many ? detail : 1, worker: many ? null : detail, waitMs: waits[jobId], atMs };
  });
}

/**
 * What the library does when a stop comes at `ms` (tests/unit/replay.test.mjs
 * holds it to the library's stopped runs): the events before it; then, if
 * nothing has canceled the run yet, the jobs not started are canceled, and
 * the running ones aborted, or with cancel in-flight off left to end at their
 * waits; if the run was canceled already, its running jobs are aborted.
 * Returns `{ events, status }`.
 */
export function stopAt(events, ms, { cancelInFlight, failFast }) {
  const kept = events.filter((event) => event.atMs < ms);
  const running = new Map();
  let fed = 0, canceled = false, failed = false;
  for (const event of kept) {
    if (event.type === "start") running.set(event.jobId, event);
    else if (event.type !== "queue" && event.type !== "cancel") running.delete(event.jobId);
    if (event.type === "queue") fed = event.jobId + event.count;
    if (event.type === "cancel" || event.type === "abort") canceled = true;
    if (event.type === "fail") failed = true;
  }
  const started = kept.filter((event) => event.type === "start").length;
  const jobs = Math.max(fed, ...events.filter((event) => event.type === "queue" || event.type === "cancel").map((event) => event.jobId + event.count));
  const stops = [];
  if (!canceled && started < jobs) stops.push({ type: "cancel", jobId: started, count: jobs - started, worker: null, waitMs: 0, atMs: ms });
  const abort = canceled || cancelInFlight;
  const left = [...running.values()].sort((a, b) => a.jobId - b.jobId);
  const ends = left.map((start) => abort
    ? { ...start, type: "abort", atMs: ms }
    : { ...start, type: "succeed", atMs: start.atMs + start.waitMs });
  if (!abort) ends.sort((a, b) => a.atMs - b.atMs || a.jobId - b.jobId);
  stops.push(...ends);
  const waits = new Map(events.map((event) => [event.jobId, event.waitMs]));
  for (const event of stops) if (event.type === "cancel") event.waitMs = waits.get(event.jobId) ?? 0;
  const status = failed && (failFast || canceled) ? "failed" : "stopped";
  return { events: [...kept, ...stops], status };
}

/**
 * The report of a replayed run, shaped as the module's (src/web/report.js):
 * the state it ended in, its `errors` as `[jobId, message]`, and `logLines`,
 * the module's writer of log lines.
 */
export function reportOf(state, { status, errors, elapsedMs, everyError }, logLines, events) {
  const jobs = state.jobs;
  const states = new Uint8Array(jobs);
  const workers = Int32Array.from(state.worker);
  const starts = new Float64Array(jobs).fill(NaN);
  const ends = new Float64Array(jobs).fill(NaN);
  for (let job = 0; job < jobs; job++) {
    // The page's end states are the module's, after waiting, queued and running (run-state.js).
    states[job] = state.state[job] - 3;
    if (workers[job] >= 0) {
      starts[job] = state.start[job];
      ends[job] = state.end[job];
    }
  }
  // The log: a line per start, cancel and abort, then the errors, as the Go program prints them.
  const moments = events.filter((event) => event.type === "start" || event.type === "cancel" || event.type === "abort");
  const kindOf = { start: LOG_KINDS.indexOf("started"), cancel: LOG_KINDS.indexOf("canceled"), abort: LOG_KINDS.indexOf("aborted") };
  const kinds = Uint8Array.from(moments, (event) => kindOf[event.type]);
  const lines = logLines(kinds, Uint32Array.from(moments, (event) => event.jobId), Uint32Array.from(moments, (event) => event.jobId + event.count), state.wait);
  const messages = (everyError ? errors : errors.slice(0, 1)).map(([, message]) => message);
  const log = {
    length: lines.length + messages.length,
    slice: (from = 0, to = log.length) => [...lines.slice(0, lines.length), ...messages].slice(from, to),
  };
  const reported = errors.map(([jobId, message]) => ({ jobId, waitMs: state.wait[jobId], message }));
  const columns = { waits: Uint32Array.from(state.wait), states, stateNames: JOB_STATES, workers, starts, ends, log };
  const report = {
    status,
    error: reported[0] ?? null,
    errors: everyError ? reported : reported.slice(0, 1),
    elapsedMs,
    maxLateMs: 0,
    timingDistorted: false,
    seed: null,
    jobs: Array.from({ length: jobs }, (_, id) => ({
      id,
      waitMs: columns.waits[id],
      state: JOB_STATES[states[id]],
      worker: workers[id] < 0 ? null : workers[id],
      startMs: workers[id] < 0 ? null : starts[id],
      endMs: Number.isNaN(ends[id]) ? null : ends[id],
    })),
    log: log.slice(),
  };
  Object.defineProperty(report, "columns", { value: columns });
  return report;
}

/** One replay of `recorded` (recordedRun's): `state`, `recording` and `options`, `done`, `abort` and `pause` as a live run has them. */
function replay(recorded, options, logLines, changed) {
  const speed = options.speed ?? DEFAULTS.speed;
  const setup = runSetup(options, logLines);
  const state = new RunState({ ...setup, startedAt: performance.now(), speed });
  const recording = new Recording(setup);
  let events = eventsOf(recorded, setup.waits);
  let status = recorded.status;
  let next = 0;
  // The replay's own clock, in run ms: held while paused.
  let heldAt = null, from = performance.now();
  const runMs = () => (heldAt ?? (performance.now() - from) * speed);
  let timer = 0;
  let settle;
  const done = new Promise((resolve) => (settle = resolve));
  const finish = () => {
    const elapsedMs = status === recorded.status && events.length === recorded.events.length
      ? recorded.elapsedMs
      : Math.max(...events.map((event) => event.atMs));
    const errors = recorded.errors.filter(([jobId]) => events.some((event) => event.type === "fail" && event.jobId === jobId));
    settle(reportOf(state, { status, errors, elapsedMs, everyError: !recorded.failFast }, logLines, events));
  };
  const play = () => {
    const now = runMs();
    while (next < events.length && events[next].atMs <= now) {
      const event = events[next++];
      state.apply(event);
      recording.push(event);
    }
    changed();
    if (next === events.length) return finish();
    // setTimeout drops a delay's fraction of a ms, and above speed 1 most
    // delays have one: rounded up, the timer comes at or after the next
    // event, not once before it for nothing (then, nested, clamped to 4 ms).
    if (heldAt === null) timer = setTimeout(play, Math.max(0, Math.ceil((events[next].atMs - now) / speed)));
  };
  timer = setTimeout(play);
  const abort = {
    /** A stop: the library's stop at this moment, played out from here. */
    abort() {
      if (next === events.length) return;
      // A stop while paused lets the replay's clock go again: jobs may be left to end at their waits.
      if (pause.paused) pause.resume();
      clearTimeout(timer);
      // On the next whole ms, after every event shown: the virtual clock's runs have whole ms only.
      const stopped = stopAt(events, Math.floor(runMs()) + 1, { cancelInFlight: recorded.cancelInFlight, failFast: recorded.failFast });
      // The events already shown stay as they were.
      events = [...events.slice(0, next), ...stopped.events.slice(next)];
      status = stopped.status;
      play();
    },
  };
  const pause = {
    paused: false,
    /** The replay's clock holds: nothing moves until resume. */
    pause() {
      if (this.paused) return;
      this.paused = true;
      heldAt = state.heldAtMs = runMs();
      clearTimeout(timer);
    },
    resume() {
      if (!this.paused) return;
      this.paused = false;
      from = performance.now() - heldAt / speed;
      state.startedAt = from;
      heldAt = state.heldAtMs = null;
      play();
    },
    free() {},
  };
  return { done, abort, pause, crash: () => {}, state, recording, options, replayed: true };
}

/**
 * Replays `recorded` (recordedRun's) with `options`; with `goRecorded` (the
 * run without cancel in-flight), Go's two ways beside it, as LiveRun has
 * them. A RunGroup made here, not a class of this module's: in dist/, RunGroup
 * is the element's, handed to it once the module is in.
 */
export function replayRun(recorded, options, { goRecorded = null, logLines, changed }) {
  const group = Object.assign(new RunGroup(), replay(recorded, options, logLines, changed), { free() {} });
  // Go with a select on ctx.Done() stops its running jobs at the cancel: the library's run with cancel in-flight.
  group.selectWay = goRecorded ? replay(recorded, options, logLines, changed) : null;
  group.goWay = goRecorded ? replay(goRecorded, { ...options, cancelInFlight: false }, logLines, changed) : null;
  return group;
}
