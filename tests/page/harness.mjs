// Serves the repository over HTTP and drives the system Chromium with
// playwright-core. No browser is downloaded.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const artifacts = join(root, "tests", "artifacts");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Serves `root` on a free port of 127.0.0.1, under `prefix` (a sub-path such
 * as "/docs/demo") if given.
 */
export async function serve({ prefix = "" } = {}) {
  const server = createServer(async (request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (!path.startsWith(`${prefix}/`)) return response.writeHead(404).end("not found");
    path = path.slice(prefix.length);
    const file = join(root, path.endsWith("/") ? join(path, "index.html") : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

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
