// A run in words, at any moment of it, from its own events.
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
 * What the page says of a run at a moment, from the events it has had by
 * then and nothing else: `state` is a RunState (the run going, the moment the
 * scrubber shows, or the settled run), `nowMs` its time, `options` the run's
 * (`failFast`, `cancelInFlight`), and `next`, while stepping through a
 * settled run, that run, which says what comes later. Every figure is
 * counted from `state`; differences are taken between rounded moments, so
 * that the figures the page gives add up to the ms.
 */
export function narrate(state, { failFast = true, cancelInFlight = true } = {}, { nowMs = state.lastMs, next = null } = {}) {
  const counts = state.counts;
  const report = state.report;
  const failure = state.failure;
  const stopped = !failure && state.cancelAtMs !== null || (failure && !failFast && state.cancelAtMs !== null);
  if (!failure && state.cancelAtMs === null) {
    if (report) return report.status === "completed"
      ? `Every job succeeded (${counts[SUCCEEDED]} of them) in ${ms(report.elapsedMs)}: no failure, so nothing was canceled.`
      : `The run ${report.status} at ${ms(report.elapsedMs)}, with nothing left to cancel.`;
    const now = `At ${ms(nowMs)} nothing has gone wrong yet: ${jobs(state.running, "running")}, ${state.queued} queued, ${state.ended} ended.`;
    const coming = next?.failure ? `Job #${next.failure.job} fails at ${ms(next.failure.atMs)}` : next?.cancelAtMs != null ? `Stop is pressed at ${ms(next.cancelAtMs)}` : null;
    return coming ? `${now} ${coming}: step on to see what it does.` : now;
  }
  const steps = [];
  if (failure) {
    steps.push(`Job #${failure.job} failed at ${ms(failure.atMs)} (its wait, ${state.wait[failure.job]} ms, is over the threshold)`);
    if (!failFast) {
      const kept = `fail fast is off, so nothing was canceled: the queue stayed open, the other jobs went on, and each error is kept`;
      if (!stopped) {
        const end = report ? `: ${jobs(counts[FAILED], "failed")}, ${counts[SUCCEEDED]} succeeded, and the run took ${ms(report.elapsedMs)}.` : ".";
        return `${steps[0]}; ${kept}${end}`;
      }
      steps[0] += "; fail fast is off, so the failure canceled nothing, and its error is kept";
    }
  }
  // What canceled the run: the failure (fail fast), or Stop.
  const from = stopped ? state.cancelAtMs : failure.atMs;
  if (stopped) steps.push(`Stop was pressed at ${ms(from)}`);
  if (state.cancelAtMs === null && !report) return `${steps.join(" → ")}: with fail fast, it cancels the run, in the same millisecond. Step on to see how.`;
  steps.push(counts[CANCELED] ? `the queue closed: ${jobs(counts[CANCELED], "waiting")} canceled` : "the queue closed, with no job waiting");
  // Where the jobs aborted would have ended, had they run on as Go's time.Sleep does.
  let wouldEnd = from;
  for (let job = 0; job < state.jobs; job++) if (state.state[job] === ABORTED) wouldEnd = Math.max(wouldEnd, state.start[job] + state.wait[job]);
  // The jobs that were running at the cancel and have ended since, at their waits.
  let ranOn = 0;
  for (let job = 0; job < state.jobs; job++) if (state.state[job] === SUCCEEDED && state.start[job] < from && state.end[job] > from) ranOn++;
  if (counts[ABORTED]) steps.push(`${jobs(counts[ABORTED], "running")} aborted, their timers cleared${state.running ? `, ${state.running} to go` : ""}`);
  else if (state.running) steps.push(`${jobs(state.running, "running")} ${cancelInFlight ? "to abort" : "run on to the end of their waits, as the article's Go jobs do"}${ranOn ? ` (${ranOn} ended so far)` : ""}`);
  else if (ranOn) steps.push(`${jobs(ranOn, "running")} ran on to the end of their waits, as the article's Go jobs do`);
  else if (!report) steps.push("no job was running");
  if (!report) return `${steps.join(" → ")}.`;
  const settled = Math.round(report.elapsedMs);
  steps.push(`the run settled ${settled - Math.round(from)} ms later.`);
  const story = steps.join(" → ");
  if (!counts[ABORTED]) return story;
  return `${story} The article's Go program would have waited ${Math.round(wouldEnd) - settled} ms more, for those jobs' time.Sleep to end; ` +
    "a Go job that selects on ctx.Done() stops at the cancel, as these did.";
}
