// Where <dispatcher-demo> finds what it loads: here, the readable sources'
// files (the stylesheet beside this module, the wasm-bindgen package in
// ../pkg/). The distributable build (scripts/dist.mjs) puts its own module in
// this one's place, scripts/dist-assets.js, which finds the same things in
// dist/: the stylesheet bundled, the glue and the wasm beside it.

/** The JS glue of the wasm module, imported by URL (wasm.js imports it afresh after a panic). */
export const GLUE = new URL("../pkg/dispatcher_demo.js", import.meta.url);
/** The wasm module. */
export const WASM = new URL("../pkg/dispatcher_demo_bg.wasm", import.meta.url);

// The element's stylesheet, then the teaching parts' (the code panel, the
// scrubber, the narration, compare mode), which comes after it in the cascade.
const STYLESHEETS = ["./dispatcher-demo.css", "./teach.css"].map((file) => new URL(file, import.meta.url).href);
const ARTICLE_RUN = new URL("./article-run.json", import.meta.url);

/** The repository's root, which the code panel links its source files to (null in dist/). */
export const SOURCES = new URL("../", import.meta.url);

/**
 * Puts the element's styles in its shadow root; returns the <link> that
 * loads its colours, whose `load` calls for a repaint (the canvases read colours
 * from the stylesheet), or null where they are in at once.
 */
export function addStyles(root) {
  const links = STYLESHEETS.map((href) => Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
  root.prepend(...links);
  return links[0];
}

/** The article's run: its settings and its 100 waits. */
export function fetchArticleRun() {
  return fetch(ARTICLE_RUN).then((response) => response.json());
}
