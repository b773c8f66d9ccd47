// The code beside the run: its markup, which the element holds, and its place.
// The code, its lines marked for the event on show and the words that say what
// happens there (code-lines.js, with www/code.js: in dist/, code.js beside the
// element) are imported once a panel is open and within half a screen of the
// viewport: embedded in documentation the panel starts folded, and on the page
// it is open but below the run, so a first visit loads neither. Its panes' and
// its words' heights are set (teach.css), so nothing moves as they come.
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
  #box;
  #now;
  /** The code's lines and words (code-lines.js), once in; and its import, while it goes. */
  #lines = null;
  #loading = null;
  /** The event on show and its context, shown once the lines are in. */
  #shown = [null, {}];
  /** Whether the panel has come within half a screen of the viewport. */
  #near = false;

  constructor(root) {
    const box = (this.#box = root.querySelector(".code-box"));
    this.#now = box.querySelector(".code-now");
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
   * Imports the code and its words, and fills the panes, once, if the panel
   * is open and near the viewport: as it comes near, or as it is opened there.
   */
  #load() {
    if (this.#lines || this.#loading || !this.#box.open || !this.#near) return;
    this.#loading = loadLines().then(({ CodeLines }) => {
      this.#lines = new CodeLines(this.#box);
      this.#lines.show(...this.#shown);
    }, (error) => {
      this.#loading = null;
      this.#now.textContent = `The code could not be loaded (${error.message}).`;
    });
  }

  /** Marks the lines of `event` (a progress event, or null), and says what happens there: once the code is in. */
  show(event, context) {
    this.#shown = [event, context];
    this.#lines?.show(event, context);
  }

  /** Scrolls the panes to the lines marked last: call it before the frame's writes. */
  measure() {
    this.#lines?.measure();
  }

  /** The marks lit, by language: for tests. */
  get lit() {
    return this.#lines?.lit ?? [[], []];
  }
}

/** The code and its words (code-lines.js), imported once for every element. */
let linesModule = null;
const loadLines = () => (linesModule ??= import(/* webpackIgnore: true */ /* @vite-ignore */ CODE.href));
