// What the page knows of a run while it goes: each job's state, worker and
// times, kept in typed arrays and updated from `run`'s progress events. The
// report replaces it all when the run settles.

export const WAITING = 0, QUEUED = 1, RUNNING = 2, SUCCEEDED = 3, FAILED = 4, CANCELED = 5, ABORTED = 6;
export const STATE_NAMES = ["waiting", "queued", "running", "succeeded", "failed", "canceled", "aborted"];
/** A glyph per state, so that no state is told by its colour alone. */
export const GLYPHS = ["", "·", "▸", "✓", "✕", "○", "✂"];

const BY_NAME = Object.fromEntries(STATE_NAMES.map((name, code) => [name, code]));
const ENDS = { succeed: SUCCEEDED, fail: FAILED, cancel: CANCELED, abort: ABORTED };

export class RunState {
  constructor({ jobs, workers, queueLength, waits }) {
    this.jobs = jobs;
    this.workers = workers;
    this.queueLength = queueLength;
    this.state = new Uint8Array(jobs);
    this.worker = new Int32Array(jobs).fill(-1);
    this.start = new Float64Array(jobs).fill(NaN);
    this.end = new Float64Array(jobs).fill(NaN);
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
    /** The log so far, in the original program's words; the report's log replaces it. */
    this.log = [];
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

  apply({ type, jobId: job, worker, waitMs, atMs }) {
    this.lastMs = atMs;
    this.wait[job] = waitMs;
    switch (type) {
      case "queue":
        this.#set(job, QUEUED);
        this.queued++;
        return;
      case "start":
        this.#set(job, RUNNING);
        this.queued--;
        this.running++;
        this.worker[job] = worker;
        this.current[worker] = job;
        this.start[job] = atMs;
        this.log.push(`Working on the job #${job}. Wait for ${waitMs} ms.`);
        return;
    }
    if (type === "cancel" || type === "abort") {
      this.cancelAtMs ??= atMs;
      this.cancelWall ??= performance.now();
    }
    if (type === "cancel") {
      if (this.state[job] === QUEUED) this.queued--;
      this.log.push(`Canceled the job #${job}`);
    } else {
      this.running--;
      this.end[job] = atMs;
      this.current[worker] = -1;
      this.#ended.push(job);
    }
    if (type === "abort") this.log.push(`Aborted the job #${job} while it was waiting`);
    if (type === "fail") this.failure ??= { job, atMs };
    this.#set(job, ENDS[type]);
    this.ended++;
  }

  /** Takes the report as the truth. */
  finish(report) {
    this.report = report;
    this.counts.fill(0);
    for (const job of report.jobs) {
      const state = BY_NAME[job.state];
      // The events have told it all already, but the report is the truth.
      if (this.state[job.id] !== state) this.#changed.push(job.id);
      this.state[job.id] = state;
      this.counts[state]++;
      this.wait[job.id] = job.waitMs;
      this.worker[job.id] = job.worker ?? -1;
      this.start[job.id] = job.startMs ?? NaN;
      this.end[job.id] = job.endMs ?? NaN;
    }
    this.queued = this.running = 0;
    this.current.fill(-1);
    this.ended = report.jobs.length;
    this.lastMs = report.elapsedMs;
    this.log = report.log;
    if (report.error) this.failure = { job: report.error.jobId, atMs: report.jobs[report.error.jobId].startMs };
  }

  /** The job the cancellation spread from: the first failure, or the first job cancelled. */
  get cancelOrigin() {
    if (this.failure) return this.failure.job;
    const first = this.state.findIndex((state) => state === CANCELED || state === ABORTED);
    return first < 0 ? 0 : first;
  }
}
