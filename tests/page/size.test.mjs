// The wasm module's size, as a guard: one careless `{}` of an f64 in a
// message brought Rust's float formatting in, 18 KB of a 32 KB module (gzipped
// 31.9 → 41.6 KB). make bench measures the size against its target; this
// only fails on a jump.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { root } from "./harness.mjs";

/**
 * The budget: 35,804 bytes on 2026-12-04, with the element's checks and
 * messages in the module; then 36,035 with issue 20's map (which is in the
 * JS API's module, pkg/api/, not this one): the table says which function
 * takes each option, and an unknown option's message lists that function's
 * (+231 bytes); then 34,309 with its imports and exports minified
 * (scripts/minify-wasm.mjs); then 35,208 with the page's one timer for all
 * its waits (src/web/alarms.rs: a heap and one closure, where gloo-timers
 * made a timer and a closure per wait; +899 bytes): with the CPU four times
 * slower, a run of 10,000 workers had taken 138 s of its 5.7 s, and took
 * 6.1-6.4 s. So the budget moved by 0.75 KB, and left 120 bytes; then
 * 33,649 with the module `no_std`, its own panic handler, and the panic's
 * message written in JS (issue 23); then 34,102 with issue 23's wasm speed
 * (main's module, with std, was 35,493). So the budget moved down by 1 KB,
 * and left 202 bytes; then 31,731 with the option checks and their
 * messages made smaller (issue 23: docs/performance.md, "The option checks,
 * smaller"; main's module was 33,941), so the budget moved down by 2.25 KB,
 * and left 269 bytes; then 26,836 with the run's own code made smaller too
 * (issue 23: docs/performance.md, "The run's own code, smaller": 29,647
 * alone), so the budget moved down by 4.8 KB, and left 248 bytes; then
 * 24,025 with a run's handle known by its type and the page's closures,
 * globals and allocator made smaller (issue 23: docs/performance.md, "What
 * the page's run carries, smaller"); 21,183 with the option checks'
 * messages written in JS merged too), so the budget moved down by 5.55 KB,
 * and left 218 bytes; then 19,926 with the module linked without js-sys's
 * JSPI export (scripts/wasm-ld), checkOptions in the JS API's module only,
 * the panic's listeners kept in JS, and the page's RefCell borrows through
 * src/web/cells.rs, whose panic formats nothing (issue 23:
 * docs/performance.md, "core::fmt's last callers, out"), so the budget
 * moved down by 1.2 KB, and leaves 247 bytes. What grows the module next
 * pays for itself, or moves the budget with its reason.
 */
const BUDGET = 19.7 * 1024;

test("the wasm module stays within its budget", async () => {
  const module = await readFile(join(root, "pkg/dispatcher_demo_bg.wasm"));
  const zipped = gzipSync(module, { level: 9 }).length;
  assert.ok(zipped <= BUDGET, `${(zipped / 1024).toFixed(1)} KB gzipped, over ${BUDGET / 1024} KB`);
});
