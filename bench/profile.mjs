// Where a page's long tasks go: runs the page at `settings`, presses Run,
// records Chromium's CPU profile until the run is done, and prints each
// task of 50 ms or more with the functions that took most of it (self
// time), then the run's whole profile the same way.
//   node bench/profile.mjs "workers=10000&queue-length=1000000&jobs=1000000&max-wait-ms=1&seed=1"
//   node bench/profile.mjs --cpu 4 "workers=10000&jobs=100000&threshold-ms=1000&seed=1"
//   node bench/profile.mjs --cpu 4 --thirty
// --cpu N slows the page's CPU N times, as DevTools does (Lighthouse's
// mobile profile: 4); --thirty runs thirty elements at once, as make
// bench's row does, in place of the demo page.
// Build first (make build). The element comes from the readable sources
// (www/, pkg/), so that its functions have their names; the wasm functions
// are named by wasm-bindgen's names section, which wasm-opt keeps only when
// told (-g): without it they are wasm-function[N].
import { parseArgs } from "node:util";
import { serve, launch, readableSources, throttleCpu } from "../tests/page/harness.mjs";
import { demoPage, thirtyElements } from "../tests/page/scenes.mjs";

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { cpu: { type: "string", default: "1" }, thirty: { type: "boolean" } } });
const settings = positionals[0] ?? "jobs=1000000&max-wait-ms=1&seed=1";
const rate = Number(flags.cpu);
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await readableSources(page);
  const go = flags.thirty ? await thirtyElements(page, server.url, { timeout: 600_000 }) : await demoPage(page, server.url, settings, { timeout: 600_000 });
  const cdp = await throttleCpu(page, rate);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await go();
  await page.waitForTimeout(500);
  const { profile } = await cdp.send("Profiler.stop");
  const tasks = await page.evaluate(() => window.longTasks);
  const reports = await page.evaluate(() => window.reports.map(({ report }) => ({ elapsedMs: report.elapsedMs, distorted: report.timingDistorted, maxLateMs: report.maxLateMs })));
  // Samples are in µs of a clock of their own: the tasks are placed by their distance from the profile's end.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const wallStart = await page.evaluate(() => performance.now());
  const elapsed = reports.map((report) => `${Math.round(report.elapsedMs)} ms${report.distorted ? " (distorted)" : ""}`);
  console.log(`CPU ${rate}× slower; ${reports.length} run(s): ${elapsed.slice(0, 5).join(", ")}${elapsed.length > 5 ? ", …" : ""}; latest job end ${Math.round(Math.max(...reports.map((report) => report.maxLateMs)))} ms after its wait`);
  console.log(`${tasks.length} tasks of 50 ms or more: ${tasks.map((task) => Math.round(task.duration)).join(", ") || "none"}`);
  /** The functions that took the samples from `from` to `to` (ms, the profile's clock), by self time. */
  const top = (from, to, count) => {
    const self = new Map();
    let samples = 0;
    profile.samples.forEach((id, i) => {
      const at = times[i] / 1000;
      if (at < from || at > to) return;
      samples++;
      const { callFrame } = nodes.get(id);
      const name = `${callFrame.functionName || "(anonymous)"} ${callFrame.url.split("/").pop()}:${callFrame.lineNumber + 1}`;
      self.set(name, (self.get(name) ?? 0) + 1);
    });
    const lines = [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, n]) => `  ${((100 * n) / samples).toFixed(1).padStart(5)} %  ${name}`);
    return { samples, lines };
  };
  // Map each long task onto the samples by its offset from the profile's end (both clocks run at the same rate).
  const end = times.at(-1) / 1000;
  for (const task of tasks) {
    const from = end - (wallStart - task.start);
    const { samples, lines } = top(from, from + task.duration, 15);
    console.log(`\ntask at ${Math.round(task.start)} ms, ${Math.round(task.duration)} ms (${samples} samples):\n${lines.join("\n")}`);
  }
  const whole = top(-Infinity, Infinity, 25);
  console.log(`\nthe whole run (${whole.samples} samples):\n${whole.lines.join("\n")}`);
} finally {
  await browser.close();
  await server.close();
}
