// The element in someone's page, from dist/: compact by default (the
// settings, the code and the log folded), at most one screen tall; the
// `parts` attribute and `::part` names; the demo page keeping everything;
// three elements on a page with 0 axe violations, light and dark, and run
// regions named apart; and the text inside the tag, shown until the element
// is defined, and for good when its script is missing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, serve, open, reports, screenshot } from "./harness.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
/** The compact default's budget: one screen at 1280 px wide. */
const MAX_HEIGHT_PX = 900;

let browser, server;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page of the project's server at /dist/page.html, which loads `script` and holds `body`, `head` in its head. */
function distPage(body, { script = "/dist/dispatcher-demo.js", head = "", ...options } = {}) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embedded</title><link rel="icon" href="data:,">
<script type="module" src="${script}"></script>${head}</head><body><main><h1>Embedded</h1>${body}</main></body></html>`;
  return open(browser, `${server.url}/dist/page.html`, { ...options, route: (route) => route.fulfill({ contentType: "text/html", body: html }) });
}

const THREE = `
  <dispatcher-demo id="defaults" autorun>Interactive demo: needs JavaScript.</dispatcher-demo>
  <dispatcher-demo id="fail-fast" workers="3" queue-length="6" jobs="24" max-wait-ms="600" threshold-ms="560" seed="11" autorun>Interactive demo: needs JavaScript.</dispatcher-demo>
  <dispatcher-demo id="named" aria-label="Eight workers" workers="8" jobs="64" max-wait-ms="400" threshold-ms="360" seed="5" autorun>Interactive demo: needs JavaScript.</dispatcher-demo>`;

test(`the compact default, at 1280 px wide, is at most ${MAX_HEIGHT_PX} px tall after its run, with the settings, the code and the log folded`, async () => {
  const page = await distPage(THREE);
  await reports(page, 3);
  const shown = await page.evaluate(() => [...document.querySelectorAll("dispatcher-demo")].map((demo) => ({
    id: demo.id,
    height: Math.round(demo.getBoundingClientRect().height),
    // Unfolded where the reader sees it: the glossary, left out, opens at the end of the first run (as on the page), and the Rust pane is inside the folded code.
    open: [...demo.shadowRoot.querySelectorAll("details")].filter((details) => details.open && details.checkVisibility()).map((details) => [...details.part].join()),
    hidden: [...demo.shadowRoot.querySelectorAll("[part]")].filter((part) => !part.checkVisibility()).map((part) => [...part.part].join()).sort(),
  })));
  console.log(shown.map(({ id, height }) => `${id}: ${height} px`).join(", "));
  for (const { id, height, open, hidden } of shown) {
    assert.ok(height <= MAX_HEIGHT_PX, `${id} is ${height} px tall`);
    assert.deepEqual(open, [], `${id}: nothing unfolded`);
    // Folded (inside closed <details>) or left out: the scrubber and the glossary; the message only says what is wrong.
    assert.deepEqual(hidden, ["glossary", "message", "scrubber"], id);
  }
  await screenshot(page, "compact-three");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the demo page (sync-url) keeps everything, with the settings, the code and the log open, and the glossary after the first run", async () => {
  const page = await open(browser, `${server.url}/index.html?workers=4&jobs=20&seed=7&autorun`);
  await reports(page, 1);
  const parts = await page.locator("dispatcher-demo").evaluate((demo) => ({
    // The parts that fold (the code's Rust pane, open too at this width, is no part of its own).
    open: [...demo.shadowRoot.querySelectorAll("details")].filter((details) => details.open && details.part.length).map((details) => [...details.part].join()),
    hidden: [...demo.shadowRoot.querySelectorAll("[part]")].filter((part) => part.hidden).map((part) => [...part.part].join()),
  }));
  assert.deepEqual(parts, { open: ["settings", "glossary", "code", "log"], hidden: ["message"] });
  await page.close();
});

test("parts chooses the parts shown, as it changes, and ::part styles them from the page", async () => {
  const page = await distPage(`<dispatcher-demo parts="timeline summary" workers="2" jobs="6" max-wait-ms="50" threshold-ms="50" seed="1" autorun>Interactive demo: needs JavaScript.</dispatcher-demo>`, {
    head: "<style>dispatcher-demo::part(summary) { border-color: rgb(255, 0, 0) }</style>",
  });
  await reports(page, 1);
  const visible = () => page.locator("dispatcher-demo").evaluate((demo) => [...demo.shadowRoot.querySelectorAll("[part]")].filter((part) => part.checkVisibility()).map((part) => [...part.part].join()));
  assert.deepEqual(await visible(), ["stage", "timeline", "summary"]);
  assert.equal(await page.locator("dispatcher-demo").evaluate((demo) => getComputedStyle(demo.shadowRoot.querySelector("[part=summary]")).borderTopColor), "rgb(255, 0, 0)");
  await page.locator("dispatcher-demo").evaluate((demo) => demo.setAttribute("parts", "actions grid"));
  assert.deepEqual(await visible(), ["controls", "actions", "run", "stage", "grid"]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  test(`three elements on a page, ${scheme}: axe finds nothing, and their run regions are named apart`, async () => {
    const page = await distPage(THREE, { scheme, head: '<meta name="color-scheme" content="light dark">' });
    await reports(page, 3);
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll("dispatcher-demo")].map((demo) => demo.shadowRoot.querySelector(".stage").getAttribute("aria-label"))),
      ["The run (1)", "The run (2)", "Eight workers: the run"]);
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)}`)));
    assert.deepEqual(found, []);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test("the text inside the tag shows until the element is defined; with its script missing, it stays, and says so", async () => {
  const missing = await distPage(THREE, { script: "/dist/no-such-file.js" });
  await missing.waitForLoadState("load");
  const texts = await missing.locator("dispatcher-demo").evaluateAll((demos) => demos.map((demo) => demo.checkVisibility() && demo.innerText));
  assert.deepEqual(texts, Array(3).fill("Interactive demo: needs JavaScript."));
  assert.ok(missing.problems.some((problem) => problem.startsWith("404:")), "the missing script is a 404, which the page shows");
  await screenshot(missing, "fallback-missing-script");
  await missing.close();
  const page = await distPage(THREE);
  await reports(page, 3);
  // Defined, its shadow root shows instead: the text is in the light DOM, and no slot shows it (so it is not rendered).
  assert.deepEqual(await page.locator("dispatcher-demo").evaluateAll((demos) => demos.map((demo) => [demo.textContent, demo.innerText])),
    Array(3).fill(["Interactive demo: needs JavaScript.", ""]));
  await page.close();
});
