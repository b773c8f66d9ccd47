// The teaching parts as the element holds them. The narration is on show in
// every embedded element and speaks as a run goes: it is here, with the
// element. The rest, the code panel, the scrubber and compare mode's timelines
// (teach.js and what it imports: in dist/ a file of its own),
// is imported when one of them is first shown, never after: the scrubber
// (where `parts` show it) or the code panel open, once the element comes
// within half a screen of the viewport;
// the code panel opened; Compare pressed; a link's moment (`at`). Their
// markup and stylesheet are the element's own, so their space is kept and
// nothing moves when the module comes; it then takes up the run where it
// stands. The glossary's words come as it is first opened (it is folded
// until the first run ends).
import { narrate } from "./narration.js";
import { TEACH, GLOSSARY_WORDS } from "./assets.js";
import { fitCodePanel } from "./code-panel.js";
import { Timeline } from "./timeline.js";

/** While a run goes, the narration, the code panel and the scrubber's words change at most this often. */
const WORDS_EVERY_MS = 200;

export class Teaching {
  #root;
  #stage;
  #narration;
  /** teach.js's Teach, once imported; and the import, while it goes. */
  #teach = null;
  #loading = null;
  /** The glossary's words' import, once the glossary is first opened. */
  #words = null;
  /** The element's connection's signal, for listeners added once teach.js is in. */
  #signal = null;
  /** A link's moment, `{ ms, event }`, for teach.js to open on. */
  #at = null;
  /** The latest run (`{ state, recording, options, goWay }`), and whether it has settled. */
  #run = null;
  #settled = false;
  /** When the words were last drawn, and whether a draw is due for them. */
  #wordsDrawn = 0;
  #wordsDue = false;
  /** Whether a run has ended: the first brings the explanation into view. */
  #firstEnded = false;
  #bringIntoView = false;

  constructor(root, stage) {
    this.#root = root;
    this.#stage = stage;
    this.#narration = root.querySelector(".narration");
    fitCodePanel(root);
  }

  /** Listens until `signal` aborts; `compare()` is the element's, for the Compare button. Call once the parts are shown. */
  listen({ signal, compare }) {
    this.#signal = signal;
    this.#root.querySelector(".compare").addEventListener("click", compare, { signal });
    this.#root.querySelector(".code-box").addEventListener("toggle", (event) => event.target.open && this.load().catch(() => {}), { signal });
    this.#root.querySelector(".glossary").addEventListener("toggle", (event) => event.target.open && this.#loadWords(), { signal });
    this.#teach?.listen({ signal });
    this.partsChanged();
  }

  /** The parts shown changed (or were first shown): those that need teach.js import it as the element nears the viewport. */
  partsChanged() {
    const signal = this.#signal;
    if (this.#teach || this.#loading || !signal || signal.aborted || !this.#shownNeedIt()) return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      this.load().catch(() => {});
    }, { rootMargin: "50% 0px" });
    observer.observe(this.#root.host);
    signal.addEventListener("abort", () => observer.disconnect(), { once: true });
  }

  /** Whether a part on show is teach.js's to fill: the scrubber, or the code panel open. */
  #shownNeedIt() {
    const code = this.#root.querySelector(".code-box");
    return !this.#root.querySelector(".scrubber").hidden || (!code.hidden && code.open);
  }

  /** Puts in the glossary's words (glossary-words.js), once, as it is first opened. */
  #loadWords() {
    const list = this.#root.querySelector(".glossary dl");
    this.#words ??= import(/* webpackIgnore: true */ /* @vite-ignore */ GLOSSARY_WORDS.href).then(({ GLOSSARY_WORDS: words }) => {
      list.innerHTML = words;
    }, (error) => {
      // Said, as the code panel says it; opened again, it tries again.
      list.innerHTML = "<dt>The glossary</dt><dd></dd>";
      list.querySelector("dd").textContent = `Its words could not be loaded (${error.message}).`;
      this.#words = null;
    });
  }

  /** Imports teach.js, once (the element awaits it before a compare run: it draws Go's two ways), and hands it what it has missed: the listeners, a link's moment, the run. */
  load() {
    this.#loading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ TEACH.href).then(({ Teach }) => {
      const teach = new Teach(this.#root, this.#stage, Timeline);
      if (this.#signal && !this.#signal.aborted) teach.listen({ signal: this.#signal });
      if (this.#at) teach.openAt(this.#at.ms, this.#at.event);
      if (this.#run) teach.started(this.#run);
      if (this.#run && this.#settled) teach.finished();
      this.#teach = teach;
      this.#stage.schedule();
    }, (error) => {
      this.#loading = null;
      throw error;
    });
    return this.#loading;
  }

  /** The code panel's lit lines, by language, for tests. */
  get lit() {
    return this.#teach?.lit ?? [[], []];
  }

  /** Opens on `ms` once the next run has settled: a link's moment (teach.js's openAt). */
  openAt(ms, event = null) {
    this.#at = { ms, event };
    if (this.#teach) this.#teach.openAt(ms, event);
    else this.load().catch(() => {});
  }

  /** A run began: `run` is `{ state, recording, options, goWay }` (compare mode's `goWay` once teach.js is in). */
  started(run) {
    this.#run = run;
    this.#settled = false;
    this.#narration.textContent = run.goWay ? "The three runs go at once, on the same waits…" : "The run goes…";
    if (this.#teach) this.#teach.started(run);
    else this.#stage.show(run.state);
  }

  /** The run (and Go's, in compare mode) settled. */
  finished() {
    if (!this.#run) return;
    this.#settled = true;
    if (!this.#firstEnded) this.#firstEnded = this.#bringIntoView = true;
    if (this.#teach) this.#teach.finished();
    else {
      this.#stage.show(this.#run.state);
      this.#stage.schedule();
    }
  }

  /** Before each of the stage's frames, while nothing has written to the page: what the code panel reads of the layout. */
  measure() {
    this.#teach?.measure();
  }

  /** After each of the stage's frames: Go's timelines, and the words (the narration, the code panel's and the scrubber's). */
  draw(colors, nowMs) {
    const run = this.#run;
    if (!run) return;
    const teach = this.#teach;
    if (run.goWay) teach?.drawGoWays(colors);
    const stepping = teach?.stepping ?? false;
    const settled = Boolean(run.state.report && (!run.goWay || run.goWay.state.report));
    // While a run goes, the words change a few times a second, as the summary's do: each change costs a layout.
    const wall = performance.now();
    if (!stepping && !settled && wall - this.#wordsDrawn < WORDS_EVERY_MS) {
      if (!this.#wordsDue) {
        this.#wordsDue = true;
        setTimeout(() => {
          this.#wordsDue = false;
          this.#stage.schedule();
        }, WORDS_EVERY_MS);
      }
      return;
    }
    this.#wordsDrawn = wall;
    teach?.drawWords(nowMs);
    this.#narrate(nowMs, stepping ? teach.moment : run.state, stepping, settled);
  }

  /**
   * The narration of the moment on show, from its own events (narration.js),
   * drawn whenever the words are: it follows every step. While the run goes
   * it is not read aloud; a step, or the run's end, is.
   */
  #narrate(nowMs, state, stepping, settled) {
    const run = this.#run;
    const text = narrate(state, run.options, { nowMs, next: stepping && settled ? run.state : null });
    this.#narration.setAttribute("aria-live", stepping || settled ? "polite" : "off");
    if (this.#narration.textContent !== text) this.#narration.textContent = text;
    if (this.#bringIntoView && settled) {
      this.#bringIntoView = false;
      firstRunEnded(this.#root);
    }
  }
}

/**
 * At the end of the first run, the glossary opens (the clearest words on
 * what just happened), where that moves nothing the reader sees: not while
 * its summary is in view, as opening it would push down what is under it
 * (the code panel, the page below; make bench's visit: a shift of 0.32 at
 * 1280×720 with the page scrolled to it). And on the page (sync-url), if the
 * reader has not scrolled, the page scrolls so that the timeline's end, the
 * scrubber and the narration (as it has just been written) are in view together.
 */
function firstRunEnded(root) {
  const glossary = root.querySelector(".glossary");
  if (glossary.getBoundingClientRect().top >= innerHeight) glossary.open = true;
  if (root.host.hasAttribute("sync-url") && scrollY === 0) {
    const explain = root.querySelector(".explain");
    const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    explain.scrollIntoView({ block: "end", behavior: reduced ? "instant" : "smooth" });
  }
}
