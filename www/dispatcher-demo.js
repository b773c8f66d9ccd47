// <dispatcher-demo>: the whole demo as one element, for this page and for
// anyone's documentation:
//
//   <script type="module" src="https://example.org/dispatcher-demo/www/dispatcher-demo.js"></script>
//   <dispatcher-demo workers="4" jobs="40" seed="7" autorun></dispatcher-demo>
//
// Each setting is a property (`demo.queueLength = 4`), reflected to an
// attribute by the same kebab-case name as the page's URL parameter. A change
// made at any moment is kept: before the element is defined, while a run goes
// (it applies to the next run, and the form shows it at once), or in the form.
// Every URL is resolved from this module's own, so it works from any path.
// Instances are independent and share one wasm instance.
//
// Not settings: `theme` ("light", "dark" or "auto"; left out, it follows the
// page), `page-url` (the page that Copy link links to; without it, or
// `sync-url`, there is no Copy link), `sync-url` (the settings live in the
// page's URL, as on the demo page) and `sources` (where the code panel links
// its source files to: the repository's root, resolved from the document).
//
// This file holds the lifecycle and the run; the parts are modules of their
// own: template.js, controls.js (the form), summary.js, log-view.js,
// timeline.js and grid.js (the canvases), and wasm.js (the module).
import { SETTINGS, FLAGS, DEFAULTS, readSettings, toSearch, describeError } from "./settings.js";
import { RunState } from "./run-state.js";
import { template } from "./template.js";
import { loadModule, loadedModule, onCrash, startRun } from "./wasm.js";
import { Controls, presetOptions } from "./controls.js";
import { Stage } from "./stage.js";
import { addStyles } from "./assets.js";
import { Teach } from "./teach.js";
import { Recording } from "./recording.js";
import { followHostTheme } from "./theme.js";
import { nameParts, showParts, foldParts, nameRuns } from "./parts.js";
import { followPrint } from "./print.js";

/** Attributes any element may have, which are not settings. */
const HTML_ATTRIBUTE = /^(sync-url|page-url|sources|theme|parts|preset|at|event|id|class|style|title|lang|dir|hidden|tabindex|part|slot|inert|role|aria-.*|data-.*)$/;
const BY_NAME = new Map(SETTINGS.map((setting) => [setting.name, setting]));
const BY_OPTION = new Map(SETTINGS.map((setting) => [setting.option, setting]));
/** Attributes that are no setting, but change how the element looks. */
const LOOKS = ["theme", "page-url", "sync-url", "parts"];

export class DispatcherDemo extends HTMLElement {
  static observedAttributes = [...SETTINGS.map((setting) => setting.name), ...FLAGS, ...LOOKS];

  // Each setting's property, `demo.workers` to `demo.failFast`: `null` for a
  // setting left to its default. Set, it is reflected to its attribute (with
  // `sync-url`, to the page's URL instead) and shown in the form.
  static {
    for (const { option } of SETTINGS) {
      Object.defineProperty(this.prototype, option, {
        get() { return this.#settings[option] ?? null; },
        set(value) { this.#propertiesSet({ [option]: value }); },
      });
    }
  }

  /** Whether the element runs as soon as it is connected and the module is in. */
  get autorun() {
    return this.#autorun;
  }

  set autorun(value) {
    this.#autorun = Boolean(value);
    this.#reflect("autorun", this.#autorun ? "" : null);
  }

  /** The settings as the properties hold them, by option; a setting left out has its default. */
  #settings = {};
  #autorun = false;
  /** For each option, the name it was given under, for messages. */
  #given = new Map();
  /** An attribute or parameter that is no setting: checkOptions says what it may be. */
  #unknownSetting = null;
  /** A setting given twice (`{ name, texts }`), and each option's text as given: for messages. */
  #repeated = null;
  #texts = new Map();
  /** Settings that contradict each other, said in words; or null. */
  #conflict = null;
  /** Set while a property writes its own attribute, so that the change is not taken again. */
  #reflecting = false;
  #controls;
  #stage;
  #internals;
  #teach;
  /** Aborted on disconnection: every listener and observer added on connection goes with it. */
  #connection = null;
  /** The run going: its AbortController, PauseController, state and start; or null. */
  #current = null;
  /** Whether a run has begun: until then the stage shows the run the settings make (#preview). */
  #ran = false;
  /** While printing a still frame, what the stage showed before. */
  #beforePrint = null;

  // Constructed: the shadow root, and its parts, found once.
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(template.content.cloneNode(true));
    addStyles(root);
    // The page's theme is a custom state, :state(dark) or :state(light), which the stylesheet reads.
    this.#internals = this.attachInternals();
    this.#controls = new Controls(root);
    this.#stage = new Stage(root, { current: () => this.#current });
    this.#teach = new Teach(root, this.#stage);
    // A group, which its own aria-label may name; its parts have ::part names.
    this.#internals.role = "group";
    nameParts(root);
  }

  // Connected: take the settings (from the attributes, or with `sync-url`
  // the page's URL), then any property set before the element was defined;
  // listen; load wasm, and run if `autorun` is set.
  connectedCallback() {
    // On a phone the settings fold away, so that Run and the run are on the
    // first screen. (The screen's width, not the element's: reading that
    // would lay the page out, for each element.)
    if (matchMedia("(max-width: 35em)").matches) this.shadowRoot.querySelector(".settings-box").open = false;
    showParts(this);
    foldParts(this);
    nameRuns(this);
    this.#readSettings();
    for (const property of [...BY_OPTION.keys(), "autorun"]) this.#upgradeProperty(property);
    this.#connection = new AbortController();
    const signal = this.#connection.signal;
    this.#listen(signal);
    followHostTheme(this, this.#internals.states, () => this.#stage.repaint(), { signal });
    followPrint((printing) => this.#printing(printing), { signal });
    this.#controls.page = this.#page();
    // A preset (the article's run) fills what the settings leave out; a link's moment (`at`) runs, and opens there.
    const { preset, at, event } = this.#pageParams();
    const presetLoaded = preset && !this.#settings.waits
      ? presetOptions(preset).then((options) => this.#holdAndShow(Object.fromEntries(Object.entries(options).filter(([option]) => this.#settings[option] === undefined))), () => {})
      : null;
    if (at !== null) this.#teach.openAt(at, event);
    Promise.all([loadModule(), presetLoaded]).then(
      () => {
        if (signal.aborted) return;
        this.#controls.runnable = true;
        this.#controls.status("Ready.");
        if (this.#validate(this.#settings) && (this.#autorun || at !== null)) this.run().catch(() => {});
        else this.#preview();
      },
      (error) => this.#controls.fail(`Could not load the WebAssembly module (${error.message}).`),
    );
    this.#stage.schedule();
  }

  // Disconnected: stop the run, and remove every listener and observer.
  disconnectedCallback() {
    this.stop();
    this.#connection?.abort();
    this.#connection = null;
  }

  // An attribute changed: its property takes it, and the form shows it, even
  // while a run goes; the next run runs with it.
  attributeChangedCallback(name, _, text) {
    if (this.#reflecting) return;
    if (LOOKS.includes(name)) {
      showParts(this);
      this.#controls.page = this.#page();
      this.#stage.repaint();
      return;
    }
    const { options, autorun, given } = readSettings(text === null ? [] : [[name, text]]);
    if (FLAGS.includes(name)) {
      this.#autorun = autorun;
      return;
    }
    const { option } = BY_NAME.get(name);
    this.#given.delete(option);
    this.#texts.set(option, text ?? "");
    this.#repeated = null;
    this.#conflict = null;
    for (const [key, value] of given) this.#given.set(key, value);
    this.#holdAndShow({ [option]: options[option] });
    if (!this.hasAttribute("sync-url")) this.#unknownSetting = readSettings(this.#attributePairs()).unknown;
    this.#settingsChanged(this.#settings);
  }

  /**
   * The wasm instance panicked: say so, drop the run it was doing (it will
   * never settle), and load a fresh instance.
   */
  crashed(panic) {
    const message = panic.replace(/\s*\n\s*/g, " ");
    const current = this.#current;
    this.#current = null;
    current?.crash(new Error(`the WebAssembly module panicked: ${message}`));
    this.#controls.showRunning(false);
    this.#controls.runnable = false;
    this.#controls.message(`The WebAssembly module crashed (${message}). Loading a fresh one…`);
    loadModule().then(() => {
      if (!this.isConnected) return;
      this.#controls.runnable = true;
      this.#controls.message(`The WebAssembly module crashed (${message}), and a fresh one has been loaded.`);
      this.#controls.status("Ready.");
    });
  }

  /** The settings as a query string; with `page-url` or `sync-url`, a link to that page with them. */
  get link() {
    return this.#controls.link();
  }

  /** Whether a run is going. */
  get running() {
    return this.#current !== null;
  }

  /**
   * Runs with the current settings, after stopping a run that is going.
   * Resolves with the report; rejects, and says why on the element, if a
   * setting is invalid.
   */
  async run({ compare = false } = {}) {
    if (this.#current) {
      const previous = this.#current;
      previous.abort.abort();
      previous.go?.abort.abort();
      await previous.done.catch(() => {});
    }
    const glue = await loadModule();
    const options = this.#controls.read();
    // Compare mode: ours with cancel in-flight, and Go's way beside it, on the same waits.
    if (compare) options.cancelInFlight = true;
    if (!this.#validate(options)) throw glue.checkOptions(options) ?? new Error(this.shadowRoot.querySelector(".message").textContent);
    this.#controls.message(null);
    const setup = {
      jobs: options.waits ? options.waits.length : options.jobs,
      workers: options.workers,
      queueLength: options.queueLength,
      waits: options.waits,
      logLines: glue.logLines,
    };
    const speed = options.speed ?? 1;
    const begin = (runOptions) => {
      const state = new RunState(setup);
      const recording = new Recording(setup);
      const started = performance.now();
      const handle = startRun(glue, runOptions, (event) => {
        state.apply(event);
        state.lastEvent = event;
        recording.push(event);
        this.#stage.schedule();
      });
      return { ...handle, state, recording, started, speed, options: runOptions };
    };
    this.#ran = true;
    const current = begin(options);
    if (compare) current.go = begin({ ...options, cancelInFlight: false });
    const state = current.state;
    this.#current = current;
    this.#controls.showRunning(true);
    this.#controls.status(compare ? "Running both: cancel in-flight, and Go's way…" : "Running…");
    this.#teach.started(current);
    try {
      const [report, goReport] = await Promise.all([current.done, current.go?.done]);
      state.finish(report);
      if (goReport) current.go.state.finish(goReport);
      this.#teach.finished();
      this.#controls.status(`Done: ${report.status}.`);
      this.#stage.schedule();
      this.dispatchEvent(new CustomEvent("done", { bubbles: true, composed: true, detail: report }));
      return report;
    } catch (error) {
      this.#controls.fail(`The run failed: ${error.message}`);
      throw error;
    } finally {
      if (loadedModule()) {
        current.pause.free();
        current.go?.pause.free();
      }
      if (this.#current === current) {
        this.#current = null;
        this.#controls.showRunning(false);
      }
    }
  }

  /** Stops the run that is going, if any, as its AbortSignal would. */
  stop() {
    this.#current?.abort.abort();
    this.#current?.go?.abort.abort();
  }

  /** Runs the same waits twice at once, with cancel in-flight and Go's way, on two timelines. */
  compare() {
    return this.run({ compare: true });
  }

  /** The code panel's lit lines (Go's, Rust's), by line number. */
  get litLines() {
    return this.#teach.lit;
  }

  /** The page Copy link links to: `page-url`, resolved from the document, or with `sync-url` this page; or null. */
  #page() {
    const page = this.getAttribute("page-url");
    if (page !== null) return new URL(page, document.baseURI).href;
    return this.hasAttribute("sync-url") ? location.href.split(/[?#]/)[0] : null;
  }

  /** A property set before the element was defined shadows the prototype's: take it through the setter. */
  #upgradeProperty(property) {
    if (!Object.hasOwn(this, property)) return;
    const value = this[property];
    delete this[property];
    this[property] = value;
  }

  #listen(signal) {
    this.#controls.listen({
      signal,
      run: () => this.run().catch(() => {}),
      stop: () => this.stop(),
      pause: () => this.#togglePause(),
      change: (changes) => this.#formChanged(changes),
    });
    this.#stage.listen({ signal, status: (text) => this.#controls.status(text) });
    this.#teach.listen({ signal, compare: () => this.compare().catch(() => {}) });
    onCrash((message) => this.crashed(message), { signal });
  }

  #togglePause() {
    const current = this.#current;
    if (!current) return;
    const paused = !current.pause.paused;
    for (const { pause } of [current, current.go].filter(Boolean)) {
      if (paused) pause.pause();
      else pause.resume();
    }
    this.#controls.showPaused(paused);
    this.#controls.status(paused ? "Paused: no job starts; running jobs go on." : "Running…");
  }

  // Settings: the properties hold them, the form shows them, and the form is
  // what runs. Attributes (or, with `sync-url`, the page's URL) fill the
  // properties on connection and reflect them after.

  #attributePairs() {
    return [...this.attributes].filter(({ name }) => !HTML_ATTRIBUTE.test(name)).map(({ name, value }) => [name, value]);
  }

  /** Whether the settings come from the page's URL: with `sync-url`, when it has any; else the attributes give them. */
  #fromUrl() {
    return this.hasAttribute("sync-url") && [...new URLSearchParams(location.search).keys()].some((name) => name !== "at" && name !== "event");
  }

  /** The preset (an attribute, or with `sync-url` a parameter) and a link's moment, `at`, in ms (or null). */
  #pageParams() {
    const params = new URLSearchParams(this.hasAttribute("sync-url") ? location.search : "");
    const preset = (this.#fromUrl() ? params.get("preset") : this.getAttribute("preset")) ?? null;
    const text = params.get("at") ?? this.getAttribute("at");
    const number = (value) => (value !== null && value.trim() !== "" && Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : null);
    const at = number(text);
    return { preset, at, event: number(params.get("event") ?? this.getAttribute("event")) };
  }

  #readSettings() {
    const pairs = this.#fromUrl() ? [...new URLSearchParams(location.search)] : this.#attributePairs();
    const { options, autorun, given, unknown, repeated, texts } = readSettings(pairs);
    this.#settings = {};
    this.#holdAndShow(Object.fromEntries(SETTINGS.map(({ option }) => [option, options[option]])));
    this.#autorun = autorun;
    this.#given = given;
    this.#unknownSetting = unknown;
    this.#repeated = repeated;
    this.#texts = texts;
    // Given waits stand for the jobs: a number of jobs that disagrees with them is a mistake to point out.
    if (options.waits && typeof options.jobs === "number" && Array.isArray(options.waits) && options.jobs !== options.waits.length) {
      this.#conflict = `${given.get("jobs")} is ${options.jobs}, but ${options.waits.length} waits are given, which set the number of jobs: leave ${given.get("jobs")} out`;
    } else this.#conflict = null;
  }

  /** Holds `changes` (option → value; null or undefined for the default) in the properties. */
  #hold(changes) {
    for (const [option, value] of Object.entries(changes)) {
      if (value === null || value === undefined) delete this.#settings[option];
      else this.#settings[option] = value;
    }
  }

  /** Holds `changes`, and shows them in the form. */
  #holdAndShow(changes) {
    this.#hold(changes);
    for (const [option, value] of Object.entries(changes)) this.#controls.show(option, value);
  }

  /** Writes `changes` to their attributes. With `sync-url` the URL holds the settings instead. */
  #reflectAll(changes) {
    for (const [option, value] of Object.entries(changes)) {
      const text = value === null || value === undefined ? null : Array.isArray(value) ? value.join(",") : String(value);
      this.#reflect(BY_OPTION.get(option).name, text);
    }
  }

  /** Writes a property's attribute: `null` removes it. */
  #reflect(name, text) {
    if (this.hasAttribute("sync-url")) return;
    this.#reflecting = true;
    try {
      if (text === null) this.removeAttribute(name);
      else this.setAttribute(name, text);
    } finally {
      this.#reflecting = false;
    }
  }

  /** Settings set as properties: held, shown, reflected, and checked. */
  #propertiesSet(changes) {
    this.#holdAndShow(changes);
    this.#reflectAll(changes);
    this.#settingsChanged(this.#settings);
  }

  /** Settings the user changed in the form, which shows them: the properties take them, and name them as the form does. */
  #formChanged(changes) {
    this.#hold(changes);
    this.#reflectAll(changes);
    this.#unknownSetting = null;
    this.#repeated = null;
    this.#conflict = null;
    // Named as the form names them: "Max wait (ms)", not max-wait-ms.
    this.#given = this.#controls.labels();
    this.#texts = new Map();
    this.#settingsChanged(this.#controls.read());
    if (this.#current) this.#controls.status("Running… Your change applies to the next run: press Run to start it.");
  }

  /** After a change: with `sync-url` the URL follows, and the settings are checked (`options`, which hold them). */
  #settingsChanged(options) {
    if (this.#connection && this.hasAttribute("sync-url")) {
      history.replaceState(null, "", toSearch(this.#controls.read()) || location.pathname);
    }
    if (loadedModule() && this.#validate(options)) this.#preview();
  }

  /**
   * Before the first run, the stage shows the run that the settings make,
   * not an empty box: its workers idle, its jobs waiting, nothing yet on
   * the timeline. It follows the settings until Run is pressed.
   */
  #preview() {
    if (!this.#ran) this.#stage.show(this.#planned());
  }

  /** The run that the settings make, before it starts: a still frame. */
  #planned() {
    const options = { ...DEFAULTS, ...this.#controls.read() };
    const jobs = options.waits ? options.waits.length : options.jobs;
    const planned = new RunState({ jobs, workers: options.workers, queueLength: options.queueLength, waits: options.waits, logLines: loadedModule().logLines });
    planned.planned = true;
    planned.frozenAtMs = 0;
    return planned;
  }

  /**
   * Printing began or ended. A run that is going would print half-finished:
   * the stage shows a still frame of the run the settings make instead, and
   * after printing what it showed before (the run, settled by then or not).
   */
  #printing(printing) {
    if (printing && this.#current && loadedModule()) {
      this.#beforePrint = this.#stage.shown;
      this.#internals.states.add("printing-still");
      this.#stage.show(this.#planned());
    } else if (!printing && this.#beforePrint) {
      this.#internals.states.delete("printing-still");
      this.#stage.show(this.#beforePrint);
      this.#beforePrint = null;
    } else return;
    // Printing lays the page out now: no animation frame comes first.
    this.#stage.drawNow();
  }

  /**
   * Checks `options` and says what is wrong. The properties are checked
   * rather than the form when they may hold what a number input or a
   * checkbox cannot show.
   */
  #validate(options) {
    const unknown = this.#unknownSetting;
    const invalid = loadedModule().checkOptions(unknown === null ? options : { [unknown]: true });
    const repeated = this.#repeated;
    const message = repeated
      ? `${repeated.name} is given twice (${repeated.texts.map((text) => JSON.stringify(text)).join(" and ")}): give it once`
      : this.#conflict ?? (invalid ? describeError(invalid, this.#given, this.#texts) : null);
    this.#controls.message(message);
    this.#controls.markInvalid(repeated ? BY_NAME.get(repeated.name).option : this.#conflict ? "jobs" : invalid?.option ?? null);
    if (message && !this.#current) this.#controls.status("Not run: a setting is wrong (see below).");
    else if (!this.#current) this.#controls.status("Ready.");
    return !message;
  }
}

if (!customElements.get("dispatcher-demo")) customElements.define("dispatcher-demo", DispatcherDemo);
