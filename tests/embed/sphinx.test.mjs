// The Sphinx recipe, with Furo: dist/ in _static, the module through
// html_js_files with `type: module`, the element in a raw directive, served
// under a sub-path. Both run, and follow Furo's theme toggle (data-theme on
// <body>, "auto" following the OS).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch } from "./harness.mjs";
import { sphinxSite } from "./sites.mjs";

let browser, server;
before(async () => {
  server = await serve({ dir: await sphinxSite(), prefix: "/docs" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const os of ["light", "dark"]) {
  test(`Sphinx with Furo, with a ${os} OS: both run, readable in "auto", and after the theme toggle`, async () => {
    const page = await open(browser, `${server.url}/demo.html`, { scheme: os });
    const done = await reports(page, 2);
    assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
    assert.equal(await page.evaluate(() => document.body.dataset.theme ?? "auto"), "auto");
    const other = os === "light" ? "dark" : "light";
    await readableAcrossSwitch(page, os, async () => {
      await page.locator("button.theme-toggle").filter({ visible: true }).first().click();
      await page.waitForFunction((theme) => document.body.dataset.theme === theme, other);
    }, assert);
    await screenshot(page, `sphinx-${other}`);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}
