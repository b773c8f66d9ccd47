//! The dispatcher: `workers` worker futures taking jobs from one bounded
//! queue, with cancel-on-first-error, all inside the future that
//! [`Dispatcher::run`] returns.
//!
//! - The queue is two counters. Jobs go in in id order, so what it holds is
//!   always the range `next..fed`: fed, and not started. The producer only
//!   hands over ids, so it is always ready: it keeps the queue full, and a
//!   job leaving the queue lets the next one in at once, as Go's producer
//!   goroutine, blocked on its send, would.
//! - Each worker takes the next job, runs it to the end, and takes another.
//! - The first failure (or `stop`) cancels the run: the queue is emptied
//!   and no job starts after that. With `cancel_in_flight`, cancelling also
//!   drops every running job, in the same poll: no job's future is polled
//!   after the cancel, even one woken in the same tick.
//!
//! Invariants:
//! 1. `next <= fed <= jobs`, and `fed - next <= queue_length`: the jobs in
//!    the queue. Once the run is cancelled, `next == fed == jobs`.
//! 2. `running[w]` is the job worker `w` runs; `busy` counts them.
//! 3. Each job ends in exactly one of succeeded, failed, canceled, aborted.
//! 4. A `RefCell` here is borrowed only within one call, never across an
//!    `.await`; the observer runs with only `observe` borrowed.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::future::{poll_fn, Future};
use std::num::NonZeroUsize;
use std::pin::pin;
use std::task::Poll;

use crate::group::Group;
use crate::{Event, Failure, Gate, JobId, Outcome, Status};

/// Runs jobs with a hard limit on concurrency, and cancels the rest the moment
/// one fails: Go's `errgroup.WithContext` with `SetLimit`, on one thread.
///
/// A `Dispatcher` is only a configuration; each [`run`](Self::run) is
/// independent of the others. It is `Send + Sync`, and cheap to clone.
///
/// # Examples
///
/// ```
/// use std::num::NonZeroUsize;
/// use bounded_dispatcher::{Dispatcher, Event, RunError};
///
/// let names = ["ada", "grace", "", "barbara"];
/// let mut lengths = Vec::new();
/// let outcome = futures::executor::block_on(Dispatcher::new(NonZeroUsize::MIN).run(
///     names.len(),
///     |job| async move { if names[job].is_empty() { Err("empty name") } else { Ok(names[job].len()) } },
///     |event| if let Event::Succeeded { value, .. } = event { lengths.push(*value) },
///     std::future::pending(),
/// ));
/// assert_eq!(lengths, [3, 5]);
/// assert!(matches!(outcome.into_result(), Err(RunError::Failed(failure)) if failure.job == 2));
/// ```
#[derive(Clone, Debug)]
pub struct Dispatcher {
    workers: NonZeroUsize,
    queue_length: usize,
    cancel_in_flight: bool,
    fail_fast: bool,
    gates: Vec<Gate>,
}

impl Dispatcher {
    /// A dispatcher with `workers` workers, no queue (a queue length of 0,
    /// as Go's `make(chan Job)`), and `fail_fast` and `cancel_in_flight` on.
    pub fn new(workers: NonZeroUsize) -> Self {
        Dispatcher { workers, queue_length: 0, cancel_in_flight: true, fail_fast: true, gates: Vec::new() }
    }

    /// How many jobs wait in the queue for a worker: exactly this many while
    /// there are jobs to feed and every worker is busy. A longer queue costs
    /// no memory and no time: it changes only how far ahead of the workers
    /// the producer runs, that is, which jobs a cancel finds queued rather
    /// than never fed. 0, the default, is Go's unbuffered channel: each job
    /// is handed straight to a worker that is ready for it.
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
    /// Given several gates (a user's pause, and a scheduler's "let the page
    /// have its turn"), workers take jobs only while every one is open.
    pub fn gate(mut self, gate: Gate) -> Self {
        self.gates.push(gate);
        self
    }

    /// Runs jobs `0..jobs`: `work(id)` makes job `id`'s future, at most
    /// `workers` of them run at once, and they start in id order.
    ///
    /// `observe` sees every [`Event`] as it happens. When `stop` completes,
    /// the run is cancelled and ends as [`Status::Stopped`]; pass
    /// [`std::future::pending()`] for a run that only ends by itself.
    ///
    /// The returned future completes once no job is running: with
    /// `cancel_in_flight`, in the poll that cancels the run; otherwise when
    /// the jobs that were running have finished, or at once if `stop`
    /// completes first. Each job ends in exactly one of succeeded, failed,
    /// canceled or aborted.
    ///
    /// The future is `!Send` (see [Running it](crate#running-it)).
    ///
    /// # Cancellation
    ///
    /// From the cancel on, no job's future is polled again, except, without
    /// `cancel_in_flight`, those left to finish. A job is aborted by dropping
    /// its future, and so whatever it holds: a timer it waits on is cleared.
    /// The dispatcher does not guarantee that a job ran to any particular
    /// point; only that it is not polled after the cancel.
    ///
    /// Dropping the returned future drops every job's future with it, without
    /// any further event.
    pub async fn run<W, F, T, E, O, S>(&self, jobs: usize, work: W, observe: O, stop: S) -> Outcome<E>
    where
        W: FnMut(JobId) -> F,
        F: Future<Output = Result<T, E>>,
        O: FnMut(Event<'_, T, E>),
        S: Future<Output = ()>,
    {
        let run = Run {
            config: self,
            jobs,
            next: Cell::new(0),
            fed: Cell::new(0),
            cause: Cell::new(None),
            abort: Cell::new(false),
            running: (0..self.workers.get()).map(|_| Cell::new(None)).collect(),
            busy: Cell::new(0),
            failures: RefCell::new(Vec::new()),
            work: RefCell::new(work),
            observe: RefCell::new(observe),
        };
        {
            let mut workers = Group::new((0..self.workers.get()).map(|worker| run.worker(worker)));
            let mut stop = pin!(stop);
            let mut waiting_for_stop = true;
            let mut fed_at_start = false;
            poll_fn(|cx| {
                if waiting_for_stop && stop.as_mut().poll(cx).is_ready() {
                    waiting_for_stop = false;
                    run.stopped();
                }
                if !fed_at_start {
                    fed_at_start = true;
                    run.feed();
                }
                if run.over() {
                    return Poll::Ready(());
                }
                workers.poll(cx, || run.over())
            })
            .await;
            // The workers are dropped here, and every running job with them.
        }
        run.report_aborted();

        let failures = run.failures.into_inner();
        let status = match run.cause.get() {
            Some(Cause::Stopped) => Status::Stopped,
            Some(Cause::Failed) => Status::Failed,
            None if failures.is_empty() => Status::Completed,
            None => Status::Failed,
        };
        Outcome { status, failures }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cause {
    Failed,
    Stopped,
}

/// The state of one run, shared by its workers.
struct Run<'d, W, O, E> {
    config: &'d Dispatcher,
    jobs: usize,
    /// The next job to start: jobs `next..fed` are in the queue.
    next: Cell<JobId>,
    /// Jobs `0..fed` have been fed.
    fed: Cell<JobId>,
    /// Why the run was cancelled; the first cause sticks.
    cause: Cell<Option<Cause>>,
    /// The running jobs are to be dropped: no job is polled from now on.
    abort: Cell<bool>,
    running: Box<[Cell<Option<JobId>>]>,
    busy: Cell<usize>,
    failures: RefCell<Vec<Failure<E>>>,
    work: RefCell<W>,
    observe: RefCell<O>,
}

impl<W, F, T, E, O> Run<'_, W, O, E>
where
    W: FnMut(JobId) -> F,
    F: Future<Output = Result<T, E>>,
    O: FnMut(Event<'_, T, E>),
{
    fn emit(&self, event: Event<'_, T, E>) {
        (self.observe.borrow_mut())(event);
    }

    async fn worker(&self, worker: usize) {
        // Looked up once: a worker may run millions of jobs.
        let running = &self.running[worker];
        let gates = &self.config.gates[..];
        while let Some(job) = poll_fn(|cx| self.poll_take(worker, running, gates, cx)).await {
            let job_future = (self.work.borrow_mut())(job);
            let result = job_future.await;
            running.set(None);
            self.busy.set(self.busy.get() - 1);
            match result {
                Ok(value) => self.emit(Event::Succeeded { job, worker, value: &value }),
                Err(error) => {
                    self.emit(Event::Failed { job, worker, error: &error });
                    self.failures.borrow_mut().push(Failure { job, error });
                    if self.config.fail_fast {
                        self.cancel(Cause::Failed);
                    }
                }
            }
        }
    }

    /// The next job for `worker`, started; `None` once no more will start.
    /// While a gate is closed, it waits.
    fn poll_take(
        &self,
        worker: usize,
        running: &Cell<Option<JobId>>,
        gates: &[Gate],
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Option<JobId>> {
        let job = self.next.get();
        if job == self.jobs {
            return Poll::Ready(None);
        }
        for gate in gates {
            if gate.poll_open(cx).is_pending() {
                return Poll::Pending;
            }
        }
        self.next.set(job + 1);
        // With no queue, the job goes from the producer straight to the worker.
        self.fed.set(self.fed.get().max(job + 1));
        running.set(Some(job));
        self.busy.set(self.busy.get() + 1);
        self.emit(Event::Started { job, worker });
        self.feed();
        Poll::Ready(Some(job))
    }

    /// Fills the queue: the producer, which is always ready to send.
    fn feed(&self) {
        let start = self.fed.get();
        let end = self.jobs.min(self.next.get().saturating_add(self.config.queue_length));
        if start < end {
            self.fed.set(end);
            self.emit(Event::Queued { start, end });
        }
    }

    /// From here on no job starts: the queued ones and those never fed end
    /// canceled, and with `cancel_in_flight` the running ones are aborted.
    fn cancel(&self, cause: Cause) {
        if self.cause.get().is_some() {
            return;
        }
        self.cause.set(Some(cause));
        let start = self.next.replace(self.jobs);
        self.fed.set(self.jobs);
        if start < self.jobs {
            self.emit(Event::Canceled { start, end: self.jobs });
        }
        if self.config.cancel_in_flight {
            self.abort.set(true);
        }
    }

    /// The stop future completed: it cancels the run, or, if a failure has
    /// already cancelled it and jobs are left to finish, aborts them.
    fn stopped(&self) {
        if self.cause.get().is_some() {
            self.abort.set(true);
        } else {
            self.cancel(Cause::Stopped);
        }
    }

    /// Whether the run is over although workers are left: they are to be
    /// dropped, or the run was cancelled and none of them runs a job.
    fn over(&self) -> bool {
        self.abort.get() || (self.cause.get().is_some() && self.busy.get() == 0)
    }

    /// Reports the jobs whose futures were dropped with the workers, in id order.
    fn report_aborted(&self) {
        // A heap, not a sort: std's sort is kilobytes of wasm, for at most `workers` jobs.
        let mut running: BinaryHeap<Reverse<(JobId, usize)>> =
            (self.running.iter().enumerate()).filter_map(|(worker, job)| Some(Reverse((job.take()?, worker)))).collect();
        while let Some(Reverse((job, worker))) = running.pop() {
            self.emit(Event::Aborted { job, worker });
        }
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
    }
}
