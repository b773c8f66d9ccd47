# make demo   builds the wasm package and dist/, and serves the page at http://localhost:8080
# make test   runs every suite: native, headless-browser (wasm-bindgen-test), a user's crate,
#             the original Go program, the page's modules under node (no browser),
#             the JS API's map under node (its peers' tests, ported),
#             page (Playwright, Chromium), the page in Firefox ESR (geckodriver), and
#             embed (dist/ in a plain page, an iframe, mdBook, VitePress, Docusaurus,
#             Astro Starlight, rustdoc, MkDocs with Material and Sphinx with Furo)
#
# Both install what is missing first (scripts/setup): nothing is downloaded as
# a prebuilt binary.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM := pkg/dispatcher_demo_bg.wasm
WASM_OPT := node_modules/.bin/wasm-opt
# The features rustc's wasm32 target emits, which wasm-opt must accept.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-reference-types --enable-multivalue
# Speed first (as the Cargo profile), and no sections the browser does not read.
# --low-memory-unused: rustc's wasm32 puts the stack first, growing down to
# address 0, so the lowest kilobyte is reached only by an overflowing stack;
# wasm-opt may then fold an address's constant into its load or store
# (the page's module 209 bytes smaller, gzipped).
WASM_OPT_FLAGS := -O3 --low-memory-unused --strip-producers --strip-target-features $(WASM_OPT_FEATURES)

.PHONY: wasm dist test-package test-embed generated bench setup-bench build-bench soak serve-csp fuzz screenshot demo test build serve setup-build setup-test test-native test-browser test-consumer test-go test-unit test-api test-page test-firefox clean

demo: build serve

serve:
	@echo "Serving the demo at http://localhost:$(PORT)/ (Ctrl-C stops it)"
	python3 -m http.server $(PORT) --bind 127.0.0.1

build: dist

# The wasm packages: pkg/, the element's, for the readable sources (www/);
# and pkg/api/, the JS API's, which has `map` too (the `map` feature): the
# element's module leaves it out, 7 KB gzipped. In both, binaryen renames the
# imports and exports, and the glue is rewritten to match (scripts/minify-wasm.mjs).
API_WASM := pkg/api/dispatcher_demo_api_bg.wasm
# Their linker: rust-lld without js-sys's JSPI export, which wasm-bindgen
# would delete once the linker had kept what it reaches (scripts/wasm-ld says why).
PAGE_LINKER := --config 'target.wasm32-unknown-unknown.linker="$(CURDIR)/scripts/wasm-ld"'
wasm: setup-build
	wasm-pack --quiet build --target web --release -- --no-default-features $(PAGE_LINKER)
	node scripts/minify-wasm.mjs $(WASM_OPT) $(WASM) $(WASM_OPT_FLAGS)
	wasm-pack --quiet build --target web --release --out-dir pkg/api --out-name dispatcher_demo_api -- --no-default-features --features map $(PAGE_LINKER)
	node scripts/minify-wasm.mjs $(WASM_OPT) $(API_WASM) $(WASM_OPT_FLAGS)

# The distributable build, dist/: the element bundled and minified by
# esbuild, the wasm beside it (scripts/dist/build.mjs says what is in it).
dist: wasm
	node scripts/dist/build.mjs

# The same module with the benchmark's hook (the `bench` feature), for bench/.
build-bench: setup-build
	wasm-pack --quiet build --target web --release --out-dir bench/pkg -- --no-default-features --features bench $(PAGE_LINKER)
	$(WASM_OPT) $(WASM_OPT_FLAGS) bench/$(WASM) -o bench/$(WASM)

test: setup-test test-native test-browser test-consumer test-go test-unit test-api test-page test-firefox test-embed

# Both crates of the workspace: their formatting and clippy's lints (natively,
# and for wasm32 what builds there: the libraries and their tests), the
# library's behaviour tests on the virtual clocks and on tokio, the demo's
# replay and option checks, and their docs.
test-native:
	cargo fmt --all --check
	cargo fmt --manifest-path tests/consumer/Cargo.toml --all --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	cargo clippy --quiet --workspace --lib --tests --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet --lib --features map --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet --lib --no-default-features --features map --target wasm32-unknown-unknown -- -D warnings
	cargo test --quiet --workspace
	RUSTDOCFLAGS="-D warnings -D rustdoc::broken_intra_doc_links" cargo doc --quiet --workspace --no-deps
	RUSTDOCFLAGS="-D warnings -D rustdoc::broken_intra_doc_links" cargo doc --quiet -p bounded-dispatcher --no-deps --all-features
	$(MAKE) --no-print-directory test-package

# The library as crates.io would have it: packaged (and built from the
# package), then the package's own tests, run from its files alone, with the
# workspace's lockfile. target/ is outside the workspace (Cargo.toml's exclude).
PACKAGED := target/packaged
test-package:
	cargo package --quiet --allow-dirty -p bounded-dispatcher
	rm -rf $(PACKAGED) && mkdir -p $(PACKAGED)
	tar -xzf target/package/bounded-dispatcher-$$(sed -n 's/^version = "\(.*\)"/\1/p' crates/bounded-dispatcher/Cargo.toml | head -1).crate -C $(PACKAGED) --strip-components 1
	cp Cargo.lock $(PACKAGED)/
	cargo test --quiet --manifest-path $(PACKAGED)/Cargo.toml --target-dir target

# The library's tests, then the demo's (the JS API on real timers), compiled
# to wasm and run in headless Chromium, then the same in headless Firefox ESR
# (the second engine: Gecko's timers and event loop). GECKODRIVER is given so
# that wasm-pack never tries to download one. The library's tests only
# (--lib --test '*'): its native examples are tokio programs, and its wasm
# example runs in tests/wasm_example.rs.
LIBRARY_IN_BROWSERS := crates/bounded-dispatcher --lib --test '*'
# wasm-bindgen-test's runner gives a browser's suite 20 s by default: tests/web.rs
# runs real timers for about that long on a loaded machine, so 180.
test-browser: export WASM_BINDGEN_TEST_TIMEOUT := 180
test-browser:
	wasm-pack test --headless --chrome $(LIBRARY_IN_BROWSERS)
	wasm-pack test --headless --chrome
	GECKODRIVER=$$(command -v geckodriver) wasm-pack test --headless --firefox $(LIBRARY_IN_BROWSERS)
	GECKODRIVER=$$(command -v geckodriver) wasm-pack test --headless --firefox

# A crate of a user's (tests/consumer), on its own: the library as a path
# dependency, natively (its README example on tokio and futures' executors)
# and on wasm32 with its own allocator and `run` export, which then runs in node.
CONSUMER := --quiet --manifest-path tests/consumer/Cargo.toml --target-dir target/consumer
test-consumer:
	cargo test $(CONSUMER)
	cargo build $(CONSUMER) --release --target wasm32-unknown-unknown
	wasm-bindgen --target nodejs --out-dir target/consumer/node target/consumer/wasm32-unknown-unknown/release/consumer.wasm
	node tests/consumer/run.mjs target/consumer/node

# The original Go program (tests/go/article.go), built with Debian's Go and
# golang.org/x/sync and run: it prints the article's run, unbuffered it starts
# and cancels the same jobs, and with one worker it deadlocks where ours does not;
# and its variant with Go's cooperative cancel (tests/go/select.go) stops the
# jobs compare mode's "Go with select" lane shows stopped.
test-go:
	node --test tests/go/

# The page's modules under node's own test runner (no browser, no build); the
# docs' figures against their sources; no source file over 350 lines.
test-unit:
	node --test tests/unit/

# The JS API's map under node, on its module (pkg/api/): p-map's and
# p-limit's own tests, ported, and map's cancel, input and errors.
test-api: wasm
	node --test tests/api/

test-page: build
	node --test tests/page/

# The page in Firefox ESR, through geckodriver (Playwright cannot drive a
# stock Firefox here: tests/firefox/page.test.mjs says why).
test-firefox: build
	node --test tests/firefox/

# The element from dist/ where documentation puts it, each site built from
# scratch with the real tool by docs/embedding.md's recipes (the tests read
# them from it) and checked in headless Chromium, before and after a live
# switch of the tool's theme: a plain page (python3 -m http.server), an iframe,
# mdBook (additional-js and theme/head.hbs, its five themes, print.html),
# VitePress, Docusaurus and Starlight (the packed package installed and
# imported), rustdoc (--html-in-header at every depth, and the library's own
# docs as docs.rs builds them), MkDocs with Material, and Sphinx with Furo;
# the compact default, parts, print, axe with three elements, and the package
# imported under node. scripts/setup test installs the tools (see there).
test-embed: build
	node --test tests/embed/

setup-build:
	@scripts/setup build

setup-test:
	@scripts/setup test

clean:
	rm -rf pkg dist bench/pkg target tests/artifacts

# The files made from the tables of options and words (src/options.rs,
# src/report.rs): the TypeScript, the page's www/spec.js, the table in
# docs/js-api.md (tests/tables.rs); and the code the page shows, www/code.js
# (tests/generated.rs).
generated:
	BLESS=1 cargo test --quiet --test tables --test generated

# The README's screenshot (www/screenshot.png), from the article's run; and
# the page's views at 1280×800 and 390×844, light and dark, in tests/artifacts/.
screenshot: build
	node scripts/screenshot.mjs

# A million random option inputs through the checks (make test tries 2,000, in its debug build).
fuzz:
	FUZZ_CASES=1000000 cargo test --release --test options_fuzz -- --nocapture

# The demo as make demo serves it, but with the strict Content-Security-Policy header.
serve-csp: build
	node scripts/serve.mjs --port $(PORT) --csp

# The long soak: 1,000 runs in one page, and a run of 1,000,000 ready jobs.
soak: build
	SOAK_RUNS=1000 SOAK_JOBS=1000000 node --test tests/page/soak.test.mjs

# The benchmark: every figure in headless Chromium, natively (the dispatch
# example, callgrind and criterion) and, where Go is installed, the original
# Go program's pattern. Prints one table, and writes it to bench/results.md
# and docs/performance.md, and the figures other pages quote from it
# (scripts/figures.mjs).
bench: build build-bench setup-bench
	cargo build --quiet --release -p bounded-dispatcher --example dispatch
	if command -v go >/dev/null; then \
	  GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$(CURDIR)/target/go/cache go build -o target/go/dispatch bench/go/dispatch.go; \
	else echo "bench: no Go toolchain, so no Go anchor (scripts/setup bench installs it on Debian)"; rm -f target/go/dispatch; fi
	node bench/run.mjs
	node scripts/figures.mjs --write

setup-bench:
	@scripts/setup bench
