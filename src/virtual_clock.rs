//! A deterministic clock that never really sleeps, and the executor that
//! drives a future on it.
//!
//! Invariants:
//! 1. Time moves only in [`VirtualClock::block_on`], and only when the future
//!    is stuck: nothing woke it since its last poll.
//! 2. Timers fire one at a time, earliest deadline first and, at equal
//!    deadlines, in the order they were set, with a poll after each. That is
//!    how a browser runs `setTimeout` callbacks: one task each.
//! 3. A dropped [`Sleep`] leaves no timer behind.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::task::{waker, ArcWake};

use crate::Clock;

/// A clock whose time only moves when everything it drives is waiting on it.
///
/// Clones share the same time and timers.
#[derive(Clone, Default)]
pub struct VirtualClock {
    timers: Rc<RefCell<Timers>>,
}

#[derive(Default)]
struct Timers {
    now: u64,
    set: u64,
    /// Pending timers by (deadline, order set), each with the waker to call.
    pending: BTreeMap<(u64, u64), Waker>,
}

/// The future was still waiting and no timer was left to fire: it can never
/// complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stalled {
    /// The virtual time at which it stalled.
    pub at_ms: u64,
}

impl fmt::Display for Stalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stalled at {} ms: the future waits on something other than this clock", self.at_ms)
    }
}

impl std::error::Error for Stalled {}

impl VirtualClock {
    /// A clock at 0 ms with no timers.
    pub fn new() -> Self {
        Self::default()
    }

    /// The virtual time, in whole milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.timers.borrow().now
    }

    /// How many timers are set and have not fired or been dropped.
    pub fn pending_timers(&self) -> usize {
        self.timers.borrow().pending.len()
    }

    /// Drives `future` to completion on this thread, moving time forward
    /// whenever it waits only on this clock's timers.
    pub fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Stalled> {
        let woken = Arc::new(Flag(AtomicBool::new(false)));
        let waker = waker(woken.clone());
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return Ok(output);
            }
            if woken.0.swap(false, Ordering::Relaxed) {
                continue;
            }
            let mut timers = self.timers.borrow_mut();
            let Some(((deadline, _), timer)) = timers.pending.pop_first() else {
                return Err(Stalled { at_ms: timers.now });
            };
            timers.now = deadline;
            drop(timers);
            timer.wake();
        }
    }
}

impl Clock for VirtualClock {
    type Sleep = Sleep;

    fn now(&self) -> f64 {
        self.now_ms() as f64
    }

    fn sleep(&self, ms: u32) -> Sleep {
        Sleep { timers: self.timers.clone(), state: State::Unset(ms) }
    }
}

/// A virtual timer, set on first poll. Dropping it clears the timer.
#[must_use = "a Sleep does nothing unless polled, and dropping it clears its timer"]
pub struct Sleep {
    timers: Rc<RefCell<Timers>>,
    state: State,
}

enum State {
    Unset(u32),
    Set((u64, u64)),
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let mut timers = this.timers.borrow_mut();
        match this.state {
            State::Unset(0) | State::Done => {
                this.state = State::Done;
                Poll::Ready(())
            }
            State::Unset(ms) => {
                let key = (timers.now + u64::from(ms), timers.set);
                timers.set += 1;
                timers.pending.insert(key, cx.waker().clone());
                this.state = State::Set(key);
                Poll::Pending
            }
            State::Set(key) => match timers.pending.get_mut(&key) {
                Some(waker) => {
                    waker.clone_from(cx.waker());
                    Poll::Pending
                }
                None => {
                    this.state = State::Done;
                    Poll::Ready(())
                }
            },
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let State::Set(key) = self.state {
            self.timers.borrow_mut().pending.remove(&key);
        }
    }
}

struct Flag(AtomicBool);

impl ArcWake for Flag {
    fn wake_by_ref(flag: &Arc<Self>) {
        flag.0.store(true, Ordering::Relaxed);
    }
}
