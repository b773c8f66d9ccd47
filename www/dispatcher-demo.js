// <dispatcher-demo>: the whole demo as one element, for this page and for
// anyone's documentation:
//
//   <script type="module" src="https://example.org/dispatcher-demo/www/dispatcher-demo.js"></script>
//   <dispatcher-demo workers="4" jobs="40" seed="7" autorun></dispatcher-demo>
//
// Its attributes are the settings, by the same kebab-case names as the page's
// URL parameters. Every URL is resolved from this module's own, so it works
// from any path. Instances are independent and share one wasm instance.
//
// This file holds the lifecycle and the run; the parts are modules of their
// own: template.js, controls.js (the form), summary.js, log-view.js,
// timeline.js and grid.js (the canvases), and wasm.js (the module).
import { SETTINGS, FLAGS, readSettings, toSearch, describeError } from "./settings.js";
import { RunState } from "./run-state.js";
import { template } from "./template.js";
import { loadModule, loadedModule, onCrash, startRun } from "./wasm.js";
import { Controls } from "./controls.js";
import { Stage } from "./stage.js";

/** Attributes any element may have, which are not settings. */
const HTML_ATTRIBUTE = /^(sync-url|id|class|style|title|lang|dir|hidden|tabindex|part|slot|inert|role|aria-.*|data-.*)$/;

export class DispatcherDemo extends HTMLElement {
  static observedAttributes = [...SETTINGS.map((setting) => setting.name), ...FLAGS];

  /** The options as read from the attributes or the URL. */
  #read = {};
  /** For each option, the name it was given under, for messages. */
  #given = new Map();
  /** The message for an attribute or parameter that is no setting. */
  #unknownSetting = null;
  #controls;
  #stage;
  /** Aborted on disconnection: every listener and observer added on connection goes with it. */
  #connection = null;
  /** The run going: its AbortController, PauseController, state and start; or null. */
  #current = null;

  // Constructed: the shadow root, and its parts, found once.
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(template.content.cloneNode(true));
    this.#controls = new Controls(root);
    this.#stage = new Stage(root, { current: () => this.#current });
  }

  // Connected: read the settings, listen, load wasm, and run if `autorun` is set.
  connectedCallback() {
    const { autorun } = this.#readSettings();
    this.#connection = new AbortController();
    const signal = this.#connection.signal;
    this.#listen(signal);
    loadModule().then(
      () => {
        if (signal.aborted) return;
        this.#controls.runnable = true;
        this.#controls.status("Ready.");
        if (this.#validate(this.#read) && autorun) this.run().catch(() => {});
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

  // An attribute changed: take the new settings, unless a run is going.
  attributeChangedCallback() {
    if (!this.#current) {
      this.#readSettings();
      if (loadedModule()) this.#validate(this.#read);
    }
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

  /** The settings as a query string, for a link to the demo page. */
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
  async run() {
    if (this.#current) {
      const previous = this.#current;
      previous.abort.abort();
      await previous.done.catch(() => {});
    }
    const glue = await loadModule();
    const options = this.#controls.read();
    const invalid = glue.checkOptions(options);
    if (invalid) {
      this.#controls.message(describeError(invalid, this.#given));
      throw invalid;
    }
    this.#controls.message(null);
    const state = new RunState({
      jobs: options.waits ? options.waits.length : options.jobs,
      workers: options.workers,
      queueLength: options.queueLength,
      waits: options.waits,
    });
    const started = performance.now();
    const handle = startRun(glue, options, (event) => {
      state.apply(event);
      this.#stage.schedule();
    });
    const current = { ...handle, state, started };
    this.#current = current;
    this.#controls.showRunning(true);
    this.#controls.status("Running…");
    this.#stage.show(state);
    try {
      const report = await current.done;
      state.finish(report);
      this.#controls.status(`Done: ${report.status}.`);
      this.#stage.schedule();
      this.dispatchEvent(new CustomEvent("done", { bubbles: true, composed: true, detail: report }));
      return report;
    } catch (error) {
      this.#controls.fail(`The run failed: ${error.message}`);
      throw error;
    } finally {
      if (loadedModule()) current.pause.free();
      if (this.#current === current) {
        this.#current = null;
        this.#controls.showRunning(false);
      }
    }
  }

  /** Stops the run that is going, if any, as its AbortSignal would. */
  stop() {
    this.#current?.abort.abort();
  }

  #listen(signal) {
    this.#controls.listen({
      signal,
      run: () => this.run().catch(() => {}),
      stop: () => this.stop(),
      pause: () => this.#togglePause(),
      change: () => this.#formChanged(),
    });
    this.#stage.listen({ signal, status: (text) => this.#controls.status(text) });
    onCrash((message) => this.crashed(message), { signal });
  }

  #togglePause() {
    const current = this.#current;
    if (!current) return;
    const paused = !current.pause.paused;
    if (paused) current.pause.pause();
    else current.pause.resume();
    this.#controls.showPaused(paused);
    this.#controls.status(paused ? "Paused: no job starts; running jobs go on." : "Running…");
  }

  // Settings: attributes (or, with `sync-url`, the page's URL) fill the form;
  // the form is what runs.

  #readSettings() {
    const pairs = this.hasAttribute("sync-url")
      ? [...new URLSearchParams(location.search)]
      : [...this.attributes].filter(({ name }) => !HTML_ATTRIBUTE.test(name)).map(({ name, value }) => [name, value]);
    const { options, autorun, given, unknown } = readSettings(pairs);
    this.#read = options;
    this.#given = given;
    this.#unknownSetting = unknown;
    for (const { option } of SETTINGS) this.#controls.show(option, options[option]);
    return { autorun: autorun && !unknown };
  }

  /** Settings the user changed in the form (New seed and the preset change some at once). */
  #formChanged() {
    this.#unknownSetting = null;
    this.#given = new Map();
    if (loadedModule()) this.#validate(this.#controls.read());
    if (this.hasAttribute("sync-url")) {
      history.replaceState(null, "", toSearch(this.#controls.read()) || location.pathname);
    }
  }

  /**
   * Checks `options` and says what is wrong. Settings as read are checked
   * before they fill the form, where a number input or a checkbox would lose
   * what was wrong with them.
   */
  #validate(options) {
    if (this.#unknownSetting) {
      this.#controls.message(this.#unknownSetting);
      return false;
    }
    const invalid = loadedModule().checkOptions(options);
    this.#controls.message(invalid ? describeError(invalid, this.#given) : null);
    return !invalid;
  }
}

// Reflect each setting's attribute as a property: `demo.queueLength = 4`.
for (const { name, option, kind } of SETTINGS) {
  Object.defineProperty(DispatcherDemo.prototype, option, {
    get() {
      const text = this.getAttribute(name);
      if (text === null) return null;
      if (kind === "boolean") return text === "true";
      if (kind === "list") return text.split(",").map(Number);
      return Number(text);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, Array.isArray(value) ? value.join(",") : String(value));
    },
  });
}
Object.defineProperty(DispatcherDemo.prototype, "autorun", {
  get() { return this.hasAttribute("autorun"); },
  set(value) { this.toggleAttribute("autorun", Boolean(value)); },
});

if (!customElements.get("dispatcher-demo")) customElements.define("dispatcher-demo", DispatcherDemo);
