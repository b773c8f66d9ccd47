// A run of the element's while it goes: the module's `run` with an
// AbortController and a PauseController of its own (wasm.js's startRun), the
// RunState its progress events build, and their recording, which the
// scrubber replays; in compare mode, Go's two ways beside it, on the same waits.
import { DEFAULTS, BY_NAME } from "./settings.js";
import { runSetup, RunGroup } from "./run-setup.js";
import { loadArticleRun } from "./controls.js";
import { REPLAY } from "./assets.js";
import { RunState } from "./run-state.js";
import { Recording } from "./recording.js";
import { loadedModule, startRun } from "./wasm.js";

/** What the article's run's player (replay.js) shares with the element: in dist/, it is handed them (scripts/dist/build.mjs). */
const SHARED = { DEFAULTS, RunState, runSetup, RunGroup };

/**
 * A run with `options` that has not run: its workers idle, its jobs waiting,
 * at 0 ms. The element shows one as it is connected, before the module and
 * its check are in (no `logLines`: a planned run has no log lines): each of
 * its sizes is then held within its limits, so that the element takes the
 * height its run will have from its first frame, and nothing moves when the
 * check's preview comes.
 */
export function plannedRun(options, logLines) {
  const planned = new RunState(runSetup(withinLimits(options), logLines ?? (() => [])));
  planned.planned = true;
  planned.frozenAtMs = 0;
  return planned;
}

/** `options` with its workers, queue length and jobs made whole numbers within their limits (their defaults where they are no number), and its waits kept only as a list of numbers. */
function withinLimits(options) {
  const held = { ...options };
  for (const name of ["workers", "queueLength", "jobs"]) {
    const { min, max } = BY_NAME.get(name);
    held[name] = Number.isFinite(options[name]) ? Math.min(max, Math.max(min, Math.floor(options[name]))) : DEFAULTS[name];
  }
  const { waits } = options;
  if (!(waits?.length <= BY_NAME.get("waits").maxLength && Array.prototype.every.call(waits, Number.isFinite))) delete held.waits;
  return held;
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

export class LiveRun extends RunGroup {
  /**
   * Starts `options` on `glue`, the module; `changed()` is called after
   * each event. With `compare`, ours runs with cancel in-flight, and Go's
   * ways beside it: `selectWay` (jobs that select on ctx.Done(), which stop
   * at the cancel as ours do) and `goWay` (the article's time.Sleep: without
   * cancel in-flight); else both are null.
   */
  constructor(glue, options, { compare = false, changed }) {
    super();
    const ours = begin(glue, compare ? { ...options, cancelInFlight: true } : options, changed);
    Object.assign(this, ours);
    // Go's two ways on the same waits: a job that selects on ctx.Done() stops at the cancel, as a dropped one does.
    this.selectWay = compare ? begin(glue, { ...ours.options, cancelInFlight: true }, changed) : null;
    this.goWay = compare ? begin(glue, { ...ours.options, cancelInFlight: false }, changed) : null;
  }

  /** Frees the PauseControllers, once both have settled (a panicked module has none to free). */
  free() {
    if (loadedModule()) for (const { pause } of this.runs) pause.free();
  }
}

/**
 * The recorded run of `options` in `article` (the parsed article-run.json):
 * the article's jobs and settings, with fail fast and cancel in-flight as one
 * of its runs has them; else null, and the run goes live.
 */
export function recordedRun(article, options) {
  const { workers, queueLength, thresholdMs, waits, failFast, cancelInFlight } = { ...DEFAULTS, ...options };
  const same = workers === article.workers && queueLength === article.queueLength && thresholdMs === article.thresholdMs
    && waits?.length === article.waits.length && waits.every((wait, i) => wait === article.waits[i]);
  return same ? article.schedule.runs.find((run) => run.failFast === failFast && run.cancelInFlight === cancelInFlight) ?? null : null;
}

/**
 * The article's run as the library ran it for `options` on the virtual
 * clock: `{ ours, go }`, `go` (without cancel in-flight) for compare mode, in
 * which ours has cancel in-flight; null where the settings are not the
 * article's, or it was not recorded with them: the run goes live then.
 */
export async function recordedRuns(options, compare = false) {
  if (!options.waits) return null;
  const article = await loadArticleRun().catch(() => null);
  if (!article) return null;
  const ours = recordedRun(article, compare ? { ...options, cancelInFlight: true } : options);
  const go = compare ? recordedRun(article, { ...options, cancelInFlight: false }) : null;
  return ours && (!compare || go) ? { ours, go } : null;
}

/**
 * A run of `options` on `glue`, the module: the article's run replayed where
 * it was recorded with them (unless `live`), else a LiveRun. `replayed`
 * says which.
 */
export async function newRun(glue, options, { compare = false, live = false, changed }) {
  const recorded = live ? null : await recordedRuns(options, compare);
  if (!recorded) return Object.assign(new LiveRun(glue, options, { compare, changed }), { replayed: false });
  const ours = compare ? { ...options, cancelInFlight: true } : options;
  // The player is a module of its own (in dist/, a file of its own, handed what it shares): only a replay loads it.
  const player = await import(/* webpackIgnore: true */ /* @vite-ignore */ REPLAY.href);
  player.share?.(SHARED);
  return player.replayRun(recorded.ours, ours, { goRecorded: recorded.go, logLines: glue.logLines, changed });
}
