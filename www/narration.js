// The moment of failure in words, from the run's own figures, and the
// glossary: the four states, and errgroup, dispatcher and worker.
import { CANCELED, ABORTED, SUCCEEDED, FAILED } from "./run-state.js";

/** The narration's box and the glossary, which template.js puts after the stage. */
export const NARRATION = `
  <div class="explain">
    <p class="narration" aria-live="polite">When the run settles, what happened at its failure is told here.</p>
    <button type="button" class="compare" title="Runs the same waits twice at once: with cancel in-flight, and as Go's errgroup does">Compare with Go's way</button>
  </div>
  <details class="glossary">
    <summary>What the words mean</summary>
    <dl>
      <dt>Dispatcher</dt><dd>The producer: it feeds the jobs into the queue, in order, and closes it when the run is canceled (Go's <code>jobs &lt;- &amp;Job{…}</code> and <code>close(jobs)</code>).</dd>
      <dt>Worker</dt><dd>One of a fixed number of loops that take a job from the queue and run it, then the next: at most that many jobs run at once. The timeline has a lane per worker.</dd>
      <dt>Queue length</dt><dd>How many jobs wait for a worker. The dispatcher keeps it full; 0 is Go's unbuffered channel, where each job goes straight to a worker. It changes what is queued, not what runs: the workers stay busy either way.</dd>
      <dt>errgroup</dt><dd>Go's <a href="https://pkg.go.dev/golang.org/x/sync/errgroup" target="_blank" rel="noopener">golang.org/x/sync/errgroup</a>: goroutines that share a context, canceled when the first returns an error; <code>Wait</code> returns that error once every goroutine has returned.</dd>
      <dt>Fail fast</dt><dd>The first failure cancels the run. Off, every job runs and every error is kept, as a zero <code>errgroup.Group</code> would run them. Choose it when one error makes the rest worthless.</dd>
      <dt>Cancel in-flight</dt><dd>Cancelling also drops the running jobs, and clears their timers. Off, they run to their end, as Go's do: <code>time.Sleep</code> does not look at the context. Choose it when running jobs can be dropped safely.</dd>
      <dt><span class="swatch succeeded" aria-hidden="true">✓</span> succeeded</dt><dd>The job waited its time and returned.</dd>
      <dt><span class="swatch failed" aria-hidden="true">✕</span> failed</dt><dd>Its wait was over the threshold: it returned an error as it started.</dd>
      <dt><span class="swatch canceled" aria-hidden="true">○</span> canceled</dt><dd>It had not started when the run was canceled, and never will.</dd>
      <dt><span class="swatch aborted" aria-hidden="true">✂</span> aborted</dt><dd>It was running when the run was canceled, and was dropped (cancel in-flight).</dd>
      <dt>Cancellation took</dt><dd>From the failure (or Stop) to the end of the run: how long the running jobs held it up. Near 0 ms with cancel in-flight.</dd>
    </dl>
  </details>
`;

const ms = (value) => `${Math.round(value)} ms`;
const jobs = (count, what) => `${count} ${what} job${count === 1 ? "" : "s"}`;

/**
 * The story of a settled run (a RunState with its report), from its figures:
 * the failure, what the cancel did, and what Go's errgroup would have done.
 */
export function narrate(run, { cancelInFlight = true, failFast = true } = {}) {
  const report = run.report;
  if (!report) return null;
  const { starts, waits } = report.columns;
  const counts = run.counts;
  const settled = report.elapsedMs;
  // Where the jobs running at the cancel would have ended, had they run on.
  let wouldEnd = settled;
  for (let job = 0; job < run.jobs; job++) if (run.state[job] === ABORTED) wouldEnd = Math.max(wouldEnd, starts[job] + waits[job]);
  if (report.status === "completed") {
    return failFast || !counts[FAILED]
      ? `Every job succeeded (${counts[SUCCEEDED]} of them) in ${ms(settled)}: no failure, so nothing was canceled.`
      : `${jobs(counts[FAILED], "failed")}, and fail fast is off: every job ran, every error was kept, and the run took ${ms(settled)}.`;
  }
  const from = report.status === "failed" ? starts[report.error.jobId] : run.cancelAtMs ?? settled;
  const opening = report.status === "failed"
    ? `Job #${report.error.jobId} failed at ${ms(from)} (its wait, ${report.error.waitMs} ms, is over the threshold)`
    : `Stop was pressed at ${ms(from)}`;
  const steps = [opening, `the queue closed: ${jobs(counts[CANCELED], "waiting")} canceled`];
  if (counts[ABORTED]) {
    steps.push(`${jobs(counts[ABORTED], "running")} aborted, their timers cleared`, `the run settled ${ms(settled - from)} later.`);
    return `${steps.join(" → ")} Go's errgroup would have waited ${ms(wouldEnd - settled)} more, for those jobs to finish.`;
  }
  const running = cancelInFlight ? "no job was running" : "the running jobs ran on, as Go's do";
  steps.push(`${running}: the run settled ${ms(settled - from)} later.`);
  return steps.join(" → ");
}
