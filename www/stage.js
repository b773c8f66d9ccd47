// The run on show, drawn: the meters, the timeline, the legend, the grid, the
// summary and the log, at most once per animation frame, and only while
// something moves.
import { Meters, drawLegend, drawSummary } from "./summary.js";
import { LogView } from "./log-view.js";
import { Timeline } from "./timeline.js";
import { Grid } from "./grid.js";
import { readColors } from "./canvas.js";
import { requestFrame, cancelFrame } from "./frame.js";
import { nameJobsWhenUsed } from "./name-jobs.js";

/** Out of view, a running stage is drawn at most this often. */
const OUT_OF_VIEW_MS = 1000;

/** While a run goes, the summary and the log change at most this often. */
const TEXT_EVERY_MS = 200;

export class Stage {
  #root;
  #box;
  #meters;
  #timeline;
  #grid;
  #summary;
  #log;
  /** The timeline's canvas and the grid's. */
  #canvases;
  /** Whether the run going is paused: from the element. */
  #paused;
  /** What the teaching parts do around each frame: read the layout before it, draw after it. */
  #beforeDraw;
  #afterDraw;
  /** The RunState on show; and the grid's, in compare mode the lane followed. */
  #shown = null;
  #gridShown = null;
  /** Whether a draw has been asked for; the draw, bound once, that frame.js calls. */
  #frame = false;
  #drawNow = () => this.#draw();
  #readNow = () => this.#read();
  /** Whether the element is in view (null until the observer says); and the timer of a draw put off while it is not. */
  #inView = null;
  #later = 0;
  /** Whether the canvases were left undrawn out of view; and whether the next draw draws them wherever it is (a theme changed). */
  #canvasesBehind = false;
  #drawAll = false;
  /** What #read found: whether the log was at its end. */
  #logAtBottom = false;
  #colors = null;
  #textDrawn = 0;
  /** The settled run whose summary and log are drawn. */
  #textDrawnFor = null;
  /** Keeps the keyboard's ring on its job (job-keys.js): after each draw. */
  #markJobs = () => {};

  /**
   * The stage of `root`. `paused()` says whether the run going is paused;
   * `beforeDraw()` reads what another part needs of the layout before a
   * frame's draws, and `afterDraw(colors, nowMs)` draws that part after it.
   */
  constructor(root, { paused, beforeDraw = () => {}, afterDraw = () => {} }) {
    const find = (selector) => root.querySelector(selector);
    this.#root = root;
    this.#box = find(".stage");
    this.#meters = new Meters(this.#box);
    this.#timeline = new Timeline(find(".timeline"));
    this.#grid = new Grid(find(".grid"));
    this.#canvases = [find(".timeline"), find(".grid")];
    this.#summary = find(".summary");
    this.#log = new LogView(find(".log"), find(".copy-log"));
    this.#paused = paused;
    this.#beforeDraw = beforeDraw;
    this.#afterDraw = afterDraw;
    drawLegend(find(".legend"));
  }

  /**
   * Listens until `signal` aborts: for the stylesheet, the colour scheme,
   * reduced motion and the timeline's size, which call for a new frame, and
   * for Copy log, which says how it went through `status`. Then no frame
   * is drawn.
   */
  listen({ signal, status }) {
    const repaint = () => this.repaint();
    this.#root.querySelector('link[rel="stylesheet"]')?.addEventListener("load", repaint, { signal });
    for (const query of ["(prefers-color-scheme: dark)", "(prefers-reduced-motion: reduce)"]) {
      matchMedia(query).addEventListener("change", repaint, { signal });
    }
    // The canvases' widths come from here, so that no draw reads them from
    // the layout: reading the layout of an element out of view (which
    // content-visibility leaves unlaid) would lay it out.
    const resize = new ResizeObserver((entries) => {
      for (const entry of entries) entry.target.knownWidth = entry.contentRect.width;
      this.schedule();
    });
    for (const canvas of this.#root.querySelectorAll("canvas")) resize.observe(canvas);
    // Out of view, a running stage draws once a second: thirty elements on a
    // page make thirty stages, of which the eye sees one or two.
    const seen = new IntersectionObserver((entries) => {
      this.#inView = entries.at(-1).isIntersecting;
      // Come into view with canvases not drawn since it went out: drawn now.
      if (this.#inView && this.#canvasesBehind && !this.#later) this.schedule();
      if (!this.#inView || !this.#later) return;
      // Come into view: the draw put off is drawn now.
      clearTimeout(this.#later);
      this.#later = 0;
      requestFrame(this.#drawNow, this.#readNow);
    });
    seen.observe(this.#root.host);
    this.#log.listen({ signal, shown: () => this.#shown, status });
    this.#markJobs = nameJobsWhenUsed({ signal, timelineCanvas: this.#root.querySelector(".timeline"), gridCanvas: this.#root.querySelector(".grid"), timeline: this.#timeline, shown: () => this.#shown, gridShown: () => this.#gridShown, readout: this.#root.querySelector(".job-readout") });
    signal.addEventListener("abort", () => {
      resize.disconnect();
      seen.disconnect();
      clearTimeout(this.#later);
      cancelFrame(this.#drawNow);
      this.#frame = false;
    }, { once: true });
  }

  /** The colours may have changed (a theme, a stylesheet): read them again, and draw. */
  repaint() {
    this.#colors = null;
    this.#drawAll = true;
    // A theme changes for every element at once: one out of view, whose draw
    // was put off, draws in this frame too, so that none shows the old colours.
    if (this.#later) {
      clearTimeout(this.#later);
      this.#later = 0;
      requestFrame(this.#drawNow, this.#readNow);
      return;
    }
    this.schedule();
  }

  /** The RunState on show, and the grid's. */
  get shown() {
    return this.#shown;
  }

  get gridShown() {
    return this.#gridShown;
  }

  /** Draws now, not in the next frame (printing lays the page out before any frame). */
  drawNow() {
    cancelFrame(this.#drawNow);
    this.#frame = false;
    this.#readWidths();
    this.#read();
    this.#draw({ outOfView: true });
  }

  /** Shows `run` (a RunState) from the next frame on, and `grid`'s jobs on the grid. */
  show(run, grid = run) {
    this.#shown = run;
    this.#gridShown = grid;
    this.schedule();
  }

  /** Draws in the next frame, if the element is in a document. */
  schedule() {
    if (!this.#root.host.isConnected) return;
    // A settled run is drawn at once, wherever it is: its summary and log are the page's to read.
    const atOnce = this.#inView !== false || this.#shown?.report || this.#shown?.frozenAtMs !== null;
    // A draw put off out of view is drawn at once when the run settles: its canvases were left.
    if (this.#frame && !(atOnce && this.#later)) return;
    this.#frame = true;
    clearTimeout(this.#later);
    this.#later = 0;
    if (atOnce) requestFrame(this.#drawNow, this.#readNow);
    else {
      this.#later = setTimeout(() => {
        this.#later = 0;
        requestFrame(this.#drawNow, this.#readNow);
      }, OUT_OF_VIEW_MS);
    }
  }

  /**
   * Reads the layout the frame's draw needs, before any element of the page
   * writes to it (frame.js calls every read first): the log's scroll, and
   * the code panel's. Out of view, nothing is read.
   */
  #read() {
    if (this.#inView === false) return;
    this.#readWidths();
    if (this.#inView !== true) return;
    this.#log.scrollIfAsked();
    this.#logAtBottom = this.#log.atBottom;
    this.#beforeDraw();
  }

  /** The canvases' widths the ResizeObserver has not told yet (it tells only of what is laid out). */
  #readWidths() {
    for (const canvas of this.#canvases) canvas.knownWidth ??= canvas.clientWidth;
  }

  /**
   * Draws the run on show. Out of view, a run going draws only its words,
   * unless told (`outOfView`, to print) or its colours changed: drawing on
   * a canvas (a font set, a text filled) makes the browser bring the
   * canvas's style up to date, which content-visibility had left, and
   * thirty elements out of view spent most of their frames so, with the CPU
   * four times slower. Their canvases are drawn when they come into view,
   * or when the run settles.
   */
  #draw({ outOfView = false } = {}) {
    this.#frame = false;
    const run = this.#shown;
    let colors = this.#colors;
    if (!colors) {
      // Before the stylesheet has loaded there are none, and canvases drew black: read them again then.
      colors = readColors(this.#box);
      if (colors.complete) this.#colors = colors;
    }
    const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    const spreadMs = reducedMotion ? 0 : 450;
    const wallNow = performance.now();
    if (!run) {
      this.#meters.draw({ queued: 0, queueLength: 0, running: 0, workers: 0, ended: 0, jobs: 0 });
      return;
    }
    // A moment of a recorded run (the scrubber's), or a run not yet run, is frozen there.
    const frozen = run.frozenAtMs !== null;
    const nowMs = run.nowMs(wallNow);
    // Text costs the browser a layout: while the run goes, a few times a
    // second is enough; once it has settled, once.
    const textDue = run.report || frozen
      ? this.#textDrawnFor !== run
      : wallNow - this.#textDrawn >= TEXT_EVERY_MS || (run.logLines > 0 && this.#log.empty);
    // Layout is read before anything writes to the DOM, so that reading
    // forces no layout: whether the log is scrolled to its end, and the
    // canvases' sizes.
    const logAtBottom = textDue && this.#logAtBottom;
    const drawCanvases = this.#inView !== false || outOfView || this.#drawAll || run.report || frozen;
    this.#drawAll = false;
    // Out of view, the widths no observer has told are read, as a print needs them.
    if (drawCanvases && this.#inView === false) this.#readWidths();
    this.#canvasesBehind = !drawCanvases;
    const repainting = !this.#canvasesBehind && this.#timeline.draw(run, colors, nowMs);
    if (!this.#canvasesBehind) this.#grid.draw(this.#gridShown ?? run, colors, { wallNow, spreadMs });
    this.#meters.draw(run);
    if (textDue) {
      this.#textDrawn = wallNow;
      this.#textDrawnFor = run.report || frozen ? run : null;
      drawSummary(this.#summary, run, nowMs, { paused: this.#paused() });
      if (this.#log.draw(run, logAtBottom)) this.schedule();
    }
    const spreading = run.cancelWall !== null && wallNow - run.cancelWall < spreadMs;
    this.#afterDraw(colors, nowMs);
    if (!this.#canvasesBehind) this.#markJobs();
    if ((!run.report && !frozen && !reducedMotion) || spreading || repainting) this.schedule();
  }
}
