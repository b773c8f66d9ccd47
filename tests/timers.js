// Test-only: counts the timers that are set and have not yet fired or been
// cleared, by wrapping setTimeout and clearTimeout, and scheduler.postTask's
// delayed tasks (a run's alarm is one where there is postTask: alarms.rs),
// until they run or their signal aborts. The module looks each up on the
// global object at each call, so it goes through the wrappers.
const { setTimeout: originalSet, clearTimeout: originalClear } = globalThis;
const live = new Set();

export function countTimers() {
  if (globalThis.setTimeout !== originalSet) return;
  globalThis.setTimeout = (callback, ms, ...args) => {
    const id = originalSet((...a) => { live.delete(id); callback(...a); }, ms, ...args);
    live.add(id);
    return id;
  };
  globalThis.clearTimeout = (id) => { live.delete(id); originalClear(id); };
  const scheduler = globalThis.scheduler;
  if (!scheduler?.postTask) return;
  const postTask = scheduler.postTask.bind(scheduler);
  scheduler.postTask = (callback, options = {}) => {
    if (!options.delay) return postTask(callback, options);
    const task = {};
    live.add(task);
    options.signal?.addEventListener("abort", () => live.delete(task), { once: true });
    return postTask(() => { live.delete(task); return callback(); }, options);
  };
}

export function liveTimers() {
  return live.size;
}

// Resolves after `ms`, on a timer the counter does not see.
export function sleep(ms) {
  return new Promise((resolve) => originalSet(resolve, ms));
}

// Keeps the thread busy for `ms`, as a background tab's throttling would
// hold timers back, after `after` ms.
export function busyAfter(after, ms) {
  originalSet(() => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  }, after);
}

export function abortAfter(controller, ms) {
  originalSet(() => controller.abort(), ms);
}

// A signal that counts the listeners added to it and not yet removed.
export function countedSignal(controller) {
  const signal = controller.signal;
  let listeners = 0;
  const add = signal.addEventListener, remove = signal.removeEventListener;
  signal.addEventListener = function (...args) { listeners++; return add.apply(this, args); };
  signal.removeEventListener = function (...args) { listeners--; return remove.apply(this, args); };
  return { signal, listeners: () => listeners };
}

// How many tasks of its own the page got to run while `promise` was pending.
export async function tasksWhile(promise) {
  let tasks = 0;
  let done = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    tasks++;
    if (!done) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  await promise;
  done = true;
  return tasks;
}
