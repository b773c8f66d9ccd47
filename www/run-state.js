// What the page knows of a run while it goes: each job's state, worker and
// times, kept in typed arrays and updated from `run`'s progress events. The
// report replaces it all when the run settles. A run may have a million
// jobs: nothing here makes an object or a string per job.
import { JOB_STATES, LOG_KINDS } from "./spec.js";

/** The page's states: the three a job goes through, then the module's, in which jobs end. */
export const STATE_NAMES = ["waiting", "queued", "running", ...JOB_STATES];
const code = (name) => STATE_NAMES.indexOf(name);
export const WAITING = 0, QUEUED = 1, RUNNING = 2;
export const SUCCEEDED = code("succeeded"), FAILED = code("failed"), CANCELED = code("canceled"), ABORTED = code("aborted");
/** A glyph per state, so that no state is told by its colour alone. */
export const GLYPHS = Object.assign(["", "·", "▸"], { [SUCCEEDED]: "✓", [FAILED]: "✕", [CANCELED]: "○", [ABORTED]: "✂" });

/** The state each progress event (by its `type`) ends a job in. */
const ENDS = { succeed: SUCCEEDED, fail: FAILED, cancel: CANCELED, abort: ABORTED };
/** The log's last lines kept while the run goes. */
const LOG_TAIL = 200;
const STARTED = LOG_KINDS.indexOf("started"), CANCELED_LINE = LOG_KINDS.indexOf("canceled"), ABORTED_LINE = LOG_KINDS.indexOf("aborted");

export class RunState {
  /**
   * A run of `jobs` jobs. `logLines(kinds, starts, ends, waits)` is the
   * module's writer of log lines (the glue's `logLines`), which `logTail`
   * uses, so that the page's lines are the report's. `startedAt` is when it
   * started, on the page's clock (`performance.now()`), and `speed` how fast
   * its time runs: with them, `nowMs` tells its time while it goes.
   */
  constructor({ jobs, workers, queueLength, waits, logLines, startedAt = 0, speed = 1 }) {
    this.#writeLog = logLines;
    this.startedAt = startedAt;
    this.speed = speed;
    this.jobs = jobs;
    this.workers = workers;
    this.queueLength = queueLength;
    this.state = new Uint8Array(jobs);
    this.worker = new Int32Array(jobs).fill(-1);
    // A job's start and end mean something once its state says it started or ended.
    this.start = new Float64Array(jobs);
    this.end = new Float64Array(jobs);
    this.wait = waits ? Uint32Array.from(waits) : new Uint32Array(jobs);
    /** The job each worker runs, or -1. */
    this.current = new Int32Array(workers).fill(-1);
    this.queued = 0;
    this.running = 0;
    this.ended = 0;
    this.counts = new Uint32Array(STATE_NAMES.length);
    this.counts[WAITING] = jobs;
    /** The first failure: { job, atMs }. */
    this.failure = null;
    /** When the run was canceled (first cancel or abort), in run ms, and where the page saw it. */
    this.cancelAtMs = null;
    this.cancelWall = null;
    /** The log's lines so far, and the last LOG_TAIL of them (moment and job), for `logTail`. */
    this.logLines = 0;
    this.#tailKinds = new Uint8Array(LOG_TAIL);
    this.#tailJobs = new Uint32Array(LOG_TAIL);
    /** When the run settles, the report's log: its `length`, and `slice(from, to)`. */
    this.log = null;
    this.#firstCanceled = -1;
    /** The time of the last event, in run ms; and the last event, as `run` gave it. */
    this.lastMs = 0;
    this.lastEvent = null;
    /** The report, once the run has settled. */
    this.report = null;
    /** Where it is shown still: a moment of a recorded run, or a run not yet run (`planned`), at this time in run ms. */
    this.frozenAtMs = null;
    this.planned = false;
    /** Where a replayed run's clock is held while it is paused (replay.js), in run ms; else null. */
    this.heldAtMs = null;
    /** The time axis's span in ms, where another run's shares it (compare mode, a moment); null for its own. */
    this.spanMs = null;
  }

  /** The run's time, in run ms, at `wallNow` on the page's clock: the one clock of its drawing. */
  nowMs(wallNow) {
    if (this.report) return this.report.elapsedMs;
    if (this.frozenAtMs !== null) return this.frozenAtMs;
    if (this.heldAtMs !== null) return this.heldAtMs;
    return Math.max(this.lastMs, (wallNow - this.startedAt) * this.speed);
  }

  #set(job, state) {
    this.counts[this.state[job]]--;
    this.counts[state]++;
    this.state[job] = state;
    this.#changed.push(job);
  }

  #changed = [];
  /** Runs of jobs whose state changed together (a queue, a cancel), as start, end pairs. */
  #changedRuns = [];
  #ended = [];
  #writeLog;
  #tailKinds;
  #tailJobs;
  /** The lowest id of a job canceled or aborted, or -1. */
  #firstCanceled;

  /** Lines for jobs `first` to `first + count - 1`: only the last LOG_TAIL are kept. */
  #addLines(kind, first, count = 1) {
    for (let job = Math.max(first, first + count - LOG_TAIL); job < first + count; job++) {
      const at = (this.logLines + job - first) % LOG_TAIL;
      this.#tailKinds[at] = kind;
      this.#tailJobs[at] = job;
    }
    this.logLines += count;
  }

  /** The last `count` lines of the log so far, at most LOG_TAIL. */
  logTail(count = LOG_TAIL) {
    const lines = Math.min(count, LOG_TAIL, this.logLines);
    const kinds = new Uint8Array(lines);
    const starts = new Uint32Array(lines);
    for (let i = 0; i < lines; i++) {
      const at = (this.logLines - lines + i) % LOG_TAIL;
      kinds[i] = this.#tailKinds[at];
      starts[i] = this.#tailJobs[at];
    }
    const ends = starts.map((job) => job + 1);
    const log = this.#writeLog(kinds, starts, ends, this.wait);
    return log.slice(0, log.length);
  }

  /** The jobs that finished, failed or were aborted since the last call. */
  takeEnded() {
    const ended = this.#ended;
    this.#ended = [];
    return ended;
  }

  /**
   * What changed since the last call: `jobs`, one by one, and `runs` of
   * consecutive jobs (a queue or a cancel of a million is one run), as
   * start, end pairs (end not included).
   */
  takeChanged() {
    const changed = { jobs: this.#changed, runs: this.#changedRuns };
    this.#changed = [];
    this.#changedRuns = [];
    return changed;
  }

  /** Jobs `first` to `end` (not included), `queued` of them queued and the others not yet fed, now in `state`: counted and filled at once. */
  #setRun(first, end, state, queued) {
    this.counts[QUEUED] -= queued;
    this.counts[WAITING] -= end - first - queued;
    this.counts[state] += end - first;
    this.state.fill(state, first, end);
    this.#changedRuns.push(first, end);
  }

  apply(event) {
    const { type, jobId: job, count, worker, waitMs, atMs } = event;
    this.lastMs = atMs;
    this.lastEvent = event;
    if (type === "cancel") return this.#cancel(job, count, atMs);
    this.wait[job] = waitMs;
    switch (type) {
      case "queue":
        // Jobs are fed in id order: these had not been.
        this.#setRun(job, job + count, QUEUED, 0);
        this.queued += count;
        return;
      case "start":
        // With no queue (queueLength 0), a job goes straight to its worker.
        if (this.state[job] === QUEUED) this.queued--;
        this.#set(job, RUNNING);
        this.running++;
        this.worker[job] = worker;
        this.current[worker] = job;
        this.start[job] = atMs;
        this.#addLines(STARTED, job);
        return;
    }
    if (type === "abort") this.#canceled(job, atMs);
    this.running--;
    this.end[job] = atMs;
    this.current[worker] = -1;
    this.#ended.push(job);
    if (type === "abort") this.#addLines(ABORTED_LINE, job);
    if (type === "fail") this.failure ??= { job, atMs };
    this.#set(job, ENDS[type]);
    this.ended++;
  }

  /** Jobs `first` to `first + count - 1`, which had not started, canceled at once. */
  #cancel(first, count, atMs) {
    this.#canceled(first, atMs);
    // None of them had started: each was queued, or not yet fed.
    let queued = 0;
    for (let job = first; job < first + count; job++) if (this.state[job] === QUEUED) queued++;
    this.queued -= queued;
    this.#setRun(first, first + count, CANCELED, queued);
    this.#addLines(CANCELED_LINE, first, count);
    this.ended += count;
  }

  #canceled(job, atMs) {
    this.cancelAtMs ??= atMs;
    this.cancelWall ??= performance.now();
    if (this.#firstCanceled < 0 || job < this.#firstCanceled) this.#firstCanceled = job;
  }

  /** Takes the report as the truth: its columns, never its million objects. */
  finish(report) {
    this.report = report;
    const columns = report.columns;
    const { states, stateNames, workers, starts, ends, waits } = columns;
    const ours = Uint8Array.from(stateNames, code);
    const counts = this.counts.fill(0);
    const state = this.state;
    let firstCanceled = -1;
    for (let job = 0; job < this.jobs; job++) {
      const ended = ours[states[job]];
      // The events have told it all already, but the report is the truth.
      if (state[job] !== ended) {
        state[job] = ended;
        this.#changed.push(job);
      }
      counts[ended]++;
      if (firstCanceled < 0 && (ended === CANCELED || ended === ABORTED)) firstCanceled = job;
    }
    this.#firstCanceled = firstCanceled;
    // The report's columns as they are: nothing writes to them from now on.
    this.wait = waits;
    this.worker = workers;
    this.start = starts;
    this.end = ends;
    this.queued = this.running = 0;
    this.current.fill(-1);
    this.ended = this.jobs;
    this.lastMs = report.elapsedMs;
    this.log = columns.log;
    this.logLines = columns.log.length;
    if (report.error) this.failure = { job: report.error.jobId, atMs: starts[report.error.jobId] };
  }

  /** The job the cancellation spread from: the first failure, or the first job canceled. */
  get cancelOrigin() {
    if (this.failure) return this.failure.job;
    return Math.max(0, this.#firstCanceled);
  }
}
