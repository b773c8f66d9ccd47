//! A plain run's counted jobs, with the queue's counters in locals: the
//! run loop's fast path (see `run_counted`), in a file of its own.

use core::task::Poll;

use futures_core::TryFuture;

use super::Machine;
use crate::output::Sink;
use crate::run::Observe;
use crate::source::Source;
use crate::stop::Stops;
use crate::workers::Polled;
use crate::Event;

impl<S, W, F, O, St, K> Machine<S, W, F, O, St, K>
where
    S: Source,
    W: FnMut(S::Input) -> F,
    F: TryFuture,
    O: Observe,
    St: Stops,
    K: Sink<F::Ok, F::Error>,
{
    /// The queue is full of a count's jobs, and the count has more to feed:
    /// a take leaves one place, which the count fills.
    #[inline(always)]
    pub(super) fn counted_full(&self) -> bool {
        let length = self.config.queue_length;
        length > 0 && self.queue.len() == length && self.queue.fed < self.source.counted()
    }

    /// Takes the next job on `worker`, as `take` does, and while the job
    /// taken is ready with its value at once and the queue is still
    /// `counted_full`, runs it as the run loop (`run_loop.rs`) does and
    /// takes the next: the same steps and events, with the queue's counters
    /// in locals. In the run loop they stay in memory, as its calls (the
    /// fill's `admit`, a failure's `cancel`) may read them: natively on the
    /// stack, but in wasm in linear memory, where a counter's store and its
    /// load at the next job are a chain the engine does not shorten. Gives
    /// the poll of the last job taken that it did not run (pending, failed,
    /// or with the queue no longer full), or `None` with the worker in
    /// `idle`.
    #[inline(always)]
    pub(super) fn run_counted(&mut self, worker: usize, left: &mut usize) -> Option<Polled<F>> {
        // The first take on its own: a job that is pending costs no more than with `take`.
        let Some(input) = S::counted_input(self.queue.next) else {
            self.workers.idle.push_back(worker);
            return None;
        };
        let job = self.queue.next;
        self.queue.next += 1;
        self.emit(Event::Started { job, worker });
        self.queue.fed += 1;
        self.emit(Event::Queued { start: self.queue.fed - 1, end: self.queue.fed });
        let polled = self.workers.start(worker, job, (self.work)(input));
        if polled.is_pending() {
            // As the run loop counts a pending poll (a plain run has no handle to heed).
            *left -= 1;
            return None;
        }
        let (rest, still) = self.run_ready(worker, polled, *left);
        *left = still;
        rest
    }

    /// `run_counted`'s loop, from a job taken that was ready at once: a
    /// function of its own, so that a job pending at once (a timer, a
    /// request) costs no more than it did before (natively, callgrind
    /// counted 108.1 instructions per job pending once either way).
    #[inline(never)]
    fn run_ready(&mut self, worker: usize, mut polled: Polled<F>, mut left: usize) -> (Option<Polled<F>>, usize) {
        let (mut next, mut fed) = (self.queue.next, self.queue.fed);
        let (length, counted) = (self.config.queue_length, self.source.counted());
        let slot = self.workers.slot(worker);
        let mut front = false;
        let rest = loop {
            if fed - next != length || fed >= counted {
                break Some(polled);
            }
            let Some(input) = S::counted_input(next) else { break Some(polled) };
            let (job, value) = match polled {
                Poll::Ready((job, Ok(value))) => (job, value),
                other => break Some(other),
            };
            left -= 1;
            self.observe.observe(Event::Succeeded { job, worker });
            self.sink.value(job, value);
            if left == 0 || self.sink.halt() {
                front = true;
                break None;
            }
            let job = next;
            next += 1;
            self.observe.observe(Event::Started { job, worker });
            fed += 1;
            self.observe.observe(Event::Queued { start: fed - 1, end: fed });
            polled = slot.start(job, (self.work)(input));
        };
        (self.queue.next, self.queue.fed) = (next, fed);
        if front {
            // It goes first when the run is polled again.
            self.workers.idle.push_front(worker);
        }
        (rest, left)
    }
}
