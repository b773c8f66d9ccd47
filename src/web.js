// Shapes the JS objects that `run` hands out. Rust passes plain numbers and
// typed-array views of its memory; building the objects here, in one pass,
// is much cheaper than setting each property from wasm.

const EVENT_TYPES = ["queue", "start", "succeed", "fail", "cancel", "abort"];
const STATES = ["waiting", "running", "succeeded", "failed", "canceled", "aborted"];

// A promise that resolves in a new task, after the browser has had its turn
// (rendering, input, other tasks), without setTimeout's 4 ms clamp. Not
// scheduler.yield(): its continuation goes ahead of the page's own tasks.
const channel = new MessageChannel();
const resumes = [];
channel.port1.onmessage = () => resumes.shift()?.();
export function nextTask() {
  return new Promise((resolve) => {
    resumes.push(resolve);
    channel.port2.postMessage(null);
  });
}

// Calls `onProgress` like an event listener: an exception is reported, and
// the run goes on.
export function emitProgress(onProgress, type, jobId, worker, waitMs, atMs) {
  try {
    onProgress({ type: EVENT_TYPES[type], jobId, worker: worker < 0 ? null : worker, waitMs, atMs });
  } catch (error) {
    globalThis.reportError(error);
  }
}

// `states`, `workers`, `starts` and `ends` are views into wasm memory, valid
// only during this call. Missing values arrive as -1 (workers) and NaN (times).
export function buildReport(status, elapsedMs, maxLateMs, timingDistorted, seed, waits, states, workers, starts, ends,
                            errorIds, errorMessages, log) {
  const jobs = new Array(waits.length);
  for (let id = 0; id < jobs.length; id++) {
    const worker = workers[id];
    jobs[id] = {
      id,
      waitMs: waits[id],
      state: STATES[states[id]],
      worker: worker < 0 ? null : worker,
      startMs: worker < 0 ? null : starts[id],
      endMs: Number.isNaN(ends[id]) ? null : ends[id],
    };
  }
  const messages = errorIds.length ? errorMessages.split("\n") : [];
  const errors = Array.from(errorIds, (jobId, i) => ({ jobId, waitMs: waits[jobId], message: messages[i] }));
  return {
    status,
    error: errors[0] ?? null,
    errors,
    elapsedMs,
    maxLateMs,
    timingDistorted,
    seed: seed < 0 ? null : seed,
    jobs,
    log: log ? log.split("\n") : [],
  };
}
