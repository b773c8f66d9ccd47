// map's rows of make bench, which bench/run.mjs prints with the others, or
// on their own: node bench/map.mjs (after make wasm). In one page of
// headless Chromium (bench/map-page.mjs): map beside p-map and p-limit on
// 100,000 ready mappers and on 1,000 mappers of 1–10 ms, and the time from
// a failure to every running job's signal aborted.
import { fileURLToPath } from "node:url";
import { serve, launch } from "../tests/page/harness.mjs";

const rate = (perSecond) => `${(perSecond / 1e6).toFixed(2)} M mappers/s`;
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** Measures map's rows, and gives each to `row(figure, measured)`. */
export async function mapRows(browser, serverUrl, row) {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("bench page:", error.message));
  await page.goto(`${serverUrl}/bench/index.html`);
  await page.waitForFunction(() => window.mapBenchReady === true);
  const ready = await page.evaluate(() => window.mapBench.ready(100_000));
  for (const [name, value] of Object.entries(ready)) {
    row(`map beside its peers: 100,000 ready mappers, 10 at a time, ${name}`, `${rate(value)}${name === "map" ? "" : `; map ${(ready.map / value).toFixed(2)}×`}`);
  }
  const { times, leastMs } = await page.evaluate(() => window.mapBench.timed(1000));
  for (const [name, value] of Object.entries(times)) {
    row(`map beside its peers: 1,000 mappers of 1–10 ms, 10 at a time, ${name}`, `${ms(value)} (the waits alone: ${ms(leastMs)})`);
  }
  const latency = await page.evaluate(() => window.mapBench.abortLatency(200));
  row("map: from a failure to the last of 9 running signals aborted, 200 runs", `p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`);
  await page.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [server, browser] = await Promise.all([serve(), launch()]);
  try {
    await mapRows(browser, server.url, (figure, measured) => console.log(`| ${figure} | ${measured} |`));
  } finally {
    await browser.close();
    await server.close();
  }
}
