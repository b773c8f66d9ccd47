// Takes the screenshots (make screenshot, after make build):
// - the README's, www/screenshot.png: the article's run, stepped back to the
//   moment job #78 fails, with the code panel's lines marked, in light mode;
// - to look at, in tests/artifacts/ (not committed): the page at 1280×800
//   and at 390×844 (a phone), light and dark: its first screen while the
//   first run goes, the stage stepped back to the failure (and the screen
//   then: the moment and its narration together), the code panel,
//   the narration, the glossary, compare mode, and the whole page after a
//   run of the seeded defaults.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch, collectReports, nthReport, root, artifacts } from "../tests/page/harness.mjs";

const DEVICES = { desktop: { viewport: { width: 1280, height: 800 } }, phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } };

/** Steps back from the end of the recorded run to the failure, as its button does. */
async function stepToFailure(demo) {
  await demo.getByRole("button", { name: "Jump to the failure" }).click();
  await demo.locator(".moment-text").filter({ hasText: /^\d+\.\d ms · event \d+ of \d+$/ }).waitFor();
}

/** The code panel in view, its lines of the moment marked (its code and words come as it nears the viewport). */
async function codeInView(demo) {
  await demo.locator(".code-box").scrollIntoViewIfNeeded();
  await demo.locator(".code-now").getByText("fails as it starts").waitFor();
}

async function open(browser, url, options) {
  const page = await browser.newPage(options);
  await collectReports(page);
  await page.goto(url);
  return page;
}

async function readmeScreenshot(browser, url) {
  const page = await open(browser, `${url}/index.html?preset=article&speed=1&autorun`, { viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  await nthReport(page);
  const demo = page.locator("dispatcher-demo");
  await stepToFailure(demo);
  await codeInView(demo);
  await demo.locator(".log-box summary").click(); // fold the log
  await page.waitForTimeout(300);
  await demo.screenshot({ path: join(root, "www/screenshot.png") });
  await page.close();
}

async function views(browser, url, device, colorScheme) {
  const name = (view) => join(artifacts, `${view}-${device}-${colorScheme}.png`);
  const page = await open(browser, `${url}/index.html`, { colorScheme, ...DEVICES[device] });
  const demo = page.locator("dispatcher-demo");
  // The first screen, while the first run goes.
  await page.waitForTimeout(2500);
  await page.screenshot({ path: name("first-screen") });
  await nthReport(page);
  await stepToFailure(demo);
  await demo.locator(".stage").screenshot({ path: name("scrubbed-to-failure") });
  await page.screenshot({ path: name("failure-screen") });
  await codeInView(demo);
  await demo.locator(".code-box").screenshot({ path: name("code-panel") });
  await demo.getByRole("slider", { name: "Moment of the run" }).press("End");
  await demo.locator(".explain").screenshot({ path: name("narration") });
  // Open at the end of the first run.
  await demo.locator(".glossary").screenshot({ path: name("glossary") });
  await demo.getByRole("button", { name: "Compare with Go's way" }).click();
  await nthReport(page, 2);
  await demo.locator(".compare-text").getByText("The article's Go took").waitFor({ timeout: 30_000 });
  await demo.locator(".stage").screenshot({ path: name("compare") });
  await page.close();
  // The whole page after a run of the seeded defaults, its cancellation spread.
  const finished = await open(browser, `${url}/index.html?seed=3&autorun`, { colorScheme, ...DEVICES[device] });
  await nthReport(finished);
  await finished.waitForTimeout(600);
  await finished.screenshot({ path: name("finished-run"), fullPage: true });
  await finished.close();
}

const server = await serve();
const browser = await launch();
try {
  await mkdir(artifacts, { recursive: true });
  await readmeScreenshot(browser, server.url);
  for (const device of Object.keys(DEVICES)) for (const colorScheme of ["light", "dark"]) await views(browser, server.url, device, colorScheme);
  console.log(`screenshot: www/screenshot.png, and the views in ${artifacts}`);
} finally {
  await browser.close();
  await server.close();
}
