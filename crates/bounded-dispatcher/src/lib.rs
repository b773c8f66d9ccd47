//! Run many jobs with a hard limit on how many run at once, and stop
//! everything the moment one fails: Go's `errgroup.WithContext` with
//! `SetLimit`, as one future on one thread.
//!
//! A [`Dispatcher`] runs jobs `0..jobs`: `workers` worker futures take them
//! from one bounded queue, in id order, and run each to the end. The first
//! failure cancels the run: no job starts after it, and the jobs that are
//! running are dropped at once (or, with [`cancel_in_flight(false)`], left
//! to finish, as Go's are). There are no threads and no task per job, so it
//! runs on any executor, including the browser's event loop; jobs may
//! borrow from the caller's stack.
//!
//! ```
//! use std::num::NonZeroUsize;
//! use bounded_dispatcher::{Clock, Dispatcher, Status, VirtualClock};
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
//!             clock.sleep(waits[job]).await; // dropped, and cleared, if the job is aborted
//!             Ok(())
//!         }
//!     },
//!     |_event| {},
//!     std::future::pending(),
//! ))?;
//!
//! // Job 2 starts, and fails, when job 1 frees its worker at 100 ms. Job 0
//! // is aborted then, 200 ms before its end, and jobs 3 and 4 never start.
//! assert_eq!(outcome.status, Status::Failed);
//! assert_eq!(outcome.first_failure().unwrap().job, 2);
//! assert_eq!(clock.now_ms(), 100);
//! # Ok::<(), bounded_dispatcher::Stalled>(())
//! ```
//!
//! # Running it
//!
//! [`Dispatcher::run`]'s future is `!Send`: its workers share the run's state
//! through `Cell`s, and jobs need not be `Send` either. Await it where
//! futures stay on one thread:
//!
//! - on tokio, in `#[tokio::main(flavor = "current_thread")]` or
//!   `Runtime::block_on`, or in a `LocalSet` with `spawn_local`;
//! - in the browser, with `wasm_bindgen_futures::spawn_local` or
//!   `future_to_promise`;
//! - anywhere, with `futures::executor::block_on` or a `LocalPool`.
//!
//! The [`Dispatcher`] itself is `Send + Sync`, and so is its [`Gate`]: build
//! one anywhere, and run it in as many places as you like.
//!
//! # Panics
//!
//! A panic in a job's future, in `work` or in `observe` unwinds out of the
//! poll of `run`'s future that ran it. The run is then over: drop its future
//! (which drops every other job) and do not poll it again. No other run is
//! affected. To turn a job's panic into a failure instead, catch it in the
//! job, for example with `futures::FutureExt::catch_unwind` on an
//! `AssertUnwindSafe` future, and return it as an `Err`.
//!
//! # Features
//!
//! - `virtual-clock`: `VirtualClock`, a deterministic clock and the
//!   executor that drives it, so that tests of timing run exactly and at
//!   once.
//!
//! [`cancel_in_flight(false)`]: Dispatcher::cancel_in_flight
#![doc = include_str!("../docs/demo.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod clock;
mod dispatcher;
mod event;
mod gate;
mod group;
mod outcome;
#[cfg(feature = "virtual-clock")]
mod virtual_clock;

pub use clock::Clock;
pub use dispatcher::Dispatcher;
pub use event::Event;
pub use gate::Gate;
pub use outcome::{Failure, Outcome, RunError, Status};
#[cfg(feature = "virtual-clock")]
pub use virtual_clock::{Sleep, Stalled, VirtualClock};

/// A job's id: its index in `0..jobs`, which is also the order jobs start in.
pub type JobId = usize;

/// The README's examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
