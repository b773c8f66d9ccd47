// The JS half of `map` (src/web/map.rs): the input's iterator, each job's
// call of the mapper with the signal the job owns, a map's progress
// events, and its DevTools tracks. Everything the page's code could throw is caught here, and handed
// to Rust as a value.

/** How `input` is iterated: 0 it is not, 1 by Symbol.iterator, 2 by Symbol.asyncIterator (first, as `for await` does). */
export function inputKind(input) {
  try {
    if (input === null || input === undefined) return 0;
    if (typeof input[Symbol.asyncIterator] === "function") return 2;
    return typeof input[Symbol.iterator] === "function" ? 1 : 0;
  } catch {
    return 0;
  }
}

/**
 * The input's iterator, stepped by Rust: `next()` (an async one's
 * `nextAsync()`, a promise of it) says whether an item came, and `take()`
 * hands it over; `close()` tells an iterator the run is over before it is,
 * as a `for…of` loop that breaks does.
 */
export class Input {
  #iterator;
  #item;
  #done = false;

  constructor(input, kind) {
    this.isAsync = kind === 2;
    this.#iterator = this.isAsync ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
  }

  next() {
    return this.#read(() => this.#iterator.next());
  }

  async nextAsync() {
    let result;
    try {
      result = await this.#iterator.next();
    } catch (error) {
      this.#done = true;
      throw error;
    }
    return this.#read(() => result);
  }

  /** Whether `step()` gave an item. An iterator that threw is done: a `for…of` loop does not close it either. */
  #read(step) {
    let result;
    try {
      result = step();
      if (Object(result) !== result) throw new TypeError(`the input's iterator result ${String(result)} is not an object`);
    } catch (error) {
      this.#done = true;
      throw error;
    }
    if (result.done) {
      this.#done = true;
      return false;
    }
    this.#item = result.value;
    return true;
  }

  take() {
    const item = this.#item;
    this.#item = undefined;
    return item;
  }

  close() {
    if (this.#done) return;
    this.#done = true;
    try {
      const returned = this.#iterator.return?.();
      if (this.isAsync) Promise.resolve(returned).catch(reportError);
    } catch (error) {
      reportError(error);
    }
  }
}

const reportError = (error) => globalThis.reportError(error);

const isThenable = (value) => value !== null && (typeof value === "object" || typeof value === "function") && typeof value.then === "function";

/**
 * One job: `mapper(item, { signal, index })` called at once, or, for an
 * item that is a promise, once it has resolved (unless the job was aborted
 * meanwhile: then never). `promise` is what it returned, if that was a
 * promise; otherwise `result()` returns its value or throws what it threw.
 * The signal is made when the mapper first reads it: most mappers of ready
 * work never do, and an AbortController each would double their cost.
 */
export class Job {
  #controller = null;
  #aborted = false;
  #threw = false;
  #value;

  constructor(mapper, item, index) {
    const context = new JobContext(this, index);
    this.promise = undefined;
    try {
      if (isThenable(item)) {
        this.promise = Promise.resolve(item).then((value) => (this.#aborted ? undefined : mapper(value, context)));
        return;
      }
      const value = mapper(item, context);
      if (isThenable(value)) this.promise = value instanceof Promise ? value : Promise.resolve(value);
      else this.#value = value;
    } catch (error) {
      this.#threw = true;
      this.#value = error;
    }
  }

  result() {
    if (this.#threw) throw this.#value;
    return this.#value;
  }

  /** The job's signal: aborted already if the job was, before it was first asked for. */
  get signal() {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** The job was dropped before it settled (Rust calls this from its Drop). */
  abort() {
    this.#aborted = true;
    this.#controller?.abort();
  }
}

/** What a mapper is given besides its item: `{ signal, index }`. */
class JobContext {
  #job;

  constructor(job, index) {
    this.#job = job;
    this.index = index;
  }

  get signal() {
    return this.#job.signal;
  }
}

/**
 * Calls `onProgress` with a map's event, as an event listener is called (an
 * exception is reported, and the run goes on): `{ type, jobId, worker,
 * atMs }`, with `count` (and `worker` null) for a "queue" or a "cancel",
 * and `error`, what the mapper threw, for a "fail".
 */
export function emitMapProgress(onProgress, type, jobId, count, worker, startedAt, error) {
  const atMs = performance.now() - startedAt;
  const event = count === undefined ? { type, jobId, worker, atMs } : { type, jobId, count, worker: null, atMs };
  if (type === "fail") event.error = error;
  try {
    onProgress(event);
  } catch (thrown) {
    reportError(thrown);
  }
}

/** The AggregateError of a map without failFast: every job's error, in the order they failed. */
export function aggregate(errors) {
  return new AggregateError(errors, `${errors.length} job${errors.length === 1 ? "" : "s"} failed`);
}

/** How many runs have had DevTools tracks: each run's track group is numbered. */
let tracked = 0;
/** A job's entry's colour in DevTools' palette, and its state, by the event that ended it. */
const ENDS = { succeed: ["primary", "succeeded"], fail: ["error", "failed"], abort: ["warning", "aborted"] };

/**
 * `onProgress` (if any), wrapped so that each job of a map is also a
 * `performance.measure` in Chromium's extensibility format (`detail.devtools`,
 * a "track-entry"): a track per worker, in a track group for the run, so
 * that the Performance panel shows the run beside the page's own code. The
 * cancel (the first failure with `failFast`, or the first job canceled or
 * aborted) is a "marker".
 */
export function devtoolsTracks(onProgress, failFast) {
  const trackGroup = `dispatcher-demo map #${++tracked}`;
  const starts = new Map();
  let cancelled = false;
  return (event) => {
    const now = performance.now();
    const { type, jobId, worker } = event;
    if (type === "start") starts.set(jobId, now);
    const end = ENDS[type];
    if (end) {
      const [color, state] = end;
      const start = starts.get(jobId) ?? now;
      starts.delete(jobId);
      const properties = [["job", `#${jobId}`], ["worker", `W${worker}`], ["state", state]];
      if (type === "fail") properties.push(["error", String(event.error?.message ?? event.error)]);
      const devtools = { dataType: "track-entry", track: `W${worker}`, trackGroup, color, tooltipText: `job #${jobId} ${state}`, properties };
      performance.measure(`job #${jobId}`, { start, end: now, detail: { devtools } });
    }
    if (!cancelled && ((type === "fail" && failFast) || type === "cancel" || type === "abort")) {
      cancelled = true;
      const why = type === "fail" ? `job #${jobId} failed` : "stopped";
      const devtools = { dataType: "marker", color: "error", tooltipText: `${trackGroup} cancelled: ${why}`, properties: [["run", trackGroup], ["cause", why]] };
      performance.mark(`${trackGroup} cancelled`, { startTime: now, detail: { devtools } });
    }
    onProgress?.(event);
  };
}
