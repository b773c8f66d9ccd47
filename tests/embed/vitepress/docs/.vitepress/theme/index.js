import DefaultTheme from "vitepress/theme";

export default {
  extends: DefaultTheme,
  async enhanceApp() {
    // In the browser only: the build also renders the pages in node, which has no custom elements.
    if (!import.meta.env.SSR) await import("dispatcher-demo");
  },
};
