// The scratch sites the embedding suites build, from scratch, in
// target/embed/: each from its fixture here and docs/embedding.md's recipes,
// read out of it (recipe, runRecipe), so that the recipes are what is tested.
import { execFileSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { root } from "./harness.mjs";

export const scratch = join(root, "target", "embed");
const fixtures = join(root, "tests", "embed");

/**
 * The recipe `name` of docs/embedding.md: the fenced block under its
 * `<!-- recipe: name -->` line, as the reader copies it.
 */
export async function recipe(name) {
  const doc = await readFile(join(root, "docs", "embedding.md"), "utf8");
  const match = doc.match(new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n`));
  if (!match) throw new Error(`docs/embedding.md has no recipe ${name}`);
  return match[1];
}

/** Runs `script` with sh in `cwd`. */
export function sh(cwd, script, env = {}) {
  execFileSync("sh", ["-euc", script], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
}

/**
 * Runs the shell recipe `name` in `cwd`, where `dispatcher-demo` is this
 * project while it runs (a link to it), as the recipes have it beside the
 * site; then the link goes, so that no tool finds the project in its site.
 */
export async function runRecipe(cwd, name) {
  const link = join(cwd, "dispatcher-demo");
  await symlink(root, link);
  try {
    sh(cwd, await recipe(name));
  } finally {
    await rm(link);
  }
}

async function fresh(name) {
  const dir = join(scratch, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * A plain HTML site: docs/guide/index.html (tests/embed/plain.html, which
 * holds the recipe's lines), and the files of dist/ in
 * docs/guide/dispatcher-demo/, by the recipe. Returns the site's folder.
 */
export async function plainSite() {
  const site = await fresh("plain");
  await mkdir(join(site, "docs/guide"), { recursive: true });
  const page = await readFile(join(fixtures, "plain.html"), "utf8");
  await holds("tests/embed/plain.html", page, "plain-html");
  await writeFile(join(site, "docs/guide/index.html"), page);
  await runRecipe(site, "plain-copy");
  return site;
}

/** Throws unless `text` (of the file `name`) holds every line of the recipe `recipeName`. */
export async function holds(name, text, recipeName) {
  for (const line of (await recipe(recipeName)).split("\n").filter(Boolean)) {
    if (!text.includes(line.trim())) throw new Error(`${name} lacks docs/embedding.md's recipe ${recipeName}: ${line.trim()}`);
  }
}

/** A page that embeds the demo page served at `origin`, in an iframe. */
export async function iframeSite(origin) {
  const site = await fresh("iframe");
  const page = (await readFile(join(fixtures, "iframe.html"), "utf8")).replace("DEMO_ORIGIN", origin);
  await writeFile(join(site, "index.html"), page);
  return site;
}

/**
 * A book, `kind` "additional-js" or "head-hbs", by the recipes: my-book/ with
 * tests/embed/mdbook/src (whose chapter holds the recipe's element) and
 * book.toml, dist/ copied in, and theme/head.hbs or book.toml's
 * additional-js; built with mdbook. Returns the built book's folder.
 */
export async function mdbookSite(kind) {
  const work = await fresh(`mdbook-${kind}`);
  const book = join(work, "my-book");
  await cp(join(fixtures, "mdbook/src"), join(book, "src"), { recursive: true });
  await holds("tests/embed/mdbook/src/guide/demo.md", await readFile(join(book, "src/guide/demo.md"), "utf8"), "mdbook-chapter");
  const toml = await readFile(join(fixtures, "mdbook/book.toml"), "utf8");
  if (kind === "additional-js") {
    await writeFile(join(book, "book.toml"), `${toml.replace("TITLE", "additional-js")}\n${await recipe("mdbook-additional-js")}`);
    await runRecipe(work, "mdbook-additional-js-copy");
  } else {
    await writeFile(join(book, "book.toml"), toml.replace("TITLE", "theme/head.hbs"));
    await mkdir(join(book, "theme"));
    await writeFile(join(book, "theme/head.hbs"), await recipe("mdbook-head-hbs"));
    await runRecipe(work, "mdbook-copy");
  }
  execFileSync("mdbook", ["build"], { cwd: book, stdio: ["ignore", "pipe", "pipe"] });
  return join(book, "book");
}

/** The package as `npm pack` makes it, in target/embed/; returns the tarball's path and its files. */
export async function pack() {
  await mkdir(scratch, { recursive: true });
  for (const file of await readdir(scratch)) if (file.endsWith(".tgz")) await rm(join(scratch, file));
  const [result] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
  return { tarball: join(scratch, result.filename), files: result.files.map((file) => file.path) };
}

/**
 * A VitePress site (tests/embed/vitepress, whose page holds the recipe's
 * element) with the recipes' config.mjs and theme/index.js, the packed
 * package installed from its tarball, built with each of `bases` into a
 * folder of its own. VitePress is this project's devDependency, found from
 * the site's folder up. Returns the built sites' folders, by base.
 */
export async function vitepressSite(tarball, bases) {
  const site = await fresh("vitepress");
  await cp(join(fixtures, "vitepress"), site, { recursive: true });
  await holds("tests/embed/vitepress/docs/guide.md", await readFile(join(site, "docs/guide.md"), "utf8"), "mdbook-chapter");
  await mkdir(join(site, "docs/.vitepress/theme"), { recursive: true });
  await writeFile(join(site, "docs/.vitepress/config.mjs"), await recipe("vitepress-config"));
  await writeFile(join(site, "docs/.vitepress/theme/index.js"), await recipe("vitepress-theme"));
  await writeFile(join(site, "package.json"), `${JSON.stringify({ name: "embed-vitepress", private: true, type: "module" }, null, 2)}\n`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
  const vitepress = join(root, "node_modules", "vitepress", "bin", "vitepress.js");
  const built = {};
  for (const base of bases) {
    const out = join(site, "built", base === "/" ? "root" : base.replaceAll("/", ""));
    execFileSync(process.execPath, [vitepress, "build", "docs", "--base", base, "--outDir", out], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
    built[base] = out;
  }
  return built;
}

/** The second element of every tool's page: another configuration, beside the recipe's. */
export const EVERY_ERROR = '<dispatcher-demo id="every-error" workers="8" jobs="64" max-wait-ms="400" threshold-ms="360" seed="5" fail-fast="false" autorun>Interactive demo: needs JavaScript.</dispatcher-demo>';

/**
 * A scratch copy of the fixture `name` (tests/embed/name) in target/embed/,
 * whose node_modules is the fixture's own (scripts/setup test installs it),
 * with the packed package installed into it (npm install --no-save, which
 * leaves the fixture's package.json and lock as they are).
 */
async function npmSite(name, tarball) {
  const fixture = join(fixtures, name);
  const site = await fresh(name);
  await cp(fixture, site, { recursive: true, filter: (path) => !path.startsWith(join(fixture, "node_modules")) });
  // npm would keep an earlier install of the same version, and the bundlers'
  // caches (webpack's, Rspack's, Vite's) take a package's files as fixed by
  // its version: both go first.
  for (const stale of ["dispatcher-demo", ".cache", ".vite", ".astro"]) await rm(join(fixture, "node_modules", stale), { recursive: true, force: true });
  const npm = ["--no-save", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball];
  execFileSync("npm", ["install", ...npm], { cwd: fixture, stdio: ["ignore", "pipe", "inherit"] });
  await symlink(join(fixture, "node_modules"), join(site, "node_modules"));
  return site;
}

/** The Docusaurus site (tests/embed/docusaurus) with the recipe's page, built under /docs/; returns the built folder. */
export async function docusaurusSite(tarball) {
  const site = await npmSite("docusaurus", tarball);
  await writeFile(join(site, "docs", "demo.mdx"), `# The demo\n\n${await recipe("docusaurus-page")}\n${EVERY_ERROR}\n`);
  const out = join(site, "built");
  execFileSync(process.execPath, [join(site, "node_modules/@docusaurus/core/bin/docusaurus.mjs"), "build", "--out-dir", out, site], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
  return out;
}

/** tools/node's Node (scripts/setup test installs it), which Astro needs. */
export const NEWER_NODE = join(root, "tools", "node", "node_modules", "node", "bin", "node");

/** The Starlight site (tests/embed/starlight) with the recipe's component and page, built under /docs/ with tools/node's Node. */
export async function starlightSite(tarball) {
  const site = await npmSite("starlight", tarball);
  // git keeps no empty folder: the site's src/components/ is made here.
  await mkdir(join(site, "src/components"), { recursive: true });
  await writeFile(join(site, "src/components/DispatcherDemo.astro"), await recipe("starlight-component"));
  await writeFile(join(site, "src/content/docs/guide/demo.mdx"), `---\ntitle: The demo\n---\n\n${await recipe("starlight-page")}\n${EVERY_ERROR}\n`);
  execFileSync(NEWER_NODE, [join(site, "node_modules/astro/bin/astro.mjs"), "build", "--silent"], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
  return join(site, "dist");
}

/**
 * A crate (tests/embed/rustdoc) whose docs hold the element at two depths,
 * in the crate's page and a module's, each with the recipe's doc comment
 * and a second element; documented by the recipe's command, with its header.
 * Returns the docs' folder (target/doc).
 */
export async function rustdocSite() {
  const crate = await fresh("rustdoc");
  await cp(join(fixtures, "rustdoc", "Cargo.toml"), join(crate, "Cargo.toml"));
  await writeFile(join(crate, "dispatcher-demo-header.html"), await recipe("rustdoc-header"));
  const comment = await recipe("rustdoc-comment");
  const docs = (indent) => `${indent}//! Three workers, failing fast:\n${indent}//!\n${comment.replace(/^/gm, indent).trimEnd()}\n${indent}//!\n${indent}//! Eight workers, collecting every error:\n${indent}//!\n${indent}//! ${EVERY_ERROR}\n`;
  await mkdir(join(crate, "src"));
  await writeFile(join(crate, "src", "lib.rs"), `${docs("")}\n/// One folder further down.\npub mod nested {\n${docs("    ")}}\n`);
  await runRecipe(crate, "rustdoc-build");
  return join(crate, "target", "doc");
}

/**
 * The library's own docs (crates/bounded-dispatcher) as docs.rs builds them:
 * with the rustdoc-args of its [package.metadata.docs.rs],
 * which must be the recipe's, and its header the recipe's. docs.rs runs
 * rustdoc in the crate's folder, so the header's path is made absolute.
 * Returns the docs' folder.
 */
export async function docsrsSite() {
  const crateDir = join(root, "crates", "bounded-dispatcher");
  const manifest = await readFile(join(crateDir, "Cargo.toml"), "utf8");
  const metadata = await recipe("docsrs-metadata");
  if (!manifest.includes(metadata)) throw new Error("crates/bounded-dispatcher/Cargo.toml does not hold docs/embedding.md's [package.metadata.docs.rs]");
  const [, args] = metadata.match(/rustdoc-args = (\[.*\])/);
  const [flag, header] = JSON.parse(args);
  if ((await readFile(join(crateDir, header), "utf8")) !== (await recipe("docsrs-header"))) throw new Error(`${header} is not docs/embedding.md's docs.rs header`);
  const target = join(scratch, "docsrs");
  execFileSync("cargo", ["doc", "--quiet", "-p", "bounded-dispatcher", "--no-deps", "--target-dir", target], {
    cwd: root, env: { ...process.env, RUSTDOCFLAGS: `${flag} ${join(crateDir, header)}` }, stdio: ["ignore", "pipe", "inherit"],
  });
  return join(target, "doc");
}

/** tools/venv's programs (scripts/setup test installs MkDocs, Material, Sphinx and Furo there). */
const venv = (program) => join(root, "tools", "venv", "bin", program);

/**
 * The MkDocs site (tests/embed/mkdocs, Material) with the recipe's config
 * and copy, and a page with the element line of the chapter recipe and a
 * second; built for `siteUrl` (Material's instant navigation needs it).
 * Returns the built folder.
 */
export async function mkdocsSite(siteUrl) {
  const site = await fresh("mkdocs");
  await cp(join(fixtures, "mkdocs"), site, { recursive: true });
  await writeFile(join(site, "mkdocs.yml"), `${await readFile(join(site, "mkdocs.yml"), "utf8")}${await recipe("mkdocs-config")}`);
  await writeFile(join(site, "docs", "demo.md"), `# The demo\n\nThree workers, failing fast:\n\n${await recipe("mdbook-chapter")}\nEight workers, collecting every error:\n\n${EVERY_ERROR}\n`);
  await runRecipe(site, "mkdocs-copy");
  execFileSync(venv("mkdocs"), ["build", "--quiet", "--strict", "--site-dir", join(site, "built")], { cwd: site, env: { ...process.env, SITE_URL: siteUrl, NO_MKDOCS_2_WARNING: "1" }, stdio: ["ignore", "pipe", "inherit"] });
  return join(site, "built");
}

/** The Sphinx site (tests/embed/sphinx, Furo) with the recipe's conf.py lines, copy and page, and a second element. Returns the built folder. */
export async function sphinxSite() {
  const site = await fresh("sphinx");
  await cp(join(fixtures, "sphinx"), site, { recursive: true });
  await writeFile(join(site, "conf.py"), `${await readFile(join(site, "conf.py"), "utf8")}${await recipe("sphinx-conf")}`);
  const second = `.. raw:: html\n\n   ${EVERY_ERROR}\n`;
  await writeFile(join(site, "demo.rst"), `The demo\n========\n\nThree workers, failing fast:\n\n${await recipe("sphinx-page")}\nEight workers, collecting every error:\n\n${second}`);
  await runRecipe(site, "sphinx-copy");
  execFileSync(venv("sphinx-build"), ["-q", "-W", "-b", "html", site, join(site, "built")], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
  return join(site, "built");
}
