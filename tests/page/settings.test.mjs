// A setting's one path, in headless Chromium: given as a URL parameter, an
// attribute, a property or in the form, it reaches the run through the
// module's one check, which names it as it was given; the element shows the
// module's message as it is, and refuses what the JS API refuses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pageSuite, demoOf, whenReady, nthReport } from "./harness.mjs";

const suite = pageSuite();
const { open } = suite;
const demo = demoOf;
const ready = whenReady;
const alert = (page) => demo(page).getByRole("alert");

test("settings round-trip through the URL", async () => {
  const search = "?workers=4&queue-length=7&jobs=50&max-wait-ms=300&threshold-ms=250&seed=7&cancel-in-flight=false&fail-fast=false&speed=0.5";
  const page = await open(`index.html${search}`);
  await ready(page);
  const field = (label) => demo(page).getByLabel(label, { exact: true });
  assert.equal(await field("Workers").inputValue(), "4");
  assert.equal(await field("Queue length").inputValue(), "7");
  assert.equal(await field("Seed").inputValue(), "7");
  assert.equal(await field("Cancel in-flight jobs").isChecked(), false);
  assert.equal(await field("Fail fast").isChecked(), false);
  // A copied link opens running.
  assert.equal(await demo(page).evaluate((element) => new URL(element.link).search), `${search}&autorun`);
  await field("Workers").fill("6");
  await field("Workers").press("Tab");
  assert.equal(new URL(page.url()).searchParams.get("workers"), "6");
  await page.close();
});

test("an invalid parameter is shown on the page, and nothing runs", async () => {
  for (const [search, message] of [
    ["?workers=0&autorun", "workers must be an integer from 1 to 10000, got 0"],
    ["?queue-length=2.5&autorun", "queue-length must be an integer from 0 to 1000000, got 2.5"],
    ["?fail-fast=maybe&autorun", 'fail-fast must be true or false, got "maybe" (a string)'],
    ["?queue-lenght=3&autorun", 'unknown setting "queue-lenght"; did you mean "queue-length"?'],
    ["?waits=1,x,3&autorun", 'waits[1] must be an integer from 0 to 600000, got "x" (a string)'],
  ]) {
    const page = await open(`index.html${search}`);
    await ready(page);
    await demo(page).getByRole("alert").getByText(message, { exact: true }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.reports.length), 0, `${search} ran`);
    await page.close();
  }
});

test("an invalid attribute is shown on the element, and nothing runs", async () => {
  const page = await open("www/embed-example.html");
  await nthReport(page, 2);
  const messages = await page.evaluate(async () => {
    const cases = [
      ["workers", "0", "workers must be an integer from 1 to 10000, got 0"],
      ["max-wait-ms", "Infinity", 'max-wait-ms must be an integer from 1 to 600000, got "Infinity" (a string)'],
      ["threshold-ms", "600001", "threshold-ms must be an integer from 0 to 600000, got 600001"],
      ["fail-fast", "yes", 'fail-fast must be true or false, got "yes" (a string)'],
      ["waits", "1,,2", "waits[1] must be an integer from 0 to 600000, got nothing"],
      ["worker", "4", 'unknown setting "worker"; did you mean "workers"?'],
    ];
    const seen = [];
    for (const [name, value, expected] of cases) {
      const demo = document.createElement("dispatcher-demo");
      demo.setAttribute(name, value);
      demo.setAttribute("autorun", "");
      document.body.append(demo);
      const message = demo.shadowRoot.querySelector(".message");
      await new Promise((resolve) => { const poll = () => (message.hidden ? setTimeout(poll, 20) : resolve()); poll(); });
      seen.push([message.textContent, expected, demo.running]);
      demo.remove();
    }
    return seen;
  });
  for (const [shown, expected, running] of messages) {
    assert.equal(shown, expected);
    assert.equal(running, false);
  }
  assert.equal(await page.evaluate(() => window.reports.length), 2);
  await page.close();
});

test("a bad value in the form is named by its label, marked, and the status says nothing runs", async () => {
  const page = await open("index.html?preset=seed");
  await ready(page);
  const field = demo(page).getByLabel("Max wait (ms)");
  await field.fill("");
  await field.press("Tab");
  await alert(page).getByText("Max wait (ms) must be an integer from 1 to 600000, got nothing", { exact: true }).waitFor();
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.equal(await demo(page).getByRole("status").textContent(), "Not run: a setting is wrong (see below).");
  await field.fill("500");
  await field.press("Tab");
  assert.equal(await alert(page).isHidden(), true);
  assert.equal(await field.getAttribute("aria-invalid"), null);
  assert.equal(await demo(page).getByRole("status").textContent(), "Ready.");
  await page.close();
});

test("a live element's invalid attribute logs no browser warning, and is named as given", async () => {
  const page = await open("www/embed-example.html");
  await nthReport(page, 2);
  const message = await page.evaluate(async () => {
    const element = document.querySelector("#fail-fast");
    element.setAttribute("workers", "abc");
    const box = element.shadowRoot.querySelector(".message");
    await new Promise((resolve) => { const poll = () => (box.hidden ? setTimeout(poll, 20) : resolve()); poll(); });
    return box.textContent;
  });
  assert.equal(message, 'workers must be an integer from 1 to 10000, got "abc" (a string)');
  assert.equal(await page.locator("#fail-fast").getByLabel("Workers", { exact: true }).inputValue(), "abc");
  assert.deepEqual(page.warnings.filter((text) => /cannot be parsed/.test(text)), []);
  await page.close();
});

test("autorun=0 does not run; a setting given twice, jobs against given waits, and 2^64 are said as given", async () => {
  const off = await open("index.html?workers=2&autorun=0");
  await ready(off);
  await off.waitForTimeout(400);
  assert.equal(await off.evaluate(() => window.reports.length), 0);
  await off.close();
  for (const [search, expected] of [
    ["?workers=2&workers=3&autorun", 'workers is given twice ("2" and "3"): give it once'],
    ["?jobs=50&waits=1,2,3&autorun", "jobs is 50, but 3 waits are given, which set the number of jobs: leave jobs out"],
    ["?seed=18446744073709551616&autorun", "seed must be an integer from 0 to 9007199254740991, got 18446744073709551616"],
  ]) {
    const page = await open(`index.html${search}`);
    await ready(page);
    await alert(page).getByText(expected, { exact: true }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.reports.length), 0, search);
    await page.close();
  }
});

test("the JS API and the element refuse the same inputs with the same message", async () => {
  const page = await open("www/embed-example.html");
  await nthReport(page, 2);
  const seen = await page.evaluate(async () => {
    const glue = await import("/pkg/dispatcher_demo.js");
    const inputs = [
      { jobs: 5, waits: [1, 2, 3] },
      { workers: 0 },
      { queueLength: 2.5 },
      { speed: "fast" },
      { waits: [1, -2] },
      { failFast: "yes" },
    ];
    const seen = [];
    for (const input of inputs) {
      const element = document.createElement("dispatcher-demo");
      Object.assign(element, input);
      document.body.append(element);
      const byElement = await element.run().then(() => null, (error) => error);
      const byApi = await glue.run(input).then(() => null, (error) => error);
      const shown = element.shadowRoot.querySelector(".message").textContent;
      seen.push({ input: JSON.stringify(input), element: [byElement?.name, byElement?.message, shown], api: [byApi?.name, byApi?.message, byApi?.message] });
      element.remove();
    }
    return seen;
  });
  for (const { input, element, api } of seen) {
    assert.ok(api[1], `${input} ran`);
    assert.deepEqual(element, api, input);
  }
  assert.deepEqual(seen.map(({ api }) => api[1]), [
    "jobs is 5, but 3 waits are given, which set the number of jobs: leave jobs out",
    "workers must be an integer from 1 to 10000, got 0",
    "queueLength must be an integer from 0 to 1000000, got 2.5",
    'speed must be a number from 0.1 to 4, got "fast" (a string)',
    "waits[1] must be an integer from 0 to 600000, got -2",
    'failFast must be true or false, got "yes" (a string)',
  ]);
  assert.equal(await page.evaluate(() => window.reports.length), 2);
  await page.close();
});
