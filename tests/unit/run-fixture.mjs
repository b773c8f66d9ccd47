// A run the unit tests share: four jobs on two workers, as the module's
// progress events tell it, with the module's writer of log lines.
import { logOf } from "../../src/web/report.js";

/** The module's writer of log lines, as the glue's `logLines` is. */
export const logLines = (kinds, starts, ends, waits) => logOf(kinds, starts, ends, waits, []);
export const setup = { jobs: 4, workers: 2, queueLength: 4, waits: [100, 300, 2000, 50], logLines };

/** Job #2 fails at 100 ms while #1 runs; #3 was queued. */
export const EVENTS = [
  { type: "queue", jobId: 0, count: 4, worker: null, waitMs: 100, atMs: 0 },
  { type: "start", jobId: 0, worker: 0, waitMs: 100, atMs: 0 },
  { type: "start", jobId: 1, worker: 1, waitMs: 300, atMs: 0 },
  { type: "succeed", jobId: 0, worker: 0, waitMs: 100, atMs: 100 },
  { type: "start", jobId: 2, worker: 0, waitMs: 2000, atMs: 100 },
  { type: "fail", jobId: 2, worker: 0, waitMs: 2000, atMs: 100 },
  { type: "cancel", jobId: 3, count: 1, worker: null, waitMs: 50, atMs: 100 },
  { type: "abort", jobId: 1, worker: 1, waitMs: 300, atMs: 100 },
];
