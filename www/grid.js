// The grid: one cell per job, left to right in id order, coloured and marked
// by state, drawn from RunState at most once per animation frame.
import { QUEUED, RUNNING, SUCCEEDED, CANCELED, ABORTED, GLYPHS } from "./run-state.js";
import { CANVAS, fit, knownWidth, setFont } from "./canvas.js";

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
 * and everything when its size or colours change. When the run is canceled,
 * the change spreads out from the job that caused it over `spreadMs`, so that
 * the eye can follow it. Cells are painted a state at a time, as one path:
 * thousands of rectangles cost the browser little more than one.
 */
export class Grid {
  #canvas;
  #key = "";
  #run = null;
  #layout = null;
  /** How far the cancellation had spread at the last paint, from 0 to 1. */
  #spread = 1;
  /** Per cell, whether it is already in the list to paint. */
  #listed = null;

  constructor(canvas) {
    this.#canvas = canvas;
  }

  draw(run, colors, { wallNow, spreadMs }) {
    const width = knownWidth(this.#canvas);
    const spreading = run.cancelWall !== null && spreadMs > 0 && wallNow - run.cancelWall <= spreadMs + 32;
    const spread = spreading ? Math.min(1, (wallNow - run.cancelWall) / spreadMs) : 1;
    const key = `${width}|${run.jobs}|${colors.state.join()}`;
    const changed = run.takeChanged();
    if (key !== this.#key || run !== this.#run || spread < this.#spread) {
      this.#key = key;
      this.#run = run;
      this.#layout = gridLayout(run.jobs, width);
      this.#listed = new Uint8Array(this.#layout.cells);
      fit(this.#canvas, this.#layout.height);
      this.#paint(run, colors, null, spread);
    } else {
      const { perCell } = this.#layout;
      const cells = [];
      const list = (cell) => {
        if (!this.#listed[cell]) {
          this.#listed[cell] = 1;
          cells.push(cell);
        }
      };
      // A cell shows its first job.
      for (const job of changed.jobs) if (job % perCell === 0) list(job / perCell);
      for (let i = 0; i < changed.runs.length; i += 2) {
        for (let cell = Math.ceil(changed.runs[i] / perCell); cell * perCell < changed.runs[i + 1]; cell++) list(cell);
      }
      if (spread > this.#spread) this.#reached(run, this.#spread, spread, list);
      this.#paint(run, colors, cells, spread);
      for (const cell of cells) this.#listed[cell] = 0;
    }
    this.#spread = spread;
    return this.#layout;
  }

  /** Lists the canceled cells the spread reached between `from` and `to`. */
  #reached(run, from, to, list) {
    const { perCell, cells } = this.#layout;
    const origin = run.cancelOrigin;
    const farthest = Math.max(origin, run.jobs - origin, 1);
    for (let cell = 0; cell < cells; cell++) {
      const job = cell * perCell;
      const state = run.state[job];
      if (state !== CANCELED && state !== ABORTED) continue;
      const reach = Math.abs(job - origin) / farthest;
      if (reach > from && reach <= to) list(cell);
    }
  }

  /** Paints `cells`, or every cell if null, with the cancellation shown spread as far as `spread`. */
  #paint(run, colors, cells, spread) {
    const c = this.#canvas.getContext("2d", CANVAS);
    const { size, columns, perCell, cells: count } = this.#layout;
    const gap = size >= 6 ? 1 : 0;
    const glyphs = size >= 14 && run.jobs <= 2000;
    const origin = run.cancelOrigin;
    const farthest = Math.max(origin, run.jobs - origin, 1);
    const cleared = [];
    const filled = new Map();
    const outlined = new Path2D();
    const marked = [];
    const fill = (state, x, y, width) => {
      if (!filled.has(state)) filled.set(state, new Path2D());
      filled.get(state).rect(x + gap, y + gap, width - 2 * gap, size - 2 * gap);
    };
    // Cells next to each other in a row make one rectangle: to clear, and,
    // when no gap parts them, to fill in one state.
    let clearFrom = 0, clearTo = 0;
    let fillState = -1, fillFrom = 0, fillTo = 0;
    const endClear = () => {
      if (clearTo > clearFrom) cleared.push((clearFrom % columns) * size, Math.floor(clearFrom / columns) * size, (clearTo - clearFrom) * size);
      clearFrom = clearTo = 0;
    };
    const endFill = () => {
      if (fillState >= 0) fill(fillState, (fillFrom % columns) * size, Math.floor(fillFrom / columns) * size, (fillTo - fillFrom) * size);
      fillState = -1;
    };
    const add = (cell) => {
      const job = cell * perCell;
      let state = run.state[job];
      if ((state === CANCELED || state === ABORTED) && Math.abs(job - origin) / farthest > spread) {
        state = state === CANCELED ? QUEUED : RUNNING;
      }
      const rowStart = cell % columns === 0;
      if (cells) {
        if (cell !== clearTo || rowStart) {
          endClear();
          clearFrom = cell;
        }
        clearTo = cell + 1;
      }
      if (gap === 0 && state !== CANCELED) {
        if (state !== fillState || cell !== fillTo || rowStart) {
          endFill();
          fillState = state;
          fillFrom = cell;
        }
        fillTo = cell + 1;
        return;
      }
      const cx = (cell % columns) * size;
      const cy = Math.floor(cell / columns) * size;
      if (state === CANCELED) outlined.rect(cx + gap + 0.5, cy + gap + 0.5, size - 2 * gap - 1, size - 2 * gap - 1);
      else fill(state, cx, cy, size);
      if (glyphs && state >= SUCCEEDED) marked.push(state, cx + size / 2, cy + size / 2 + 1);
    };
    if (cells) {
      if (!cells.length) return;
      for (const cell of cells) add(cell);
      endClear();
      endFill();
      // Not a "destination-out" fill of a path: headless Chromium then showed every canvas black.
      for (let i = 0; i < cleared.length; i += 3) c.clearRect(cleared[i], cleared[i + 1], cleared[i + 2], size);
    } else {
      c.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
      for (let cell = 0; cell < count; cell++) add(cell);
      endFill();
    }
    for (const [state, path] of filled) {
      c.fillStyle = colors.state[state];
      c.fill(path);
    }
    c.strokeStyle = colors.state[CANCELED];
    c.lineWidth = 1;
    c.stroke(outlined);
    if (marked.length) {
      setFont(c, `${Math.floor(size * 0.62)}px system-ui, sans-serif`);
      c.textAlign = "center";
      c.textBaseline = "middle";
      for (let i = 0; i < marked.length; i += 3) {
        c.fillStyle = marked[i] === CANCELED ? colors.state[CANCELED] : colors.onState;
        c.fillText(GLYPHS[marked[i]], marked[i + 1], marked[i + 2]);
      }
    }
  }
}
