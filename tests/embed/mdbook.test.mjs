// The mdBook recipes: a book built from scratch (tests/embed/mdbook and
// docs/embedding.md's recipes) with mdbook, loading the element through
// additional-js (a classic script: the loader) or through theme/head.hbs (the
// module), served at / and under a sub-path, in each of mdBook's five themes
// and after a switch to another from its menu, on a chapter page and on
// print.html (every chapter in one page).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, open, reports, screenshot, readableAcrossSwitch } from "./harness.mjs";
import { mdbookSite } from "./sites.mjs";

/** mdBook's themes, whether each is dark, and the theme the reader switches to from it (of the other kind); each is tried with the OS set the other way. */
const THEMES = { light: [false, "coal"], rust: [false, "navy"], coal: [true, "light"], navy: [true, "rust"], ayu: [true, "light"] };

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
    scheme: THEMES[theme][0] ? "light" : "dark",
    init: (chosen) => localStorage.setItem("mdbook-theme", chosen),
    initArg: theme,
  });
  return page;
}

/** Both ran, readable in `theme`, and again after the reader picks the other kind of theme in mdBook's menu. */
async function check(page, theme) {
  const done = await reports(page, 2);
  assert.deepEqual([...new Set(done.map(({ id }) => id))].sort(), ["every-error", "fail-fast"]);
  assert.ok(await page.evaluate((chosen) => document.documentElement.classList.contains(chosen), theme), `mdBook's ${theme} theme is on`);
  const [dark, to] = THEMES[theme];
  await readableAcrossSwitch(page, dark ? "dark" : "light", async () => {
    await page.locator("#mdbook-theme-toggle").click();
    await page.locator(`#mdbook-theme-${to}`).click();
    await page.waitForFunction((chosen) => document.documentElement.classList.contains(chosen), to);
  }, assert);
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
          await screenshot(page, `mdbook-${kind}-${theme}-then-${THEMES[theme][1]}`);
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

test("print.html printed while a run goes: a still frame of the run the settings make, and no button; after, the run as it is", async () => {
  const book = await mdbookSite("head-hbs");
  const server = await serve({ dir: book });
  try {
    const page = await openBook(server.url, "print.html", "light");
    const everyError = page.locator("#every-error");
    // Paused in the task that sees it running (its Pause button, as a reader
    // would), so that it is still going when the print comes: a run of 64 jobs
    // ended before a loaded machine's emulated print reached it (clean clones).
    await page.waitForFunction(() => {
      const demo = document.querySelector("#every-error");
      const pause = demo?.shadowRoot.querySelector("button.pause");
      if (demo?.running !== true || pause.disabled) return false;
      pause.click();
      return true;
    });
    await page.emulateMedia({ media: "print" });
    // Emulated, the print media's change event comes with the page's next
    // frame (a real print's beforeprint comes at once): read after it.
    await page.waitForFunction(() => document.querySelector("#every-error").matches(":state(printing-still)"), null, { timeout: 10_000 }).catch(() => {});
    const printed = () => page.evaluate(() => [...document.querySelectorAll("dispatcher-demo")].map((demo) => ({
      id: demo.id,
      still: demo.matches(":state(printing-still)"),
      buttons: [...demo.shadowRoot.querySelectorAll("button, input, select, summary")].filter((control) => control.checkVisibility()).length,
      ended: demo.shadowRoot.querySelector(".meter.done .meter-value").textContent,
    })));
    const whilePrinting = await printed();
    const running = whilePrinting.find(({ id }) => id === "every-error");
    assert.deepEqual(running, { id: "every-error", still: true, buttons: 0, ended: "0 / 64" }, "the run going shows its still frame");
    assert.ok(whilePrinting.every(({ buttons }) => buttons === 0), JSON.stringify(whilePrinting));
    // (A PDF cannot be made here: print.html's own print() holds the page's printing.)
    await screenshot(page, "mdbook-print-mid-run");
    await page.emulateMedia({ media: null });
    await everyError.getByRole("button", { name: "Resume" }).click();
    await reports(page, 2);
    await everyError.locator(".meter.done .meter-value").getByText("64 / 64").waitFor();
    assert.equal(await everyError.evaluate((demo) => demo.matches(":state(printing-still)")), false);
    // Printed once both have settled: each its finished run.
    await page.emulateMedia({ media: "print" });
    assert.deepEqual((await printed()).map(({ still, buttons, ended }) => [still, buttons, ended]), [[false, 0, "24 / 24"], [false, 0, "64 / 64"]]);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.close();
  }
});
