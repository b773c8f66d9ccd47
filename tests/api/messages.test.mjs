// The words of a refused option, where they are written (src/web/tasks.js's
// optionError, from the parts Rust's check gives): for run's options in JS
// (checkOptions), and for settings given as text or in the form
// (checkSettings). tests/checks.rs checks the parts for the same cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./harness.mjs";

const { checkOptions, checkSettings } = await import(new URL("../../pkg/api/dispatcher_demo_api.js", import.meta.url).href);

const message = (options) => checkOptions(options)?.message;
/** The message for settings given from `source`, each `[name, value, text]`. */
const settingsMessage = (source, ...settings) => checkSettings(settings.map(([name, value, text]) => ({ name, value, text, source })))?.message;

test("messages name the option, the range and the value", () => {
  assert.equal(message({ jobs: 1.5 }), "jobs must be an integer from 0 to 1000000, got 1.5");
  assert.equal(message({ maxWaitMs: NaN }), "maxWaitMs must be an integer from 1 to 600000, got NaN");
  assert.equal(message({ thresholdMs: Infinity }), "thresholdMs must be an integer from 0 to 600000, got Infinity");
  assert.equal(message({ queueLength: "10" }), 'queueLength must be an integer from 0 to 1000000, got "10" (a string)');
  assert.equal(message({ waits: [3, -1] }), "waits[1] must be an integer from 0 to 600000, got -1");
  assert.equal(message({ waits: "1,2" }), 'waits must be an array of integers from 0 to 600000, got "1,2" (a string)');
  assert.equal(message({ seed: 2 ** 60 }), "seed must be an integer from 0 to 9007199254740991, got 1152921504606847000");
  assert.equal(message({ signal: true }), "signal must be an AbortSignal, got true");
  assert.equal(message({ speed: NaN }), "speed must be a number from 0.1 to 4, got NaN");
  assert.equal(message({ speed: "1" }), 'speed must be a number from 0.1 to 4, got "1" (a string)');
  assert.equal(message({ jobs: 5, waits: [1, 2, 3] }), "jobs is 5, but 3 waits are given, which set the number of jobs: leave jobs out");
  assert.equal(message({ waits: new Uint8Array(1_000_001) }), "waits must be an array of at most 1000000 waits, got 1000001 waits");
  // Text is quoted as JSON.stringify writes it.
  assert.equal(message({ workers: '<img src=x>"' }), 'workers must be an integer from 1 to 10000, got "<img src=x>\\"" (a string)');
});

test("the error carries the parts of its message", () => {
  const error = checkOptions({ waits: [1, "x"] });
  assert.deepEqual({ ...error }, { option: "waits[1]", expected: "an integer from 0 to 600000", got: '"x" (a string)' });
  assert.deepEqual({ ...checkOptions({ worker: 1 }) }, { option: "worker", suggestion: "workers" });
  assert.deepEqual({ ...checkOptions({ colour: 1 }) }, { option: "colour", suggestion: null });
  assert.deepEqual({ ...checkOptions({ jobs: 2, waits: [1] }) }, { option: "jobs" });
});

test("unknown options suggest the nearest known one, or list them", () => {
  assert.equal(message({ worker: 1 }), 'unknown option "worker"; did you mean "workers"?');
  assert.equal(
    message({ colour: true }),
    'unknown option "colour"; the options are workers, queueLength, jobs, maxWaitMs, thresholdMs, seed, waits, cancelInFlight, failFast, speed, signal, pause',
  );
  assert.equal(message({ onProgress: () => {} }).split(";")[0], 'unknown option "onProgress"');
  // Within two edits, letters in any case and without "-" or "_": the first such in the table's order.
  const suggestion = (name) => checkOptions({ [name]: 1 }).suggestion;
  assert.deepEqual(
    ["queue_length", "max-wait-ms", "CancelInFlight", "queuelenght", "wrkrs", "spede", "thresold-ms", "thresold", "colour"].map(suggestion),
    ["queueLength", "maxWaitMs", "cancelInFlight", "queueLength", "workers", "seed", "thresholdMs", null, null],
  );
});

test("settings given as text are named by attribute and shown as written", () => {
  assert.equal(settingsMessage("text", ["queue-length", 2.5, "2.5"]), "queue-length must be an integer from 0 to 1000000, got 2.5");
  assert.equal(settingsMessage("text", ["max-wait-ms", "", ""]), "max-wait-ms must be an integer from 1 to 600000, got nothing");
  // 2^64 is no double: it is shown as it was written.
  assert.equal(settingsMessage("text", ["seed", 2 ** 64, " 18446744073709551616 "]), "seed must be an integer from 0 to 9007199254740991, got 18446744073709551616");
  assert.equal(settingsMessage("text", ["waits", [1, "", 2], "1,,2"]), "waits[1] must be an integer from 0 to 600000, got nothing");
  assert.equal(settingsMessage("text", ["workers", 2, "2"], ["workers", 3, "3"]), 'workers is given twice ("2" and "3"): give it once');
  assert.equal(settingsMessage("text", ["jobs", 50, "50"], ["waits", [1, 2, 3], "1,2,3"]), "jobs is 50, but 3 waits are given, which set the number of jobs: leave jobs out");
  assert.equal(settingsMessage("text", ["queue-lenght", 3, "3"]), 'unknown setting "queue-lenght"; did you mean "queue-length"?');
  assert.equal(settingsMessage("text", ["Workers", 3, "3"]), 'unknown setting "Workers"; did you mean "workers"?');
  assert.equal(
    settingsMessage("text", ["nonsense", 3, "3"]),
    'unknown setting "nonsense"; the settings are workers, queue-length, jobs, max-wait-ms, threshold-ms, seed, waits, cancel-in-flight, fail-fast, speed, autorun',
  );
  assert.ok(settingsMessage("text", ["signal", 3, "3"]).startsWith('unknown setting "signal"'));
});

test("settings in the form are named by their labels, a list by its attribute", () => {
  assert.equal(settingsMessage("form", ["max-wait-ms", "", ""]), "Max wait (ms) must be an integer from 1 to 600000, got nothing");
  assert.equal(settingsMessage("form", ["waits", [1, "x"], "1, x"]), 'waits[1] must be an integer from 0 to 600000, got "x" (a string)');
});
