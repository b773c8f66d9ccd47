// The VitePress recipe, through npm: the package as `npm pack` makes it,
// installed from its tarball into a scratch VitePress site
// (tests/embed/vitepress) that imports it, built at / and under a base
// sub-path, in VitePress's light and dark appearance.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch } from "./harness.mjs";
import { pack, vitepressSite } from "./sites.mjs";

let browser, packed, built;
before(async () => {
  packed = await pack();
  built = await vitepressSite(packed.tarball, ["/", "/docs/"]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the package holds dist/ and nothing of the tests, the pictures or the sources", () => {
  const others = packed.files.filter((file) => !file.startsWith("dist/") && !["package.json", "README.md"].includes(file));
  assert.deepEqual(others, []);
  for (const file of ["dist/dispatcher-demo.js", "dist/dispatcher-demo-glue.js", "dist/dispatcher_demo_bg.wasm", "dist/api.js", "dist/dispatcher_demo_api_bg.wasm", "dist/dispatcher-demo-own-run.js", "dist/dispatcher-demo-teach.js", "dist/dispatcher-demo-more.js", "dist/dispatcher-demo-loader.js", "dist/dispatcher-demo.d.ts", "dist/api.d.ts"]) {
    assert.ok(packed.files.includes(file), file);
  }
  assert.ok(!packed.files.some((file) => /\.(png|md)$/.test(file) && file !== "README.md"), packed.files.join(" "));
});

for (const [base, prefix] of [["/", ""], ["/docs/", "/docs"]]) {
  for (const appearance of ["light", "dark"]) {
    test(`VitePress with base ${base}, ${appearance}: both run, with no error, readable`, async () => {
      const server = await serve({ dir: built[base], prefix });
      try {
        // VitePress keeps the reader's choice in localStorage; the OS is set the other way.
        const page = await open(browser, `${server.url}/guide.html`, {
          scheme: appearance === "dark" ? "light" : "dark",
          init: (chosen) => localStorage.setItem("vitepress-theme-appearance", chosen),
          initArg: appearance,
        });
        const done = await reports(page, 2);
        assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), appearance === "dark");
        const other = appearance === "dark" ? "light" : "dark";
        await readableAcrossSwitch(page, appearance, async () => {
          await page.locator(".VPNavBarAppearance .VPSwitchAppearance").click();
          await page.waitForFunction((dark) => document.documentElement.classList.contains("dark") === dark, other === "dark");
        }, assert);
        // The site's own stylesheet is still VitePress's: the element brought none of its own to the page.
        assert.match(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /Inter/);
        assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--vp-c-bg")), "");
        await screenshot(page, `vitepress${base.replaceAll("/", "-")}${appearance}-then-${other}`);
        // Away and back by VitePress's own (client-side) navigation: the elements are new, and run again.
        await page.evaluate(() => (window.reports.length = 0));
        await page.locator(".VPNavBarTitle a").click();
        await page.waitForURL((url) => !url.pathname.endsWith("guide.html"));
        await page.getByRole("link", { name: "the demo's page" }).click();
        await page.waitForURL(/guide\.html$/);
        await reports(page, 2);
        assert.deepEqual(page.problems, []);
        await page.close();
      } finally {
        await server.close();
      }
    });
  }
}

for (const [base, prefix] of [["/", ""], ["/docs/", "/docs"]]) {
  test(`VitePress with base ${base}: the package's JS API, imported through Vite, runs map, and its wasm is found`, async () => {
    const server = await serve({ dir: built[base], prefix });
    try {
      const page = await open(browser, `${server.url}/map.html`);
      await page.waitForFunction(() => window.mapResult !== undefined, null, { timeout: 30_000 });
      assert.deepEqual(await page.evaluate(() => window.mapResult), { values: [30, 11, 22], error: "no", aborted: [0, 2] });
      assert.deepEqual(page.problems, []);
      await page.close();
    } finally {
      await server.close();
    }
  });
}
