// Every figure the docs quote in more than one place, held to its one source:
//
// - make bench's table, which bench/run.mjs writes into docs/performance.md
//   (between `<!-- bench:start -->` and `<!-- bench:end -->`). Another page
//   quotes a row's measured cell as `<!-- bench: the row's figure -->the
//   cell<!-- /bench -->`, and another copy of the table (bench/results.md, a
//   bench block of a crate's README) has the same rows with the same cells;
// - the article's run, www/article-run.json, whose figures tests/replay.rs
//   holds to the replay on the virtual clock: where the README and the
//   comparison with Go quote them.
//
//   node scripts/figures.mjs           lists what drifted, and fails if any did
//   node scripts/figures.mjs --write   writes each quoted cell from the table (make bench runs it)
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = "docs/performance.md";
const QUOTE = /<!-- bench: (.+?) -->([\s\S]*?)<!-- \/bench -->/g;
const BLOCK = /<!-- bench:start -->([\s\S]*?)<!-- bench:end -->/;

/** The pages that may quote a figure: the READMEs, the docs, CONTRIBUTING.md and bench/results.md. */
export function pages() {
  const crates = readdirSync(join(ROOT, "crates")).map((crate) => `crates/${crate}/README.md`);
  const docs = readdirSync(join(ROOT, "docs")).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`);
  return ["README.md", "CONTRIBUTING.md", "bench/results.md", ...docs, ...crates].filter((path) => existsSync(join(ROOT, path)));
}

const readFile = (path) => readFileSync(join(ROOT, path), "utf8");

/** A markdown table's rows, `| figure | measured | … |`, as figure → measured (the header and its rule left out). */
export function tableRows(text) {
  const rows = new Map();
  for (const line of text.split("\n")) {
    const cells = line.match(/^\|(.*)\|\s*$/)?.[1].split(" | ").map((cell) => cell.trim());
    if (!cells || cells.length < 2 || /^-+$/.test(cells[0]) || cells[0] === "figure") continue;
    rows.set(cells[0], cells[1]);
  }
  return rows;
}

/** make bench's table, in its one source (`read(path)` gives a page's text). */
export function benchRows(read = readFile) {
  const block = read(SOURCE).match(BLOCK);
  if (!block) throw new Error(`${SOURCE} has no bench table`);
  return tableRows(block[1]);
}

/** The article's run as the replay has it: when #78 fails, when Go's way settles, and what that costs. */
function articleFigures(read) {
  const { expected } = JSON.parse(read("www/article-run.json"));
  const failed = expected.failedAtMs;
  const settled = expected.elapsedMsWhenRunningJobsFinish;
  const late = settled - failed;
  const job = expected.error.jobId;
  return [
    ["README.md", `not ${late} ms after it`],
    ["docs/go-comparison.md", `Job #${job} fails at ${failed} ms`],
    ["docs/go-comparison.md", `returns ${late} ms later, at ${settled} ms`],
    ["docs/go-comparison.md", `dropped at\n  ${failed} ms`],
    ["docs/go-comparison.md", `cancel in flight        ${failed} ms    ${failed} ms     0 ms`],
    ["docs/go-comparison.md", `finish (as in Go)       ${failed} ms    ${settled} ms   ${late} ms`],
  ];
}

/**
 * Every figure that differs from its source: `{ page, what }`. With
 * `write`, quoted cells are written from the table instead. `read(path)`
 * gives a page's text (a test gives pages of its own).
 */
export function drift({ write = false, read = readFile } = {}) {
  const rows = benchRows(read);
  const found = [];
  for (const page of pages()) {
    const text = read(page);
    const rewritten = text.replace(QUOTE, (quote, figure, cell) => {
      const measured = rows.get(figure);
      if (measured === undefined) found.push({ page, what: `quotes "${figure}", which make bench's table has no row for` });
      else if (cell !== measured && !write) found.push({ page, what: `quotes "${figure}" as "${cell}", but the table says "${measured}"` });
      return measured === undefined ? quote : `<!-- bench: ${figure} -->${measured}<!-- /bench -->`;
    });
    // Another copy of the table: the whole of bench/results.md, or a bench block of another page.
    const copy = page === "bench/results.md" ? text : page === SOURCE ? null : text.match(BLOCK)?.[1];
    for (const [figure, measured] of copy ? tableRows(copy) : []) {
      if (rows.has(figure) && rows.get(figure) !== measured) found.push({ page, what: `has "${figure}" as "${measured}", but ${SOURCE} says "${rows.get(figure)}"` });
    }
    if (write && rewritten !== text) writeFileSync(join(ROOT, page), rewritten);
  }
  for (const [page, figures] of articleFigures(read)) {
    if (!read(page).includes(figures)) found.push({ page, what: `no longer says "${figures}", as the article's run (www/article-run.json) has it` });
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = drift({ write: process.argv.includes("--write") });
  for (const { page, what } of found) console.error(`${page}: ${what}`);
  process.exitCode = found.length ? 1 : 0;
}
