//! The demo of [`bounded_dispatcher`]: the original Go program's job and a
//! whole demo run ([`demo`]), the table of options ([`OPTIONS`]) and their
//! one check ([`Options::parse`]), a per-job
//! [`Report`] of a run, and, on `wasm32`, the JS API around them.
//!
//! The dispatcher itself is the `bounded-dispatcher` crate of this
//! workspace (`crates/bounded-dispatcher`): depend on that one.
// The page's modules are built without std (see the `std` feature):
// core and alloc are all they have.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]
// Only web/global.rs (a `static` of one thread's) and web/task.rs (a
// waker of an `Rc`) have some, on wasm32.
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

mod check;
pub mod demo;
mod messages;
mod options;
mod report;
#[cfg(target_arch = "wasm32")]
mod web;

pub use check::{Given, Options, Source, Value};
pub use messages::{Expected, OptionError, Problem};
pub use options::{
    options_of, setting_spec, spec, Api, Doc, Hundredths, OptionKind, OptionSpec, Setting, FLAGS, LONGEST_WAIT_MS, MAX_JOBS, OPTIONS,
    RANDOM_SEEDS,
};
pub use report::{EventKind, JobRecord, JobState, LogKind, Moment, Recorder, Report, RunStatus};

#[cfg(all(target_arch = "wasm32", any(feature = "map", feature = "std")))]
pub use web::check_options;
#[cfg(all(target_arch = "wasm32", feature = "map"))]
pub use web::map;
#[cfg(target_arch = "wasm32")]
pub use web::{check_settings, run, GivenSetting, PauseController};

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
