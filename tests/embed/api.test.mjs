// The npm package's JS API (dist/api.js, `dispatcher-demo/api`) in a plain
// page under the strict Content-Security-Policy: init() finds its own wasm
// beside it, map runs the page's own work and rejects with the first error,
// and the element on the same page keeps its own, smaller module.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, serve, open, root, CSP } from "./harness.mjs";
import { slowServer, URLS, verdict, CLOSED_WITHIN_MS } from "../api/fetch-server.mjs";

let browser, strict;
before(async () => {
  browser = await launch();
  strict = await serve({ csp: true });
});
after(async () => {
  await browser?.close();
  await strict?.close();
});

test("under the strict CSP, dist/api.js's map runs beside the element, whose module stays the one without map", async () => {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>api</title>
<script type="module" src="/dist/dispatcher-demo.js"></script></head>
<body><dispatcher-demo workers="2" jobs="4" max-wait-ms="5" threshold-ms="5" seed="1" autorun></dispatcher-demo></body></html>`;
  const page = await open(browser, `${strict.url}/dist/api-page.html`, {
    route: (route) => route.fulfill({ contentType: "text/html", headers: { "content-security-policy": CSP }, body: html }),
  });
  await page.waitForFunction(() => window.reports?.length >= 1);
  const result = await page.evaluate(async () => {
    const { default: init, map } = await import("/dist/api.js");
    await init();
    const values = await map([3, 1, 2], async (n, { index }) => {
      await new Promise((resolve) => setTimeout(resolve, n * 10));
      return n * 10 + index;
    }, { workers: 2 });
    const aborted = [];
    const error = await map(["slow", "fails", "slow"], (item, { signal, index }) => new Promise((resolve, reject) => {
      signal.addEventListener("abort", () => aborted.push(index));
      setTimeout(() => (item === "fails" ? reject(new Error("no")) : resolve(item)), item === "fails" ? 10 : 1000);
    })).catch((error) => error.message);
    const wasm = performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname).filter((path) => path.endsWith(".wasm")).sort();
    return { values, error, aborted: aborted.sort(), wasm };
  });
  assert.deepEqual(result, {
    values: [30, 11, 22],
    error: "no",
    aborted: [0, 2],
    wasm: ["/dist/dispatcher_demo_api_bg.wasm", "/dist/dispatcher_demo_bg.wasm"],
  });
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the README's recipe, run as written against a slow server, fails at the 404 and aborts the three fetches in flight", async () => {
  // The README's block, as it is: the page gives it `urls`, and the import map gives it the package's name.
  const readme = await readFile(join(root, "README.md"), "utf8");
  const recipe = readme.split("### Your own work")[1].match(/```js\n([\s\S]*?)```/)[1];
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>recipe</title>
<script type="importmap">{ "imports": { "dispatcher-demo/api": "/dist/api.js" } }</script>
<script type="module">const urls = ${JSON.stringify(URLS)};\n${recipe}\nwindow.pages = pages;</script></head><body></body></html>`;
  const server = await slowServer({ recipePage: page });
  try {
    const tab = await browser.newPage();
    const thrown = new Promise((resolve) => tab.on("pageerror", (error) => resolve(error.message)));
    await tab.goto(`${server.url}/recipe.html`);
    assert.equal(await thrown, "/missing/4: 404");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = verdict(server);
    assert.deepEqual([seen.failed, seen.closed, seen.requestedAfter], ["/missing/4", ["/slow/1", "/slow/2", "/slow/3"], []]);
    assert.ok(seen.latestCloseMs <= CLOSED_WITHIN_MS, `closed ${seen.latestCloseMs.toFixed(1)} ms after the 404`);
    assert.equal(await tab.evaluate(() => window.pages), undefined);
    await tab.close();
  } finally {
    await server.close();
  }
});
