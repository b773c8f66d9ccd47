// A static server for the project's folder, with the right types for .wasm
// and .mjs. With --csp it sends the strict Content-Security-Policy the page
// must work under. Used by the page tests, and by hand:
//   node scripts/serve.mjs [--port 8080] [--csp] [--prefix /docs/demo]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".map": "application/json",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the project (or the folder `dir`) on 127.0.0.1, under `prefix` (a
 * sub-path such as "/docs/demo") if given. Resolves with its URL and a `close()`.
 * Each request's path and status is pushed onto `requests`, if given.
 * With `isolated`, its pages are cross-origin isolated.
 */
export async function serve({ port = 0, prefix = "", csp = false, dir = root, requests = null, isolated = false } = {}) {
  const base = dir.endsWith("/") ? dir : `${dir}/`;
  const server = createServer(async (request, response) => {
    if (requests) response.on("finish", () => requests.push({ path: request.url, status: response.statusCode }));
    let path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (!path.startsWith(`${prefix}/`)) return response.writeHead(404).end("not found");
    path = path.slice(prefix.length);
    const file = join(base, path.endsWith("/") ? join(path, "index.html") : path);
    if (!file.startsWith(base)) return response.writeHead(403).end("forbidden");
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (csp) headers["content-security-policy"] = CSP;
      // Cross-origin isolated: performance.now() in steps of 5 µs, not 100 (the benchmark's dispatch).
      if (isolated) Object.assign(headers, { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" });
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const { url } = await serve({ port: Number(option("--port", 8080)), prefix: option("--prefix", ""), csp: args.includes("--csp") });
  console.log(`Serving ${root} at ${url}/${args.includes("--csp") ? ` with ${CSP}` : ""}`);
}
