// Printing: a page may be printed while an element runs (mdBook's print.html
// opens the print dialog 100 ms after it loads). A printout shows a still
// frame, never a half-finished run: the element is told when printing starts
// and ends, and host.css hides its buttons for print.

/**
 * Calls `printing(true)` as the page is laid out for print (beforeprint, or
 * the print media query coming to match, as when a tool emulates it), and
 * `printing(false)` after; each once per print. Until `signal` aborts.
 */
export function followPrint(printing, { signal }) {
  let now = false;
  const set = (value) => {
    if (value === now) return;
    now = value;
    printing(value);
  };
  const query = matchMedia("print");
  query.addEventListener("change", () => set(query.matches), { signal });
  addEventListener("beforeprint", () => set(true), { signal });
  addEventListener("afterprint", () => set(false), { signal });
}
