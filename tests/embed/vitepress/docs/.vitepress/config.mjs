import { defineConfig } from "vitepress";

export default defineConfig({
  title: "Embedding dispatcher-demo",
  base: process.env.BASE ?? "/",
  outDir: process.env.OUT_DIR ?? ".vitepress/dist",
  // <dispatcher-demo> is a custom element, not a Vue component.
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag === "dispatcher-demo" } } },
  // In `vitepress dev`, keep the package as it is: it finds its wasm from its own URL.
  vite: { optimizeDeps: { exclude: ["dispatcher-demo"] } },
});
