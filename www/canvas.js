// What the timeline and the grid share: a canvas fitted to its box.

/**
 * Every canvas is drawn on by the CPU. Left to choose, headless Chromium
 * moved some to the GPU process, and then showed them black (their pixels
 * were right).
 */
export const CANVAS = { willReadFrequently: true };

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
  const context = canvas.getContext("2d", CANVAS);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height, ratio };
}
