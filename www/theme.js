// The host page's theme, as it changes. Documentation tools say which of
// their themes is on in one of three ways, and the element reads all three:
//
//   1. an attribute: `data-theme` on <html> (Docusaurus, Starlight:
//      light, dark; rustdoc: light, dark, ayu) or on <body> (Sphinx's Furo:
//      light, dark, auto), `data-md-color-scheme` on <body> (MkDocs
//      Material: default, slate);
//   2. a class on <html>: VitePress's `dark`; mdBook's `light`, `rust`,
//      `coal`, `navy`, `ayu`;
//   3. else the `color-scheme` the page computes, which the element inherits
//      (a page that sets none is light).
//
// rustdoc sets no color-scheme in its dark themes, so the attribute has to be
// read. The element shows the theme as a custom state, :state(light) or
// :state(dark), which its stylesheet turns into its own color-scheme; then
// its text follows at once, and its canvases are drawn again in the same frame.

/** Each theme name a tool uses, and whether it is light or dark. */
const THEMES = new Map([
  ["light", "light"], ["rust", "light"], ["default", "light"],
  ["dark", "dark"], ["coal", "dark"], ["navy", "dark"], ["ayu", "dark"], ["slate", "dark"],
]);

/** The attributes that carry a theme, on <html> and on <body>, first found first taken. */
const ATTRIBUTES = [["html", "data-theme"], ["body", "data-theme"], ["body", "data-md-color-scheme"]];

/** The host page's theme: "light", "dark", or null where it names none (then its color-scheme rules). */
export function hostTheme(doc = document) {
  const { documentElement: html, body } = doc;
  for (const [where, name] of ATTRIBUTES) {
    const value = (where === "html" ? html : body)?.getAttribute(name);
    if (value === "auto") return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    if (THEMES.has(value)) return THEMES.get(value);
  }
  for (const name of html.classList) if (THEMES.has(name)) return THEMES.get(name);
  return null;
}

/**
 * Keeps `states` (an ElementInternals' CustomStateSet) on the host page's
 * theme, and calls `changed()` whenever the theme, or the color-scheme that
 * `host` computes, may have changed: when any attribute of <html> or <body>
 * changes (a class, a data-* attribute, a style), when <body> arrives, and
 * when the system's preference changes. Until `signal` aborts.
 */
export function followHostTheme(host, states, changed, { signal }) {
  let last = null;
  const follow = (connecting = false) => {
    const theme = hostTheme(host.ownerDocument);
    for (const state of ["light", "dark"]) {
      if (state === theme) states.add(state);
      else states.delete(state);
    }
    // On connection nothing is drawn yet, and reading a style would make the
    // browser work it out, once per element: thirty on a page, thirty times.
    if (connecting) return;
    const scheme = `${theme} ${getComputedStyle(host).colorScheme}`;
    if (scheme !== last) {
      last = scheme;
      changed();
    }
  };
  follow(true);
  const doc = host.ownerDocument;
  const observer = new MutationObserver(() => follow());
  observer.observe(doc.documentElement, { attributes: true });
  // <body> may come after the element's module has run (a script in <head>).
  if (doc.body) observer.observe(doc.body, { attributes: true });
  else doc.addEventListener("DOMContentLoaded", () => {
    observer.observe(doc.body, { attributes: true });
    follow();
  }, { signal, once: true });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => follow(), { signal });
  signal.addEventListener("abort", () => observer.disconnect(), { once: true });
}
