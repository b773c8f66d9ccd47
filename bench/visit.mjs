// The first visit's transfer, as `make bench` counts it (bench/run.mjs
// calls firstVisit): a fresh page in Chromium, until its first element's Run is enabled and
// the network has been idle for 500 ms; every response's body, gzipped at
// level 9. `node bench/visit.mjs` prints the two rows' figures with each
// file, for weighing a lever without the whole benchmark (after make dist).
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** The files a first visit of `url` loads in `browser`: `[{ url, raw, zipped }]`, in the order they came. */
export async function firstVisit(browser, url, { viewport } = {}) {
  const visit = await browser.newPage(viewport ? { viewport } : {});
  const bodies = [];
  visit.on("response", (response) => bodies.push(response.body().then((body) => ({ url: response.url(), raw: body.length, zipped: gz(body) })).catch(() => null)));
  await visit.goto(url);
  await visit.locator("dispatcher-demo button.run:enabled").first().waitFor();
  await visit.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter(Boolean);
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
      const files = await firstVisit(browser, url);
      const sum = (key) => files.reduce((total, file) => total + file[key], 0);
      console.log(`first visit of ${name}: ${files.length} files, ${kb(sum("raw"))} raw, ${kb(sum("zipped"))} gzipped`);
      for (const file of files) console.log(`  ${kb(file.zipped).padStart(8)}  ${new URL(file.url).pathname}`);
    }
  } finally {
    await browser.close();
    await server.close?.();
    await plain.close?.();
  }
}
