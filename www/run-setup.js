// What a run's RunState is made from, and the settling of several runs at
// once (compare mode's): shared by live runs (live-run.js) and replays
// (replay.js), which dist/ loads as a file of its own.
import { DEFAULTS } from "./settings.js";

/** What a RunState of a run with `options` (its defaults filled in) is made from: `logLines` is the module's. */
export function runSetup(options, logLines) {
  const { workers, queueLength, jobs, waits } = { ...DEFAULTS, ...options };
  return { jobs: waits ? waits.length : jobs, workers, queueLength, waits, logLines };
}

/** Resolves with the first of `runs`' reports once all have settled, their states finished. */
export async function settleAll(runs) {
  const reports = await Promise.all(runs.map((run) => run.done));
  runs.forEach((run, i) => run.state.finish(reports[i]));
  return reports[0];
}
