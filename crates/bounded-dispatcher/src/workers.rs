//! The workers of one run: a slot each for the job it runs, boxed once and
//! polled in place, and the list of those woken since they were last polled.
//!
//! `FuturesUnordered` does this for a set that grows and shrinks, with a
//! node per future. A run's workers are made once, and each runs one job
//! after another in its slot: `Pin::set` drops a job's future and puts the
//! next one in its place, with no allocation per job and no `unsafe`.
//!
//! The woken workers wait in a ring with a place for each worker, written
//! by their wakers (from any thread) and read by the run, with no lock: a
//! wake is an atomic swap, an addition and a store.
//!
//! Invariants:
//! 1. A worker's index is in `woken` at most once: its waker's `queued` flag
//!    says whether it is there. So no more than `workers` places are ever
//!    taken, and the ring, of at least that many, never laps its reader.
//! 2. The flag is cleared just after the worker is taken from the ring to
//!    be polled, so a wake during that poll, or after it, queues it again.
//! 3. The parent task is woken by the first wake after the run last found
//!    the ring empty (`notified`); `register` gives it the parent's waker
//!    before anything is polled.
//! 4. A worker with no job is in `idle`, once; one with a job is not.

use alloc::boxed::Box;
use alloc::collections::BinaryHeap;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::lock::{lock, Mutex, MutexGuard};
use alloc::task::Wake;
use core::task::{Context, Poll, Waker};

use futures_core::TryFuture;

use crate::JobId;

mod idle;
pub(crate) use idle::Idle;

/// What a job's future gives.
pub(crate) type Output<F> = Result<<F as TryFuture>::Ok, <F as TryFuture>::Error>;

/// A poll of a worker's job: once it is ready, the job's id and output.
pub(crate) type Polled<F> = Poll<(JobId, Output<F>)>;

pub(crate) struct Workers<F> {
    slots: Box<[Slot<F>]>,
    woken: Arc<Woken>,
    /// The parent's waker, as `woken` has it: compared without the lock.
    parent: Option<Waker>,
    /// The place in `woken`'s ring read next.
    head: usize,
    /// The workers without a job, in the order they became free.
    pub(crate) idle: Idle,
}

/// One worker: its job, and the waker it polls it with.
pub(crate) struct Slot<F> {
    /// `None` while it has no job.
    future: Pin<Box<Option<F>>>,
    /// The job's id.
    job: JobId,
    waker: Waker,
    woken: Arc<WorkerWaker>,
}

/// The workers woken since they were last polled, in the order they were woken.
struct Woken {
    /// A power of two of places, each a worker's index + 1, or 0 while empty.
    ring: Box<[AtomicUsize]>,
    /// The place the next wake writes, reserved by its `fetch_add`.
    tail: AtomicUsize,
    /// The parent has been woken since the run last found the ring empty.
    notified: AtomicBool,
    parent: Mutex<Option<Waker>>,
}

impl Woken {
    fn place(&self, at: usize) -> &AtomicUsize {
        &self.ring[at & (self.ring.len() - 1)]
    }

    /// Wakes the parent, unless another wake has since the run last found the ring empty.
    #[cold]
    #[inline(never)]
    fn notify(&self) {
        if !self.notified.swap(true, Ordering::SeqCst) {
            let parent = self.parent().clone();
            if let Some(parent) = parent {
                parent.wake();
            }
        }
    }

    fn parent(&self) -> MutexGuard<'_, Option<Waker>> {
        // Nothing panics while it is held.
        lock(&self.parent)
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
        let woken = &*self.woken;
        // AcqRel: the reservations are ordered, so a place is written again only after it was read (invariant 1).
        let at = woken.tail.fetch_add(1, Ordering::AcqRel);
        // SeqCst, with the load below: either the run, going to sleep, reads this place after clearing
        // `notified`, or this wake sees it cleared and wakes the parent.
        woken.place(at).store(self.index + 1, Ordering::SeqCst);
        if !woken.notified.load(Ordering::SeqCst) {
            woken.notify();
        }
    }
}

impl<F: TryFuture> Slot<F> {
    /// Puts job `job`'s future in the slot, and polls it.
    #[inline(always)]
    pub(crate) fn start(&mut self, job: JobId, future: F) -> Polled<F> {
        self.job = job;
        self.future.set(Some(future));
        self.poll().map(|(_, output)| (job, output))
    }

    fn poll(&mut self) -> Polled<F> {
        let Some(future) = self.future.as_mut().as_pin_mut() else { return Poll::Pending };
        let Poll::Ready(output) = future.try_poll(&mut Context::from_waker(&self.waker)) else { return Poll::Pending };
        self.future.set(None);
        Poll::Ready((self.job, output))
    }
}

impl<F> Workers<F> {
    pub(crate) fn new(workers: usize) -> Self {
        let places = workers.next_power_of_two();
        let ring = (0..places).map(|_| AtomicUsize::new(0)).collect();
        let woken = Arc::new(Woken { ring, tail: AtomicUsize::new(0), notified: AtomicBool::new(false), parent: Mutex::new(None) });
        let slots = (0..workers)
            .map(|index| {
                let waker = Arc::new(WorkerWaker { index, queued: AtomicBool::new(false), woken: woken.clone() });
                Slot { future: Box::pin(None), job: 0, waker: Waker::from(waker.clone()), woken: waker }
            })
            .collect();
        Workers { slots, woken, parent: None, head: 0, idle: Idle::new(workers) }
    }
}

impl<F: TryFuture> Workers<F> {
    /// Wakes `parent` when a worker is woken.
    pub(crate) fn register(&mut self, parent: &Waker) {
        if !self.parent.as_ref().is_some_and(|registered| registered.will_wake(parent)) {
            *self.woken.parent() = Some(parent.clone());
            self.parent = Some(parent.clone());
        }
    }

    /// Puts job `job`'s future in `worker`'s slot, and polls it.
    pub(crate) fn start(&mut self, worker: usize, job: JobId, future: F) -> Polled<F> {
        self.slots[worker].start(job, future)
    }

    /// `worker`'s slot, for a loop that starts its jobs one after another.
    pub(crate) fn slot(&mut self, worker: usize) -> &mut Slot<F> {
        &mut self.slots[worker]
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
        let place = self.woken.place(self.head);
        let mut entry = place.swap(0, Ordering::AcqRel);
        if entry == 0 {
            // Empty, or a wake has reserved the place and is about to write it: either it
            // sees `notified` cleared and wakes the parent, or the second read finds it.
            self.woken.notified.store(false, Ordering::SeqCst);
            entry = place.swap(0, Ordering::SeqCst);
            if entry == 0 {
                return None;
            }
        }
        self.head = self.head.wrapping_add(1);
        let worker = entry - 1;
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
    fn wakes_from_other_threads_are_each_read_once_and_none_is_lost() {
        /// Unparks the reading thread, as an executor's waker wakes its task.
        struct Unpark(std::thread::Thread);
        impl Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        const WAKES: usize = 5_000;
        let mut workers = Workers::<std::future::Ready<Result<(), ()>>>::new(3);
        workers.register(&Waker::from(Arc::new(Unpark(std::thread::current()))));
        let wakers: Vec<_> = workers.slots.iter().map(|slot| (slot.waker.clone(), slot.woken.clone())).collect();
        let threads: Vec<_> = wakers
            .into_iter()
            .map(|(waker, worker)| {
                std::thread::spawn(move || {
                    for _ in 0..WAKES {
                        // Each wake once the last was read, so that none is merged with another.
                        while worker.queued.load(Ordering::Acquire) {
                            std::thread::yield_now();
                        }
                        waker.wake_by_ref();
                    }
                })
            })
            .collect();
        let mut read = [0; 3];
        while read.iter().sum::<usize>() < 3 * WAKES {
            match workers.next_woken() {
                Some(worker) => read[worker] += 1,
                None => {
                    // Found empty: the next wake must wake this thread, or it was lost.
                    let parked = std::time::Instant::now();
                    std::thread::park_timeout(std::time::Duration::from_secs(10));
                    assert!(parked.elapsed() < std::time::Duration::from_secs(10), "a wake was lost: read {read:?}");
                }
            }
        }
        threads.into_iter().for_each(|thread| thread.join().unwrap());
        assert_eq!(read, [WAKES; 3]);
        assert_eq!(workers.next_woken(), None);
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
