// The glossary's words (glossary.js holds its markup): a module of their own,
// in dist/ a file of its own, imported as the glossary is first opened
// (teaching.js).

/** The glossary's words, its list's content. */
export const GLOSSARY_WORDS = `
      <dt>Dispatcher</dt><dd>The producer: it feeds the jobs into the queue, in order, and closes it when the run is canceled (Go's <code>jobs &lt;- &amp;Job{…}</code> and <code>close(jobs)</code>).</dd>
      <dt>Worker</dt><dd>One of a fixed number of loops that take a job from the queue and run it, then the next: at most that many jobs run at once. The timeline has a lane per worker.</dd>
      <dt>Queue length</dt><dd>How many jobs wait for a worker. The dispatcher keeps it full; 0 is Go's unbuffered channel, where each job goes straight to a worker. It changes what is queued, not what runs: the workers stay busy either way.</dd>
      <dt>errgroup</dt><dd>Go's <a href="https://pkg.go.dev/golang.org/x/sync/errgroup" target="_blank" rel="noopener">golang.org/x/sync/errgroup</a>: goroutines that share a context, canceled when the first returns an error; <code>Wait</code> returns that error once every goroutine has returned.</dd>
      <dt>Fail fast</dt><dd>The first failure cancels the run. Off, every job runs and every error is kept, as a zero <code>errgroup.Group</code> would run them. Choose it when one error makes the rest worthless.</dd>
      <dt>Cancel in-flight</dt><dd>Cancelling also drops the running jobs, and clears their timers. Off, they run to their end, as the article's Go jobs do: <code>time.Sleep</code> does not look at the context. Choose it when running jobs can be dropped safely.</dd>
      <dt>Cooperative or dropped</dt><dd>The difference is not Go against Rust. Go stops a running job only if the job itself checks: a <code>select</code> on <code>ctx.Done()</code> beside its timer returns at the cancel (compare mode's middle lane; the article's program sleeps instead). Here the dispatcher drops the job's future, so the job needs no code for it, and cannot forget it; the price is that a job is stopped wherever it awaits, so its work must be safe to drop there.</dd>
      <dt><span class="swatch succeeded" aria-hidden="true">✓</span> succeeded</dt><dd>The job waited its time and returned.</dd>
      <dt><span class="swatch failed" aria-hidden="true">✕</span> failed</dt><dd>Its wait was over the threshold: it returned an error as it started.</dd>
      <dt><span class="swatch canceled" aria-hidden="true">○</span> canceled</dt><dd>It had not started when the run was canceled, and never will.</dd>
      <dt><span class="swatch aborted" aria-hidden="true">✂</span> aborted</dt><dd>It was running when the run was canceled, and was dropped (cancel in-flight).</dd>
      <dt>Cancellation took</dt><dd>From the failure (or Stop) to the end of the run: how long the running jobs held it up. Near 0 ms with cancel in-flight.</dd>
`;
