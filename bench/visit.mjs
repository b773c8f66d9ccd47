// The first visit's transfer, as `make bench` counts it (bench/run.mjs
// calls firstVisit): a fresh page in Chromium, until its first element's Run is enabled and
// the network has been idle for 500 ms; every response's body, gzipped at
// level 9. `node bench/visit.mjs` prints the two rows' figures with each
// file, and at a phone's size too, with the layout shifts the reader saw
// meanwhile, for weighing a lever without the whole benchmark (after make dist).
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

/**
 * The files a first visit of `url` loads in `browser`: `[{ url, raw, zipped }]`,
 * in the order they came; and, as `files.shifted`, the layout shifts of the
 * visit until then, summed (its cumulative layout shift, as Chromium reports
 * each shift to a PerformanceObserver: what the reader saw move).
 */
export async function firstVisit(browser, url, { viewport } = {}) {
  const visit = await browser.newPage(viewport ? { viewport } : {});
  const bodies = [];
  visit.on("response", (response) => bodies.push(response.body().then((body) => ({ url: response.url(), raw: body.length, zipped: gz(body) })).catch(() => null)));
  await visit.addInitScript(() => {
    window.shifted = 0;
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.shifted += shift.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await visit.goto(url);
  await visit.locator("dispatcher-demo button.run:enabled").first().waitFor();
  await visit.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter(Boolean);
  files.shifted = await visit.evaluate(() => window.shifted);
  await visit.close();
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { serve, launch } = await import("../tests/page/harness.mjs");
  const { plainSite } = await import("../tests/embed/sites.mjs");
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const server = await serve();
  const plain = await serve({ dir: await plainSite() });
  const browser = await launch();
  try {
    for (const [name, url] of [["the page (index.html)", `${server.url}/index.html`], ["the dist/ element (tests/embed/plain.html)", `${plain.url}/docs/guide/`]]) {
      // Playwright's default window, as make bench has it, and a phone's.
      for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
        const files = await firstVisit(browser, url, { viewport });
        const sum = (key) => files.reduce((total, file) => total + file[key], 0);
        console.log(`first visit of ${name} at ${viewport.width}×${viewport.height}: ${files.length} files, ${kb(sum("raw"))} raw, ${kb(sum("zipped"))} gzipped; layout shifts ${files.shifted.toFixed(3)}`);
        for (const file of files) console.log(`  ${kb(file.zipped).padStart(8)}  ${new URL(file.url).pathname}`);
      }
    }
  } finally {
    await browser.close();
    await server.close?.();
    await plain.close?.();
  }
}
