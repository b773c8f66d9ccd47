// make bench: every figure of the benchmark, printed as one table and
// written to bench/results.md and docs/performance.md. Dispatch throughput is
// measured in rounds, each of them a fresh page of the wasm module, the
// native build and the original Go program's pattern, one after another, so
// that the ratios come from the same minutes of the same machine; the rest
// in headless Chromium, with callgrind and criterion natively.
import { readFile, writeFile, stat } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";
import { serve, launch, root, throttleCpu } from "../tests/page/harness.mjs";
import { demoPage, thirtyElements, seen, THIRTY } from "../tests/page/scenes.mjs";
import { TRIED } from "./tried.mjs";
import { plainSite } from "../tests/embed/sites.mjs";
import { mapRows } from "./map.mjs";
import { firstVisit, gz } from "./visit.mjs";

const M = 1_000_000;
const ROUNDS = 5;
const NATIVE = join(root, "target/release/examples/dispatch");
const GO = join(root, "target/go/dispatch");

const rows = [];
const row = (figure, measured, target = "", met = null, note = "") => {
  rows.push({ figure, measured, target, met, note: met === false ? note : "" });
  console.error(`  ${figure}: ${measured}`);
};
const rate = (perSecond) => `${(perSecond / M).toFixed(1)} M jobs/s`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
/** The longest task, in words (the observer reports only tasks of 50 ms or more). */
const longestText = (longest) => (longest ? `longest task ${ms(longest)}` : "no task of 50 ms or more");
const MAKESPAN_RUNS = 5;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
/** "median (min–max)" of rates. */
const spread = (values) => `${rate(median(values))} (${(Math.min(...values) / M).toFixed(1)}–${(Math.max(...values) / M).toFixed(1)})`;
const json = (file, args, env = {}) => JSON.parse(execFileSync(file, args, { encoding: "utf8", env: { ...process.env, ...env } }));
const exists = (file) => stat(file).then(() => true, () => false);
const haveGo = await exists(GO);

const server = await serve();
const browser = await launch();
// The dist/ element as the plain-HTML recipe puts it: dist/ copied beside a page (tests/embed/plain.html).
const plain = (await exists(join(root, "dist/dispatcher-demo.js"))) ? await serve({ dir: await plainSite() }) : null;
const PLAIN = "the dist/ element (tests/embed/plain.html)";

// The dispatch rounds' pages are cross-origin isolated, so that their clock
// has steps of 5 µs: a run of 1 M ready jobs takes about a millisecond, and
// a page that is not isolated reads it in steps of 0.1 ms.
const isolated = await serve({ isolated: true });

async function benchPage(from = server) {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("bench page:", error.message));
  await page.goto(`${from.url}/bench/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  return page;
}

try {
  console.error(`1. dispatch throughput, 1 M ready jobs, 10 workers, queue 100: ${ROUNDS} rounds of wasm, native${haveGo ? " and Go" : ""}`);
  const samples = { wasm: [], first: [], native: [], go1: [], goN: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // V8 compiles the same module better or worse from one page load to
    // the next: each round is a fresh page.
    const page = await benchPage(isolated);
    const { rate: warm, first } = await page.evaluate((jobs) => window.bench.dispatch(jobs), M);
    samples.wasm.push(warm);
    samples.first.push(first);
    await page.close();
    samples.native.push(json(NATIVE, [String(M), "5"]).rate);
    if (haveGo) {
      samples.go1.push(json(GO, [String(M), "5"], { GOMAXPROCS: "1" }).rate);
      samples.goN.push(json(GO, [String(M), "5"]).rate);
    }
    console.error(`  round ${round + 1}: wasm ${rate(samples.wasm.at(-1))}, native ${rate(samples.native.at(-1))}${haveGo ? `, Go ${rate(samples.go1.at(-1))} (1 proc), ${rate(samples.goN.at(-1))} (${cpus().length})` : ""}`);
  }
  const wasm = median(samples.wasm);
  const native = median(samples.native);
  row(`dispatch in wasm, median of ${ROUNDS} page loads (min–max)`, spread(samples.wasm));
  row(`… the first run of each page (V8's baseline code, its optimising tier compiling meanwhile)`, spread(samples.first));
  row(`dispatch natively, same rounds`, spread(samples.native));
  const wasmShare = wasm / native;
  row("wasm ÷ native, same rounds", `${Math.round(100 * wasmShare)} %`, "≥ 70 %", wasmShare >= 0.7, `${Math.round(100 * wasmShare)} % of it; ${TRIED.wasmShare}`);
  if (haveGo) {
    const goBest = Math.max(...samples.go1, ...samples.goN);
    row("the Go pattern (errgroup, 10 goroutines, channel of 100), GOMAXPROCS=1, same rounds", spread(samples.go1));
    row(`… GOMAXPROCS=${cpus().length} (the default), same rounds`, spread(samples.goN));
    const overGo = wasm / goBest;
    row("wasm (median) ÷ the Go pattern's best", `${overGo.toFixed(1)}× (best ${rate(goBest)})`, "≥ 10×", overGo >= 10, `${overGo.toFixed(1)}× of 10×; ${TRIED.go}`);
    row("native (median) ÷ the Go pattern's best", `${(native / goBest).toFixed(1)}×`);
  } else {
    row("the Go pattern", "not measured: no Go toolchain (scripts/setup bench installs golang-go and golang-golang-x-sync-dev on Debian)");
  }

  console.error("2. instructions per job, native (callgrind): ready, and pending once");
  /** The instructions a run of `jobs` jobs takes, from callgrind's summary (on stderr). */
  const counted = (jobs, kind) => {
    const summary = execFileSync("sh", ["-c", `valgrind --tool=callgrind --callgrind-out-file=/dev/null '${NATIVE}' ${jobs} 1 ${kind} 2>&1 >/dev/null`], { encoding: "utf8" });
    return Number(summary.match(/Collected : (\d+)/)[1]);
  };
  // The difference between a run of 1.1 M jobs and one of 100,000 is what 1 M jobs cost.
  const perJob = (kind) => (counted(1_100_000, kind) - counted(100_000, kind)) / M;
  const ready = perJob("ready");
  row("instructions per ready job, native (callgrind, 1 M jobs)", ready.toFixed(1), "≤ 45", ready <= 45, `${(ready - 45).toFixed(1)} over; ${TRIED.instructions}`);
  row("instructions per job pending once (its wake, the worker's poll and its finish), native (callgrind, 1 M jobs)", perJob("pending").toFixed(1));

  console.error("3. the JS peers, in one page");
  const page = await benchPage();
  const call = (name, ...args) => page.evaluate(([name, args]) => window.bench[name](...args), [name, args]);
  const peers = await call("peers", M);
  for (const [peer, value] of Object.entries(peers)) {
    row(`… ${peer}, concurrency 10, in a page of the same run`, `${rate(value)}; ours ${(wasm / value).toFixed(1)}×`);
  }

  console.error("3b. map beside p-map and p-limit, in one page");
  await mapRows(browser, server.url, row);

  console.error("4. run() end to end");
  for (const jobs of [100_000, M]) {
    const e2e = await call("endToEnd", jobs);
    const what = `${ms(e2e.totalMs)} (dispatch ${ms(e2e.dispatchMs)}, report ${ms(e2e.reportMs)}); then ${ms(e2e.firstReadMs)} to make its jobs and log lines when first read`;
    const inAll = e2e.totalMs + e2e.firstReadMs;
    // The target counts run() and the first read of its jobs and log together.
    if (jobs === M) row(`run() with full report, ${jobs.toLocaleString("en")} zero-wait jobs`, `${what}; ${ms(inAll)} in all`, "≤ 1 s with the first read", inAll <= 1000, `${ms(inAll - 1000)} over; ${TRIED.endToEnd}`);
    else row(`run() with full report, ${jobs.toLocaleString("en")} zero-wait jobs`, what);
  }

  console.error("5. cancellation latency");
  const cancel = await call("cancellation", 200);
  row("cancellation latency, 200 runs (failing job's start to settled)", `p50 ${ms(cancel.p50)}, p99 ${ms(cancel.p99)}, max ${ms(cancel.max)}; timers left ${cancel.timersLeft}`,
    "p99 ≤ 1 ms, no timer after", cancel.p99 <= 1 && cancel.timersLeft === 0,
    `${cancel.p99 > 1 ? `p99 ${ms(cancel.p99 - 1)} over` : ""}${cancel.timersLeft ? ` ${cancel.timersLeft} timers left` : ""}; ${TRIED.cancellation}`);

  console.error("6. makespan fidelity");
  for (const [name, options, settings] of [
    ["defaults (seed 1, threshold 1000: no failure)", { seed: 1, thresholdMs: 1000 }, ["seed=1", "threshold-ms=1000"]],
    ["1,000 zero-wait jobs", { jobs: 1000, maxWaitMs: 1 }, ["jobs=1000", "max-wait-ms=1"]],
  ]) {
    // The same waits on the virtual clock (the PRNG is the same natively and in wasm).
    const virtualMs = Number(execFileSync("cargo", ["run", "--quiet", "--release", "--example", "simulate", "--", ...settings], { cwd: root, encoding: "utf8" }));
    // The median of several runs: one late timer on a shared machine moved a single run by 40 ms.
    const runs = [];
    for (let i = 0; i < MAKESPAN_RUNS; i++) runs.push(await call("makespan", options));
    const realMs = median(runs);
    const over = realMs - virtualMs;
    row(`makespan, ${name}, median of ${MAKESPAN_RUNS} runs (max)`, `${ms(realMs)} vs ${ms(virtualMs)} virtual: +${ms(over)} (${virtualMs ? ((100 * over) / virtualMs).toFixed(2) : "0.00"} %; max +${ms(Math.max(...runs) - virtualMs)})`,
      "≤ +0.5 % + 5 ms", over <= 0.005 * virtualMs + 5, TRIED.makespan);
  }

  console.error("7. memory");
  const memory = await call("memory", 10 * M);
  row("wasm memory growth over 10 M ready jobs", `${memory.growth} B (in ${ms(memory.ms)})`, "≤ 1 MiB", memory.growth <= 1024 * 1024);
  await page.close();

  console.error("8. size");
  const module = await readFile(join(root, "pkg/dispatcher_demo_bg.wasm"));
  row("wasm module of the page", `${kb(module.length)} raw, ${kb(gz(module))} gzipped`, "≤ 20 KB gzipped", gz(module) <= 20 * 1024, `${kb(gz(module) - 20 * 1024)} over; ${TRIED.wasm}`);
  const visits = [["the page (index.html)", `${server.url}/index.html`]];
  if (plain) visits.push([PLAIN, `${plain.url}/docs/guide/`]);
  for (const [name, url] of visits) {
    const files = await firstVisit(browser, url);
    const zipped = files.reduce((sum, file) => sum + file.zipped, 0);
    const raw = files.reduce((sum, file) => sum + file.raw, 0);
    row(`first visit of ${name}: ${files.length} files`, `${kb(raw)} raw, ${kb(zipped)} gzipped`, "≤ 50 KB gzipped", zipped <= 50 * 1024, `${kb(zipped - 50 * 1024)} over; ${name.includes("dist/") ? TRIED.visit : TRIED.pageVisit}`);
  }

  console.error("9. the page, as it is and with the CPU 4× slower (DevTools' throttling, as Lighthouse's mobile profile)");
  const SLOWER = 4;
  /** Runs `scene` in a fresh page with the CPU `rate` times slower; returns what the page saw (scenes.mjs's `seen`). */
  const watched = async (scene, rate) => {
    const watching = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const go = await scene(watching);
    await throttleCpu(watching, rate);
    await go();
    const saw = await seen(watching);
    await watching.close();
    return saw;
  };
  const slowerName = (name, rate) => (rate === 1 ? name : `${name}, CPU ${rate}× slower`);
  const smooth = (saw) => saw.longest < 50 && saw.fps.median >= 55;
  const jank = (saw) => [saw.longest >= 50 ? `a task ${ms(saw.longest - 49)} too long` : "", saw.fps.median < 55 ? `${(55 - saw.fps.median).toFixed(0)} fps short` : ""].filter(Boolean).join(", ");
  for (const [name, settings, timeout] of [
    ["10,000 jobs of 0–19 ms", "jobs=10000&max-wait-ms=20&threshold-ms=20&seed=1", 120_000],
    ["1,000,000 zero-wait jobs", "jobs=1000000&max-wait-ms=1&seed=1", 600_000],
    ["the option maxima: 10,000 workers, a queue of 1,000,000, 1,000,000 zero-wait jobs", "workers=10000&queue-length=1000000&jobs=1000000&max-wait-ms=1&seed=1", 600_000],
  ]) {
    for (const rate of [1, SLOWER]) {
      const saw = await watched((page) => demoPage(page, server.url, settings, { timeout }), rate);
      row(`page, ${slowerName(name, rate)}`, `${longestText(saw.longest)}; ${saw.fps.median.toFixed(0)} fps median, ${saw.fps.min.toFixed(0)} min`,
        "no task of 50 ms or more, ≥ 55 fps median", smooth(saw), `${jank(saw)}; ${rate === 1 ? TRIED.page : TRIED.pageSlower}`);
    }
  }

  console.error("10. the page at scale, as it is and with the CPU 4× slower");
  // Thirty elements on one page, all running at once (as tests/page/audit.test.mjs).
  for (const rate of [1, SLOWER]) {
    const saw = await watched((page) => thirtyElements(page, server.url, { timeout: 300_000 }), rate);
    const flagged = saw.reports.filter((report) => report.distorted).length;
    row(`page, ${slowerName(`${THIRTY} elements running at once`, rate)}`, `${longestText(saw.longest)}; ${saw.fps.median.toFixed(0)} fps median, ${saw.fps.min.toFixed(0)} min; ${flagged} of ${THIRTY} runs flagged distorted`,
      rate === 1 ? "no task of 50 ms or more, none flagged" : "no task of 50 ms or more, ≥ 55 fps median, none flagged",
      (rate === 1 ? saw.longest < 50 : smooth(saw)) && flagged === 0, `${[jank(saw), flagged ? `${flagged} flagged` : ""].filter(Boolean).join(", ")}; ${TRIED.many}`);
  }
  // 10,000 workers and 100,000 jobs of 0–999 ms (none failing), against their virtual schedule.
  const big = ["workers=10000", "jobs=100000", "threshold-ms=1000", "seed=1"];
  const virtualMs = Number(execFileSync("cargo", ["run", "--quiet", "--release", "--example", "simulate", "--", ...big], { cwd: root, encoding: "utf8" }));
  for (const rate of [1, SLOWER]) {
    const saw = await watched((page) => demoPage(page, server.url, big.join("&"), { timeout: 600_000 }), rate);
    const [report] = saw.reports;
    const over = report.elapsedMs / virtualMs - 1;
    // Unthrottled, as before: the makespan; slower, the page must not hold a task of 50 ms either.
    const met = Math.abs(over) <= 0.1 && (rate === 1 || saw.longest < 50);
    row(`page, ${slowerName("10,000 workers and 100,000 jobs of 0–999 ms, makespan", rate)}`, `${ms(report.elapsedMs)} vs ${ms(virtualMs)} virtual: ${over >= 0 ? "+" : ""}${(100 * over).toFixed(1)} %${report.distorted ? ", flagged distorted" : ""}; ${longestText(saw.longest)}`,
      rate === 1 ? "within 10 %" : "within 10 %, no task of 50 ms or more", met, TRIED.big);
  }
  console.error("11. Lighthouse");
  const LIGHTHOUSE = join(root, "bench/lighthouse/node_modules/lighthouse/cli/index.js");
  if (await exists(LIGHTHOUSE)) {
    for (const [name, url] of [["the page (index.html)", `${server.url}/index.html`], ...(plain ? [[PLAIN, `${plain.url}/docs/guide/`]] : [])]) {
      const output = join(root, "target/lighthouse.json");
      // Not execFileSync: the servers it loads the pages from run in this process.
      await promisify(execFile)("node", [LIGHTHOUSE, url, "--quiet", "--output=json", `--output-path=${output}`, "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"],
        { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" } });
      const { categories, audits } = JSON.parse(await readFile(output, "utf8"));
      const score = (id) => Math.round(100 * categories[id].score);
      const failing = Object.values(audits).filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary").map((audit) => audit.id);
      const met = score("accessibility") === 100 && score("best-practices") === 100;
      row(`Lighthouse, ${name}`, `accessibility ${score("accessibility")}, best practices ${score("best-practices")}, performance ${score("performance")}`,
        "accessibility and best practices 100", met, `failing: ${failing.join(", ")}`);
    }
  } else {
    row("Lighthouse", "not measured: scripts/setup bench installs it in bench/lighthouse");
  }
} finally {
  await browser.close();
  await server.close();
  await isolated.close();
  await plain?.close();
}

console.error("12. natively, with criterion: the library beside its peers, in one run");
const criterion = execFileSync("cargo", ["bench", "--quiet", "-p", "bounded-dispatcher", "--bench", "peers"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const natively = criterionRates(criterion);
// Each group: ours, then each peer on the same work, with the ratio (and a target for some).
const groups = [
  ["1M ready jobs, 10 at a time", "1 M ready jobs", [["futures try_for_each_concurrent", 3], ["tokio JoinSet + Semaphore", null]]],
  ["1M ready jobs from a stream, 10 at a time", "1 M ready jobs from a stream", [["futures buffer_unordered", null], ["futures try_for_each_concurrent", null]]],
  ["100,000 jobs each pending once, 10 at a time", "100,000 jobs each pending once", [["futures try_for_each_concurrent", 5], ["tokio JoinSet + Semaphore", 20]]],
];
// The same rows go into the library's README too: the figures it gives are these.
const libraryRows = rows.length;
for (const [group, what, peers] of groups) {
  const ours = natively.get(`${group}/bounded-dispatcher`);
  row(`bounded-dispatcher, ${what}, 10 at a time (criterion)`, rate(ours));
  for (const [peer, target] of peers) {
    const theirs = natively.get(`${group}/${peer}`);
    const ratio = ours / theirs;
    row(`… ${peer}, same work, same run`, `${rate(theirs)}; ours ${ratio.toFixed(1)}×`, target ? `ours ≥ ${target}×` : "", target ? ratio >= target : null, `${ratio.toFixed(1)}× of ${target}×; ${TRIED.peers}`);
  }
}
const libraryTable = rows.slice(libraryRows);
const queues = [...natively].filter(([name]) => name.includes("by queue length/"));
row("bounded-dispatcher by queue length (0, 10, 100, 1 M), same run", queues.map(([, value]) => rate(value)).join(", "));

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

const chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim();
const go = haveGo ? execFileSync("go", ["version"], { encoding: "utf8" }).trim() : "no Go";
const date = new Date().toISOString().slice(0, 10);
const cores = `${cpus().length} cores (${cpus()[0].model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB`;
const machine = `${cores}; ${chromium}, headless, software rendering; ${go}`;
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
const performance = join(root, "docs/performance.md");
const page = await readFile(performance, "utf8");
const updated = page.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`);
if (updated !== page) await writeFile(performance, updated);
const library = join(root, "crates/bounded-dispatcher/README.md");
const readme = await readFile(library, "utf8");
const measured = [
  `Measured ${date} on ${cores}, natively, by \`make bench\` (criterion, one run; docs/performance.md has every figure):`,
  "",
  "| figure | measured |",
  "|---|---|",
  ...libraryTable.map(({ figure, measured }) => `| ${figure} | ${measured} |`),
].join("\n");
const withFigures = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${measured}\n<!-- bench:end -->`);
if (withFigures !== readme) await writeFile(library, withFigures);
