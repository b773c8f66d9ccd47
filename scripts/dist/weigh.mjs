// What each source module weighs in a file of dist/, after make build:
//   node scripts/dist/weigh.mjs [dist/dispatcher-demo.js]
// Its minified characters, by the file's source map, and gzipped in context:
// the file gzipped at level 9 (as make bench counts), less the same without
// that module's characters. The latter sum to a little less than the whole:
// what compresses across modules is counted in neither.
import { decode } from "@jridgewell/sourcemap-codec";
import { gzipSync } from "node:zlib";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
const root = fileURLToPath(new URL("../../", import.meta.url));
const file = process.argv[2] ?? "dist/dispatcher-demo.js";
const code = await readFile(root + file, "utf8");
const map = JSON.parse(await readFile(root + file + ".map", "utf8"));
const gz = (s) => gzipSync(Buffer.from(s), { level: 9 }).length;
const lines = decode(map.mappings);
const codeLines = code.split("\n");
// owner of each char: source index of the segment it falls in
const owners = codeLines.map((line, i) => {
  const o = new Int32Array(line.length).fill(-1);
  const segs = lines[i] ?? [];
  for (let s = 0; s < segs.length; s++) {
    const start = segs[s][0], end = s + 1 < segs.length ? segs[s + 1][0] : line.length;
    const src = segs[s].length > 1 ? segs[s][1] : -1;
    o.fill(src, start, end);
  }
  return o;
});
const total = gz(code);
const rows = [];
for (let src = -1; src < map.sources.length; src++) {
  let raw = 0;
  const without = codeLines.map((line, i) => { let out = ""; for (let c = 0; c < line.length; c++) if (owners[i][c] !== src) out += line[c]; else raw++; return out; }).join("\n");
  if (!raw) continue;
  rows.push([src < 0 ? "(unmapped)" : map.sources[src], raw, total - gz(without)]);
}
rows.sort((a, b) => b[2] - a[2]);
console.log(`${file}: ${code.length} raw, ${total} gzipped`);
console.log("| module | raw (minified) | gzipped in context |\n|---|---|---|");
for (const [name, raw, z] of rows) console.log(`| ${name.replace(/^(\.\.\/)+/, "")} | ${raw} | ${z} |`);
console.log(`sum of in-context: ${rows.reduce((t, r) => t + r[2], 0)}`);
