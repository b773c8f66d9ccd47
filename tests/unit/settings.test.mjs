// www/settings.js under node's own test runner: settings read from text
// (URL parameters and attributes) into values, held with where they were
// given, handed to the one check as given, and written back as a query
// string. (What is allowed is the module's, tests/checks.rs; the words of a
// refusal are tasks.js's, tests/api/messages.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { BY_NAME, BY_ATTRIBUTE, FLAGS, DEFAULTS, DRAWN, PAGE_PARAMS, Settings, readPairs, readText, writeText, flagOn, toSearch } from "../../www/settings.js";
import { OPTIONS } from "../../www/spec.js";

const values = (pairs) => Object.fromEntries(readPairs(pairs).settings.map(([option, value]) => [option, value]));

test("the settings are the module's table: each attributed option, its default and what waits override", () => {
  assert.deepEqual([...BY_NAME.keys()], OPTIONS.map(({ name }) => name));
  assert.deepEqual([...BY_ATTRIBUTE.values()], OPTIONS);
  assert.deepEqual(DEFAULTS, { workers: 10, queueLength: 100, jobs: 100, maxWaitMs: 1000, thresholdMs: 990, cancelInFlight: true, failFast: true, speed: 1 });
  assert.deepEqual(DRAWN, ["jobs", "maxWaitMs", "seed"]);
});

test("every setting has a kebab-case name, an option and a kind, and every default is a setting's", () => {
  for (const { name, attribute, kind } of OPTIONS) {
    assert.match(attribute, /^[a-z]+(-[a-z]+)*$/);
    assert.equal(attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), name);
    assert.ok(["integer", "number", "boolean", "waits"].includes(kind), attribute);
  }
  for (const option of Object.keys(DEFAULTS)) assert.ok(BY_NAME.has(option), option);
  assert.deepEqual(FLAGS, ["autorun"]);
  assert.deepEqual(PAGE_PARAMS, ["at", "event", "preset"]);
});

test("integers are read as numbers, and anything else is kept as given for the message", () => {
  assert.deepEqual(values([["workers", "4"], ["queue-length", " 7 "], ["jobs", "1e3"], ["seed", "-2"], ["max-wait-ms", ".5"]]),
    { workers: 4, queueLength: 7, jobs: 1000, seed: -2, maxWaitMs: 0.5 });
  assert.deepEqual(values([["workers", "2.5"]]), { workers: 2.5 });
  assert.deepEqual(values([["workers", "four"], ["jobs", ""], ["seed", "Infinity"]]), { workers: "four", jobs: "", seed: "Infinity" });
});

test("booleans are true or false, and anything else is kept as given", () => {
  assert.deepEqual(values([["cancel-in-flight", "true"], ["fail-fast", "false"]]), { cancelInFlight: true, failFast: false });
  assert.deepEqual(values([["fail-fast", "yes"]]), { failFast: "yes" });
  assert.deepEqual(values([["fail-fast", ""]]), { failFast: "" });
});

test("a list is comma-separated, each item read as an integer is", () => {
  assert.deepEqual(values([["waits", "1,2,3"]]), { waits: [1, 2, 3] });
  assert.deepEqual(values([["waits", ""]]), { waits: [] });
  assert.deepEqual(values([["waits", "  "]]), { waits: [] });
  assert.deepEqual(values([["waits", "1,,x"]]), { waits: [1, "", "x"] });
  assert.deepEqual(readText(BY_NAME.get("waits"), "5,0"), [5, 0]);
});

test("a value is written back as its text: a list with its commas", () => {
  assert.equal(writeText(4), "4");
  assert.equal(writeText(false), "false");
  assert.equal(writeText(Uint32Array.from([5, 0, 996])), "5,0,996");
  assert.equal(writeText("abc"), "abc");
});

test("a setting given twice holds its last value, and goes to the check as given, twice", () => {
  const { settings } = readPairs([["workers", "2"], ["fail-fast", "true"], ["workers", "3"]]);
  const held = new Settings();
  held.apply(settings, "text");
  assert.deepEqual(held.options(), { workers: 3, failFast: true });
  assert.equal(held.value("workers"), 3);
  assert.deepEqual(held.given(), [
    { name: "workers", value: 2, text: "2", source: "text" },
    { name: "workers", value: 3, text: "3", source: "text" },
    { name: "fail-fast", value: true, text: "true", source: "text" },
  ]);
  // Once the form, the attributes and the URL show one value, it was given once.
  held.settle();
  assert.deepEqual(held.given().map(({ name, text }) => [name, text]), [["workers", "3"], ["fail-fast", "true"]]);
});

test("a setting is given where it came from: a property by its JS name, the form and text by their attribute", () => {
  const held = new Settings();
  held.apply([["queueLength", -1]], "js");
  held.apply([["maxWaitMs", "", ""]], "form");
  held.apply([["seed", 18446744073709552000, "18446744073709551616"]], "text");
  assert.deepEqual(held.given(), [
    { name: "queueLength", value: -1, source: "js" },
    { name: "max-wait-ms", value: "", text: "", source: "form" },
    { name: "seed", value: 18446744073709552000, text: "18446744073709551616", source: "text" },
  ]);
  // null or undefined is the default again.
  held.apply([["queueLength", null], ["seed", undefined]], "js");
  assert.deepEqual(held.options(), { maxWaitMs: "" });
  assert.equal(held.value("queueLength"), null);
});

test("autorun is a flag: present, it is on unless it says false, 0, no or off", () => {
  assert.equal(readPairs([]).autorun, false);
  assert.equal(readPairs([["autorun", ""]]).autorun, true);
  assert.equal(readPairs([["autorun", "true"]]).autorun, true);
  assert.equal(readPairs([["autorun", "1"]]).autorun, true);
  for (const off of ["false", "0", "off", "no", " OFF "]) assert.equal(readPairs([["autorun", off]]).autorun, false, off);
  assert.equal(flagOn("yes"), true);
  assert.deepEqual(readPairs([["autorun", ""]]).settings, []);
});

test("a name that is no setting is not read, but goes to the check first, which names the first", () => {
  const near = readPairs([["queue-lenght", "3"], ["workers", "2"], ["nonsense", "1"]]);
  assert.deepEqual(near.settings, [["workers", 2, "2"]]);
  assert.deepEqual(near.unknown, [["queue-lenght", "3"], ["nonsense", "1"]]);
  assert.deepEqual(readPairs([["<b>", "1"]]).unknown, [["<b>", "1"]]);
  assert.deepEqual(readPairs([]).unknown, []);
  // A moment of the run and a preset are the page's own.
  assert.deepEqual(readPairs([["at", "3144.5"], ["event", "12"], ["preset", "article"]]).unknown, []);
  const held = new Settings();
  held.unknown = near.unknown;
  held.apply(near.settings, "text");
  assert.deepEqual(held.given().map(({ name }) => name), ["queue-lenght", "nonsense", "workers"]);
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
  const read = readPairs(new URLSearchParams(toSearch(written, { autorun: true })));
  assert.deepEqual(Object.fromEntries(read.settings.map(([option, value]) => [option, value])), written);
  assert.equal(read.autorun, true);
  assert.deepEqual(values(new URLSearchParams(toSearch({ waits: [1, 2, 3] }))), { waits: [1, 2, 3] });
});
