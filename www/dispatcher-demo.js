// <dispatcher-demo>: the whole demo as one element, for this page and for
// anyone's documentation (docs/embedding.md says how, and what its
// attributes that are no settings do: theme, page-url, sync-url, sources):
//
//   <script type="module" src="https://example.org/dispatcher-demo/www/dispatcher-demo.js"></script>
//   <dispatcher-demo workers="4" jobs="40" seed="7" autorun></dispatcher-demo>
//
// Each setting is a property (`demo.queueLength = 4`), and the properties are
// the truth: an attribute (by the same kebab-case name as the page's URL
// parameter), the URL (with `sync-url`) and the form all write through one
// path, #apply, which reflects the properties to the attributes (or the URL)
// and the form, and checks them with the module's one check; Run runs the
// properties. A change made at any moment is kept: before the element is
// defined, while a run goes (it applies to the next run), or in the form.
//
// This file holds the lifecycle, the properties and the run; the parts are
// modules of their own: template.js, settings.js (the properties' store),
// setting-sources.js, controls.js and form.js (the form), stage.js (the
// drawing), teaching.js and teach.js (the teaching parts), live-run.js and replay.js (a run
// going, live or replayed), wasm.js (the module, which every instance shares).
import { OPTIONS } from "./spec.js";
import { FLAGS, BY_NAME, BY_ATTRIBUTE, DEFAULTS, Settings, readPairs, readText, writeText, flagOn, toSearch, randomSeed } from "./settings.js";
import { template } from "./template.js";
import { loadModule, loadedModule, onCrash } from "./wasm.js";
import { Controls, presetOptions } from "./controls.js";
import { Stage } from "./stage.js";
import { addStyles } from "./assets.js";
import { Teaching } from "./teaching.js";
import { plannedRun, newRun, recordedRuns } from "./live-run.js";
import { showMap } from "./show-map.js";
import { followHostTheme } from "./theme.js";
import { nameParts, showParts, foldParts, nameRuns } from "./parts.js";
import { followPrint, stillWhilePrinting } from "./print.js";
import { attributePairs, fromUrl, pageParams, linkedPage, linkTo, setOwnAttribute, settingOwnAttribute } from "./setting-sources.js";

/** Attributes that are no setting, but change how the element looks. */
const LOOKS = ["theme", "page-url", "sync-url", "parts"];

export class DispatcherDemo extends HTMLElement {
  static observedAttributes = [...OPTIONS.map((spec) => spec.attribute), ...FLAGS, ...LOOKS];

  // Each setting's property, `demo.workers` to `demo.speed`: null for a setting left to its default. A string
  // is read as the attribute's text is: frameworks (Vue) set a custom element's properties from a template.
  static {
    for (const spec of OPTIONS) {
      Object.defineProperty(this.prototype, spec.name, {
        get() { return this.#settings.value(spec.name); },
        set(value) { this.#apply([[spec.name, typeof value === "string" ? readText(spec, value) : value]], "js"); },
      });
    }
  }

  /** Whether the element runs as soon as it is connected and the module is in. */
  get autorun() {
    return this.#autorun;
  }

  set autorun(value) {
    this.#autorun = Boolean(value);
    setOwnAttribute(this, "autorun", this.#autorun ? "" : null);
  }

  /** The properties' values, each with where it was given. */
  #settings = new Settings();
  /** The seed the element runs with while none is given: the form shows it, and a link carries it. */
  #seed = randomSeed();
  #autorun = false;
  #controls;
  #stage;
  #internals;
  #teach;
  /** Aborted on disconnection: every listener and observer added on connection goes with it. */
  #connection = null;
  /** The run going (live-run.js), or null. */
  #current = null;
  /** Whether a run has begun: until then the stage shows the run the settings make (#preview). */
  #ran = false;
  /** The page's own map run shown last (show-map.js), or null. */
  #own = null;

  // Constructed: the shadow root, and its parts, found once.
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(template.content.cloneNode(true));
    addStyles(root);
    // The page's theme is a custom state, :state(dark) or :state(light), which the stylesheet reads.
    this.#internals = this.attachInternals();
    this.#controls = new Controls(root);
    this.#stage = new Stage(root, {
      paused: () => Boolean(this.#current?.paused),
      beforeDraw: () => this.#teach.measure(),
      afterDraw: (colors, nowMs) => this.#teach.draw(colors, nowMs),
    });
    this.#teach = new Teaching(root, this.#stage);
    // A group, which its own aria-label may name; its parts have ::part names.
    this.#internals.role = "group";
    nameParts(root);
  }

  // Connected: take the settings (from the attributes, or with `sync-url`
  // the page's URL), then any property set before the element was defined;
  // listen; load wasm, and run if `autorun` is set. Meanwhile, show the run the settings make.
  connectedCallback() {
    // On a phone the settings fold away, so that Run and the run are on the first
    // screen. (The screen's width: reading the element's would lay the page out.)
    if (matchMedia("(max-width: 35em)").matches) this.shadowRoot.querySelector(".settings-box").open = false;
    showParts(this);
    foldParts(this);
    nameRuns(this);
    this.#readSettings();
    // A property set before the element was defined shadows the prototype's: take it through the setter.
    for (const property of [...OPTIONS.map((spec) => spec.name), "autorun"].filter((name) => Object.hasOwn(this, name))) {
      const value = this[property];
      delete this[property];
      this[property] = value;
    }
    this.#connection = new AbortController();
    const signal = this.#connection.signal;
    this.#listen(signal);
    followHostTheme(this, this.#internals.states, () => this.#stage.repaint(), { signal });
    const still = () => plannedRun(this.#runOptions(), loadedModule().logLines);
    const going = () => this.#current !== null && loadedModule() !== null;
    followPrint(stillWhilePrinting({ stage: this.#stage, states: this.#internals.states, going, still }), { signal });
    this.#controls.linkable = linkedPage(this) !== null;
    // A preset (the article's run) fills what the settings leave out, as the
    // form's own values; a link's moment (`at`) runs, and opens there.
    const { preset, at, event } = pageParams(this);
    const presetLoaded = preset && this.waits === null
      ? presetOptions(preset).then((options) => this.#apply(Object.entries(options).filter(([option]) => this[option] === null), "js", { reflect: false }), () => {})
      : null;
    if (at !== null) this.#teach.openAt(at, event);
    Promise.all([loadModule(), presetLoaded]).then(
      () => {
        if (signal.aborted) return;
        this.#controls.runnable = true;
        this.#controls.status("Ready.");
        if (!this.#check() && (this.#autorun || at !== null)) this.run().catch(() => {});
      },
      (error) => this.#controls.fail(`Could not load the WebAssembly module (${error.message}).`),
    );
    this.#stage.show(this.#ran ? this.#stage.shown : plannedRun(this.#runOptions()));
  }

  // Disconnected: stop the run, and remove every listener and observer.
  disconnectedCallback() {
    this.#own?.detach();
    this.stop();
    this.#connection?.abort();
    this.#connection = null;
  }

  // An attribute changed: its property takes it, even while a run goes; the next run runs with it.
  attributeChangedCallback(name, _, text) {
    if (settingOwnAttribute(this)) return;
    if (LOOKS.includes(name)) {
      showParts(this);
      this.#teach.partsChanged();
      this.#controls.linkable = linkedPage(this) !== null;
      this.#stage.repaint();
    } else if (FLAGS.includes(name)) this.#autorun = text !== null && flagOn(text);
    else {
      const spec = BY_ATTRIBUTE.get(name);
      if (!this.hasAttribute("sync-url")) this.#settings.unknown = readPairs(attributePairs(this)).unknown;
      this.#apply([[spec.name, text === null ? null : readText(spec, text), text]], "text");
    }
  }

  /** The wasm instance panicked: say so, drop the run it was doing (it will never settle), and load a fresh one. */
  crashed(panic) {
    const message = panic.replace(/\s*\n\s*/g, " ");
    this.#current?.crash(new Error(`the WebAssembly module panicked: ${message}`));
    this.#current = null;
    this.#controls.crashed(message);
    loadModule().then(() => this.isConnected && this.#controls.crashed(message, { reloaded: true }));
  }

  /** The settings as a query string, with `autorun` (a shared link opens running); with `page-url` or `sync-url`, a link to that page with them. */
  get link() {
    return linkTo(linkedPage(this), toSearch(this.#runOptions(), { autorun: true }));
  }

  /** Whether a run is going: the demo's, or the page's own that it shows. */
  get running() {
    return this.#current !== null || Boolean(this.#own?.going);
  }

  /**
   * Runs with the current settings, after stopping a run that is going.
   * Resolves with the report; rejects, and says why on the element, if a
   * setting is invalid: with the message the element shows.
   */
  async run({ compare = false, live = false } = {}) {
    this.#own?.detach();
    const previous = this.#current;
    previous?.stop();
    await previous?.done.catch(() => {});
    const glue = await loadModule();
    if (compare) await this.#teach.load();
    const invalid = this.#check();
    if (invalid) throw invalid;
    this.#ran = true;
    const current = (this.#current = await newRun(glue, this.#runOptions(), { compare, live, changed: () => this.#stage.schedule() }));
    this.#controls.showRunning(true);
    this.#controls.status(`${current.replayed ? "Replaying the article's run" : "Running"}${compare ? ", and Go's two ways" : ""}…`);
    this.#teach.started(current);
    try {
      const report = await current.settled();
      this.#teach.finished();
      this.#controls.status(`Done: ${report.status}${current.replayed ? ", the article's run, replayed" : ""}.`);
      this.#stage.schedule();
      this.dispatchEvent(new CustomEvent("done", { bubbles: true, composed: true, detail: report }));
      return report;
    } catch (error) {
      this.#controls.fail(`The run failed: ${error.message}`);
      throw error;
    } finally {
      current.free();
      if (this.#current === current) {
        this.#current = null;
        this.#controls.showRunning(false);
      }
    }
  }

  /** Stops the run that is going, if any, as its AbortSignal would. */
  stop() {
    this.#current?.stop();
    this.#own?.stop();
  }

  /** Shows the page's own run: `run(options)` calls the JS API's `map` with the page's options (`given`) and the element's `onProgress` and `signal`; settles as that does (show-map.js). */
  showMap(given, run) {
    this.#own?.detach();
    this.#ran = true;
    const stopDemo = () => (this.#current?.stop(), this.#current?.done.catch(() => {}));
    return (this.#own = showMap({ host: this, root: this.shadowRoot, stage: this.#stage, controls: this.#controls, stopDemo }, given, run)).result;
  }

  /** Runs the same waits twice at once, with cancel in-flight and Go's way, on two timelines. */
  compare() { return this.run({ compare: true }); }

  /** The code panel's lit lines (Go's, Rust's), by line number. */
  get litLines() { return this.#teach.lit; }

  #listen(signal) {
    this.#controls.listen({
      signal,
      run: () => this.run().catch(() => {}),
      runLive: () => this.run({ live: true }).catch(() => {}),
      stop: () => this.stop(),
      pause: () => this.#togglePause(),
      change: (changes) => this.#formChanged(changes),
      link: () => this.link,
    });
    this.#stage.listen({ signal, status: (text) => this.#controls.status(text) });
    this.#teach.listen({ signal, compare: () => this.compare().catch(() => {}) });
    onCrash((message) => this.crashed(message), { signal });
  }

  #togglePause() {
    if (!this.#current) return;
    const paused = this.#current.togglePause();
    this.#controls.showPaused(paused);
    this.#controls.status(!paused ? "Running…" : this.#current.replayed ? "Paused: the replay's clock is held." : "Paused: no job starts; running jobs go on.");
  }

  /**
   * The settings on connection: with `sync-url`, afresh from the page's URL
   * if it has any; else the attributes gave theirs already (as they
   * changed), and only names that are no setting are left to find.
   */
  #readSettings() {
    const fromPage = fromUrl(this);
    const { settings, autorun, unknown } = readPairs(fromPage ? [...new URLSearchParams(location.search)] : attributePairs(this));
    if (fromPage) {
      this.#settings.clear();
      this.#autorun = autorun;
      this.#settings.apply(settings, "text");
    }
    this.#settings.unknown = unknown;
    for (const { name } of OPTIONS) this.#controls.show(name, this.#shown(name));
  }

  /**
   * The one path of a setting: `changes`, `[option, value, text]` given
   * from `source` ("js" for a property, "text" for an attribute, "form"),
   * go into the properties; unless they came from the attributes (or a
   * preset), the attributes (or with `sync-url` the URL) show them; the form
   * shows them; and the one check says whether they may run.
   */
  #apply(changes, source, { reflect = source !== "text" } = {}) {
    this.#settings.apply(changes, source);
    if (reflect) {
      this.#settings.settle();
      if (this.hasAttribute("sync-url") && this.#connection) history.replaceState(null, "", toSearch(this.#runOptions()) || location.pathname);
      for (const [option] of changes) {
        const value = this.#settings.value(option);
        setOwnAttribute(this, BY_NAME.get(option).attribute, value === null ? null : writeText(value));
      }
    }
    for (const [option] of changes) this.#controls.show(option, this.#shown(option));
    this.#check();
  }

  /** What the user changed in the form, which now shows the one value of each setting. */
  #formChanged(changes) {
    this.#settings.unknown = [];
    this.#apply(changes, "form");
    if (this.#current) this.#controls.status("Running… Your change applies to the next run: press Run to start it.");
  }

  /** What the form shows for `option`: its value, or its default (for the seed, the one it runs with). */
  #shown(option) {
    return this.#settings.value(option) ?? (option === "seed" ? this.#seed : DEFAULTS[option] ?? null);
  }

  /** What a run is given: the properties, with the seed the form shows. */
  #runOptions() {
    return { seed: this.#seed, ...this.#settings.options() };
  }

  /**
   * The one check, the module's, of the settings as they were given: shows
   * its message as it is and marks the field, or, where they may run, shows
   * the run they make. Returns the error, or null (and null while the module loads).
   */
  #check() {
    const glue = loadedModule();
    if (!glue) return null;
    const invalid = glue.checkSettings(this.#settings.given());
    this.#controls.message(invalid?.message ?? null);
    this.#controls.markInvalid(invalid?.option ?? null);
    if (!this.#current && !this.#own?.going) this.#controls.status(invalid ? "Not run: a setting is wrong (see below)." : "Ready.");
    if (!invalid) this.#preview();
    return invalid;
  }

  /**
   * Before the first run, the stage shows the run that the settings make,
   * not an empty box: its workers idle, its jobs waiting, nothing yet on
   * the timeline. It follows the settings until Run is pressed.
   */
  #preview() {
    if (!this.#ran) this.#stage.show(plannedRun(this.#runOptions(), loadedModule().logLines));
    recordedRuns(this.#runOptions()).then((recorded) => (this.#controls.replayed = recorded !== null));
  }
}

if (!customElements.get("dispatcher-demo")) customElements.define("dispatcher-demo", DispatcherDemo);
