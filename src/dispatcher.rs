//! The dispatcher: a fixed number of worker futures pulling jobs from one
//! bounded queue, on one thread, with cancel-on-first-error.
//!
//! How one run is put together, all inside the single future that
//! [`Dispatcher::run`] returns:
//!
//! - a producer feeds job ids, in order, into a bounded queue;
//! - `workers` worker futures take ids from it and run one job each at a time;
//! - the first failure (or the `stop` future) *cancels* the run: the queue is
//!   closed and emptied, so no job starts after that, and the producer stops;
//! - with `cancel_in_flight`, cancelling also aborts the group of workers
//!   through an [`AbortHandle`]. Dropping the group drops every running job,
//!   and with it whatever the job was waiting on (a timer is cleared on drop).

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::future::Future;
use std::num::NonZeroUsize;
use std::pin::pin;

use futures::future::{self, AbortHandle, Abortable, FutureExt};
use futures::stream::{FuturesUnordered, StreamExt};

use crate::gate::Gate;
use crate::queue::Queue;
use crate::JobId;

/// Runs jobs with a hard limit on concurrency, and cancels the rest the moment
/// one fails: Go's `errgroup.WithContext` with `SetLimit`, on one thread.
///
/// A `Dispatcher` is only a configuration; each [`run`](Self::run) is
/// independent of the others.
#[derive(Clone, Debug)]
pub struct Dispatcher {
    workers: NonZeroUsize,
    queue_length: NonZeroUsize,
    cancel_in_flight: bool,
    fail_fast: bool,
    gate: Option<Gate>,
}

/// What happened to one job, as it happens. Passed to the observer of
/// [`Dispatcher::run`], synchronously and in order.
#[derive(Debug, PartialEq, Eq)]
#[allow(missing_docs)] // The fields are the job's id, the worker's index and the job's error.
pub enum Event<'a, E> {
    /// The producer put the job in the queue.
    Queued { job: JobId },
    /// A worker took the job from the queue and started it.
    Started { job: JobId, worker: usize },
    /// The job's future returned `Ok`.
    Succeeded { job: JobId, worker: usize },
    /// The job's future returned `Err`.
    Failed { job: JobId, worker: usize, error: &'a E },
    /// The run was cancelled before the job started: it was queued, or never fed.
    Canceled { job: JobId },
    /// The run was cancelled while the job was running, and its future was dropped.
    Aborted { job: JobId, worker: usize },
}

impl<E> Event<'_, E> {
    /// The job the event is about.
    pub fn job(&self) -> JobId {
        match *self {
            Event::Queued { job }
            | Event::Started { job, .. }
            | Event::Succeeded { job, .. }
            | Event::Failed { job, .. }
            | Event::Canceled { job }
            | Event::Aborted { job, .. } => job,
        }
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every job ran and none failed.
    Completed,
    /// At least one job failed.
    Failed,
    /// The `stop` future completed first.
    Stopped,
}

/// One job's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure<E> {
    /// The job that failed.
    pub job: JobId,
    /// What its future returned.
    pub error: E,
}

/// What [`Dispatcher::run`] returns, once no job is running any more.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a run's failures are only reported here"]
pub struct Outcome<E> {
    /// How the run ended.
    pub status: Status,
    /// Every failure, in the order they happened. With `fail_fast` the first
    /// is the one that cancelled the run; later ones come from jobs that were
    /// already running and were not aborted.
    pub failures: Vec<Failure<E>>,
}

impl<E> Outcome<E> {
    /// The first failure: the error Go's `errgroup.Wait` would return.
    pub fn first_failure(&self) -> Option<&Failure<E>> {
        self.failures.first()
    }
}

impl Dispatcher {
    /// A dispatcher with `workers` workers, a queue as long as `workers`,
    /// `fail_fast` and `cancel_in_flight` on.
    pub fn new(workers: NonZeroUsize) -> Self {
        Dispatcher { workers, queue_length: workers, cancel_in_flight: true, fail_fast: true, gate: None }
    }

    /// How many jobs may wait in the queue: exactly this many. The producer
    /// waits while it is full. A longer queue costs no memory.
    pub fn queue_length(mut self, queue_length: NonZeroUsize) -> Self {
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
    /// `workers` of them run at once, and they start in id order.
    ///
    /// `observe` sees every [`Event`] as it happens. When `stop` completes, the
    /// run is cancelled and ends as [`Status::Stopped`]; pass
    /// [`future::pending()`] for a run that only ends by itself.
    ///
    /// The returned future completes once no job is running: with
    /// `cancel_in_flight` right at the cancellation, otherwise when the jobs
    /// that were running have finished. Each job ends in exactly one of
    /// succeeded, failed, canceled or aborted.
    ///
    /// # Cancellation
    ///
    /// Dropping the returned future drops every job's future with it, without
    /// any further event.
    pub async fn run<W, F, T, E, O, S>(&self, jobs: usize, work: W, observe: O, stop: S) -> Outcome<E>
    where
        W: FnMut(JobId) -> F,
        F: Future<Output = Result<T, E>>,
        O: FnMut(Event<'_, E>),
        S: Future<Output = ()>,
    {
        let workers = self.workers.get();
        let (abort, registration) = AbortHandle::new_pair();
        let run = Run {
            config: self,
            jobs,
            queue: RefCell::new(Queue::new(self.queue_length.get(), workers)),
            fed: Cell::new(0),
            cause: Cell::new(None),
            running: (0..workers).map(|_| Cell::new(None)).collect(),
            failures: RefCell::new(Vec::new()),
            observe: RefCell::new(observe),
            abort,
        };
        let work = RefCell::new(work);

        let aborted = {
            let workers: FuturesUnordered<_> = (0..workers).map(|w| run.worker(w, &work)).collect();
            let mut group = pin!(Abortable::new(future::join(run.feed(), workers.count()), registration));
            let mut stop = pin!(stop.fuse());
            future::poll_fn(|cx| {
                if run.cause.get().is_none() && stop.as_mut().poll(cx).is_ready() {
                    run.cancel(Cause::Stopped);
                }
                group.as_mut().poll(cx).map(|finished| finished.is_err())
            })
            .await
            // The group is dropped here, and every running job with it.
        };
        if aborted {
            run.abort_running();
        }

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

/// The state of one run, shared by its producer and workers. Every borrow of
/// a `RefCell` here ends before the next `.await`.
struct Run<'d, E, O> {
    config: &'d Dispatcher,
    jobs: usize,
    queue: RefCell<Queue>,
    /// Jobs `0..fed` have been put in the queue.
    fed: Cell<JobId>,
    /// Why the run was cancelled; the first cause sticks.
    cause: Cell<Option<Cause>>,
    /// The job each worker is running.
    running: Box<[Cell<Option<JobId>>]>,
    failures: RefCell<Vec<Failure<E>>>,
    observe: RefCell<O>,
    abort: AbortHandle,
}

impl<E, O: FnMut(Event<'_, E>)> Run<'_, E, O> {
    fn emit(&self, event: Event<'_, E>) {
        (self.observe.borrow_mut())(event);
    }

    /// Feeds the jobs in order, waiting while the queue is full, until all are
    /// fed or the run is cancelled; then tells idle workers no more will come.
    async fn feed(&self) {
        while self.cause.get().is_none() && self.fed.get() < self.jobs {
            // Fails once the run is cancelled, which closes the queue.
            let Ok(job) = future::poll_fn(|cx| self.queue.borrow_mut().poll_push(cx)).await else {
                break;
            };
            self.fed.set(job + 1);
            self.emit(Event::Queued { job });
        }
        self.queue.borrow_mut().finish();
    }

    async fn worker<W, F, T>(&self, worker: usize, work: &RefCell<W>)
    where
        W: FnMut(JobId) -> F,
        F: Future<Output = Result<T, E>>,
    {
        let gate = self.config.gate.as_ref();
        while let Some(job) = future::poll_fn(|cx| self.queue.borrow_mut().poll_next(worker, gate, cx)).await {
            self.running[worker].set(Some(job));
            self.emit(Event::Started { job, worker });
            let job_future = (work.borrow_mut())(job);
            let result = job_future.await;
            self.running[worker].set(None);
            match result {
                Ok(_) => self.emit(Event::Succeeded { job, worker }),
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

    /// From here on no job starts: the queued ones and those never fed end
    /// canceled, and with `cancel_in_flight` the running ones are aborted.
    fn cancel(&self, cause: Cause) {
        if self.cause.get().is_some() {
            return;
        }
        self.cause.set(Some(cause));
        let queued = self.queue.borrow_mut().close();
        for job in queued.start..self.jobs {
            self.emit(Event::Canceled { job });
        }
        self.fed.set(self.jobs);
        if self.config.cancel_in_flight {
            self.abort.abort();
        }
    }

    /// Reports the jobs whose futures were dropped with the group, in id order.
    fn abort_running(&self) {
        // A heap, not a sort: std's sort is many kilobytes of wasm, for at most `workers` jobs.
        let mut running: BinaryHeap<Reverse<(JobId, usize)>> = (self.running.iter().enumerate())
            .filter_map(|(worker, job)| Some(Reverse((job.take()?, worker))))
            .collect();
        while let Some(Reverse((job, worker))) = running.pop() {
            self.emit(Event::Aborted { job, worker });
        }
    }
}
