// The code panel's moving parts (code-panel.js holds its markup and its
// place): the original Go program (or, when compare mode's lane "Go with
// select" is followed, its variant with Go's cooperative cancel) and the Rust
// library's run loop, as www/code.js has them (made from the sources by
// tests/generated.rs, so they cannot drift), with the lines that the event on
// show corresponds to highlighted, and a line that says what happens there.
// A module of its own with the code (in dist/, code.js beside the element),
// imported once a panel is open and within half a screen of the viewport.
import { GO, GO_SELECT, RUST } from "./code.js";

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
 * The panel's code and words, once its module is in (CodePanel makes it): the
 * panes filled with the code, the lines of the event on show marked, and the
 * line that says what happens there.
 */
export class CodeLines {
  #now;
  #panes;
  #key = "";

  constructor(box) {
    this.#now = box.querySelector(".code-now");
    this.#panes = [
      { pre: box.querySelector(".go .code"), caption: box.querySelector(".go figcaption"), lines: new Map(), variants: { go: GO, select: GO_SELECT }, code: GO },
      { pre: box.querySelector(".rust .code"), lines: new Map(), code: RUST },
    ];
    for (const pane of this.#panes) fill(pane);
  }

  /** Marks the lines of `event` (a progress event, or null), once per change. */
  show(event, context) {
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
    const code = pane.variants[name];
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
    const { code, lines } = pane;
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
