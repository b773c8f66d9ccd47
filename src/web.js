// Shapes the JS objects that `run` hands out. Rust passes plain numbers and
// typed arrays; building the objects here is much cheaper than setting each
// property from wasm, and for a big run, not building them is cheaper still.

const EVENT_TYPES = ["queue", "start", "succeed", "fail", "cancel", "abort"];
const CANCEL = EVENT_TYPES.indexOf("cancel");
const STATES = ["waiting", "running", "succeeded", "failed", "canceled", "aborted"];

// A promise that resolves in a new task, after the browser has had its turn
// (rendering, input, other tasks), without setTimeout's 4 ms clamp. Not
// scheduler.yield(): its continuation goes ahead of the page's own tasks.
//
// Where it can, a task of background priority. Chromium runs a stream of
// normal tasks (a MessageChannel's) ahead of rendering for up to 100 ms: a
// run of ready jobs left the page at 10 frames a second, and in background
// tasks it keeps 60, losing nothing when there is nothing to draw. But a
// page that keeps posting tasks of its own would hold a background task
// back for good: after TURN_MS, a timer goes on instead.
const TURN_MS = 100;
const scheduler = globalThis.scheduler;
const TaskController = globalThis.TaskController;
const channel = new MessageChannel();
const resumes = [];
channel.port1.onmessage = () => resumes.shift()?.();
export function nextTask() {
  return new Promise((resolve) => {
    if (scheduler?.postTask && TaskController) {
      const background = new TaskController({ priority: "background" });
      const timer = setTimeout(() => {
        background.abort();
        resolve();
      }, TURN_MS);
      const resume = () => {
        clearTimeout(timer);
        resolve();
      };
      scheduler.postTask(resume, { signal: background.signal }).catch(() => {});
      return;
    }
    resumes.push(resolve);
    channel.port2.postMessage(null);
  });
}

// Calls `onProgress` like an event listener: an exception is reported, and
// the run goes on. Returns the time after it, which the run's clock takes as
// its next reading: the callback may have taken a while.
export function emitProgress(onProgress, type, jobId, count, worker, waitMs, atMs) {
  const event = { type: EVENT_TYPES[type], jobId, worker: worker < 0 ? null : worker, waitMs, atMs };
  if (type === CANCEL) event.count = count;
  try {
    onProgress(event);
  } catch (error) {
    globalThis.reportError(error);
  }
  return performance.now();
}

/** A report of more jobs than this builds its `jobs` and `log` when they are first read. */
const EAGER_JOBS = 10_000;

/**
 * The report's columns, on a property this key names (not enumerable: no
 * copy or serialisation of the report sees it), for the demo page, which
 * would rather not have a million objects made and collected:
 * `{ waits, states, workers, starts, ends }`, typed arrays by job id, with
 * `states` indexing ["waiting", "running", "succeeded", "failed", "canceled",
 * "aborted"], -1 for no worker and NaN for no time; and `log`, with the log's
 * `length` and `slice(from, to)`, which writes only the lines asked for.
 */
export const REPORT_COLUMNS = Symbol.for("dispatcher-demo.reportColumns");

/**
 * The report, from typed arrays by job id (copies, which it may keep):
 * `waits`, `states`, `workers`, `starts`, `ends` (-1 for no worker, NaN for
 * no time); the failures' ids and messages (one a line); and the log, as
 * each moment's kind (0 started, 1 canceled, 2 aborted) and job, in order,
 * then whether it ends with every error or the first.
 *
 * The report of a big run makes its million objects and lines only if they
 * are read: building them, and collecting them, would hold the page for
 * hundreds of milliseconds, whether it wants them or not.
 */
export function buildReport(status, elapsedMs, maxLateMs, timingDistorted, seed, waits, states, workers, starts, ends,
                            errorIds, errorMessages, momentKinds, momentJobs, everyError) {
  const messages = errorIds.length ? errorMessages.split("\n") : [];
  const errors = Array.from(errorIds, (jobId, i) => ({ jobId, waitMs: waits[jobId], message: messages[i] }));
  const log = new LogLines(momentKinds, momentJobs, waits, everyError ? messages : messages.slice(0, 1));
  const columns = { waits, states, workers, starts, ends, log };
  const report = {
    status,
    error: errors[0] ?? null,
    errors,
    elapsedMs,
    maxLateMs,
    timingDistorted,
    seed: seed < 0 ? null : seed,
    jobs: null,
    log: null,
  };
  const makeJobs = () => jobsOf(columns);
  const makeLog = () => columns.log.slice(0, columns.log.length);
  if (columns.waits.length <= EAGER_JOBS) {
    report.jobs = makeJobs();
    report.log = makeLog();
  } else {
    lazy(report, "jobs", makeJobs);
    lazy(report, "log", makeLog);
  }
  Object.defineProperty(report, REPORT_COLUMNS, { value: columns });
  return report;
}

/**
 * Makes `object[name]` with `make` when it is first read, or takes what is
 * assigned to it first; from then on it is a plain data property (unless the
 * object was frozen in between: then it keeps what it made).
 */
function lazy(object, name, make) {
  let made = false;
  let value;
  const settle = (target, settled) => {
    made = true;
    value = settled;
    if (Object.isExtensible(target)) Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(object, name, {
    enumerable: true,
    configurable: true,
    get() {
      if (!made) settle(this, make());
      return value;
    },
    set(assigned) {
      settle(this, assigned);
    },
  });
}

function jobsOf({ waits, states, workers, starts, ends }) {
  const jobs = new Array(waits.length);
  for (let id = 0; id < jobs.length; id++) {
    const worker = workers[id];
    jobs[id] = {
      id,
      waitMs: waits[id],
      state: STATES[states[id]],
      worker: worker < 0 ? null : worker,
      startMs: worker < 0 ? null : starts[id],
      endMs: Number.isNaN(ends[id]) ? null : ends[id],
    };
  }
  return jobs;
}

/** Lines written between the decoder's calls. */
const LINES_PER_DECODE = 4096;

/**
 * The log, written on demand: the original program's lines (and ours for
 * aborted jobs), one per moment, then the errors. Each line is written as
 * ASCII bytes, and the bytes of many lines decoded and cut at once: for a
 * million lines, several times faster than template strings, which allocate
 * for every number and part.
 */
class LogLines {
  static #PARTS = [
    ["Working on the job #", ". Wait for ", " ms.\n"],
    ["Canceled the job #", "\n"],
    ["Aborted the job #", " while it was waiting\n"],
  ].map((parts) => parts.map((part) => Uint8Array.from(part, (c) => c.charCodeAt(0))));

  #kinds;
  #jobs;
  #waits;
  #errors;

  constructor(kinds, jobs, waits, errors) {
    this.#kinds = kinds;
    this.#jobs = jobs;
    this.#waits = waits;
    this.#errors = errors;
  }

  get length() {
    return this.#kinds.length + this.#errors.length;
  }

  /** Lines `from` to `to` (not included), as `Array.prototype.slice` takes them. */
  slice(from = 0, to = this.length) {
    const length = this.length;
    const index = (i) => Math.min(length, Math.max(0, i < 0 ? length + i : i));
    from = index(from);
    to = index(to);
    const lines = [];
    const moments = this.#kinds.length;
    for (let start = from; start < Math.min(to, moments); start += LINES_PER_DECODE) {
      this.#write(start, Math.min(to, moments, start + LINES_PER_DECODE), lines);
    }
    for (let i = Math.max(from, moments); i < to; i++) lines.push(this.#errors[i - moments]);
    return lines;
  }

  #write(from, to, lines) {
    // No line is longer than 64 bytes.
    if (lineBytes.length < 64 * (to - from)) lineBytes = new Uint8Array(64 * LINES_PER_DECODE);
    const bytes = lineBytes;
    const kinds = this.#kinds;
    const jobs = this.#jobs;
    const waits = this.#waits;
    let at = 0;
    for (let i = from; i < to; i++) {
      const job = jobs[i];
      const [first, second, third] = LogLines.#PARTS[kinds[i]];
      at = put(bytes, at, first);
      at = putNumber(bytes, at, job);
      at = put(bytes, at, second);
      if (third) {
        at = putNumber(bytes, at, waits[job]);
        at = put(bytes, at, third);
      }
    }
    for (const line of decoder.decode(bytes.subarray(0, at - 1)).split("\n")) lines.push(line);
  }
}

const decoder = new TextDecoder();
/** Where lines are written: one buffer for every log, grown to LINES_PER_DECODE lines when a log is that long. */
let lineBytes = new Uint8Array(0);

function put(bytes, at, part) {
  for (let k = 0; k < part.length; k++) bytes[at + k] = part[k];
  return at + part.length;
}

/** Writes `n`, a non-negative integer, in decimal. */
function putNumber(bytes, at, n) {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let k = at + digits - 1; k >= at; k--) {
    bytes[k] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return at + digits;
}
