// For each target make bench may miss: what was tried, and what is left.
// Kept beside the driver (run.mjs), which prints a note only for a row whose
// target was missed in the run it prints.
export const TRIED = {
  wasmShare:
    "tried: strict cancellation in the dispatcher itself, so no Abortable, and the workers as a fixed set polled in place, so no FuturesUnordered; the producer inlined into the take, so ready jobs run in one poll with no wake (callgrind 128 → 53 instructions a job natively); wasm-opt -O3 against no wasm-opt and -O4, whose differences drowned in the spread between page loads; left: V8's code for the same loop, which moves by half from one page load to the next",
  go: "the Go pattern's own rate moves from one round to the next by a third, and with it the ratio",
  instructions: "",
  cancellation: "p99 was 0.6–0.7 ms on 2026-11-27, before the dispatcher became its own crate with strict cancellation, and 1.3 and 1.6 ms in both runs of 2026-12-02: a regression, not yet profiled",
  makespan: "",
  peers: "",
  wasm: "tried (twiggy): no float formatting, std sort or Debug escaping in the module, talc instead of dlmalloc (−2.1 KB), the benchmark's hook in its own build (−2.5 KB), the log written in JS, no FuturesUnordered and Abortable (−1.2 KB), opt-level s and z (no smaller: 33.1 and 32.5 KB); left, by size: the run's future with everything it inlines (14 KB raw: dispatcher, demo, recorder, report), the option checks and their messages with core::fmt (about 14 KB raw), wasm-bindgen's shims and js-sys (5 KB), the allocator (2 KB)",
  pageVisit: "the page loads its readable modules from www/ unminified, as written, and the glue from pkg/ (index.html could load dist/ instead); the dist/ row below is the minified build",
  visit: "the wasm module is two thirds of it; for dist/ (minified by esbuild), tried: wasm-opt -Oz and -Os on its copy (no smaller), the element and the glue in one file (0.4 KB less, but after a panic the glue must be imported afresh on its own), the article's run fetched only when its waits are given (0.9 KB less, the page's too), binaryen's --minify-imports-and-exports-and-modules (the wasm 1.6 KB smaller gzipped, but the glue would need every import and export renamed after wasm-bindgen: not done); left: the wasm module (see its row)",
  page: "tried: every worker yields when its 8 ms slice is over, records added as jobs appear, the report's jobs and log made when first read, one shared animation frame for every element with a budget of 8 ms a frame, words redrawn a few times a second, nothing read from the layout out of view; left: the cold start (the module's first compile and memory growth) and the end of a big run, where Rust turns every record into columns for JS in one task (60–90 ms for a million records, measured before); the task of over a second at the option maxima is not yet profiled",
};
