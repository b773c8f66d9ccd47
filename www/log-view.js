// The log under the summary: the original program's output. While a run goes
// it shows the last lines RunState keeps; once it has settled, the report's
// log (its two ends, when it is long), and Copy log copies all of it.

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

export class LogView {
  #box;
  #copyButton;
  /** The log was at its end before its text changed: scroll it there in the next frame, when that forces no layout. */
  #toBottom = false;

  constructor(box, copyButton) {
    this.#box = box;
    this.#copyButton = copyButton;
  }

  /**
   * Copy log copies the log of `shown()`, the run on show, once it has
   * settled, and says how that went through `status`, until `signal` aborts.
   */
  listen({ signal, shown, status }) {
    this.#copyButton.addEventListener("click", async () => {
      const run = shown();
      if (run?.report) status(await copy(run.log));
    }, { signal });
  }

  /** Whether the log shows no line yet, of a run that has lines. */
  get empty() {
    return this.#box.dataset.lines === "0";
  }

  /** Scrolls to the log's end if the last draw asked: call it before anything writes to the DOM in a frame. */
  scrollIfAsked() {
    if (this.#toBottom) {
      this.#toBottom = false;
      this.#box.scrollTop = this.#box.scrollHeight;
    }
  }

  /** Whether the log is scrolled to its end. It reads layout: ask before anything writes to the DOM in a frame. */
  get atBottom() {
    const box = this.#box;
    return box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  }

  /** Shows `run`'s log. Returns whether it must be scrolled in the next frame: scrollIfAsked() does it. */
  draw(run, atBottom) {
    const box = this.#box;
    const final = Boolean(run.report);
    if (box.dataset.lines === String(run.logLines) && box.dataset.final === String(final)) return false;
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
    this.#copyButton.disabled = !final;
    if (atBottom) this.#toBottom = true;
    return atBottom;
  }
}

/**
 * Copies a settled run's whole log; resolves with what to say. A million
 * lines are put together a slice at a time, the page having its turn in
 * between; the clipboard takes the promise of them, as browsers that want
 * the copy made during the click allow.
 */
async function copy(log) {
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
    return `Log copied: ${log.length} lines.`;
  } catch (error) {
    return `The log could not be copied (${error.message}).`;
  }
}
