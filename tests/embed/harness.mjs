// What the embedding suites share: a page that records every problem (an
// uncaught error, a console error, a failed request, a response of 400 or
// more), the elements' `done` events, and the looks check: text size and
// contrast inside every <dispatcher-demo> on the page.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifacts } from "../page/harness.mjs";

export { launch, serve, root, artifacts, CSP } from "../page/harness.mjs";

/** Text under this is too small, and contrast under this too low (WCAG AA for normal text). */
export const MIN_TEXT_PX = 11;
export const MIN_CONTRAST = 4.5;

/**
 * Opens `url` in a new page with the OS colour scheme `scheme`, after
 * `init` (a function run in the page before its scripts, as a theme
 * choice in localStorage), with `route` answering for `url` if given, and
 * after `prepare(page)` (more routes, say).
 * Records problems in `page.problems`, every `done` in `window.reports`,
 * and every CSP violation in `window.violations`.
 */
export async function open(browser, url, { scheme = "light", init, initArg, route, prepare, viewport = { width: 1280, height: 900 } } = {}) {
  const page = await browser.newPage({ viewport, colorScheme: scheme });
  const problems = [];
  page.on("pageerror", (error) => problems.push(`error: ${error.message}`));
  // Chromium asks for /favicon.ico by itself where a page names no icon (a
  // scratch site has none), and drops a page's icon request when it leaves
  // the page: those are the browser's, not the element's.
  const own = (url) => !/\/favicon[-\w]*\.(ico|svg)$/.test(url);
  page.on("console", (message) => message.type() === "error" && own(message.location().url) && problems.push(`console: ${message.text()} (${message.location().url})`));
  page.on("requestfailed", (request) => own(request.url()) && problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => response.status() >= 400 && own(response.url()) && problems.push(`${response.status()}: ${response.url()}`));
  page.problems = problems;
  if (init) await page.addInitScript(init, initArg);
  if (route) await page.route(url, route);
  await prepare?.(page);
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    window.reports = [];
    document.addEventListener("done", (event) => window.reports.push({ id: event.target.id, status: event.detail.status, jobs: event.detail.jobs.length }));
  });
  await page.goto(url);
  return page;
}

/** Waits until `count` elements have fired `done` (each once at least), and returns the reports. */
export async function reports(page, count) {
  await page.waitForFunction((n) => new Set(window.reports.map((report) => report.id)).size >= n, count, { timeout: 30_000 });
  return page.evaluate(() => window.reports);
}

/** Saves a screenshot of the page to tests/artifacts/embed-`name`.png. */
export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `embed-${name}.png`);
  // An element far out of view is not laid out (content-visibility: auto,
  // for pages with many), and a full-page screenshot would show a hole.
  const style = await page.addStyleTag({ content: "dispatcher-demo { content-visibility: visible !important }" });
  await page.waitForTimeout(100);
  await page.screenshot({ path, fullPage: true });
  await style.evaluate((element) => element.remove());
  return path;
}

/**
 * The looks check, in the page: every visible text of every
 * <dispatcher-demo> (its elements' own text, and the values of its fields),
 * with its computed font size and its contrast against what is behind it
 * (the backgrounds of its ancestors, through the shadow root to the page's,
 * composited). Disabled controls are left out, as WCAG leaves them out; so
 * is text on a gradient (a swatch's hatching), which has no one colour;
 * canvases draw their text, so it is not here. Returns `{ checked,
 * skipped, failures }`, and `schemes`: for each element, whether it shows
 * its light or its dark colours.
 */
export function looks(page) {
  return page.evaluate(({ minPx, minContrast }) => {
    const parse = (text) => {
      let match = text.match(/^rgba?\(([^)]+)\)$/);
      if (match) {
        const [r, g, b, a = 1] = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
        return [r / 255, g / 255, b / 255, a];
      }
      match = text.match(/^color\(srgb ([^)]+)\)$/);
      if (match) {
        const [r, g, b, a = 1] = match[1].split(/[\s/]+/).filter(Boolean).map(Number);
        return [r, g, b, a];
      }
      throw new Error(`a colour the check cannot read: ${text}`);
    };
    const over = (top, bottom) => {
      const alpha = top[3] + bottom[3] * (1 - top[3]);
      return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha).concat(alpha);
    };
    const luminance = ([r, g, b]) => {
      const f = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a, b) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light + 0.05) / (dark + 0.05);
    };
    const up = (element) => element.parentElement ?? element.getRootNode().host ?? null;
    /** What is behind `element`: its and its ancestors' backgrounds, down to the first opaque one (or the canvas, white). */
    const backdrop = (element) => {
      const layers = [];
      for (let e = element; e; e = up(e)) {
        const style = getComputedStyle(e);
        if (style.backgroundImage !== "none") return null;
        const colour = parse(style.backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
      }
      return layers.reverse().reduce((behind, layer) => over(layer, behind), [1, 1, 1, 1]);
    };
    const describe = (e) => `${e.localName}${e.className ? `.${String(e.className).trim().split(/\s+/).join(".")}` : ""}`;
    const failures = [];
    let checked = 0;
    let skipped = 0;
    const schemes = [];
    for (const demo of document.querySelectorAll("dispatcher-demo")) {
      // Which of its colours it shows, light or dark: its panels' background says.
      schemes.push(luminance(parse(getComputedStyle(demo.shadowRoot.querySelector(".stage")).backgroundColor)) > 0.5 ? "light" : "dark");
      // The timeline draws its lane labels (W0, W1, …) in its gutter: the
      // pixel that stands out most from the panel is a label's, and must
      // stand out enough. Drawn in the other theme's colours, it does not.
      const timeline = demo.shadowRoot.querySelector(".timeline");
      if (timeline.checkVisibility() && timeline.width > 0) {
        checked++;
        const behind = backdrop(timeline);
        const gutter = timeline.getContext("2d").getImageData(0, 0, Math.round(30 * devicePixelRatio), Math.round(timeline.height * 0.8)).data;
        let best = 1;
        for (let i = 0; i < gutter.length; i += 4) {
          if (gutter[i + 3] === 0) continue;
          const pixel = over([gutter[i] / 255, gutter[i + 1] / 255, gutter[i + 2] / 255, gutter[i + 3] / 255], behind);
          best = Math.max(best, contrast(pixel, behind));
        }
        if (best < minContrast) failures.push(`${demo.id || "demo"} timeline's lane labels: contrast ${best.toFixed(2)}`);
      }
      for (const element of demo.shadowRoot.querySelectorAll("*")) {
        const field = element.matches("select, input:not([type=checkbox])");
        const text = field ? element.value : [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join("").trim();
        if (!text || element.localName === "option") continue;
        const rect = element.getBoundingClientRect();
        if (rect.width < 2 || rect.height < 2 || !element.checkVisibility({ checkOpacity: true, visibilityProperty: true })) continue;
        if (element.matches(":disabled") || element.closest(":disabled")) continue;
        const style = getComputedStyle(element);
        const behind = backdrop(element);
        if (!behind) {
          skipped++;
          continue;
        }
        checked++;
        const size = parseFloat(style.fontSize);
        const ratio = contrast(over(parse(style.color), behind), behind);
        if (size < minPx || ratio < minContrast) {
          failures.push(`${demo.id || "demo"} ${describe(element)} "${text.slice(0, 30)}": ${size.toFixed(1)} px, contrast ${ratio.toFixed(2)} (${style.color} on ${behind.map((c, i) => (i < 3 ? Math.round(c * 255) : c.toFixed(2))).join(",")})`);
        }
      }
    }
    return { checked, skipped, failures, schemes };
  }, { minPx: MIN_TEXT_PX, minContrast: MIN_CONTRAST });
}

/** Waits until every <dispatcher-demo> on the page has drawn a frame since now. */
export function drawn(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * The checks every tool's site gets, on `page` once its elements have run:
 * readable in `before` ("light" or "dark"), then after `flip()` (the tool's
 * own theme button, clicked) readable in the other theme, text and canvases
 * alike. Returns the looks after the switch.
 */
export async function readableAcrossSwitch(page, before, flip, assert) {
  const after = before === "light" ? "dark" : "light";
  const first = await looks(page);
  assert.ok(first.checked > 20, `${first.checked} texts checked`);
  assert.deepEqual(first.failures, [], `in ${before}`);
  assert.deepEqual(first.schemes, first.schemes.map(() => before));
  await flip();
  await drawn(page);
  const second = await looks(page);
  assert.deepEqual(second.failures, [], `in ${after}, after the switch`);
  assert.deepEqual(second.schemes, second.schemes.map(() => after));
  return second;
}
