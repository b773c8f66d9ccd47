// Where <dispatcher-demo> finds what it loads: here, the readable sources'
// files (the stylesheet beside this module, the wasm-bindgen package in
// ../pkg/). The distributable build (scripts/dist/build.mjs) puts its own
// module in this one's place, scripts/dist/assets.js, which finds the same
// things in dist/: the stylesheet bundled, the glue and the wasm beside it.

/** The JS glue of the wasm module, imported by URL (wasm.js imports it afresh after a panic). */
export const GLUE = new URL("../pkg/dispatcher_demo.js", import.meta.url);
/** The wasm module. */
export const WASM = new URL("../pkg/dispatcher_demo_bg.wasm", import.meta.url);
/** The player of the article's recorded run (replay.js), imported when a replay starts. */
export const REPLAY = new URL("./replay.js", import.meta.url);
/** The code panel's Go and Rust with their lines' marks and words (code-lines.js, and code.js), imported once a panel is open and near. */
export const CODE = new URL("./code-lines.js", import.meta.url);
/** The code panel, the scrubber and compare mode (teach.js), imported when one is first shown (teaching.js). */
export const TEACH = new URL("./teach.js", import.meta.url);
/** The glossary's words, imported as it is first opened (teaching.js). */
export const GLOSSARY_WORDS = new URL("./glossary-words.js", import.meta.url);
/** Naming jobs by keyboard (job-keys.js) and under the pointer (tooltips.js, which it passes on), imported when first used (name-jobs.js). */
export const NAME_JOBS = new URL("./job-keys.js", import.meta.url);

// The element's stylesheet, then the teaching parts' (the code panel, the
// scrubber, the narration, compare mode), which comes after it in the cascade,
// then how it prints (host.css).
const STYLESHEETS = ["./dispatcher-demo.css", "./teach.css", "./host.css"].map((file) => new URL(file, import.meta.url).href);
const ARTICLE_RUN = new URL("./article-run.json", import.meta.url);

/** The repository's root, which the code panel links its source files to (null in dist/). */
export const SOURCES = new URL("../", import.meta.url);

// Fetched as this module loads, and adopted by each shadow root. The
// element is defined only once they are in (this module's top-level await
// holds back the one that defines it), so that it never shows unstyled, nor
// shifts the page when they arrive: a <link> in the shadow root loads after
// the first frame, and on a phone that moved the run by a third of the screen.
const sheets = await Promise.all(STYLESHEETS.map(async (href) => {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${href}: ${response.status}`);
  const sheet = new CSSStyleSheet({ baseURL: href });
  await sheet.replace(await response.text());
  return sheet;
})).catch(() => null);

/**
 * Puts the element's styles in its shadow root. Returns null, as they are in
 * at once; or, where they could not be fetched, the <link> that tries again,
 * whose `load` calls for a repaint (the canvases read colours from the stylesheet).
 */
export function addStyles(root) {
  if (sheets) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
    return null;
  }
  const links = STYLESHEETS.map((href) => Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
  root.prepend(...links);
  return links[0];
}

/** The article's run: its settings and its 100 waits. */
export function fetchArticleRun() {
  return fetch(ARTICLE_RUN).then((response) => response.json());
}

/** What draws a page's own run of map (own-run.js), imported when a page first shows one (show-map.js). */
export const OWN_RUN = new URL("./own-run.js", import.meta.url);
