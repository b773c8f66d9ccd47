// www/assets.js as the distributable build has it (scripts/dist/build.mjs
// puts this module in its place): the stylesheet is bundled and adopted by
// the shadow root; the glue (dispatcher-demo-glue.js), the wasm, the article's run, its player,
// the teaching parts and the code panel's code are files beside the bundle, found from its URL.
import stylesheet from "dispatcher-demo:stylesheet";

/** The JS glue of the wasm module, imported by URL (wasm.js imports it afresh after a panic). */
export const GLUE = new URL("./dispatcher-demo-glue.js", import.meta.url);
/** The wasm module. */
export const WASM = new URL("./dispatcher_demo_bg.wasm", import.meta.url);
/** The player of the article's recorded run, a file of its own (scripts/dist/build.mjs), imported when a replay starts. */
export const REPLAY = new URL("./replay.js", import.meta.url);
/** The code panel's Go and Rust with their lines' marks and words, a file of its own, imported once a panel is open and near. */
export const CODE = new URL("./code.js", import.meta.url);
/** The code panel, the scrubber and compare mode, a file of its own, imported when one is first shown. */
export const TEACH = new URL("./dispatcher-demo-teach.js", import.meta.url);
/** The glossary's words, a file of their own with naming jobs, imported as it is first opened (teaching.js). */
export const GLOSSARY_WORDS = new URL("./dispatcher-demo-more.js", import.meta.url);
/** Naming jobs by keyboard and under the pointer, in that file too, imported when first used (name-jobs.js). */
export const NAME_JOBS = new URL("./dispatcher-demo-more.js", import.meta.url);

const ARTICLE_RUN = new URL("./article-run.json", import.meta.url);

/** No repository beside dist/: the code panel names its source files, and links none. */
export const SOURCES = null;

let sheet = null;

/** Adopts the element's stylesheet in its shadow root; it is in at once, so there is no <link> to wait for. */
export function addStyles(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(stylesheet);
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return null;
}

/** The article's run: its settings and its 100 waits. */
export function fetchArticleRun() {
  return fetch(ARTICLE_RUN).then((response) => response.json());
}

/** What draws a page's own run of map, a file of its own (scripts/dist/build.mjs), imported when a page first shows one. */
export const OWN_RUN = new URL("./dispatcher-demo-own-run.js", import.meta.url);
