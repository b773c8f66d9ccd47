// The plain HTML recipe: dist/ copied beside a page under a sub-path
// (docs/guide/), served by `python3 -m http.server`, in either system theme
// and after the system switches; and the iframe recipe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { launch, serve, open, reports, looks, screenshot, drawn } from "./harness.mjs";
import { plainSite, iframeSite } from "./sites.mjs";

let browser, python, site;
before(async () => {
  site = await plainSite();
  python = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", site], { stdio: ["ignore", "pipe", "pipe"] });
  python.port = await new Promise((resolve, reject) => {
    let output = "";
    python.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/port (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    python.on("exit", (code) => reject(new Error(`python3 -m http.server exited (${code})`)));
  });
  python.stderr.resume(); // its request log
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (python) {
    python.kill();
    await once(python, "exit");
  }
});

for (const scheme of ["light", "dark"]) {
  test(`a plain page under a sub-path, with a ${scheme} OS: both run, with no error, readable`, async () => {
    const page = await open(browser, `http://127.0.0.1:${python.port}/docs/guide/`, { scheme });
    const done = await reports(page, 2);
    assert.deepEqual(done.map(({ id, jobs }) => [id, jobs]).sort(), [["every-error", 64], ["fail-fast", 24]]);
    const { checked, failures, schemes } = await looks(page);
    assert.ok(checked > 40, `${checked} texts checked`);
    assert.deepEqual(failures, []);
    // The first follows the page (color-scheme: light dark, so the OS); the second has theme="dark".
    assert.deepEqual(schemes, [scheme, "dark"]);
    // Copy link only where a page URL is given.
    const copyLinks = await page.evaluate(() => [...document.querySelectorAll("dispatcher-demo")].map((demo) => !demo.shadowRoot.querySelector(".copy-link").hidden));
    assert.deepEqual(copyLinks, [false, true]);
    assert.equal(new URL(await page.evaluate(() => document.querySelector("#every-error").link)).pathname, "/docs/guide/");
    await screenshot(page, `plain-${scheme}`);
    // The reader's system switches: the first follows (its canvases too), the second stays dark.
    const other = scheme === "light" ? "dark" : "light";
    await page.emulateMedia({ colorScheme: other });
    await drawn(page);
    const after = await looks(page);
    assert.deepEqual(after.failures, []);
    assert.deepEqual(after.schemes, [other, "dark"]);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test("the iframe recipe: the demo page, served elsewhere, in a frame, runs with the settings in its URL", async () => {
  const demo = await serve();
  const docs = await serve({ dir: await iframeSite(demo.url) });
  try {
    const page = await open(browser, `${docs.url}/index.html`);
    const frame = page.frameLocator("iframe");
    // The settings came through the URL: 12 jobs, and a threshold some waits are over.
    await frame.locator("dispatcher-demo .summary .status").getByText("failed").waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator("dispatcher-demo [name=jobs]").inputValue(), "12");
    await screenshot(page, "iframe");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await docs.close();
    await demo.close();
  }
});
