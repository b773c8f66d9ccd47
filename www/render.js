// Draws a run on two canvases: the timeline, one lane per worker on a shared
// time axis, and the grid, one cell per job. Both draw from RunState, at most
// once per animation frame: the timeline whole, the grid only where it changed.
import { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED, ABORTED, GLYPHS } from "./run-state.js";

/**
 * Sizes the canvas to its box and the screen's pixel ratio, and clears it;
 * returns the context, the CSS size and the ratio.
 */
export function fit(canvas, cssHeight) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth || 600;
  if (cssHeight !== undefined && canvas.style.height !== `${cssHeight}px`) canvas.style.height = `${cssHeight}px`;
  const height = canvas.clientHeight || cssHeight || 200;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height, ratio };
}

export function timelineHeight(workers) {
  return Math.min(360, Math.max(120, workers * 22 + 34));
}

const AXIS = 22;
const GUTTER = 34;

/** A readable tick step for a span of `ms`. */
function tickStep(ms, pixels) {
  const target = ms / Math.max(1, pixels / 90);
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 60000, 120000, 300000];
  return steps.find((step) => step >= target) ?? 600000;
}

const label = (ms) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * The timeline: a block per started job in its worker's lane, coloured and
 * marked by state; the moment of the first failure; and "now". Finished jobs
 * are painted once into a buffer, which is repainted whole only when the
 * time scale, the size or the colours change; each frame then copies it and
 * adds the running jobs.
 */
export class Timeline {
  #canvas;
  #buffer = null;
  #key = "";
  #span = 0;
  #run = null;

  constructor(canvas) {
    this.#canvas = canvas;
  }

  draw(run, colors, nowMs) {
    const canvas = this.#canvas;
    const { context: c, width, height, ratio } = fit(canvas, timelineHeight(run.workers));
    // While the run goes, the scale grows in steps, so that it rarely repaints all.
    if (run.report) this.#span = Math.max(run.report.elapsedMs * 1.03, 100);
    else if (nowMs * 1.05 > this.#span || run !== this.#run) this.#span = Math.max(1000, nowMs * 1.6);
    const span = this.#span;
    const geometry = {
      width, height, span,
      plot: width - GUTTER - 8,
      lane: (height - AXIS) / run.workers,
    };
    geometry.x = (ms) => GUTTER + (ms / span) * geometry.plot;
    geometry.bar = Math.max(1, geometry.lane - (geometry.lane > 6 ? 3 : 0));

    const key = `${canvas.width}|${canvas.height}|${span}|${run.report !== null}|${colors.state.join()}`;
    let ended = run.takeEnded();
    if (key !== this.#key || run !== this.#run) {
      this.#key = key;
      this.#run = run;
      this.#buffer = new OffscreenCanvas(canvas.width, canvas.height);
      const b = this.#buffer.getContext("2d");
      b.setTransform(ratio, 0, 0, ratio, 0, 0);
      paintBackground(b, run, colors, geometry);
      ended = null;
    }
    const b = this.#buffer.getContext("2d");
    if (ended === null) {
      for (let job = 0; job < run.jobs; job++) if (run.state[job] > RUNNING) paintJob(b, run, colors, geometry, job, nowMs);
    } else {
      for (const job of ended) paintJob(b, run, colors, geometry, job, nowMs);
    }

    c.setTransform(1, 0, 0, 1, 0, 0);
    c.drawImage(this.#buffer, 0, 0);
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (!run.report) {
      for (const job of run.current) if (job >= 0) paintJob(c, run, colors, geometry, job, nowMs);
    }
    paintMarks(c, run, colors, geometry, nowMs);
  }
}

function paintBackground(c, run, colors, { width, height, span, plot, lane, x }) {
  c.font = "11px system-ui, sans-serif";
  c.textBaseline = "middle";
  for (let w = 0; w < run.workers; w++) {
    if (lane >= 8 && w % 2 === 1) {
      c.fillStyle = colors.lane;
      c.fillRect(GUTTER, w * lane, plot, lane);
    }
    if (lane >= 12) {
      c.fillStyle = colors.muted;
      c.fillText(`W${w}`, 4, (w + 0.5) * lane);
    }
  }
  const step = tickStep(span, plot);
  c.strokeStyle = colors.grid;
  c.fillStyle = colors.muted;
  c.textAlign = "center";
  c.lineWidth = 1;
  for (let t = 0; t <= span; t += step) {
    const px = Math.round(x(t)) + 0.5;
    c.beginPath();
    c.moveTo(px, 0);
    c.lineTo(px, height - AXIS + 4);
    c.stroke();
    c.fillText(label(t), Math.min(px, width - 24), height - AXIS / 2 + 2);
  }
  c.textAlign = "left";
}

function paintJob(c, run, colors, { lane, bar, x }, job, nowMs) {
  const state = run.state[job];
  const worker = run.worker[job];
  if (worker < 0 || state < RUNNING) return;
  const x0 = x(run.start[job]);
  const x1 = state === RUNNING ? x(nowMs) : x(run.end[job]);
  const y = worker * lane + (lane - bar) / 2;
  // A gap of a pixel between one job and the next in a lane, where there is room.
  const gap = x1 - x0 > 4 ? 1 : 0;
  const w = Math.max(x1 - x0 - gap, state === FAILED ? 3 : 1);
  c.fillStyle = state === ABORTED ? hatchPattern(c, colors.aborted) : colors.state[state];
  c.fillRect(x0 + gap, y, w, bar);
  if (w >= 14 && bar >= 12 && state !== RUNNING) {
    c.font = "11px system-ui, sans-serif";
    c.textBaseline = "middle";
    c.fillStyle = colors.onState;
    c.fillText(GLYPHS[state], x0 + 3, y + bar / 2 + 1);
  }
}

/** The first failure (or the stop) and the cancellation it caused; and "now". */
function paintMarks(c, run, colors, { width, height, x }, nowMs) {
  const failure = run.failure;
  const cancelAt = failure?.atMs ?? run.cancelAtMs;
  if (cancelAt !== null && cancelAt !== undefined) {
    const px = Math.round(x(cancelAt)) + 0.5;
    c.strokeStyle = colors.state[FAILED];
    c.lineWidth = 2;
    c.setLineDash([4, 3]);
    c.beginPath();
    c.moveTo(px, 0);
    c.lineTo(px, height - AXIS);
    c.stroke();
    c.setLineDash([]);
    const text = failure ? `✕ job #${failure.job} fails` : "stopped";
    c.font = "600 11px system-ui, sans-serif";
    c.textBaseline = "middle";
    const textWidth = c.measureText(text).width;
    const tx = px + 6 + textWidth > width ? px - 6 - textWidth : px + 6;
    c.fillStyle = colors.background;
    c.fillRect(tx - 3, 2, textWidth + 6, 16);
    c.fillStyle = colors.state[FAILED];
    c.fillText(text, tx, 10);
  }
  if (!run.report) {
    const px = Math.round(x(nowMs)) + 0.5;
    c.strokeStyle = colors.now;
    c.lineWidth = 1.5;
    c.beginPath();
    c.moveTo(px, 0);
    c.lineTo(px, height - AXIS);
    c.stroke();
  }
}

const hatches = new Map();

/** Diagonal stripes, for aborted jobs, made once per colour. */
function hatchPattern(context, color) {
  const cached = hatches.get(color);
  if (cached) return cached;
  const tile = new OffscreenCanvas(6, 6);
  const t = tile.getContext("2d");
  t.fillStyle = color;
  t.globalAlpha = 0.35;
  t.fillRect(0, 0, 6, 6);
  t.globalAlpha = 1;
  t.strokeStyle = color;
  t.lineWidth = 2;
  t.beginPath();
  t.moveTo(-1, 7);
  t.lineTo(7, -1);
  t.stroke();
  const pattern = context.createPattern(tile, "repeat");
  hatches.set(color, pattern);
  return pattern;
}

/** The grid's layout for `jobs` cells in `width` px: one cell per job, up to a limit. */
export function gridLayout(jobs, width) {
  const perCell = Math.max(1, Math.ceil(jobs / 20000));
  const cells = Math.ceil(jobs / perCell);
  const size = Math.max(3, Math.min(24, Math.floor(Math.sqrt((width * 220) / Math.max(cells, 1)))));
  const columns = Math.max(1, Math.floor(width / size));
  const rows = Math.ceil(cells / columns);
  return { perCell, cells, size, columns, height: Math.max(size, rows * size) };
}

/**
 * The grid: every job, left to right in id order, coloured and marked by
 * state. It repaints only the cells whose job changed since the last frame,
 * and everything when its size or colours change. When the run is cancelled,
 * the change spreads out from the job that caused it over `spreadMs`, so that
 * the eye can follow it.
 */
export class Grid {
  #canvas;
  #key = "";
  #run = null;
  #layout = null;

  constructor(canvas) {
    this.#canvas = canvas;
  }

  draw(run, colors, { wallNow, spreadMs }) {
    const width = this.#canvas.clientWidth || 600;
    const spreading = run.cancelWall !== null && spreadMs > 0 && wallNow - run.cancelWall <= spreadMs + 32;
    const key = `${width}|${run.jobs}|${colors.state.join()}`;
    let cells = run.takeChanged();
    if (key !== this.#key || run !== this.#run || spreading) {
      this.#key = key;
      this.#run = run;
      this.#layout = gridLayout(run.jobs, width);
      fit(this.#canvas, this.#layout.height);
      cells = null;
    }
    this.#paint(run, colors, cells, spreading ? (wallNow - run.cancelWall) / spreadMs : 1);
    return this.#layout;
  }

  #paint(run, colors, cells, spread) {
    const c = this.#canvas.getContext("2d");
    const { size, columns, perCell } = this.#layout;
    const gap = size >= 6 ? 1 : 0;
    const glyphs = size >= 14 && run.jobs <= 2000;
    const origin = run.cancelOrigin;
    const farthest = Math.max(origin, run.jobs - origin, 1);
    c.font = `${Math.floor(size * 0.62)}px system-ui, sans-serif`;
    c.textAlign = "center";
    c.textBaseline = "middle";
    const paint = (cell) => {
      const job = cell * perCell;
      let state = run.state[job];
      if ((state === CANCELED || state === ABORTED) && Math.abs(job - origin) / farthest > spread) {
        state = state === CANCELED ? QUEUED : RUNNING;
      }
      const cx = (cell % columns) * size;
      const cy = Math.floor(cell / columns) * size;
      c.clearRect(cx, cy, size, size);
      if (state === CANCELED) {
        c.strokeStyle = colors.state[CANCELED];
        c.lineWidth = 1;
        c.strokeRect(cx + gap + 0.5, cy + gap + 0.5, size - 2 * gap - 1, size - 2 * gap - 1);
      } else {
        c.fillStyle = colors.state[state];
        c.fillRect(cx + gap, cy + gap, size - 2 * gap, size - 2 * gap);
      }
      if (glyphs && state >= SUCCEEDED) {
        c.fillStyle = state === CANCELED ? colors.state[CANCELED] : colors.onState;
        c.fillText(GLYPHS[state], cx + size / 2, cy + size / 2 + 1);
      }
    };
    if (cells === null) {
      for (let cell = 0; cell < this.#layout.cells; cell++) paint(cell);
    } else {
      for (const job of cells) paint(Math.floor(job / perCell));
    }
  }
}
