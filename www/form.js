// The settings' fields of the element's form, made from the table of options
// (www/spec.js, which tests/tables.rs makes from src/options.rs): a field for
// each setting, by its kind, named by its attribute, with its label, its
// limits and its doc as its description. A new option in the table is a new
// field here, with no markup of its own.
import { OPTIONS } from "./spec.js";

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

/** The settings' fields, for the table `options`: lists, then numbers (those with a button of their own last), then switches. */
export function settingsFields(options = OPTIONS) {
  const drawn = (spec) => spec.kind === "integer" && spec.default === null;
  const order = (spec) => ({ waits: 0, integer: 1, number: 1, boolean: 3 })[spec.kind] + (drawn(spec) ? 1 : 0);
  return [...options].sort((a, b) => order(a) - order(b)).map(field).join("\n");
}

/** One setting's field. */
function field(spec) {
  const { attribute, label, doc, kind } = spec;
  const described = `name="${escape(attribute)}" title="${escape(doc)}"`;
  switch (kind) {
    case "waits":
      return `<label class="wide waits-field">${escape(label)} <input ${described} type="text" inputmode="numeric" autocomplete="off" spellcheck="false" disabled placeholder="drawn from the seed"></label>`;
    case "boolean":
      return `<label class="check"><input ${described} type="checkbox"> ${escape(label)}</label>`;
  }
  const number = `<input ${described} id="${escape(attribute)}" type="number" inputmode="${kind === "integer" ? "numeric" : "decimal"}" step="${kind === "integer" ? 1 : spec.step}" min="${spec.min}" max="${spec.max}">`;
  // An integer drawn at random when left out (the seed) has a button that draws another.
  if (spec.default === null) {
    const button = `<button type="button" class="new-${escape(attribute)}">New ${escape(label.toLowerCase())}</button>`;
    return `<div class="field"><label for="${escape(attribute)}">${escape(label)}</label><span class="joined">${number}${button}</span></div>`;
  }
  return `<label>${escape(label)} ${number}</label>`;
}

/** The options a field of the form stands for, by its `name`. */
export const fieldOf = (name, options = OPTIONS) => options.find((spec) => spec.attribute === name) ?? null;
