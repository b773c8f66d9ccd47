//! Time, injected: jobs sleep, and observers read the time, through a
//! [`Clock`], so that the same jobs run on real timers and on
//! [`VirtualClock`], a deterministic clock that never really sleeps, with
//! the executor that drives a future on it.
//!
//! This file is the library's test support (its tests run every claim on
//! it), and the `virtual-clock` crate of the workspace, for the demo: the
//! library's API has no time in it, since the dispatcher never reads it.
//!
//! Invariants:
//! 1. Time moves only in [`VirtualClock::block_on`], and only when the future
//!    is stuck: nothing woke it since its last poll.
//! 2. Timers fire earliest deadline first and, at equal deadlines, in the
//!    order they were set. By default they fire one at a time, with a poll
//!    after each, as a browser runs `setTimeout` callbacks, one task each;
//!    [`coalescing`](VirtualClock::coalescing) fires every timer due at the
//!    same time before the next poll, as tokio's timer wheel does.
//! 3. A dropped [`Sleep`] leaves no timer behind.

// The virtual-clock crate is no_std on wasm32, as the page's module is (its
// tests, and the library's, which take this file as a module, have std).
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

extern crate alloc;

use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::sync::Arc;
use alloc::task::Wake;
use alloc::vec;
use core::cell::RefCell;
use core::fmt;
use core::future::Future;
use core::pin::{pin, Pin};
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Context, Poll, Waker};

/// A source of time in milliseconds, for jobs and for whoever records a run.
pub trait Clock {
    /// What [`sleep`](Self::sleep) returns. Dropping it cancels the timer.
    type Sleep: Future<Output = ()>;

    /// Milliseconds since this clock's origin.
    fn now(&self) -> f64;

    /// Completes `ms` milliseconds from now. A 0 ms sleep is ready at once:
    /// it takes no time and yields to nobody.
    fn sleep(&self, ms: u32) -> Self::Sleep;
}

/// A clock whose time only moves when everything it drives is waiting on it.
///
/// Clones share the same time and timers.
///
/// # Examples
///
/// ```
/// use virtual_clock::{Clock, VirtualClock};
///
/// let clock = VirtualClock::new();
/// clock.block_on(clock.sleep(1500)).unwrap(); // at once
/// assert_eq!(clock.now_ms(), 1500);
/// ```
#[derive(Clone, Debug, Default)]
pub struct VirtualClock {
    timers: Rc<RefCell<Timers>>,
}

#[derive(Debug, Default)]
struct Timers {
    now: u64,
    set: u64,
    coalescing: bool,
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

impl core::error::Error for Stalled {}

impl VirtualClock {
    /// A clock at 0 ms with no timers, firing them one at a time.
    pub fn new() -> Self {
        Self::default()
    }

    /// A clock at 0 ms that fires every timer due at the same time together,
    /// before the future is polled again: several jobs wake in one tick.
    pub fn coalescing() -> Self {
        let clock = Self::default();
        clock.timers.borrow_mut().coalescing = true;
        clock
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
        let waker = Waker::from(woken.clone());
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return Ok(output);
            }
            if woken.0.swap(false, Ordering::Relaxed) {
                continue;
            }
            let due = {
                let mut timers = self.timers.borrow_mut();
                let Some(((deadline, _), timer)) = timers.pending.pop_first() else {
                    return Err(Stalled { at_ms: timers.now });
                };
                timers.now = deadline;
                let mut due = vec![timer];
                while timers.coalescing && timers.pending.first_key_value().is_some_and(|((at, _), _)| *at == deadline) {
                    due.extend(timers.pending.pop_first().map(|(_, timer)| timer));
                }
                due
            };
            due.into_iter().for_each(Waker::wake);
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
#[derive(Debug)]
pub struct Sleep {
    timers: Rc<RefCell<Timers>>,
    state: State,
}

#[derive(Debug)]
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

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.store(true, Ordering::Relaxed);
    }
}
