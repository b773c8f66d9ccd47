// What makes the demo teach, beside the stage and the narration: the code
// panel, the scrubber over the recorded run, and the compare mode's second
// timeline (Go's way). A module of its own (in dist/, a file of its own),
// imported when one of them is first shown: teaching.js, which the element
// holds, tells it of each run, and calls `measure` before each of the stage's
// frames and `drawGoWays` and `drawWords` after it.
import { CodePanel } from "./code-panel.js";
import { Scrubber } from "./scrubber.js";
import { GUTTER, AXIS, laneGeometry } from "./timeline.js";
import { axisSpan } from "./time-axis.js";
import { LANES } from "./compare.js";
import { STATE_NAMES, ABORTED } from "./run-state.js";

/** The states' names in the lane of Go's select, where a running job at the cancel stops itself. */
const SELECT_NAMES = STATE_NAMES.map((name, state) => (state === ABORTED ? "stopped by its own check of ctx.Done()" : name));

export class Teach {
  #root;
  #stage;
  #code;
  #scrubber;
  #compareBox;
  #compareText;
  #goTimeline;
  #selectTimeline;
  /** The latest run: `{ state, recording, options, goWay }`, `goWay` the same for Go's way in compare mode. */
  #run = null;
  /** The events on show, or null for the live end. */
  #count = null;
  /** The moment asked for (the URL's `at`), to go to once the run has settled. */
  #pendingAt = null;
  /** The compare mode's shared span. */
  #span = 0;
  /** The moment on show (a replayed RunState) while #count is not null. */
  #moment = null;
  /** The lane followed in compare mode (its radio button): "rust", "select" or "go" (LANES). */
  #followed = "rust";
  #gridTitle;

  /** `Timeline` is the element's (timeline.js), given so that this module, in dist/ a file of its own, does not hold it again. */
  constructor(root, stage, Timeline) {
    this.#root = root;
    this.#stage = stage;
    this.#code = new CodePanel(root);
    this.#scrubber = new Scrubber(root);
    this.#compareBox = root.querySelector(".compare-box");
    this.#compareText = root.querySelector(".compare-text");
    this.#goTimeline = new Timeline(root.querySelector(".go-timeline"));
    this.#selectTimeline = new Timeline(root.querySelector(".select-timeline"));
    this.#gridTitle = root.querySelector(".grid-title");
  }

  /** Listens to the scrubber until `signal` aborts. */
  listen({ signal }) {
    this.#scrubber.listen({ signal, seek: (count) => this.showMoment(count) });
    for (const radio of this.#root.querySelectorAll('input[name="follow"]')) {
      radio.addEventListener("change", () => {
        this.#followed = radio.value;
        if (this.#run) this.#show(this.#count === null ? this.#run.state : this.#moment);
      }, { signal });
    }
  }

  /**
   * The lane followed, `{ lane, state, options }`: in compare mode the one
   * whose radio button is checked, at the moment on show; else ours.
   */
  #lane() {
    const run = this.#run;
    const lane = run.goWay ? this.#followed : "rust";
    const way = { rust: run, select: run.selectWay, go: run.goWay }[lane];
    const stepping = this.#count !== null;
    const state = way === run ? (stepping ? this.#moment : run.state) : stepping ? way.shown ?? way.state : way.state;
    // Go's jobs that select on ctx.Done() are not dropped: each stops by its own check.
    if (lane === "select") state.stateNames = SELECT_NAMES;
    return { lane, state, options: way.options };
  }

  /** Shows `ours` (a RunState) on the stage, and the followed lane's jobs on its grid, titled. */
  #show(ours) {
    const { lane, state } = this.#lane();
    const stopped = lane === "select" ? " Its ✂ jobs stopped by their own check of ctx.Done()." : "";
    const title = `The grid: every job of the lane followed, ${LANES[lane]}.${stopped} The code panel follows it too.`;
    if (this.#gridTitle.textContent !== title) this.#gridTitle.textContent = title;
    this.#stage.show(ours, state);
  }

  /** The code panel's lit lines, by language, for tests. */
  get lit() {
    return this.#code.lit;
  }

  /**
   * Opens on `ms` once the next run has settled (a link's moment), after
   * `event` events if the recording has its last one within 50 ms of `ms`:
   * several events may come in the same millisecond (the failure, the cancel
   * and the aborts do), and a run on real timers is not the same to the
   * microsecond twice.
   */
  openAt(ms, event = null) {
    this.#pendingAt = { ms, event };
  }

  /** A run began: `run` is `{ state, recording, options, goWay }` (teaching.js has written the narration's first words). */
  started(run) {
    this.#run = run;
    this.#count = null;
    this.#span = 0;
    this.#compareBox.hidden = !run.goWay;
    this.#root.host.toggleAttribute("comparing", Boolean(run.goWay));
    this.#show(run.state);
  }

  /** Whether the scrubber shows a moment of the run, not its live end. */
  get stepping() {
    return this.#count !== null;
  }

  /** The moment on show while stepping (a replayed RunState). */
  get moment() {
    return this.#moment;
  }

  /** The run (and Go's, in compare mode) settled. */
  finished() {
    const run = this.#run;
    if (!run) return;
    if (this.#pendingAt !== null && run.recording.complete) {
      const { ms, event } = this.#pendingAt;
      this.#pendingAt = null;
      const recording = run.recording;
      const near = event !== null && event >= 1 && event <= recording.length && Math.abs(recording.at(event - 1) - ms) < 50;
      this.showMoment(near ? event : Math.min(recording.length - 1, recording.countAt(ms)), near ? undefined : ms);
    } else if (this.#count === null) this.#show(run.state);
    this.#stage.schedule();
  }

  /**
   * The recording the scrubber steps through: ours, or in compare mode once
   * all have settled, Go's (the article's) where it ends later, so that the
   * slider covers the longest lane.
   */
  #lead() {
    const { recording, state, goWay } = this.#run;
    const go = goWay?.recording;
    const longer = go?.complete && go.length && recording.length && goWay.state.report && state.report && go.at(go.length - 1) > recording.at(recording.length - 1);
    return longer ? go : recording;
  }

  /** Shows the run after the first `count` events of the scrubber's recording; null, or all of them, is the live end. */
  showMoment(count, atMs) {
    const run = this.#run;
    if (!run?.recording.complete) return;
    const { recording, state } = run;
    const lead = this.#lead();
    const ways = [run.selectWay, run.goWay].filter(Boolean);
    // The last event, or past it, is the live end: the settled run, or the run still going.
    if (count === null || count >= lead.length) {
      this.#count = null;
      for (const way of ways) way.shown = way.state;
      this.#show(state);
      this.#setUrl(null);
      return;
    }
    this.#count = count = Math.max(0, Math.min(count, lead.length));
    const ms = atMs ?? (count > 0 ? lead.at(count - 1) : 0);
    // Every lane at the same moment: the scrubber's by its count, the others by the time.
    const at = (kept) => (kept === lead ? kept.replay(count, ms) : kept.replay(kept.countAt(ms), ms));
    const moment = at(recording);
    moment.spanMs = this.#span || axisSpan(0, state.lastMs, state.report?.elapsedMs ?? null);
    for (const way of ways) {
      way.shown = way.recording.complete ? at(way.recording) : way.state;
      way.shown.spanMs = moment.spanMs;
    }
    this.#moment = moment;
    this.#show(moment);
    this.#setUrl(ms);
  }

  /** With sync-url, the moment on show goes into the page's URL as `at`. */
  #setUrl(ms) {
    if (!this.#root.host.hasAttribute("sync-url")) return;
    const url = new URL(location.href);
    url.searchParams.delete("at");
    url.searchParams.delete("event");
    if (ms !== null) {
      url.searchParams.set("at", ms.toFixed(1));
      url.searchParams.set("event", String(this.#count));
    }
    history.replaceState(null, "", url.search.replaceAll("%2C", ",") || location.pathname);
  }

  /** Before each of the stage's frames, while nothing has written to the page: what the code panel reads of the layout. */
  measure() {
    this.#code.measure();
  }

  /** After each of the stage's frames, as often as teaching.js draws the words: the code panel's and the scrubber's. */
  drawWords(nowMs) {
    const run = this.#run;
    if (!run) return;
    // The code of the lane followed, at its last event.
    const { lane, state, options } = this.#lane();
    const event = state.lastEvent ?? null;
    this.#code.show(event, {
      cancelInFlight: options.cancelInFlight ?? true,
      failedBefore: state.cancelAtMs !== null && event?.type === "succeed",
      lane,
    });
    // At the live end, the scrubber's time is the end of its recording, which in compare mode may be Go's.
    const lead = this.#lead();
    const endMs = lead === run.recording || !lead.length ? nowMs : Math.max(nowMs, lead.at(lead.length - 1));
    this.#scrubber.show(lead, this.#count, this.#count === null ? endMs : this.#moment.frozenAtMs);
  }

  /**
   * Go's two ways in compare mode, on the axis all three timelines share, at
   * the moment on show: each lane's state then, in words, and the bracket
   * from where ours settled to where the article's Go does, as far as the
   * moment has come. After each of the stage's frames in compare mode.
   */
  drawGoWays(colors) {
    const run = this.#run;
    const wall = performance.now();
    const ways = [[run, "Rust", null], [run.selectWay, "Go with select", this.#selectTimeline], [run.goWay, "Go (article)", this.#goTimeline]];
    const states = ways.map(([way]) => way.state);
    const settled = states.every((state) => state.report) ? Math.max(...states.map((state) => state.report.elapsedMs)) : null;
    this.#span = axisSpan(this.#span, Math.max(...states.map((state) => state.nowMs(wall))), settled);
    for (const state of states) state.spanMs = this.#span;
    const stepping = this.#count !== null;
    const shown = ways.map(([way]) => (way === run ? (stepping ? this.#moment : run.state) : stepping ? way.shown ?? way.state : way.state));
    ways.forEach(([, , timeline], i) => timeline?.draw(shown[i], colors, shown[i].nowMs(wall)));
    // Each lane as it stands: settled (every job ended, at its last event), or what it still has going.
    const ended = (state) => state.report !== null || state.ended === state.jobs;
    const words = ways.map(([, name], i) => {
      const state = shown[i];
      return ended(state) ? `${name} settled at ${Math.round(state.lastMs)} ms` : `${name} has ${state.running} running, ${state.queued} queued`;
    });
    const [ours, , go] = shown;
    const more = ended(ours) && ended(go) ? ` The article's Go took ${Math.round(go.lastMs) - Math.round(ours.lastMs)} ms more: its jobs' time.Sleep does not look at ctx.` : "";
    this.#compareText.textContent = `${stepping ? `At ${Math.round(ours.nowMs(wall))} ms: ` : ""}${words.join("; ")}.${more}`;
    if (!stepping && settled === null) this.#stage.schedule();
    if (ended(ours) && go.nowMs(wall) > ours.lastMs) {
      markDifference(this.#root.querySelector(".go-timeline"), colors, this.#span, ours.lastMs, ended(go) ? go.lastMs : go.nowMs(wall));
    }
  }
}

/** A bracket on Go's timeline from where ours settled to where Go's did, with the difference. */
function markDifference(canvas, colors, span, from, to) {
  const c = canvas.getContext("2d", { willReadFrequently: true });
  const width = canvas.knownWidth || canvas.clientWidth;
  const height = parseFloat(canvas.style.height) || canvas.clientHeight;
  const { x } = laneGeometry({ width, height, span });
  const y = height - AXIS - 14;
  const x0 = Math.round(x(from)) + 0.5, x1 = Math.round(x(to)) + 0.5;
  c.save();
  c.strokeStyle = colors.now;
  c.fillStyle = colors.now;
  c.lineWidth = 2;
  c.setLineDash([3, 3]);
  c.beginPath();
  c.moveTo(x0, 0);
  c.lineTo(x0, height - AXIS);
  c.stroke();
  c.setLineDash([]);
  c.beginPath();
  c.moveTo(x0, y);
  c.lineTo(x1, y);
  c.moveTo(x1, y - 6);
  c.lineTo(x1, y + 6);
  c.stroke();
  const text = `+${Math.round(to) - Math.round(from)} ms`;
  c.font = "600 12px system-ui, sans-serif";
  c.textBaseline = "bottom";
  const w = c.measureText(text).width;
  const tx = Math.min(Math.max(GUTTER, (x0 + x1) / 2 - w / 2), width - w - 4);
  c.fillStyle = colors.background;
  c.fillRect(tx - 3, y - 18, w + 6, 16);
  c.fillStyle = colors.now;
  c.fillText(text, tx, y - 3);
  c.restore();
}

