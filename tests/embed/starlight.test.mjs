// The Astro Starlight recipe, through npm: the package as `npm pack` makes
// it, installed into a Starlight site (tests/embed/starlight) whose page
// uses the recipe's component, which holds the import, and two elements;
// built with tools/node's Node (Astro needs 22.12 or newer). Both run, and
// follow Starlight's theme select.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch } from "./harness.mjs";
import { pack, starlightSite } from "./sites.mjs";

let browser, server;
before(async () => {
  const { tarball } = await pack();
  server = await serve({ dir: await starlightSite(tarball), prefix: "/docs" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [os, first] of [["dark", "dark"], ["light", "light"]]) {
  test(`Starlight, with a ${os} OS: both run, readable before and after the theme select switches to ${first === "dark" ? "light" : "dark"}`, async () => {
    const page = await open(browser, `${server.url}/guide/demo/`, { scheme: os });
    const done = await reports(page, 2);
    assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), first);
    const other = first === "dark" ? "light" : "dark";
    await readableAcrossSwitch(page, first, async () => {
      await page.getByRole("combobox", { name: "Select theme" }).first().selectOption(other);
      await page.waitForFunction((theme) => document.documentElement.dataset.theme === theme, other);
    }, assert);
    await screenshot(page, `starlight-${other}`);
    // To the introduction and back (Starlight loads each page): the elements run again.
    await page.getByRole("link", { name: "Introduction" }).first().click();
    await page.waitForURL(/\/guide\/intro\/$/);
    await page.goBack();
    await reports(page, 2);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}
