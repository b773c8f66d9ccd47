// Serves the repository over HTTP (scripts/serve.mjs) and drives the system
// Chromium with playwright-core. No browser is downloaded.
import { join } from "node:path";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { root, serve } from "../../scripts/serve.mjs";

export { serve, root, CSP } from "../../scripts/serve.mjs";
export const artifacts = join(root, "tests", "artifacts");

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", ...extraArgs],
  });
}

/** The server and the browser of a test file: `({ server, browser } = await start())` before its tests. */
export async function start() {
  return { server: await serve(), browser: await launch() };
}

/** Closes what `start()` gave, after a file's tests (either may be missing if start failed). */
export async function stop({ server, browser }) {
  await browser?.close();
  await server?.close();
}

/**
 * The server and browser of a test file, started before its tests and
 * stopped after them: `suite.server`, `suite.browser`, and `suite.open(path,
 * options)`, a new page of the server's path (openPage).
 */
export function pageSuite() {
  const suite = {
    open: (path, options) => openPage(suite.browser, `${suite.server.url}/${path}`, options),
  };
  before(async () => Object.assign(suite, await start()));
  after(() => stop(suite));
  return suite;
}

/** The first <dispatcher-demo> of `page`. */
export const demoOf = (page) => page.locator("dispatcher-demo").first();

/** Waits until the element's Run button is enabled: its module is in. */
export const whenReady = (page) => demoOf(page).getByRole("button", { name: "Run" }).and(page.locator(":enabled")).waitFor({ timeout: 15_000 });

/**
 * A new page of `url`, light and desktop-sized unless told, whose script
 * errors and console errors collect in `page.errors`, its console's warnings
 * in `page.warnings`, and which collects every report (collectReports).
 */
export async function openPage(browser, url, { colorScheme = "light", viewport = { width: 1100, height: 900 }, isMobile = false } = {}) {
  const page = await browser.newPage({ colorScheme, viewport, isMobile, hasTouch: isMobile });
  const errors = [];
  const warnings = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
    if (message.type() === "warning") warnings.push(message.text());
  });
  page.errors = errors;
  page.warnings = warnings;
  await collectReports(page);
  await page.goto(url);
  return page;
}

/** Every `done` event's detail, collected on the page from its start. */
export async function collectReports(page) {
  await page.addInitScript(() => {
    window.reports = [];
    document.addEventListener("done", (event) => window.reports.push({ id: event.target.id, report: event.detail }));
  });
}

/**
 * From the page's start, each task of 50 ms or more goes into
 * `window.longTasks` as `{ start, duration }` (empty it to start again).
 */
export async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });
}

/** The longest task in `window.longTasks` (watchLongTasks), in ms; 0 for none. */
export function longestTask(page) {
  return page.evaluate(() => Math.max(0, ...window.longTasks.map((task) => task.duration)));
}

/**
 * Slows `page`'s CPU `rate` times, as DevTools' CPU throttling does
 * (Lighthouse's mobile profile takes 4): a phone's CPU, or an old laptop's.
 * Returns the DevTools session, whose `detach()` ends it.
 */
export async function throttleCpu(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return cdp;
}

/** Waits for the `count`-th report and returns it. */
export async function nthReport(page, count = 1) {
  await page.waitForFunction((n) => window.reports.length >= n, count, { timeout: 20_000 });
  return page.evaluate((n) => window.reports[n - 1], count);
}

/**
 * Makes `page` get index.html with the element from the readable sources
 * (www/) in place of dist/, for the tests of what only www/ does: fetch its
 * stylesheets, and import the glue from pkg/.
 */
export async function readableSources(page) {
  await page.route(/\/index\.html(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('src="dist/dispatcher-demo.js"', 'src="www/dispatcher-demo.js"');
    if (!html.includes('src="www/dispatcher-demo.js"')) throw new Error("index.html no longer loads dist/dispatcher-demo.js");
    await route.fulfill({ response, body: html });
  });
}
