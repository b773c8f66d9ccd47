//! Run many jobs with a hard limit on how many run at once, and stop
//! everything the moment one fails: Go's `errgroup.WithContext` with
//! `SetLimit`, as one future, on any executor.
//!
//! A [`Dispatcher`] runs jobs from a count, an iterator or a stream, and
//! jobs may add jobs: `workers` workers take them from one bounded queue, in
//! order, and run each to the end. The first failure cancels the run: no job
//! starts after it, and the jobs that are running are dropped at once (or,
//! with [`cancel_in_flight(false)`], left to finish, as Go's are). There are
//! no threads and no task per job: the run is one future, which tokio may
//! spawn, the browser's event loop may run, and jobs may borrow from the
//! caller's stack.
//!
//! ```
//! use bounded_dispatcher::Dispatcher;
//!
//! /// Stands in for a request: fails for a page that does not exist.
//! async fn fetch(page: &str) -> Result<usize, String> {
//!     match page {
//!         "missing" => Err(format!("{page}: not found")),
//!         page => Ok(page.len() * 100),
//!     }
//! }
//!
//! let pages = ["index", "about", "missing", "blog"];
//! // Two at a time; the values come back in the pages' order.
//! let sizes = futures::executor::block_on(Dispatcher::new(2).run_iter(pages, fetch).collect());
//! assert_eq!(sizes.unwrap_err().to_string(), "job #2 failed: missing: not found");
//!
//! let sizes = futures::executor::block_on(Dispatcher::new(2).run_iter(["index", "blog"], fetch).collect());
//! assert_eq!(sizes, Ok(vec![500, 400]));
//! ```
//!
//! # Running it
//!
//! A run's future is `Send` when its parts are (the source, `work`, the
//! jobs' futures and values, the observer and the stops): `tokio::spawn`
//! takes it, and on a multi-thread runtime jobs may hand CPU-bound work to
//! `spawn_blocking`. Its parts need not be `Send`: then await it where
//! futures stay on one thread: a current-thread runtime, a `LocalSet`,
//! `futures::executor::block_on`, or the browser through
//! `wasm_bindgen_futures::spawn_local`. The [`Dispatcher`], its [`Gate`] and
//! a [`RunHandle`] of `Send` inputs are `Send + Sync`.
//!
//! CPU-bound jobs on all cores, 4 at a time, in the order given:
//!
//! ```
//! use bounded_dispatcher::Dispatcher;
//! use tokio::task::spawn_blocking;
//!
//! # #[tokio::main(flavor = "multi_thread", worker_threads = 2)]
//! # async fn main() -> anyhow::Result<()> {
//! let run = Dispatcher::new(4).run_iter([1_000u64, 2_000, 3_000], |n| spawn_blocking(move || (0..n).sum::<u64>()));
//! let sums = tokio::spawn(run.collect()).await??; // the run is Send: tokio spawns it
//! assert_eq!(sums, [499_500, 1_999_000, 4_498_500]);
//! # Ok(())
//! # }
//! ```
//!
//! The crate's `examples/` hold six programs (a crawler, a stream with
//! backpressure, an ordered map, a deadline with Ctrl-C, a wasm module, CPU
//! work), each beside the same program written with futures or tokio.
//!
//! A poll of a run polls at most [`BUDGET`] jobs before it yields, so that
//! a run of ready jobs shares its thread: its stops are heard, and other
//! tasks run, at least once per budget.
//!
//! # Features
//!
//! None: it depends only on `futures-core`, for the [`Stream`](futures_core::Stream)
//! it takes and gives. On wasm32 the crate is `no_std` (core and alloc), so
//! that a module can leave std out, and its lock is `spin`'s there.
//!
//! [`cancel_in_flight(false)`]: Dispatcher::cancel_in_flight
#![doc = include_str!("../docs/demo.md")]
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

mod dispatcher;
mod event;
mod gate;
mod handle;
mod lock;
mod outcome;
mod output;
mod run;
mod run_loop;
pub mod source;
pub mod stop;
mod workers;

pub use dispatcher::{Dispatcher, BUDGET};
pub use event::Event;
pub use gate::Gate;
pub use handle::{RunHandle, SubmitError};
pub use outcome::{Failure, Outcome, RunError, Status};
pub use output::{Collect, Results};
pub use run::{Observe, Run, Unobserved};

/// A job's id: the order in which jobs entered the queue, from 0. For
/// [`Dispatcher::run`]'s count of jobs, it is also the job's input.
pub type JobId = usize;

/// The README's examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    fn debug<T: std::fmt::Debug>(value: T) -> String {
        format!("{value:?}")
    }

    #[test]
    fn every_public_type_is_debug() {
        let dispatcher = Dispatcher::new(1).gate(Gate::new());
        let work = |job| std::future::ready(Ok::<_, ()>(job));
        let run = dispatcher.run(1, work).observe(|_| {}).stop("never", std::future::pending::<()>());
        assert!(debug(&run).starts_with("Run"));
        assert!(debug(dispatcher.run(1, work).collect()).starts_with("Collect"));
        assert!(debug(dispatcher.run(1, work).results()).starts_with("Results"));
        assert!(debug(dispatcher.run_iter([1], work)).starts_with("Run"));
        let handle = RunHandle::<usize>::new();
        handle.cancel();
        assert_eq!(debug(&handle), "RunHandle { cancelled: true, waiting: 0 }");
        assert_eq!(debug(handle.submit(3).unwrap_err()), "SubmitError { cancelled: true, .. }");
        let outcome = futures::executor::block_on(dispatcher.run(1, |_| std::future::ready(Err::<(), _>("no"))));
        assert!(debug(&outcome).contains("Failed"));
        assert!(debug(outcome.into_result().unwrap_err()).starts_with("Failed(Failure { job: 0"));
        assert!(debug(&dispatcher).starts_with("Dispatcher { workers: 1"));
        for text in [debug(Event::Queued { start: 0, end: 1 }), debug(Status::Completed), debug(Unobserved), debug(stop::NoStop)] {
            assert!(!text.is_empty());
        }
        let _ = (
            debug(source::Count(3)),
            debug(source::Handled(source::Count(3))),
            debug(source::FromIter(Some(0..3))),
            debug(source::FromStream::<futures::stream::Empty<()>>(None)),
        );
    }
}
