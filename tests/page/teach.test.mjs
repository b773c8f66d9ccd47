// The page as a lesson: the first run, the code panel, the scrubber and its
// steps, the moment and speed in the URL, the narration, the glossary,
// compare mode, and the page's words. (make screenshot takes each view.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { start, stop, root, nthReport, openPage } from "./harness.mjs";
import { GO, GO_SELECT, RUST } from "../../www/code.js";

let server, browser, fixture;
before(async () => {
  ({ server, browser } = await start());
  fixture = JSON.parse(await readFile(join(root, "www/article-run.json"), "utf8"));
});
after(() => stop({ server, browser }));

const open = (path, options) => openPage(browser, `${server.url}/${path}`, options);

const demo = (page) => page.locator("dispatcher-demo").first();
/**
 * The text of `selector` in the element, as drawn: the page draws in its
 * animation frames (frame.js), so a step shows from the next frame on, which on
 * a loaded machine comes after the click has returned. Two frames, then read.
 */
const shadow = (page, selector) => page.evaluate(async (s) => {
  for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
  return document.querySelector("dispatcher-demo").shadowRoot.querySelector(s)?.textContent;
}, selector);
/** The article's run at full speed, run at once. */
const ARTICLE = "index.html?preset=article&speed=1&autorun";

/** Steps with the Next or Previous button until `done(momentText, codeText)` holds; returns the texts. */
async function stepUntil(page, button, done, limit = 400) {
  for (let i = 0; i < limit; i++) {
    const moment = await shadow(page, ".moment-text");
    const code = await shadow(page, ".code-now");
    if (done(moment, code)) return { moment, code };
    await demo(page).getByRole("button", { name: button }).click();
  }
  throw new Error(`no step made it: ${await shadow(page, ".moment-text")}`);
}

test("the first run teaches: the article's run, slowed, fails with job #78, and the random draw is one choice away", async () => {
  const page = await open("index.html");
  const opened = Date.now();
  assert.equal(await demo(page).getByLabel("Speed").inputValue(), "0.5");
  await demo(page).locator(".summary").getByText("running", { exact: true }).waitFor({ timeout: 15_000 });
  assert.equal(await demo(page).getByLabel("Jobs to run").inputValue(), "article");
  const { report } = await nthReport(page);
  const wall = Date.now() - opened;
  assert.equal(report.error.message, fixture.expected.error.message);
  // At half speed the failure, at about 3.1 s of the run's time, comes after
  // more than 4.7 s of the page's (a generous bound: 6.3 s at half speed).
  assert.ok(wall > fixture.expected.failedAtMs * 1.5, `the run took ${wall} ms`);
  assert.ok(Math.abs(report.elapsedMs - fixture.expected.failedAtMs) < 300, `the report's time, scaled back: ${report.elapsedMs}`);
  // The URL stays bare: the page opens on the element's own preset.
  assert.equal(new URL(page.url()).search, "");
  await demo(page).getByLabel("Jobs to run").selectOption("seed");
  assert.equal(await demo(page).getByLabel("Jobs", { exact: true }).isEnabled(), true);
  await page.waitForFunction(() => new URL(location.href).searchParams.has("seed"));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the code panel marks each event's lines, Go's and Rust's, as code.js has them", async () => {
  const page = await open(ARTICLE);
  await nthReport(page);
  const lit = () => demo(page).evaluate((element) => element.litLines);
  await demo(page).getByRole("slider", { name: "Moment of the run" }).press("Home");
  assert.deepEqual(await lit(), [[], []]);
  await demo(page).getByRole("button", { name: "Next event" }).click();
  // The first event: the dispatcher feeds the queue.
  assert.match(await shadow(page, ".code-now"), /feeds jobs #0–#99 into the queue/);
  assert.deepEqual(await lit(), [[GO.marks.feed], [RUST.marks.feed, RUST.marks.queuedEmit].sort((a, b) => a - b)]);
  await demo(page).getByRole("button", { name: "Next event" }).click();
  assert.match(await shadow(page, ".code-now"), /takes job #0/);
  assert.deepEqual(await lit(), [[GO.marks.start, GO.marks.take], [RUST.marks.take, RUST.marks.start]]);
  // The line that acts is the worker's `for job := range jobs`: the Go pane is scrolled to it, and no line is cut.
  const goPane = await page.evaluate(async (take) => {
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    const pre = document.querySelector("dispatcher-demo").shadowRoot.querySelector(".go .code");
    const line = pre.querySelector(`[data-line="${take}"]`);
    return { text: line.textContent, inView: line.offsetTop >= pre.scrollTop && line.offsetTop + line.offsetHeight <= pre.scrollTop + pre.clientHeight, cut: pre.scrollWidth > pre.clientWidth };
  }, GO.marks.take);
  assert.match(goPane.text, /for job := range jobs/);
  assert.deepEqual([goPane.inView, goPane.cut], [true, false]);
  const failed = await stepUntil(page, "Next event", (_, code) => code.includes("fails as it starts"));
  assert.match(failed.code, /Job #78's wait is over the threshold/);
  assert.deepEqual(await lit(), [[GO.marks.fail, GO.marks.errReturn], [RUST.marks.fail, RUST.marks.failFast]]);
  await demo(page).getByRole("button", { name: "Next event" }).click();
  assert.match(await shadow(page, ".code-now"), /The queue is closed: jobs #79–#99/);
  assert.deepEqual(await lit(), [[GO.marks.cancel, GO.marks.canceledPrint, GO.marks.close], [RUST.marks.cancel, RUST.marks.canceledEmit]]);
  await demo(page).getByRole("button", { name: "Next event" }).click();
  assert.match(await shadow(page, ".code-now"), /cancel in-flight drops it/);
  assert.deepEqual(await lit(), [[GO.marks.sleep], [RUST.marks.abort, RUST.marks.inFlight]]);
  // The lit line is scrolled into its pane.
  const inView = await page.evaluate(() => {
    const pre = document.querySelector("dispatcher-demo").shadowRoot.querySelector(".rust .code");
    const line = pre.querySelector(".lit");
    return line.offsetTop >= pre.scrollTop && line.offsetTop + line.offsetHeight <= pre.scrollTop + pre.clientHeight;
  });
  assert.ok(inView, "the lit Rust line is out of its pane's view");
  // Served from the repository, the panel links the two sources it shows, and they are there.
  const links = await demo(page).locator(".code-box .code-about a:is(.go-source, .rust-source)").evaluateAll((as) => as.map((a) => a.href));
  assert.deepEqual(links.map((href) => new URL(href).pathname), ["/tests/go/article.go", "/crates/bounded-dispatcher/src/run_loop.rs"]);
  for (const href of links) assert.equal((await page.request.get(href)).status(), 200, href);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("with cancel in-flight off, the panel shows Go's workers sleeping on", async () => {
  const page = await open(`${ARTICLE}&cancel-in-flight=false`);
  const { report } = await nthReport(page);
  assert.equal(report.jobs.filter((job) => job.state === "aborted").length, 0);
  await demo(page).getByRole("slider", { name: "Moment of the run" }).press("End");
  const { code } = await stepUntil(page, "Previous event", (_, text) => text.includes("sleeps to its end"));
  assert.match(code, /as Go's workers do: time.Sleep does not look at ctx/);
  assert.deepEqual((await demo(page).evaluate((element) => element.litLines))[0], [GO.marks.sleep]);
  await page.close();
});

test("the scrubber shows the state at any moment, steps by event, and its moment goes into the URL", async () => {
  const page = await open(ARTICLE);
  const { report } = await nthReport(page);
  const slider = demo(page).getByRole("slider", { name: "Moment of the run" });
  await slider.press("Home");
  assert.match(await shadow(page, ".moment-text"), /^0\.0 ms · event 0 of \d+$/);
  assert.equal(await shadow(page, ".done .meter-value"), "0 / 100");
  const previous = demo(page).getByRole("button", { name: "Previous event" });
  assert.equal(await previous.isDisabled(), true);
  await slider.press("ArrowRight");
  await slider.press("ArrowRight");
  assert.match(await shadow(page, ".moment-text"), /event 2 of/);
  assert.equal(await shadow(page, ".running .meter-value"), "1 / 10");
  assert.equal(await shadow(page, ".queue .meter-value"), "99 / 100");
  // Previous from event 1 disables itself: the focus goes to the slider, not to <body>.
  await previous.click();
  await previous.click();
  // Drawn in the next animation frame, which on a loaded machine comes after the click has returned.
  await previous.and(page.locator(":disabled")).waitFor({ timeout: 5_000 }).catch(() => {});
  assert.equal(await previous.isDisabled(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className), "moment");
  // The failure: the grid, the meters, the log and the timeline's moment show it.
  await stepUntil(page, "Next event", (_, code) => code.includes("fails as it starts"));
  const moment = await shadow(page, ".moment-text");
  const atMs = Number(moment.split(" ")[0]);
  assert.ok(Math.abs(atMs - report.jobs[78].startMs) < 0.2, `${moment}`);
  assert.equal((await shadow(page, ".log")).trim().split("\n").at(-1), "Working on the job #78. Wait for 996 ms.");
  assert.equal(await shadow(page, ".running .meter-value"), `${report.jobs.filter((job) => job.state === "aborted").length} / 10`);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("at"), atMs.toFixed(1));
  assert.equal(url.searchParams.get("speed"), "1");
  assert.match(url.searchParams.get("event"), /^\d+$/);
  // That link opens on that moment, once its run has settled.
  const linked = await open(`${url.pathname.slice(1)}${url.search}`);
  await nthReport(linked);
  await linked.waitForFunction(() => /event \d+ of \d+$/.test(document.querySelector("dispatcher-demo").shadowRoot.querySelector(".moment-text").textContent));
  const linkedMoment = await shadow(linked, ".moment-text");
  assert.ok(Math.abs(Number(linkedMoment.split(" ")[0]) - atMs) < 60, `${linkedMoment} for ${atMs}`);
  assert.equal(await shadow(linked, ".summary .status"), "running");
  // End goes back to the settled run, and the moment leaves the URL.
  await slider.press("End");
  assert.equal(new URL(page.url()).searchParams.has("at"), false);
  assert.equal(await shadow(page, ".done .meter-value"), "100 / 100");
  assert.deepEqual([...page.errors, ...linked.errors], []);
  await linked.close();
  await page.close();
});

test("during a run, the scrubber holds a moment while the run goes on, and End comes back to it", async () => {
  const page = await open("index.html?preset=article&speed=0.5&autorun");
  await demo(page).locator(".summary").getByText("running", { exact: true }).waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => /event \d{2,} of/.test(document.querySelector("dispatcher-demo").shadowRoot.querySelector(".moment-text").textContent));
  const slider = demo(page).getByRole("slider", { name: "Moment of the run" });
  await slider.press("Home");
  await slider.press("ArrowRight");
  assert.match(await shadow(page, ".moment-text"), /^0\.0 ms · event 1 of \d+$/);
  const [, before] = (await shadow(page, ".moment-text")).match(/of (\d+)/);
  await page.waitForTimeout(1000);
  // Held at event 1 while more events come in.
  const held = await shadow(page, ".moment-text");
  assert.match(held, /^0\.0 ms · event 1 of \d+$/);
  assert.ok(Number(held.match(/of (\d+)/)[1]) > Number(before), `${before} then ${held}`);
  assert.equal(await shadow(page, ".done .meter-value"), "0 / 100");
  await slider.press("End");
  const { report } = await nthReport(page);
  await demo(page).locator(".summary").getByText("failed", { exact: true }).waitFor();
  assert.equal(report.error.jobId, 78);
  assert.equal(await shadow(page, ".done .meter-value"), "100 / 100");
  await page.close();
});

test("the narration tells the failure from the run's own figures, and the glossary is open at the end of the first run", async () => {
  const page = await open(ARTICLE);
  const { report } = await nthReport(page);
  const jobs = report.jobs;
  const aborted = jobs.filter((job) => job.state === "aborted");
  const failedAt = jobs[78].startMs;
  const wouldEnd = Math.max(report.elapsedMs, ...aborted.map((job) => job.startMs + job.waitMs));
  const expected = `Job #78 failed at ${Math.round(failedAt)} ms (its wait, 996 ms, is over the threshold) → the queue closed: 21 waiting jobs canceled → ` +
    `${aborted.length} running job${aborted.length === 1 ? "" : "s"} aborted, their timers cleared → the run settled ${Math.round(report.elapsedMs) - Math.round(failedAt)} ms later. ` +
    `The article's Go program would have waited ${Math.round(wouldEnd) - Math.round(report.elapsedMs)} ms more, for those jobs' time.Sleep to end; ` +
    "a Go job that selects on ctx.Done() stops at the cancel, as these did.";
  await demo(page).locator(".narration").getByText(expected, { exact: true }).waitFor();
  // Before the failure, the story waits.
  await demo(page).getByRole("slider", { name: "Moment of the run" }).press("Home");
  await demo(page).locator(".narration").getByText("nothing has gone wrong yet").waitFor();
  assert.equal(await demo(page).locator(".glossary").evaluate((details) => details.open), true);
  for (const term of ["Dispatcher", "Worker", "errgroup", "Queue length", "Cancellation took"]) {
    await demo(page).locator(".glossary dt").getByText(term, { exact: true }).waitFor();
  }
  for (const state of ["succeeded", "failed", "canceled", "aborted"]) {
    assert.equal(await demo(page).locator(".glossary dt").filter({ hasText: state }).count(), 1);
  }
  assert.equal(await demo(page).getByRole("link", { name: "golang.org/x/sync/errgroup" }).getAttribute("href"), "https://pkg.go.dev/golang.org/x/sync/errgroup");
  await page.close();
});

test("a reader scrolled to the folded glossary at the first run's end sees it stay folded: opening it would push down what is under it", async () => {
  const page = await open(ARTICLE, { viewport: { width: 1280, height: 720 } });
  const glossary = demo(page).locator(".glossary");
  await glossary.evaluate((details) => details.scrollIntoView({ block: "center" }));
  const { report } = await nthReport(page);
  assert.equal(report.status, "failed");
  // The settled run's words are written in the call that opens the glossary, or not.
  await demo(page).locator(".narration").getByText(/the run settled \d+ ms later/).waitFor();
  assert.equal(await glossary.evaluate((details) => details.open), false);
  await glossary.locator("summary").click();
  await glossary.locator("dt").getByText("Dispatcher", { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("compare mode shows three ways on one axis, Rust, Go with select and the article's Go, and follows the step on every lane", async () => {
  const page = await open(ARTICLE);
  await nthReport(page);
  await demo(page).getByRole("button", { name: "Compare with Go's way" }).click();
  const { report } = await nthReport(page, 2);
  assert.equal(report.error.jobId, 78);
  assert.ok(report.jobs.some((job) => job.state === "aborted"));
  const text = demo(page).locator(".compare-text");
  await text.getByText("The article's Go took").waitFor({ timeout: 20_000 });
  // The article's figures (the lanes' runs are the library's on the virtual
  // clock; tests/go holds the select lane and the article's lane to the Go programs).
  assert.equal(await text.textContent(), "Rust settled at 3144 ms; Go with select settled at 3144 ms; Go (article) settled at 3526 ms. " +
    "The article's Go took 382 ms more: its jobs' time.Sleep does not look at ctx.");
  for (const lane of [".ours-title", "canvas.select-timeline", "canvas.go-timeline"]) assert.equal(await demo(page).locator(lane).isVisible(), true, lane);
  // One axis: the three timelines are as wide.
  const widths = await demo(page).locator("canvas.timeline, canvas.select-timeline, canvas.go-timeline").evaluateAll((all) => all.map((c) => c.clientWidth));
  assert.deepEqual(new Set(widths).size, 1);
  // The slider covers the longest lane, and at its start every lane is at its start.
  const slider = demo(page).getByRole("slider", { name: "Moment of the run" });
  assert.equal(await slider.getAttribute("max"), "3526");
  await slider.press("Home");
  await demo(page).getByRole("button", { name: "Next event" }).click();
  assert.match(await shadow(page, ".compare-text"), /^At 0 ms: Rust has \d+ running, \d+ queued; Go with select has \d+ running, \d+ queued; Go \(article\) has \d+ running, \d+ queued\.$/);
  // Past our end, the article's Go still has jobs sleeping.
  await slider.press("End");
  for (let i = 0; i < 5; i++) await demo(page).getByRole("button", { name: "Previous event" }).click();
  assert.match(await shadow(page, ".compare-text"), /^At \d+ ms: Rust settled at 3144 ms; Go with select settled at 3144 ms; Go \(article\) has [1-9] running, 0 queued\.$/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("compare mode follows the lane chosen: the code panel shows and marks its Go program, and the grid shows its jobs, titled", async () => {
  const page = await open(ARTICLE);
  await nthReport(page);
  await demo(page).getByRole("button", { name: "Compare with Go's way" }).click();
  const { report } = await nthReport(page, 2);
  await demo(page).locator(".compare-text").getByText("The article's Go took").waitFor({ timeout: 20_000 });
  const lit = () => demo(page).evaluate((element) => element.litLines);
  const goPane = demo(page).locator(".code-pane.go");
  const gridTitle = () => shadow(page, ".grid-title");
  // Rust is followed first: the article's Go, and the grid of Rust's jobs.
  assert.equal(await demo(page).getByRole("radio", { name: "Rust" }).isChecked(), true);
  assert.match(await gridTitle(), /lane followed, Rust\./);
  // At the end the select lane's last event is a running job stopping itself: its own case <-ctx.Done().
  await demo(page).getByRole("radio", { name: "Go with a select on ctx.Done() in each job" }).check();
  assert.match(await gridTitle(), /lane followed, Go with select\./);
  assert.match(await shadow(page, ".code-now"), /^Job #\d+ was waiting in its select when ctx was canceled: .* by its own check\.$/);
  assert.deepEqual(await lit(), [[GO_SELECT.marks.stop, GO_SELECT.marks.stoppedPrint, GO_SELECT.marks.stopReturn], []]);
  assert.match(await goPane.textContent(), /case <-time\.After\(time\.Duration\(j\.Wait\) \* time\.Millisecond\):/);
  assert.match(await goPane.locator("figcaption").textContent(), /tests\/go\/select\.go/);
  // The article's Go: its last event is a job that slept on past the cancel.
  await demo(page).getByRole("radio", { name: "Go (article)" }).check();
  assert.match(await gridTitle(), /lane followed, Go \(article\)\./);
  assert.match(await shadow(page, ".code-now"), /time\.Sleep does not look at ctx, so it sleeps to its end\.$/);
  assert.deepEqual(await lit(), [[GO.marks.sleep], []]);
  assert.doesNotMatch(await goPane.textContent(), /time\.After/);
  // The grid shows the lane's jobs: one that Rust aborted ran on to its end in the article's Go, as keyboard names it.
  const aborted = report.jobs.findIndex((job) => job.state === "aborted");
  const named = async (job) => {
    const grid = demo(page).locator("canvas.grid");
    await grid.focus();
    await grid.press("Home");
    await grid.press("ArrowDown");
    const columns = Number((await shadow(page, ".job-readout")).match(/^Job #(\d+)/)[1]);
    await grid.press("Home");
    for (let i = 0; i < Math.floor(job / columns); i++) await grid.press("ArrowDown");
    for (let i = 0; i < job % columns; i++) await grid.press("ArrowRight");
    return shadow(page, ".job-readout");
  };
  assert.match(await named(aborted), new RegExp(`^Job #${aborted}: succeeded on W\\d`));
  await demo(page).getByRole("radio", { name: "Rust" }).check();
  assert.match(await named(aborted), new RegExp(`^Job #${aborted}: aborted on W\\d`));
  // In the lane of Go's select, the same job stopped itself: not "aborted", which is ours (dropped).
  await demo(page).getByRole("radio", { name: "Go with a select on ctx.Done() in each job" }).check();
  assert.match(await named(aborted), new RegExp(`^Job #${aborted}: stopped by its own check of ctx\\.Done\\(\\) on W\\d`));
  // Stepping back to the failure, the followed lane's moment: the article's Go there has running jobs.
  await demo(page).getByRole("radio", { name: "Go (article)" }).check();
  await demo(page).getByRole("button", { name: "Jump to the failure" }).click();
  assert.match(await named(aborted), new RegExp(`^Job #${aborted}: running on W\\d`));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the page spells canceled one way, and its title says what the page is", async () => {
  const page = await open("index.html?preset=article&speed=1&autorun");
  await nthReport(page);
  await demo(page).locator(".glossary").evaluate((details) => (details.open = true));
  // The page's own words; the code panes quote the sources as they are.
  const text = await page.evaluate(() => {
    const root = document.querySelector("dispatcher-demo").shadowRoot;
    const words = [...root.querySelectorAll("*")].filter((node) => !node.closest(".code, style, link")).flatMap((node) => [...node.childNodes].filter((child) => child.nodeType === 3).map((child) => child.textContent));
    return `${document.body.innerText} ${words.join(" ")} ${document.title}`;
  });
  assert.doesNotMatch(text, /cancelled/i);
  assert.match(text, /canceled/);
  assert.notEqual(await page.title(), "dispatcher-demo");
  assert.notEqual(await page.locator("h1").textContent(), "dispatcher-demo");
  await page.close();
});
