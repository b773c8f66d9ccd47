// The mdBook recipes: a book built from scratch (tests/embed/mdbook) with
// mdbook, loading the element through additional-js (a classic script: the
// loader) or through theme/head.hbs (the module), served at / and under a
// sub-path, in each of mdBook's five themes, on a chapter page and on
// print.html (every chapter in one page).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, looks, screenshot } from "./harness.mjs";
import { mdbookSite } from "./sites.mjs";

/** mdBook's themes, and whether each is dark; each is tried with the OS set the other way. */
const THEMES = { light: false, rust: false, coal: true, navy: true, ayu: true };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `path` of the book served at `url` in `theme` (mdBook keeps the reader's choice in localStorage). */
async function openBook(url, path, theme) {
  const page = await open(browser, `${url}/${path}`, {
    scheme: THEMES[theme] ? "light" : "dark",
    init: (chosen) => localStorage.setItem("mdbook-theme", chosen),
    initArg: theme,
  });
  return page;
}

async function check(page, theme) {
  const done = await reports(page, 2);
  assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
  assert.ok(await page.evaluate((chosen) => document.documentElement.classList.contains(chosen), theme), `mdBook's ${theme} theme is on`);
  const { checked, failures, schemes } = await looks(page);
  assert.ok(checked > 40, `${checked} texts checked`);
  assert.deepEqual(failures, []);
  const expected = THEMES[theme] ? "dark" : "light";
  assert.deepEqual(schemes, [expected, expected]);
  // No page URL given: no Copy link.
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll("dispatcher-demo")].map((demo) => demo.shadowRoot.querySelector(".copy-link").hidden)), [true, true]);
}

for (const kind of ["additional-js", "head-hbs"]) {
  test(`mdBook, ${kind}: at /, under a sub-path, in every theme, and on print.html`, async (t) => {
    const book = await mdbookSite(kind);
    const atRoot = await serve({ dir: book });
    const under = await serve({ dir: book, prefix: "/docs/book" });
    try {
      await t.test("at /", async () => {
        const page = await openBook(atRoot.url, "guide/demo.html", "light");
        await check(page, "light");
        assert.deepEqual(page.problems, []);
        await page.close();
      });
      for (const theme of Object.keys(THEMES)) {
        await t.test(`under /docs/book/, ${theme}`, async () => {
          const page = await openBook(under.url, "guide/demo.html", theme);
          await check(page, theme);
          await screenshot(page, `mdbook-${kind}-${theme}`);
          assert.deepEqual(page.problems, []);
          await page.close();
        });
      }
      for (const theme of ["light", "coal"]) {
        await t.test(`print.html under /docs/book/, ${theme}`, async () => {
          const page = await openBook(under.url, "print.html", theme);
          await check(page, theme);
          assert.deepEqual(page.problems, []);
          await page.close();
        });
      }
    } finally {
      await atRoot.close();
      await under.close();
    }
  });
}
