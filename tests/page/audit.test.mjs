// The page held up to an audit: axe-core (from npm) on the demo and the
// embedding example, light, dark and forced colours, before and after a
// run, inside the shadow DOM (axe goes into open shadow roots); the focus
// ring's contrast; focus that never falls to <body>; no layout shift on
// upgrade; and thirty elements at once sharing one drawing loop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { collectReports, nthReport, readableSources, start, stop } from "./harness.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

async function open(path, { colorScheme = "light", forcedColors = "none", viewport = { width: 1100, height: 900 } } = {}) {
  const page = await browser.newPage({ colorScheme, viewport });
  await page.emulateMedia({ colorScheme, forcedColors });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.errors = errors;
  await collectReports(page);
  await page.goto(`${server.url}/${path}`);
  return page;
}

/** axe-core's violations on the page as it is, shadow roots included: "rule: target" strings. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
    return violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${JSON.stringify(node.target)} ${node.failureSummary?.split("\n")[1] ?? ""}`));
  });
  return result;
}

const ready = (page) => page.locator("dispatcher-demo").first().getByRole("button", { name: "Run" }).and(page.locator(":enabled")).waitFor({ timeout: 15_000 });

for (const [colorScheme, forcedColors] of [["light", "none"], ["dark", "none"], ["light", "active"]]) {
  const look = forcedColors === "active" ? "forced colours" : colorScheme;
  test(`axe finds nothing on the demo, ${look}, before and after a run`, async () => {
    const page = await open("index.html?preset=article&speed=1", { colorScheme, forcedColors });
    await ready(page);
    await page.waitForTimeout(300);
    assert.deepEqual(await violations(page), [], "before the run");
    await page.locator("dispatcher-demo").getByRole("button", { name: "Run" }).click();
    await nthReport(page);
    // The glossary opens at the end of the first run: its words are audited open.
    assert.equal(await page.locator("dispatcher-demo").locator(".glossary").evaluate((details) => details.open), true);
    await page.waitForTimeout(300);
    assert.deepEqual(await violations(page), [], "after the run");
    await page.locator("dispatcher-demo").getByRole("button", { name: "Compare with Go's way" }).click();
    await nthReport(page, 2);
    await page.locator("dispatcher-demo").locator(".compare-text").getByText("settled at").waitFor({ timeout: 20_000 });
    assert.deepEqual(await violations(page), [], "in compare mode");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test(`axe finds nothing on the embedding example, ${look}, after its runs`, async () => {
    const page = await open("www/embed-example.html", { colorScheme, forcedColors });
    await nthReport(page, 2);
    await page.waitForTimeout(300);
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}

/** The contrast of two CSS colours, as WCAG computes it. */
function contrast(a, b) {
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`the focus ring stands out at 3:1 or more against the panel, ${colorScheme}`, async () => {
    const page = await open("index.html?preset=article&speed=1", { colorScheme });
    await ready(page);
    const demo = page.locator("dispatcher-demo");
    for (const name of ["Run", "Copy link"]) {
      await demo.getByRole("button", { name }).focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      const { ring, panel, style } = await demo.getByRole("button", { name }).evaluate((button) => {
        const parse = (color) => {
          const probe = document.createElement("canvas").getContext("2d");
          probe.fillStyle = color;
          probe.fillRect(0, 0, 1, 1);
          return [...probe.getImageData(0, 0, 1, 1).data];
        };
        const style = getComputedStyle(button);
        const panel = parse(getComputedStyle(button.closest(".controls")).backgroundColor);
        // A translucent ring is seen over the panel.
        const [r, g, b, a] = parse(style.outlineColor);
        const ring = [r, g, b].map((c, i) => c * (a / 255) + panel[i] * (1 - a / 255));
        return { ring, panel: panel.slice(0, 3), style: style.outlineStyle };
      });
      assert.equal(style, "solid", name);
      assert.ok(contrast(ring, panel) >= 3, `${name}: ${contrast(ring, panel).toFixed(2)}:1`);
    }
    await page.close();
  });
}

test("Run and Stop hand the focus on as they disable themselves, never to <body>", async () => {
  const page = await open("index.html?workers=3&jobs=30&max-wait-ms=5000&threshold-ms=5000&seed=1");
  await ready(page);
  const demo = page.locator("dispatcher-demo");
  const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent ?? document.activeElement?.tagName);
  await demo.getByRole("button", { name: "Run" }).focus();
  await page.keyboard.press("Enter");
  await demo.getByRole("button", { name: "Stop" }).and(page.locator(":enabled")).waitFor();
  assert.equal(await focused(), "Stop");
  await page.keyboard.press("Enter");
  await nthReport(page);
  await demo.getByRole("button", { name: "Run" }).and(page.locator(":enabled")).waitFor();
  assert.equal(await focused(), "Run");
  await page.close();
});

test("no layout shift as the element upgrades and its stylesheets load", async () => {
  // The page as it opens, with a run in its URL, and with the element's
  // stylesheets slow to come (Lighthouse found a shift of 0.33 on a phone,
  // when they came after the element's first frame). Slow, on the page's
  // dist/ build, is its module, which has the stylesheet in it; and on the
  // readable sources, their two stylesheets.
  const phone = { width: 390, height: 844 };
  for (const [viewport, url, slow] of [[{ width: 1100, height: 900 }, "", null], [phone, "", null], [phone, "?preset=article&speed=1&autorun", null], [phone, "", "module"], [phone, "", "stylesheets"]]) {
    const page = await browser.newPage({ viewport });
    if (slow === "stylesheets") await readableSources(page);
    if (slow) {
      await page.route(slow === "module" ? /\/dist\/dispatcher-demo\.js$/ : /\/www\/(dispatcher-demo|teach)\.css$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        await route.continue();
      });
    }
    await page.addInitScript(() => {
      window.shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shift += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await collectReports(page);
    await page.goto(`${server.url}/index.html${url}`);
    await page.waitForFunction(() => window.reports.length > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => window.shift);
    assert.ok(shift < 0.01, `cumulative layout shift ${shift} at ${viewport.width} px, index.html${url}${slow ? `, ${slow} slow` : ""}`);
    await page.close();
  }
});

// make bench holds thirty elements to no task of 50 ms or more and no run
// flagged distorted, on an idle machine. On a shared, loaded machine this
// test saw tasks of 50 ms and more: it checks the one loop, and tasks
// against a bound ten times the bench's.
test("thirty elements at once share one animation frame loop, with no task of 500 ms or more", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => Math.round(entry.duration)))).observe({ type: "longtask" });
    // Counts the requestAnimationFrame callbacks asked for per frame.
    const request = window.requestAnimationFrame.bind(window);
    window.framesAsked = 0;
    window.requestAnimationFrame = (callback) => {
      window.framesAsked++;
      return request(callback);
    };
  });
  await collectReports(page);
  await page.goto(`${server.url}/www/embed-example.html`);
  await nthReport(page, 2);
  await page.evaluate(() => {
    window.reports.length = 0;
    for (const element of document.querySelectorAll("dispatcher-demo, iframe")) element.remove();
    for (let i = 0; i < 30; i++) {
      const element = document.createElement("dispatcher-demo");
      element.id = `many-${i}`;
      for (const [name, value] of Object.entries({ workers: 8, jobs: 200, "max-wait-ms": 400, "threshold-ms": 399, seed: i + 1 })) element.setAttribute(name, String(value));
      document.querySelector("article").append(element);
    }
  });
  await page.waitForTimeout(1000);
  // From here on: the thirty runs (making thirty elements in one script is that script's task).
  await page.evaluate(() => (window.longTasks.length = 0, window.framesAsked = 0, window.frames0 = performance.now()));
  await page.evaluate(() => document.querySelectorAll("dispatcher-demo").forEach((element) => element.run()));
  const start = Date.now();
  // Polled by a timer: Playwright polls by animation frame otherwise, which would count as frames asked for.
  await page.waitForFunction(() => window.reports.length >= 30, null, { timeout: 60_000, polling: 250 });
  const wall = Date.now() - start;
  const { reports, longTasks, framesAsked, frameMs } = await page.evaluate(() => ({
    reports: window.reports.map(({ report }) => report), longTasks: window.longTasks, framesAsked: window.framesAsked, frameMs: performance.now() - window.frames0,
  }));
  assert.equal(reports.length, 30);
  assert.deepEqual(longTasks.filter((ms) => ms >= 500), [], `long tasks in ${wall} ms`);
  // One loop: at most a frame's callback asked for per frame (60 a second, and generous), not one per element.
  assert.ok(framesAsked <= (frameMs / 1000) * 60 * 1.5 + 10, `${framesAsked} frames asked for in ${Math.round(frameMs)} ms`);
  await page.close();
});
