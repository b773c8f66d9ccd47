// No figure in the docs differs from its source (scripts/figures.mjs says
// which sources): make bench's table, and the article's run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { drift, benchRows } from "../../scripts/figures.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

test("every figure the docs copy is its source's", () => {
  assert.deepEqual(drift(), []);
});

test("a copy that drifted is found: a quoted cell, a row of a copied table, a figure of the article's run", () => {
  const [figure, measured] = [...benchRows()][0];
  const wrong = "1.0 M jobs/s";
  const changed = {
    "docs/embedding.md": (text) => `${text}\nNow <!-- bench: ${figure} -->${wrong}<!-- /bench -->.\n`,
    "bench/results.md": (text) => text.replace(`| ${figure} | ${measured} |`, `| ${figure} | ${wrong} |`),
    "README.md": (text) => text.replace(/not \d+ ms after it/, "not 400 ms after it"),
  };
  const read = (path) => (changed[path] ?? ((text) => text))(readFileSync(`${ROOT}/${path}`, "utf8"));
  const found = drift({ read });
  assert.deepEqual(found.map(({ page }) => page).sort(), ["README.md", "bench/results.md", "docs/embedding.md"]);
  assert.match(found.find(({ page }) => page === "docs/embedding.md").what, new RegExp(`as "${wrong}", but the table says`));
});
