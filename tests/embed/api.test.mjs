// The npm package's JS API (dist/api.js, `dispatcher-demo/api`) in a plain
// page under the strict Content-Security-Policy: init() finds its own wasm
// beside it, map runs the page's own work and rejects with the first error,
// and the element on the same page keeps its own, smaller module.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, serve, open, root, artifacts, CSP } from "./harness.mjs";
import { mkdir } from "node:fs/promises";
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

test("the README's recipe, run as written against a slow server, fails at the 404, aborts the three fetches in flight, and the element shows it", async () => {
  // The README's block, as it is: the page gives it `urls` and the element, and the import map gives it the package's name.
  const readme = await readFile(join(root, "README.md"), "utf8");
  const recipe = readme.split("### Your own work")[1].match(/```js\n([\s\S]*?)```/)[1];
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>recipe</title>
<script type="importmap">{ "imports": { "dispatcher-demo/api": "/dist/api.js" } }</script>
<script type="module" src="/dist/dispatcher-demo.js"></script>
<script type="module">const urls = ${JSON.stringify(URLS)};\n${recipe}\nwindow.pages = pages;</script></head>
<body><dispatcher-demo parts="actions meters timeline legend grid narration summary log"></dispatcher-demo></body></html>`;
  const server = await slowServer({ recipePage: page });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const thrown = new Promise((resolve) => tab.on("pageerror", (error) => resolve(error.message)));
    await tab.goto(`${server.url}/recipe.html`);
    assert.equal(await thrown, "/missing/4: 404");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = verdict(server);
    assert.deepEqual([seen.failed, seen.closed, seen.requestedAfter], ["/missing/4", ["/slow/1", "/slow/2", "/slow/3"], []]);
    assert.ok(seen.latestCloseMs <= CLOSED_WITHIN_MS, `closed ${seen.latestCloseMs.toFixed(1)} ms after the 404`);
    assert.equal(await tab.evaluate(() => window.pages), undefined);

    // What the element shows of it: the run's own figures, not the demo's.
    const demo = tab.locator("dispatcher-demo");
    await demo.locator(".summary .status").getByText("failed").waitFor();
    const shown = await demo.evaluate((element) => {
      const root = element.shadowRoot;
      const text = (selector) => root.querySelector(selector).textContent;
      const rows = [...root.querySelectorAll(".summary dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]);
      return {
        rows: Object.fromEntries(rows),
        meters: [...root.querySelectorAll(".meter-value")].map((meter) => meter.textContent),
        log: text(".log").split("\n"),
        narration: text(".narration"),
        status: text(".status"),
        timelineHeight: root.querySelector(".timeline").getBoundingClientRect().height,
        code: root.querySelector(".code-box").hidden,
      };
    });
    assert.equal(shown.rows["First error"], "/missing/4: 404");
    assert.equal(shown.rows.Jobs, "✓ 1 succeeded   ✕ 1 failed   ○ 5 canceled   ✂ 3 aborted");
    assert.equal(shown.rows.Seed, undefined, "a page's own run has no seed");
    assert.deepEqual(shown.meters, ["0 / 100", "0 / 4", "10 / 10"]);
    assert.equal(shown.status, "Done: failed.");
    // Four lanes, as map ran with: timelineHeight(4) in www/timeline.js.
    assert.equal(shown.timelineHeight, 122);
    assert.deepEqual(shown.log.filter((line) => line.startsWith("Working")).length, 5);
    assert.deepEqual(shown.log.filter((line) => line.startsWith("Aborted")).sort(), [1, 2, 3].map((job) => `Aborted the job #${job} while it was running`));
    assert.deepEqual(shown.log.filter((line) => line.startsWith("Canceled")), [5, 6, 7, 8, 9].map((job) => `Canceled the job #${job}`));
    assert.equal(shown.log.at(-1), "Job #4 failed: /missing/4: 404");
    assert.match(shown.narration, /^Job #4 failed at \d+ ms \(\/missing\/4: 404\) → 5 waiting jobs canceled: none of them started → 3 running jobs aborted, their signals aborted at once → the run settled \d+ ms later\.$/);
    assert.equal(shown.code, true, "the demo's code has nothing to say of the page's run");
    // Each job's state on the grid and its lane on the timeline, as the grid's tooltips name them.
    const grid = demo.locator(".grid");
    const box = await grid.boundingBox();
    const cell = 24; // www/grid.js's gridLayout for 10 jobs
    const titles = [];
    // Naming jobs comes at the first pointer over the element (name-jobs.js).
    await tab.mouse.move(box.x + cell / 2, box.y + cell / 2);
    await demo.locator(".grid[title^='Job #']").waitFor();
    for (const job of [0, 1, 4, 5]) {
      await tab.mouse.move(box.x + job * cell + cell / 2, box.y + cell / 2);
      titles.push(await grid.evaluate((canvas) => canvas.title));
    }
    assert.match(titles[0], /^Job #0: succeeded on W0, /);
    assert.match(titles[1], /^Job #1: aborted on W[123], \d+\.\d–\d+\.\d ms$/, "a page's own job has no wait to tell");
    assert.match(titles[2], /^Job #4: failed on W0, /);
    assert.equal(titles[3], "Job #5: canceled");
    await mkdir(artifacts, { recursive: true });
    await tab.screenshot({ path: join(artifacts, "embed-own-run-recipe.png"), fullPage: true });
    assert.deepEqual(tab.problems ?? [], []);
    await tab.close();
  } finally {
    await server.close();
  }
});

test("the element's Stop aborts a run of the page's own: map rejects with an AbortError, the server sees the fetches closed, and the element says stopped", async () => {
  // A page that follows the reader's colour scheme: dark here.
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>stop</title>
<script type="module" src="/dist/dispatcher-demo.js"></script>
<script type="module">
  import init, { map } from "/dist/api.js";
  await Promise.all([init(), customElements.whenDefined("dispatcher-demo")]);
  const urls = ["/fast/0", "/slow/1", "/slow/2", "/slow/3", "/slow/4", "/slow/5"];
  window.outcome = document.querySelector("dispatcher-demo").showMap({ workers: 3 }, (options) => map(urls, async (url, { signal }) => {
    const response = await fetch(url, { signal });
    return response.text();
  }, options)).then((pages) => pages.length, (error) => error.name);
</script></head>
<body><dispatcher-demo parts="actions meters timeline legend grid narration summary log"></dispatcher-demo></body></html>`;
  const server = await slowServer({ recipePage: page });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
    await tab.goto(`${server.url}/recipe.html`);
    const demo = tab.locator("dispatcher-demo");
    await demo.locator(".meter.running .meter-value").getByText("3 / 3").waitFor();
    await demo.locator(".meter.done .meter-value").getByText("1 / 6").waitFor();
    await mkdir(artifacts, { recursive: true });
    await tab.screenshot({ path: join(artifacts, "embed-own-run-going-dark.png") });
    assert.equal(await demo.evaluate((element) => element.running), true);
    const stop = demo.getByRole("button", { name: "Stop" });
    assert.equal(await demo.getByRole("button", { name: "Pause" }).isDisabled(), true, "map's pause is not the element's to press");
    await stop.click();
    assert.equal(await tab.waitForFunction(() => window.outcome).then(() => tab.evaluate(() => window.outcome)), "AbortError");
    await demo.locator(".summary .status").getByText("stopped").waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(server.seen.closed.map((entry) => entry.path).sort(), ["/slow/1", "/slow/2", "/slow/3"]);
    const shown = await demo.evaluate((element) => {
      const root = element.shadowRoot;
      return { log: root.querySelector(".log").textContent.split("\n"), jobs: root.querySelector(".summary dd:nth-of-type(4)").textContent, status: root.querySelector(".status").textContent };
    });
    assert.equal(shown.log.at(-1), "Stopped: <dispatcher-demo>'s Stop");
    assert.equal(shown.status, "Done: stopped.");
    assert.equal(await demo.evaluate((element) => element.running), false);
    assert.match(shown.jobs, /✓ 1 succeeded .* ○ 2 canceled .* ✂ 3 aborted/);
    await tab.screenshot({ path: join(artifacts, "embed-own-run-stopped-dark.png") });
    await tab.close();
  } finally {
    await server.close();
  }
});
