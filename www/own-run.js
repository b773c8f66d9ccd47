// A page's own `map` run, drawn by <dispatcher-demo> as it draws the demo's.
// show-map.js imports this module when a page first shows one, so a page
// that shows only the demo never loads it. It calls the page's `run` with
// map's options, the element's onProgress and signal among them; feeds map's
// progress events to a RunState that grows as map pulls the input; writes
// log lines of the page's jobs, not of the demo's waits; and once map has
// settled, makes a report of them with the real errors' messages, which the
// summary, the log and the narration show. Invariants:
// 1. The run takes the stage only once the demo's run it stopped has ended,
//    so that nothing of that run draws over it.
// 2. Every event map gives is applied, in order, whether it came before the
//    stage was this run's or after; none after the report.
// 3. The report is made once map has settled and no job of it runs.
import { RunState, STATE_NAMES, WAITING, CANCELED, ABORTED, SUCCEEDED } from "./run-state.js";
import { OPTIONS, LOG_KINDS, LOG_LINES } from "./spec.js";

/**
 * The log's lines, by RunState's kinds of line (LOG_KINDS), worded as the
 * demo's (LOG_LINES, from src/report.rs), but a map's job has no wait, and
 * runs until it is aborted.
 */
const [[STARTED], [CANCELED_LINE, CANCELED_END], [ABORTED_LINE]] = LOG_LINES;
const LINES = [(job) => `${STARTED}${job}.`, (job) => `${CANCELED_LINE}${job}${CANCELED_END}`, (job) => `${ABORTED_LINE}${job} while it was running`];
/** A map's event's type, by its kind of log line. */
const KIND = { start: LOG_KINDS.indexOf("started"), cancel: LOG_KINDS.indexOf("canceled"), abort: LOG_KINDS.indexOf("aborted") };
/** RunState's columns by job, and their types: they grow as the input is pulled. */
const COLUMNS = { state: Uint8Array, worker: Int32Array, start: Float64Array, end: Float64Array, wait: Uint32Array };

const messageOf = (error) => (error instanceof Error ? error.message : String(error));
const ms = (value) => `${Math.round(value)} ms`;
const jobs = (count, what) => `${count} ${what} job${count === 1 ? "" : "s"}`;
/** An integer option (`workers`, `queueLength`) as map takes it, for the drawing: its default where map rejects it (spec.js's limits). */
function integer(name, value) {
  const { min, max, default: otherwise } = OPTIONS.find((spec) => spec.name === name);
  return Number.isInteger(value) && value >= min && value <= max ? value : otherwise;
}

const typeOf = (value) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value);

/**
 * Calls `run(options)`, `options` being the page's `given` options for map
 * with the element's `onProgress` and `signal`, and draws the run on
 * `view`, the element's parts: `{ host, root, stage, controls, stopDemo }`,
 * stopDemo() resolving once the demo's run (if one was going) has stopped
 * and settled. `shown` is show-map.js's handle. Returns what `run` returns.
 */
export function startOwnRun(view, shown, given, run) {
  const wrong = given !== undefined && (given === null || typeof given !== "object" || Array.isArray(given))
    ? `options must be map's options, an object, got ${typeOf(given)}`
    : typeof run !== "function" ? `run must be a function that calls map with the options it is given, got ${typeOf(run)}` : null;
  if (wrong) {
    shown.going = false;
    throw new TypeError(`showMap: ${wrong}`);
  }
  const options = given ?? {};
  const stopper = new AbortController();
  shown.stop = () => stopper.abort(new DOMException("<dispatcher-demo>'s Stop", "AbortError"));
  if (shown.stopped) shown.stop();
  // Until the stage is this run's, the events wait (invariant 1).
  const events = [];
  let draw = null;
  // map's clock starts as it is called, its events' times counted from there: the first event says where that was on the page's.
  const clock = { startedAt: performance.now(), set: false };
  const onProgress = (event) => {
    if (!clock.set) Object.assign(clock, { startedAt: performance.now() - event.atMs, set: true });
    try {
      if (draw) draw(event);
      else if (!shown.detached) events.push(event);
    } finally {
      options.onProgress?.(event);
    }
  };
  // What is not allowed is given to map as it was given: map rejects with the message that names it.
  const signal = options.signal instanceof AbortSignal ? AbortSignal.any([options.signal, stopper.signal]) : options.signal ?? stopper.signal;
  const mapOptions = { ...options, signal, onProgress: options.onProgress === undefined || typeof options.onProgress === "function" ? onProgress : options.onProgress };
  // The element's `devtools` attribute asks for map's DevTools tracks, unless the page's options say.
  if (options.devtools === undefined && view.host.hasAttribute("devtools")) mapOptions.devtools = true;
  let returned;
  try {
    returned = run(mapOptions);
  } catch (error) {
    returned = Promise.reject(error);
  }
  // What is not a promise cannot be map's: the run would look over at once while map goes on unseen.
  if (typeof returned?.then !== "function") {
    Object.assign(shown, { going: false, detached: true });
    throw new TypeError(`showMap: run must return the promise map returns, got ${typeOf(returned)}`);
  }
  const result = Promise.resolve(returned);
  (async () => {
    const settled = result.then((value) => ({ value, atMs: performance.now() }), (error) => ({ error, rejected: true, atMs: performance.now() }));
    await view.stopDemo();
    // The demo's run settles its report, its status and its teaching parts after its promise: let them go first.
    await new Promise((resolve) => setTimeout(resolve));
    if (shown.detached) return;
    const own = new OwnRun(view, { options, signal, clock, shown });
    for (const event of events.splice(0)) own.apply(event);
    draw = (event) => own.apply(event);
    shown.onDetach = () => {
      draw = null;
      own.release();
    };
    own.settle(await settled);
  })().catch((error) => view.controls.message(`Your run could not be shown (${error.message}).`));
  return result;
}

class OwnRun {
  #view;
  #run;
  /** The log's every line so far, and each job's error, as `{ jobId, message }`, in the order they failed. */
  #lines = [];
  #errors = [];
  #outcome = null;
  /** The teaching parts this run has nothing to show in (the demo's code, its scrubber, compare mode), and whether each was hidden before. */
  #hidden;

  /** `run` is `{ options, signal, clock, shown }`: map's options and signal, where its clock started (`clock.startedAt`), and show-map.js's handle. */
  constructor(view, run) {
    this.#view = view;
    this.#run = run;
    const { workers, queueLength } = run.options;
    this.state = new RunState({
      jobs: 0,
      workers: integer("workers", workers),
      queueLength: integer("queueLength", queueLength),
      logLines: (kinds, starts) => Array.from(kinds, (kind, i) => LINES[kind](starts[i])),
      startedAt: run.clock.startedAt,
    });
    // Its jobs run until they settle: tooltips.js says no wait of them.
    this.state.waitless = true;
    const { root, host, controls, stage } = view;
    this.#hidden = [".code-box", ".scrubber", ".compare-box", ".compare"].map((selector) => root.querySelector(selector)).filter(Boolean).map((part) => [part, part.hidden]);
    for (const [part] of this.#hidden) part.hidden = true;
    host.removeAttribute("comparing");
    controls.showRunning(true);
    // map's pause is a PauseController of the page's module: the element cannot pause it.
    root.querySelector(".pause").disabled = true;
    controls.message(null);
    controls.status("Running your map…");
    this.#narrate(`Your run goes, at most ${this.state.workers} at a time…`);
    stage.show(this.state);
  }

  /** Applies one of map's progress events. */
  apply(event) {
    const state = this.state;
    if (state.report) return;
    const { type, jobId, count = 1 } = event;
    state.startedAt = this.#run.clock.startedAt;
    grow(state, jobId + count);
    state.apply(event);
    if (type in KIND) for (let job = jobId; job < jobId + count; job++) this.#lines.push(LINES[KIND[type]](job));
    if (type === "fail") this.#errors.push({ jobId, message: messageOf(event.error) });
    if (this.#outcome) this.#finishWhenIdle();
    this.#view.stage.schedule();
  }

  /** map has settled, at `atMs` on the page's clock: `{ value, atMs }`, or `{ error, rejected, atMs }`. */
  settle(outcome) {
    this.#outcome = outcome;
    this.#finishWhenIdle();
  }

  /** The element shows another run now: give back what this one hid. */
  release() {
    for (const [part, hidden] of this.#hidden) part.hidden = hidden;
  }

  #finishWhenIdle() {
    const state = this.state;
    if (state.report || state.running > 0 || this.#run.shown.detached) return;
    const { error, rejected, atMs } = this.#outcome;
    const errors = this.#errors;
    // A rejection that is no job's: the signal's reason (Stop, or the page's own signal), the input's error, or bad options.
    const stopped = rejected && !errors.length && this.#run.signal?.aborted === true;
    const status = !rejected ? "completed" : errors.length || !stopped ? "failed" : "stopped";
    const log = [...this.#lines, ...errors.map(({ jobId, message }) => `Job #${jobId} failed: ${message}`)];
    if (rejected && !errors.length) log.push(`${stopped ? "Stopped" : "The run failed"}: ${messageOf(error)}`);
    const failure = state.failure;
    const n = state.jobs;
    state.finish({
      status, error: errors[0] ?? null, errors,
      elapsedMs: Math.max(state.lastMs, atMs - state.startedAt),
      maxLateMs: 0, timingDistorted: false,
      columns: {
        states: state.state.subarray(0, n), stateNames: STATE_NAMES, workers: state.worker.subarray(0, n),
        starts: state.start.subarray(0, n), ends: state.end.subarray(0, n), waits: state.wait.subarray(0, n), log,
      },
    });
    // A job of the page's fails when it ends, not as it starts (as the demo's do): the failure is where its event put it.
    state.failure = failure;
    const { controls, stage } = this.#view;
    this.#run.shown.going = false;
    controls.showRunning(false);
    controls.status(`Done: ${status}.`);
    if (rejected && !errors.length && !stopped) controls.message(`Your run failed: ${messageOf(error)}`);
    this.#narrate(this.#story(status, stopped ? messageOf(error) : null));
    stage.schedule();
  }

  /** What happened, from the run's own figures. */
  #story(status, stopReason) {
    const { counts, report, failure, cancelAtMs } = this.state;
    const settled = report.elapsedMs;
    if (status === "completed") return `Every job succeeded (${counts[SUCCEEDED]} of them) in ${ms(settled)}, at most ${this.state.workers} at a time.`;
    const error = report.error;
    const from = failure?.atMs ?? cancelAtMs ?? settled;
    const opening = error ? `Job #${error.jobId} failed at ${ms(from)} (${error.message})` : stopReason ? `Stopped at ${ms(from)} (${stopReason})` : `The run failed at ${ms(settled)}`;
    const steps = [opening];
    if (cancelAtMs !== null) {
      steps.push(`${jobs(counts[CANCELED], "waiting")} canceled: none of them started`);
      if (counts[ABORTED]) steps.push(`${jobs(counts[ABORTED], "running")} aborted, their signals aborted at once`);
    }
    steps.push(`the run settled ${ms(settled - from)} later.`);
    return steps.join(" → ");
  }

  #narrate(text) {
    const narration = this.#view.root.querySelector(".narration");
    if (narration) narration.textContent = text;
  }
}

/** Makes room in `state` for `jobs` jobs: jobs it had not seen are waiting. Its columns double as they fill. */
function grow(state, jobs) {
  if (jobs <= state.jobs) return;
  const capacity = state.state.length;
  if (jobs > capacity) {
    const size = Math.max(jobs, capacity * 2, 64);
    for (const [name, Type] of Object.entries(COLUMNS)) {
      const column = new Type(size);
      column.set(state[name]);
      state[name] = column;
    }
    state.worker.fill(-1, capacity);
  }
  state.counts[WAITING] += jobs - state.jobs;
  state.jobs = jobs;
}
