//! One browser timer for all the waits of the page's runs.
//!
//! A run of 10,000 workers has 10,000 jobs waiting at once, and ends about
//! twenty of them a millisecond. With a timer each (gloo-timers'), every end
//! was a task of its own, with a closure made and a timer set: with the CPU
//! four times slower, as on a phone, those tasks took 25 times the run's own
//! time. [`Alarms`] keeps the waits in a heap, earliest first, and sets one
//! timer, for the earliest: when it rings, every wait that is due ends, in
//! the same task. The page's runs share it ([`Alarms::shared`]): thirty
//! elements running at once set their timers thirty times as often with one
//! each, and setting one is most of what a ring costs.
//!
//! The timer is `scheduler.postTask`'s delay where there is one (`tasks.js`).
//!
//! Invariants:
//! 1. `live` counts the [`Alarm`]s that have been polled and have neither
//!    ended nor been dropped. Each has an entry in the heap, with the waker
//!    of its last poll, until its deadline comes; a dropped one's entries
//!    stay until then, and wake a waker that no longer waits for them.
//! 2. While the heap is not empty, a timer is set for no later than its
//!    earliest deadline. When `live` falls to 0, the timer is cleared and
//!    the heap emptied: once no run waits, no timer is left.
//! 3. An alarm ends once a ring has come at or after its deadline (`rang`).

use alloc::collections::BinaryHeap;
use core::cell::{Cell, RefCell};
use core::cmp::Ordering;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use wasm_bindgen::prelude::*;

use super::cells::{borrow, borrow_mut};
use super::clock::performance_now;
use super::global::Global;

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// Calls `ring` in `ms`, in a task of its own; returns what `clearAlarm` takes.
    #[wasm_bindgen(js_name = setAlarm)]
    fn set_alarm(ring: &JsValue, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearAlarm)]
    fn clear_alarm(alarm: &JsValue);
}

static SHARED: Global<Alarms> = Global::new(Alarms::new);

/// The waits of the page's runs, and their one timer.
pub(super) struct Alarms {
    due: RefCell<BinaryHeap<Due>>,
    live: Cell<usize>,
    /// When it last rang (`performance.now()`'s ms): every wait due by then has ended.
    rang: Cell<f64>,
    /// The timer set, and the deadline it is set for.
    timer: RefCell<Option<(f64, JsValue)>>,
    ring: Closure<dyn FnMut()>,
}

/// A wait in the heap: its deadline (`performance.now()`'s ms), and whom to wake then.
struct Due {
    at: f64,
    waker: Waker,
}

impl Alarms {
    /// The page's alarms, which every run shares: a global, which each alarm
    /// borrows (an `Rc` each, counted and dropped, made the page's module 88
    /// bytes larger, gzipped).
    pub(super) fn shared() -> &'static Self {
        &SHARED
    }

    fn new() -> Self {
        let ring = Closure::new(|| SHARED.ring());
        let (due, timer) = Default::default();
        Alarms { due, live: Cell::new(0), rang: Cell::new(f64::NEG_INFINITY), timer, ring }
    }

    /// Ends every wait that is due, and sets the timer for the next.
    fn ring(&self) {
        borrow_mut(&self.timer).take();
        let now = performance_now();
        self.rang.set(now);
        let mut due = borrow_mut(&self.due);
        while let Some(at) = due.peek().map(|top| top.at) {
            if at > now {
                drop(due);
                return self.arm(at);
            }
            // Waking only queues the run's task: nothing is polled in here.
            // No `expect` (whose message formatting the module would carry):
            // the wait peeked at is there.
            if let Some(top) = due.pop() {
                top.waker.wake();
            }
        }
    }

    fn add(&self, at: f64, waker: Waker) {
        borrow_mut(&self.due).push(Due { at, waker });
        if !borrow(&self.timer).as_ref().is_some_and(|&(armed, _)| at >= armed) {
            self.arm(at);
        }
    }

    /// Sets the timer for `at`, in place of the one set. A deadline may fall
    /// between two ms (a run above speed 1 has them), and the browser drops
    /// a delay's fraction: rounded up, the ring comes at or after `at`, and
    /// one that reads an earlier time (a coarse clock) sets the timer again.
    fn arm(&self, at: f64) {
        self.disarm();
        let alarm = set_alarm(self.ring.as_ref(), virtual_clock::ceil((at - performance_now()).max(0.0)));
        *borrow_mut(&self.timer) = Some((at, alarm));
    }

    fn disarm(&self) {
        let armed = borrow_mut(&self.timer).take();
        if let Some((_, alarm)) = armed {
            clear_alarm(&alarm);
        }
    }

    /// An alarm has ended, or was dropped before.
    fn forget(&self) {
        self.live.set(self.live.get() - 1);
        if self.live.get() == 0 {
            self.disarm();
            borrow_mut(&self.due).clear();
        }
    }
}

/// Completes at `at` on `performance.now()`'s clock, in the task of the
/// run's alarm. Dropping it before forgets the wait, and with the run's last
/// wait, clears the timer.
#[must_use = "an alarm does nothing unless polled; dropping it forgets its wait"]
pub(super) struct Alarm {
    alarms: &'static Alarms,
    at: f64,
    /// Whether it is in the heap, and counted live: from its first poll until it ends.
    waiting: bool,
}

impl Alarm {
    pub(super) fn new(alarms: &'static Alarms, at: f64) -> Self {
        Alarm { alarms, at, waiting: false }
    }

    fn end(&mut self) {
        if core::mem::take(&mut self.waiting) {
            self.alarms.forget();
        }
    }
}

impl Future for Alarm {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let alarm = &mut *self;
        if alarm.at <= alarm.alarms.rang.get() {
            alarm.end();
            return Poll::Ready(());
        }
        if !alarm.waiting {
            alarm.waiting = true;
            alarm.alarms.live.set(alarm.alarms.live.get() + 1);
        }
        // Each poll's waker goes in: polled again before its time (a worker's
        // job is polled only when woken, so seldom), it is woken twice.
        alarm.alarms.add(alarm.at, cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Alarm {
    fn drop(&mut self) {
        self.end();
    }
}

impl PartialEq for Due {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}

impl Eq for Due {}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Due {
    /// Reversed, so that std's max-heap has the earliest deadline on top.
    fn cmp(&self, other: &Self) -> Ordering {
        other.at.total_cmp(&self.at)
    }
}
