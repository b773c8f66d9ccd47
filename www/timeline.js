// The timeline: one lane per worker on a shared time axis, drawn from
// RunState at most once per animation frame, and only what changed: a run may
// have a million jobs, and a frame has a few milliseconds.
import { RUNNING, FAILED, ABORTED, GLYPHS } from "./run-state.js";
import { paintLateWork } from "./late-work.js";
import { CANVAS, fit, setFont, hatchPattern } from "./canvas.js";
import { axisSpan, axisLabels } from "./time-axis.js";

export function timelineHeight(workers) {
  return Math.min(360, Math.max(120, workers * 22 + 34));
}

export const AXIS = 22;
export const GUTTER = 34;

/** Where a timeline `width` × `height` px over `span` ms puts its `workers` lanes: the plot's width, a lane's height, and a time's `x`. */
export function laneGeometry({ width, height, span, workers = 1 }) {
  const plot = width - GUTTER - 8;
  return { plot, lane: (height - AXIS) / workers, x: (ms) => GUTTER + (ms / span) * plot };
}

/** Where job `job`'s bar ends: at its end, or while it runs at the run's latest moment (or the one stepped to). */
export const barEnd = (run, job) => (run.state[job] === RUNNING ? (run.frozenAtMs ?? run.lastMs) : run.end[job]);

/** The longest a frame spends repainting the timeline's finished jobs; the rest waits for the next frames. */
const REPAINT_MS = 4;

/**
 * The timeline: a block per started job in its worker's lane, coloured and
 * marked by state; the moment of the first failure; and "now". Lanes and axis
 * are one layer, finished jobs another, each painted once; each frame copies
 * them and adds the running jobs. The jobs' layer is repainted whole when the
 * time scale, the size or the colours change, a few milliseconds a frame,
 * with the last whole layer, stretched to the new scale, standing in meanwhile.
 */
export class Timeline {
  #canvas;
  #key = "";
  #span = 0;
  #run = null;
  #background = null;
  #jobs = null;
  /** The span #jobs is painted at. */
  #jobsSpan = 0;
  /** Jobs with a lower id have been repainted into #jobs since it was cleared. */
  #repainted = 0;
  /** The last whole layer of jobs, and its span, shown while #jobs is repainted. */
  #previous = null;
  /** The layer of jobs before #jobs, to be cleared and used again. */
  #spare = null;
  /** The axis's labels and the failure's (time-axis.js's axisLabels), as last laid out, and for what. */
  #axis = null;
  #axisKey = "";

  constructor(canvas) {
    this.#canvas = canvas;
  }

  /** The time span drawn last, in ms, and the run drawn: for tooltips. */
  get drawn() {
    return { span: this.#span, run: this.#run, axis: this.#axis };
  }

  /** Draws `run` at `nowMs`. Returns whether the jobs' layer is still being repainted: then draw again next frame. */
  draw(run, colors, nowMs) {
    const canvas = this.#canvas;
    const { context: c, width, height, ratio } = fit(canvas, timelineHeight(run.workers));
    // A span shared with another timeline, or the run's own, which grows in steps while it goes.
    const span = (this.#span = run.spanMs ?? axisSpan(run === this.#run ? this.#span : 0, nowMs, run.report?.elapsedMs ?? null));
    const geometry = { width, height, span, ...laneGeometry({ width, height, span, workers: run.workers }) };
    geometry.bar = Math.max(1, geometry.lane - (geometry.lane > 6 ? 3 : 0));

    const look = `${canvas.width}|${canvas.height}|${colors.state.join()}`;
    const key = `${look}|${span}|${run.report !== null}|${run.frozenAtMs}`;
    // The failure's label is laid out with the ticks' (it leaves out those it
    // would cover): when it comes, the background is painted again, not the jobs.
    const mark = markOf(run);
    const axisKey = `${key}|${mark?.ms}|${mark?.text}`;
    const ended = run.takeEnded();
    const repaint = key !== this.#key || run !== this.#run;
    if (repaint) {
      const rescaled = run === this.#run && this.#key.startsWith(`${look}|`);
      if (!rescaled) this.#previous = null;
      else if (this.#repainted >= run.jobs) this.#previous = { layer: this.#jobs, span: this.#jobsSpan };
      this.#key = key;
      this.#run = run;
      const spare = this.#spare;
      this.#spare = this.#jobs;
      // Three layers, made once for a size: the background, the jobs, and the previous jobs.
      this.#jobs = layer(spare === this.#previous?.layer ? null : spare, canvas, ratio);
      this.#jobsSpan = span;
      this.#repainted = 0;
    }
    if (repaint || axisKey !== this.#axisKey) {
      this.#axisKey = axisKey;
      this.#background = layer(this.#background, canvas, ratio);
      this.#axis = layoutAxis(this.#background.getContext("2d", CANVAS), mark, geometry);
      paintBackground(this.#background.getContext("2d", CANVAS), run, colors, geometry, this.#axis);
    }

    const jobs = new JobPainter(this.#jobs.getContext("2d", CANVAS), run, colors, geometry, nowMs);
    // Jobs that ended behind the repaint; it will come to the others.
    for (const job of ended) if (job < this.#repainted) jobs.paint(job);
    const deadline = performance.now() + REPAINT_MS;
    while (this.#repainted < run.jobs && performance.now() < deadline) {
      const to = Math.min(run.jobs, this.#repainted + 2048);
      for (let job = this.#repainted; job < to; job++) if (run.state[job] > RUNNING) jobs.paint(job);
      this.#repainted = to;
    }
    jobs.flush();
    const repainting = this.#repainted < run.jobs;

    c.setTransform(1, 0, 0, 1, 0, 0);
    c.drawImage(this.#background, 0, 0);
    if (repainting && this.#previous) {
      const { layer: previous, span: previousSpan } = this.#previous;
      const left = GUTTER * ratio;
      const plot = geometry.plot * ratio;
      c.drawImage(previous, left, 0, plot, canvas.height, left, 0, (plot * previousSpan) / span, canvas.height);
    }
    c.drawImage(this.#jobs, 0, 0);
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (!run.report) {
      const running = new JobPainter(c, run, colors, geometry, nowMs);
      for (const job of run.current) if (job >= 0) running.paint(job);
      running.flush();
    }
    paintMarks(c, run, colors, geometry, nowMs, this.#axis.mark);
    return repainting;
  }
}

/** A transparent layer the size of `canvas`, drawn on in CSS pixels: `reused` cleared, if it has that size. */
function layer(reused, canvas, ratio) {
  const offscreen = reused?.width === canvas.width && reused.height === canvas.height ? reused : new OffscreenCanvas(canvas.width, canvas.height);
  const c = offscreen.getContext("2d", CANVAS);
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.clearRect(0, 0, offscreen.width, offscreen.height);
  c.setTransform(ratio, 0, 0, ratio, 0, 0);
  return offscreen;
}

function paintBackground(c, run, colors, { height, plot, lane }, axis) {
  setFont(c, TICK_FONT);
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
  c.strokeStyle = colors.grid;
  c.fillStyle = colors.muted;
  c.textAlign = "center";
  c.lineWidth = 1;
  for (const { x: px, text, from, to } of axis.ticks) {
    c.beginPath();
    c.moveTo(px, 0);
    c.lineTo(px, height - AXIS + 4);
    c.stroke();
    if (text) c.fillText(text, (from + to) / 2, height - AXIS / 2 + 2);
  }
  c.textAlign = "left";
}

const lanes = { state: new Int8Array(0), left: new Float64Array(0), right: new Float64Array(0) };

/**
 * Paints jobs' blocks. A block that would overlap the one held back in its
 * row, in the same state, to within half a pixel, is merged into it: a
 * million short jobs make a few thousand rectangles, which is all the eye
 * sees of them anyway. A row is a lane, or, where lanes are thinner than a
 * pixel, a row of pixels with the lanes in it: 10,000 running jobs are then
 * a few hundred rectangles a frame, not 10,000. `flush` paints the blocks
 * still held back.
 */
class JobPainter {
  #c;
  #run;
  #colors;
  #geometry;
  /** x = #origin + ms × #scale, as geometry.x has it, without a call per job. */
  #origin;
  #scale;
  #nowX;
  #style = null;
  #rowScale;
  /** Per row, the block held back: its state (-1 for none), left and right edges. */
  #state;
  #left;
  #right;
  /** The rows with a block held back. */
  #held = [];

  constructor(c, run, colors, geometry, nowMs) {
    this.#c = c;
    this.#run = run;
    this.#colors = colors;
    this.#geometry = geometry;
    this.#origin = geometry.x(0);
    this.#scale = geometry.x(1) - this.#origin;
    this.#nowX = geometry.x(nowMs);
    // Rows of lanes: worker × #rowScale, rounded down.
    this.#rowScale = Math.min(1, geometry.lane);
    const rows = Math.ceil(run.workers * this.#rowScale) + 1;
    if (lanes.state.length < rows) {
      lanes.state = new Int8Array(rows).fill(-1);
      lanes.left = new Float64Array(rows);
      lanes.right = new Float64Array(rows);
    }
    // Shared by every painter: each flushes (and so empties) them before the next paints.
    this.#state = lanes.state;
    this.#left = lanes.left;
    this.#right = lanes.right;
  }

  paint(job) {
    const run = this.#run;
    const state = run.state[job];
    if (state < RUNNING) return;
    const worker = run.worker[job];
    if (worker < 0) return;
    const row = this.#rowScale === 1 ? worker : Math.floor(worker * this.#rowScale);
    const x0 = this.#origin + run.start[job] * this.#scale;
    const x1 = state === RUNNING ? this.#nowX : this.#origin + run.end[job] * this.#scale;
    // A gap of a pixel between one job and the next in a lane, where there is room.
    const gap = x1 - x0 > 4 ? 1 : 0;
    const w = Math.max(x1 - x0 - gap, state === FAILED ? 3 : 1);
    const left = x0 + gap;
    const bar = this.#geometry.bar;
    const glyph = w >= 14 && bar >= 12 && state !== RUNNING;
    const held = this.#state[row];
    if (!glyph && held === state && left <= this.#right[row] - 0.5 && left + w >= this.#left[row] + 0.5) {
      this.#left[row] = Math.min(this.#left[row], left);
      this.#right[row] = Math.max(this.#right[row], left + w);
      return;
    }
    if (held >= 0) this.#paintHeld(row);
    if (glyph) {
      this.#rect(row, state, left, left + w);
      const c = this.#c;
      setFont(c, "11px system-ui, sans-serif");
      c.textBaseline = "middle";
      // On the hatching of an aborted job, white would not show: the text colour does.
      this.#fill(state === ABORTED ? this.#colors.now : this.#colors.onState);
      c.fillText(GLYPHS[state], x0 + 3, this.#top(row) + bar / 2 + 1);
      return;
    }
    if (held < 0) this.#held.push(row);
    this.#state[row] = state;
    this.#left[row] = left;
    this.#right[row] = left + w;
  }

  flush() {
    for (const row of this.#held) if (this.#state[row] >= 0) this.#paintHeld(row);
    this.#held.length = 0;
  }

  #paintHeld(row) {
    this.#rect(row, this.#state[row], this.#left[row], this.#right[row]);
    this.#state[row] = -1;
  }

  /** The top of a row's bar: a lane's, or a row of pixels. */
  #top(row) {
    const { lane, bar } = this.#geometry;
    return this.#rowScale === 1 ? row * lane + (lane - bar) / 2 : row;
  }

  #rect(row, state, left, right) {
    const colors = this.#colors;
    this.#fill(state === ABORTED ? hatchPattern(this.#c, colors.aborted) : colors.state[state]);
    this.#c.fillRect(left, this.#top(row), right - left, this.#geometry.bar);
  }

  #fill(style) {
    if (style !== this.#style) this.#c.fillStyle = this.#style = style;
  }
}

/** The first failure (or the stop) and the cancellation it caused, its label laid out with the axis's, and the work done after it; and "now". */
function paintMarks(c, run, colors, { height, x, lane, bar }, nowMs, label) {
  const failure = run.failure;
  const cancelAt = markOf(run)?.ms ?? null;
  if (cancelAt !== null && run.cancelAtMs !== null) paintLateWork(c, run, colors, { x, lane, bar }, cancelAt, nowMs);
  if (cancelAt !== null) {
    const px = Math.round(x(cancelAt)) + 0.5;
    c.strokeStyle = colors.state[FAILED];
    c.lineWidth = 2;
    c.setLineDash([4, 3]);
    c.beginPath();
    c.moveTo(px, 0);
    c.lineTo(px, height - AXIS);
    c.stroke();
    c.setLineDash([]);
    setFont(c, MARK_FONT);
    c.textBaseline = "middle";
    // On the axis's row, where it covers no job's bar; the ticks' labels it would cover are left out (axisLabels).
    const ty = height - AXIS / 2;
    // The failed job fails as it starts: its bar has no length, so it is marked at any zoom.
    if (failure && run.worker[failure.job] >= 0) {
      c.fillStyle = colors.state[FAILED];
      c.fillRect(px - 2.5, run.worker[failure.job] * lane, 5, Math.max(1, lane - (lane > 6 ? 3 : 0)));
    }
    c.fillStyle = colors.background;
    c.fillRect(label.from - 3, ty - 8, label.to - label.from + 6, 16);
    c.fillStyle = colors.state[FAILED];
    c.fillText(label.text, label.from, ty);
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

const TICK_FONT = "11px system-ui, sans-serif";
const MARK_FONT = "600 11px system-ui, sans-serif";

/** The failure's (or the stop's) label on the axis's row: `{ ms, text }`, or null. */
function markOf(run) {
  const ms = run.failure?.atMs ?? run.cancelAtMs;
  if (ms === null || ms === undefined) return null;
  return { ms, text: run.failure ? `✕ job #${run.failure.job} fails` : "stopped" };
}

/** The widths of the ticks' labels, by text: the same few on every timeline. */
const widths = new Map();

/** The axis's labels and the failure's, measured on `c`, in its fonts (time-axis.js lays them out). */
function layoutAxis(c, mark, { span, plot, width }) {
  const measure = (font) => (text) => {
    setFont(c, font);
    return c.measureText(text).width;
  };
  const tick = (text) => widths.get(text) ?? widths.set(text, measure(TICK_FONT)(text)).get(text);
  return axisLabels({ span, plot, left: GUTTER, width, measure: tick, measureMark: measure(MARK_FONT), mark });
}
