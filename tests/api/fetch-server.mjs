// A server whose responses are slow, for map's fetch test in Chromium and
// Firefox: it serves the JS API's module (pkg/api/, and dist/) and a page, and answers
// /fast/N after 100 ms (time for the others' requests to arrive), /slow/N after 10 s, and /missing/N with a 404, noting
// on its own clock when each request came, when each response ended, and
// when a connection was closed before its response was sent.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { root } from "../../scripts/serve.mjs";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>map's fetches</title></head><body></body></html>`;
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };

/** The URLs the page fetches with 4 workers: the first is quick, so the fifth, a 404, starts while three are in flight. */
export const URLS = ["/fast/0", "/slow/1", "/slow/2", "/slow/3", "/missing/4", ...Array.from({ length: 5 }, (_, i) => `/slow/${i + 5}`)];

/**
 * The page's run, as a function's source for an engine to call in the page:
 * map over URLS with 4 workers, each fetch given its job's signal; resolves
 * with the run's error message, and what happened in the page in order:
 * each job whose signal was aborted, and "next task", a timer set as the
 * failing mapper threw (so every abort before it came in the same task).
 */
export const RUN_IN_PAGE = `async (urls) => {
  const { default: init, map } = await import("/pkg/api/dispatcher_demo_api.js");
  await init();
  const order = [];
  try {
    await map(urls, async (url, { signal, index }) => {
      signal.addEventListener("abort", () => order.push(index));
      const response = await fetch(url, { signal });
      if (!response.ok) {
        setTimeout(() => order.push("next task"));
        throw new Error(url + ": " + response.status);
      }
      return response.text();
    }, { workers: 4 });
    return { message: null, order };
  } catch (error) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { message: error.message, order };
  }
}`;

/** The bound the tests hold the closes to: far below the 10 s the slow responses take, so each close is an abort. */
export const CLOSED_WITHIN_MS = 500;

/** The server; `recipePage`, if given, is served as /recipe.html. */
export async function slowServer({ recipePage = null } = {}) {
  const seen = { requested: [], ended: [], closed: [] };
  const timers = new Set();
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url, "http://x").pathname);
    const at = () => performance.now();
    const [, kind, id] = path.split("/");
    if (["fast", "slow", "missing"].includes(kind)) {
      seen.requested.push({ path, at: at() });
      response.on("close", () => (response.writableFinished ? seen.ended : seen.closed).push({ path, status: response.statusCode, at: at() }));
      const answer = () => response.writeHead(kind === "missing" ? 404 : 200, { "content-type": "text/plain" }).end(id);
      if (kind !== "missing") {
        const timer = setTimeout(answer, kind === "slow" ? 10_000 : 100);
        timers.add(timer);
        response.on("close", () => clearTimeout(timer));
      } else {
        answer();
      }
      return;
    }
    if (path === "/fetch.html") return response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    if (path === "/recipe.html" && recipePage) return response.writeHead(200, { "content-type": "text/html" }).end(recipePage);
    if (!path.startsWith("/pkg/api/") && !path.startsWith("/dist/")) return response.writeHead(404).end();
    try {
      const body = await readFile(join(root, path));
      response.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * What the server saw of the run: the 404, the connections closed before
 * their response (and the latest, in ms after the 404), and the requests,
 * all and after the 404. The target is the three slow fetches
 * closed within 50 ms of the 404; the tests hold them to a generous bound
 * (the machine is shared: under load Chromium took 84 ms once), and print
 * the figure.
 */
export function verdict({ seen }) {
  const failed = seen.ended.find((entry) => entry.status === 404);
  return {
    failed: failed?.path,
    closed: seen.closed.map((entry) => entry.path).sort(),
    latestCloseMs: failed ? Math.max(...seen.closed.map((entry) => entry.at - failed.at)) : NaN,
    requested: seen.requested.map((entry) => entry.path).sort(),
    requestedAfter: failed ? seen.requested.filter((entry) => entry.at > failed.at).map((entry) => entry.path) : [],
  };
}
