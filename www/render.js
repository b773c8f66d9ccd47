// Draws a run on two canvases: the timeline, one lane per worker on a shared
// time axis, and the grid, one cell per job. Both redraw whole from RunState,
// at most once per animation frame, which stays cheap at 10,000 jobs.
import { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED, ABORTED, GLYPHS } from "./run-state.js";

/** Sizes the canvas to its box and the screen's pixel ratio; returns the context and CSS size. */
export function fit(canvas, cssHeight) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth || 600;
  if (cssHeight !== undefined) canvas.style.height = `${cssHeight}px`;
  const height = canvas.clientHeight || cssHeight || 200;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height };
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
 * marked by state; the moment of the first failure; and "now".
 */
export function drawTimeline(canvas, run, colors, nowMs) {
  const { context: c, width, height } = fit(canvas, timelineHeight(run.workers));
  const span = Math.max(run.report ? run.report.elapsedMs * 1.03 : nowMs * 1.15, 100);
  const plot = width - GUTTER - 8;
  const x = (ms) => GUTTER + (ms / span) * plot;
  const laneHeight = (height - AXIS) / run.workers;
  const bar = Math.max(1, laneHeight - (laneHeight > 6 ? 3 : 0));

  // Lanes and their labels.
  c.font = "11px system-ui, sans-serif";
  c.textBaseline = "middle";
  for (let w = 0; w < run.workers; w++) {
    if (laneHeight >= 8 && w % 2 === 1) {
      c.fillStyle = colors.lane;
      c.fillRect(GUTTER, w * laneHeight, plot, laneHeight);
    }
    if (laneHeight >= 12) {
      c.fillStyle = colors.muted;
      c.fillText(`W${w}`, 4, (w + 0.5) * laneHeight);
    }
  }

  // Time axis.
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

  // Jobs.
  const hatch = hatchPattern(c, colors.aborted);
  for (let job = 0; job < run.jobs; job++) {
    const state = run.state[job];
    const worker = run.worker[job];
    if (worker < 0 || state < RUNNING) continue;
    const x0 = x(run.start[job]);
    const x1 = state === RUNNING ? x(nowMs) : x(run.end[job]);
    const y = worker * laneHeight + (laneHeight - bar) / 2;
    // A gap of a pixel between one job and the next in a lane, where there is room.
    const gap = x1 - x0 > 4 ? 1 : 0;
    const w = Math.max(x1 - x0 - gap, state === FAILED ? 3 : 1);
    c.fillStyle = state === ABORTED ? hatch : colors.state[state];
    c.fillRect(x0 + gap, y, w, bar);
    if (w >= 14 && bar >= 12 && state !== RUNNING) {
      c.fillStyle = colors.onState;
      c.fillText(GLYPHS[state], x0 + 3, y + bar / 2 + 1);
    }
  }

  // The first failure, and the cancellation it caused.
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
    const textWidth = c.measureText(text).width;
    const tx = px + 6 + textWidth > width ? px - 6 - textWidth : px + 6;
    c.fillStyle = colors.background;
    c.fillRect(tx - 3, 2, textWidth + 6, 16);
    c.fillStyle = colors.state[FAILED];
    c.fillText(text, tx, 10);
  }

  // Now.
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

function hatchPattern(context, color) {
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
  return context.createPattern(tile, "repeat");
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
 * state. When the run is cancelled, the change spreads out from the job that
 * caused it over `spreadMs`, so that the eye can follow it.
 */
export function drawGrid(canvas, run, colors, { wallNow, spreadMs }) {
  const width = canvas.clientWidth || 600;
  const layout = gridLayout(run.jobs, width);
  const { context: c } = fit(canvas, layout.height);
  const { size, columns, perCell } = layout;
  const gap = size >= 6 ? 1 : 0;
  const origin = run.cancelOrigin;
  const spread = run.cancelWall === null || !spreadMs ? 1 : (wallNow - run.cancelWall) / spreadMs;
  const farthest = Math.max(origin, run.jobs - origin, 1);
  c.font = `${Math.floor(size * 0.62)}px system-ui, sans-serif`;
  c.textAlign = "center";
  c.textBaseline = "middle";
  for (let cell = 0; cell < layout.cells; cell++) {
    const job = cell * perCell;
    let state = run.state[job];
    if ((state === CANCELED || state === ABORTED) && Math.abs(job - origin) / farthest > spread) {
      state = state === CANCELED ? QUEUED : RUNNING;
    }
    const cx = (cell % columns) * size;
    const cy = Math.floor(cell / columns) * size;
    c.fillStyle = colors.state[state];
    if (state === CANCELED) {
      c.strokeStyle = colors.state[CANCELED];
      c.lineWidth = 1;
      c.strokeRect(cx + gap + 0.5, cy + gap + 0.5, size - 2 * gap - 1, size - 2 * gap - 1);
    } else {
      c.fillRect(cx + gap, cy + gap, size - 2 * gap, size - 2 * gap);
    }
    if (size >= 14 && state >= SUCCEEDED) {
      c.fillStyle = state === CANCELED ? colors.state[CANCELED] : colors.onState;
      c.fillText(GLYPHS[state], cx + size / 2, cy + size / 2 + 1);
    }
  }
  return layout;
}
