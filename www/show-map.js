// <dispatcher-demo>'s showMap(options, run): a page's own run of the JS
// API's `map`, drawn by the element as it draws the demo's. This module is
// in the element's first visit, so it holds only the handle the element
// keeps; own-run.js, which calls `run` and draws the run, is imported when a
// page first shows one. The element's own module has no `map`: the page
// brings it, from `dispatcher-demo/api`.
import { OWN_RUN } from "./assets.js";

/**
 * Shows the page's run on `view`, the element's parts (own-run.js says
 * which): `given` are the page's options for map, and `run(options)` calls
 * map with them and the element's `onProgress` and `signal`. Returns `{
 * result, going, stop, detach }`: `result` settles as what `run` returned does,
 * `stop()` aborts the signal (map then rejects with its reason), and
 * `detach()` stops the drawing, leaving the run to go on.
 */
export function showMap(view, given, run) {
  const shown = { detached: false, stopped: false, going: true, stop: null, onDetach: null };
  return {
    /** Whether the run is on show and has not settled: the element's status is its. */
    get going() {
      return shown.going && !shown.detached;
    },
    // A bundler that takes in the element must leave this import to the browser: the module is a file beside it.
    result: import(/* webpackIgnore: true */ /* @vite-ignore */ OWN_RUN.href).then(({ startOwnRun }) => startOwnRun(view, shown, given, run), (error) => {
      shown.going = false;
      throw error;
    }),
    stop() {
      shown.stopped = !shown.detached;
      if (shown.stopped) shown.stop?.();
    },
    detach() {
      shown.detached = true;
      shown.onDetach?.();
    },
  };
}
