// make bench's dispatch rows alone, to weigh a change to the wasm build:
// rounds of fresh pages of one or more builds of the bench module, each
// beside the native example (and the Go pattern, if built), so that every
// ratio comes from the same minutes of the machine. Prints each round, then
// the medians; nothing is written.
//   node bench/dispatch.mjs                      bench/pkg, 5 rounds
//   node bench/dispatch.mjs --rounds 7 pkg pkg-b two builds, A/B (folders of bench/)
//   node bench/dispatch.mjs --profile pkg        Chromium's CPU profile of one dispatch
//   node bench/dispatch.mjs --js-flags=--no-liftoff pkg
//                                                each build in Chromium as make bench runs it and
//                                                in one more Chromium with these V8 flags (repeatable)
// A second build: `make build-bench`, then copy bench/pkg to bench/pkg-b
// (git ignores pkg*/ here) and build again with the change.
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { serve, launch, root } from "../tests/page/harness.mjs";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "5" },
    jobs: { type: "string", default: "1000000" },
    profile: { type: "boolean" },
    "js-flags": { type: "string", multiple: true, default: [] },
  },
});
const builds = positionals.length ? positionals : ["pkg"];
// Each build in each browser: make bench's, and one per set of V8 flags.
const flagSets = ["", ...flags["js-flags"]];
const variants = flagSets.flatMap((jsFlags) => builds.map((build) => ({ build, jsFlags, name: jsFlags ? `${build} ${jsFlags}` : build })));
const [rounds, jobs] = [Number(flags.rounds), Number(flags.jobs)];
const NATIVE = join(root, "target/release/examples/dispatch");
const GO = join(root, "target/go/dispatch");
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const m = (perSecond) => (perSecond / 1e6).toFixed(1);
const native = () => JSON.parse(execFileSync(NATIVE, [String(jobs), "5"], { encoding: "utf8" })).rate;
const go = () => JSON.parse(execFileSync(GO, [String(jobs), "5"], { encoding: "utf8", env: { ...process.env, GOMAXPROCS: "1" } })).rate;

// Cross-origin isolated, as make bench serves the dispatch rounds: a run of 1 M ready jobs
// takes about a millisecond, and the clock of a page that is not isolated has steps of 0.1 ms.
const server = await serve({ isolated: true });
const browsers = Object.fromEntries(await Promise.all(flagSets.map(async (jsFlags) => [jsFlags, await launch(jsFlags ? [`--js-flags=${jsFlags}`] : [])])));
const open = async (build, jsFlags = "") => {
  const page = await browsers[jsFlags].newPage();
  page.on("pageerror", (error) => console.error(`${build}:`, error.message));
  await page.goto(`${server.url}/bench/index.html?pkg=${build}`);
  await page.waitForFunction(() => window.benchReady === true);
  return page;
};
try {
  if (flags.profile) {
    await profile(builds[0]);
  } else {
    const names = variants.map(({ name }) => name);
    const samples = Object.fromEntries([...names, "native", "go"].map((name) => [name, []]));
    const firsts = {};
    for (let round = 0; round < rounds; round++) {
      for (const { build, jsFlags, name } of variants) {
        const page = await open(build, jsFlags);
        const { rate, first } = await page.evaluate((n) => window.bench.dispatch(n), jobs);
        samples[name].push(rate);
        (firsts[name] ??= []).push(first);
        await page.close();
      }
      samples.native.push(native());
      if (existsSync(GO)) samples.go.push(go());
      const load = loadavg()[0].toFixed(2);
      console.log(`round ${round + 1} (load ${load}): ${[...names, "native", "go"].filter((name) => samples[name].length).map((name) => `${name} ${m(samples[name].at(-1))}`).join(", ")} M jobs/s`);
    }
    const nat = median(samples.native);
    for (const build of names) {
      const wasm = median(samples[build]);
      const overGo = samples.go.length ? `, ÷ Go (1 proc, best) ${(wasm / Math.max(...samples.go)).toFixed(1)}×` : "";
      console.log(`${build}: median ${m(wasm)} M jobs/s (${m(Math.min(...samples[build]))}–${m(Math.max(...samples[build]))}), ÷ native ${Math.round((100 * wasm) / nat)} %${overGo}; a page's first run ${m(median(firsts[build]))} (${m(Math.min(...firsts[build]))}–${m(Math.max(...firsts[build]))})`);
    }
    console.log(`native: median ${m(nat)} M jobs/s`);
  }
} finally {
  await Promise.all(Object.values(browsers).map((browser) => browser.close()));
  await server.close();
}

/** The functions that took most of one warmed-up dispatch (self time). */
async function profile(build) {
  const page = await open(build);
  await page.evaluate((n) => window.bench.dispatch(n), jobs);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await page.evaluate((n) => window.bench.dispatch(n), jobs);
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map();
  const gaps = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const node = profile.nodes.find((n) => n.id === id);
    const name = `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.split("/").at(-1)}`;
    self.set(name, (self.get(name) ?? 0) + (gaps[i + 1] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(1)} ms  ${name}`);
  }
  await page.close();
}
