// The page in the second engine: Firefox ESR, driven through geckodriver's
// WebDriver (classic) HTTP protocol with nothing but fetch.
//
// The Playwright page suite (tests/page/) cannot drive this Firefox: Playwright
// speaks to a stock Firefox only over WebDriver BiDi, and asks for
// `emulation.setMediaFeaturesOverride`, which Firefox ESR 153 answers with
// "unknown command"; Playwright's own patched Firefox is a download that this
// project does not make. So this suite does what a person does, in the page as
// served with the strict CSP: it picks the article's run, presses Run, and checks
// the report, the page's text, the requests and the console.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { serve, root, artifacts } from "../page/harness.mjs";
import { slowServer, URLS, RUN_IN_PAGE, verdict, CLOSED_WITHIN_MS } from "../api/fetch-server.mjs";

const GECKODRIVER = process.env.GECKODRIVER ?? "geckodriver";
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

let server, driver, session, output = "";
const requests = [];

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function call(method, path, body) {
  const response = await fetch(`${driver.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
  return value;
}
const inSession = (method, path, body) => call(method, `/session/${session}${path}`, body);
/** Runs an async function in the page: its last argument is WebDriver's callback. */
const evaluate = (source, ...args) => inSession("POST", "/execute/async", { script: source, args });

before(async () => {
  server = await serve({ csp: true, requests });
  const port = await freePort();
  const process = spawn(GECKODRIVER, ["--port", String(port), "--log", "warn"], { stdio: ["ignore", "pipe", "pipe"] });
  process.stdout.on("data", (chunk) => (output += chunk));
  process.stderr.on("data", (chunk) => (output += chunk));
  driver = { process, url: `http://127.0.0.1:${port}` };
  for (let tries = 0; ; tries++) {
    try {
      if ((await (await fetch(`${driver.url}/status`)).json()).value.ready) break;
    } catch (error) {
      if (tries > 100) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  ({ sessionId: session } = await call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        "moz:firefoxOptions": {
          binary: FIREFOX,
          args: ["-headless"],
          // The page's console, and not the browser's own, printed where this test reads it.
          prefs: { "devtools.console.stdout.content": true, "devtools.console.stdout.chrome": false,
                   // No experiments or studies fetched (no network here, and nothing to do with the page).
                   "app.normandy.enabled": false, "app.shield.optoutstudies.enabled": false, "app.update.enabled": false },
        },
      },
    },
  }));
  await inSession("POST", "/window/rect", { width: 1100, height: 900 });
  await mkdir(artifacts, { recursive: true });
});

after(async () => {
  if (session) await inSession("DELETE", "").catch(() => {});
  driver?.process.kill();
  await server?.close();
});

test("in Firefox, the article's run fails at job #78 as in Chromium, under the strict CSP", async () => {
  await inSession("POST", "/url", { url: `${server.url}/index.html` });
  const report = await evaluate(`
    const done = arguments[arguments.length - 1];
    (async () => {
      await customElements.whenDefined("dispatcher-demo");
      const element = document.querySelector("dispatcher-demo");
      const root = element.shadowRoot;
      const button = () => [...root.querySelectorAll("button")].find((b) => b.textContent.trim() === "Run");
      while (!button() || button().disabled) await new Promise((resolve) => setTimeout(resolve, 50));
      const select = [...root.querySelectorAll("select")].find((s) => s.labels[0]?.textContent.includes("Jobs to run"));
      select.value = "article";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      while (!new URL(location.href).searchParams.has("waits")) await new Promise((resolve) => setTimeout(resolve, 50));
      const report = new Promise((resolve) => element.addEventListener("done", (event) => resolve(event.detail), { once: true }));
      button().click();
      const { status, error, jobs } = await report;
      await new Promise(requestAnimationFrame);
      return { status, error: error?.message, jobs: jobs.map(({ id, state, startMs, endMs }) => ({ id, state, startMs, endMs })),
               summary: root.querySelector(".summary").textContent };
    })().then(done, (error) => done({ thrown: String(error) }));
  `);
  assert.equal(report.thrown, undefined, report.thrown);
  assert.equal(report.status, "failed");
  assert.equal(report.error, "cannot wait for more than 990 ms: job #78; 996 ms");
  const fixture = JSON.parse(await readFile(join(root, "www/article-run.json"), "utf8"));
  assert.deepEqual(report.jobs.filter((job) => job.startMs !== null).map((job) => job.id), fixture.expected.started);
  assert.deepEqual(report.jobs.filter((job) => job.state === "canceled").map((job) => job.id), fixture.expected.canceled);
  const failedAt = report.jobs[78].startMs;
  const aborted = report.jobs.filter((job) => job.state === "aborted");
  assert.ok(aborted.length > 0 && aborted.length <= 9, `${aborted.length} aborted`);
  for (const job of aborted) assert.ok(job.startMs <= failedAt && job.endMs >= failedAt, `job #${job.id}`);
  assert.match(report.summary, /job #78; 996 ms/);

  const screenshot = await inSession("GET", "/screenshot");
  await writeFile(join(artifacts, "firefox-article-run.png"), Buffer.from(screenshot, "base64"));

  assert.deepEqual(requests.filter(({ status }) => status >= 400), [], "no failed requests");
  // Firefox prints its own console and the page's alike; let through are the
  // browser's own modules' messages (resource:///modules/…, such as its backup
  // service) and Nimbus's (RSLoader), which fails to fetch its experiments
  // because there is no network here, whatever the prefs say.
  const complaints = output.split("\n")
    .filter((line) => /console\.(error|warn)|JavaScript error|Content-Security-Policy/.test(line))
    .filter((line) => !line.startsWith("console.error: RSLoader:") && !line.includes("resource:///modules/"));
  assert.deepEqual(complaints, [], "nothing on the console");
});

test("in Firefox, the article's run at speed 4 takes a quarter of the time: replayed with the report of speed 1, live with no wait ended early", async () => {
  await inSession("POST", "/url", { url: `${server.url}/index.html?preset=article&speed=1` });
  const runs = await evaluate(`
    const done = arguments[arguments.length - 1];
    (async () => {
      await customElements.whenDefined("dispatcher-demo");
      const element = document.querySelector("dispatcher-demo");
      const button = () => [...element.shadowRoot.querySelectorAll("button")].find((b) => b.textContent.trim() === "Run");
      while (!button() || button().disabled) await new Promise((resolve) => setTimeout(resolve, 50));
      const runs = {};
      for (const live of [false, true]) for (const speed of [1, 4]) {
        element.speed = speed;
        const started = performance.now();
        const { error, elapsedMs, jobs } = await element.run({ live });
        runs[(live ? "live" : "replay") + speed] = { ms: performance.now() - started, error: error?.message, elapsedMs,
          jobs: jobs.map(({ id, state, worker, waitMs, startMs, endMs }) => ({ id, state, worker, waitMs, startMs, endMs })) };
      }
      return runs;
    })().then(done, (error) => done({ thrown: String(error) }));
  `);
  assert.equal(runs.thrown, undefined, runs.thrown);
  const { replay1, replay4, live1, live4 } = runs;
  const fastest = (full) => full.elapsedMs / 4;
  assert.deepEqual({ ...replay4, ms: 0 }, { ...replay1, ms: 0 });
  assert.ok(replay4.ms >= fastest(replay1) && replay4.ms < replay1.ms / 2, `replayed: ${replay4.ms} ms at speed 4, ${replay1.ms} at 1`);
  assert.ok(live4.ms < live1.ms / 2, `live: ${live4.ms} ms at speed 4, ${live1.ms} at 1`);
  // As in Chromium (tests/page/speed.test.mjs): never early, late by at most 250 ms of the page's time.
  for (const [speed, run] of [[1, live1], [4, live4]]) {
    assert.equal(run.error, "cannot wait for more than 990 ms: job #78; 996 ms");
    for (const job of run.jobs.filter((job) => job.state === "succeeded")) {
      const late = job.endMs - job.startMs - job.waitMs;
      assert.ok(late >= -1e-9 && late <= 250 * speed, `job #${job.id} ended ${late} ms after its wait at speed ${speed}`);
    }
  }
});

test("in Firefox, map's first failed fetch aborts the three in flight at once, and no further request arrives", async (t) => {
  const slow = await slowServer();
  try {
    await inSession("POST", "/url", { url: `${slow.url}/fetch.html` });
    const result = await evaluate(`const done = arguments[arguments.length - 1];
      (${RUN_IN_PAGE})(arguments[0]).then(done, (error) => done({ thrown: String(error) }));`, URLS);
    assert.equal(result.thrown, undefined, result.thrown);
    assert.equal(result.message, "/missing/4: 404");
    // The three signals were aborted in the task in which the 404's mapper threw.
    assert.deepEqual([result.order.slice(0, 3).sort(), result.order.slice(3)], [[1, 2, 3], ["next task"]]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = verdict(slow);
    assert.deepEqual([seen.failed, seen.closed, seen.requestedAfter], ["/missing/4", ["/slow/1", "/slow/2", "/slow/3"], []]);
    assert.deepEqual(seen.requested, URLS.slice(0, 5).sort());
    t.diagnostic(`the last of the three closed ${seen.latestCloseMs.toFixed(1)} ms after the 404`);
    assert.ok(seen.latestCloseMs <= CLOSED_WITHIN_MS, `closed ${seen.latestCloseMs.toFixed(1)} ms after the 404`);
  } finally {
    await slow.close();
  }
});
