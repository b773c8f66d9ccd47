// The Docusaurus site of tests/embed/docusaurus.test.mjs: the classic preset,
// docs only, under a sub-path, built with Rspack (`faster`). Nothing here is
// for the element: its recipe is the page (docs/embedding.md).
export default {
  title: "Embedding dispatcher-demo",
  url: "http://127.0.0.1",
  baseUrl: "/docs/",
  future: { v4: true, faster: true },
  onBrokenLinks: "throw",
  trailingSlash: true,
  presets: [["classic", { docs: { routeBasePath: "/" }, blog: false, pages: false }]],
  themeConfig: { navbar: { title: "dispatcher-demo" } },
};
