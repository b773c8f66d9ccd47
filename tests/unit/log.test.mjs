// The log's lines (src/web/report.js) under node's own test runner: the one
// place they are written in JS, for the report's log and the page's live
// view, from the words tests/tables.rs copies there from src/report.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LOG_KINDS } from "../../www/spec.js";
import { logOf } from "../../src/web/report.js";

const code = (kind) => LOG_KINDS.indexOf(kind);

/** Moments as [kind, first job, end job]. */
function log(moments, waits, errors = []) {
  return logOf(
    Uint8Array.from(moments, ([kind]) => code(kind)),
    Uint32Array.from(moments, ([, start]) => start),
    Uint32Array.from(moments, ([, , end]) => end),
    waits,
    errors,
  );
}

test("each kind of moment has the original program's line, and ours for an abort", () => {
  const lines = log([["started", 0, 1], ["started", 1, 2], ["aborted", 0, 1], ["canceled", 2, 3]], [81, 996, 5], ["cannot wait"]);
  assert.equal(lines.length, 5);
  assert.deepEqual(lines.slice(), [
    "Working on the job #0. Wait for 81 ms.",
    "Working on the job #1. Wait for 996 ms.",
    "Aborted the job #0 while it was waiting",
    "Canceled the job #2",
    "cannot wait",
  ]);
});

test("a cancel is one moment and a line per job, and slices start and end anywhere in it", () => {
  const lines = log([["started", 0, 1], ["canceled", 1, 1_000_001]], new Uint32Array(1_000_001), ["the error"]);
  assert.equal(lines.length, 1_000_002);
  assert.deepEqual(lines.slice(0, 3), ["Working on the job #0. Wait for 0 ms.", "Canceled the job #1", "Canceled the job #2"]);
  assert.deepEqual(lines.slice(-2), ["Canceled the job #1000000", "the error"]);
  assert.deepEqual(lines.slice(500_000, 500_002), ["Canceled the job #500000", "Canceled the job #500001"]);
});

test("slice takes its bounds as Array.prototype.slice does", () => {
  const lines = log([["started", 0, 3]], [1, 2, 3]);
  const all = ["Working on the job #0. Wait for 1 ms.", "Working on the job #1. Wait for 2 ms.", "Working on the job #2. Wait for 3 ms."];
  for (const [from, to] of [[undefined, undefined], [1, undefined], [-1, undefined], [0, -1], [2, 1], [-10, 10], [1.5, 2.5]]) {
    assert.deepEqual(lines.slice(from, to), all.slice(from, to), `${from}, ${to}`);
  }
  assert.deepEqual(log([], []).slice(), []);
});
