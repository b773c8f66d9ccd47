// www/settings.js under node's own test runner: the settings read from
// strings, written back as a query string, and named in error messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SETTINGS, FLAGS, DEFAULTS, DRAWN, readSettings, toSearch, describeError } from "../../www/settings.js";
import { OPTIONS } from "../../www/spec.js";

const options = (pairs) => readSettings(pairs).options;

test("the settings are the module's table: each attributed option, its default and what waits override", () => {
  assert.deepEqual(SETTINGS.map(({ option }) => option), OPTIONS.map(({ name }) => name));
  assert.deepEqual(DEFAULTS, { workers: 10, queueLength: 100, jobs: 100, maxWaitMs: 1000, thresholdMs: 990, cancelInFlight: true, failFast: true, speed: 1 });
  assert.deepEqual(DRAWN, ["jobs", "maxWaitMs", "seed"]);
});

test("every setting has a kebab-case name, an option and a kind, and every default is a setting's", () => {
  for (const { name, option, kind } of SETTINGS) {
    assert.match(name, /^[a-z]+(-[a-z]+)*$/);
    assert.equal(name.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), option);
    assert.ok(["integer", "number", "boolean", "list"].includes(kind), name);
  }
  const optionNames = SETTINGS.map((setting) => setting.option);
  for (const option of Object.keys(DEFAULTS)) assert.ok(optionNames.includes(option), option);
  assert.deepEqual(FLAGS, ["autorun"]);
});

test("integers are read as numbers, and anything else is kept as given for the message", () => {
  assert.deepEqual(options([["workers", "4"], ["queue-length", " 7 "], ["jobs", "1e3"], ["seed", "-2"], ["max-wait-ms", ".5"]]),
    { workers: 4, queueLength: 7, jobs: 1000, seed: -2, maxWaitMs: 0.5 });
  assert.deepEqual(options([["workers", "2.5"]]), { workers: 2.5 });
  assert.deepEqual(options([["workers", "four"], ["jobs", ""], ["seed", "Infinity"]]), { workers: "four", jobs: "", seed: "Infinity" });
});

test("booleans are true or false, and anything else is kept as given", () => {
  assert.deepEqual(options([["cancel-in-flight", "true"], ["fail-fast", "false"]]), { cancelInFlight: true, failFast: false });
  assert.deepEqual(options([["fail-fast", "yes"]]), { failFast: "yes" });
  assert.deepEqual(options([["fail-fast", ""]]), { failFast: "" });
});

test("a list is comma-separated, each item read as an integer is", () => {
  assert.deepEqual(options([["waits", "1,2,3"]]), { waits: [1, 2, 3] });
  assert.deepEqual(options([["waits", ""]]), { waits: [] });
  assert.deepEqual(options([["waits", "  "]]), { waits: [] });
  assert.deepEqual(options([["waits", "1,,x"]]), { waits: [1, "", "x"] });
});

test("each option remembers the name it was given under, and the last of a name wins", () => {
  const { options: read, given } = readSettings([["workers", "2"], ["fail-fast", "true"], ["workers", "3"]]);
  assert.deepEqual(read, { workers: 3, failFast: true });
  assert.deepEqual([...given], [["workers", "workers"], ["failFast", "fail-fast"]]);
});

test("autorun is a flag: present, it is on unless it says false", () => {
  assert.equal(readSettings([]).autorun, false);
  assert.equal(readSettings([["autorun", ""]]).autorun, true);
  assert.equal(readSettings([["autorun", "true"]]).autorun, true);
  assert.equal(readSettings([["autorun", "false"]]).autorun, false);
  assert.deepEqual(readSettings([["autorun", ""]]).options, {});
});

test("a name that is no setting is not read, and the first one is kept for checkOptions to name", () => {
  const near = readSettings([["queue-lenght", "3"], ["workers", "2"], ["nonsense", "1"]]);
  assert.deepEqual(near.options, { workers: 2 });
  assert.equal(near.unknown, "queue-lenght");
  assert.equal(readSettings([["<b>", "1"]]).unknown, "<b>");
  assert.equal(readSettings([]).unknown, null);
});

test("toSearch writes every setting that is set, in the table's order, with its commas", () => {
  assert.equal(toSearch({}), "");
  assert.equal(toSearch({ failFast: false, seed: 7, workers: 4, queueLength: null, jobs: undefined }), "?workers=4&seed=7&fail-fast=false");
  assert.equal(toSearch({ workers: 2, waits: Uint32Array.from([5, 0, 996]), jobs: 3, maxWaitMs: 10, seed: 1 }), "?workers=2&waits=5,0,996");
  assert.equal(toSearch({ workers: 2 }, { autorun: true }), "?workers=2&autorun");
  assert.equal(toSearch({}, { autorun: true }), "?autorun");
});

test("settings written by toSearch read back the same", () => {
  const written = { workers: 4, queueLength: 7, jobs: 50, maxWaitMs: 300, thresholdMs: 250, seed: 7, cancelInFlight: false, failFast: true };
  const read = readSettings(new URLSearchParams(toSearch(written, { autorun: true })));
  assert.deepEqual(read.options, written);
  assert.equal(read.autorun, true);
  assert.deepEqual(options(new URLSearchParams(toSearch({ waits: [1, 2, 3] }))), { waits: [1, 2, 3] });
});

test("describeError names the setting as it was given, with the item of a list", () => {
  const error = (option, expected, got) => Object.assign(new RangeError("from the module"), { option, expected, got });
  assert.equal(describeError(error("queueLength", "an integer from 0 to 1000000", "-1")), "queue-length must be an integer from 0 to 1000000, got -1");
  assert.equal(describeError(error("waits[1]", "an integer from 0 to 600000", '"x" (a string)')), 'waits[1] must be an integer from 0 to 600000, got "x" (a string)');
  assert.equal(describeError(error("failFast", "true or false", '"yes" (a string)'), new Map([["failFast", "fail_fast"]])), 'fail_fast must be true or false, got "yes" (a string)');
  assert.equal(describeError(error("signal", "an AbortSignal", "an object")), "signal must be an AbortSignal, got an object");
});

test("describeError leaves the module's own message to errors that name no option", () => {
  assert.equal(describeError(new TypeError("options must be an object")), "options must be an object");
});

test("describeError gives the module's suggestion for an unknown name by its attribute, or lists the settings", () => {
  const unknown = (option, suggestion) => Object.assign(new TypeError("from the module"), { option, suggestion });
  assert.equal(describeError(unknown("queue-lenght", "queueLength")), 'unknown setting "queue-lenght"; did you mean "queue-length"?');
  assert.equal(describeError(unknown("Workers", "workers")), 'unknown setting "Workers"; did you mean "workers"?');
  assert.equal(describeError(unknown("nonsense", null)),
    'unknown setting "nonsense"; the settings are workers, queue-length, jobs, max-wait-ms, threshold-ms, seed, waits, cancel-in-flight, fail-fast, speed, autorun');
});
