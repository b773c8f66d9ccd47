// A run's progress events, kept as they come, so that the run can be shown
// at any moment after: the scrubber replays them into a fresh RunState up to
// the moment asked. They are kept as they came: a replayed event is the live
// one. A run with more than MAX_EVENTS events keeps none (a million jobs make
// two million events, and nobody steps through those one by one): `complete`
// says so.
import { RunState } from "./run-state.js";

/** The most events a recording keeps. */
export const MAX_EVENTS = 200_000;

export class Recording {
  /** `setup` is what RunState's constructor takes. */
  constructor(setup) {
    this.setup = setup;
    this.complete = true;
    this.#events = [];
  }

  #events;

  /** How many events are kept. */
  get length() {
    return this.#events.length;
  }

  push(event) {
    if (!this.complete) return;
    if (this.#events.length === MAX_EVENTS) {
      this.complete = false;
      this.#events = [];
      return;
    }
    this.#events.push(event);
  }

  /** Event `i`, as `run` gave it. */
  event(i) {
    return this.#events[i];
  }

  /** When event `i` came, in run ms. */
  at(i) {
    return this.#events[i].atMs;
  }

  /** The number of events at or before `ms`. */
  countAt(ms) {
    const events = this.#events;
    let low = 0, high = events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (events[mid].atMs <= ms) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The run as it stood once its first `count` events had come: a RunState, frozen at `atMs`. */
  replay(count, atMs) {
    const state = new RunState(this.setup);
    for (let i = 0; i < count; i++) state.apply(this.#events[i]);
    // What the page shows of a moment: no spreading of the cancellation, no clock running on.
    if (state.cancelWall !== null) state.cancelWall = -Infinity;
    state.takeEnded();
    state.frozenAtMs = atMs;
    return state;
  }
}
