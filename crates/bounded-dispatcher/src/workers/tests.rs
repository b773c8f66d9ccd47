//! Tests of the workers' ring and slots on their own.

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
    assert!(workers.poll_woken().is_none());
    let waker = wakers[2].take().unwrap();
    waker.wake_by_ref();
    waker.wake();
    wakers[0].take().unwrap().wake();
    let mut woken = || workers.poll_woken().map(|(worker, _)| worker);
    assert_eq!((woken(), woken(), woken()), (Some(2), Some(0), None));
}

#[test]
fn a_ready_job_empties_its_slot_and_a_later_wake_polls_nothing() {
    let polls = Rc::new(Cell::new(0));
    let waker = Rc::new(Cell::new(None));
    let mut workers = Workers::new(1);
    workers.register(&noop());
    assert!(workers.start(0, 7, counting(polls.clone(), 2, waker.clone())).is_pending());
    assert!(workers.slots[0].poll().is_ready());
    waker.take().unwrap().wake();
    assert!(matches!(workers.poll_woken(), Some((0, Poll::Pending))));
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
        match workers.poll_woken() {
            Some((worker, _)) => read[worker] += 1,
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
    assert!(workers.poll_woken().is_none());
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
