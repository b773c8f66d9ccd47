// www/form.js under node's own test runner: the form's fields are made from
// the table of options, and a new integer option is a field, a setting and a
// link's parameter with no code of its own. (tests/tables.rs shows the
// generated files taking the same throwaway option; tests/checks.rs, the check.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { settingsFields } from "../../www/form.js";
import { OPTIONS } from "../../www/spec.js";
import { Settings, readText, toSearch } from "../../www/settings.js";

/** The fields of `markup`: each input's attributes, and the text of its label. */
function fields(markup) {
  return [...markup.matchAll(/<input ([^>]*)>/g)].map(([input, attributes]) => {
    const field = Object.fromEntries([...attributes.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, value ?? ""]));
    const at = markup.indexOf(input);
    const label = markup.slice(markup.lastIndexOf("<label", at), markup.indexOf("</label>", at) + 8).replace(/<[^>]+>/g, "").trim();
    return { ...field, label };
  });
}

test("each setting has a field, named by its attribute, labelled, described and limited as the table says", () => {
  const made = fields(settingsFields());
  assert.deepEqual(made.map((field) => field.name).sort(), OPTIONS.map((spec) => spec.attribute).sort());
  for (const spec of OPTIONS) {
    const field = made.find((field) => field.name === spec.attribute);
    assert.equal(field.title, spec.doc.replaceAll('"', "&quot;"), spec.name);
    assert.ok(field.label.startsWith(spec.label) || field.label.endsWith(spec.label), `${spec.name}: ${field.label}`);
    const type = { integer: "number", number: "number", boolean: "checkbox", waits: "text" }[spec.kind];
    assert.equal(field.type, type, spec.name);
    if (type === "number") assert.deepEqual([field.min, field.max], [String(spec.min), String(spec.max)], spec.name);
  }
  // The seed, drawn at random when left out, has a button that draws another.
  assert.match(settingsFields(), /<button type="button" class="new-seed">New seed<\/button>/);
});

test("the fields keep the form's order: the waits, the numbers (the seed, with its button, last), the switches", () => {
  assert.deepEqual(fields(settingsFields()).map((field) => field.name),
    ["waits", "workers", "queue-length", "jobs", "max-wait-ms", "threshold-ms", "speed", "seed", "cancel-in-flight", "fail-fast"]);
});

test("a new integer option is one table entry: a field, a setting read from its text, and a parameter of a link", () => {
  const retries = { name: "retries", attribute: "retries", label: "Retries", kind: "integer", min: 0, max: 5, default: 1, doc: "How often a failed job is tried again." };
  const table = [...OPTIONS, retries];
  const field = fields(settingsFields(table)).find((field) => field.name === "retries");
  assert.deepEqual(field, {
    name: "retries", title: retries.doc, id: "retries", type: "number", inputmode: "numeric", step: "1", min: "0", max: "5", label: "Retries",
  });
  // Its text is read as any integer's is, held as given, and written back.
  assert.equal(readText(retries, "3"), 3);
  const held = new Settings(table);
  held.apply([["retries", readText(retries, "3"), "3"]], "form");
  assert.deepEqual(held.options(), { retries: 3 });
  assert.deepEqual(held.given(), [{ name: "retries", value: 3, text: "3", source: "form" }]);
  assert.equal(toSearch(held.options(), { table }), "?retries=3");
});
