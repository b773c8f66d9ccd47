// Makes the README's screenshot: the article's run, finished, in light mode.
//   make screenshot   (after make build)
import { serve, launch, collectReports, nthReport, root } from "../tests/page/harness.mjs";
import { join } from "node:path";

const fixture = JSON.parse(await (await import("node:fs/promises")).readFile(join(root, "www/article-run.json"), "utf8"));
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 980, height: 900 }, deviceScaleFactor: 1 });
  await collectReports(page);
  await page.goto(`${server.url}/index.html?waits=${fixture.waits.join(",")}&autorun`);
  await nthReport(page);
  await page.waitForTimeout(800);
  const demo = page.locator("dispatcher-demo");
  await demo.locator(".log-box summary").click(); // fold the log
  await demo.screenshot({ path: join(root, "www/screenshot.png") });
} finally {
  await browser.close();
  await server.close();
}
