//! Go's `errgroup` dispatcher-worker pattern on one thread, for WebAssembly.
//!
//! A [`Dispatcher`] runs many jobs with a hard limit on how many run at once,
//! and stops everything the moment one fails: `workers` worker futures pull
//! job ids from one bounded queue, all inside the single future that
//! [`Dispatcher::run`] returns. There are no threads and no task per job, so
//! it runs on any executor, including the browser's event loop.
//!
//! ```
//! use std::num::NonZeroUsize;
//! use dispatcher_demo::{Clock, Dispatcher, Status, VirtualClock};
//!
//! let clock = VirtualClock::new();
//! let waits = [300, 100, 999, 200, 50];
//! let dispatcher = Dispatcher::new(NonZeroUsize::new(2).unwrap());
//!
//! let outcome = clock.block_on(dispatcher.run(
//!     waits.len(),
//!     |job| {
//!         let clock = clock.clone();
//!         async move {
//!             if waits[job] > 990 {
//!                 return Err(format!("job #{job} cannot wait {} ms", waits[job]));
//!             }
//!             clock.sleep(waits[job]).await;
//!             Ok(())
//!         }
//!     },
//!     |_event| {},
//!     futures::future::pending(),
//! ))?;
//!
//! // Job 2 fails when job 1 frees its worker at 100 ms. Job 0 is aborted
//! // then, and jobs 3 and 4 never start.
//! assert_eq!(outcome.status, Status::Failed);
//! assert_eq!(outcome.first_failure().unwrap().job, 2);
//! assert_eq!(clock.now_ms(), 100);
//! # Ok::<(), dispatcher_demo::Stalled>(())
//! ```
//!
//! The crate also holds the demo that the web page runs ([`demo`]), its
//! checked [`Options`], and, on `wasm32`, the JS API around them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod clock;
pub mod demo;
mod dispatcher;
mod gate;
mod options;
mod queue;
mod report;
mod virtual_clock;
#[cfg(target_arch = "wasm32")]
mod web;

pub use clock::Clock;
pub use dispatcher::{Dispatcher, Event, Failure, Outcome, Status};
pub use gate::Gate;
pub use options::{suggest, Got, OptionError, Options, Value};
pub use options::{JOBS, MAX_JOBS, MAX_SEED, MAX_WAIT, MAX_WAIT_MS, OPTIONS, QUEUE_LENGTH, SEED, THRESHOLD, WORKERS};
pub use report::{JobRecord, JobState, Moment, Recorder, Report};
pub use virtual_clock::{Sleep, Stalled, VirtualClock};

#[cfg(target_arch = "wasm32")]
pub use web::{check_options, run, PauseController};

/// A job's id: its index in `0..jobs`, which is also the order jobs start in.
pub type JobId = usize;

/// The README's examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
