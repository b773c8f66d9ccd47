// A run's progress events, kept as they come, so that the run can be shown
// at any moment after: the scrubber replays them into a fresh RunState up to
// the moment asked. They are kept in typed arrays; a run with more than
// MAX_EVENTS events keeps none (a million jobs make two million events, and
// nobody steps through those one by one): `complete` says so.
import { RunState } from "./run-state.js";
import { EVENT_TYPES } from "./spec.js";

/** The most events a recording keeps. */
export const MAX_EVENTS = 200_000;

export class Recording {
  /** `setup` is what RunState's constructor takes. */
  constructor(setup) {
    this.setup = setup;
    this.length = 0;
    this.complete = true;
    this.#grow(256);
  }

  #grow(size) {
    this.type = new Uint8Array(size);
    this.job = new Uint32Array(size);
    this.count = new Uint32Array(size);
    this.worker = new Int32Array(size);
    this.wait = new Uint32Array(size);
    this.at = new Float64Array(size);
  }

  push({ type, jobId, count, worker, waitMs, atMs }) {
    if (!this.complete) return;
    if (this.length === MAX_EVENTS) {
      this.complete = false;
      this.length = 0;
      return;
    }
    if (this.length === this.type.length) {
      const arrays = { type: this.type, job: this.job, count: this.count, worker: this.worker, wait: this.wait, at: this.at };
      this.#grow(this.type.length * 2);
      for (const [name, array] of Object.entries(arrays)) this[name].set(array);
    }
    const i = this.length++;
    this.type[i] = EVENT_TYPES.indexOf(type);
    this.job[i] = jobId;
    this.count[i] = count ?? 1;
    this.worker[i] = worker ?? -1;
    this.wait[i] = waitMs ?? 0;
    this.at[i] = atMs;
  }

  /** Event `i` as `run` gave it. */
  event(i) {
    return { type: EVENT_TYPES[this.type[i]], jobId: this.job[i], count: this.count[i], worker: this.worker[i], waitMs: this.wait[i], atMs: this.at[i] };
  }

  /** The number of events at or before `ms`. */
  countAt(ms) {
    let low = 0, high = this.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at[mid] <= ms) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The run as it stood once its first `count` events had come: a RunState, frozen at `atMs`. */
  replay(count, atMs) {
    const state = new RunState(this.setup);
    for (let i = 0; i < count; i++) state.apply(this.event(i));
    // What the page shows of a moment: no spreading of the cancellation, no clock running on.
    if (state.cancelWall !== null) state.cancelWall = -Infinity;
    state.takeEnded();
    state.frozenAtMs = atMs;
    state.lastEvent = count > 0 ? this.event(count - 1) : null;
    return state;
  }
}
