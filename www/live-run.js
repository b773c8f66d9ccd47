// A run of the element's while it goes: the module's `run` with an
// AbortController and a PauseController of its own (wasm.js's startRun), the
// RunState its progress events build, and their recording, which the
// scrubber replays; in compare mode, Go's two ways beside it, on the same waits.
import { DEFAULTS } from "./settings.js";
import { RunState } from "./run-state.js";
import { Recording } from "./recording.js";
import { loadedModule, startRun } from "./wasm.js";

/** What a RunState of a run with `options` (its defaults filled in) is made from: `logLines` is the module's. */
export function runSetup(options, logLines) {
  const { workers, queueLength, jobs, waits } = { ...DEFAULTS, ...options };
  return { jobs: waits ? waits.length : jobs, workers, queueLength, waits, logLines };
}

/** A run with `options` that has not run: its workers idle, its jobs waiting, at 0 ms. */
export function plannedRun(options, logLines) {
  const planned = new RunState(runSetup(options, logLines));
  planned.planned = true;
  planned.frozenAtMs = 0;
  return planned;
}

/** One run going: `state`, `recording`, `options`, and `done`, `abort`, `pause` and `crash` as wasm.js's startRun has them. */
function begin(glue, options, changed) {
  const setup = runSetup(options, glue.logLines);
  const state = new RunState({ ...setup, startedAt: performance.now(), speed: options.speed ?? DEFAULTS.speed });
  const recording = new Recording(setup);
  const handle = startRun(glue, options, (event) => {
    state.apply(event);
    recording.push(event);
    changed();
  });
  return { ...handle, state, recording, options };
}

/** Resolves with the first of `runs`' reports once all have settled, their states finished. */
export async function settleAll(runs) {
  const reports = await Promise.all(runs.map((run) => run.done));
  runs.forEach((run, i) => run.state.finish(reports[i]));
  return reports[0];
}

export class LiveRun {
  /**
   * Starts `options` on `glue`, the module; `changed()` is called after
   * each event. With `compare`, ours runs with cancel in-flight, and Go's
   * ways beside it: `selectWay` (jobs that select on ctx.Done(), which stop
   * at the cancel as ours do) and `goWay` (the article's time.Sleep: without
   * cancel in-flight); else both are null.
   */
  constructor(glue, options, { compare = false, changed }) {
    const ours = begin(glue, compare ? { ...options, cancelInFlight: true } : options, changed);
    Object.assign(this, ours);
    // Go's two ways on the same waits: a job that selects on ctx.Done() stops at the cancel, as a dropped one does.
    this.selectWay = compare ? begin(glue, { ...ours.options, cancelInFlight: true }, changed) : null;
    this.goWay = compare ? begin(glue, { ...ours.options, cancelInFlight: false }, changed) : null;
  }

  /** Every run (ours, and Go's two ways in compare mode). */
  get #both() {
    return [this, this.selectWay, this.goWay].filter(Boolean);
  }

  /** Resolves with our report once all have settled, their states finished; rejects as `done` does. */
  async settled() {
    return settleAll(this.#both);
  }

  /** Stops both, as their AbortSignals would. */
  stop() {
    for (const run of this.#both) run.abort.abort();
  }

  /** Whether it is paused. */
  get paused() {
    return this.pause.paused;
  }

  /** Pauses both, or resumes them; returns whether they are paused now. */
  togglePause() {
    const paused = !this.pause.paused;
    for (const { pause } of this.#both) {
      if (paused) pause.pause();
      else pause.resume();
    }
    return paused;
  }

  /** Frees the PauseControllers, once both have settled (a panicked module has none to free). */
  free() {
    if (loadedModule()) for (const { pause } of this.#both) pause.free();
  }
}
