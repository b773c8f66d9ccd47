// What the page knows of a run while it goes: each job's state, worker and
// times, kept in typed arrays and updated from `run`'s progress events. The
// report replaces it all when the run settles. A run may have a million
// jobs: nothing here makes an object or a string per job.

export const WAITING = 0, QUEUED = 1, RUNNING = 2, SUCCEEDED = 3, FAILED = 4, CANCELED = 5, ABORTED = 6;
export const STATE_NAMES = ["waiting", "queued", "running", "succeeded", "failed", "canceled", "aborted"];
/** A glyph per state, so that no state is told by its colour alone. */
export const GLYPHS = ["", "·", "▸", "✓", "✕", "○", "✂"];

const BY_NAME = Object.fromEntries(STATE_NAMES.map((name, code) => [name, code]));
const ENDS = { succeed: SUCCEEDED, fail: FAILED, cancel: CANCELED, abort: ABORTED };
/** The report's columns (see src/web.js): its states' codes, and ours. */
const REPORT_COLUMNS = Symbol.for("dispatcher-demo.reportColumns");
const REPORT_STATES = ["waiting", "running", "succeeded", "failed", "canceled", "aborted"];
const FROM_REPORT = Uint8Array.from(REPORT_STATES, (name) => BY_NAME[name]);
/** The log's last lines kept while the run goes. */
const LOG_TAIL = 200;
const STARTED = 0, CANCELED_LINE = 1, ABORTED_LINE = 2;

export class RunState {
  constructor({ jobs, workers, queueLength, waits }) {
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
    /** When the run was cancelled (first cancel or abort), in run ms, and where the page saw it. */
    this.cancelAtMs = null;
    this.cancelWall = null;
    /** The log's lines so far, and the last LOG_TAIL of them (moment and job), for `logTail`. */
    this.logLines = 0;
    this.#tailKinds = new Uint8Array(LOG_TAIL);
    this.#tailJobs = new Uint32Array(LOG_TAIL);
    /** When the run settles, the report's log: its `length`, and `slice(from, to)`. */
    this.log = null;
    this.#firstCanceled = -1;
    this.lastMs = 0;
    this.report = null;
  }

  #set(job, state) {
    this.counts[this.state[job]]--;
    this.counts[state]++;
    this.state[job] = state;
    this.#changed.push(job);
  }

  #changed = [];
  #ended = [];
  #tailKinds;
  #tailJobs;
  /** The lowest id of a job cancelled or aborted, or -1. */
  #firstCanceled;

  #logLine(kind, job) {
    const at = this.logLines++ % LOG_TAIL;
    this.#tailKinds[at] = kind;
    this.#tailJobs[at] = job;
  }

  /** The last `count` lines of the log so far, at most LOG_TAIL. */
  logTail(count = LOG_TAIL) {
    const lines = [];
    for (let line = Math.max(0, this.logLines - Math.min(count, LOG_TAIL)); line < this.logLines; line++) {
      const kind = this.#tailKinds[line % LOG_TAIL];
      const job = this.#tailJobs[line % LOG_TAIL];
      lines.push(kind === STARTED ? `Working on the job #${job}. Wait for ${this.wait[job]} ms.`
        : kind === CANCELED_LINE ? `Canceled the job #${job}`
          : `Aborted the job #${job} while it was waiting`);
    }
    return lines;
  }

  /** The jobs that finished, failed or were aborted since the last call. */
  takeEnded() {
    const ended = this.#ended;
    this.#ended = [];
    return ended;
  }

  /** The jobs whose state changed since the last call. */
  takeChanged() {
    const changed = this.#changed;
    this.#changed = [];
    return changed;
  }

  apply({ type, jobId: job, count, worker, waitMs, atMs }) {
    this.lastMs = atMs;
    if (type === "cancel") return this.#cancel(job, count, atMs);
    this.wait[job] = waitMs;
    switch (type) {
      case "queue":
        this.#set(job, QUEUED);
        this.queued++;
        return;
      case "start":
        // With no queue (queueLength 0), a job goes straight to its worker.
        if (this.state[job] === QUEUED) this.queued--;
        this.#set(job, RUNNING);
        this.running++;
        this.worker[job] = worker;
        this.current[worker] = job;
        this.start[job] = atMs;
        this.#logLine(STARTED, job);
        return;
    }
    if (type === "abort") this.#cancelled(job, atMs);
    this.running--;
    this.end[job] = atMs;
    this.current[worker] = -1;
    this.#ended.push(job);
    if (type === "abort") this.#logLine(ABORTED_LINE, job);
    if (type === "fail") this.failure ??= { job, atMs };
    this.#set(job, ENDS[type]);
    this.ended++;
  }

  /** Jobs `first` to `first + count - 1`, which had not started, cancelled at once. */
  #cancel(first, count, atMs) {
    this.#cancelled(first, atMs);
    for (let job = first; job < first + count; job++) {
      if (this.state[job] === QUEUED) this.queued--;
      this.#set(job, CANCELED);
      this.#logLine(CANCELED_LINE, job);
    }
    this.ended += count;
  }

  #cancelled(job, atMs) {
    this.cancelAtMs ??= atMs;
    this.cancelWall ??= performance.now();
    if (this.#firstCanceled < 0 || job < this.#firstCanceled) this.#firstCanceled = job;
  }

  /**
   * Takes the report as the truth. It reads the report's columns where it has
   * them, and its million objects only where it has not.
   */
  finish(report) {
    this.report = report;
    const columns = report[REPORT_COLUMNS] ?? columnsOf(report);
    const { states, workers, starts, ends, waits } = columns;
    const counts = this.counts.fill(0);
    const state = this.state;
    let firstCanceled = -1;
    for (let job = 0; job < this.jobs; job++) {
      const code = FROM_REPORT[states[job]];
      // The events have told it all already, but the report is the truth.
      if (state[job] !== code) {
        state[job] = code;
        this.#changed.push(job);
      }
      counts[code]++;
      if (firstCanceled < 0 && (code === CANCELED || code === ABORTED)) firstCanceled = job;
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

  /** The job the cancellation spread from: the first failure, or the first job cancelled. */
  get cancelOrigin() {
    if (this.failure) return this.failure.job;
    return Math.max(0, this.#firstCanceled);
  }
}

/** A report's columns, from its objects: for a report made elsewhere than src/web.js. */
function columnsOf({ jobs, log }) {
  return {
    states: Uint8Array.from(jobs, (job) => REPORT_STATES.indexOf(job.state)),
    workers: Int32Array.from(jobs, (job) => job.worker ?? -1),
    starts: Float64Array.from(jobs, (job) => job.startMs ?? NaN),
    ends: Float64Array.from(jobs, (job) => job.endMs ?? NaN),
    waits: Uint32Array.from(jobs, (job) => job.waitMs),
    log,
  };
}
