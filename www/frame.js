// One animation frame for every <dispatcher-demo> on the page: each asks for
// a draw, and one requestAnimationFrame callback draws them all, in the order
// they asked. A frame that has spent FRAME_BUDGET_MS leaves the rest to the
// next frame, first in line: thirty elements running at once then make thirty
// short draws spread over frames, not one long task.
//
// A draw may come with a `read`: every read of a frame runs before any of its
// draws, so that what they read of the layout (sizes, scroll positions) is
// read once, before anything writes: one element's writes would otherwise
// make the next element's reads lay the page out again.

/** The time a frame's draws may take before the rest wait for the next frame. */
export const FRAME_BUDGET_MS = 8;

/** The draws asked for, in order; a draw is in it at most once. */
let queue = new Set();
/** Each draw's read, if it has one. */
const reads = new WeakMap();
let frame = 0;

/**
 * Calls `draw()` in a coming animation frame, shared with every other draw
 * asked for; once however often asked. `read()`, if given, is called in the
 * same frame before any draw.
 */
export function requestFrame(draw, read) {
  queue.add(draw);
  if (read) reads.set(draw, read);
  frame ||= requestAnimationFrame(run);
}

/** Forgets `draw`, if it was asked for. */
export function cancelFrame(draw) {
  queue.delete(draw);
}

function run() {
  frame = 0;
  const draws = queue;
  queue = new Set();
  for (const draw of draws) reads.get(draw)?.();
  const deadline = performance.now() + FRAME_BUDGET_MS;
  let left = null;
  for (const draw of draws) {
    if (left) {
      left.add(draw);
      continue;
    }
    draw();
    if (performance.now() > deadline) left = new Set();
  }
  if (!left?.size) return;
  // Those left go first next frame, before any asked for since.
  for (const draw of queue) left.add(draw);
  queue = left;
  frame ||= requestAnimationFrame(run);
}
