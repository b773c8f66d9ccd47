// What the timeline and the grid share: a canvas fitted to its box, and the
// colours they paint with, read from the stylesheet's custom properties.
import { STATE_NAMES } from "./run-state.js";

/**
 * Every canvas is drawn on by the CPU. Left to choose, headless Chromium
 * moved some to the GPU process, and then showed them black (their pixels
 * were right).
 */
export const CANVAS = { willReadFrequently: true };

/**
 * Sizes the canvas to its box and the screen's pixel ratio, and clears it;
 * returns the context, the CSS size and the ratio. The width is the one the
 * stage's ResizeObserver last saw, or the stage read before the frame's
 * draws (`knownWidth`), else 600, and the height the one given: then this
 * reads no layout. (It read the width when it was not known: thirty
 * elements out of view, which content-visibility leaves unlaid and so the
 * observer unseen, were each laid out once a second, 300 ms of 5 s with
 * the CPU four times slower.)
 */
export function fit(canvas, cssHeight) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = knownWidth(canvas);
  if (cssHeight !== undefined && canvas.style.height !== `${cssHeight}px`) canvas.style.height = `${cssHeight}px`;
  const height = cssHeight ?? (canvas.clientHeight || 200);
  const context = canvas.getContext("2d", CANVAS);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    // A new size resets the context, its font with it.
    fonts.delete(context);
  }
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height, ratio };
}

/** The font last set on each context of a canvas in the page. */
const fonts = new WeakMap();

/**
 * Sets `context`'s font, unless it is set already. Setting a font on a
 * canvas in the page makes the browser bring the canvas's style up to date
 * (it may be in em): after another element's draw wrote to the page, or out
 * of view, where content-visibility left it, that is a style recalculation
 * each time, and with thirty elements most of a frame.
 */
export function setFont(context, font) {
  if (fonts.get(context) === font) return;
  context.font = font;
  fonts.set(context, font);
}

/** The canvas's width as last seen (`fit`), without reading the layout: 600 until it is seen. */
export const knownWidth = (canvas) => canvas.knownWidth || 600;

/**
 * The colours, from the custom properties on `stage`: one per state code,
 * each `--dd-` and the state's name, and the rest of the palette. Before the stylesheet
 * has loaded there are none: `complete` says whether they are all in.
 *
 * A property holds a light-dark() pair, which getPropertyValue gives as it
 * is written; the colour it stands for in the element's colour scheme is
 * read as the computed `color` of a probe (a hidden element in `stage`).
 */
export function readColors(stage) {
  const loaded = getComputedStyle(stage).getPropertyValue("--dd-queued").trim() !== "";
  let probe = stage.querySelector(":scope > .colour-probe");
  if (!probe) {
    probe = document.createElement("span");
    probe.className = "colour-probe";
    probe.hidden = true;
    stage.append(probe);
  }
  const style = getComputedStyle(probe);
  const get = (name) => {
    probe.style.color = `var(${name})`;
    return style.color;
  };
  const state = STATE_NAMES.map((name) => get(`--dd-${name}`));
  return {
    state,
    aborted: get("--dd-aborted"),
    onState: get("--dd-on-state"),
    lane: get("--dd-lane"),
    grid: get("--dd-grid"),
    muted: get("--dd-muted"),
    now: get("--dd-now"),
    background: get("--dd-panel"),
    complete: loaded,
  };
}

const hatches = new Map();

/** Diagonal stripes, for aborted jobs, made once per colour. */
export function hatchPattern(context, color) {
  const cached = hatches.get(color);
  if (cached) return cached;
  const tile = new OffscreenCanvas(6, 6);
  const t = tile.getContext("2d", CANVAS);
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
