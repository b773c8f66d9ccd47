// Compare mode's markup: Go's way on a second timeline, under ours, on the
// same axis (teach.js draws it), and what the difference in settling was.

export const COMPARE = `
    <div class="compare-box" hidden>
      <p class="lane-title">Go's way: cancel in-flight off, the running jobs sleep on</p>
      <canvas class="go-timeline" role="img" aria-label="Go's way: the workers' timeline"></canvas>
      <p class="compare-text" aria-live="polite"></p>
    </div>
`;
