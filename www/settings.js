// The demo's settings as URL parameters and element attributes: one set of
// kebab-case names, parsed from strings into `run` options and written back.
// `run`'s own checks (checkOptions) decide what is valid; this only maps names
// and turns strings into numbers, booleans and lists.

/** Every setting: its kebab-case name, `run`'s option, and its kind. */
export const SETTINGS = [
  { name: "workers", option: "workers", kind: "integer" },
  { name: "queue-length", option: "queueLength", kind: "integer" },
  { name: "jobs", option: "jobs", kind: "integer" },
  { name: "max-wait-ms", option: "maxWaitMs", kind: "integer" },
  { name: "threshold-ms", option: "thresholdMs", kind: "integer" },
  { name: "seed", option: "seed", kind: "integer" },
  { name: "waits", option: "waits", kind: "list" },
  { name: "cancel-in-flight", option: "cancelInFlight", kind: "boolean" },
  { name: "fail-fast", option: "failFast", kind: "boolean" },
];

/** Names that are flags rather than settings. */
export const FLAGS = ["autorun"];

export const DEFAULTS = {
  workers: 10, queueLength: 100, jobs: 100, maxWaitMs: 1000, thresholdMs: 990,
  cancelInFlight: true, failFast: true,
};

const byName = new Map(SETTINGS.map((setting) => [setting.name, setting]));
const byOption = new Map(SETTINGS.map((setting) => [setting.option, setting]));

const kebab = (option) => byOption.get(option)?.name ?? option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// A number written as a number; anything else stays a string, so that the
// error can show it as given.
function number(text) {
  return /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : text;
}

function value(kind, text) {
  switch (kind) {
    case "integer": return number(text);
    case "boolean": return text === "true" ? true : text === "false" ? false : text;
    case "list": return text.trim() === "" ? [] : text.split(",").map(number);
  }
}

/**
 * Reads settings from [name, text] pairs (URLSearchParams, or attributes).
 * Returns `{ options, autorun, given, unknown }`: `run` options, whether to
 * run at once, for each option the name it was given under (for messages),
 * and the first name that is no setting, with a message for it.
 */
export function readSettings(pairs, { ignore = [] } = {}) {
  const options = {};
  const given = new Map();
  let autorun = false;
  let unknown = null;
  for (const [name, text] of pairs) {
    if (ignore.includes(name)) continue;
    if (FLAGS.includes(name)) {
      autorun = text !== "false";
      continue;
    }
    const setting = byName.get(name);
    if (!setting) {
      unknown ??= describeUnknown(name);
      continue;
    }
    options[setting.option] = value(setting.kind, text);
    given.set(setting.option, name);
  }
  return { options, autorun, given, unknown };
}

const NAMES = [...SETTINGS.map((setting) => setting.name), ...FLAGS];

function describeUnknown(name) {
  const plain = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const near = NAMES.map((known) => [distance(plain(name), plain(known)), known]).sort(([a], [b]) => a - b)[0];
  const quoted = JSON.stringify(name);
  return near[0] <= 2
    ? `unknown setting ${quoted}; did you mean "${near[1]}"?`
    : `unknown setting ${quoted}; the settings are ${NAMES.join(", ")}`;
}

// Levenshtein distance, for "did you mean".
function distance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** The query string for `options`: every setting that is set, in a fixed order. */
export function toSearch(options, { autorun = false } = {}) {
  const params = new URLSearchParams();
  for (const { name, option, kind } of SETTINGS) {
    const v = options[option];
    if (v === undefined || v === null) continue;
    if (options.waits && ["jobs", "maxWaitMs", "seed"].includes(option)) continue;
    params.set(name, kind === "list" ? Array.from(v).join(",") : String(v));
  }
  let search = params.toString().replaceAll("%2C", ",");
  if (autorun) search += (search ? "&" : "") + "autorun";
  return search ? `?${search}` : "";
}

/**
 * The message for an error from `run` or checkOptions, with settings named
 * as they were given: "queue-length must be an integer from 1 to 1000000, got 0".
 */
export function describeError(error, given = new Map()) {
  if (!error.option || "suggestion" in error) return error.message;
  const [, option, index = ""] = error.option.match(/^(\w+)(\[\d+\])?$/) ?? [, error.option];
  return `${given.get(option) ?? kebab(option)}${index} must be ${error.expected}, got ${error.got}`;
}
