// For each target make bench may miss: what was tried, and what is left.
// Kept beside the driver (run.mjs), which prints a note only for a row whose
// target was missed in the run it prints.
export const TRIED = {
  wasmShare:
    "tried: strict cancellation in the dispatcher itself, so no Abortable, and the workers as a fixed set polled in place, so no FuturesUnordered; the producer inlined into the take, so ready jobs run in one poll with no wake (callgrind 128 → 53 instructions a job natively); wasm-opt -O3 against no wasm-opt and -O4, whose differences drowned in the spread between page loads; left: V8's code for the same loop, which moves by half from one page load to the next",
  go: "the Go pattern's own rate moves from one round to the next by a third, and with it the ratio",
  instructions: "",
  cancellation: "p99 was 0.6–0.7 ms on 2026-11-27, before the dispatcher became its own crate with strict cancellation, and 1.2–1.6 ms in the three runs of 2026-12-02 (p50 0.2–0.3 ms): a regression in the tail, not yet profiled",
  makespan: "",
  peers: "",
  wasm: "tried (twiggy): no float formatting, std sort or Debug escaping in the module, talc instead of dlmalloc (−2.1 KB), the benchmark's hook in its own build (−2.5 KB), the log written in JS, no FuturesUnordered and Abortable (−1.2 KB), opt-level s and z (no smaller: 33.1 and 32.5 KB); making a big report in steps, with a turn between them, cost 0.8 KB (an async function: written as a loop with one await point, it saved 27 bytes), and the workers' shared turn and second gate 0.6 KB; left, by size: the run's future with everything it inlines (14 KB raw: dispatcher, demo, recorder, report), the option checks and their messages with core::fmt (about 14 KB raw), wasm-bindgen's shims and js-sys (5 KB), the allocator (2 KB)",
  pageVisit: "the page loads its readable modules from www/ unminified, as written, and the glue from pkg/ (index.html could load dist/ instead); the dist/ row below is the minified build",
  visit: "the wasm module is two thirds of it; for dist/ (minified by esbuild), tried: wasm-opt -Oz and -Os on its copy (no smaller), the element and the glue in one file (0.4 KB less, but after a panic the glue must be imported afresh on its own), the article's run fetched only when its waits are given (0.9 KB less, the page's too), binaryen's --minify-imports-and-exports-and-modules (the wasm 1.6 KB smaller gzipped, but the glue would need every import and export renamed after wasm-bindgen: not done); left: the wasm module (see its row)",
  many: "tried: one shared animation frame loop with a budget of 8 ms a frame, stages out of view drawn once a second; left: a slow machine, where timers fire late whatever the page does",
  big: "the start of the run sets 10,000 timers in one task (the longest of the run), and each job's end is drawn as it comes",
  page: "tried: every worker yields when its 8 ms slice is over, and all of them share one turn, with no job started until it comes (at 10,000 workers, a turn each made a 950 ms task); records added as jobs appear; a big report made in steps with a turn between them (was a 272–422 ms task at the end); the report's jobs and log made when first read; one shared animation frame for every element with a budget of 8 ms a frame; lanes thinner than a pixel merged by row of pixels; words redrawn a few times a second; nothing read from the layout out of view; left: the start of a run of many workers, whose first poll starts one job per worker (and tells the page of each) before any slice can end, and the module's first compile",
};
