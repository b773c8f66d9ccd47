//! A fixed set of futures, each boxed once and polled in place, and only
//! when it was woken: the workers of one run.
//!
//! `FuturesUnordered` does this for a set that grows and shrinks, with a
//! node per future. A run's workers are made once and never added to, and
//! the run must be able to stop between two of them: once a job has
//! cancelled the run, the others woken in the same tick are not polled.
//!
//! Invariants:
//! 1. A future's index is in `woken` at most once: its slot's `queued` flag
//!    says whether it is there.
//! 2. The flag is cleared just before the future is polled, so a wake during
//!    that poll, or after it, queues it again.
//! 3. Every index is queued at the start: each future is polled at least once.
//! 4. The parent task is woken when an index goes into an empty `woken`; a
//!    poll of the group that takes them all registers the parent's waker.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

pub(crate) struct Group<F> {
    /// `None` once a future has completed.
    futures: Box<[Option<Pin<Box<F>>>]>,
    slots: Box<[(Arc<Slot>, Waker)]>,
    ready: Arc<Ready>,
    /// Futures not yet completed.
    live: usize,
    /// The indices being polled, taken from `woken`; its allocation goes back and forth.
    batch: Vec<usize>,
}

#[derive(Default)]
struct Ready(Mutex<Woken>);

#[derive(Default)]
struct Woken {
    indices: Vec<usize>,
    parent: Option<Waker>,
}

impl Ready {
    fn lock(&self) -> MutexGuard<'_, Woken> {
        // Nothing panics while it is held.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The waker of one future.
struct Slot {
    index: usize,
    queued: AtomicBool,
    ready: Arc<Ready>,
}

impl Wake for Slot {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        let parent = {
            let mut woken = self.ready.lock();
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

impl<F: Future<Output = ()>> Group<F> {
    pub(crate) fn new(futures: impl IntoIterator<Item = F>) -> Self {
        let futures: Box<[_]> = futures.into_iter().map(|future| Some(Box::pin(future))).collect();
        let ready = Arc::new(Ready::default());
        let slots = (0..futures.len())
            .map(|index| {
                let slot = Arc::new(Slot { index, queued: AtomicBool::new(true), ready: ready.clone() });
                (slot.clone(), Waker::from(slot))
            })
            .collect();
        ready.lock().indices.extend(0..futures.len());
        Group { live: futures.len(), futures, slots, ready, batch: Vec::new() }
    }

    /// Polls the futures woken since the last poll, in the order they were
    /// woken, and stops as soon as `halt()` is true after one of them.
    /// Ready once every future has completed, or on a halt.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>, halt: impl Fn() -> bool) -> Poll<()> {
        {
            let mut woken = self.ready.lock();
            if !woken.parent.as_ref().is_some_and(|parent| parent.will_wake(cx.waker())) {
                woken.parent = Some(cx.waker().clone());
            }
            std::mem::swap(&mut woken.indices, &mut self.batch);
        }
        for at in 0..self.batch.len() {
            let index = self.batch[at];
            let (slot, waker) = &self.slots[index];
            slot.queued.store(false, Ordering::Release);
            if let Some(future) = &mut self.futures[index] {
                if future.as_mut().poll(&mut Context::from_waker(waker)).is_ready() {
                    self.futures[index] = None;
                    self.live -= 1;
                }
            }
            if halt() {
                self.batch.clear();
                return Poll::Ready(());
            }
        }
        self.batch.clear();
        if self.live == 0 {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::task::Waker;

    /// A future that counts its polls and is ready on the `ready_at`-th.
    fn counting(polls: Rc<Cell<u32>>, ready_at: u32, waker: Rc<Cell<Option<Waker>>>) -> impl Future<Output = ()> {
        std::future::poll_fn(move |cx| {
            polls.set(polls.get() + 1);
            waker.set(Some(cx.waker().clone()));
            if polls.get() >= ready_at {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
    }

    #[test]
    fn only_woken_futures_are_polled_again() {
        let polls: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(0))).collect();
        let wakers: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(None::<Waker>))).collect();
        let mut group = Group::new((0..3).map(|i| counting(polls[i].clone(), 3, wakers[i].clone())));
        let mut cx = Context::from_waker(futures::task::noop_waker_ref());
        assert!(group.poll(&mut cx, || false).is_pending());
        assert_eq!(polls.iter().map(|p| p.get()).collect::<Vec<_>>(), [1, 1, 1]);
        wakers[1].take().unwrap().wake();
        assert!(group.poll(&mut cx, || false).is_pending());
        assert_eq!(polls.iter().map(|p| p.get()).collect::<Vec<_>>(), [1, 2, 1]);
        // A future woken twice is polled once.
        let waker = wakers[2].take().unwrap();
        waker.wake_by_ref();
        waker.wake();
        assert!(group.poll(&mut cx, || false).is_pending());
        assert_eq!(polls.iter().map(|p| p.get()).collect::<Vec<_>>(), [1, 2, 2]);
    }

    #[test]
    fn a_halt_stops_between_two_futures() {
        let polls: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(0))).collect();
        let wakers: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(None::<Waker>))).collect();
        let mut group = Group::new((0..3).map(|i| counting(polls[i].clone(), 9, wakers[i].clone())));
        let first = polls[0].clone();
        assert!(group.poll(&mut Context::from_waker(futures::task::noop_waker_ref()), || first.get() > 0).is_ready());
        assert_eq!(polls.iter().map(|p| p.get()).collect::<Vec<_>>(), [1, 0, 0]);
    }

    #[test]
    fn it_is_ready_when_every_future_is() {
        let polls = Rc::new(Cell::new(0));
        let waker = Rc::new(Cell::new(None));
        let mut group = Group::new([counting(polls.clone(), 1, waker.clone()), counting(polls.clone(), 1, waker)]);
        assert!(group.poll(&mut Context::from_waker(futures::task::noop_waker_ref()), || false).is_ready());
        assert_eq!(polls.get(), 2);
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
        let parent_waker = Waker::from(parent.clone());
        let wakers: Vec<_> = (0..2).map(|_| Rc::new(Cell::new(None::<Waker>))).collect();
        let polls = Rc::new(Cell::new(0));
        let mut group = Group::new((0..2).map(|i| counting(polls.clone(), 9, wakers[i].clone())));
        assert!(group.poll(&mut Context::from_waker(&parent_waker), || false).is_pending());
        wakers[0].take().unwrap().wake();
        wakers[1].take().unwrap().wake();
        assert_eq!(parent.0.load(Ordering::Relaxed), 1);
    }
}
