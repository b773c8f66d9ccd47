// The MkDocs recipe, with Material: dist/ copied into docs/, the module in
// extra_javascript with `type: module`, served under a sub-path. Both run,
// follow Material's palette toggle (data-md-color-scheme on <body>), and run
// again after its instant navigation (pages swapped in without a load) goes
// away and back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch } from "./harness.mjs";
import { mkdocsSite } from "./sites.mjs";

let browser, server;
before(async () => {
  // The site is built for its URL, which instant navigation needs: the server comes first, on its own folder.
  server = await serve({ dir: (await import("./sites.mjs")).scratch, prefix: "/docs" });
  const built = await mkdocsSite(`${server.url}/`);
  await server.close();
  server = await serve({ dir: built, prefix: "/docs", port: Number(new URL(server.url).port) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("MkDocs with Material: both run, readable before and after the palette toggle, and after instant navigation away and back", async () => {
  // 1280 px wide, open()'s width: under 1220, Material folds its navigation into a drawer.
  const page = await open(browser, `${server.url}/demo/`, { scheme: "light" });
  const done = await reports(page, 2);
  assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
  await readableAcrossSwitch(page, "light", async () => {
    await page.locator('label[title="Switch to dark mode"]').first().click();
    await page.waitForFunction(() => document.body.dataset.mdColorScheme === "slate");
  }, assert);
  await screenshot(page, "mkdocs-slate");
  // Instant navigation: the page is swapped in, not loaded (the marker survives).
  await page.evaluate(() => {
    window.notReloaded = true;
    window.reports.length = 0;
  });
  await page.getByRole("link", { name: "Introduction" }).click();
  await page.waitForURL(/\/docs\/$/);
  await page.getByRole("link", { name: "The demo" }).first().click();
  await page.waitForURL(/\/demo\/$/);
  await reports(page, 2);
  assert.equal(await page.evaluate(() => window.notReloaded), true, "Material's instant navigation swapped the pages in");
  assert.deepEqual(page.problems, []);
  await page.close();
});
