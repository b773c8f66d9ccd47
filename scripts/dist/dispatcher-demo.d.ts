// `import "dispatcher-demo"` defines <dispatcher-demo> in a browser (and
// under node does nothing); the module exports nothing, and the element's
// type is the class below, found as document.querySelector("dispatcher-demo")
// is typed. Its settings are properties (null when left to the default), as
// in docs/js-api.md's table.
import type { Report, MapOptions } from "./api.js";

declare class DispatcherDemo extends HTMLElement {
  // generated:start by tests/tables.rs from src/options.rs; `cargo test` fails when it differs
  /** How many jobs run at once. */
  workers: number | null;
  /** How many jobs wait in the queue for a worker; 0 is Go's unbuffered channel. */
  queueLength: number | null;
  /** How many jobs, when the waits are drawn. */
  jobs: number | null;
  /** Waits are drawn from 0 ms up to this, not included. */
  maxWaitMs: number | null;
  /** A job whose wait is over this fails as it starts. */
  thresholdMs: number | null;
  /** Seeds the draw of the waits; random when left out. */
  seed: number | null;
  /** The waits in ms, given rather than drawn: they override jobs, maxWaitMs and seed. */
  waits: ArrayLike<number> | null;
  /** Whether cancelling the run aborts the running jobs, or lets them finish as Go's do. */
  cancelInFlight: boolean | null;
  /** Whether the first failure cancels the run, or every job runs and every error is kept. */
  failFast: boolean | null;
  /** How fast the jobs' time runs: at 0.25 every wait lasts four times as long, at 4 a quarter as long, and the report's times are scaled back to those of speed 1. */
  speed: number | null;
  // generated:end
  /** Whether it runs as soon as it is connected and the module is in. */
  autorun: boolean;
  /** Whether a run is going: the demo's, or the page's own that it shows (showMap). */
  readonly running: boolean;
  /** The settings as a query string; with `page-url` or `sync-url`, a link to that page with them. */
  readonly link: string;
  /** Runs with the current settings, after stopping a run that is going; resolves with the report. */
  run(): Promise<Report>;
  /** Stops the run that is going, if any. */
  stop(): void;
  /** Runs the same waits twice at once, with cancel in-flight and Go's way; resolves with ours. */
  compare(): Promise<Report>;
  /**
   * Shows a run of your own `map` (from `dispatcher-demo/api`) as the demo's runs are shown:
   * `run(options)` calls `map` with `options`, yours with the element's `onProgress` and `signal`.
   * Settles as what `run` returns does.
   */
  showMap<T>(options: MapOptions | undefined, run: (options: MapOptions) => PromiseLike<T> | T): Promise<T>;
}

export type { DispatcherDemo };

declare global {
  interface HTMLElementTagNameMap {
    "dispatcher-demo": DispatcherDemo;
  }
  interface HTMLElementEventMap {
    /** A run of a <dispatcher-demo> settled: the report is `detail`. */
    done: CustomEvent<Report>;
  }
}
