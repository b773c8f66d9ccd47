//! The demo of [`bounded_dispatcher`]: the original Go program's job and a
//! whole demo run ([`demo`]), the page's checked [`Options`], a per-job
//! [`Report`] of a run, and, on `wasm32`, the JS API around them.
//!
//! The dispatcher itself is the `bounded-dispatcher` crate of this
//! workspace (`crates/bounded-dispatcher`): depend on that one.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod demo;
mod messages;
mod options;
mod report;
#[cfg(target_arch = "wasm32")]
mod web;

pub use messages::{suggest, Got, OptionError};
pub use options::{spec, Hundredths, OptionKind, OptionSpec, Options, Value, LONGEST_WAIT_MS, MAX_JOBS, OPTIONS, RANDOM_SEEDS};
pub use report::{EventKind, JobRecord, JobState, LogKind, Moment, Recorder, Report, RunStatus};

#[cfg(target_arch = "wasm32")]
pub use web::{check_options, run, PauseController};

/// The wasm module's allocator: smaller and faster than Rust's default,
/// dlmalloc (the module after wasm-opt was 33.4 KB gzipped with talc, 35.5 KB
/// with dlmalloc). The library crate has none: a user's module picks its own.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The Rust examples of docs/rust-api.md, run as doctests.
#[doc = include_str!("../docs/rust-api.md")]
#[cfg(doctest)]
pub struct RustApiDoctests;
