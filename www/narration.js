// The moment of failure in words, from the run's own figures.
import { CANCELED, ABORTED, SUCCEEDED, FAILED } from "./run-state.js";

/** The narration's box, with the compare button, which template.js puts after the stage. */
export const NARRATION = `
  <div class="explain">
    <p class="narration" aria-live="polite">When the run settles, what happened at its failure is told here.</p>
    <button type="button" class="compare" title="Runs the same waits twice at once: with cancel in-flight, and as Go's errgroup does">Compare with Go's way</button>
  </div>
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
