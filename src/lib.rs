//! The demo of [`bounded_dispatcher`]: the original Go program's job and a
//! whole demo run ([`demo`]), the page's checked [`Options`], a per-job
//! [`Report`] of a run, and, on `wasm32`, the JS API around them.
//!
//! The dispatcher itself is the `bounded-dispatcher` crate of this
//! workspace (`crates/bounded-dispatcher`): depend on that one.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod demo;
mod options;
mod report;
#[cfg(target_arch = "wasm32")]
mod web;

pub use options::{suggest, Got, OptionError, Options, Value};
pub use options::{JOBS, MAX_JOBS, MAX_SEED, MAX_WAIT, MAX_WAIT_MS, OPTIONS, QUEUE_LENGTH, SEED, THRESHOLD, WORKERS};
pub use report::{JobRecord, JobState, Moment, Recorder, Report};

#[cfg(target_arch = "wasm32")]
pub use web::{check_options, run, PauseController};

/// The README's examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
