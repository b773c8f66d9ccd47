//! Where a run's jobs come from: a count, an iterator or a stream of
//! inputs ([`Source`]), and the queue they wait in for a worker.
//!
//! Invariants:
//! 1. Jobs get their ids as they enter the queue, in order: it holds the
//!    jobs `next..fed`.
//! 2. A count's jobs `0..n` are their own inputs: the queue stores none of
//!    them, so that filling it is one addition however long it is. Any
//!    other job's input waits in `inputs`, which holds exactly the queued
//!    jobs from `max(next, counted)` on.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::Stream;

use crate::handle::{Attached, Inbox, NoHandle};
use crate::JobId;

/// Where a run's inputs come from: [`Count`], [`FromIter`] or [`FromStream`],
/// made by [`Dispatcher::run`](crate::Dispatcher::run),
/// [`run_iter`](crate::Dispatcher::run_iter) and
/// [`run_stream`](crate::Dispatcher::run_stream), and any of them with a
/// handle, [`Handled`], made by [`Run::handle`](crate::Run::handle). It is
/// sealed: this crate's are all there are.
pub trait Source: sealed::Sealed {
    /// What `work` is called with.
    type Input;

    #[doc(hidden)]
    /// The run's handle: `NoHandle`, or for [`Handled`] the one given.
    type Handle: Inbox<Self::Input>;

    #[doc(hidden)]
    /// How many jobs are counted: jobs `0..counted()`, each its own input.
    fn counted(&self) -> JobId;

    #[doc(hidden)]
    /// The input of counted job `job`.
    fn counted_input(job: JobId) -> Option<Self::Input>;

    #[doc(hidden)]
    /// The next input after the counted ones; `None` once there are no more.
    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Self::Input>>;

    #[doc(hidden)]
    /// Whether it has ended: no input is still to come.
    fn is_done(&self) -> bool;

    #[doc(hidden)]
    /// Drops what is left: the run takes no more.
    fn close(&mut self);
}

mod sealed {
    pub trait Sealed {}
}

/// Jobs `0..n`, each its own input: the fast case, a run of
/// [`Dispatcher::run`](crate::Dispatcher::run).
#[derive(Clone, Copy, Debug)]
pub struct Count(pub(crate) JobId);

impl sealed::Sealed for Count {}

impl Source for Count {
    type Input = JobId;
    type Handle = NoHandle;

    fn counted(&self) -> JobId {
        self.0
    }

    fn counted_input(job: JobId) -> Option<JobId> {
        Some(job)
    }

    fn poll_next(&mut self, _: &mut Context<'_>) -> Poll<Option<JobId>> {
        Poll::Ready(None)
    }

    fn is_done(&self) -> bool {
        true
    }

    fn close(&mut self) {}
}

/// The items of an iterator, taken one by one as there is room for them:
/// a run of [`Dispatcher::run_iter`](crate::Dispatcher::run_iter).
#[derive(Debug)]
pub struct FromIter<I>(pub(crate) Option<I>);

impl<I> sealed::Sealed for FromIter<I> {}

impl<I: Iterator> Source for FromIter<I> {
    type Input = I::Item;
    type Handle = NoHandle;

    fn counted(&self) -> JobId {
        0
    }

    fn counted_input(_: JobId) -> Option<I::Item> {
        None
    }

    fn poll_next(&mut self, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let next = self.0.as_mut().and_then(Iterator::next);
        if next.is_none() {
            self.0 = None;
        }
        Poll::Ready(next)
    }

    fn is_done(&self) -> bool {
        self.0.is_none()
    }

    fn close(&mut self) {
        self.0 = None;
    }
}

/// The items of a stream, polled only while there is room for them: a run
/// of [`Dispatcher::run_stream`](crate::Dispatcher::run_stream).
pub struct FromStream<S>(pub(crate) Option<Pin<Box<S>>>);

impl<S> sealed::Sealed for FromStream<S> {}

impl<S: Stream> Source for FromStream<S> {
    type Input = S::Item;
    type Handle = NoHandle;

    fn counted(&self) -> JobId {
        0
    }

    fn counted_input(_: JobId) -> Option<S::Item> {
        None
    }

    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let Some(stream) = &mut self.0 else { return Poll::Ready(None) };
        let next = stream.as_mut().poll_next(cx);
        if let Poll::Ready(None) = next {
            self.0 = None;
        }
        next
    }

    fn is_done(&self) -> bool {
        self.0.is_none()
    }

    fn close(&mut self) {
        self.0 = None;
    }
}

impl<S> fmt::Debug for FromStream<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromStream").field("done", &self.0.is_none()).finish_non_exhaustive()
    }
}

/// The inputs of `S`, in a run given a [`RunHandle`](crate::RunHandle)
/// by [`Run::handle`](crate::Run::handle), which adds its own. A type of its
/// own, so that a run without a handle carries no code for one.
#[derive(Clone, Copy, Debug)]
pub struct Handled<S>(pub(crate) S);

impl<S> sealed::Sealed for Handled<S> {}

impl<S: Source> Source for Handled<S> {
    type Input = S::Input;
    type Handle = Attached<S::Input>;

    fn counted(&self) -> JobId {
        self.0.counted()
    }

    fn counted_input(job: JobId) -> Option<S::Input> {
        S::counted_input(job)
    }

    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<S::Input>> {
        self.0.poll_next(cx)
    }

    fn is_done(&self) -> bool {
        self.0.is_done()
    }

    fn close(&mut self) {
        self.0.close();
    }
}

/// The queue: jobs `next..fed`, in id order.
pub(crate) struct Queue<I> {
    pub(crate) next: JobId,
    pub(crate) fed: JobId,
    inputs: VecDeque<I>,
}

impl<I> Queue<I> {
    pub(crate) fn new() -> Self {
        Queue { next: 0, fed: 0, inputs: VecDeque::new() }
    }

    /// How many jobs it holds.
    pub(crate) fn len(&self) -> usize {
        self.fed - self.next
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.next == self.fed
    }

    /// Puts the next job in, with its input unless the source counts it.
    pub(crate) fn push(&mut self, input: Option<I>) {
        self.inputs.extend(input);
        self.fed += 1;
    }

    /// Takes the first job out, with its input; the queue is not empty.
    pub(crate) fn pop<S: Source<Input = I>>(&mut self, source: &S) -> Option<(JobId, I)> {
        let job = self.next;
        let input = if job < source.counted() { S::counted_input(job) } else { self.inputs.pop_front() }?;
        self.next += 1;
        Some((job, input))
    }

    /// Empties it, and counts every job up to `end` as fed: they will not be.
    pub(crate) fn clear(&mut self, end: JobId) {
        self.inputs.clear();
        self.next = end;
        self.fed = end;
    }
}
