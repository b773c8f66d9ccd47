// The element in someone's documentation: which of its parts show (the
// `parts` attribute), their `::part` names, which start folded, and the
// names that tell one element's landmarks from another's on the same page.
//
//   <dispatcher-demo parts="actions timeline summary" …>
//   dispatcher-demo::part(timeline) { height: 180px }

/** Each part a `parts` attribute may name, and the element of the shadow root it is. */
export const PARTS = {
  settings: ".settings-box",
  actions: ".actions",
  meters: ".meters",
  timeline: ".timeline",
  scrubber: ".scrubber",
  legend: ".legend",
  grid: ".grid",
  narration: ".explain",
  glossary: ".glossary",
  code: ".code-box",
  summary: ".summary",
  log: ".log-box",
};

/** Named for `::part` only: they hold parts, or come and go by themselves. */
const CONTAINERS = { controls: ".controls", stage: ".stage", message: ".message", run: ".run" };

/**
 * The parts an embedded element shows without a `parts` attribute: all but
 * the scrubber and the glossary, with the settings, the code and the log
 * folded until the reader opens them. It fits in one screen (at most 900 px
 * tall at 1280 px wide: tests/embed/compact.test.mjs). With `sync-url`, the
 * element is the page (index.html), and shows everything, open.
 */
export const EMBEDDED = ["settings", "actions", "meters", "timeline", "legend", "grid", "narration", "code", "summary", "log"];

/** The parts that are <details>, folded when embedded. */
const FOLDED = ["settings", "code", "log"];

/** Gives each part its `part` name; once, on construction. */
export function nameParts(root) {
  for (const [name, selector] of Object.entries({ ...PARTS, ...CONTAINERS })) root.querySelector(selector)?.part.add(name);
}

/** The parts `host` shows: its `parts` attribute's words that name a part, or the default. */
export function shownParts(host) {
  const given = host.getAttribute("parts");
  if (given === null || given.trim() === "") return host.hasAttribute("sync-url") ? Object.keys(PARTS) : EMBEDDED;
  const words = given.trim().split(/\s+/);
  return words.includes("all") ? Object.keys(PARTS) : words.filter((word) => Object.hasOwn(PARTS, word));
}

/** Shows the parts `host` asks for and hides the rest (and the form or stage with nothing left in it). */
export function showParts(host) {
  const root = host.shadowRoot;
  const shown = new Set(shownParts(host));
  for (const [name, selector] of Object.entries(PARTS)) root.querySelector(selector).hidden = !shown.has(name);
  root.querySelector(".controls").hidden = !shown.has("settings") && !shown.has("actions");
  root.querySelector(".stage").hidden = !["meters", "timeline", "scrubber", "legend", "grid", "narration"].some((name) => shown.has(name));
}

/** Folds the settings, the code and the log of an element embedded in documentation; on connection. */
export function foldParts(host) {
  if (host.hasAttribute("sync-url")) return;
  for (const name of FOLDED) host.shadowRoot.querySelector(PARTS[name]).open = false;
}

/**
 * Names the run's region of every element in `host`'s document (or shadow
 * root) apart: after the element's own `aria-label` ("Three workers: the
 * run"), else by its place where there are several ("The run (2)"). Called
 * as an element comes and goes.
 */
export function nameRuns(host) {
  const demos = [...host.getRootNode().querySelectorAll(host.localName)].filter((demo) => demo.shadowRoot);
  demos.forEach((demo, index) => {
    const label = demo.getAttribute("aria-label")?.trim();
    const name = label ? `${label}: the run` : demos.length > 1 ? `The run (${index + 1})` : "The run";
    demo.shadowRoot.querySelector(".stage")?.setAttribute("aria-label", name);
  });
}
