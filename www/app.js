// The first page: runs the defaults when Run is pressed, and shows the
// original program's log and a summary. Rust runs the jobs; this owns the DOM.
import init, { run } from "../pkg/dispatcher_demo.js";

const runButton = document.getElementById("run");
const statusLine = document.getElementById("status");
const summary = document.getElementById("summary");
const log = document.getElementById("log");

const STATES = ["succeeded", "failed", "canceled", "aborted"];

function show(report) {
  const counts = Object.fromEntries(STATES.map((state) => [state, 0]));
  for (const job of report.jobs) counts[job.state]++;
  const rows = [
    ["Status", report.status, { "data-status": report.status }],
    ["First error", report.error ? report.error.message : "none", report.error ? { class: "error" } : {}],
    ["Elapsed", `${report.elapsedMs.toFixed(1)} ms`],
    ["Jobs", STATES.map((state) => `${counts[state]} ${state}`).join(" · ")],
    ["Seed", report.seed ?? "given waits"],
  ];
  summary.replaceChildren(...rows.flatMap(([term, value, attributes = {}]) => {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value;
    for (const [name, attribute] of Object.entries(attributes)) dd.setAttribute(name, attribute);
    return [dt, dd];
  }));
  log.textContent = report.log.join("\n");
}

runButton.addEventListener("click", async () => {
  runButton.disabled = true;
  statusLine.textContent = "Running…";
  try {
    const report = await run();
    show(report);
    statusLine.textContent = `Done: ${report.status}.`;
  } catch (error) {
    statusLine.textContent = `Error: ${error.message}`;
  } finally {
    runButton.disabled = false;
  }
});

try {
  await init();
  runButton.disabled = false;
  statusLine.textContent = "Ready.";
} catch (error) {
  statusLine.textContent = `Could not load the WebAssembly module: ${error.message}`;
}
