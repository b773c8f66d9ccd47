// Naming the jobs on the canvases: the one under the pointer (tooltips.js,
// hover and tap) and by keyboard (job-keys.js). Both are imported when first
// used, and not before: a reader who only watches the run needs neither (in
// dist/, one file with the glossary's words). They come at the first pointer
// over the element, most likely on its way to a canvas, or the first focus by
// keyboard within it (Tab, on its way to a canvas), or a canvas's first focus.
// Meanwhile the pointer's last place on a canvas (and whether it has left
// since: a tap's pointer leaves at once), and the keys pressed there, are kept,
// and handed to them once they are in.
import { NAME_JOBS } from "./assets.js";

/**
 * Names the jobs of the timeline and the grid (in their titles and
 * `readout`'s text) once first used, until `signal` aborts. Returns the
 * keyboard's `refresh()`, which the stage calls after each draw (nothing
 * until it is in).
 */
export function nameJobsWhenUsed(options) {
  const { signal, timelineCanvas, gridCanvas } = options;
  const canvases = [timelineCanvas, gridCanvas];
  const waiting = new AbortController();
  /** The pointer's last event on a canvas meanwhile, and whether it has left since; the keys pressed. */
  let pointed = null;
  const pressed = [];
  let refresh = () => {};
  let loading = null;
  const use = () => {
    loading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ NAME_JOBS.href).then(({ listenPointer, listenJobKeys }) => {
      waiting.abort();
      if (signal.aborted) return;
      listenPointer(options);
      refresh = listenJobKeys(options);
      if (pointed) {
        pointed.canvas.dispatchEvent(new PointerEvent(pointed.type, pointed));
        if (pointed.left) pointed.canvas.dispatchEvent(new PointerEvent("pointerleave"));
      }
      for (const [canvas, key] of pressed.splice(0)) canvas.dispatchEvent(new KeyboardEvent("keydown", { key }));
    }, () => {
      // What came meanwhile goes; the next pointer, focus or key tries again.
      pointed = null;
      pressed.length = 0;
      loading = null;
    });
  };
  signal.addEventListener("abort", () => waiting.abort(), { once: true });
  const root = timelineCanvas.getRootNode();
  root.addEventListener("pointerover", use, { signal: waiting.signal });
  root.addEventListener("focusin", ({ target }) => (canvases.includes(target) || target.matches(":focus-visible")) && use(), { signal: waiting.signal });
  for (const canvas of canvases) {
    for (const type of ["pointermove", "pointerdown"]) {
      canvas.addEventListener(type, ({ clientX, clientY }) => (pointed = { canvas, type, clientX, clientY, left: false }), { signal: waiting.signal });
    }
    canvas.addEventListener("pointerleave", () => pointed?.canvas === canvas && (pointed.left = true), { signal: waiting.signal });
    canvas.addEventListener("keydown", (event) => {
      use();
      if (!/^(Arrow|Home$|End$)/.test(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      pressed.push([canvas, event.key]);
    }, { signal: waiting.signal });
  }
  return () => refresh();
}
