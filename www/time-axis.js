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

/** The tick steps an axis may take, in ms. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 60000, 120000, 300000, 600000];

/** A tick's label: in seconds on an axis of a second or more (the shorter label), else in ms. */
export const tickLabel = (ms, span) => (span >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** Between two tick labels, at least this many px; and between a tick label and the failure's. */
const LABEL_GAP = 12;
const MARK_GAP = 4;

/**
 * The labels on a time axis of `span` ms over `plot` px from `left`, in a
 * canvas `width` px wide: as many ticks as their labels leave room for (the
 * smallest step whose widest label, `measure(text)` px, and a gap fit
 * between two ticks), each `{ ms, x, text, from, to }`, `text` null where the
 * mark's label would cover it; and `mark`, `{ ms, text }` (the failure, or
 * the stop, measured by `measureMark`), laid out on the same row right of
 * its line, or left of it where the canvas ends: `{ text, from, to }`.
 */
export function axisLabels({ span, plot, left, width, measure, mark = null, measureMark = measure }) {
  const x = (ms) => left + (ms / span) * plot;
  // The widest label is taken to be the longest: one measure per step tried.
  const fits = (step) => {
    let longest = "";
    for (let t = 0; t <= span; t += step) if (tickLabel(t, span).length > longest.length) longest = tickLabel(t, span);
    return (step / span) * plot >= measure(longest) + LABEL_GAP;
  };
  const step = STEPS.find((step) => step * 50 >= span && fits(step)) ?? STEPS.at(-1);
  let markBox = null;
  if (mark) {
    const px = Math.round(x(mark.ms)) + 0.5;
    const w = measureMark(mark.text);
    const from = px + 6 + w > width ? px - 6 - w : px + 6;
    markBox = { text: mark.text, from, to: from + w };
  }
  const ticks = [];
  for (let ms = 0; ms <= span; ms += step) {
    const px = Math.round(x(ms)) + 0.5;
    const text = tickLabel(ms, span);
    const w = measure(text);
    // Centred on its tick, and kept inside the canvas at its end.
    const centre = Math.min(px, width - w / 2 - 2);
    const [from, to] = [centre - w / 2, centre + w / 2];
    const covered = markBox && from < markBox.to + MARK_GAP && to > markBox.from - MARK_GAP;
    ticks.push({ ms, x: px, text: covered ? null : text, from, to });
  }
  return { ticks, mark: markBox };
}
