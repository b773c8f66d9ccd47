// The Starlight site of tests/embed/starlight.test.mjs, under a sub-path.
// Nothing here is for the element: its recipe is the component and the page
// (docs/embedding.md).
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";

export default defineConfig({
  base: "/docs",
  integrations: [starlight({ title: "Embedding dispatcher-demo", pagefind: false, sidebar: [{ label: "Guide", items: [{ autogenerate: { directory: "guide" } }] }] })],
});
