//! The workers of one run: a slot each for the job it runs, boxed once and
//! polled in place, and the list of those woken since they were last polled.
//!
//! `FuturesUnordered` does this for a set that grows and shrinks, with a
//! node per future. A run's workers are made once, and each runs one job
//! after another in its slot: `Pin::set` drops a job's future and puts the
//! next one in its place, with no allocation per job and no `unsafe`.
//!
//! Invariants:
//! 1. A worker's index is in `woken` at most once: its waker's `queued` flag
//!    says whether it is there.
//! 2. The flag is cleared just before the worker is taken from the list to
//!    be polled, so a wake during that poll, or after it, queues it again.
//! 3. The parent task is woken when an index goes into an empty `woken`;
//!    `register` gives it the parent's waker before anything is polled.
//! 4. A worker with no job is in `idle`, once; one with a job is not.

use std::collections::{BinaryHeap, VecDeque};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

use futures_core::TryFuture;

use crate::JobId;

/// What a job's future gives.
pub(crate) type Output<F> = Result<<F as TryFuture>::Ok, <F as TryFuture>::Error>;

/// A poll of a worker's job: once it is ready, the job's id and output.
pub(crate) type Polled<F> = Poll<(JobId, Output<F>)>;

pub(crate) struct Workers<F> {
    slots: Box<[Slot<F>]>,
    woken: Arc<Woken>,
    /// The parent's waker, as `woken` has it: compared without the lock.
    parent: Option<Waker>,
    /// The indices being polled, taken from `woken` (its allocation goes back
    /// and forth), and how many have been.
    batch: Vec<usize>,
    polled: usize,
    /// The workers without a job, in the order they became free.
    pub(crate) idle: VecDeque<usize>,
}

/// One worker: its job, and the waker it polls it with.
struct Slot<F> {
    /// `None` while it has no job.
    future: Pin<Box<Option<F>>>,
    /// The job's id.
    job: JobId,
    waker: Waker,
    woken: Arc<WorkerWaker>,
}

#[derive(Default)]
struct Woken(Mutex<WokenList>);

#[derive(Default)]
struct WokenList {
    indices: Vec<usize>,
    parent: Option<Waker>,
}

impl Woken {
    fn lock(&self) -> MutexGuard<'_, WokenList> {
        // Nothing panics while it is held.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The waker of one worker's jobs.
struct WorkerWaker {
    index: usize,
    queued: AtomicBool,
    woken: Arc<Woken>,
}

impl Wake for WorkerWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        let parent = {
            let mut woken = self.woken.lock();
            woken.indices.push(self.index);
            if woken.indices.len() == 1 {
                woken.parent.clone()
            } else {
                None
            }
        };
        if let Some(parent) = parent {
            parent.wake();
        }
    }
}

impl<F: TryFuture> Slot<F> {
    fn poll(&mut self) -> Polled<F> {
        let Some(future) = self.future.as_mut().as_pin_mut() else { return Poll::Pending };
        let Poll::Ready(output) = future.try_poll(&mut Context::from_waker(&self.waker)) else { return Poll::Pending };
        self.future.set(None);
        Poll::Ready((self.job, output))
    }
}

impl<F> Workers<F> {
    pub(crate) fn new(workers: usize) -> Self {
        let woken = Arc::new(Woken::default());
        let slots = (0..workers)
            .map(|index| {
                let waker = Arc::new(WorkerWaker { index, queued: AtomicBool::new(false), woken: woken.clone() });
                Slot { future: Box::pin(None), job: 0, waker: Waker::from(waker.clone()), woken: waker }
            })
            .collect();
        Workers { slots, woken, parent: None, batch: Vec::new(), polled: 0, idle: (0..workers).collect() }
    }
}

impl<F: TryFuture> Workers<F> {
    /// Wakes `parent` when a worker is woken.
    pub(crate) fn register(&mut self, parent: &Waker) {
        if !self.parent.as_ref().is_some_and(|registered| registered.will_wake(parent)) {
            self.woken.lock().parent = Some(parent.clone());
            self.parent = Some(parent.clone());
        }
    }

    /// Puts job `job`'s future in `worker`'s slot, and polls it.
    pub(crate) fn start(&mut self, worker: usize, job: JobId, future: F) -> Polled<F> {
        let slot = &mut self.slots[worker];
        slot.job = job;
        slot.future.set(Some(future));
        slot.poll().map(|(_, output)| (job, output))
    }

    /// Whether a worker runs a job.
    pub(crate) fn busy(&self) -> bool {
        self.idle.len() < self.slots.len()
    }

    /// Polls `worker`'s job; once it is ready, the slot is emptied, and the
    /// job's id comes with its output. A worker with no job (woken after its
    /// job ended) is pending.
    pub(crate) fn poll(&mut self, worker: usize) -> Polled<F> {
        self.slots[worker].poll()
    }

    /// The next worker woken since it was last polled, in the order they were woken.
    pub(crate) fn next_woken(&mut self) -> Option<usize> {
        if self.polled == self.batch.len() {
            self.batch.clear();
            self.polled = 0;
            std::mem::swap(&mut self.woken.lock().indices, &mut self.batch);
        }
        let worker = *self.batch.get(self.polled)?;
        self.polled += 1;
        self.slots[worker].woken.queued.store(false, Ordering::Release);
        Some(worker)
    }

    /// Drops every job's future, and says which jobs they were, by id.
    pub(crate) fn abort(&mut self) -> Vec<(JobId, usize)> {
        // A heap, not a sort: std's sort is kilobytes of wasm, for at most `workers` jobs.
        let mut aborted = BinaryHeap::new();
        for (worker, slot) in self.slots.iter_mut().enumerate() {
            if slot.future.is_some() {
                slot.future.set(None);
                aborted.push((slot.job, worker));
            }
        }
        aborted.into_sorted_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::future::Future;
    use std::rc::Rc;

    /// A future that counts its polls, keeps its waker, and is ready on the `ready_at`-th poll.
    fn counting(polls: Rc<Cell<u32>>, ready_at: u32, waker: Rc<Cell<Option<Waker>>>) -> impl Future<Output = Result<(), ()>> {
        std::future::poll_fn(move |cx| {
            polls.set(polls.get() + 1);
            waker.set(Some(cx.waker().clone()));
            if polls.get() >= ready_at {
                Poll::Ready(Ok(()))
            } else {
                Poll::Pending
            }
        })
    }

    fn noop() -> Waker {
        futures::task::noop_waker()
    }

    #[test]
    fn only_woken_workers_come_back_and_each_once() {
        let polls: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(0))).collect();
        let wakers: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(None::<Waker>))).collect();
        let mut workers = Workers::new(3);
        workers.register(&noop());
        for (i, (polls, waker)) in polls.iter().zip(&wakers).enumerate() {
            assert!(workers.start(i, i, counting(polls.clone(), 3, waker.clone())).is_pending());
        }
        assert_eq!(workers.next_woken(), None);
        let waker = wakers[2].take().unwrap();
        waker.wake_by_ref();
        waker.wake();
        wakers[0].take().unwrap().wake();
        assert_eq!((workers.next_woken(), workers.next_woken(), workers.next_woken()), (Some(2), Some(0), None));
    }

    #[test]
    fn a_ready_job_empties_its_slot_and_a_later_wake_polls_nothing() {
        let polls = Rc::new(Cell::new(0));
        let waker = Rc::new(Cell::new(None));
        let mut workers = Workers::new(1);
        workers.register(&noop());
        assert!(workers.start(0, 7, counting(polls.clone(), 2, waker.clone())).is_pending());
        assert!(workers.poll(0).is_ready());
        waker.take().unwrap().wake();
        assert_eq!(workers.next_woken(), Some(0));
        assert!(workers.poll(0).is_pending());
        assert_eq!(polls.get(), 2);
        assert!(workers.abort().is_empty());
    }

    #[test]
    fn the_parent_is_woken_once_per_batch() {
        struct Count(std::sync::atomic::AtomicUsize);
        impl Wake for Count {
            fn wake(self: Arc<Self>) {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
        }
        let parent = Arc::new(Count(Default::default()));
        let wakers: Vec<_> = (0..2).map(|_| Rc::new(Cell::new(None::<Waker>))).collect();
        let polls = Rc::new(Cell::new(0));
        let mut workers = Workers::new(2);
        workers.register(&Waker::from(parent.clone()));
        for (i, waker) in wakers.iter().enumerate() {
            assert!(workers.start(i, i, counting(polls.clone(), 9, waker.clone())).is_pending());
        }
        wakers[0].take().unwrap().wake();
        wakers[1].take().unwrap().wake();
        assert_eq!(parent.0.load(Ordering::Relaxed), 1);
        assert_eq!(workers.abort(), [(0, 0), (1, 1)]);
    }
}
