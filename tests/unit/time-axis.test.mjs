// www/time-axis.js under node's own test runner: the one rule for the span
// of every timeline's time axis (the run's, Go's way beside it, a moment).
import { test } from "node:test";
import assert from "node:assert/strict";
import { axisSpan } from "../../www/time-axis.js";

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
