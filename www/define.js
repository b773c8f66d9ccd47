// The module documentation imports (dist/dispatcher-demo.js is built from
// it): in a browser, it defines <dispatcher-demo>; where there is no DOM, as
// when a documentation tool renders its pages in node (VitePress,
// Docusaurus, Astro), importing it does nothing and defines nothing, so no
// recipe needs a guard. The element's own module (dispatcher-demo.js) is
// evaluated only in the browser: it builds its template as it loads.
if (typeof HTMLElement === "function" && typeof customElements === "object") {
  import("./dispatcher-demo.js").catch((error) => console.error("<dispatcher-demo> could not be defined:", error));
}
