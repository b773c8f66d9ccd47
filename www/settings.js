// The demo's settings as URL parameters and element attributes: the
// options of `run` by their kebab-case names, parsed from strings and
// written back. The options themselves, their names, defaults and limits,
// are the module's (www/spec.js is its table, made by tests/generated.rs);
// what is valid is for its checkOptions to say. This maps names, and turns
// strings into numbers, booleans and lists.
import { OPTIONS } from "./spec.js";

/** Every setting: its kebab-case name, `run`'s option, its kind, and its spec from the table. */
export const SETTINGS = OPTIONS.map((spec) => ({ name: spec.attribute, option: spec.name, kind: spec.kind === "waits" ? "list" : spec.kind, spec }));

/** Names that are flags of the page rather than settings. */
export const FLAGS = ["autorun"];

/** Names of the page's own that are neither settings nor flags: a moment of the run (its time, and how many events had come), and a preset. */
export const PAGE_PARAMS = ["at", "event", "preset"];

/** The texts that turn a flag off: `autorun=0` runs no more than `autorun=false`. */
const OFF = ["false", "0", "no", "off"];

/** Each option's default, where it has one. */
export const DEFAULTS = Object.fromEntries(OPTIONS.filter((spec) => spec.default !== null).map((spec) => [spec.name, spec.default]));

/** The options that given waits stand in for. */
export const DRAWN = OPTIONS.find((spec) => spec.kind === "waits").overrides;

const byName = new Map(SETTINGS.map((setting) => [setting.name, setting]));
const byOption = new Map(SETTINGS.map((setting) => [setting.option, setting]));

// A number written as a number; anything else stays a string, so that the
// error can show it as given.
function number(text) {
  return /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : text;
}

function value(kind, text) {
  switch (kind) {
    case "integer":
    case "number": return number(text);
    case "boolean": return text === "true" ? true : text === "false" ? false : text;
    case "list": return text.trim() === "" ? [] : text.split(",").map(number);
  }
}

/**
 * Reads settings from [name, text] pairs (URLSearchParams, or attributes).
 * Returns `{ options, autorun, given, unknown, repeated, texts }`: `run`
 * options, whether to run at once, for each option the name it was given
 * under (for messages), the first name that is no setting (checkOptions says
 * what it may be), the first setting given twice (the last wins, but the
 * page says so: `{ name, texts }`), and each option's text as given.
 */
export function readSettings(pairs) {
  const options = {};
  const given = new Map();
  const texts = new Map();
  let autorun = false;
  let unknown = null;
  let repeated = null;
  for (const [name, text] of pairs) {
    if (FLAGS.includes(name)) {
      autorun = !OFF.includes(text.trim().toLowerCase());
      continue;
    }
    if (PAGE_PARAMS.includes(name)) continue;
    const setting = byName.get(name);
    if (!setting) {
      unknown ??= name;
      continue;
    }
    if (texts.has(setting.option)) repeated ??= { name, texts: [texts.get(setting.option), text] };
    options[setting.option] = value(setting.kind, text);
    given.set(setting.option, name);
    texts.set(setting.option, text);
  }
  return { options, autorun, given, unknown, repeated, texts };
}

/** The query string for `options`: every setting that is set, in the table's order. */
export function toSearch(options, { autorun = false } = {}) {
  const params = new URLSearchParams();
  for (const { name, option, kind } of SETTINGS) {
    const v = options[option];
    if (v === undefined || v === null) continue;
    if (options.waits && DRAWN.includes(option)) continue;
    params.set(name, kind === "list" ? Array.from(v).join(",") : String(v));
  }
  let search = params.toString().replaceAll("%2C", ",");
  if (autorun) search += (search ? "&" : "") + "autorun";
  return search ? `?${search}` : "";
}

/**
 * What was given, as the module's error has it, but in a person's words:
 * nothing for an empty text, and a number too big for a double as it was
 * written (2^64 is not "18446744073709552000").
 */
function describeGot(got, text) {
  if (got === '"" (a string)') return "nothing";
  if (/^\d{16,}$/.test(got) && text !== undefined && /^\s*\d+\s*$/.test(text)) return text.trim();
  return got;
}

/**
 * The message for an error from `run` or checkOptions, with settings named
 * as they were given: "queue-length must be an integer from 0 to 1000000,
 * got -1"; for a name that is no option, "unknown setting …", with the
 * module's suggestion by its attribute.
 */
export function describeError(error, given = new Map(), texts = new Map()) {
  if (!error.option) return error.message;
  const quoted = JSON.stringify(error.option);
  if ("suggestion" in error) {
    const suggestion = error.suggestion && byOption.get(error.suggestion)?.name;
    return suggestion
      ? `unknown setting ${quoted}; did you mean "${suggestion}"?`
      : `unknown setting ${quoted}; the settings are ${[...SETTINGS.map(({ name }) => name), ...FLAGS].join(", ")}`;
  }
  const [, option, index = ""] = error.option.match(/^(\w+)(\[\d+\])?$/) ?? [, error.option];
  return `${given.get(option) ?? byOption.get(option)?.name ?? option}${index} must be ${error.expected}, got ${describeGot(error.got, texts.get(option))}`;
}
