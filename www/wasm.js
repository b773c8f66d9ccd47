// The wasm module, shared by every <dispatcher-demo>: loaded once, and loaded
// afresh after a panic. A panic traps a wasm instance for good, so every
// element that listens is told, and the next load imports the JS glue anew (a
// new URL is a new module), which instantiates a fresh instance.
//
// This is the page's one way into the binding (pkg/, or dist/ in the
// distributable build; assets.js says where): the page's other modules
// import nothing of it.

import { GLUE, WASM } from "./assets.js";

/** The glue of the instance that is up, or null. */
let glue = null;
let loading = null;
let generation = 0;
const crashListeners = new Set();

/** Resolves with the glue (`run`, `checkSettings`, `PauseController`) once its wasm instance is up. */
export function loadModule() {
  loading ??= (async () => {
    // A bundler that takes in the element (webpack, Rspack, Vite) must leave
    // this import to the browser: the glue is a file beside the module.
    const module = await import(/* webpackIgnore: true */ /* @vite-ignore */ generation ? `${GLUE}?instance=${generation}` : GLUE.href);
    await module.default({ module_or_path: WASM });
    module.onPanic((message) => crashed(module, message));
    glue = module;
    return module;
  })();
  return loading;
}

/** The glue, if its instance is up; null while it loads, or after a panic. */
export function loadedModule() {
  return glue;
}

/**
 * Calls `listener(message)` when the instance panics, until `signal` aborts
 * (an element passes the signal that ends its connection).
 */
export function onCrash(listener, { signal }) {
  if (signal.aborted) return;
  crashListeners.add(listener);
  signal.addEventListener("abort", () => crashListeners.delete(listener), { once: true });
}

function crashed(module, message) {
  if (glue !== module) return;
  glue = null;
  loading = null;
  generation++;
  for (const listener of crashListeners) listener(message);
}

/**
 * Starts `run` with `options`, with an AbortController and a PauseController
 * of its own, in a task of its own: setting up a million jobs takes a while,
 * and the click that asked for them has had its share. Returns `{ done,
 * abort, pause, crash }`: `done` settles with the report, or rejects with the
 * error given to `crash` first (a run on a panicked instance never settles).
 */
export function startRun({ run, PauseController }, options, onEvent) {
  const abort = new AbortController();
  const pause = new PauseController();
  let crash;
  const crashed = new Promise((_, reject) => (crash = reject));
  crashed.catch(() => {}); // it may come before the run has started, and is raced then
  const done = (async () => {
    await new Promise((resolve) => setTimeout(resolve));
    const report = run({ ...options, signal: abort.signal, pause }, onEvent);
    return Promise.race([report, crashed]);
  })();
  return { done, abort, pause, crash };
}
