//! The dispatcher's heart: one run, as a state machine that the run's
//! future owns and drives. `workers` workers take jobs from one bounded
//! queue, with cancel-on-first-error.
//!
//! - The queue is a range of ids (`source.rs`): jobs enter it in order, and
//!   a producer that keeps it full. A count's producer is always ready; an
//!   iterator's or a stream's is asked for an input only when the queue has
//!   room for it, so a slow consumer slows the producer.
//! - Each worker takes the next job, runs it to the end, and takes another:
//!   while its jobs are ready at once, in the same poll.
//! - The first failure (or a stop, or the handle's cancel) cancels the run:
//!   the queue is emptied and no job starts after that. With
//!   `cancel_in_flight`, cancelling also drops every running job, in the
//!   same poll: no job's future is polled after the cancel, even one woken
//!   in the same tick.
//! - A poll of the run polls at most [`BUDGET`] jobs, then yields, as
//!   `FuturesUnordered` does: the stops are polled, and other tasks run,
//!   between two budgets.
//!
//! Invariants:
//! 1. `fed - next <= queue_length`: the jobs in the queue. Once the run is
//!    cancelled, the queue is empty and no job enters it.
//! 2. A worker runs a job, or is idle: in `Workers::idle`, once.
//! 3. Each job ends in exactly one of succeeded, failed, cancelled, aborted.
//! 4. `plain` is true only while the run has no handle, no gate and no
//!    cause: cancelling clears it, so a cancelled run checks everything.

use core::task::{Context, Poll};

use futures_core::TryFuture;

use crate::handle::Inbox;
use crate::output::Sink;
use crate::run::{Observe, Unobserved};
use crate::source::{Queue, Source};
use crate::stop::{NoStop, Stops};
use crate::workers::{Output, Polled, Workers};
use crate::{Dispatcher, Event, JobId, BUDGET};

mod counted;
mod parts;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cause {
    Failed,
    Stopped(&'static str),
    Cancelled,
}

/// One run: what it takes jobs from, and what runs them.
pub(crate) struct Machine<S: Source, W, F, O = Unobserved, St = NoStop, K = ()> {
    config: Dispatcher,
    source: S,
    queue: Queue<S::Input>,
    work: W,
    observe: O,
    stops: St,
    /// No stop has fired yet.
    listening: bool,
    handle: S::Handle,
    /// The handle's cancel has been heard.
    cancel_heard: bool,
    workers: Workers<F>,
    /// Why the run was cancelled; the first cause sticks.
    cause: Option<Cause>,
    /// The running jobs are to be dropped: no job is polled from now on.
    abort: bool,
    /// No handle, no gate, and not cancelled: between two jobs, only the
    /// queue can hold a worker back, and the loop checks nothing else (a
    /// ready job's cost is a few such checks).
    plain: bool,
    pub(crate) sink: K,
}

impl<S, W, F, O, St, K> Machine<S, W, F, O, St, K>
where
    S: Source,
    W: FnMut(S::Input) -> F,
    F: TryFuture,
    O: Observe,
    St: Stops,
    K: Sink<F::Ok, F::Error>,
{
    // panel: begin
    /// The run loop: ready once the run is over. Each poll hears the stops,
    /// lets the idle workers take what has come, and polls the woken jobs.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        self.workers.register(cx.waker());
        self.handle.register(cx.waker());
        if self.listening {
            if let Poll::Ready(by) = self.stops.poll_stops(cx) {
                self.listening = false;
                self.interrupt(Cause::Stopped(by)); // mark: stop
            }
        }
        self.heed_handle();
        if self.cause.is_none() {
            self.fill(cx);
        }
        let mut budget = BUDGET;
        while let Some(&worker) = self.workers.idle.front() {
            if budget == 0 || self.sink.halt() {
                break;
            }
            let Some(polled) = self.take(worker, self.plain, cx) else { break };
            self.workers.idle.pop_front();
            self.run_worker(worker, polled, cx, &mut budget);
        }
        // Results not yet read keep the run going: their reader may submit more jobs.
        while !self.sink.halt() && !self.over() {
            if budget == 0 {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            let Some((worker, polled)) = self.workers.poll_woken() else { return Poll::Pending };
            self.run_worker(worker, polled, cx, &mut budget);
        }
        if self.sink.halt() {
            return Poll::Pending;
        }
        self.end(); // mark: abort
        Poll::Ready(())
    }
    // panel: end

    // panel: begin
    /// A worker's loop, from its job's poll: while its jobs are ready at
    /// once, takes and polls the next. `take` and `fill` are inlined, where
    /// their calls were much of a job's cost; this loop too, natively (in
    /// wasm, whose bytes the page counts, it costs bytes and gains nothing:
    /// docs/performance.md has the counts).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn run_worker(&mut self, worker: usize, mut polled: Polled<F>, cx: &mut Context<'_>, budget: &mut usize) {
        let mut left = *budget;
        loop {
            left -= 1;
            let Poll::Ready((job, result)) = polled else {
                // A job may have cancelled the run through its handle.
                self.heed_handle();
                break;
            };
            self.finish(worker, job, result);
            let plain = self.plain;
            if !plain {
                self.heed_handle();
                if self.abort {
                    break;
                }
            }
            if left == 0 || self.sink.halt() {
                // It goes first when the run is polled again.
                self.workers.idle.push_front(worker);
                break;
            }
            // An unobserved plain run's count with its queue full: the same take, and the ready jobs after
            // it, with the queue's counters in locals (in wasm, a counter in memory is a store and a load per
            // job). An observed run takes its jobs in this loop, so that a module whose runs are all
            // observed (the page's, whose runs are gated too) carries no second loop (463 bytes gzipped).
            let next = if !O::SEES && plain && self.counted_full() {
                self.run_counted(worker, &mut left)
            } else {
                let next = self.take(worker, plain, cx);
                if next.is_none() {
                    self.workers.idle.push_back(worker);
                }
                next
            };
            let Some(next) = next else { break };
            polled = next;
        }
        *budget = left;
    }

    /// Starts the next job on `worker`, and polls it, if one may start:
    /// the run is not cancelled, the gate is open (a `plain` run has
    /// neither to check), and the queue or the producer has one.
    #[inline(always)]
    fn take(&mut self, worker: usize, plain: bool, cx: &mut Context<'_>) -> Option<Polled<F>> {
        if !plain && (self.cause.is_some() || self.config.gate.as_ref().is_some_and(|gate| gate.poll_open(cx).is_pending())) {
            return None;
        }
        // With no queue (Go's unbuffered channel), the producer hands a job straight to a ready worker.
        if self.queue.is_empty() && (self.config.queue_length > 0 || !self.admit(cx)) {
            return None;
        }
        let (job, input) = self.queue.pop(&self.source)?; // mark: take
        self.emit(Event::Started { job, worker }); // mark: start
        self.fill(cx);
        let future = (self.work)(input);
        Some(self.workers.start(worker, job, future))
    }

    /// Fills the queue: the producer, one range of a count at once, then
    /// one input at a time while there is room and the source has one.
    #[inline(always)]
    fn fill(&mut self, cx: &mut Context<'_>) {
        let start = self.queue.fed;
        let room = self.config.queue_length - self.queue.len();
        if room == 1 && start < self.source.counted() {
            // A count's, after a take: one more.
            self.queue.fed += 1;
        } else {
            self.queue.fed = start.max(self.source.counted().min(self.queue.next.saturating_add(self.config.queue_length))); // mark: feed
            while self.queue.len() < self.config.queue_length && self.admit(cx) {}
        }
        if start < self.queue.fed {
            self.emit(Event::Queued { start, end: self.queue.fed }); // mark: queuedEmit
        }
    }

    /// Puts one more job in the queue, if the producer has one now: the
    /// count's next, or else an input from the handle's inbox, or else from
    /// the source.
    fn admit(&mut self, cx: &mut Context<'_>) -> bool {
        if self.queue.fed < self.source.counted() {
            self.queue.push(None);
            return true;
        }
        let input = match self.handle.pop() {
            Some(input) => input,
            None => match self.source.poll_next(cx) {
                Poll::Ready(Some(input)) => input,
                _ => return false,
            },
        };
        self.queue.push(Some(input));
        true
    }

    /// A job's end: its value or its error goes to the sink.
    fn finish(&mut self, worker: usize, job: JobId, result: Output<F>) {
        match result {
            Ok(value) => {
                self.emit(Event::Succeeded { job, worker }); // mark: succeed
                self.sink.value(job, value);
            }
            Err(error) => {
                self.emit(Event::Failed { job, worker }); // mark: fail
                self.sink.failure(job, error);
                if self.config.fail_fast {
                    self.cancel(Cause::Failed); // mark: failFast
                }
            }
        }
    }

    /// From here on no job starts: the queued ones and a count's never fed
    /// end cancelled, and with `cancel_in_flight` the running ones are aborted.
    fn cancel(&mut self, cause: Cause) {
        if self.cause.is_some() {
            return;
        }
        self.cause = Some(cause); // mark: cancel
        self.plain = false;
        let start = self.queue.next;
        let end = self.queue.fed.max(self.source.counted());
        self.queue.clear(end);
        self.source.close();
        self.handle.leave();
        if start < end {
            self.emit(Event::Cancelled { start, end }); // mark: canceledEmit
        }
        if self.config.cancel_in_flight {
            self.abort = true; // mark: inFlight
        }
    }

    /// A stop or the handle's cancel: it cancels the run, or, if it is
    /// cancelled already and jobs are left to finish, aborts them.
    fn interrupt(&mut self, cause: Cause) {
        if self.cause.is_some() {
            self.abort = true;
        } else {
            self.cancel(cause);
        }
    }
    // panel: end

    /// Hears the handle's cancel, once.
    fn heed_handle(&mut self) {
        if !self.cancel_heard && self.handle.is_cancelled() {
            self.cancel_heard = true;
            self.interrupt(Cause::Cancelled);
        }
    }

    /// Whether the run is over: its jobs are to be dropped, or none is
    /// running and none will start.
    fn over(&mut self) -> bool {
        if self.abort {
            return true;
        }
        if self.workers.busy() {
            return false;
        }
        self.cause.is_some()
            || (self.queue.is_empty() && self.queue.fed >= self.source.counted() && self.source.is_done() && self.handle.leave_if_empty())
    }

    /// Drops the running jobs, and reports them in id order.
    fn end(&mut self) {
        for (job, worker) in self.workers.abort() {
            self.emit(Event::Aborted { job, worker });
        }
        self.handle.leave();
    }

    fn emit(&mut self, event: Event) {
        self.observe.observe(event);
    }
}
