// Compare mode's markup: Go's two ways on timelines under ours, on the same
// axis (teach.js draws them): a job that selects on ctx.Done() (it stops
// itself at the cancel) and the article's time.Sleep (it sleeps on); and how
// each lane stands at the moment on show. Each lane's title has a radio
// button: the lane followed is the one whose code the code panel marks, and
// whose jobs the grid shows.

/** A lane's name, with the radio button that follows it (template.js's Rust lane has one too). */
export const follow = (lane, name, checked = "") =>
  `<label class="follow" title="Follow this lane: the grid shows its jobs, and the code panel its code"><input type="radio" name="follow" value="${lane}"${checked}> ${name}</label>`;

/** The lanes' names, by the value of their radio button. */
export const LANES = { rust: "Rust", select: "Go with select", go: "Go (article)" };

export const COMPARE = `
    <div class="compare-box" hidden>
      <p class="lane-title">${follow("select", "Go with a select on ctx.Done() in each job")}: each running job checks its context, and stops (tests/go runs it)</p>
      <canvas class="select-timeline" role="img" aria-label="Go with select on ctx.Done(): the workers' timeline"></canvas>
      <p class="lane-title">${follow("go", "Go (article)")}: time.Sleep does not look at ctx, so the running jobs sleep on</p>
      <canvas class="go-timeline" role="img" aria-label="Go's way: the workers' timeline"></canvas>
      <p class="compare-text" aria-live="polite"></p>
    </div>
`;
