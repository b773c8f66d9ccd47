// Serves the repository over HTTP (scripts/serve.mjs) and drives the system
// Chromium with playwright-core. No browser is downloaded.
import { join } from "node:path";
import { chromium } from "playwright-core";
import { root } from "../../scripts/serve.mjs";

export { serve, root, CSP } from "../../scripts/serve.mjs";
export const artifacts = join(root, "tests", "artifacts");

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** Every `done` event's detail, collected on the page from its start. */
export async function collectReports(page) {
  await page.addInitScript(() => {
    window.reports = [];
    document.addEventListener("done", (event) => window.reports.push({ id: event.target.id, report: event.detail }));
  });
}

/** Waits for the `count`-th report and returns it. */
export async function nthReport(page, count = 1) {
  await page.waitForFunction((n) => window.reports.length >= n, count, { timeout: 20_000 });
  return page.evaluate((n) => window.reports[n - 1], count);
}
