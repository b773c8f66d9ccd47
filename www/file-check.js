// A classic script, so that it runs where module scripts cannot: opened from
// file://, the browser will not load the demo's modules, so say how to serve it.
if (location.protocol === "file:") {
  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("file-warning")?.removeAttribute("hidden");
    for (const demo of document.querySelectorAll("dispatcher-demo")) demo.hidden = true;
  });
}
