// The scratch sites the embedding suites build, from scratch, in
// target/embed/: each from its fixture here, with dist/ copied in by the
// same shell lines as docs/embedding.md's recipes.
import { execFileSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { root } from "./harness.mjs";

export const scratch = join(root, "target", "embed");
const fixtures = join(root, "tests", "embed");

/** Runs `script` with sh in `cwd`, with DIST pointing at dist/. */
function sh(cwd, script) {
  execFileSync("sh", ["-euc", script], { cwd, env: { ...process.env, DIST: join(root, "dist") }, stdio: ["ignore", "pipe", "inherit"] });
}

async function fresh(name) {
  const dir = join(scratch, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * A plain HTML site: docs/guide/index.html (tests/embed/plain.html), and the
 * files of dist/ in docs/guide/dispatcher-demo/. Returns the site's folder.
 */
export async function plainSite() {
  const site = await fresh("plain");
  await mkdir(join(site, "docs/guide"), { recursive: true });
  await cp(join(fixtures, "plain.html"), join(site, "docs/guide/index.html"));
  // The recipe: dist/, copied beside the page.
  sh(join(site, "docs/guide"), 'cp -r "$DIST" dispatcher-demo');
  return site;
}

/** A page that embeds the demo page served at `origin`, in an iframe. */
export async function iframeSite(origin) {
  const site = await fresh("iframe");
  const page = (await readFile(join(fixtures, "iframe.html"), "utf8")).replace("DEMO_ORIGIN", origin);
  await writeFile(join(site, "index.html"), page);
  return site;
}

/**
 * A book, `kind` "additional-js" or "head-hbs": tests/embed/mdbook/src and
 * the kind's book.toml (and theme/), the files of dist/ copied in, built
 * with mdbook. Returns the built book's folder.
 */
export async function mdbookSite(kind) {
  const book = await fresh(`mdbook-${kind}`);
  await cp(join(fixtures, "mdbook/src"), join(book, "src"), { recursive: true });
  await cp(join(fixtures, "mdbook", kind), book, { recursive: true });
  if (kind === "additional-js") {
    // The recipe: the module and the wasm go with the book's files; the
    // loader where book.toml's additional-js names it.
    sh(book, `cp -r "$DIST" src/dispatcher-demo
mkdir -p dispatcher-demo && cp "$DIST/dispatcher-demo-loader.js" dispatcher-demo/`);
  } else {
    sh(book, 'cp -r "$DIST" src/dispatcher-demo');
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
 * A VitePress site (tests/embed/vitepress) with the packed package
 * installed from its tarball, built with `base` into its own folder.
 * VitePress is this project's devDependency, found from the site's folder
 * up. Returns the built site's folder.
 */
export async function vitepressSite(tarball, bases) {
  const site = await fresh("vitepress");
  await cp(join(fixtures, "vitepress"), site, { recursive: true });
  await writeFile(join(site, "package.json"), `${JSON.stringify({ name: "embed-vitepress", private: true, type: "module" }, null, 2)}\n`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
  const vitepress = join(root, "node_modules", "vitepress", "bin", "vitepress.js");
  const built = {};
  for (const base of bases) {
    const out = join(site, "built", base === "/" ? "root" : base.replaceAll("/", ""));
    execFileSync(process.execPath, [vitepress, "build", "docs"], { cwd: site, env: { ...process.env, BASE: base, OUT_DIR: out }, stdio: ["ignore", "pipe", "inherit"] });
    built[base] = out;
  }
  return built;
}
