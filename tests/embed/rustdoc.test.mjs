// The rustdoc recipe: a crate (tests/embed/rustdoc) whose doc comments hold
// the element on the crate's page and one folder down, documented with the
// recipe's `--html-in-header` and dist/ copied into target/doc, served under
// a sub-path. In each of rustdoc's themes (light, dark, ayu) both run and are
// readable, and stay readable when the reader picks another theme in
// rustdoc's settings; the header loads the module from every depth,
// settings.html too. Then the library's own docs as docs.rs builds them,
// their header's CDN URL answered from the local dist/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch, root } from "./harness.mjs";
import { rustdocSite, docsrsSite, recipe } from "./sites.mjs";

/** rustdoc's themes, whether each is dark, and the one the reader switches to from it. */
const THEMES = { light: ["light", "ayu"], dark: ["dark", "light"], ayu: ["dark", "light"] };

let browser, server;
before(async () => {
  server = await serve({ dir: await rustdocSite(), prefix: "/docs/api" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` of the docs in rustdoc's `theme` (kept in localStorage), with the OS set the other way. */
function openDocs(base, path, theme, options = {}) {
  return open(browser, `${base}/${path}`, {
    scheme: THEMES[theme][0] === "dark" ? "light" : "dark",
    init: (chosen) => {
      localStorage.setItem("rustdoc-theme", chosen);
      localStorage.setItem("rustdoc-use-system-theme", "false");
    },
    initArg: theme,
    ...options,
  });
}

/** Picks `theme` in rustdoc's settings, as a reader does. */
async function pickTheme(page, theme) {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.locator(`#theme-${theme}`).check();
  await page.waitForFunction((chosen) => document.documentElement.dataset.theme === chosen, theme);
}

for (const theme of Object.keys(THEMES)) {
  for (const path of ["embed_rustdoc/index.html", "embed_rustdoc/nested/index.html"]) {
    const depth = path.split("/").length - 1;
    test(`rustdoc, ${path} (${depth} folder${depth > 1 ? "s" : ""} down), ${theme}: both run, readable, and after switching to ${THEMES[theme][1]}`, async () => {
      const page = await openDocs(server.url, path, theme);
      const done = await reports(page, 2);
      assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
      const [before, to] = [THEMES[theme][0], THEMES[theme][1]];
      await readableAcrossSwitch(page, before, () => pickTheme(page, to), assert);
      if (path.includes("nested")) await screenshot(page, `rustdoc-${theme}-then-${to}`);
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  }
}

test("rustdoc: the header loads the module from the docs' root too (settings.html), with no 404", async () => {
  const page = await openDocs(server.url, "settings.html", "dark");
  await page.waitForFunction(() => customElements.get("dispatcher-demo"));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the library's own docs, as docs.rs builds them: the crate's page shows the demo, from the CDN's URL (answered here from dist/)", async () => {
  const docs = await serve({ dir: await docsrsSite(), prefix: "/bounded-dispatcher/latest" });
  try {
    const [cdn] = (await recipe("docsrs-header")).match(/https:\/\/[^"]+\/dist\//);
    const page = await open(browser, `${docs.url}/bounded_dispatcher/index.html`, {
      init: () => {
        localStorage.setItem("rustdoc-theme", "ayu");
        localStorage.setItem("rustdoc-use-system-theme", "false");
      },
      prepare: (page) => page.route(`${cdn}**`, async (route) => {
        const file = new URL(route.request().url()).pathname.split("/dist/")[1];
        const types = { js: "text/javascript", wasm: "application/wasm", json: "application/json" };
        route.fulfill({ body: await readFile(join(root, "dist", file)), contentType: types[file.split(".").pop()], headers: { "access-control-allow-origin": "*" } });
      }),
    });
    await reports(page, 1);
    assert.equal(await page.evaluate(() => window.reports[0].jobs), 100);
    await screenshot(page, "docsrs-ayu");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await docs.close();
  }
});
