import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch, artifacts } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
  await mkdir(artifacts, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the page runs the defaults and shows the log and a summary", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(`${server.url}/index.html`);
  const run = page.getByRole("button", { name: "Run" });
  await assert.doesNotReject(run.isEnabled());
  await page.waitForFunction(() => !document.getElementById("run").disabled);
  await run.click();
  await page.getByRole("status").filter({ hasText: "Done" }).waitFor({ timeout: 15_000 });

  const log = (await page.getByRole("log").textContent()).split("\n");
  assert.match(log[0], /^Working on the job #0\. Wait for \d+ ms\.$/);
  const status = await page.locator("#summary [data-status]").textContent();
  assert.ok(["completed", "failed"].includes(status), status);
  if (status === "failed") {
    assert.match(log.at(-1), /^cannot wait for more than 990 ms: job #\d+; \d+ ms$/);
  }
  const jobs = await page.locator("#summary dd").nth(3).textContent();
  const total = [...jobs.matchAll(/(\d+) \w+/g)].reduce((sum, [, n]) => sum + Number(n), 0);
  assert.equal(total, 100);
  await page.screenshot({ path: join(artifacts, "first-page.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
