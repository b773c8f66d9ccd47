// The element's settings: the values its properties hold, each with where it
// was given (a property, an attribute or URL parameter, or the form), which
// is all the one check needs to name it as it was given. Text (an attribute,
// a URL parameter, a field) is read into a value here, and a value written
// back as text. What is allowed is not decided here: the module's
// checkSettings, the table's checks in Rust, says it, in its own words.
import { OPTIONS, FLAGS, RANDOM_SEEDS } from "./spec.js";

export { FLAGS };

/** Names of the page's own that are neither settings nor flags: a moment of the run (its time, and how many events had come), and a preset. */
export const PAGE_PARAMS = ["at", "event", "preset"];

/** The texts that turn a flag off: `autorun=0` runs no more than `autorun=false`. */
const OFF = ["false", "0", "no", "off"];

/** Each option's default, where it has one. */
export const DEFAULTS = Object.fromEntries(OPTIONS.filter((spec) => spec.default !== null).map((spec) => [spec.name, spec.default]));

/** The options that given waits stand in for. */
export const DRAWN = OPTIONS.find((spec) => spec.kind === "waits").overrides;

export const BY_NAME = new Map(OPTIONS.map((spec) => [spec.name, spec]));
export const BY_ATTRIBUTE = new Map(OPTIONS.map((spec) => [spec.attribute, spec]));

/** A seed drawn as the module draws one. */
export const randomSeed = () => Math.floor(Math.random() * (RANDOM_SEEDS + 1));

/** A number written as a number, or else the text itself, which the check names as given. */
function number(text) {
  return /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : text;
}

/** The value a setting's text stands for, by its kind: not a check, only a reading. */
export function readText({ kind }, text) {
  switch (kind) {
    case "integer":
    case "number": return number(text);
    case "boolean": return text === "true" ? true : text === "false" ? false : text;
    case "waits": return text.trim() === "" ? [] : text.split(",").map(number);
  }
}

/** A value as the text of its attribute or URL parameter. */
export function writeText(value) {
  return typeof value === "object" && value !== null ? Array.from(value).join(",") : String(value);
}

/** Whether a flag's text turns it on. */
export const flagOn = (text) => !OFF.includes(text.trim().toLowerCase());

/**
 * Sorts [name, text] pairs (URL parameters, or attributes) into settings,
 * `[option, value, text]`, which may name an option twice; whether `autorun`
 * is on; and the pairs whose names are no setting, flag or page parameter.
 */
export function readPairs(pairs) {
  const settings = [];
  const unknown = [];
  let autorun = false;
  for (const [name, text] of pairs) {
    const spec = BY_ATTRIBUTE.get(name);
    if (spec) settings.push([spec.name, readText(spec, text), text]);
    else if (FLAGS.includes(name)) autorun = flagOn(text);
    else if (!PAGE_PARAMS.includes(name)) unknown.push([name, text]);
  }
  return { settings, autorun, unknown };
}

/**
 * The settings the properties hold: for each option given, its value, where
 * it was given ("js", "text" or "form") and, from text, the texts it was
 * given as (two, if it was given twice, of which the last holds).
 */
export class Settings {
  #given = new Map();
  #byName;

  /** Settings of the options in `table` (the table, unless a test gives another). */
  constructor(table = OPTIONS) {
    this.#byName = new Map(table.map((spec) => [spec.name, spec]));
  }

  /** [name, text] pairs given as text that name no setting: the check names the first. */
  unknown = [];

  /** The value of `option`, or null where it is left to its default. */
  value(option) {
    return this.#given.get(option)?.value ?? null;
  }

  /**
   * Takes `changes`, `[option, value, text]` (a null or undefined value
   * leaves the option to its default), given from `source`. An option that
   * comes twice in one call was given twice: the last value holds.
   */
  apply(changes, source) {
    const seen = new Set();
    for (const [option, value, text] of changes) {
      const texts = seen.has(option) ? [...this.#given.get(option).texts, text] : [text];
      seen.add(option);
      if (value === null || value === undefined) this.#given.delete(option);
      else this.#given.set(option, { value, source, texts });
    }
  }

  /** Forgets every setting. */
  clear() {
    this.#given.clear();
    this.unknown = [];
  }

  /** Keeps only the last of what was given twice: the form, the attributes and the URL now show one value. */
  settle() {
    for (const setting of this.#given.values()) setting.texts = setting.texts.slice(-1);
  }

  /** The options given, by their values: what a run is given. */
  options() {
    return Object.fromEntries([...this.#given].map(([option, { value }]) => [option, value]));
  }

  /** Each setting as it was given, names that are no setting first: what the module's checkSettings takes. */
  given() {
    const given = this.unknown.map(([name, text]) => ({ name, value: text, text, source: "text" }));
    for (const [option, { value, source, texts }] of this.#given) {
      const spec = this.#byName.get(option);
      if (source === "js") given.push({ name: option, value, source });
      else if (texts.length === 1) given.push({ name: spec.attribute, value, text: texts[0], source });
      else for (const text of texts) given.push({ name: spec.attribute, value: readText(spec, text), text, source });
    }
    return given;
  }
}

/** The query string for `options`: every setting that is set, in the table's order, but those that given waits override. */
export function toSearch(options, { autorun = false, table = OPTIONS } = {}) {
  const params = new URLSearchParams();
  for (const { name, attribute } of table) {
    const value = options[name];
    if (value === undefined || value === null) continue;
    if (options.waits && DRAWN.includes(name)) continue;
    params.set(attribute, writeText(value));
  }
  let search = params.toString().replaceAll("%2C", ",");
  if (autorun) search += (search ? "&" : "") + "autorun";
  return search ? `?${search}` : "";
}
