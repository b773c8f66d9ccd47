// What a run's RunState is made from, and several runs driven as one
// (compare mode's): shared by live runs (live-run.js) and replays
// (replay.js), which dist/ loads as a file of its own.
import { DEFAULTS } from "./settings.js";

/** What a RunState of a run with `options` (its defaults filled in) is made from: `logLines` is the module's. */
export function runSetup(options, logLines) {
  const { workers, queueLength, jobs, waits } = { ...DEFAULTS, ...options };
  return { jobs: waits ? waits.length : jobs, workers, queueLength, waits, logLines };
}

/**
 * Ours and, in compare mode, Go's two ways beside it (`selectWay`, `goWay`,
 * else null), driven as one: a live run (live-run.js) or a replay
 * (replay.js). Each has `done`, `abort`, `pause` and `state`.
 */
export class RunGroup {
  /** Every run: ours, and Go's two ways in compare mode. */
  get runs() {
    return [this, this.selectWay, this.goWay].filter(Boolean);
  }

  /** Resolves with our report once all have settled, their states finished; rejects as `done` does. */
  async settled() {
    const reports = await Promise.all(this.runs.map((run) => run.done));
    this.runs.forEach((run, i) => run.state.finish(reports[i]));
    return reports[0];
  }

  /** Stops them all, as their AbortSignals would. */
  stop() {
    for (const run of this.runs) run.abort.abort();
  }

  /** Whether it is paused. */
  get paused() {
    return this.pause.paused;
  }

  /** Pauses them all, or resumes them; returns whether they are paused now. */
  togglePause() {
    const paused = !this.pause.paused;
    for (const { pause } of this.runs) {
      if (paused) pause.pause();
      else pause.resume();
    }
    return paused;
  }
}
