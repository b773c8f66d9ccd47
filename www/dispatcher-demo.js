// <dispatcher-demo>: the whole demo as one element, for this page and for
// anyone's documentation:
//
//   <script type="module" src="https://example.org/dispatcher-demo/www/dispatcher-demo.js"></script>
//   <dispatcher-demo workers="4" jobs="40" seed="7" autorun></dispatcher-demo>
//
// Its attributes are the settings, by the same kebab-case names as the page's
// URL parameters. Every URL is resolved from this module's own, so it works
// from any path. Instances are independent and share one wasm instance.
import { SETTINGS, FLAGS, DEFAULTS, readSettings, toSearch, describeError } from "./settings.js";
import { RunState, STATE_NAMES, GLYPHS, SUCCEEDED, FAILED, CANCELED, ABORTED } from "./run-state.js";
import { Timeline } from "./timeline.js";
import { Grid } from "./grid.js";

const STYLESHEET = new URL("./dispatcher-demo.css", import.meta.url).href;
const ARTICLE_RUN = new URL("./article-run.json", import.meta.url);
const DEMO_PAGE = new URL("../index.html", import.meta.url);

// The wasm module, shared by every instance: `api` is its JS module once it
// has loaded. A panic traps a wasm instance for good, so then every element
// is told, and the next load imports the JS module anew (a new URL is a new
// module), which instantiates a fresh one.
const GLUE = new URL("../pkg/dispatcher_demo.js", import.meta.url);
let api = null;
let loading = null;
let generation = 0;
const elements = new Set();

function loadWasm() {
  loading ??= (async () => {
    const glue = await import(generation ? `${GLUE}?instance=${generation}` : GLUE.href);
    await glue.default({ module_or_path: new URL("../pkg/dispatcher_demo_bg.wasm", import.meta.url) });
    glue.onPanic((message) => crashed(glue, message));
    api = glue;
    return glue;
  })();
  return loading;
}

function crashed(glue, message) {
  if (api !== glue) return;
  api = null;
  loading = null;
  generation++;
  for (const element of elements) element.crashed(message);
}

let article = null;
const loadArticle = () => (article ??= fetch(ARTICLE_RUN).then((response) => response.json()));

const randomSeed = () => Math.floor(Math.random() * 2 ** 32);

const ENDED = [SUCCEEDED, FAILED, CANCELED, ABORTED];
/** Attributes any element may have, which are not settings. */
const HTML_ATTRIBUTE = /^(sync-url|id|class|style|title|lang|dir|hidden|tabindex|part|slot|inert|role|aria-.*|data-.*)$/;
/** The log shows this many lines at most: the first and last halves. Copy log copies them all. */
const LOG_LINES_SHOWN = 2000;
/**
 * The log's lines go in blocks of this many. Blocks other than the first two
 * and the last two, which show at the log's ends, are laid out only when they
 * are scrolled into view ("far" in the stylesheet, which assumes this many
 * lines a block).
 */
const LOG_BLOCK = 100;
/** Lines of the log put together between the page's turns, when it is copied. */
const LINES_PER_COPY = 20_000;
/** While a run goes, the summary and the log change at most this often. */
const TEXT_EVERY_MS = 200;

const template = document.createElement("template");
template.innerHTML = `
  <link rel="stylesheet" href="${STYLESHEET}">
  <form class="controls" novalidate>
    <fieldset class="settings">
      <legend>Settings</legend>
      <label class="wide">Jobs to run
        <select name="preset">
          <option value="seed">Waits drawn from the seed</option>
          <option value="article">The article's run (100 given waits)</option>
          <option value="given" hidden>Given waits</option>
        </select>
      </label>
      <label>Workers <input name="workers" type="number" inputmode="numeric" min="1" step="1"></label>
      <label>Queue length <input name="queue-length" type="number" inputmode="numeric" min="1" step="1"></label>
      <label>Jobs <input name="jobs" type="number" inputmode="numeric" min="0" step="1"></label>
      <label>Max wait (ms) <input name="max-wait-ms" type="number" inputmode="numeric" min="1" step="1"></label>
      <label>Threshold (ms) <input name="threshold-ms" type="number" inputmode="numeric" min="0" step="1"></label>
      <div class="field">
        <label for="seed">Seed</label>
        <span class="joined"><input id="seed" name="seed" type="number" inputmode="numeric" min="0" step="1"><button type="button" class="new-seed">New seed</button></span>
      </div>
      <label class="check"><input name="cancel-in-flight" type="checkbox"> Cancel in-flight jobs</label>
      <label class="check"><input name="fail-fast" type="checkbox"> Fail fast</label>
    </fieldset>
    <div class="actions">
      <button type="submit" class="run primary" disabled>Run</button>
      <button type="button" class="stop" disabled>Stop</button>
      <button type="button" class="pause" aria-pressed="false" disabled>Pause</button>
      <button type="button" class="copy-link">Copy link</button>
      <span class="status" role="status">Loading…</span>
    </div>
  </form>
  <p class="message" role="alert" hidden></p>
  <section class="stage" aria-label="The run">
    <div class="meters">
      <div class="meter queue">
        <span class="meter-label">Queue</span>
        <span class="meter-bar"><span class="meter-fill"></span></span>
        <span class="meter-value">0 / 0</span>
      </div>
      <div class="meter running">
        <span class="meter-label">Running</span>
        <span class="meter-bar"><span class="meter-fill"></span></span>
        <span class="meter-value">0 / 0</span>
      </div>
      <div class="meter done">
        <span class="meter-label">Done</span>
        <progress class="progress" max="1" value="0"></progress>
        <span class="meter-value">0 / 0</span>
      </div>
    </div>
    <canvas class="timeline" role="img" aria-label="Workers' timeline"></canvas>
    <ul class="legend" aria-label="States"></ul>
    <canvas class="grid" role="img" aria-label="Every job's state"></canvas>
  </section>
  <dl class="summary" aria-label="Summary"></dl>
  <details class="log-box" open>
    <summary>Log</summary>
    <button type="button" class="copy-log" disabled>Copy log</button>
    <pre class="log" role="log" tabindex="0" aria-label="The original program's output"></pre>
  </details>
`;

export class DispatcherDemo extends HTMLElement {
  static observedAttributes = [...SETTINGS.map((setting) => setting.name), ...FLAGS];

  #ui = null;
  /** Listeners added on connection, all removed on disconnection. */
  #connection = null;
  #resize = null;
  #current = null;
  #shown = null;
  #frame = 0;
  #colors = null;
  #waits = null;
  #grid = null;
  #timeline = null;
  #textDrawn = 0;
  /** The settled run whose summary and log are drawn. */
  #textDrawnFor = null;
  /** The log was at its end before its text changed: scroll it there in the next frame, when that forces no layout. */
  #logToBottom = false;
  #given = new Map();
  /** The message for an attribute or parameter that is no setting. */
  #unknownSetting = null;
  /** The options as read from the attributes or the URL. */
  #read = {};

  constructor() {
    super();
    this.attachShadow({ mode: "open" }).append(template.content.cloneNode(true));
  }

  // Connected: find the parts once, listen, load wasm, read the settings, and
  // run if `autorun` is set.
  connectedCallback() {
    elements.add(this);
    const root = this.shadowRoot;
    const find = (selector) => root.querySelector(selector);
    this.#ui ??= {
      form: find("form"),
      fields: Object.fromEntries(SETTINGS.filter((s) => s.name !== "waits").map((s) => [s.name, find(`[name="${s.name}"]`)])),
      preset: find('[name="preset"]'),
      run: find(".run"),
      stop: find(".stop"),
      pause: find(".pause"),
      copy: find(".copy-link"),
      copyLog: find(".copy-log"),
      newSeed: find(".new-seed"),
      status: find(".status"),
      message: find(".message"),
      queue: find(".queue"),
      running: find(".running"),
      done: find(".done"),
      timeline: find(".timeline"),
      legend: find(".legend"),
      grid: find(".grid"),
      summary: find(".summary"),
      log: find(".log"),
    };
    this.#drawLegend();
    const ui = this.#ui;
    this.#connection = new AbortController();
    const signal = this.#connection.signal;
    ui.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.run().catch(() => {});
    }, { signal });
    ui.stop.addEventListener("click", () => this.stop(), { signal });
    ui.pause.addEventListener("click", () => this.#togglePause(), { signal });
    ui.copy.addEventListener("click", () => this.#copyLink(), { signal });
    ui.copyLog.addEventListener("click", () => this.#copyLog(), { signal });
    ui.newSeed.addEventListener("click", () => {
      ui.fields.seed.value = randomSeed();
      this.#settingsChanged();
    }, { signal });
    ui.preset.addEventListener("change", () => this.#choosePreset(ui.preset.value), { signal });
    ui.form.addEventListener("change", (event) => {
      if (event.target !== ui.preset) this.#settingsChanged();
    }, { signal });
    root.querySelector('link[rel="stylesheet"]').addEventListener("load", () => {
      this.#colors = null;
      this.#schedule();
    }, { signal });
    for (const query of ["(prefers-color-scheme: dark)", "(prefers-reduced-motion: reduce)"]) {
      matchMedia(query).addEventListener("change", () => {
        this.#colors = null;
        this.#schedule();
      }, { signal });
    }
    this.#resize = new ResizeObserver(() => this.#schedule());
    this.#resize.observe(ui.timeline);

    const { autorun } = this.#readSettings();
    loadWasm().then(
      () => {
        if (signal.aborted) return;
        ui.run.disabled = false;
        this.#status("Ready.");
        if (this.#validate(this.#read) && autorun) this.run().catch(() => {});
      },
      (error) => this.#fail(`Could not load the WebAssembly module (${error.message}).`),
    );
    this.#schedule();
  }

  // Disconnected: stop the run, and remove every listener and observer.
  disconnectedCallback() {
    elements.delete(this);
    this.stop();
    this.#connection?.abort();
    this.#resize?.disconnect();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  // An attribute changed: take the new settings, unless a run is going.
  attributeChangedCallback() {
    if (this.#ui && !this.#current) {
      this.#readSettings();
      if (api) this.#validate(this.#read);
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
    this.#setRunning(false);
    this.#ui.run.disabled = true;
    this.#showMessage(`The WebAssembly module crashed (${message}). Loading a fresh one…`);
    loadWasm().then(() => {
      if (!this.isConnected) return;
      this.#ui.run.disabled = false;
      this.#showMessage(`The WebAssembly module crashed (${message}), and a fresh one has been loaded.`);
      this.#status("Ready.");
    });
  }

  /** The settings as a query string, for a link to the demo page. */
  get link() {
    const { options } = this.#formSettings();
    return new URL(toSearch(options), DEMO_PAGE).href;
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
    const { run, checkOptions, PauseController } = await loadWasm();
    const { options, given } = this.#formSettings();
    const invalid = checkOptions(options);
    if (invalid) {
      this.#showMessage(describeError(invalid, given));
      throw invalid;
    }
    this.#showMessage(null);
    const abort = new AbortController();
    const pause = new PauseController();
    const state = new RunState({
      jobs: options.waits ? options.waits.length : options.jobs,
      workers: options.workers,
      queueLength: options.queueLength,
      waits: options.waits,
    });
    const started = performance.now();
    let crash;
    const crashed = new Promise((_, reject) => (crash = reject));
    crashed.catch(() => {}); // it may come before the run has started, and is raced then
    const done = (async () => {
      // The run starts in a task of its own: setting up a million jobs takes
      // a while, and the click that asked for them has had its share.
      await new Promise((resolve) => setTimeout(resolve));
      const report = run({ ...options, signal: abort.signal, pause }, (event) => {
        state.apply(event);
        this.#schedule();
      });
      return Promise.race([report, crashed]);
    })();
    const current = { abort, pause, state, done, started, crash };
    this.#current = current;
    this.#shown = state;
    this.#setRunning(true);
    this.#status("Running…");
    this.#schedule();
    try {
      const report = await done;
      state.finish(report);
      this.#status(`Done: ${report.status}.`);
      this.#schedule();
      this.dispatchEvent(new CustomEvent("done", { bubbles: true, composed: true, detail: report }));
      return report;
    } catch (error) {
      this.#fail(`The run failed: ${error.message}`);
      throw error;
    } finally {
      if (api) pause.free();
      if (this.#current === current) {
        this.#current = null;
        this.#setRunning(false);
      }
    }
  }

  /** Stops the run that is going, if any, as its AbortSignal would. */
  stop() {
    this.#current?.abort.abort();
  }

  #togglePause() {
    const current = this.#current;
    if (!current) return;
    const paused = !current.pause.paused;
    if (paused) current.pause.pause();
    else current.pause.resume();
    this.#ui.pause.setAttribute("aria-pressed", String(paused));
    this.#ui.pause.textContent = paused ? "Resume" : "Pause";
    this.#status(paused ? "Paused: no job starts; running jobs go on." : "Running…");
  }

  #setRunning(running) {
    const ui = this.#ui;
    ui.run.disabled = running;
    ui.stop.disabled = !running;
    ui.pause.disabled = !running;
    ui.pause.setAttribute("aria-pressed", "false");
    ui.pause.textContent = "Pause";
    ui.form.classList.toggle("busy", running);
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
    const settings = { ...DEFAULTS, seed: randomSeed(), ...options };
    const ui = this.#ui;
    for (const { name, option, kind } of SETTINGS) {
      const field = ui.fields[name];
      if (!field) continue;
      if (kind === "boolean") field.checked = settings[option] === true;
      else field.value = settings[option] ?? "";
    }
    this.#waits = options.waits ?? null;
    this.#unknownSetting = unknown;
    loadArticle().then(
      (run) => this.#showPreset(run),
      () => this.#showPreset(null),
    );
    this.#showPreset(null);
    return { autorun: autorun && !unknown };
  }

  /**
   * Checks settings, by default the form's; says what is wrong. Settings as
   * read are checked before they fill the form, where a number input or a
   * checkbox would lose what was wrong with them.
   */
  #validate(options = this.#formSettings().options) {
    if (this.#unknownSetting) {
      this.#showMessage(this.#unknownSetting);
      return false;
    }
    const given = this.#given;
    const invalid = api.checkOptions(options);
    this.#showMessage(invalid ? describeError(invalid, given) : null);
    return !invalid;
  }

  #formSettings() {
    const fields = this.#ui.fields;
    const pairs = [];
    for (const { name, kind } of SETTINGS) {
      const field = fields[name];
      if (!field) continue;
      pairs.push([name, kind === "boolean" ? String(field.checked) : field.value]);
    }
    const { options } = readSettings(pairs);
    if (this.#waits) options.waits = this.#waits;
    return { options, given: this.#given };
  }

  #settingsChanged() {
    this.#unknownSetting = null;
    this.#given = new Map();
    if (api) this.#validate();
    if (this.hasAttribute("sync-url")) {
      history.replaceState(null, "", toSearch(this.#formSettings().options) || location.pathname);
    }
  }

  #showPreset(articleRun) {
    const ui = this.#ui;
    const waits = this.#waits;
    const isArticle = articleRun && waits && waits.length === articleRun.waits.length && waits.every((w, i) => w === articleRun.waits[i]);
    ui.preset.value = !waits ? "seed" : isArticle ? "article" : "given";
    ui.preset.querySelector('[value="given"]').hidden = ui.preset.value !== "given";
    if (ui.preset.value === "given") ui.preset.querySelector('[value="given"]').textContent = `Given waits (${waits.length})`;
    for (const name of ["jobs", "max-wait-ms", "seed"]) ui.fields[name].disabled = Boolean(waits);
    ui.newSeed.disabled = Boolean(waits);
  }

  async #choosePreset(preset) {
    if (preset === "article") {
      const run = await loadArticle();
      const fields = this.#ui.fields;
      fields.workers.value = run.workers;
      fields["queue-length"].value = run.queueLength;
      fields["threshold-ms"].value = run.thresholdMs;
      fields.jobs.value = run.waits.length;
      fields["max-wait-ms"].value = run.maxWaitMs;
      this.#waits = run.waits;
      this.#showPreset(run);
    } else if (preset === "seed") {
      this.#waits = null;
      this.#showPreset(null);
    }
    this.#settingsChanged();
  }

  async #copyLink() {
    const link = this.link;
    try {
      await navigator.clipboard.writeText(link);
      this.#status("Link copied.");
    } catch {
      this.#status(`Link: ${link}`);
    }
  }

  /**
   * Copies the whole log of the run shown, once it has settled. A million
   * lines are put together a slice at a time, the page having its turn in
   * between; the clipboard takes the promise of them, as browsers that want
   * the copy made during the click allow.
   */
  async #copyLog() {
    const log = this.#shown?.report ? this.#shown.log : null;
    if (!log) return;
    const text = (async () => {
      const parts = [];
      for (let from = 0; from < log.length; from += LINES_PER_COPY) {
        if (from) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        const lines = log.slice(from, Math.min(log.length, from + LINES_PER_COPY));
        parts.push(lines.join("\n"), from + LINES_PER_COPY < log.length ? "\n" : "");
      }
      return new Blob(parts, { type: "text/plain" });
    })();
    try {
      if (globalThis.ClipboardItem) await navigator.clipboard.write([new ClipboardItem({ "text/plain": text })]);
      else await navigator.clipboard.writeText(await (await text).text());
      this.#status(`Log copied: ${log.length} lines.`);
    } catch (error) {
      this.#status(`The log could not be copied (${error.message}).`);
    }
  }

  #status(text) {
    this.#ui.status.textContent = text;
  }

  #showMessage(text) {
    const message = this.#ui.message;
    message.hidden = !text;
    message.textContent = text ?? "";
  }

  #fail(text) {
    this.#showMessage(text);
    this.#status("");
  }

  // Drawing: at most once per animation frame, and only while something moves.

  #schedule() {
    if (!this.#frame && this.isConnected) this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #draw() {
    this.#frame = 0;
    const run = this.#shown;
    const colors = this.#colors ?? this.#readColors();
    const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    const spreadMs = reducedMotion ? 0 : 450;
    const wallNow = performance.now();
    const ui = this.#ui;
    if (!run) {
      this.#drawMeters({ queued: 0, queueLength: 0, running: 0, workers: 0, ended: 0, jobs: 0 });
      return;
    }
    const nowMs = run.report ? run.report.elapsedMs : Math.max(run.lastMs, wallNow - this.#current?.started || 0);
    // Text costs the browser a layout: while the run goes, a few times a
    // second is enough; once it has settled, once.
    const textDue = run.report
      ? this.#textDrawnFor !== run
      : wallNow - this.#textDrawn >= TEXT_EVERY_MS || (run.logLines > 0 && ui.log.dataset.lines === "0");
    // Layout is read before anything writes to the DOM, so that reading
    // forces no layout: whether the log is scrolled to its end, and the
    // canvases' sizes.
    if (this.#logToBottom) {
      this.#logToBottom = false;
      ui.log.scrollTop = ui.log.scrollHeight;
    }
    const logAtBottom = textDue && this.#logAtBottom();
    const repainting = (this.#timeline ??= new Timeline(ui.timeline)).draw(run, colors, nowMs);
    (this.#grid ??= new Grid(ui.grid)).draw(run, colors, { wallNow, spreadMs });
    this.#drawMeters(run);
    if (textDue) {
      this.#textDrawn = wallNow;
      this.#textDrawnFor = run.report ? run : null;
      this.#drawSummary(run, nowMs);
      this.#drawLog(run, logAtBottom);
    }
    const spreading = run.cancelWall !== null && wallNow - run.cancelWall < spreadMs;
    if ((!run.report && !reducedMotion) || spreading || repainting) this.#schedule();
  }

  #drawMeters({ queued, queueLength, running, workers, ended, jobs }) {
    const ui = this.#ui;
    const meter = (box, value, max) => {
      const text = `${value} / ${max}`;
      const label = box.querySelector(".meter-value");
      if (label.textContent === text) return;
      label.textContent = text;
      const fill = box.querySelector(".meter-fill");
      if (fill) fill.style.width = `${max ? (100 * value) / max : 0}%`;
    };
    meter(ui.queue, queued, queueLength);
    meter(ui.running, running, workers);
    meter(ui.done, ended, jobs);
    const progress = ui.done.querySelector("progress");
    progress.max = Math.max(jobs, 1);
    progress.value = ended;
  }

  #drawLegend() {
    const legend = this.#ui.legend;
    legend.replaceChildren(...["running", ...ENDED.map((code) => STATE_NAMES[code])].map((name) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `swatch ${name}`;
      swatch.textContent = GLYPHS[STATE_NAMES.indexOf(name)];
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, name);
      return item;
    }));
  }

  #drawSummary(run, nowMs) {
    const report = run.report;
    const rows = [];
    const status = report ? report.status : this.#current?.pause.paused ? "paused" : "running";
    rows.push(["Status", status, `status ${status}`]);
    if (report && !report.errors.length) rows.push(["Error", "none"]);
    else if (report && report.errors.length > 1) {
      rows.push([`Errors (${report.errors.length})`, report.errors.map((error) => error.message).join("\n"), "error"]);
    } else if (report?.error) rows.push(["First error", report.error.message, "error"]);
    rows.push(["Elapsed", `${nowMs.toFixed(1)} ms`]);
    if (report?.timingDistorted) {
      rows.push(["Timing", `distorted: timers were held back, a job ending ${report.maxLateMs.toFixed(0)} ms after its wait (was the tab in the background?)`, "warning"]);
    }
    rows.push(["Jobs", ENDED.map((code) => `${GLYPHS[code]} ${run.counts[code]} ${STATE_NAMES[code]}`).join("   ")]);
    if (report && run.cancelAtMs !== null) {
      const from = run.failure?.atMs ?? run.cancelAtMs;
      rows.push(["Cancellation took", `${(report.elapsedMs - from).toFixed(1)} ms, from ${from.toFixed(1)} ms to the end`]);
    }
    if (report) rows.push(["Seed", report.seed === null ? "none: the waits were given" : String(report.seed)]);
    this.#ui.summary.replaceChildren(...rows.flatMap(([term, text, className]) => {
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = term;
      dd.textContent = text;
      if (className) dd.className = className;
      return [dt, dd];
    }));
  }

  #logAtBottom() {
    const box = this.#ui.log;
    return box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  }

  #drawLog(run, atBottom) {
    const box = this.#ui.log;
    const final = Boolean(run.report);
    if (box.dataset.lines === String(run.logLines) && box.dataset.final === String(final)) return;
    // A settled run's log: its `length` and `slice`, which writes only the lines shown.
    const log = run.log;
    const shown = !final
      ? run.logTail()
      : log.length > LOG_LINES_SHOWN
        ? [...log.slice(0, LOG_LINES_SHOWN / 2), `… ${log.length - LOG_LINES_SHOWN} more lines …`, ...log.slice(-LOG_LINES_SHOWN / 2)]
        : log.slice(0, log.length);
    const blocks = [];
    const count = Math.ceil(shown.length / LOG_BLOCK);
    for (let from = 0; from < shown.length; from += LOG_BLOCK) {
      const block = document.createElement("span");
      const index = from / LOG_BLOCK;
      if (index >= 2 && index < count - 2) block.className = "far";
      const to = Math.min(shown.length, from + LOG_BLOCK);
      block.textContent = shown.slice(from, to).join("\n") + (to < shown.length ? "\n" : "");
      blocks.push(block);
    }
    box.replaceChildren(...blocks);
    box.dataset.lines = String(run.logLines);
    box.dataset.final = String(final);
    this.#ui.copyLog.disabled = !final;
    if (atBottom) {
      this.#logToBottom = true;
      this.#schedule();
    }
  }

  /** The colours, from the stylesheet's custom properties; kept once the stylesheet is in. */
  #readColors() {
    const style = getComputedStyle(this.shadowRoot.querySelector(".stage"));
    const get = (name) => style.getPropertyValue(name).trim();
    const state = ["--dd-queued", "--dd-queued", "--dd-running", "--dd-succeeded", "--dd-failed", "--dd-canceled", "--dd-aborted"].map(get);
    const colors = {
      state,
      aborted: get("--dd-aborted"),
      onState: get("--dd-on-state"),
      lane: get("--dd-lane"),
      grid: get("--dd-grid"),
      muted: get("--dd-muted"),
      now: get("--dd-now"),
      background: get("--dd-panel"),
    };
    // Before the stylesheet has loaded there are none, and canvases drew black: read them again then.
    if (state.every(Boolean)) this.#colors = colors;
    return colors;
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
