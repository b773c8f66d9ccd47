// Where a page's long tasks go: runs the page at `search`, presses Run,
// records Chromium's CPU profile until the run is done, and prints each
// task of 50 ms or more with the functions that took most of it (self time).
//   node bench/profile.mjs "workers=10000&queue-length=1000000&jobs=1000000&max-wait-ms=1&seed=1"
// Build first (make build); the wasm functions are named by wasm-bindgen's
// names section, which wasm-opt keeps only when told (-g): without it they
// are wasm-function[N].
import { serve, launch, collectReports, watchLongTasks } from "../tests/page/harness.mjs";

const search = process.argv[2] ?? "jobs=1000000&max-wait-ms=1&seed=1";
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await collectReports(page);
  await watchLongTasks(page);
  await page.goto(`${server.url}/index.html?${search}`);
  await page.locator("dispatcher-demo button.run:enabled").waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await page.evaluate(() => (window.longTasks.length = 0));
  await cdp.send("Profiler.start");
  await page.locator("dispatcher-demo button.run").click();
  await page.waitForFunction(() => window.reports.length > 0, null, { timeout: 600_000 });
  await page.waitForTimeout(500);
  const { profile } = await cdp.send("Profiler.stop");
  const tasks = await page.evaluate(() => window.longTasks);
  // Samples are in µs of a clock of their own: the tasks are placed by their distance from the profile's end.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const wallStart = await page.evaluate(() => performance.now());
  console.log(`${tasks.length} tasks of 50 ms or more: ${tasks.map((task) => Math.round(task.duration)).join(", ") || "none"}`);
  // Map each long task onto the samples by its offset from the profile's end (both clocks run at the same rate).
  const end = times.at(-1) / 1000;
  for (const task of tasks) {
    const from = end - (wallStart - task.start);
    const to = from + task.duration;
    const self = new Map();
    let count = 0;
    profile.samples.forEach((id, i) => {
      const at = times[i] / 1000;
      if (at < from || at > to) return;
      count++;
      const { callFrame } = nodes.get(id);
      const name = `${callFrame.functionName || "(anonymous)"} ${callFrame.url.split("/").pop()}:${callFrame.lineNumber + 1}`;
      self.set(name, (self.get(name) ?? 0) + 1);
    });
    console.log(`\ntask at ${Math.round(task.start)} ms, ${Math.round(task.duration)} ms (${count} samples):`);
    for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${((100 * n) / count).toFixed(1).padStart(5)} %  ${name}`);
  }
} finally {
  await browser.close();
  await server.close();
}
