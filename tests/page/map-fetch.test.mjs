// map's real cancel, seen from the server, in Chromium: with 4 workers and
// a 404 on the fifth URL, the failure aborts the three fetches in flight in
// its own task, the server sees their connections closed (the figure is
// printed; fetch-server.mjs says what bound holds it), and nothing more is
// asked for.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { slowServer, URLS, RUN_IN_PAGE, verdict, CLOSED_WITHIN_MS } from "../api/fetch-server.mjs";

let browser, server;
before(async () => {
  [browser, server] = await Promise.all([launch(), slowServer()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("in Chromium, the first failed fetch aborts the three in flight at once, and no further request arrives", async (t) => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}/fetch.html`);
  const result = await page.evaluate(`(${RUN_IN_PAGE})(${JSON.stringify(URLS)})`);
  assert.equal(result.message, "/missing/4: 404");
  // The three signals were aborted in the task in which the 404's mapper threw.
  assert.deepEqual([result.order.slice(0, 3).sort(), result.order.slice(3)], [[1, 2, 3], ["next task"]]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const seen = verdict(server);
  assert.deepEqual([seen.failed, seen.closed, seen.requestedAfter], ["/missing/4", ["/slow/1", "/slow/2", "/slow/3"], []]);
  assert.deepEqual(seen.requested, URLS.slice(0, 5).sort());
  t.diagnostic(`the last of the three closed ${seen.latestCloseMs.toFixed(1)} ms after the 404`);
  assert.ok(seen.latestCloseMs <= CLOSED_WITHIN_MS, `closed ${seen.latestCloseMs.toFixed(1)} ms after the 404`);
  assert.deepEqual(errors, []);
  await page.close();
});
