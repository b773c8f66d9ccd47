// The form of <dispatcher-demo>: its settings' fields and the preset, the
// buttons, the status line and the message. It shows the settings it is given
// and reports what the user changes; the element decides what to do with
// either. Copy link and New seed are its own.
import { SETTINGS, DEFAULTS, DRAWN, readSettings, toSearch } from "./settings.js";
import { RANDOM_SEEDS } from "./spec.js";
import { fetchArticleRun } from "./assets.js";

/** A seed for a form that was given none, drawn as the module draws one. */
const randomSeed = () => Math.floor(Math.random() * (RANDOM_SEEDS + 1));

let article = null;
/** The article's run, loaded once: null until then. */
let articleRun = null;
const loadArticle = () => (article ??= fetchArticleRun().then((run) => (articleRun = run)));

/** The settings with a field of their own; the waits have the preset instead. */
const FIELDS = SETTINGS.filter((setting) => setting.kind !== "list");
const BY_OPTION = new Map(SETTINGS.map((setting) => [setting.option, setting]));

export class Controls {
  #form;
  #fields;
  #preset;
  #newSeed;
  #run;
  #stop;
  #pause;
  #copyLink;
  #page = null;
  #status;
  #message;
  /** The given waits' own field, shown with a preset of given waits. */
  #waitsField;
  /** The waits the form runs with, or null to draw them from the seed. */
  #waits = null;

  constructor(root) {
    const find = (selector) => root.querySelector(selector);
    this.#form = find("form");
    this.#fields = new Map(FIELDS.map(({ name }) => [name, find(`[name="${name}"]`)]));
    // The limits are the table's; the module's checkOptions still says what is wrong.
    for (const { name, spec } of FIELDS) {
      const field = this.#fields.get(name);
      if (spec.kind !== "integer" && spec.kind !== "number") continue;
      field.min = spec.min;
      field.max = spec.max;
      field.title = spec.doc;
    }
    this.#preset = find('[name="preset"]');
    this.#waitsField = find('[name="waits"]');
    this.#newSeed = find(".new-seed");
    this.#run = find(".run");
    this.#stop = find(".stop");
    this.#pause = find(".pause");
    this.#copyLink = find(".copy-link");
    this.#status = find(".status");
    this.#message = find(".message");
  }

  /**
   * Listens until `signal` aborts, and calls the element's `run()`, `stop()`
   * and `pause()` for its buttons, and `change(options)` with the options
   * the user changed, once the form shows them (New seed and the preset
   * change some at once).
   */
  listen({ signal, run, stop, pause, change }) {
    this.#form.addEventListener("submit", (event) => {
      event.preventDefault();
      run();
    }, { signal });
    this.#stop.addEventListener("click", stop, { signal });
    this.#pause.addEventListener("click", pause, { signal });
    this.#copyLink.addEventListener("click", () => this.#copyLinkToClipboard(), { signal });
    this.#newSeed.addEventListener("click", () => change(this.#showAll({ seed: randomSeed() })), { signal });
    this.#preset.addEventListener("change", async () => change(this.#showAll(await presetOptions(this.#preset.value))), { signal });
    this.#waitsField.addEventListener("change", () => {
      const { waits } = readSettings([["waits", this.#waitsField.value]]).options;
      change(this.#showAll({ waits }));
    }, { signal });
    this.#form.addEventListener("change", ({ target }) => {
      const setting = FIELDS.find(({ name }) => this.#fields.get(name) === target);
      if (setting) change(readSettings([[setting.name, fieldText(setting, target)]]).options);
      if (setting?.option === "failFast") this.#syncCancelInFlight();
    }, { signal });
  }

  /** Shows `value` for `option`, or its default when it is null or undefined (a new seed for the seed). */
  show(option, value) {
    const { name, kind } = BY_OPTION.get(option);
    if (kind === "list") {
      this.#waits = value ?? null;
      this.#showPreset();
      // Whether given waits are the article's, the preset shows once the article's run is in.
      if (this.#waits) loadArticle().then(() => this.#showPreset(), () => {});
      return;
    }
    const shown = value ?? (option === "seed" ? randomSeed() : DEFAULTS[option]);
    const field = this.#fields.get(name);
    if (kind === "boolean") field.checked = shown === true;
    else {
      // A number field given what is no number shows it as text: the browser
      // would drop it with a warning, and the error could not name it.
      if (kind === "integer" || kind === "number") field.type = typeof shown === "number" || shown === undefined || shown === null ? "number" : "text";
      field.value = shown ?? "";
    }
    if (option === "failFast") this.#syncCancelInFlight();
  }

  /** Cancel in-flight means nothing without fail fast: it is disabled then. */
  #syncCancelInFlight() {
    const failFast = this.#fields.get("fail-fast").checked;
    const field = this.#fields.get("cancel-in-flight");
    field.disabled = !failFast;
    field.closest("label").title = failFast ? "" : "Only with fail fast: without it nothing is canceled.";
  }

  /** Each option's label, for messages about what is in the form. */
  labels() {
    return new Map(FIELDS.map(({ option, name }) => {
      const label = this.#fields.get(name).closest("label") ?? this.#form.querySelector(`label[for="${name}"]`);
      return [option, label.firstChild.textContent.trim()];
    }));
  }

  /** Marks the field of `option` invalid (aria-invalid), and no other; null marks none. */
  markInvalid(option) {
    const name = option && BY_OPTION.get(option.replace(/\[\d+\]$/, ""))?.name;
    for (const [fieldName, field] of this.#fields) {
      if (fieldName === name) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  }

  /** The options the form runs with. */
  read() {
    const pairs = FIELDS.map((setting) => [setting.name, fieldText(setting, this.#fields.get(setting.name))]);
    const { options } = readSettings(pairs);
    if (this.#waits) options.waits = this.#waits;
    return options;
  }

  /** The form's settings as a query string; given a page to link to, a link to it with them. */
  link() {
    const search = toSearch(this.read());
    return this.#page ? new URL(search || "?", this.#page).href : search;
  }

  /** The page a link goes to (a URL), or null: Copy link is shown only where there is one. */
  set page(page) {
    this.#page = page;
    this.#copyLink.hidden = !page;
  }

  /** Whether Run may be pressed, when no run is going. */
  set runnable(runnable) {
    this.#run.disabled = !runnable;
  }

  /** Run while no run goes; Stop and Pause while one does. */
  showRunning(running) {
    // A button that disables itself hands the focus on (Run to Stop, Stop to Run), never to <body>.
    const focused = [this.#run, this.#stop, this.#pause].find((button) => button.matches(":focus"));
    const next = running ? this.#stop : this.#run;
    next.disabled = false;
    if (focused && focused !== next && !(running && focused === this.#pause)) next.focus();
    this.#stop.disabled = !running;
    this.#pause.disabled = !running;
    this.#run.disabled = running;
    this.showPaused(false);
    this.#form.classList.toggle("busy", running);
  }

  showPaused(paused) {
    this.#pause.setAttribute("aria-pressed", String(paused));
    this.#pause.textContent = paused ? "Resume" : "Pause";
  }

  status(text) {
    this.#status.textContent = text;
  }

  /** Shows `text` in the alert under the form, or hides it for null. */
  message(text) {
    this.#message.hidden = !text;
    this.#message.textContent = text ?? "";
  }

  /** Says what went wrong, and that nothing goes. */
  fail(text) {
    this.message(text);
    this.status("");
  }

  /** Shows each of `options`; returns them. */
  #showAll(options) {
    for (const [option, value] of Object.entries(options)) this.show(option, value);
    return options;
  }

  #showPreset() {
    const waits = this.#waits;
    const preset = this.#preset;
    const given = preset.querySelector('[value="given"]');
    const isArticle = articleRun && waits && waits.length === articleRun.waits.length && waits.every((w, i) => w === articleRun.waits[i]);
    preset.value = !waits ? "seed" : isArticle ? "article" : "given";
    given.hidden = preset.value !== "given";
    if (preset.value === "given") given.textContent = `Given waits (${waits.length})`;
    // Always there, so that choosing a preset moves nothing: empty and disabled while the seed draws the waits.
    this.#waitsField.disabled = !waits;
    const text = waits ? waits.join(",") : "";
    if (this.#waitsField.value !== text) this.#waitsField.value = text;
    for (const option of DRAWN) this.#fields.get(BY_OPTION.get(option).name).disabled = Boolean(waits);
    this.#newSeed.disabled = Boolean(waits);
  }

  async #copyLinkToClipboard() {
    const link = this.link();
    try {
      await navigator.clipboard.writeText(link);
      this.status("Link copied.");
    } catch {
      this.status(`Link: ${link}`);
    }
  }
}

/** A field's text, as a URL parameter would have it. */
function fieldText({ kind }, field) {
  return kind === "boolean" ? String(field.checked) : field.value;
}

/** The options a preset sets: the article's run, or waits drawn from the seed. */
export async function presetOptions(preset) {
  if (preset === "seed") return { waits: null };
  if (preset !== "article") return {};
  const run = await loadArticle();
  return {
    workers: run.workers,
    queueLength: run.queueLength,
    thresholdMs: run.thresholdMs,
    jobs: run.waits.length,
    maxWaitMs: run.maxWaitMs,
    waits: run.waits,
  };
}
