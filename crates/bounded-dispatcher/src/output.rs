//! What a run gives back, besides its outcome: its values in order
//! ([`Collect`]), or its results as they come ([`Results`]); and the sinks
//! the run loop hands values and errors to.

use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::{FusedStream, Stream, TryFuture};

use crate::run::Observe;
use crate::run_loop::Machine;
use crate::source::Source;
use crate::stop::Stops;
use crate::{Failure, JobId, Outcome, RunError, Status};

/// Where a run's values and errors go.
pub(crate) trait Sink<T, E> {
    fn value(&mut self, job: JobId, value: T);
    fn failure(&mut self, job: JobId, error: E);
    /// The run is to stop between two jobs: what it has made waits to be read.
    fn halt(&self) -> bool {
        false
    }
}

/// The sinks of a run of jobs whose futures are `F`: awaited, collected, streamed.
pub(crate) type Awaited<F> = Discard<<F as TryFuture>::Error>;
pub(crate) type InOrder<F> = Ordered<<F as TryFuture>::Ok, <F as TryFuture>::Error>;
pub(crate) type AsTheyCome<F> = Unordered<<F as TryFuture>::Ok, <F as TryFuture>::Error>;

/// An awaited run's: values are dropped, failures kept.
pub(crate) struct Discard<E> {
    pub(crate) failures: Vec<Failure<E>>,
}

impl<E> Default for Discard<E> {
    fn default() -> Self {
        Discard { failures: Vec::new() }
    }
}

impl<T, E> Sink<T, E> for Discard<E> {
    fn value(&mut self, _: JobId, _: T) {}

    fn failure(&mut self, job: JobId, error: E) {
        self.failures.push(Failure::new(job, error));
    }
}

/// A collected run's: values by id.
pub(crate) struct Ordered<T, E> {
    pub(crate) values: Vec<Option<T>>,
    pub(crate) failures: Vec<Failure<E>>,
}

impl<T, E> Sink<T, E> for Ordered<T, E> {
    fn value(&mut self, job: JobId, value: T) {
        if job >= self.values.len() {
            self.values.resize_with(job + 1, || None);
        }
        self.values[job] = Some(value);
    }

    fn failure(&mut self, job: JobId, error: E) {
        self.failures.push(Failure::new(job, error));
    }
}

/// A streamed run's: results in the order they came, until read.
pub(crate) struct Unordered<T, E> {
    pub(crate) ready: VecDeque<Result<T, RunError<E>>>,
}

impl<T, E> Sink<T, E> for Unordered<T, E> {
    fn value(&mut self, _: JobId, value: T) {
        self.ready.push_back(Ok(value));
    }

    fn failure(&mut self, job: JobId, error: E) {
        self.ready.push_back(Err(RunError::Failed(Failure::new(job, error))));
    }

    fn halt(&self) -> bool {
        !self.ready.is_empty()
    }
}

/// The future of [`Run::collect`](crate::Run::collect): every job's value in id order, or why not.
#[must_use = "futures do nothing unless polled"]
pub struct Collect<S: Source, W, F: TryFuture, O, St> {
    pub(crate) machine: Option<Machine<S, W, F, O, St, InOrder<F>>>,
}

impl<S, W, F, O, St> Future for Collect<S, W, F, O, St>
where
    S: Source,
    W: FnMut(S::Input) -> F,
    F: TryFuture,
    O: Observe,
    St: Stops,
{
    type Output = Result<Vec<F::Ok>, RunError<F::Error>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        // As `Run`'s poll: a panic of a message as written, and no second `Option` to take.
        let Some(machine) = this.machine.as_mut() else { panic!("a run's future polled after it completed") };
        if machine.poll(cx).is_pending() {
            return Poll::Pending;
        }
        let (status, stopped_by) = machine.status(!machine.sink.failures.is_empty());
        let Ordered { values, failures } = core::mem::replace(&mut machine.sink, Ordered { values: Vec::new(), failures: Vec::new() });
        this.machine = None;
        // Completed: every job has its value.
        Poll::Ready(Outcome::new(status, failures, stopped_by).into_result().map(|()| values.into_iter().flatten().collect()))
    }
}

/// The stream of [`Run::results`](crate::Run::results): each job's result as it completes.
#[must_use = "streams do nothing unless polled"]
pub struct Results<S: Source, W, F: TryFuture, O, St> {
    pub(crate) machine: Option<Machine<S, W, F, O, St, AsTheyCome<F>>>,
    /// Once the run is over: what is left to read.
    pub(crate) left: VecDeque<Result<F::Ok, RunError<F::Error>>>,
}

impl<S, W, F, O, St> Stream for Results<S, W, F, O, St>
where
    S: Source,
    W: FnMut(S::Input) -> F,
    F: TryFuture,
    O: Observe,
    St: Stops,
{
    type Item = Result<F::Ok, RunError<F::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(result) = this.left.pop_front() {
            return Poll::Ready(Some(result));
        }
        let Some(machine) = this.machine.as_mut() else { return Poll::Ready(None) };
        if let Some(result) = machine.sink.ready.pop_front() {
            return Poll::Ready(Some(result));
        }
        if machine.poll(cx).is_ready() {
            // Over: what is left to read, then why it stopped, if it did.
            let (status, by) = machine.status(false);
            this.left = core::mem::take(&mut machine.sink.ready);
            match status {
                Status::Stopped => this.left.push_back(Err(RunError::Stopped { by: by.unwrap_or("a stop") })),
                Status::Cancelled => this.left.push_back(Err(RunError::Cancelled)),
                _ => {}
            }
            this.machine = None;
            return Poll::Ready(this.left.pop_front());
        }
        match machine.sink.ready.pop_front() {
            Some(result) => Poll::Ready(Some(result)),
            None => Poll::Pending,
        }
    }
}

impl<S, W, F, O, St> FusedStream for Results<S, W, F, O, St>
where
    S: Source,
    W: FnMut(S::Input) -> F,
    F: TryFuture,
    O: Observe,
    St: Stops,
{
    fn is_terminated(&self) -> bool {
        self.machine.is_none() && self.left.is_empty()
    }
}

macro_rules! opaque_debug {
    ($($name:ident),*) => {$(
        impl<S: Source, W, F: TryFuture, O, St> fmt::Debug for $name<S, W, F, O, St> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name)).field("done", &self.machine.is_none()).finish_non_exhaustive()
            }
        }
    )*};
}

opaque_debug!(Collect, Results);

// They never pin what they hold: each job's future is pinned in its own box.
impl<S: Source, W, F: TryFuture, O, St> Unpin for Collect<S, W, F, O, St> {}
impl<S: Source, W, F: TryFuture, O, St> Unpin for Results<S, W, F, O, St> {}
