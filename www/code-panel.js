// The code beside the run: the original Go program (or, when compare mode's
// lane "Go with select" is followed, its variant with Go's cooperative cancel)
// and the Rust library's run loop, as www/code.js has them (made from the
// sources by tests/generated.rs, so they cannot drift), with the lines that
// the event on show corresponds to highlighted, and a line that says what
// happens there.
// The code itself is a module of its own (in dist/, code.js beside the
// element), imported once a panel is open and within half a screen of the
// viewport: embedded in documentation the panel starts folded, and on the
// page it is open but below the run, so a first visit does not load it (3 KB
// gzipped). Its panes' height is set (teach.css), so nothing moves as it comes.
import { CODE, SOURCES } from "./assets.js";


/** The panel's markup, which template.js puts after the stage. */
export const CODE_PANEL = `
  <details class="code-box" open>
    <summary>The code</summary>
    <p class="code-about">
      In Go, the program of the article <cite>Ready Steady GO: Dispatcher-Worker with errgroup</cite>
      (<a class="go-source" target="_blank" rel="noopener">tests/go/article.go</a>, which <code>make test</code>
      runs against the article's printed run), on Go's
      <a href="https://pkg.go.dev/golang.org/x/sync/errgroup" target="_blank" rel="noopener">errgroup</a>;
      following compare mode's lane "Go with select", its variant with Go's cooperative cancel
      (<a class="select-source" target="_blank" rel="noopener">tests/go/select.go</a>, which <code>make test</code>
      runs against that lane).
      In Rust, the loop that runs here
      (<a class="rust-source" target="_blank" rel="noopener">crates/bounded-dispatcher/src/run_loop.rs</a>).
      The lines of the moment on show are marked.
    </p>
    <p class="code-now" aria-live="polite">Run the demo: the lines each event runs are marked here.</p>
    <div class="code-panes">
      <figure class="code-pane go"><figcaption>Go (article), errgroup</figcaption><pre class="code" tabindex="0" role="group" aria-label="The Go program"></pre></figure>
      <details class="code-pane rust" open><summary>Rust, this demo's library</summary><pre class="code" tabindex="0" role="group" aria-label="The Rust dispatcher"></pre></details>
    </div>
  </details>
`;

/**
 * The marks of each language lit for an event, and what to say of it: of the
 * lane followed in compare mode, `lane`: "rust" (and outside compare mode),
 * "select" (Go's jobs select on ctx.Done()) or "go" (the article's Go).
 * Following a Go lane, the Rust pane marks nothing: it is not that lane's code.
 */
export function explain(event, { cancelInFlight = true, failedBefore = false, lane = "rust" } = {}) {
  if (!event) return { go: [], rust: [], text: "Nothing has happened yet." };
  const said = explainRust(event, cancelInFlight, failedBefore);
  if (lane === "rust") return said;
  const { type, jobId: job } = event;
  const jobs = jobsOf(event);
  if (lane === "select" && type === "abort") {
    return { go: ["stop", "stoppedPrint", "stopReturn"], rust: [], text: `Job #${job} was waiting in its select when ctx was canceled: ctx.Done() is ready, so the job prints "Stopped" and returns ctx's error, by its own check.` };
  }
  if (lane === "select" && type === "cancel") {
    return { go: ["errReturn"], rust: [], text: `${jobs[0].toUpperCase()}${jobs.slice(1)}, still queued, never start: each worker returns with its job's error (the failure, or ctx's), so none is left to take them, and none prints "Canceled".` };
  }
  if (lane === "go" && type === "succeed" && failedBefore) {
    return { go: ["sleep"], rust: [], text: `Job #${job} was running when ctx was canceled: time.Sleep does not look at ctx, so it sleeps to its end.` };
  }
  return { go: said.go, rust: [], text: said.text };
}

/** The job or jobs an event is of, in words. */
const jobsOf = ({ jobId: job, count = 1 }) => (count > 1 ? `jobs #${job}–#${job + count - 1}` : `job #${job}`);

/** What explain says of an event of ours (and of a Go lane, where both do the same). */
function explainRust(event, cancelInFlight, failedBefore) {
  const { type, jobId: job, worker } = event;
  const jobs = jobsOf(event);
  switch (type) {
    case "queue":
      return { go: ["feed"], rust: ["feed", "queuedEmit"], text: `The dispatcher feeds ${jobs} into the queue.` };
    case "start":
      return { go: ["take", "start"], rust: ["take", "start"], text: `Worker W${worker} takes job #${job} from the queue and starts it.` };
    case "succeed":
      return failedBefore && !cancelInFlight
        ? { go: ["sleep"], rust: ["succeed"], text: `Job #${job} was running when the run was canceled; with cancel in-flight off it sleeps to its end, as Go's workers do: time.Sleep does not look at ctx.` }
        : { go: ["sleep"], rust: ["succeed"], text: `Job #${job} has waited its time: it succeeded, and W${worker} takes the next job.` };
    case "fail":
      return { go: ["fail", "errReturn"], rust: ["fail", "failFast"], text: `Job #${job}'s wait is over the threshold: it fails as it starts. Its worker returns the error, and errgroup cancels ctx.` };
    case "cancel":
      return { go: ["cancel", "canceledPrint", "close"], rust: ["cancel", "canceledEmit"], text: `The queue is closed: ${jobs}, never started, are canceled. In Go, a worker still takes each of them, sees ctx.Done() and prints "Canceled".` };
    case "abort":
      return { go: ["sleep"], rust: ["abort", "inFlight"], text: `Job #${job} was running: cancel in-flight drops it, and clears its timer, with no code in the job. The article's Go job sleeps on in time.Sleep; a Go job that selects on ctx.Done() would return here, by its own check.` };
    default:
      return { go: [], rust: [], text: "" };
  }
}

/**
 * What the panel's markup takes from its element and the screen, as the
 * element is made (the panel's code, CodePanel, comes later: teaching.js):
 * its source files' links, and the Rust pane folded on a phone.
 */
export function fitCodePanel(root) {
  const box = root.querySelector(".code-box");
  // The element's `sources`, resolved from the document, is the repository's
  // root; without it, from www/ the files are served beside the module, and
  // from dist/, in someone's documentation, there is no repository: their names.
  // The links' text is the file's path: code.js's `file` (tests/unit/teach.test.mjs).
  const given = root.host.getAttribute("sources");
  const sources = given === null ? SOURCES : new URL(given, document.baseURI);
  for (const link of box.querySelectorAll(".go-source, .select-source, .rust-source")) {
    if (sources) link.href = new URL(link.textContent, sources).href;
    else link.replaceWith(Object.assign(document.createElement("code"), { textContent: link.textContent }));
  }
  // The Rust pane folds: a web developer may want Go's side only. On a phone it starts folded.
  if (matchMedia("(max-width: 35em)").matches) box.querySelector(".code-pane.rust").open = false;
}

export class CodePanel {
  #now;
  #panes;
  #key = "";

  #box;
  /** The event on show and its context, marked again once the code is in. */
  #shown = [null, {}];
  /** Whether the panel has come within half a screen of the viewport. */
  #near = false;

  constructor(root) {
    const box = (this.#box = root.querySelector(".code-box"));
    this.#now = box.querySelector(".code-now");
    this.#panes = [
      { pre: box.querySelector(".go .code"), caption: box.querySelector(".go figcaption"), lines: new Map() },
      { pre: box.querySelector(".rust .code"), lines: new Map() },
    ];
    // Opened later, by the reader: the code comes then.
    box.addEventListener("toggle", () => this.#load());
    const near = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      near.disconnect();
      this.#near = true;
      this.#load();
    }, { rootMargin: "50% 0px" });
    near.observe(box);
  }

  /**
   * Imports the code and fills the panes, once, if the panel is open and
   * near the viewport: as it comes near, or as it is opened there.
   */
  #load() {
    if (this.#panes[0].code || this.#panes.loading || !this.#box.open || !this.#near) return;
    this.#panes.loading = loadCode().then(({ GO, GO_SELECT, RUST }) => {
      this.#panes[0].variants = { go: GO, select: GO_SELECT };
      [this.#panes[0].code, this.#panes[1].code] = [GO, RUST];
      for (const pane of this.#panes) fill(pane);
      this.#key = null;
      this.show(...this.#shown);
    }, (error) => {
      this.#panes.loading = null;
      this.#now.textContent = `The code could not be loaded (${error.message}).`;
    });
  }

  /** Marks the lines of `event` (a progress event, or null), once per change. */
  show(event, context) {
    this.#shown = [event, context];
    if (!this.#panes[0].code) this.#load();
    const lane = context?.lane ?? "rust";
    const key = `${lane}|${event ? `${event.type}|${event.jobId}|${event.count}|${context.cancelInFlight}|${context.failedBefore}` : ""}`;
    if (key === this.#key) return;
    this.#key = key;
    this.#goVariant(lane === "select" ? "select" : "go");
    const { go, rust, text } = explain(event, context);
    this.#now.textContent = text;
    this.#mark(this.#panes[0], go);
    this.#mark(this.#panes[1], rust);
  }

  /** Shows Go's program of the lane followed: the article's, or its variant with a select. */
  #goVariant(name) {
    const pane = this.#panes[0];
    const code = pane.variants?.[name];
    if (!code || pane.code === code) return;
    pane.code = code;
    pane.caption.textContent = name === "select" ? "Go with select on ctx.Done() (tests/go/select.go), errgroup" : "Go (article), errgroup";
    pane.pre.setAttribute("aria-label", name === "select" ? "The Go program with select" : "The Go program");
    pane.lit = [];
    fill(pane);
  }

  /**
   * Scrolls the panes to the lines marked last, from a line's height and the
   * pane's: call it before the frame's writes, for reading the layout after
   * them would lay the page out again.
   */
  measure() {
    for (const pane of this.#panes) {
      if (pane.scrollTo === undefined) continue;
      // Read each time: the stylesheet may have come since.
      // Lines wrap, so a line's place is read, not counted (the pane is the lines' offset parent).
      pane.height = pane.pre.clientHeight;
      if (!pane.height) continue;
      pane.pre.scrollTop = Math.max(0, pane.scrollTo.offsetTop - pane.height / 3);
      pane.scrollTo = undefined;
    }
  }

  /** The marks lit, by language: for tests. */
  get lit() {
    return this.#panes.map(({ pre }) => [...pre.querySelectorAll(".lit")].map((line) => Number(line.dataset.line)));
  }

  #mark(pane, marks) {
    const { code, pre, lines } = pane;
    if (!code) return;
    for (const line of pane.lit ?? []) line.classList.remove("lit");
    const numbers = marks.map((mark) => code.marks[mark]).filter(Boolean);
    pane.lit = numbers.map((number) => lines.get(number)).filter(Boolean);
    for (const line of pane.lit) line.classList.add("lit");
    // The line that acts is named first (the worker's `for job := range jobs` as it takes a job): it is scrolled to.
    const first = lines.get(numbers[0]);
    // Scrolled within its own box, never the page; its place is read in the
    // frame's read phase (measure), so that no layout is forced.
    if (first) pane.scrollTo = first;
  }
}

/** The code module, imported once for every element. */
let codeModule = null;
const loadCode = () => (codeModule ??= import(CODE));

/** Each language's lines, made once for the module: every element clones them. */
const made = new Map();

function fill(pane) {
  const { code, pre, lines } = pane;
  lines.clear();
  if (!made.has(code)) made.set(code, make(code));
  pre.replaceChildren(made.get(code).cloneNode(true));
  for (const line of pre.children) if (line.dataset.line) lines.set(Number(line.dataset.line), line);
}

function make(code) {
  const nodes = [];
  code.parts.forEach(({ first, source }, index) => {
    if (index > 0 || first > 1) {
      const gap = document.createElement("span");
      gap.className = "line gap";
      gap.textContent = "⋮";
      nodes.push(gap);
    }
    source.split("\n").forEach((text, i) => {
      const line = document.createElement("span");
      line.className = "line";
      line.dataset.line = String(first + i);
      const number = document.createElement("span");
      number.className = "number";
      number.setAttribute("aria-hidden", "true");
      number.textContent = String(first + i);
      line.append(number, text.replaceAll("\t", "    ") || " ");
      nodes.push(line);
    });
  });
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes);
  return fragment;
}
