// The form of <dispatcher-demo>: its settings' fields (made from the table by
// form.js) and the preset, the buttons, the status line and the message. It
// shows the values it is given, and hands what the user changes to the
// element as `[option, value, text]` changes: the element's properties
// take them, and the form shows them back.
import { OPTIONS } from "./spec.js";
import { BY_NAME, DRAWN, readText, writeText, randomSeed } from "./settings.js";
import { fetchArticleRun } from "./assets.js";

let article = null;
/** The article's run, loaded once: null until then. */
let articleRun = null;
const loadArticle = () => (article ??= fetchArticleRun().then((run) => (articleRun = run)));
/** The article's run (www/article-run.json), loaded once. */
export const loadArticleRun = loadArticle;

/** The settings with a field of their own; the waits have the preset beside theirs. */
const FIELDS = OPTIONS.filter((spec) => spec.kind !== "waits");

export class Controls {
  #form;
  /** Each setting's field, by its option. */
  #fields;
  #preset;
  #run;
  #stop;
  #pause;
  #copyLink;
  #runLive;
  #status;
  #message;
  /** The given waits' own field, shown with a preset of given waits. */
  #waitsField;
  /** The seed shown while the waits are drawn. */
  #seed = null;
  /** The waits shown, or null while they are drawn from the seed. */
  #waits = null;

  constructor(root) {
    const find = (selector) => root.querySelector(selector);
    this.#form = find("form");
    this.#fields = new Map(FIELDS.map((spec) => [spec.name, find(`[name="${spec.attribute}"]`)]));
    this.#preset = find('[name="preset"]');
    this.#waitsField = find(".waits-field input");
    this.#run = find(".run");
    this.#stop = find(".stop");
    this.#pause = find(".pause");
    this.#copyLink = find(".copy-link");
    this.#runLive = find(".run-live");
    this.#status = find(".status");
    this.#message = find(".message");
  }

  /**
   * Listens until `signal` aborts, and calls the element's `run()`, `stop()`
   * and `pause()` for its buttons, `change(changes)` with what the user
   * changed, and `link()` for the link Copy link copies.
   */
  listen({ signal, run, runLive, stop, pause, change, link }) {
    this.#form.addEventListener("submit", (event) => {
      event.preventDefault();
      run();
    }, { signal });
    this.#stop.addEventListener("click", stop, { signal });
    this.#runLive.addEventListener("click", runLive, { signal });
    this.#pause.addEventListener("click", pause, { signal });
    this.#copyLink.addEventListener("click", () => this.#copyLinkToClipboard(link()), { signal });
    for (const spec of FIELDS.filter((spec) => spec.default === null)) {
      this.#form.querySelector(`.new-${spec.attribute}`).addEventListener("click", () => change([[spec.name, randomSeed()]]), { signal });
    }
    this.#preset.addEventListener("change", async () => change(Object.entries(await presetOptions(this.#preset.value))), { signal });
    this.#form.addEventListener("change", ({ target }) => {
      const spec = target === this.#waitsField ? BY_NAME.get("waits") : FIELDS.find((spec) => this.#fields.get(spec.name) === target);
      if (!spec) return;
      const text = spec.kind === "boolean" ? String(target.checked) : target.value;
      const value = readText(spec, text);
      // Given waits stand for the jobs: the jobs field, disabled, shows how many.
      change(spec.kind === "waits" ? [[spec.name, value, text], ["jobs", value.length]] : [[spec.name, value, text]]);
    }, { signal });
  }

  /** Shows `value` for `option`. */
  show(option, value) {
    const spec = BY_NAME.get(option);
    if (spec.kind === "waits") {
      this.#waits = value ?? null;
      this.#showPreset();
      // Whether given waits are the article's, the preset shows once the article's run is in.
      if (this.#waits) loadArticle().then(() => this.#showPreset(), () => {});
      return;
    }
    const field = this.#fields.get(option);
    // The seed draws no waits while they are given: its field shows none, and keeps the seed for when they are not.
    if (option === "seed") this.#seed = value;
    if (option === "seed" && this.#waits) return;
    if (spec.kind === "boolean") field.checked = value === true;
    else {
      // A number field given what is no number shows it as text: the browser
      // would drop it with a warning, and the message could not name it.
      field.type = typeof value === "number" || value === null || value === undefined ? "number" : "text";
      field.value = value ?? "";
    }
    if (option === "failFast") this.#syncCancelInFlight();
  }

  /** Cancel in-flight means nothing without fail fast: it is disabled then. */
  #syncCancelInFlight() {
    const failFast = this.#fields.get("failFast").checked;
    const field = this.#fields.get("cancelInFlight");
    field.disabled = !failFast;
    field.closest("label").title = failFast ? "" : "Only with fail fast: without it nothing is canceled.";
  }

  /** Marks the field of `option` (a JS name, maybe with an item, `waits[1]`) invalid, and no other; null marks none. */
  markInvalid(option) {
    const name = option?.replace(/\[\d+\]$/, "");
    for (const [fieldOption, field] of [...this.#fields, ["waits", this.#waitsField]]) {
      if (fieldOption === name) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  }

  /** Copy link is shown only where there is a page to link to. */
  set linkable(linkable) {
    this.#copyLink.hidden = !linkable;
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
    this.#runLive.disabled = running;
    this.showPaused(false);
    this.#form.classList.toggle("busy", running);
  }

  /** "Live, on real timers" is shown beside Run while Run replays the recorded article's run. */
  set replayed(replayed) {
    this.#runLive.hidden = !replayed;
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

  /** The module panicked (Run waits for a fresh one), or with `reloaded` a fresh one is in (Run may be pressed). */
  crashed(message, { reloaded = false } = {}) {
    if (!reloaded) this.showRunning(false);
    this.runnable = reloaded;
    this.message(`The WebAssembly module crashed (${message})${reloaded ? ", and a fresh one has been loaded." : ". Loading a fresh one…"}`);
    if (reloaded) this.status("Ready.");
  }

  /** Says what went wrong, and that nothing goes. */
  fail(text) {
    this.message(text);
    this.status("");
  }

  #showPreset() {
    const waits = this.#waits;
    const preset = this.#preset;
    const given = preset.querySelector('[value="given"]');
    const isArticle = articleRun && Array.isArray(waits) && waits.length === articleRun.waits.length && waits.every((w, i) => w === articleRun.waits[i]);
    preset.value = !waits ? "seed" : isArticle ? "article" : "given";
    given.hidden = preset.value !== "given";
    if (preset.value === "given") given.textContent = `Given waits (${waits.length ?? 1})`;
    // Always there, so that choosing a preset moves nothing: empty and disabled while the seed draws the waits.
    this.#waitsField.disabled = !waits;
    const text = waits ? writeText(waits) : "";
    if (this.#waitsField.value !== text) this.#waitsField.value = text;
    for (const option of DRAWN) this.#fields.get(option).disabled = Boolean(waits);
    const seed = this.#fields.get("seed");
    seed.placeholder = waits ? "none: the waits are given" : "";
    seed.value = waits ? "" : String(this.#seed ?? "");
    for (const button of this.#form.querySelectorAll(".joined button")) button.disabled = Boolean(waits);
  }

  async #copyLinkToClipboard(link) {
    try {
      await navigator.clipboard.writeText(link);
      this.status("Link copied.");
    } catch {
      this.status(`Link: ${link}`);
    }
  }
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
