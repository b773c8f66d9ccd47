// The page under a strict CSP, with hostile input, and through its lifecycle.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, collectReports, nthReport, readableSources } from "./harness.mjs";

let server, strict, browser;
before(async () => {
  server = await serve();
  strict = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await strict?.close();
});

/** `url` in a new page, which `prepare(page)`, if given, readies before it goes there. */
async function open(url, prepare) {
  const page = await browser.newPage();
  await prepare?.(page);
  const problems = [];
  page.on("pageerror", (error) => problems.push(`error: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (!url.startsWith(target.origin) && target.protocol !== "data:") problems.push(`request: ${request.url()}`);
  });
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await collectReports(page);
  await page.goto(url);
  page.problems = problems;
  return page;
}

test("under a strict Content-Security-Policy the page runs, with no violation and no outside request", async () => {
  const page = await open(`${strict.url}/index.html?seed=4&jobs=30&autorun`);
  const response = await page.request.get(`${strict.url}/index.html`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  const { report } = await nthReport(page);
  assert.equal(report.jobs.length, 30);
  await page.locator("dispatcher-demo").getByLabel("Jobs to run").selectOption("article"); // fetches the fixture
  await page.locator("dispatcher-demo").getByRole("button", { name: "Run" }).click();
  await nthReport(page, 2);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the embedding example works under the strict policy too", async () => {
  const page = await open(`${strict.url}/www/embed-example.html`);
  await nthReport(page, 2);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  await page.close();
});

test("markup in a URL parameter is shown as text, never parsed", async () => {
  for (const hostile of ['<img src=x onerror="window.pwned=1">', "<script>window.pwned=1</script>", '"><b id=bold>x</b>']) {
    for (const name of ["workers", "seed", "waits", hostile]) {
      const page = await open(`${server.url}/index.html?${new URLSearchParams([[name, hostile]])}&autorun`);
      const alert = page.locator("dispatcher-demo").getByRole("alert");
      await alert.waitFor();
      // Shown as given, with its quotes escaped.
      assert.ok((await alert.textContent()).includes(hostile.replaceAll('"', '\\"')), await alert.textContent());
      const injected = await page.evaluate(() => {
        const root = document.querySelector("dispatcher-demo").shadowRoot;
        return window.pwned === 1 || root.querySelector(".message img, .message script, .message b") !== null;
      });
      assert.equal(injected, false, `${name}=${hostile}`);
      await page.close();
    }
  }
});

test("an attribute with markup is shown as text too", async () => {
  const page = await open(`${server.url}/www/embed-example.html`);
  const text = await page.evaluate(async () => {
    // The load event can come before the module (which awaits its stylesheets) defines the element.
    await customElements.whenDefined("dispatcher-demo");
    const demo = document.createElement("dispatcher-demo");
    demo.setAttribute("workers", "<img src=x onerror=window.pwned=1>");
    document.body.append(demo);
    const alert = demo.shadowRoot.querySelector(".message");
    await new Promise((resolve) => { const poll = () => (alert.hidden ? setTimeout(poll, 20) : resolve()); poll(); });
    return { text: alert.textContent, html: alert.innerHTML.includes("<img"), pwned: window.pwned === 1 };
  });
  assert.equal(text.text, 'workers must be an integer from 1 to 10000, got "<img src=x onerror=window.pwned=1>" (a string)');
  assert.equal(text.html, false);
  assert.equal(text.pwned, false);
  await page.close();
});

test("removing an element mid-run stops its run, and another keeps going", async () => {
  const page = await open(`${server.url}/www/embed-example.html`);
  const result = await page.evaluate(async () => {
    const make = (id) => {
      const demo = document.createElement("dispatcher-demo");
      Object.assign(demo, { id, workers: 2, jobs: 6, maxWaitMs: 2000, thresholdMs: 2000, seed: 1 });
      document.body.append(demo);
      return demo;
    };
    await customElements.whenDefined("dispatcher-demo");
    const [gone, kept] = [make("gone"), make("kept")];
    const reports = Promise.all([gone.run(), kept.run()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const wasRunning = gone.running;
    gone.remove();
    const [goneReport, keptReport] = await reports;
    return { wasRunning, gone: goneReport.status, kept: keptReport.status, stillRunning: gone.running };
  });
  assert.deepEqual(result, { wasRunning: true, gone: "stopped", kept: "completed", stillRunning: false });
  await page.close();
});

// The page's dist/ build, whose glue is dispatcher-demo-glue.js, and the readable sources, whose glue is in pkg/.
for (const [build, glue] of [["dist/", "/dist/dispatcher-demo-glue.js"], ["www/", "/pkg/dispatcher_demo.js"]]) {
  test(`after a panic the page says so, and runs again on a fresh module (${build})`, async () => {
    const page = await open(`${server.url}/index.html?workers=2&jobs=6&max-wait-ms=1500&threshold-ms=1500&seed=1`, build === "www/" ? readableSources : undefined);
    const demo = page.locator("dispatcher-demo");
    const run = demo.getByRole("button", { name: "Run" });
    await run.and(page.locator(":enabled")).waitFor();
    await run.click();
    await demo.locator(".running .meter-value").getByText("2 / 2").waitFor();
    // The test-only export, on the module instance the element uses.
    await page.evaluate((url) => import(url).then((glue) => {
      try {
        glue.__panicForTests();
      } catch {
        // The trap: RuntimeError: unreachable.
      }
    }), glue);
    const alert = demo.getByRole("alert");
    await alert.getByText("a fresh one has been loaded").waitFor();
    assert.match(await alert.textContent(), /crashed \(panicked at .*forced by a test\)/);
    await run.and(page.locator(":enabled")).waitFor();
    await run.click();
    const { report } = await nthReport(page);
    assert.equal(report.status, "completed");
    await page.close();
  });
}

test("a run whose timers were held back says its timing is distorted", async () => {
  // Waits long enough that the busy spell below starts while the first two
  // sleep: the meters' words are drawn a few times a second, so "2 / 2" may
  // show up to a fifth of a second after the jobs started.
  const page = await open(`${server.url}/index.html?workers=2&waits=400,400,400,400`);
  const demo = page.locator("dispatcher-demo");
  await demo.getByRole("button", { name: "Run" }).and(page.locator(":enabled")).waitFor();
  await demo.getByRole("button", { name: "Run" }).click();
  // Once two jobs sleep: a background tab runs timers about once a second;
  // a busy thread holds them back likewise.
  await demo.locator(".running .meter-value").getByText("2 / 2").waitFor();
  await page.evaluate(() => {
    const end = performance.now() + 700;
    while (performance.now() < end);
  });
  const { report } = await nthReport(page);
  assert.equal(report.timingDistorted, true);
  await demo.locator(".summary .warning").getByText("distorted").waitFor();
  await page.close();
});
