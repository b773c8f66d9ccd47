// The report's JS object, from the summary and the columns that Rust hands
// over (src/web/report.rs), and its log. Building the objects here is much
// cheaper than setting each property from wasm, and for a big run, not
// building them is cheaper still.
//
// The log's lines, in the original Go program's words, are written here for
// a report's log, and the page's live view of a run through the module's
// `logLines`, from the words of src/report.rs (`LogKind::parts`, which the
// Rust demo's `write_log` writes natively), which tests/tables.rs copies
// below, as it does the job states' names.

// generated:start by tests/tables.rs from src/report.rs; `cargo test` fails when it differs
/** The states a job ends in, by their codes: a report's `states` index them. */
const JOB_STATES = ["succeeded", "failed", "canceled", "aborted"];
/** Each log kind's line, by its code: the words around the job's id and, given three, its wait. */
const LOG_LINES = [["Working on the job #", ". Wait for ", " ms."], ["Canceled the job #", ""], ["Aborted the job #", " while it was waiting"]];
/** A failure's message: the words around the threshold, the job's id and its wait. */
const WAIT_TOO_LONG = ["cannot wait for more than ", " ms: job #", "; ", " ms"];
// generated:end

/** A report of more jobs than this makes its `jobs` and `log` when they are first read. */
const EAGER_JOBS = 10_000;

/**
 * The report, from what it says besides its columns (`seed` undefined when
 * the waits were given) and the steps of src/web/report.rs, which made its
 * columns, the failures' jobs and messages (in the order they happened) and
 * its log (LogLines, below, writes its lines). It keeps the columns
 * as `report.columns` (not enumerable: no copy or serialisation of the report
 * sees them), for the demo page, which would rather not have a million
 * objects made and collected: `{ waits, states, stateNames, workers, starts,
 * ends, log }`, typed arrays by job id, with `states` indexing `stateNames`,
 * -1 for no worker and NaN for no time; and `log`, with the log's `length`
 * and `slice(from, to)`, which writes only the lines asked for.
 *
 * The report of a big run makes its million objects and lines only if they
 * are read: building them, and collecting them, would hold the page for
 * hundreds of milliseconds, whether it wants them or not.
 */
export function buildReport(status, elapsedMs, maxLateMs, timingDistorted, seed, steps) {
  const [, , , waits, errorJobs, errorMessages, log, states, workers, starts, ends] = steps;
  const errors = Array.from(errorJobs, (jobId, i) => ({ jobId, waitMs: waits[jobId], message: errorMessages[i] }));
  const columns = { waits, states, stateNames: JOB_STATES, workers, starts, ends, log };
  const report = {
    status,
    error: errors[0] ?? null,
    errors,
    elapsedMs,
    maxLateMs,
    timingDistorted,
    seed: seed ?? null,
    jobs: null,
    log: null,
  };
  const makeJobs = () => jobsOf(columns);
  const makeLog = () => log.slice(0, log.length);
  if (waits.length <= EAGER_JOBS) {
    report.jobs = makeJobs();
    report.log = makeLog();
  } else {
    lazy(report, "jobs", makeJobs);
    lazy(report, "log", makeLog);
  }
  Object.defineProperty(report, "columns", { value: columns });
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

function jobsOf({ waits, states, stateNames, workers, starts, ends }) {
  const jobs = new Array(waits.length);
  for (let id = 0; id < jobs.length; id++) {
    const worker = workers[id];
    jobs[id] = {
      id,
      waitMs: waits[id],
      state: stateNames[states[id]],
      worker: worker < 0 ? null : worker,
      startMs: worker < 0 ? null : starts[id],
      endMs: Number.isNaN(ends[id]) ? null : ends[id],
    };
  }
  return jobs;
}

/**
 * The messages of the jobs `errorJobs`, which failed for a wait over
 * `thresholdMs` (`waits` by job id), as the Rust demo writes them.
 */
export function errorMessages(errorJobs, waits, thresholdMs) {
  const [before, threshold, id, wait] = WAIT_TOO_LONG;
  return Array.from(errorJobs, (job) => `${before}${thresholdMs}${threshold}${job}${id}${waits[job]}${wait}`);
}

/**
 * The log of these moments: `kinds[i]`, a log kind's code, of jobs
 * `starts[i]` to `ends[i]` (not included), one line per job, then `errors`,
 * one line each. `waits` are by job id.
 */
export function logOf(kinds, starts, ends, waits, errors) {
  return new LogLines(kinds, starts, ends, waits, errors);
}

/** Each kind's words as ASCII bytes, the last with the line's break. */
const BYTES = LOG_LINES.map((words) => words.map((part, i) => Uint8Array.from(i === words.length - 1 ? `${part}\n` : part, (c) => c.charCodeAt(0))));

/** Lines written between the decoder's calls. */
const LINES_PER_DECODE = 4096;
/** No line is longer than this many bytes. */
const LINE_BYTES = 64;

/**
 * A log written on demand: `length`, and `slice(from, to)` as arrays have
 * it, which writes only the lines asked for. A cancel of a million jobs is
 * one moment and a million lines. Lines are written as ASCII bytes, and the
 * bytes of many lines decoded and cut at once: for a million lines, several
 * times faster than template strings, which allocate for every part.
 */
class LogLines {
  #kinds;
  #starts;
  #waits;
  #errors;
  /** The first line of each moment, and after the last, the number of lines. */
  #firsts;

  constructor(kinds, starts, ends, waits, errors) {
    this.#kinds = kinds;
    this.#starts = starts;
    this.#waits = waits;
    this.#errors = errors;
    this.#firsts = new Float64Array(kinds.length + 1);
    for (let i = 0; i < kinds.length; i++) this.#firsts[i + 1] = this.#firsts[i] + (ends[i] - starts[i]);
  }

  get length() {
    return this.#firsts[this.#kinds.length] + this.#errors.length;
  }

  /** Lines `from` to `to` (not included), as `Array.prototype.slice` takes them. */
  slice(from = 0, to = this.length) {
    const length = this.length;
    const index = (i) => Math.min(length, Math.max(0, Math.trunc(i < 0 ? length + i : i)));
    from = index(from);
    to = index(to);
    const lines = [];
    const moments = this.#firsts[this.#kinds.length];
    for (let start = from; start < Math.min(to, moments); start += LINES_PER_DECODE) {
      this.#write(start, Math.min(to, moments, start + LINES_PER_DECODE), lines);
    }
    for (let i = Math.max(from, moments); i < to; i++) lines.push(this.#errors[i - moments]);
    return lines;
  }

  /** The moment line `line` belongs to. */
  #momentOf(line) {
    const firsts = this.#firsts;
    let low = 0;
    let high = this.#kinds.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (firsts[middle] <= line) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  #write(from, to, lines) {
    if (lineBytes.length < LINE_BYTES * (to - from)) lineBytes = new Uint8Array(LINE_BYTES * LINES_PER_DECODE);
    const bytes = lineBytes;
    const firsts = this.#firsts;
    let moment = this.#momentOf(from);
    let at = 0;
    for (let line = from; line < to; line++) {
      while (line >= firsts[moment + 1]) moment++;
      const job = this.#starts[moment] + (line - firsts[moment]);
      const [first, second, third] = BYTES[this.#kinds[moment]];
      at = put(bytes, at, first);
      at = putNumber(bytes, at, job);
      at = put(bytes, at, second);
      if (third) {
        at = putNumber(bytes, at, this.#waits[job]);
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
