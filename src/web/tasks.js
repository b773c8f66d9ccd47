// What the binding asks of JS, besides the report: the promises of its
// tasks, the page's turns, the run's alarm, the calls to the progress
// callback, a PauseController's check, an option's error, and a panic's message.

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

// generated:start by tests/tables.rs from src/report.rs; `cargo test` fails when it differs
/** The progress events' types, by their codes. */
const EVENT_TYPES = ["queue", "start", "succeed", "fail", "cancel", "abort"];
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

// The error of a refused option: a TypeError (else a RangeError) with the
// message Rust wrote, and its parts, as Rust gives them: `option`, and
// `expected` and `got` where it says what was wrong with a value, or for an
// unknown option `suggestion` (null where there is none).
export function optionError(typeError, message, option, expected, got, unknown, suggestion) {
  const error = typeError ? new TypeError(message) : new RangeError(message);
  if (unknown) return Object.assign(error, { option, suggestion: suggestion ?? null });
  return Object.assign(error, expected === undefined ? { option } : { option, expected, got });
}

// A panic's message, as std's hook writes it: "panicked at src/file.rs:1:2:",
// and the message on a line of its own where the module can give it (a
// string as written; one it would have to format, it leaves out).
export function panicMessage(file, line, column, message) {
  return `panicked at ${file}:${line}:${column}:${message === undefined ? "" : `\n${message}`}`;
}
