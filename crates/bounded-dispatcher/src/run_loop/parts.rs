//! A run made, its parts swapped before it starts, a handle attached, and
//! how it ended: the run loop's (`run_loop.rs`) plumbing.

use super::{Cause, Machine};
use crate::handle::NoHandle;
use crate::source::{Handled, Queue, Source};
use crate::workers::Workers;
use crate::{Dispatcher, RunHandle, Status};

impl<S: Source, W, F, O, St, K> Machine<S, W, F, O, St, K> {
    pub(crate) fn new(config: Dispatcher, source: S, work: W, observe: O, stops: St, sink: K) -> Self
    where
        S: Source<Handle = NoHandle>,
    {
        let workers = Workers::new(config.workers.get());
        let (handle, cause, abort, listening, cancel_heard, plain) = (NoHandle, None, false, true, false, config.gate.is_none());
        let queue = Queue::new();
        Machine { config, source, queue, work, observe, stops, listening, handle, cancel_heard, workers, cause, abort, plain, sink }
    }

    /// The same run with other parts, before it is first polled.
    pub(crate) fn with<P, Su, L>(
        self,
        to_observe: impl FnOnce(O) -> P,
        to_stops: impl FnOnce(St) -> Su,
        to_sink: impl FnOnce(K) -> L,
    ) -> Machine<S, W, F, P, Su, L> {
        let Machine { config, source, queue, work, observe, stops, listening, handle, cancel_heard, workers, cause, abort, plain, sink } =
            self;
        let (observe, stops, sink) = (to_observe(observe), to_stops(stops), to_sink(sink));
        Machine { config, source, queue, work, observe, stops, listening, handle, cancel_heard, workers, cause, abort, plain, sink }
    }

    /// The same run, taking inputs from `handle`'s inbox and hearing its
    /// cancel; a handle given before is left.
    pub(crate) fn attach(self, handle: &RunHandle<S::Input>) -> Machine<Handled<S>, W, F, O, St, K> {
        let Machine { config, source, queue, work, observe, stops, listening, cancel_heard, workers, cause, abort, sink, .. } = self;
        let (source, handle, plain) = (Handled(source), handle.attach(), false);
        Machine { config, source, queue, work, observe, stops, listening, handle, cancel_heard, workers, cause, abort, plain, sink }
    }

    /// How the run ended, and the name of the stop that ended it.
    pub(crate) fn status(&self, failed: bool) -> (Status, Option<&'static str>) {
        match self.cause {
            Some(Cause::Stopped(by)) => (Status::Stopped, Some(by)),
            Some(Cause::Cancelled) => (Status::Cancelled, None),
            Some(Cause::Failed) => (Status::Failed, None),
            None if failed => (Status::Failed, None),
            None => (Status::Completed, None),
        }
    }
}
