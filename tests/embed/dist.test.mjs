// The dist/ element as the page tests try the www/ one, where dist/ differs:
// its stylesheet adopted rather than linked, under the strict CSP; its
// glue imported afresh after a panic; its theme, followed as it changes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { launch, serve, open, reports, root, CSP } from "./harness.mjs";

let browser, strict;
before(async () => {
  browser = await launch();
  strict = await serve({ csp: true });
});
after(async () => {
  await browser?.close();
  await strict?.close();
});

/** A page of the strict server's origin, sent with the strict policy, that loads dist/dispatcher-demo.js and holds `body`. */
async function distPage(body, options) {
  const url = `${strict.url}/dist/test-page.html`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dist</title>
<script type="module" src="/dist/dispatcher-demo.js"></script></head><body>${body}</body></html>`;
  return open(browser, url, {
    ...options,
    route: (route) => route.fulfill({ contentType: "text/html", headers: { "content-security-policy": CSP }, body: html }),
  });
}

test("under the strict Content-Security-Policy, two dist/ elements run with no violation, and the article's preset loads", async () => {
  const page = await distPage(`
    <dispatcher-demo id="a" workers="3" jobs="24" max-wait-ms="300" threshold-ms="280" seed="11" autorun></dispatcher-demo>
    <dispatcher-demo id="b" workers="8" jobs="40" max-wait-ms="200" threshold-ms="200" seed="5" autorun></dispatcher-demo>
    <script>window.inlineRan = true;</script>`);
  await reports(page, 2);
  // The policy is on: the page's one inline script was blocked, and that is the one violation.
  assert.equal(await page.evaluate(() => window.inlineRan), undefined);
  const b = page.locator("#b");
  await b.locator("summary").getByText("Settings").click(); // folded in someone's page, until asked for
  await b.getByLabel("Jobs to run").selectOption("article");
  await b.getByRole("button", { name: "Run" }).click();
  await page.waitForFunction(() => window.reports.filter((report) => report.id === "b").length >= 2);
  const last = await page.evaluate(() => window.reports.at(-1));
  assert.deepEqual([last.id, last.jobs], ["b", 100]);
  // No repository beside dist/: the code panel names its sources, and links none (a dead link in someone's docs).
  const sources = b.locator(".code-box .code-about");
  assert.equal(await sources.locator("a[href*='article.go'], a[href*='select.go'], a[href*='run_loop.rs']").count(), 0);
  assert.deepEqual(await sources.locator("code").allTextContents(), ["tests/go/article.go", "make test", "tests/go/select.go", "make test", "crates/bounded-dispatcher/src/run_loop.rs"]);
  assert.deepEqual(await page.evaluate(() => window.violations), ["script-src-elem inline"]);
  assert.equal(page.problems.length, 1, page.problems.join("\n"));
  assert.match(page.problems[0], /^console: .*inline script/);
  await page.close();
});

test("after a panic the dist/ element says so, and runs again on a fresh module", async () => {
  const page = await distPage(`<dispatcher-demo workers="2" jobs="6" max-wait-ms="1500" threshold-ms="1500" seed="1"></dispatcher-demo>`);
  const demo = page.locator("dispatcher-demo");
  const run = demo.getByRole("button", { name: "Run" });
  await run.and(page.locator(":enabled")).waitFor();
  await run.click();
  await demo.locator(".running .meter-value").getByText("2 / 2").waitFor();
  // The test-only export, on the module instance the element uses: dist/dispatcher-demo-glue.js.
  await page.evaluate(() => import("/dist/dispatcher-demo-glue.js").then((glue) => {
    try {
      glue.__panicForTests();
    } catch {
      // The trap: RuntimeError: unreachable.
    }
  }));
  const alert = demo.getByRole("alert");
  await alert.getByText("a fresh one has been loaded").waitFor();
  assert.match(await alert.textContent(), /crashed \(panicked at .*forced by a test\)/);
  await run.and(page.locator(":enabled")).waitFor();
  await run.click();
  await reports(page, 1);
  assert.equal(await page.evaluate(() => window.reports.at(-1).status), "completed");
  // The fresh module is the same file under a new URL.
  assert.ok(await page.evaluate(() => performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/dist/dispatcher-demo-glue.js?instance=1"))));
  await page.close();
});

test("the theme follows the page's classes, the attributes documentation tools set, its color-scheme, and the theme attribute, as they change, canvases too", async () => {
  const page = await distPage(`<dispatcher-demo id="a" workers="2" jobs="8" max-wait-ms="5" threshold-ms="5" seed="1" autorun></dispatcher-demo>`, { scheme: "light" });
  await reports(page, 1);
  /** The panel's background and the grid's first cell (a succeeded job), once a frame has been drawn. */
  const look = () => page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const root = document.querySelector("dispatcher-demo").shadowRoot;
    const pixel = root.querySelector(".grid").getContext("2d").getImageData(3, 3, 1, 1).data;
    return { panel: getComputedStyle(root.querySelector(".controls")).backgroundColor, cell: [...pixel.slice(0, 3)].join() };
  });
  const light = await look();
  assert.equal(light.panel, "rgb(255, 255, 255)");
  await page.evaluate(() => document.documentElement.classList.add("dark")); // VitePress's dark appearance
  const dark = await look();
  assert.equal(dark.panel, "rgb(28, 31, 37)");
  assert.notEqual(dark.cell, light.cell);
  await page.evaluate(() => document.querySelector("dispatcher-demo").setAttribute("theme", "light")); // over the page's
  assert.deepEqual(await look(), light);
  await page.evaluate(() => {
    document.querySelector("dispatcher-demo").removeAttribute("theme");
    document.documentElement.className = "coal"; // mdBook's
  });
  assert.deepEqual(await look(), dark);
  await page.evaluate(() => {
    document.documentElement.className = "rust";
  });
  assert.deepEqual(await look(), light);
  await page.evaluate(() => document.querySelector("dispatcher-demo").setAttribute("theme", "auto")); // the OS's: light here
  assert.deepEqual(await look(), light);
  // The attributes other tools set, and a color-scheme with no theme name at all.
  const themes = [
    ["html", "data-theme", "dark", dark], ["html", "data-theme", "light", light], // Docusaurus, Starlight, rustdoc
    ["html", "data-theme", "ayu", dark], // rustdoc, which sets no color-scheme
    ["body", "data-md-color-scheme", "slate", dark], ["body", "data-md-color-scheme", "default", light], // MkDocs Material
    ["body", "data-theme", "dark", dark], // Sphinx's Furo
    ["html", "colorScheme", "dark", dark], // any page's own color-scheme (through CSSOM: the strict policy allows no style attribute)
  ];
  for (const [where, name, value, expected] of themes) {
    await page.evaluate(([where, name, value]) => {
      const demo = document.querySelector("dispatcher-demo");
      demo.removeAttribute("theme");
      document.documentElement.className = "";
      for (const element of [document.documentElement, document.body]) for (const attribute of ["data-theme", "data-md-color-scheme", "style"]) element.removeAttribute(attribute);
      const element = where === "html" ? document.documentElement : document.body;
      if (name === "colorScheme") element.style.colorScheme = value;
      else element.setAttribute(name, value);
    }, [where, name, value]);
    assert.deepEqual(await look(), expected, `${where} ${name}="${value}"`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a first visit of the dist/ element stays within its budget", async () => {
  // What a page with the element loads before it may run: the module, the
  // glue and the wasm. 50,259 bytes by node's zlib (49.1 KB) on 2026-12-05,
  // after issue 23's smaller module and first visit (docs/performance.md has
  // each step; it was 68,108 on 2026-12-04). make bench reports it, with the
  // page that holds it (tests/embed/plain.html, 0.5 KB), against its 50 KB
  // target: this guard fails before the three would take the visit over it.
  let zipped = 0;
  for (const file of ["dispatcher-demo.js", "dispatcher-demo-glue.js", "dispatcher_demo_bg.wasm"]) zipped += gzipSync(await readFile(join(root, "dist", file)), { level: 9 }).length;
  const BUDGET = 49.5 * 1024;
  assert.ok(zipped <= BUDGET, `${(zipped / 1024).toFixed(1)} KB gzipped, over ${BUDGET / 1024} KB`);
});

test("the teaching parts' module loads when one is first shown, never after: the scrubber near the viewport, the code opened, Compare", async () => {
  const asked = [];
  const page = await distPage(`
    <dispatcher-demo id="plain" workers="3" jobs="24" max-wait-ms="300" threshold-ms="280" seed="11" autorun></dispatcher-demo>
    <p>${"A page's text, far above the next element.<br>".repeat(200)}</p>
    <dispatcher-demo id="far" parts="actions timeline scrubber" workers="3" jobs="24" max-wait-ms="300" threshold-ms="280" seed="11" autorun></dispatcher-demo>`,
  { prepare: (page) => page.on("request", (request) => asked.push(new URL(request.url()).pathname)) });
  const teachLoaded = () => asked.includes("/dist/dispatcher-demo-teach.js");
  await reports(page, 2);
  await page.waitForLoadState("networkidle");
  // Both ran; the default parts show the narration, which told the run without the module.
  assert.equal(teachLoaded(), false, asked.join(" "));
  assert.equal(asked.includes("/dist/code.js"), false);
  const plain = page.locator("#plain");
  assert.match(await plain.locator(".narration").textContent(), /^Job #\d+ failed at \d+ ms/);
  // The far element's scrubber, scrolled to: the module is in before it is seen, and it shows the settled run.
  const far = page.locator("#far");
  await far.evaluate((element) => element.scrollIntoView({ block: "end" }));
  await far.locator(".moment-text").filter({ hasText: /event \d+ of \d+ \(latest\)/ }).waitFor();
  assert.ok(teachLoaded());
  await far.getByRole("button", { name: "Jump to the failure" }).click();
  await far.locator(".moment-text").filter({ hasText: /^\d+\.\d ms · event \d+ of \d+$/ }).waitFor();
  // The code panel opened: its lines of the run's last event are lit.
  await plain.evaluate((element) => element.scrollIntoView({ block: "start" }));
  await plain.locator("summary").getByText("The code").click();
  await page.waitForFunction(() => document.querySelector("#plain").litLines[0].length > 0);
  assert.ok(asked.includes("/dist/code.js"));
  // Compare: Go's two ways, drawn by the module.
  await plain.getByRole("button", { name: "Compare with Go's way" }).click();
  await page.waitForFunction(() => window.reports.filter((report) => report.id === "plain").length >= 2);
  assert.equal(await plain.locator(".compare-box").isVisible(), true);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the glossary's words load as it is first opened, and need nothing of the teaching parts' module", async () => {
  const asked = [];
  const page = await distPage(`<dispatcher-demo parts="actions timeline glossary" workers="3" jobs="24" max-wait-ms="300" threshold-ms="280" seed="11" autorun></dispatcher-demo>`,
    { prepare: (page) => page.on("request", (request) => asked.push(new URL(request.url()).pathname)) });
  await reports(page, 1);
  await page.waitForLoadState("networkidle");
  // In view at the run's end, it stayed folded (opening would push the page down), and its words are not loaded.
  const glossary = page.locator("dispatcher-demo .glossary");
  assert.equal(await glossary.evaluate((details) => details.open), false);
  assert.equal(asked.includes("/dist/dispatcher-demo-more.js"), false, asked.join(" "));
  await glossary.locator("summary").click();
  await glossary.locator("dt").getByText("Cooperative or dropped", { exact: true }).waitFor();
  assert.ok(asked.includes("/dist/dispatcher-demo-more.js"));
  assert.equal(asked.includes("/dist/dispatcher-demo-teach.js"), false, asked.join(" "));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the glossary says so when its words cannot be loaded, and loads them when opened again", async () => {
  let failures = 1;
  const page = await distPage(`<dispatcher-demo parts="actions timeline glossary" workers="3" jobs="24" max-wait-ms="300" threshold-ms="280" seed="11"></dispatcher-demo>`, {
    prepare: (page) => page.route(/dispatcher-demo-more\.js$/, (route) => (failures-- > 0 ? route.abort() : route.continue())),
  });
  const glossary = page.locator("dispatcher-demo .glossary");
  await glossary.locator("summary").click();
  await glossary.locator("dd").getByText(/^Its words could not be loaded \(.+\)\.$/).waitFor();
  await glossary.locator("summary").click();
  await glossary.locator("summary").click();
  await glossary.locator("dt").getByText("Cooperative or dropped", { exact: true }).waitFor();
  // The one failed request, and nothing else: no unhandled rejection.
  assert.deepEqual(page.problems.filter((problem) => !/dispatcher-demo-more\.js/.test(problem)), []);
  await page.close();
});

/**
 * A page whose element has run once, with dist/dispatcher-demo-more.js (naming
 * jobs) not yet asked for: once asked, it is held until `release()`.
 */
async function namingHeld() {
  const asked = [];
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const page = await distPage(`<dispatcher-demo workers="3" jobs="24" max-wait-ms="300" threshold-ms="280" seed="11" autorun></dispatcher-demo>`, {
    prepare: async (page) => {
      page.on("request", (request) => asked.push(new URL(request.url()).pathname));
      await page.route(/dispatcher-demo-more\.js$/, async (route) => {
        await held;
        await route.continue();
      });
    },
  });
  await reports(page, 1);
  await page.waitForLoadState("networkidle");
  assert.equal(asked.includes("/dist/dispatcher-demo-more.js"), false, asked.join(" "));
  return { page, release };
}

test("naming jobs by keyboard loads at a canvas's first focus, not before: a key pressed while it loads names its job, ringed", async () => {
  const { page, release } = await namingHeld();
  // The grid's focus alone, with no pointer over the element, asks for the module; End comes before it is in.
  const demo = page.locator("dispatcher-demo");
  const keysAsked = page.waitForRequest(/\/dist\/dispatcher-demo-more\.js$/);
  await demo.locator("canvas.grid").focus();
  await demo.locator("canvas.grid").press("End");
  await keysAsked;
  assert.equal(await demo.locator(".job-ring").nth(1).count(), 0, "no ring before the module is in");
  release();
  await demo.locator(".job-readout").filter({ hasText: /^Job #23: / }).waitFor();
  assert.equal(await demo.locator(".job-ring").nth(1).isVisible(), true);
  await demo.locator("canvas.grid").press("ArrowLeft");
  assert.match(await demo.locator(".job-readout").textContent(), /^Job #22: /);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("naming the job under the pointer loads at the first pointer over the element, not before: the place pointed at while it loads names its job", async () => {
  const { page, release } = await namingHeld();
  const demo = page.locator("dispatcher-demo");
  const grid = demo.locator("canvas.grid");
  const asking = page.waitForRequest(/\/dist\/dispatcher-demo-more\.js$/);
  await grid.hover({ position: { x: 2, y: 2 } });
  await asking;
  assert.equal(await grid.getAttribute("title"), null, "no title before the module is in");
  release();
  await demo.locator("canvas.grid[title^='Job #0: ']").waitFor();
  assert.match(await demo.locator(".job-readout").textContent(), /^Job #0: /);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("before its module is in, the element shows the run its settings make: nothing below it moves when the module comes", async () => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const page = await distPage(`<dispatcher-demo workers="3" jobs="24" seed="11"></dispatcher-demo><p id="after">After the element.</p>`, {
    prepare: (page) => page.route(/dispatcher_demo_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    }),
  });
  const frames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const below = () => page.locator("#after").evaluate((element) => element.getBoundingClientRect().top);
  await page.waitForFunction(() => customElements.get("dispatcher-demo"));
  await frames();
  const before = await below();
  assert.equal(await page.locator("dispatcher-demo span.status").textContent(), "Loading…");
  release();
  await page.locator("dispatcher-demo").getByRole("button", { name: "Run" }).and(page.locator(":enabled")).waitFor();
  await frames();
  assert.equal(await below(), before);
  assert.deepEqual(page.problems, []);
  await page.close();
});
