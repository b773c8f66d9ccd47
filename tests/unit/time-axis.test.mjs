// www/time-axis.js under node's own test runner: the one rule for the span
// of every timeline's time axis (the run's, Go's way beside it, a moment).
import { test } from "node:test";
import assert from "node:assert/strict";
import { axisSpan, axisLabels } from "../../www/time-axis.js";

test("a settled run's axis is its whole length and a little more, at least 100 ms", () => {
  assert.equal(axisSpan(5000, 10, 3144), 3144 * 1.03);
  assert.equal(axisSpan(0, 0, 20), 100);
  assert.equal(axisSpan(0, 0, 0), 100);
});

test("while a run goes, its axis grows in steps: kept until now nears its end, then 1.6 times now, at least a second", () => {
  assert.equal(axisSpan(0, 0), 1000);
  assert.equal(axisSpan(1000, 900), 1000);
  assert.equal(axisSpan(1000, 960), 960 * 1.6);
  assert.equal(axisSpan(2000, 1500), 2000);
  assert.equal(axisSpan(0, 5000), 8000);
});

// The axis's labels (axisLabels): as many ticks as their labels leave room
// for, and none under the failure's label. Widths as 11px system-ui has them,
// about; the page test measures them in the browser's own font.
const measure = (text) => text.length * 5.6;
const measureMark = (text) => text.length * 6.4;
const GUTTER = 34;
/** The article's run on a timeline `width` px wide: settled at 3144 ms, job #78 failing then. */
const article = (width, mark = { ms: 3144, text: "✕ job #78 fails" }) =>
  axisLabels({ span: axisSpan(0, 0, 3144), plot: width - GUTTER - 8, left: GUTTER, width, measure, measureMark, mark });
const overlap = (a, b) => a.from < b.to && b.from < a.to;

for (const [width, least] of [[332, 7], [1160, 14]]) {
  test(`at ${width} px, the axis has a tick every half second or less, its labels apart, and the failure's label covers none`, () => {
    const { ticks, mark } = article(width);
    assert.ok(ticks.length >= least, `${ticks.length} ticks`);
    assert.ok(ticks[1].ms <= 500, `a tick every ${ticks[1].ms} ms`);
    const shown = ticks.filter((tick) => tick.text);
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i].from >= shown[i - 1].to + 8, `${shown[i - 1].text} and ${shown[i].text}`);
    for (const tick of shown) assert.ok(!overlap(tick, mark), `${tick.text} under ${mark.text}`);
    assert.ok(shown.length >= 4, `${shown.length} labels shown`);
    // Right of its line, or left of it at the canvas's end; never past it.
    assert.ok(mark.from >= 0 && mark.to <= width, JSON.stringify(mark));
    // Every label within the canvas.
    for (const tick of shown) assert.ok(tick.from >= 0 && tick.to <= width, tick.text);
  });
}

test("with no failure every tick has its label, in seconds from a second on, in ms below", () => {
  const { ticks, mark } = article(332, null);
  assert.equal(mark, null);
  assert.deepEqual(ticks.map((tick) => tick.text), ["0 s", "0.5 s", "1 s", "1.5 s", "2 s", "2.5 s", "3 s"]);
  const short = axisLabels({ span: 300, plot: 290, left: GUTTER, width: 332, measure });
  assert.equal(short.ticks[1].text, `${short.ticks[1].ms} ms`);
});
