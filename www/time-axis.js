// The time axis's span, shared by every timeline (the run's, Go's way in
// compare mode, a moment of a recorded run): one rule for all of them.

/**
 * The span of a time axis in ms: for a run that has settled at `endMs`, its
 * whole length and a little more; while it goes, at `nowMs`, `span` as it
 * is until now nears its end, and then 1.6 times now (at least a second),
 * so that the scale changes in steps and the jobs are rarely repainted.
 */
export function axisSpan(span, nowMs, endMs = null) {
  if (endMs !== null) return Math.max(endMs * 1.03, 100);
  return !span || nowMs * 1.05 > span ? Math.max(1000, nowMs * 1.6) : span;
}
