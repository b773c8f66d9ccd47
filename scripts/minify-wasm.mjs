// make wasm's last step: binaryen's --minify-imports-and-exports-and-modules
// on the wasm module, and wasm-bindgen's glue rewritten to match.
//
// wasm-bindgen names each import after its function and a hash
// (`__wbg_setTimeout_fbd69c6576710fc6`, in the module "./dispatcher_demo_bg.js")
// and each export after its Rust path: about 2 KB of the module gzipped.
// binaryen renames them all (`a`, `b`, … in one module "a") and prints the
// map, from which the glue's import object and its `wasm.<export>` calls are
// rewritten. The JS API's names are unchanged; only what the glue's init()
// returns, the module's own exports, has the short ones (its memory is the
// one WebAssembly.Memory among them). A glue this script does not recognise
// is an error, not a half-renamed module.
//
//   node scripts/minify-wasm.mjs <wasm-opt> <pkg/name_bg.wasm> [wasm-opt flags…]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [wasmOpt, wasm, ...flags] = process.argv.slice(2);
const glue = wasm.replace(/_bg\.wasm$/, ".js");

const map = JSON.parse(execFileSync(wasmOpt, [wasm, ...flags, "--minify-imports-and-exports-and-modules", "-o", wasm], { encoding: "utf8" }));
let code = readFileSync(glue, "utf8");

/** Replaces exactly one match of `pattern` (a string or a RegExp without the g flag) with what `replace` makes of it, or fails. */
const once = (pattern, replace, what) => {
  const found = typeof pattern === "string" ? code.split(pattern).length - 1 : code.match(new RegExp(pattern, "g"))?.length ?? 0;
  if (found !== 1) throw new Error(`minify-wasm: ${what} is in the glue ${found} times, not once (a new wasm-bindgen?)`);
  code = code.replace(pattern, replace);
};

// The import object: `return { __proto__: null, "<module>": importN, … }`.
const returned = code.match(/return \{\n\s*__proto__: null,\n((?:\s*"[^"]+": import\d+,\n)+)\s*\};/);
if (!returned) throw new Error("minify-wasm: the glue's import object was not found (a new wasm-bindgen?)");
const objects = new Map([...returned[1].matchAll(/"([^"]+)": (import\d+)/g)].map(([, module, object]) => [module, object]));
// The glue's own functions (import0) have their keys renamed where they are
// written; a snippet's, imported as a namespace, are picked by name.
const entries = ["...import0"];
for (const [module, name, short] of map.imports) {
  const object = objects.get(module);
  if (!object) throw new Error(`minify-wasm: no import object for the module ${module}`);
  if (object === "import0") once(new RegExp(`\\n(\\s+)${name}: function`), (_, indent) => `\n${indent}${JSON.stringify(short)}: function`, `the import ${name}`);
  else entries.push(`${JSON.stringify(short)}: ${object}[${JSON.stringify(name)}]`);
}
once(returned[0], () => `return { a: { ${entries.join(", ")} } };`, "the import object");
// Its functions as arrows, which minify to an expression where they return
// one: the module calls them as plain functions, never with `new` or a
// `this`. Those that read `arguments` (handleError's) stay functions.
code = code.replace(/\n( +)("[^"]+": )function\(([^)]*)\) \{\n([\s\S]*?)\n\1\}/g, (whole, indent, key, parameters, body) =>
  (/\b(arguments|this)\b/.test(body) ? whole : `\n${indent}${key}(${parameters}) => {\n${body}\n${indent}}`));

// The exports, as the glue calls them: `wasm.<name>`.
const exports = new Map(map.exports);
code = code.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (call, name) => {
  const short = exports.get(name);
  if (short === undefined) throw new Error(`minify-wasm: the glue calls wasm.${name}, which the module does not export`);
  return `wasm.${short}`;
});

// What no browser that runs the module needs (it takes reference types, so
// Chromium 96, Firefox 79, Safari 15 or later, which all have
// TextEncoder.encodeInto): wasm-bindgen's stand-in for encodeInto, and
// passStringToWasm0's way without a realloc, which every call of it passes.
// The element's glue 77 bytes smaller gzipped.
once(/\nif \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n\}\n/, "\n", "the stand-in for encodeInto");
// (Its definition is one of the matches; none at all, and `once` below says the function was not found.)
const calls = Math.max((code.match(/passStringToWasm0\(/g) ?? []).length - 1, 0);
if ((code.match(/passStringToWasm0\(\w+, wasm\.\w+, wasm\.\w+\)/g) ?? []).length !== calls) throw new Error("minify-wasm: a call of passStringToWasm0 passes no realloc (a new wasm-bindgen?)");
once(/\n    if \(realloc === undefined\) \{\n[\s\S]*?\n    \}\n/, "\n", "passStringToWasm0's way without a realloc");
writeFileSync(glue, code);
