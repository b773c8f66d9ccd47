// The package imported where there is no DOM, as a documentation tool's
// server-side render imports it (VitePress, Docusaurus, Astro, in node): the
// import succeeds and does nothing, so that no recipe needs a guard.
import { test } from "node:test";
import assert from "node:assert/strict";

test("importing dispatcher-demo under node (no document, no HTMLElement) succeeds, defines nothing and adds no global", async () => {
  assert.equal(typeof document, "undefined");
  assert.equal(typeof HTMLElement, "undefined");
  const globals = Object.getOwnPropertyNames(globalThis).sort();
  // By its package name, through package.json's exports, as a site imports it.
  const module = await import("dispatcher-demo");
  assert.deepEqual(Object.keys(module), []);
  // A task later: nothing was left to run (the element's module would have been imported by then).
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(Object.getOwnPropertyNames(globalThis).sort(), globals);
  assert.equal(typeof customElements, "undefined");
});
