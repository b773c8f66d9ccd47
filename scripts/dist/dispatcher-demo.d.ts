// `import "dispatcher-demo"` defines <dispatcher-demo> in a browser (and
// under node does nothing); the module exports nothing, and the element's
// type is the class below, found as document.querySelector("dispatcher-demo")
// is typed. Its settings are properties (null when left to the default), as
// in docs/js-api.md's table.
import type { Report } from "./api.js";

declare class DispatcherDemo extends HTMLElement {
  workers: number | null;
  queueLength: number | null;
  jobs: number | null;
  maxWaitMs: number | null;
  thresholdMs: number | null;
  seed: number | null;
  waits: ArrayLike<number> | null;
  cancelInFlight: boolean | null;
  failFast: boolean | null;
  speed: number | null;
  /** Whether it runs as soon as it is connected and the module is in. */
  autorun: boolean;
  /** Whether a run is going. */
  readonly running: boolean;
  /** The settings as a query string; with `page-url` or `sync-url`, a link to that page with them. */
  readonly link: string;
  /** Runs with the current settings, after stopping a run that is going; resolves with the report. */
  run(): Promise<Report>;
  /** Stops the run that is going, if any. */
  stop(): void;
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
