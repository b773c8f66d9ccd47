//! The README's example is examples/quickstart.rs, which `cargo test` builds
//! and tests/consumer runs on tokio and on futures' executors: they must not
//! drift apart.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_readme_example_is_examples_quickstart() {
    let readme = include_str!("../README.md");
    let start = readme.find("```rust\n").expect("the README has a Rust example") + "```rust\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    assert_eq!(example, include_str!("../examples/quickstart.rs"));
}
