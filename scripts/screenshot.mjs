// Makes the README's screenshot: the article's run, stepped back to the
// moment job #78 fails, with the code panel's lines marked, in light mode.
//   make screenshot   (after make build)
import { serve, launch, collectReports, nthReport, root } from "../tests/page/harness.mjs";
import { join } from "node:path";

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  await collectReports(page);
  await page.goto(`${server.url}/index.html?preset=article&speed=1&autorun`);
  await nthReport(page);
  const demo = page.locator("dispatcher-demo");
  // Back from the end to the failure: the aborts, the cancel, then the failure itself.
  await demo.getByRole("slider", { name: "Moment of the run" }).press("End");
  for (let i = 0; i < 40; i++) {
    const text = await demo.locator(".code-now").textContent();
    if (text.includes("fails as it starts")) break;
    await demo.getByRole("button", { name: "Previous event" }).click();
  }
  await demo.locator(".log-box summary").click(); // fold the log
  await page.waitForTimeout(300);
  await demo.screenshot({ path: join(root, "www/screenshot.png") });
} finally {
  await browser.close();
  await server.close();
}
