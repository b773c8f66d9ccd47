// make bench: every figure of the benchmark, measured in headless Chromium
// (and natively with criterion), printed as one table and written to
// bench/results.md and the README.
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { cpus, totalmem } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { serve, launch, root, collectReports, nthReport } from "../tests/page/harness.mjs";

const M = 1_000_000;

let ours = NaN; // the wasm dispatch rate, for the ratios to native
const server = await serve();
const browser = await launch();
const rows = [];
const row = (figure, measured, target, met, note = "") => {
  rows.push({ figure, measured, target, met, note: met === false ? note : "" });
  console.error(`  ${figure}: ${measured}`);
};

// For a target missed: what was tried, and where the rest of the time or size goes.
const TRIED = {
  throughput: "tried: futures' mpsc, which allocated per job, replaced by a queue of our own (natively 12.7 → 21 M jobs/s); the queue as two counters, since ids go in in order, and one outstanding wake at a time (callgrind: 177 → 128 instructions per job; criterion 35 → 58–71 M jobs/s); opt-level 3 rather than z (about 2× in wasm). The same build measured 17–31 M jobs/s from one page load to the next; left: the RefCell borrows and observer calls per job, FuturesUnordered's wakes, and a microtask per 100 jobs",
  pmap: "p-map's own rate moved between 1.8 and 2.9 M jobs/s from one make bench to the next, and so does the ratio",
  runMillion: "tried: no clock read for queued jobs, then a reading of performance.now() kept until time can have moved on (dispatch 1.4 → 0.1 s); left: the report's million objects",
  wasm: "tried (twiggy): no float formatting, std sort, Debug escaping or virtual clock in the module (62 → 35 KB), talc instead of dlmalloc (−2.1 KB), the benchmark's hook in its own build (−2.5 KB), the log written in JS, typed arrays read as arrays; left, by size: the dispatcher and demo (futures' FuturesUnordered and Abortable), the option checks with their messages (about 3.5 KB), core::fmt (which panics need anyway), wasm-bindgen's runtime and bindings",
  visit: "the wasm is half of it; the page's modules are served as written, for reading: minifying them and the glue with esbuild would save about 9 KB gzipped (measured once by hand, not done)",
  pageTenThousand: "tasks of 50–66 ms came in two of four runs of make bench, and in none of several runs of the same page alone: not yet attributed",
  pageMillion: "tried: every worker yields once the 8 ms slice is over (tasks of 80–150 ms before), records added as jobs appear (a cold page's first task 100 → 60 ms), the report's jobs and log made when first read, layers painted once; left: the cold start (the module's first compile and memory growth) and the end of the run, where Rust turns a million records into columns for JS (about 60 ms)",
};
/** Each benchmark's median throughput, in jobs per second, by its "group/function" name. */
function criterionRates(output) {
  const rates = new Map();
  let name = null;
  for (const line of output.split("\n")) {
    const named = line.match(/^(\S.*?)(?:\s+time:.*)?$/);
    if (named && !line.startsWith(" ")) name = named[1].trim();
    const thrpt = line.match(/thrpt:\s*\[\S+ \S+ ([\d.]+) ([KMG])elem\/s/);
    if (thrpt && name) rates.set(name, Number(thrpt[1]) * { K: 1e3, M: 1e6, G: 1e9 }[thrpt[2]]);
  }
  return rates;
}
const rate = (perSecond) => `${(perSecond / M).toFixed(1)} M jobs/s`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function benchPage() {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("bench page:", error.message));
  await page.goto(`${server.url}/bench/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  return page;
}

try {
  const page = await benchPage();
  const call = (name, ...args) => page.evaluate(([name, args]) => window.bench[name](...args), [name, args]);

  console.error("1. dispatch throughput");
  // V8 compiles the same module better or worse from one page load to the
  // next (the same build measured 17 and 30 M jobs/s): the best of three
  // fresh pages, for each contender.
  const rates = await call("throughput", M);
  for (let load = 1; load < 3; load++) {
    const fresh = await benchPage();
    const again = await fresh.evaluate((jobs) => window.bench.throughput(jobs), M);
    await fresh.close();
    for (const [name, value] of Object.entries(again)) rates[name] = Math.max(rates[name], value);
  }
  ours = rates.dispatcher;
  row("dispatch throughput, 1 M ready jobs, 10 workers, queue 100 (wasm)", rate(ours), "≥ 30 M jobs/s", ours >= 30 * M,
    `${Math.round((100 * ours) / (30 * M))} % of it; ${TRIED.throughput}`);
  for (const peer of ["p-map", "p-limit", "p-queue"]) {
    const ratio = ours / rates[peer];
    row(`… ${peer}, concurrency 10, same page`, `${rate(rates[peer])}; ours ${ratio.toFixed(1)}×`, peer === "p-map" ? "ours ≥ 10×" : "", peer === "p-map" ? ratio >= 10 : null, TRIED.pmap);
  }

  console.error("2. run() end to end");
  for (const jobs of [100_000, M]) {
    const e2e = await call("endToEnd", jobs);
    row(`run() with full report, ${jobs.toLocaleString("en")} zero-wait jobs`, `${ms(e2e.totalMs)} (dispatch ${ms(e2e.dispatchMs)}, report ${ms(e2e.reportMs)}); then ${ms(e2e.firstReadMs)} to make its jobs and log lines when first read`,
      jobs === M ? "≤ 1.0 s" : "", jobs === M ? e2e.totalMs <= 1000 : null, `${((e2e.totalMs - 1000) / 1000).toFixed(2)} s over; ${TRIED.runMillion}`);
  }

  console.error("3. cancellation latency");
  const cancel = await call("cancellation", 200);
  row("cancellation latency, 200 runs (failing job's start to settled)", `p50 ${ms(cancel.p50)}, p99 ${ms(cancel.p99)}, max ${ms(cancel.max)}; timers left ${cancel.timersLeft}`,
    "p99 ≤ 1 ms, no timer after", cancel.p99 <= 1 && cancel.timersLeft === 0);

  console.error("4. makespan fidelity");
  for (const [name, options, settings] of [
    ["defaults (seed 1, threshold 1000: no failure)", { seed: 1, thresholdMs: 1000 }, ["seed=1", "threshold-ms=1000"]],
    ["1,000 zero-wait jobs", { jobs: 1000, maxWaitMs: 1 }, ["jobs=1000", "max-wait-ms=1"]],
  ]) {
    // The same waits on the virtual clock (the PRNG is the same natively and in wasm).
    const virtualMs = Number(execFileSync("cargo", ["run", "--quiet", "--release", "--example", "simulate", "--", ...settings], { cwd: root, encoding: "utf8" }));
    const realMs = await call("makespan", options);
    const span = { realMs, virtualMs, overMs: realMs - virtualMs, overPercent: virtualMs ? (100 * (realMs - virtualMs)) / virtualMs : 0 };
    const allowed = 0.005 * span.virtualMs + 5;
    row(`makespan, ${name}`, `${ms(span.realMs)} vs ${ms(span.virtualMs)} virtual: +${ms(span.overMs)} (${span.overPercent.toFixed(2)} %)`, "≤ +0.5 % + 5 ms", span.overMs <= allowed);
  }

  console.error("7. memory");
  const memory = await call("memory", 10 * M);
  row("wasm memory growth over 10 M ready jobs", `${memory.growth} B (in ${ms(memory.ms)})`, "≤ 1 MiB", memory.growth <= 1024 * 1024);
  await page.close();

  console.error("5. size");
  const wasm = await readFile(join(root, "pkg/dispatcher_demo_bg.wasm"));
  const glue = await readFile(join(root, "pkg/dispatcher_demo.js"));
  const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
  row("wasm", `${kb(wasm.length)} raw, ${kb(gz(wasm))} gzipped`, "≤ 20 KB gzipped", gz(wasm) <= 20 * 1024,
    `${kb(gz(wasm) - 20 * 1024)} over; ${TRIED.wasm}`);
  row("JS glue (pkg/dispatcher_demo.js)", `${kb(glue.length)} raw, ${kb(gz(glue))} gzipped`, "", null);
  const visit = await browser.newPage();
  const bodies = [];
  visit.on("response", async (response) => bodies.push(response.body().then((body) => ({ url: response.url(), body })).catch(() => null)));
  await visit.goto(`${server.url}/index.html`);
  await visit.locator("dispatcher-demo button.run:enabled").waitFor();
  await visit.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter(Boolean);
  const raw = files.reduce((sum, { body }) => sum + body.length, 0);
  const zipped = files.reduce((sum, { body }) => sum + gz(body), 0);
  row(`first visit of the page (${files.length} files)`, `${kb(raw)} raw, ${kb(zipped)} gzipped`, "≤ 50 KB gzipped", zipped <= 50 * 1024,
    `${kb(zipped - 50 * 1024)} over; ${TRIED.visit}`);
  await visit.close();

  console.error("6. page smoothness");
  for (const [name, search, timeout] of [["10,000 jobs of 0–19 ms", "jobs=10000&max-wait-ms=20&threshold-ms=20&seed=1", 120_000], ["1,000,000 zero-wait jobs", "jobs=1000000&max-wait-ms=1&seed=1", 300_000]]) {
    const smooth = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await collectReports(smooth);
    await smooth.addInitScript(() => {
      window.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
      }).observe({ type: "longtask", buffered: true });
      window.frameTimes = [];
      let last = 0;
      const tick = (now) => {
        if (window.running !== false && last) window.frameTimes.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await smooth.goto(`${server.url}/index.html?${search}`);
    await smooth.locator("dispatcher-demo button.run:enabled").waitFor();
    await smooth.evaluate(() => { window.longest = 0; window.frameTimes = []; });
    await smooth.locator("dispatcher-demo button.run").click();
    await smooth.waitForFunction(() => window.reports.length > 0, null, { timeout });
    const { longest, fps } = await smooth.evaluate(() => {
      window.running = false;
      const rates = window.frameTimes.map((t) => 1000 / t).sort((a, b) => a - b);
      return { longest: window.longest, fps: { median: rates[rates.length >> 1], min: rates[0] } };
    });
    // The observer reports only tasks of 50 ms or more.
    row(`page, ${name}`, `${longest ? `longest task ${ms(longest)}` : "no task of 50 ms or more"}; ${fps.median.toFixed(0)} fps median, ${fps.min.toFixed(0)} min`,
      "longest task < 50 ms, ≥ 55 fps median", longest < 50 && fps.median >= 55, name.startsWith("10,000") ? TRIED.pageTenThousand : TRIED.pageMillion);
    await smooth.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.error("8. native, criterion: the library beside its peers, in one run");
const criterion = execFileSync("cargo", ["bench", "--quiet", "-p", "bounded-dispatcher", "--bench", "peers"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const native = criterionRates(criterion);
const nativeRate = native.get("1M ready jobs, 10 at a time/bounded-dispatcher");
row("native dispatch (criterion), same 1 M jobs", `${rate(nativeRate)}; wasm does ${Math.round((100 * ours) / nativeRate)} % of it`, "", null);
for (const peer of ["futures try_for_each_concurrent", "tokio JoinSet + Semaphore"]) {
  const peerRate = native.get(`1M ready jobs, 10 at a time/${peer}`);
  row(`… ${peer}, same run`, `${rate(peerRate)}; ours ${(nativeRate / peerRate).toFixed(1)}×`, "", null);
}
const queues = [...native].filter(([name]) => name.includes("by queue length/"));
row("native dispatch by queue length (0, 10, 100, 1 M)", queues.map(([, value]) => rate(value)).join(", "), "", null);

const chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim();
const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} cores (${cpus()[0].model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB; ${chromium}, headless, software rendering`;
const mark = (met) => (met === null ? "" : met ? "met" : "**not met**");
const table = [
  `Measured ${date} on ${machine}, by \`make bench\`.`,
  "",
  "| figure | measured | target | |",
  "|---|---|---|---|",
  ...rows.map(({ figure, measured, target, met, note }) => `| ${figure} | ${measured} | ${target} | ${mark(met)}${note ? `: ${note}` : ""} |`),
].join("\n");
console.log(table);
await writeFile(join(root, "bench/results.md"), `# Benchmark results\n\n${table}\n`);
const readme = await readFile(join(root, "README.md"), "utf8");
const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`);
if (updated !== readme) await writeFile(join(root, "README.md"), updated);
