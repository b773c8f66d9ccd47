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
//! 4. Its time is kept in whole nanoseconds: a sleep of whole milliseconds
//!    moves it exactly, and one until a deadline between two milliseconds
//!    ([`Clock::sleep_until`]) ends at the first nanosecond at or after it.

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

    /// Completes at `at` ms on this clock, which may fall between two
    /// milliseconds: never before it, and as soon after as the clock can
    /// tell. By default, after the whole milliseconds that reach it.
    fn sleep_until(&self, at: f64) -> Self::Sleep {
        self.sleep(ceil(at - self.now()).max(0.0) as u32)
    }
}

/// A virtual millisecond, in the nanoseconds the clock counts.
const NS_PER_MS: u64 = 1_000_000;

/// `x.ceil()` (with 0 for −0): core has no `ceil`, and this crate is
/// `no_std` on wasm32, as is the page's module, which rounds with it too.
pub fn ceil(x: f64) -> f64 {
    let whole = toward_zero(x);
    if whole < x {
        whole + 1.0
    } else {
        whole
    }
}

/// `x.round()`, halves away from zero (with 0 for −0), for want of std's
/// likewise: the page's module reads its slowed clock with it.
pub fn round(x: f64) -> f64 {
    let whole = toward_zero(x);
    // Exact: below 2^52, both are on the same grid.
    let rest = x - whole;
    if rest >= 0.5 {
        whole + 1.0
    } else if rest <= -0.5 {
        whole - 1.0
    } else {
        whole
    }
}

/// `x` without its fraction.
fn toward_zero(x: f64) -> f64 {
    // Past 2^52 every f64 is whole; NaN stays NaN.
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        x
    } else {
        x as i64 as f64
    }
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
/// clock.block_on(clock.sleep_until(1500.25)).unwrap();
/// assert_eq!(clock.now(), 1500.25);
/// ```
#[derive(Clone, Debug, Default)]
pub struct VirtualClock {
    timers: Rc<RefCell<Timers>>,
}

#[derive(Debug, Default)]
struct Timers {
    /// The time, in ns.
    now: u64,
    set: u64,
    coalescing: bool,
    /// Pending timers by (deadline in ns, order set), each with the waker to call.
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

    /// The virtual time, in whole milliseconds (rounded down).
    pub fn now_ms(&self) -> u64 {
        self.timers.borrow().now / NS_PER_MS
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
                    return Err(Stalled { at_ms: timers.now / NS_PER_MS });
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
        self.timers.borrow().now as f64 / NS_PER_MS as f64
    }

    fn sleep(&self, ms: u32) -> Sleep {
        Sleep { timers: self.timers.clone(), state: State::For(u64::from(ms) * NS_PER_MS) }
    }

    /// Until the first nanosecond at or after `at`; at once if it has passed.
    fn sleep_until(&self, at: f64) -> Sleep {
        Sleep { timers: self.timers.clone(), state: State::Until(ceil(at * NS_PER_MS as f64) as u64) }
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
    /// Not set yet: to wait this long from its first poll, in ns,
    For(u64),
    /// or until then.
    Until(u64),
    Set((u64, u64)),
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let mut timers = this.timers.borrow_mut();
        let at = match this.state {
            State::For(ns) => timers.now + ns,
            State::Until(at) => at,
            State::Set(key) => {
                if let Some(waker) = timers.pending.get_mut(&key) {
                    waker.clone_from(cx.waker());
                    return Poll::Pending;
                }
                timers.now
            }
            State::Done => timers.now,
        };
        if at <= timers.now {
            this.state = State::Done;
            return Poll::Ready(());
        }
        let key = (at, timers.set);
        timers.set += 1;
        timers.pending.insert(key, cx.waker().clone());
        this.state = State::Set(key);
        Poll::Pending
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
