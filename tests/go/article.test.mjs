// The original Go program (tests/go/article.go), run: with Go 1.19's
// math/rand and its default seed it must print the article's run
// (www/article-run.json); with an unbuffered channel it must start and
// cancel the same jobs, as ours does with queueLength 0; and with one worker
// and an unbuffered channel its dispatcher deadlocks at the failure, where
// ours ends the run (the library's unbuffered tests). make test-go.
//
// The variants are the same source with a constant changed: the page shows
// article.go as it is. Go's cooperative cancel is a program of its own,
// tests/go/select.go (tests/generated.rs makes it from article.go): each job
// selects on ctx.Done() instead of sleeping, as compare mode's middle lane
// shows it (and the code panel, when that lane is followed), and its run is
// checked against that lane.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const article = JSON.parse(readFileSync(join(root, "www/article-run.json"), "utf8"));
const { expected } = article;
const build = join(root, "target/go");
mkdirSync(build, { recursive: true });
const env = { ...process.env, GO111MODULE: "off", GOPATH: "/usr/share/gocode", GOCACHE: join(build, "cache") };

/** Builds the program at `path` with `changes` ([from, to] replacements) and runs it. */
function run(name, changes = [], path = "tests/go/article.go") {
  let variant = readFileSync(join(root, path), "utf8");
  for (const [from, to] of changes) {
    assert.ok(variant.includes(from), `${path} has ${from}`);
    variant = variant.replace(from, to);
  }
  const file = join(build, `${name}.go`);
  writeFileSync(file, variant);
  execFileSync("go", ["build", "-o", join(build, name), file], { env });
  const started = performance.now();
  const result = spawnSync(join(build, name), { encoding: "utf8", timeout: 60_000 });
  const lines = result.stdout.trim().split("\n");
  const ids = (prefix) => lines.filter((line) => line.startsWith(prefix)).map((line) => Number(line.match(/#(\d+)/)[1]));
  return { lines, status: result.status, stderr: result.stderr, ms: performance.now() - started, started: ids("Working on"), canceled: ids("Canceled") };
}

test("the Go program prints the article's run", () => {
  const go = run("article");
  assert.equal(go.status, 0, go.stderr);
  // Each job it starts waits what the article's run says: Go 1.19's math/rand
  // with its default seed. (Which worker prints first is the scheduler's
  // choice: the article's run began with job #0, a loaded machine may not.)
  const waits = go.lines.filter((line) => line.startsWith("Working on")).map((line) => line.match(/#(\d+)\. Wait for (\d+) ms/).slice(1).map(Number));
  assert.equal(waits.length, expected.started.length);
  for (const [job, wait] of waits) assert.equal(wait, article.waits[job], `job #${job}`);
  assert.deepEqual([...go.started].sort((a, b) => a - b), expected.started);
  assert.deepEqual([...go.canceled].sort((a, b) => a - b), expected.canceled);
  assert.equal(go.lines.at(-1), expected.error.message);
  // Wait returns when the sleeping jobs have finished, 382 ms after the failure on the virtual schedule.
  assert.ok(go.ms >= expected.elapsedMsWhenRunningJobsFinish, `${go.ms} ms`);
});

test("with a select on ctx.Done() in each job, Go stops the running jobs at the failure: the page's middle lane", () => {
  const select = run("select", [], "tests/go/select.go");
  const sleep = run("article");
  assert.equal(select.status, 0, select.stderr);
  // The page's lane of Go's select is the library's run with cancel in-flight: what it aborts, Go's jobs stop themselves.
  const lane = article.schedule.runs.find((run) => run.failFast && run.cancelInFlight);
  const aborted = lane.events.filter(([, type]) => type === 5).map(([, , jobId]) => jobId);
  const stopped = select.lines.filter((line) => line.startsWith("Stopped")).map((line) => Number(line.match(/#(\d+)/)[1]));
  assert.deepEqual([...select.started].sort((a, b) => a - b), expected.started);
  assert.deepEqual(stopped.sort((a, b) => a - b), aborted);
  // Each worker returns with its job's error, so none is left to take the queued jobs: they never start, as the lane's canceled ones.
  assert.deepEqual(select.canceled, []);
  assert.equal(select.lines.at(-1), expected.error.message);
  // Wait returns at the failure, not when the sleeps would have ended: before the article's program, run just now.
  assert.ok(select.ms < sleep.ms, `select ${select.ms} ms, time.Sleep ${sleep.ms} ms`);
});

test("unbuffered, the Go program starts and cancels the same jobs", () => {
  const go = run("unbuffered", [["make(chan *Job, 100)", "make(chan *Job)"]]);
  assert.equal(go.status, 0, go.stderr);
  assert.deepEqual([...go.started].sort((a, b) => a - b), expected.started);
  assert.deepEqual([...go.canceled].sort((a, b) => a - b), expected.canceled);
  assert.equal(go.lines.at(-1), expected.error.message);
});

test("with one worker and an unbuffered channel, the Go program deadlocks at the failure", () => {
  // Microseconds for milliseconds: one worker takes job after job, 78 of them before #78 fails.
  const go = run("one-worker", [["w < 10", "w < 1"], ["make(chan *Job, 100)", "make(chan *Job)"], ["time.Millisecond", "time.Microsecond"]]);
  assert.notEqual(go.status, 0);
  assert.match(go.stderr, /all goroutines are asleep - deadlock!/);
  assert.equal(go.started.at(-1), expected.error.jobId);
});
