// The teaching parts' logic under node: the narration from a run's
// figures, and the code panel's lines for each event.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RunState } from "../../www/run-state.js";
import { narrate } from "../../www/narration.js";
import { CODE_PANEL } from "../../www/code-panel.js";
import { explain } from "../../www/code-lines.js";
import { GO, GO_SELECT, RUST } from "../../www/code.js";
import { setup, EVENTS } from "./run-fixture.mjs";

test("the narration is built from the run's own figures", () => {
  const run = new RunState(setup);
  for (const event of EVENTS) run.apply(event);
  const report = { status: "failed", elapsedMs: 100.4, error: { jobId: 2, waitMs: 2000 }, columns: { starts: Float64Array.from([0, 0, 100, NaN]), waits: Uint32Array.from(setup.waits) } };
  run.report = report;
  assert.equal(narrate(run),
    "Job #2 failed at 100 ms (its wait, 2000 ms, is over the threshold) → the queue closed: 1 waiting job canceled → " +
    "1 running job aborted, their timers cleared → the run settled 0 ms later. The article's Go program would have waited 200 ms more, " +
    "for those jobs' time.Sleep to end; a Go job that selects on ctx.Done() stops at the cancel, as these did.");
  // Before the report, the moment is told from the events alone.
  run.report = null;
  assert.match(narrate(run), /^Job #2 failed at 100 ms .* → 1 running job aborted, their timers cleared\.$/);
});

test("the code panel's links name code.js's files: they are made before the code is imported", () => {
  for (const [name, code] of [["go-source", GO], ["select-source", GO_SELECT], ["rust-source", RUST]]) {
    assert.equal(CODE_PANEL.match(new RegExp(`class="${name}"[^>]*>([^<]+)<`))?.[1], code.file, name);
  }
});

test("each event lights the lines code.js marks, in both languages", () => {
  for (const event of EVENTS) {
    const { go, rust, text } = explain(event);
    assert.ok(text.length > 20, event.type);
    for (const mark of go) assert.ok(GO.marks[mark] > 0, `Go has no ${mark}`);
    for (const mark of rust) assert.ok(RUST.marks[mark] > 0, `Rust has no ${mark}`);
  }
  assert.deepEqual(explain(EVENTS[5]).go, ["fail", "errReturn"]);
  assert.match(explain({ type: "succeed", jobId: 1, worker: 1 }, { cancelInFlight: false, failedBefore: true }).text, /as Go's workers do/);
  assert.deepEqual(explain(null), { go: [], rust: [], text: "Nothing has happened yet." });
});

test("following a Go lane, each event lights the lines of that lane's Go program, and none of the Rust", () => {
  const abort = { type: "abort", jobId: 77, worker: 1 };
  const cancel = { type: "cancel", jobId: 79, count: 21 };
  for (const [lane, code] of [["select", GO_SELECT], ["go", GO]]) {
    for (const event of [...EVENTS, abort, cancel]) {
      const { go, rust, text } = explain(event, { lane, cancelInFlight: lane === "select" });
      assert.ok(text.length > 20, event.type);
      assert.deepEqual(rust, []);
      for (const mark of go) assert.ok(code.marks[mark] > 0, `${code.file} has no ${mark}`);
    }
  }
  // Go's select: the job stops itself; none of the queued jobs is taken, so none prints "Canceled".
  assert.deepEqual(explain(abort, { lane: "select" }).go, ["stop", "stoppedPrint", "stopReturn"]);
  assert.match(explain(abort, { lane: "select" }).text, /by its own check/);
  assert.match(explain(cancel, { lane: "select" }).text, /none prints "Canceled"/);
  assert.match(explain(cancel, { lane: "go" }).text, /a worker still takes each of them, sees ctx.Done\(\) and prints "Canceled"/);
  assert.match(explain({ type: "succeed", jobId: 1, worker: 1 }, { lane: "go", cancelInFlight: false, failedBefore: true }).text, /time.Sleep does not look at ctx/);
  // The marks are on the lines that say so.
  const line = (code, mark) => code.parts.flatMap(({ first, source }) => source.split("\n").map((text, i) => [first + i, text])).find(([n]) => n === code.marks[mark])[1];
  assert.match(line(GO_SELECT, "stop"), /case <-ctx\.Done\(\):/);
  assert.match(line(GO_SELECT, "sleep"), /case <-time\.After\(/);
  assert.match(line(GO_SELECT, "cancel"), /case <-ctx\.Done\(\):/);
  assert.ok(GO_SELECT.marks.cancel > GO_SELECT.marks.take, "the worker's select, not the job's");
  assert.match(line(GO, "take"), /for job := range jobs/);
});

