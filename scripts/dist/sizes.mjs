// The files of dist/ with their sizes, raw and gzipped (level 9, as make
// bench measures), as docs/embedding.md's table: node scripts/dist/sizes.mjs
import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const WHAT = {
  "dispatcher-demo.js": "the element, with its stylesheet (ES module)",
  "dispatcher-demo-glue.js": "the element's glue, which it loads: wasm-bindgen's",
  "dispatcher_demo_bg.wasm": "the element's wasm module",
  "api.js": "the JS API, `dispatcher-demo/api`, with `map`: wasm-bindgen's glue (not loaded by the element)",
  "dispatcher_demo_api_bg.wasm": "the JS API's wasm module",
  "article-run.json": "the article's run, fetched when its preset is chosen",
  "replay.js": "the article's run's player, imported when it replays",
  "dispatcher-demo-teach.js": "the code panel, the scrubber and compare mode, imported when one is first shown",
  "code.js": "the code panel's Go and Rust, their lines marked and the words on each event, imported once the panel is open and near the viewport",
  "dispatcher-demo-more.js": "naming jobs under the pointer and by keyboard, and the glossary's words, imported at the first pointer over the element or focus by keyboard within it (or of the timeline or the grid), or as the glossary is first opened",
  "dispatcher-demo-own-run.js": "what draws a page's own run of `map` (showMap), imported when a page first shows one",
  "dispatcher-demo-loader.js": "a classic script that imports dispatcher-demo.js beside it (mdBook's additional-js)",
  "dispatcher-demo.d.ts": "types (npm)",
  "api.d.ts": "types (npm)",
};
const order = (file) => Object.keys(WHAT).indexOf(file) + 1 || 99;
const files = (await readdir(dist)).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
console.log("| file | raw | gzipped | what |\n|---|---|---|---|");
// The source maps, optional, in one row.
for (const file of files.filter((file) => !file.endsWith(".map"))) {
  const body = await readFile(join(dist, file));
  console.log(`| \`${file}\` | ${kb(body.length)} | ${kb(gzipSync(body, { level: 9 }).length)} | ${WHAT[file] ?? ""} |`);
}
if (files.some((file) => file.endsWith(".map"))) console.log("| `*.map` | | | source maps (optional) |");
