// Compare mode's markup: Go's two ways on timelines under ours, on the same
// axis (teach.js draws them): a job that selects on ctx.Done() (it stops
// itself at the cancel) and the article's time.Sleep (it sleeps on); and how
// each lane stands at the moment on show.

export const COMPARE = `
    <div class="compare-box" hidden>
      <p class="lane-title">Go with a select on ctx.Done() in each job: each running job checks its context, and stops (tests/go runs it)</p>
      <canvas class="select-timeline" role="img" aria-label="Go with select on ctx.Done(): the workers' timeline"></canvas>
      <p class="lane-title">Go (article): time.Sleep does not look at ctx, so the running jobs sleep on</p>
      <canvas class="go-timeline" role="img" aria-label="Go's way: the workers' timeline"></canvas>
      <p class="compare-text" aria-live="polite"></p>
    </div>
`;
