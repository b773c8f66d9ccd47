// The scrubber: a slider over the recorded run, and Previous and Next event
// buttons (and the arrow keys on the slider, which step event by event), which
// ask to show the run as it stood after any of its events, and jump to its
// failure (or stop) and to the end of the cancel. It knows nothing of how
// that is drawn: `seek(count)` is the teaching parts'.

/** The scrubber's markup, which template.js puts under the timeline. */
export const SCRUBBER = `
  <div class="scrubber" role="group" aria-label="Step through the run">
    <button type="button" class="prev-event" disabled aria-keyshortcuts="ArrowLeft">◀ Previous event</button>
    <input class="moment" type="range" min="0" max="0" step="1" value="0" disabled aria-label="Moment of the run">
    <button type="button" class="next-event" disabled aria-keyshortcuts="ArrowRight">Next event ▶</button>
    <span class="moment-text">The run's events can be stepped through here.</span>
    <span class="jumps">
      <button type="button" class="to-failure" disabled>Jump to the failure</button>
      <button type="button" class="to-cancel" disabled>to the cancel</button>
    </span>
  </div>
`;

export class Scrubber {
  #prev;
  #next;
  #range;
  #text;
  #toFailure;
  #toCancel;
  /** The recording, or null. */
  #recording = null;
  /** How many of its events are on show; null for the live end. */
  #count = null;

  constructor(root) {
    const find = (selector) => root.querySelector(selector);
    this.#prev = find(".prev-event");
    this.#next = find(".next-event");
    this.#range = find(".moment");
    this.#text = find(".moment-text");
    this.#toFailure = find(".to-failure");
    this.#toCancel = find(".to-cancel");
  }

  /** Calls `seek(count)` (null for the live end) when the user moves, until `signal` aborts. */
  listen({ signal, seek }) {
    const step = (by) => {
      const recording = this.#recording;
      if (!recording?.length) return;
      const from = this.#count ?? recording.length;
      const to = Math.max(0, Math.min(recording.length, from + by));
      seek(to);
    };
    this.#prev.addEventListener("click", () => step(-1), { signal });
    this.#toFailure.addEventListener("click", () => seek(landmarks(this.#recording).failure), { signal });
    this.#toCancel.addEventListener("click", () => seek(landmarks(this.#recording).cancel), { signal });
    this.#next.addEventListener("click", () => step(1), { signal });
    this.#range.addEventListener("input", () => {
      const recording = this.#recording;
      if (recording) seek(recording.countAt(Number(this.#range.value)));
    }, { signal });
    this.#range.addEventListener("keydown", (event) => {
      // Arrows step event by event; Home and End go to the run's ends.
      const by = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 }[event.key];
      if (by) {
        event.preventDefault();
        step(by);
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        seek(event.key === "Home" ? 0 : this.#recording?.length ?? 0);
      }
    }, { signal });
  }

  /** Shows `recording` (or null), at `count` events (null: at its live end, whose time is `atMs`). */
  show(recording, count, atMs) {
    this.#recording = recording;
    this.#count = count;
    const usable = Boolean(recording?.complete && recording.length);
    const length = recording?.length ?? 0;
    const at = count === null ? length : count;
    const endMs = usable ? Math.max(atMs ?? 0, recording.at(length - 1)) : 0;
    const ms = atMs ?? (count === null ? endMs : count > 0 ? recording.at(count - 1) : 0);
    for (const element of [this.#range, this.#prev, this.#next]) {
      const disabled = !usable || (element === this.#prev && at === 0) || (element === this.#next && at >= length);
      // A button about to be disabled that has the focus hands it to the slider, not to <body>.
      if (disabled && element !== this.#range && element.matches(":focus") && usable) this.#range.focus();
      element.disabled = disabled;
    }
    const { failure, cancel } = usable ? landmarks(recording) : {};
    this.#toFailure.disabled = !(failure > 0);
    this.#toCancel.disabled = !(cancel > 0);
    this.#range.max = String(Math.ceil(endMs));
    this.#range.value = String(Math.round(ms));
    if (!recording) return;
    if (!recording.complete) {
      this.#text.textContent = "This run has too many events to step through.";
      return;
    }
    const text = `${ms.toFixed(1)} ms · event ${at} of ${length}`;
    // Said aloud when the user steps, not five times a second while the run goes.
    this.#text.setAttribute("aria-live", count === null ? "off" : "polite");
    this.#text.textContent = count === null ? `${text} (latest)` : text;
    this.#range.setAttribute("aria-valuetext", text);
  }
}

/**
 * Where to jump in `recording`: `failure`, the count of events up to the
 * first failure (or, with none, the first cancel: a stop); `cancel`, up to
 * the last event of the cancel's millisecond. -1 where there is none.
 */
function landmarks(recording) {
  const length = recording?.length ?? 0;
  let failure = -1, first = -1;
  for (let i = 0; i < length && failure < 0; i++) {
    const { type } = recording.event(i);
    if (type === "fail") failure = i + 1;
    if (first < 0 && (type === "cancel" || type === "abort")) first = i;
  }
  if (failure < 0 && first >= 0) failure = first + 1;
  if (first < 0) for (let i = Math.max(0, failure); i < length && first < 0; i++) if (["cancel", "abort"].includes(recording.event(i).type)) first = i;
  let cancel = -1;
  if (first >= 0) {
    const at = recording.at(first);
    cancel = first + 1;
    while (cancel < length && recording.at(cancel) === at) cancel++;
  }
  return { failure, cancel };
}
