// What the binding asks of JS, besides the report: the promises of its
// tasks, the page's turns, the run's alarm, the calls to the progress
// callback, a PauseController's check, an option's error with its message,
// and a panic's message.

// A promise for a task of Rust's (task.rs), with its resolve and reject:
// `Promise.withResolvers()`, which older browsers lack. Made here, Rust
// makes no closure for the executor of `new Promise`.
export function deferred() {
  const deferred = {};
  deferred.promise = new Promise((resolve, reject) => Object.assign(deferred, { resolve, reject }));
  return deferred;
}

// Resolves the promise of `deferred` with `value`, or rejects it with it.
export function settle(deferred, ok, value) {
  (ok ? deferred.resolve : deferred.reject)(value);
}

// Calls `then` in a new task, after the browser has had its turn
// (rendering, input, other tasks), without setTimeout's 4 ms clamp. Not
// scheduler.yield(): its continuation goes ahead of the page's own tasks.
//
// Where it can, a task of background priority. Chromium runs a stream of
// normal tasks (a MessageChannel's) ahead of rendering for up to 100 ms: a
// run of ready jobs left the page at 10 frames a second, and in background
// tasks it keeps 60, losing nothing when there is nothing to draw. But a
// page that keeps posting tasks of its own would hold a background task
// back for good: after TURN_MS, a timer goes on instead.
const TURN_MS = 100;
const scheduler = globalThis.scheduler;
const TaskController = globalThis.TaskController;
const resumes = [];
/** The channel whose messages resume them, made when first needed. */
let channel = null;
export function nextTask(then) {
  if (scheduler?.postTask && TaskController) {
    const background = new TaskController({ priority: "background" });
    const timer = setTimeout(() => {
      background.abort();
      then();
    }, TURN_MS);
    const resume = () => {
      clearTimeout(timer);
      then();
    };
    scheduler.postTask(resume, { signal: background.signal }).catch(() => {});
    return;
  }
  resumes.push(then);
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => resumes.shift()?.();
  }
  channel.port2.postMessage(null);
}

// One timer for all the waits of the page's runs (alarms.rs): calls `ring` in `ms`,
// in a task of its own. Where there is one, scheduler.postTask's delay: the
// alarm is set again from its own callback, and a setTimeout set from a
// timer's callback five deep is clamped to 4 ms. And of user-blocking
// priority, ahead of the page's frames: when the page cannot keep up, it
// draws fewer frames, and the jobs still end on time. Returns what
// clearAlarm takes.
export function setAlarm(ring, ms) {
  if (!scheduler?.postTask || !TaskController) return setTimeout(ring, ms);
  const alarm = new TaskController({ priority: "user-blocking" });
  scheduler.postTask(ring, { delay: ms, signal: alarm.signal }).catch((error) => alarm.signal.aborted || globalThis.reportError(error));
  return alarm;
}

export function clearAlarm(alarm) {
  if (typeof alarm === "number") clearTimeout(alarm);
  else alarm.abort();
}

// generated:start by tests/tables.rs from src/report.rs and src/options.rs; `cargo test` fails when it differs
/** The progress events' types, by their codes. */
const EVENT_TYPES = ["queue", "start", "succeed", "fail", "cancel", "abort"];
/** The options of run and of map, and the settings (with the flags), as a message about an unknown one lists them. */
const NAMES = ["workers, queueLength, jobs, maxWaitMs, thresholdMs, seed, waits, cancelInFlight, failFast, speed, signal, pause", "workers, queueLength, cancelInFlight, failFast, devtools, signal, pause, onProgress", "workers, queue-length, jobs, max-wait-ms, threshold-ms, seed, waits, cancel-in-flight, fail-fast, speed, autorun"];
// generated:end

// Calls `onProgress` like an event listener, with the event as the
// ProgressEvent type has it, its type by its code (`kind`): an exception is
// reported, and the run goes on.
// `count` (how many jobs a "queue" or a "cancel" is about) comes for those
// two only, and `worker` for the others: it is null for those two. Returns
// the time after the call, which the run's clock takes as its next reading:
// the callback may have taken a while.
export function emitProgress(onProgress, kind, jobId, count, worker, waitMs, atMs) {
  const type = EVENT_TYPES[kind];
  const event = count === undefined ? { type, jobId, worker, waitMs, atMs } : { type, jobId, count, worker: null, waitMs, atMs };
  try {
    onProgress(event);
  } catch (error) {
    globalThis.reportError(error);
  }
  return performance.now();
}

// `run`'s options as checkSettings takes the element's settings (a
// GivenSetting each): every option that is not undefined, by its JS name.
export function givenOptions(options) {
  return Object.keys(options).filter((name) => options[name] !== undefined).map((name) => ({ name, value: options[name], source: "js" }));
}

// What an option's value is, as the checks tell values apart (src/web/options.rs's
// to_value): 0 a number, 1 a boolean, 2 a string, 3 undefined, 4 null, 5 an
// array or a typed array, 6 a function, 7 a bigint, 8 a symbol, 9 any other object.
const KINDS = ["number", "boolean", "string", "undefined", "", "", "function", "bigint", "symbol"];
export function kindOf(value) {
  const kind = KINDS.indexOf(typeof value);
  if (kind >= 0) return kind;
  if (value === null) return 4;
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)) ? 5 : 9;
}

// Hands `value` to `use` as a PauseController: wasm-bindgen checks, as it
// does for any argument of that class, that it is one (and not freed), and
// throws if it is not. So Rust borrows the controller's gate, and JS keeps
// the controller.
export function withController(value, use) {
  use(value);
}

// The error of a refused option: a TypeError (else a RangeError), its
// message written here from the parts Rust's check gives (src/web/options.rs's
// `refused`): `code` says what is wrong, 0 an unknown name (`a` 1 for a
// setting, `b` 1 for map's), 1 to 6 a value that
// must be an integer from `a` to `b`, a number from `a` to `b`, true or
// false, an array of integers from 0 to `b`, an array of at most `b`, or
// `words`, 7 an option given twice (as `text`, then as `words`), 8 jobs (`a`)
// that are not as many as the waits (`b`). `value` and `text` are what was
// given (`text` undefined for a JS value), `item` the refused item of a
// list. It carries the parts: `option`, and `expected` and `got` where it
// says what was wrong with a value, or for an unknown option `suggestion`
// (null where there is none).
export function optionError(code, typeError, option, named, item, a, b, words, value, text) {
  if (item !== undefined) {
    option += `[${item}]`;
    named += `[${item}]`;
    value = value[item];
    text &&= "";
  }
  let message;
  let parts = { option };
  if (!code) {
    const what = a ? "setting" : "option";
    const names = NAMES[a ? 2 : b];
    const suggestion = nearest(named, names.split(", "));
    message = `unknown ${what} ${quote(named)}; ${suggestion === undefined ? `${b ? "map's" : "the"} ${what}s are ${names}` : `did you mean ${quote(suggestion)}?`}`;
    parts.suggestion = suggestion ?? null;
  } else if (code < 7) {
    const expected = [`an integer from ${a} to ${b}`, `a number from ${a} to ${b}`, "true or false", `an array of integers from 0 to ${b}`, `an array of at most ${b} waits`, words][code - 1];
    const got = code === 5 ? `${value.length} waits` : shown(value, text);
    message = `${named} must be ${expected}, got ${got}`;
    parts = { option, expected, got };
  } else {
    message = code === 7 ? `${named} is given twice (${quote(text)} and ${quote(words)}): give it once` : `${named} is ${a}, but ${b} waits are given, which set the number of jobs: leave ${named} out`;
  }
  return Object.assign(typeError ? new TypeError(message) : new RangeError(message), parts);
}

const quote = JSON.stringify;

// The known name nearest to an unknown `name`, if one is close enough to be
// a likely typo: the first in the table's order within two edits
// (insertions, deletions, substitutions: Levenshtein's distance), letters
// compared in one case and without "-" or "_".
function nearest(name, names) {
  const plain = (text) => text.replace(/[^a-z\d]/gi, "").toLowerCase();
  const a = plain(name);
  let found;
  let fewest = 3;
  for (const known of names) {
    const b = plain(known);
    // The distances from a's first i letters to each start of b.
    const row = [...Array(b.length + 1).keys()];
    for (let i = 0; i < a.length; i++) {
      let diagonal = i;
      let left = i + 1;
      for (let j = 0; j < b.length; j++) {
        const above = row[j + 1];
        left = Math.min(diagonal + (a[i] !== b[j]), left + 1, above + 1);
        row[j + 1] = left;
        diagonal = above;
      }
      row[0] = i + 1;
    }
    if (row[b.length] < fewest) [found, fewest] = [known, row[b.length]];
  }
  return found;
}

// A value as a message shows what was given, by its kind (kindOf): read from
// text, an empty text is nothing, and a number is shown as it was written
// when it was written as digits (2^64 has no double of its own).
const SHOWN = ["", "", "", "undefined", "null", "an array", "a function", "a bigint", "a symbol", "an object"];
function shown(value, text) {
  const kind = kindOf(value);
  if (kind === 2) return value === "" && text !== undefined ? "nothing" : `${quote(value)} (a string)`;
  if (kind > 1) return SHOWN[kind];
  const digits = text?.trim();
  return kind === 0 && /^\d+$/.test(digits) ? digits : String(value);
}

// The panic listeners (onPanic's) of each instance, by its memory: a fresh
// instance imports this module as the one before it did.
const panicListeners = new WeakMap();

export function listenForPanic(memory, listener) {
  const listeners = panicListeners.get(memory);
  if (listeners) listeners.push(listener);
  else panicListeners.set(memory, [listener]);
}

// Tells the instance's panic listeners its panic's message, as std's hook
// writes it: "panicked at src/file.rs:1:2:", and the message on a line of
// its own where the module can give it (a string as written; one it would
// have to format, it leaves out). A listener that throws keeps none of the
// others from hearing it.
export function tellPanic(memory, file, line, column, message) {
  const text = `panicked at ${file}:${line}:${column}:${message === undefined ? "" : `\n${message}`}`;
  for (const listener of panicListeners.get(memory) ?? []) {
    try {
      listener.call(null, text);
    } catch {}
  }
}
