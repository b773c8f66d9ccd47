//! A run, before and while it goes: [`Run`] names what it needs, and is the
//! future of its [`Outcome`]; or it gives its values in order
//! ([`Collect`](crate::Collect)), or its results as they come
//! ([`Results`](crate::Results)).

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::TryFuture;

use crate::output::{Awaited, Collect, Ordered, Results, Unordered};
use crate::run_loop::Machine;
use crate::source::{Handled, Source};
use crate::stop::{NoStop, Stop, Stops};
use crate::{Event, Outcome, RunHandle};

/// One run of a [`Dispatcher`](crate::Dispatcher), with what it needs named: made by
/// [`Dispatcher::run`](crate::Dispatcher::run), [`run_iter`](crate::Dispatcher::run_iter)
/// or [`run_stream`](crate::Dispatcher::run_stream).
///
/// It is a future: awaited (or spawned, or given to `block_on`), it runs
/// the jobs and gives the run's [`Outcome`]. Or [`collect`](Self::collect)
/// and [`results`](Self::results) give the jobs' values back. Either way, it
/// does nothing until it is polled. It is `Send` when the source, `work`,
/// the jobs' futures and values, the observer and the stops are, so
/// `tokio::spawn` takes it; and it may borrow from the caller's stack when
/// they do. Name what else it needs before it is first polled:
/// [`observe`](Self::observe), [`stop`](Self::stop), [`handle`](Self::handle).
///
/// # Cancellation
///
/// From the cancel on (the first failure with `fail_fast`, a stop, or the
/// handle's [`cancel`](RunHandle::cancel)), no job starts, and with
/// `cancel_in_flight` no job's future is polled again, even one woken in the
/// same tick: it is dropped, and so is whatever it holds (a timer it waits
/// on is cleared). Without `cancel_in_flight`, the running jobs are left to
/// finish, unless a stop or a cancel comes next. The dispatcher does not
/// guarantee that a job ran to any particular point; only that it is not
/// polled after the cancel. Dropping the run drops every job's future with
/// it, without any further event.
///
/// # Panics
///
/// A panic in a job's future, in `work` or in the observer unwinds out of
/// the poll of the run that ran it. The run is then over: drop it (which
/// drops every other job) and do not poll it again. To turn a job's panic
/// into a failure instead, catch it in the job, for example with
/// `futures::FutureExt::catch_unwind` on an `AssertUnwindSafe` future. A
/// run polled again after it completed panics, as an `async fn` does; so
/// does naming its parts after it was first polled.
#[must_use = "a run does nothing until it is awaited, collected or read as a stream"]
pub struct Run<S: Source, W, F: TryFuture, O = Unobserved, St = NoStop> {
    pub(crate) machine: Option<Machine<S, W, F, O, St, Awaited<F>>>,
}

impl<S: Source, W, F: TryFuture, O, St> Run<S, W, F, O, St> {
    fn unpolled(self) -> Machine<S, W, F, O, St, Awaited<F>> {
        // A panic of a message as written, not `expect`'s, which formats it
        // (a wasm module then carries `core::fmt`'s code for a `&str`).
        let Some(machine) = self.machine else { panic!("a run's parts are named before it is polled") };
        machine
    }

    /// Calls `observe` with every [`Event`], synchronously and in order: a
    /// log, a progress bar, a record of the run.
    pub fn observe<P: FnMut(Event)>(self, observe: P) -> Run<S, W, F, P, St> {
        Run { machine: Some(self.unpolled().with(|_| observe, |stops| stops, |sink| sink)) }
    }

    /// Stops the run when `stop` completes, whatever its output: a timeout,
    /// a signal, a user's click. The run is cancelled as by a failure, and
    /// ends [`Status::Stopped`](crate::Status::Stopped), with [`Outcome::stopped_by`] and
    /// [`RunError::Stopped`](crate::RunError::Stopped) giving `by`, so that of several stops you know
    /// which fired. Stops are polled in the order given, at every poll of
    /// the run, for as long as it lasts; at most [`BUDGET`](crate::BUDGET)
    /// jobs are polled between two polls of the stops.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use bounded_dispatcher::{Dispatcher, RunError};
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build()?.block_on(async {
    /// let (_stop_button, pressed) = tokio::sync::oneshot::channel::<()>();
    /// let sizes = Dispatcher::new(4)
    ///     .run(100, |job| async move {
    ///         tokio::time::sleep(Duration::from_millis(40)).await;
    ///         Ok::<_, String>(job)
    ///     })
    ///     .stop("deadline", tokio::time::sleep(Duration::from_millis(100)))
    ///     .stop("the stop button", pressed)
    ///     .collect()
    ///     .await;
    /// assert_eq!(sizes, Err(RunError::Stopped { by: "deadline" }));
    /// # });
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn stop<G: Future>(self, by: &'static str, stop: G) -> Run<S, W, F, O, Stop<St, G>> {
        let stops = |earlier| Stop { earlier, by, future: Box::pin(stop) };
        Run { machine: Some(self.unpolled().with(|observe| observe, stops, |sink| sink)) }
    }

    /// Gives the run `handle`, through which jobs, the observer or anyone
    /// else may add jobs to it or cancel it.
    pub fn handle(self, handle: &RunHandle<S::Input>) -> Run<Handled<S>, W, F, O, St> {
        Run { machine: Some(self.unpolled().attach(handle)) }
    }

    /// The jobs' values, by value and in job id order (for a count, `work`'s
    /// order; for an iterator or a stream, the order inputs entered the
    /// queue), once every job has succeeded; or the first failure, as soon
    /// as it happens: a failing job does not wait for the slow jobs before it.
    ///
    /// # Examples
    ///
    /// ```
    /// use bounded_dispatcher::Dispatcher;
    ///
    /// let names = vec!["ada", "grace", "barbara"];
    /// let lengths = futures::executor::block_on(Dispatcher::new(2).run_iter(names, |name| async move { Ok::<_, String>(name.len()) }).collect());
    /// assert_eq!(lengths, Ok(vec![3, 5, 7]));
    /// ```
    pub fn collect(self) -> Collect<S, W, F, O, St> {
        let ordered = |_| Ordered { values: Vec::new(), failures: Vec::new() };
        Collect { machine: Some(self.unpolled().with(|observe| observe, |stops| stops, ordered)) }
    }

    /// The jobs' results as they complete: each job's value, each failure
    /// as a [`RunError::Failed`](crate::RunError::Failed), and, for a run
    /// stopped or cancelled, the [`RunError`](crate::RunError) that says so, last. The run goes on only while the
    /// stream is read: between two reads no job is polled or started.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use bounded_dispatcher::Dispatcher;
    /// use futures::TryStreamExt;
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build()?.block_on(async {
    /// let waits = [300, 100, 200];
    /// let done: Vec<u64> = Dispatcher::new(3)
    ///     .run(waits.len(), |job| async move {
    ///         tokio::time::sleep(Duration::from_millis(waits[job])).await;
    ///         Ok::<_, String>(waits[job])
    ///     })
    ///     .results()
    ///     .try_collect()
    ///     .await
    ///     .unwrap();
    /// assert_eq!(done, [100, 200, 300]);
    /// # });
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn results(self) -> Results<S, W, F, O, St> {
        let unordered = |_| Unordered { ready: VecDeque::new() };
        Results { machine: Some(self.unpolled().with(|observe| observe, |stops| stops, unordered)), left: VecDeque::new() }
    }
}

/// What sees a run's events: a closure, given to [`Run::observe`], or
/// [`Unobserved`]. It is sealed.
pub trait Observe: sealed::Sealed {
    #[doc(hidden)]
    fn observe(&mut self, event: Event);

    #[doc(hidden)]
    /// Whether it sees the events: a run that nobody observes may take its
    /// ready jobs in a loop of its own (`run_counted` in run_loop/counted.rs).
    const SEES: bool = true;
}

mod sealed {
    pub trait Sealed {}
}

impl<P: FnMut(Event)> sealed::Sealed for P {}

impl<P: FnMut(Event)> Observe for P {
    fn observe(&mut self, event: Event) {
        self(event)
    }
}

/// No observer: a run's events go nowhere, and cost nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Unobserved;

impl sealed::Sealed for Unobserved {}

impl Observe for Unobserved {
    fn observe(&mut self, _: Event) {}

    const SEES: bool = false;
}

impl<S, W, F, O, St> Future for Run<S, W, F, O, St>
where
    S: Source,
    W: FnMut(S::Input) -> F,
    F: TryFuture,
    O: Observe,
    St: Stops,
{
    type Output = Outcome<F::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let Some(machine) = this.machine.as_mut() else { panic!("a run's future polled after it completed") };
        if machine.poll(cx).is_pending() {
            return Poll::Pending;
        }
        let (status, stopped_by) = machine.status(!machine.sink.failures.is_empty());
        let failures = core::mem::take(&mut machine.sink.failures);
        this.machine = None;
        Poll::Ready(Outcome::new(status, failures, stopped_by))
    }
}

impl<S: Source, W, F: TryFuture, O, St> fmt::Debug for Run<S, W, F, O, St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Run").field("done", &self.machine.is_none()).finish_non_exhaustive()
    }
}

// It never pins what it holds: each job's future is pinned in its own box.
impl<S: Source, W, F: TryFuture, O, St> Unpin for Run<S, W, F, O, St> {}
