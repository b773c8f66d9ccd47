// The Docusaurus recipe, through npm: the package as `npm pack` makes it,
// installed into a Docusaurus 3 site (tests/embed/docusaurus, built with
// Rspack) whose MDX page imports it, as docs/embedding.md says. The build
// renders the page in node, where the import must do nothing; in the browser
// both elements run, follow the theme toggle, and survive client-side
// navigation away and back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch } from "./harness.mjs";
import { pack, docusaurusSite } from "./sites.mjs";

let browser, server;
before(async () => {
  const { tarball } = await pack();
  server = await serve({ dir: await docusaurusSite(tarball), prefix: "/docs" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("Docusaurus: both run, readable before and after the theme toggle, and again after client-side navigation away and back", async () => {
  const page = await open(browser, `${server.url}/demo/`, { scheme: "light" });
  const done = await reports(page, 2);
  assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
  // The page was rendered at build time, in node, with the text inside the tag; defined, the element shows its own.
  assert.ok(await page.evaluate(() => [...document.querySelectorAll("dispatcher-demo")].every((demo) => demo.shadowRoot && demo.textContent === "Interactive demo: needs JavaScript.")));
  await readableAcrossSwitch(page, "light", async () => {
    await page.getByRole("button", { name: /dark and light mode/ }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  }, assert);
  await screenshot(page, "docusaurus-dark");
  // Away and back through the sidebar: React swaps the page in; the elements are new, and run again.
  await page.evaluate(() => (window.reports.length = 0));
  await page.getByRole("link", { name: "Introduction" }).first().click();
  await page.waitForURL(/\/docs\/$/);
  await page.getByRole("link", { name: "The demo" }).first().click();
  await page.waitForURL(/\/demo\/$/);
  await reports(page, 2);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.deepEqual(page.problems, []);
  await page.close();
});
