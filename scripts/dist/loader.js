// dispatcher-demo-loader.js: <dispatcher-demo> for pages that allow only a
// classic <script src> (mdBook's additional-js). It imports the module
// dispatcher-demo.js from its own folder, whatever its own file is named
// (mdBook renames the copies it makes).
(() => {
  const script = document.currentScript;
  const module = new URL("dispatcher-demo.js", script ? script.src : document.baseURI);
  import(module.href).catch((error) => console.error(`dispatcher-demo: could not load ${module.href}:`, error));
})();
