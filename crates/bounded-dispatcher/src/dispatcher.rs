//! The dispatcher: its configuration, [`Dispatcher`], and the runs it
//! makes. Each run is one state machine (`run_loop.rs`, the heart).

use alloc::boxed::Box;
use core::future::Future;
use core::num::NonZeroUsize;

use futures_core::{Stream, TryFuture};

use crate::handle::NoHandle;
use crate::output::Discard;
use crate::run::{Run, Unobserved};
use crate::run_loop::Machine;
use crate::source::{Count, FromIter, FromStream, Source};
use crate::stop::NoStop;
use crate::{Gate, JobId};

/// How many jobs one poll of a run polls, at most, before it yields (wakes
/// itself and returns `Pending`), so that a run of ready jobs shares its
/// thread: its stops are heard, and the executor's other tasks run, at
/// least once per budget.
///
/// 1,024 natively, 65,536 in wasm. In the browser a yield is a trip through
/// the microtask queue (a call out to JS and one back, about 3 µs), which
/// lets other microtasks run but not the page's events or frames: with a
/// budget of 128 (tokio's), a run of ready jobs went at a third of its
/// speed in wasm; from 1,024 to 4,096, the bench page's dispatch went from
/// 227 to 270 M ready jobs a second, and to 16,384, 270 to 294 M. Once a
/// ready job cost a third as much, from 16,384 to 65,536, 862 to 971 M
/// (`node bench/dispatch.mjs`, the median of 7 to 11 page loads). 65,536
/// ready jobs take about 70 µs.
#[cfg(not(target_arch = "wasm32"))]
pub const BUDGET: usize = 1024;
/// How many jobs one poll of a run polls, at most, before it yields: see
/// the native build's documentation, which docs.rs shows.
#[cfg(target_arch = "wasm32")]
pub const BUDGET: usize = 65_536;

/// Runs jobs with a hard limit on concurrency, and cancels the rest the moment
/// one fails: Go's `errgroup.WithContext` with `SetLimit`, as one future.
///
/// A `Dispatcher` is only a configuration; each run is independent of the
/// others. It is `Send + Sync`, and cheap to clone.
///
/// # Examples
///
/// ```
/// use bounded_dispatcher::Dispatcher;
///
/// let dispatcher = Dispatcher::new(4).queue_length(10);
/// let squares = futures::executor::block_on(dispatcher.run(5, |job| async move { Ok::<_, String>(job * job) }).collect());
/// assert_eq!(squares, Ok(vec![0, 1, 4, 9, 16]));
/// ```
#[derive(Clone, Debug)]
pub struct Dispatcher {
    pub(crate) workers: NonZeroUsize,
    pub(crate) queue_length: usize,
    pub(crate) cancel_in_flight: bool,
    pub(crate) fail_fast: bool,
    pub(crate) gate: Option<Gate>,
}

impl Dispatcher {
    /// A dispatcher with `workers` workers, no queue (a queue length of 0,
    /// as Go's `make(chan Job)`), and `fail_fast` and `cancel_in_flight` on.
    ///
    /// 0 workers is taken as 1: a run always has a worker, so it can never
    /// wait for one forever (futures' `buffer_unordered(0)` does), nor run
    /// without a limit (futures' `for_each_concurrent(0)` does).
    pub fn new(workers: usize) -> Self {
        let workers = NonZeroUsize::new(workers).unwrap_or(NonZeroUsize::MIN);
        Dispatcher { workers, queue_length: 0, cancel_in_flight: true, fail_fast: true, gate: None }
    }

    /// How many jobs run at once, at most.
    pub fn workers(&self) -> usize {
        self.workers.get()
    }

    /// How many jobs wait in the queue for a worker: exactly this many while
    /// there are jobs to feed and every worker is busy. It changes only how
    /// far ahead of the workers the producer runs: which jobs a cancel finds
    /// queued rather than never fed, and how many inputs an iterator or a
    /// stream has given before a worker is free for them. For a count of
    /// jobs a longer queue costs no memory and no time. 0, the default, is
    /// Go's unbuffered channel: each job is handed straight to a worker that
    /// is ready for it, and a stream is polled only when a worker is free.
    pub fn queue_length(mut self, queue_length: usize) -> Self {
        self.queue_length = queue_length;
        self
    }

    /// Whether cancelling the run also aborts the jobs that are running (the
    /// default), or lets them run to the end as the original Go program does.
    pub fn cancel_in_flight(mut self, cancel_in_flight: bool) -> Self {
        self.cancel_in_flight = cancel_in_flight;
        self
    }

    /// Whether the first failure cancels the run (the default). When off,
    /// every job runs and every failure is reported, like Go's zero `errgroup.Group`.
    pub fn fail_fast(mut self, fail_fast: bool) -> Self {
        self.fail_fast = fail_fast;
        self
    }

    /// Workers take jobs only while `gate` is open: closing it pauses the
    /// runs of this dispatcher (and of its clones) without stopping them.
    pub fn gate(mut self, gate: Gate) -> Self {
        self.gate = Some(gate);
        self
    }

    /// Runs jobs `0..jobs`: `work(id)` makes job `id`'s future, at most
    /// `workers` of them run at once, and they start in id order. The jobs
    /// are counted, not stored: `usize::MAX` of them cost what ten do.
    ///
    /// The [`Run`] is a future (await it for its [`Outcome`](crate::Outcome)),
    /// or gives the jobs' values back: [`collect`](Run::collect),
    /// [`results`](Run::results). Name what else it needs:
    /// [`observe`](Run::observe), [`stop`](Run::stop), [`handle`](Run::handle).
    ///
    /// # Examples
    ///
    /// ```
    /// use bounded_dispatcher::{Dispatcher, Status};
    ///
    /// let waits = [300, 100, 999, 200];
    /// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build()?.block_on(async {
    /// let started = tokio::time::Instant::now();
    /// let outcome = Dispatcher::new(2)
    ///     .run(waits.len(), |job| async move {
    ///         if waits[job] > 990 {
    ///             return Err(format!("job #{job} cannot wait {} ms", waits[job]));
    ///         }
    ///         tokio::time::sleep(std::time::Duration::from_millis(waits[job])).await; // dropped if the job is aborted
    ///         Ok(())
    ///     })
    ///     .await;
    /// // Job 2 starts, and fails, when job 1 frees its worker at 100 ms: job 0
    /// // is aborted then, 200 ms before its end, and job 3 never starts.
    /// assert_eq!(outcome.status(), Status::Failed);
    /// assert_eq!(outcome.first_failure().unwrap().job(), 2);
    /// assert_eq!(started.elapsed().as_millis(), 100);
    /// # });
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn run<W, F, T, E>(&self, jobs: usize, work: W) -> Run<Count, W, F>
    where
        W: FnMut(JobId) -> F,
        F: Future<Output = Result<T, E>>,
    {
        self.start(Count(jobs), work)
    }

    /// Runs a job for each item of `inputs`, taken as the queue has room
    /// for them: `work(item)` makes its future. Ids count the jobs in the
    /// order they enter the queue.
    pub fn run_iter<I, W, F, T, E>(&self, inputs: I, work: W) -> Run<FromIter<I::IntoIter>, W, F>
    where
        I: IntoIterator,
        W: FnMut(I::Item) -> F,
        F: Future<Output = Result<T, E>>,
    {
        self.start(FromIter(Some(inputs.into_iter())), work)
    }

    /// Runs a job for each item of `inputs`, a stream polled only while the
    /// queue has room: a slow consumer slows the producer, as the original
    /// Go program's `Append` onto a buffered channel does. The run ends once
    /// the stream has ended and its jobs are done; cancelling it drops the stream.
    pub fn run_stream<S, W, F, T, E>(&self, inputs: S, work: W) -> Run<FromStream<S>, W, F>
    where
        S: Stream,
        W: FnMut(S::Item) -> F,
        F: Future<Output = Result<T, E>>,
    {
        self.start(FromStream(Some(Box::pin(inputs))), work)
    }

    fn start<S: Source<Handle = NoHandle>, W, F: TryFuture>(&self, source: S, work: W) -> Run<S, W, F> {
        Run { machine: Some(Machine::new(self.clone(), source, work, Unobserved, NoStop, Discard::default())) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn a_dispatcher_is_send_and_sync() {
        assert_send_sync::<Dispatcher>();
        assert_send_sync::<Gate>();
        assert_send_sync::<crate::RunHandle<String>>();
    }

    #[test]
    fn zero_workers_is_one() {
        assert_eq!(Dispatcher::new(0).workers(), 1);
    }
}
