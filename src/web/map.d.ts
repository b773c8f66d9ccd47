// `map`'s types, in the JS API's module only (pkg/api/, dist/api.d.ts), as
// `map` is. MapOptions' fields are written by tests/tables.rs from the table
// of options (`make generated`), and `cargo test` fails when they differ.

/** Options of `map`. Every one is optional; the defaults are `run`'s. */
export interface MapOptions {
  // generated:start
  /** How many jobs run at once. An integer from 1 to 10000; default 10. */
  workers?: number;
  /** How many jobs wait in the queue for a worker; 0 is Go's unbuffered channel. An integer from 0 to 1000000; default 100. */
  queueLength?: number;
  /** Whether cancelling the run aborts the running jobs, or lets them finish as Go's do. Default true. */
  cancelInFlight?: boolean;
  /** Whether the first failure cancels the run, or every job runs and every error is kept. Default true. */
  failFast?: boolean;
  /** Whether each job is also a performance.measure on its worker's track, and the cancel a marker, in the Performance panel of Chromium's DevTools. Default false. */
  devtools?: boolean;
  /** Stops the run: run's report ends "stopped", and map rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Pauses and resumes the run. */
  pause?: PauseController;
  /** Called with each event as it happens, as run's second argument is. */
  onProgress?: ((event: MapProgressEvent) => void);
  // generated:end
}

/**
 * One thing that happened to a job of a `map` (or to several: items queued together, or every job a cancel found
 * not started), as it happens: a run's `ProgressEvent` with no wait, and with the error of a "fail".
 */
export interface MapProgressEvent {
  type: EventType;
  /** The job: its item's index in the input. For "queue" and "cancel", the first of the jobs. */
  jobId: number;
  /** "queue" and "cancel" only: how many jobs, from jobId on. */
  count?: number;
  /** The worker; null for "queue" and "cancel". */
  worker: number | null;
  /** ms since `map` was called. */
  atMs: number;
  /** "fail" only: what the mapper threw, or its promise rejected with. */
  error?: unknown;
}

/** What a mapper is given with its item. */
export interface MapJob {
  /** Aborted when the run drops the job before it settled: the run was cancelled with `cancelInFlight`. */
  readonly signal: AbortSignal;
  /** The item's index in the input. */
  readonly index: number;
}

/**
 * Calls `mapper(item, { signal, index })` for each item of `input`, pulled only while the queue has room, with at
 * most `workers` running at once; resolves with the values in input order. With `failFast` (the default) it rejects
 * with the first error as it was thrown, and no mapper is called after it; without, with an `AggregateError` of
 * every error. With `cancelInFlight` (the default) a cancel (the first failure, or `signal`) aborts each running
 * job's signal at once, and drops what it settles with later. Bad arguments reject with a `TypeError` or
 * `RangeError` that names them, before any mapper is called.
 */
export function map<T, R>(
  input: Iterable<T | PromiseLike<T>> | AsyncIterable<T | PromiseLike<T>>,
  mapper: (item: T, job: MapJob) => R | PromiseLike<R>,
  options?: MapOptions,
): Promise<Awaited<R>[]>;
