// Printing: a page may be printed while an element runs (mdBook's print.html
// opens the print dialog 100 ms after it loads). A printout shows a still
// frame, never a half-finished run: the element is told when printing starts
// and ends, and host.css hides its buttons for print.

/**
 * Calls `printing(true)` as the page is laid out for print (beforeprint, or
 * the print media query coming to match, as when a tool emulates it), and
 * `printing(false)` after (afterprint, or the query no longer matching).
 * A print may send both signals, or only one: headless Chromium's print()
 * sends beforeprint and never afterprint. So each signal is passed on, and
 * `printing` ignores one that changes nothing. Until `signal` aborts.
 */
export function followPrint(printing, { signal }) {
  const query = matchMedia("print");
  query.addEventListener("change", () => printing(query.matches), { signal });
  addEventListener("beforeprint", () => printing(true), { signal });
  addEventListener("afterprint", () => printing(false), { signal });
}

/**
 * What an element does as printing begins and ends (for followPrint): while
 * a run is `going()`, the stage shows a still frame, `still()` (the run the
 * settings make), with the custom state `printing-still`; after printing,
 * what it showed before (the run, settled by then or not). A second call
 * that changes nothing (the media query after beforeprint) does nothing.
 */
export function stillWhilePrinting({ stage, states, going, still }) {
  let before = null, beforeGrid = null;
  return (printing) => {
    if (printing && !before && going()) {
      [before, beforeGrid] = [stage.shown, stage.gridShown];
      states.add("printing-still");
      stage.show(still());
    } else if (!printing && before) {
      states.delete("printing-still");
      stage.show(before, beforeGrid);
      before = null;
    } else return;
    // Printing lays the page out now: no animation frame comes first.
    stage.drawNow();
  };
}
