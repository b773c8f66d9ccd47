// The markup of <dispatcher-demo>'s shadow root: the form, the stage (meters,
// timeline, legend and grid), the summary and the log. The parts fill it in.
// Its stylesheet is added by the element (assets.js says how); the settings'
// fields are made from the table (form.js); the teaching parts' markup is
// theirs (code-panel.js, scrubber.js, narration.js, glossary.js, compare.js),
// and so is their stylesheet (teach.css, which dispatcher-demo.css imports).
import { settingsFields } from "./form.js";
import { CODE_PANEL } from "./code-panel.js";
import { SCRUBBER } from "./scrubber.js";
import { NARRATION } from "./narration.js";
import { GLOSSARY } from "./glossary.js";
import { COMPARE } from "./compare.js";

export const template = document.createElement("template");
template.innerHTML = `
  <form class="controls" novalidate>
    <details class="settings-box" open>
    <summary>Settings</summary>
    <fieldset class="settings">
      <legend>Settings</legend>
      <label class="wide">Jobs to run
        <select name="preset">
          <option value="seed">Waits drawn from the seed</option>
          <option value="article">The article's run (100 given waits)</option>
          <option value="given" hidden>Given waits</option>
        </select>
      </label>
      ${settingsFields()}
    </fieldset>
    </details>
    <div class="actions">
      <button type="submit" class="run primary" disabled>Run</button>
      <button type="button" class="stop" disabled>Stop</button>
      <button type="button" class="pause" aria-pressed="false" disabled>Pause</button>
      <button type="button" class="copy-link" hidden>Copy link</button>
      <button type="button" class="run-live" hidden title="On real timers: the failure may come later (timers ring a little late, the more so in the run's time the higher the speed), and job #78 run on another worker">Live, on real timers</button>
      <span class="status" role="status">Loading…</span>
    </div>
  </form>
  <p class="message" role="alert" hidden></p>
  <section class="stage" aria-label="The run">
    <div class="meters">
      <div class="meter queue">
        <span class="meter-label">Queue</span>
        <span class="meter-bar"><span class="meter-fill"></span></span>
        <span class="meter-value">0 / 0</span>
      </div>
      <div class="meter running">
        <span class="meter-label">Running</span>
        <span class="meter-bar"><span class="meter-fill"></span></span>
        <span class="meter-value">0 / 0</span>
      </div>
      <div class="meter done">
        <span class="meter-label">Ended</span>
        <span class="meter-bar ended" role="img" aria-label="No job has ended"><span class="seg succeeded"></span><span class="seg failed"></span><span class="seg canceled"></span><span class="seg aborted"></span></span>
        <span class="meter-value">0 / 0</span>
      </div>
    </div>
    <div class="key">
      <ul class="legend" aria-label="States"></ul>
      <p class="job-readout" aria-live="polite">Point at or tap a bar or a square: its job shows here.</p>
    </div>
    <p class="lane-title ours-title">Rust: cancel in-flight drops the running jobs' futures, with no code in the job</p>
    <canvas class="timeline" role="img" aria-label="Workers' timeline"></canvas>
    ${COMPARE}
    ${SCRUBBER}
    ${NARRATION}
    <canvas class="grid" role="img" aria-label="Every job's state"></canvas>
  </section>
  ${GLOSSARY}
  ${CODE_PANEL}
  <dl class="summary" aria-label="Summary"></dl>
  <details class="log-box" open>
    <summary>Log</summary>
    <button type="button" class="copy-log" disabled>Copy log</button>
    <pre class="log" role="log" tabindex="0" aria-label="The original program's output"></pre>
  </details>
`;
