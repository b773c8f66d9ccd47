//! The stops of a run, each a future with a name: the first to complete
//! stops the run, and the outcome says which.

use alloc::boxed::Box;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// The stops given to [`Run::stop`](crate::Run::stop): [`NoStop`], or a
/// [`Stop`] after those given before it. It is sealed: it is made only by
/// `Run::stop`.
pub trait Stops: sealed::Sealed {
    #[doc(hidden)]
    /// Polls every stop, earliest given first; the name of the first to complete.
    fn poll_stops(&mut self, cx: &mut Context<'_>) -> Poll<&'static str>;
}

mod sealed {
    pub trait Sealed {}
}

/// No stop: a run that ends only by itself, by a failure, or by its handle.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoStop;

impl sealed::Sealed for NoStop {}

impl Stops for NoStop {
    fn poll_stops(&mut self, _: &mut Context<'_>) -> Poll<&'static str> {
        Poll::Pending
    }
}

/// A stop named `by`, after the stops `earlier`.
pub struct Stop<A, F> {
    pub(crate) earlier: A,
    pub(crate) by: &'static str,
    pub(crate) future: Pin<Box<F>>,
}

impl<A, F> sealed::Sealed for Stop<A, F> {}

impl<A: Stops, F: Future> Stops for Stop<A, F> {
    fn poll_stops(&mut self, cx: &mut Context<'_>) -> Poll<&'static str> {
        if let Poll::Ready(by) = self.earlier.poll_stops(cx) {
            return Poll::Ready(by);
        }
        self.future.as_mut().poll(cx).map(|_| self.by)
    }
}

impl<A: fmt::Debug, F> fmt::Debug for Stop<A, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stop").field("earlier", &self.earlier).field("by", &self.by).finish_non_exhaustive()
    }
}
