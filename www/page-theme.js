// The host page's theme, which the element follows when it has no `theme`
// attribute of its own: the classes documentation tools put on <html>.

/**
 * The classes documentation tools put on <html> for their themes: VitePress
 * sets `dark`; mdBook one of `light`, `rust` (light), `coal`, `navy`, `ayu`
 * (dark). Where there is none, the element takes the page's `color-scheme`.
 */
const DARK_CLASSES = ["dark", "coal", "navy", "ayu"];
const LIGHT_CLASSES = ["light", "rust"];

/** The page's theme, from the classes on <html>: "dark", "light", or null where it sets none. */
export function pageTheme() {
  const classes = document.documentElement.classList;
  if (DARK_CLASSES.some((name) => classes.contains(name))) return "dark";
  if (LIGHT_CLASSES.some((name) => classes.contains(name))) return "light";
  return null;
}

/**
 * Follows the page's theme (pageTheme) into the element's custom states,
 * :state(light) or :state(dark), which its stylesheet reads, and calls
 * `repaint()` for the canvases, until `signal` aborts.
 */
export function followPageTheme(internals, repaint, signal) {
  const follow = () => {
    const theme = pageTheme();
    for (const state of ["light", "dark"]) {
      if (state === theme) internals.states.add(state);
      else internals.states.delete(state);
    }
    repaint();
  };
  follow();
  const observer = new MutationObserver(follow);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  signal.addEventListener("abort", () => observer.disconnect(), { once: true });
}
