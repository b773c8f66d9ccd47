// make dist: the distributable build of <dispatcher-demo>, written to dist/
// by esbuild from the readable sources (www/, and wasm-pack's pkg/):
//
//   dispatcher-demo.js         the element, with its stylesheet; an ES module
//   dispatcher-demo-glue.js    the element's glue: wasm-bindgen's and its snippets
//                              in one module (run, checkSettings, PauseController);
//                              the element imports it by URL, afresh after a panic
//   dispatcher_demo_bg.wasm    its wasm module, found from the element's URL
//   api.js                     the JS API, `dispatcher-demo/api`: the same with map
//                              (the map feature), in a module of its own, so that
//                              the element's stays 7 KB smaller
//   dispatcher_demo_api_bg.wasm  its wasm module, found beside it
//   article-run.json           the article's run, fetched when its waits are given
//   replay.js                  the player of the article's recorded run, imported
//                              when it replays (www/replay.js and what it uses)
//   code.js                    the code panel's Go and Rust (www/code.js), with their
//                              lines' marks and words (www/code-lines.js), imported once
//                              the panel is open and near the viewport (folded when embedded)
//   dispatcher-demo-teach.js   the code panel, the scrubber and compare mode (www/teach.js
//                              and what it uses), imported when one is first shown
//                              (www/teaching.js says when)
//   dispatcher-demo-more.js    naming jobs by keyboard (www/job-keys.js) and under the pointer
//                              (www/tooltips.js), and the glossary's words (www/glossary-words.js),
//                              imported when naming jobs is first used (www/name-jobs.js says
//                              when), or as the glossary is first opened
//   dispatcher-demo-own-run.js what draws a page's own run of map (showMap), imported
//                              when a page first shows one
//   dispatcher-demo-loader.js  a classic script that imports dispatcher-demo.js
//                              from its own folder
//   *.map, *.d.ts              source maps, and types
//
// Minified, with source maps. Nothing else goes in: no README, no picture, no test.
import * as esbuild from "esbuild";
import { decode, encode } from "@jridgewell/sourcemap-codec";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = join(root, "dist");
const at = (path) => join(root, path);

const common = { bundle: true, minify: true, sourcemap: true, format: "esm", target: "es2022", logLevel: "warning", legalComments: "none" };

await rm(out, { recursive: true, force: true });
await mkdir(out);

// The element's stylesheet, the teaching parts' (teach.css) and print's (host.css), as www/assets.js
// links them, in one, minified, as text for the bundle.
const css = await esbuild.build({
  stdin: { contents: '@import "./dispatcher-demo.css"; @import "./teach.css"; @import "./host.css";', resolveDir: at("www"), loader: "css" },
  bundle: true, minify: true, write: false, logLevel: "warning", target: "chrome120" });
const stylesheet = css.outputFiles[0].text;

// The element: www/assets.js is swapped for scripts/dist/assets.js, which
// imports the stylesheet from the build above.
const distAssets = {
  name: "dist-assets",
  setup(build) {
    build.onResolve({ filter: /^\.\/assets\.js$/ }, ({ importer }) =>
      (importer.startsWith(at("www/")) ? { path: at("scripts/dist/assets.js") } : undefined));
    build.onResolve({ filter: /^dispatcher-demo:stylesheet$/ }, () => ({ path: "stylesheet", namespace: "dist" }));
    build.onLoad({ filter: /.*/, namespace: "dist" }, () => ({ contents: stylesheet, loader: "text" }));
  },
};
// As www/define.js has it: the element's module (www/dispatcher-demo.js) evaluated only where
// there is a DOM. Bundled from define.js, whose dynamic import esbuild inlines, each module
// that import reaches would be wrapped in a lazy initialiser of its own (34 of them); here the
// element's modules are bundled flat, and the whole is put under define.js's own guard and catch,
// evaluated a microtask later, as the inlined import had it: 25,975 → 25,371 bytes gzipped.
const guard = (await readFile(at("www/define.js"), "utf8")).match(/^if \((.+)\) \{\n\s*import\("\.\/dispatcher-demo\.js"\)(\.catch\(.+\));\n\}$/m);
if (!guard) throw new Error("www/define.js: its guard around the element's import was not found");
// The element's module defines the element: package.json's sideEffects names only dist/'s.
const definesElement = {
  name: "defines-element",
  setup(build) {
    build.onResolve({ filter: /^element:define$/ }, () => ({ path: at("www/dispatcher-demo.js"), sideEffects: true }));
  },
};
await esbuild.build({
  ...common, outfile: join(out, "dispatcher-demo.js"), plugins: [definesElement, distAssets],
  stdin: { contents: 'import "element:define";', resolveDir: root, sourcefile: "define-entry.js" },
  banner: { js: `if (${guard[1]}) Promise.resolve().then(() => {` },
  footer: { js: `})${guard[2]};` },
});
await keepImportForBrowser(join(out, "dispatcher-demo.js"));

// The article's run's player, loaded only when it replays. What it shares with the element
// (RunState, RunGroup, runSetup, the settings' defaults) it is handed by it, as live-run.js
// imports it (`share`), rather than holding them again: 4,199 → 2,124 bytes gzipped, the
// element about 50 bytes more. It keeps its own Recording and spec.js's three short lists,
// so that it stays over the 4 KB below which Vite inlines it (see the end): handed those
// too, it was 1,914 bytes, but 4,056 raw. A name replay.js imports from these that the build does not list fails here,
// and one the element does not hand fails as it is handed.
const SHARED = { "./settings.js": ["DEFAULTS"], "./run-state.js": ["RunState"], "./run-setup.js": ["runSetup", "RunGroup"] };
const sharedNames = Object.values(SHARED).flat().join(", ");
const sharedWithElement = {
  name: "shared-with-element",
  setup(build) {
    build.onResolve({ filter: /^(\.\/[a-z-]+\.js|element:shared)$/ }, ({ path, importer }) =>
      (path === "element:shared" || (importer.startsWith(at("www/")) && Object.hasOwn(SHARED, path)) ? { path: "shared", namespace: "element" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "element" }, () => ({
      contents: `export let ${sharedNames};\nexport function share(kit) {
        for (const name of ${JSON.stringify(Object.values(SHARED).flat())}) if (!kit[name]) throw new Error("replay.js needs the element's " + name);
        ({ ${sharedNames} } = kit);
      }`, loader: "js" }));
  },
};
await esbuild.build({
  ...common, outfile: join(out, "replay.js"), plugins: [sharedWithElement],
  stdin: { contents: 'export * from "./www/replay.js"; export { share } from "element:shared";', resolveDir: root, sourcefile: "replay-entry.js" },
});
// The code panel, the scrubber and compare mode, loaded only when one is first shown.
await esbuild.build({ ...common, entryPoints: [at("www/teach.js")], outfile: join(out, "dispatcher-demo-teach.js"), plugins: [distAssets] });
// Naming jobs (by keyboard, and under the pointer) and the glossary's words, in one file:
// loaded when naming jobs is first used (www/name-jobs.js says when), or as the glossary is
// first opened. One, as each alone is under the 4 KB below which Vite inlines a file (see the end).
await esbuild.build({
  ...common, outfile: join(out, "dispatcher-demo-more.js"),
  stdin: { contents: 'export { listenJobKeys, listenPointer } from "./www/job-keys.js"; export { GLOSSARY_WORDS } from "./www/glossary-words.js";', resolveDir: root, sourcefile: "dispatcher-demo-more.js" },
});
// The code panel's code, its marks and words, loaded only once the panel is open and near.
await esbuild.build({ ...common, entryPoints: [at("www/code-lines.js")], outfile: join(out, "code.js") });

// Each glue with its snippets, in one module: the element's, and the JS API's.
// The element's, with what it calls alone (www/wasm.js, live-run.js, the page tests' panic):
// not checkOptions nor initSync, which the JS API has (5,084 → 4,995 bytes gzipped).
// And its init as www/wasm.js calls it, with `{ module_or_path }`: without the wasm's default
// URL and the warning for init's older parameters (5,433 → 5,329 bytes gzipped). pkg/'s glue,
// which tests and the benchmark call with no argument, keeps them.
const elementInit = {
  name: "element-init",
  setup(build) {
    build.onLoad({ filter: /[\\/]pkg[\\/]dispatcher_demo\.js$/ }, async ({ path }) => {
      const code = await readFile(path, "utf8");
      const given = /\n    if \(module_or_path !== undefined\) \{\n[\s\S]*?\n    if \(module_or_path === undefined\) \{\n.*\n    \}\n/;
      if (!given.test(code)) throw new Error("pkg/dispatcher_demo.js: init's handling of its parameters was not found (a new wasm-bindgen?)");
      return { contents: code.replace(given, "\n    ({ module_or_path } = module_or_path);\n"), loader: "js" };
    });
  },
};
await esbuild.build({
  ...common, outfile: join(out, "dispatcher-demo-glue.js"), plugins: [elementInit],
  stdin: { contents: 'export { default, run, checkSettings, logLines, onPanic, PauseController, __panicForTests } from "./pkg/dispatcher_demo.js";', resolveDir: root, sourcefile: "dispatcher-demo-glue.js" },
});
await esbuild.build({ ...common, entryPoints: [at("pkg/api/dispatcher_demo_api.js")], outfile: join(out, "api.js") });

// The classic loader.
await esbuild.build({ ...common, bundle: false, format: undefined, entryPoints: [at("scripts/dist/loader.js")], outfile: join(out, "dispatcher-demo-loader.js") });

// What draws a page's own run of map (www/own-run.js and what it uses), loaded only when a page shows one.
await esbuild.build({ ...common, entryPoints: [at("www/own-run.js")], outfile: join(out, "dispatcher-demo-own-run.js") });

await copyFile(at("pkg/dispatcher_demo_bg.wasm"), join(out, "dispatcher_demo_bg.wasm"));
await copyFile(at("pkg/api/dispatcher_demo_api_bg.wasm"), join(out, "dispatcher_demo_api_bg.wasm"));
// The article's run without its indentation (tests/generated.rs writes it to be read): 2,315 → 2,068 bytes gzipped.
await writeFile(join(out, "article-run.json"), JSON.stringify(JSON.parse(await readFile(at("www/article-run.json"), "utf8"))));
await copyFile(at("pkg/api/dispatcher_demo_api.d.ts"), join(out, "api.d.ts"));
await copyFile(at("scripts/dist/dispatcher-demo.d.ts"), join(out, "dispatcher-demo.d.ts"));

// Each file the element imports when first used is over 4 KB raw: below that, Vite (VitePress,
// Astro's Starlight) inlines a file a module names by new URL(…, import.meta.url) as a data: URL,
// into the page's first chunk, and a strict Content-Security-Policy blocks its import.
for (const file of ["replay.js", "code.js", "dispatcher-demo-teach.js", "dispatcher-demo-more.js", "dispatcher-demo-own-run.js", "article-run.json"]) {
  const { length } = await readFile(join(out, file));
  if (length < 4096) throw new Error(`dist/${file} is ${length} bytes: under 4 KB, Vite would inline it into a site's first chunk`);
}

// The element must not find anything under pkg/ or www/ from dist/.
const bundle = await readFile(join(out, "dispatcher-demo.js"), "utf8");
// Nor the teaching parts' module (www/teaching.js imports it): the code panel's and the scrubber's words are in it alone;
// nor naming jobs by keyboard or under the pointer (www/name-jobs.js imports them when first used).
for (const stray of ["../pkg/", "../www/", "type Job struct", "dispatcher-demo.css", "teach.css", "host.css", "from the queue and starts it", "too many events to step through", "No job has started yet.", "Cooperative or dropped", ", wait "]) {
  if (bundle.includes(stray)) throw new Error(`dist/dispatcher-demo.js still refers to ${stray}`);
}

/**
 * The bundle's dynamic imports, the glue's (esbuild makes two of the one in
 * www/wasm.js), are for the browser: a bundler that takes the package in
 * (webpack, Rspack, Vite) must leave them alone, or it looks the file up
 * among its own modules and fails at run time. The comments that say so, in
 * www/wasm.js, do not survive minifying: they are put back here, and the
 * source map's columns after them moved along.
 */
async function keepImportForBrowser(file) {
  const KEEP = "/* webpackIgnore: true */ /* @vite-ignore */ ";
  let code = await readFile(file, "utf8");
  const map = JSON.parse(await readFile(`${file}.map`, "utf8"));
  const lines = decode(map.mappings);
  const at = [...code.matchAll(/\bimport\(/g)].map((match) => match.index + match[0].length);
  if (at.length === 0) throw new Error(`${file}: the glue's dynamic import is missing`);
  // From the last, so that each insertion leaves the earlier offsets as they were.
  for (const offset of at.reverse()) {
    const before = code.slice(0, offset);
    const line = before.split("\n").length - 1;
    const column = offset - (before.lastIndexOf("\n") + 1);
    code = before + KEEP + code.slice(offset);
    for (const segment of lines[line] ?? []) if (segment[0] >= column) segment[0] += KEEP.length;
  }
  map.mappings = encode(lines);
  await writeFile(file, code);
  await writeFile(`${file}.map`, JSON.stringify(map));
}
