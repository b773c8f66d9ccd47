//! Real time: `performance.now()`, and the waits on the page's one timer
//! (`alarms.rs`).
//!
//! Reading `performance.now()` is a call into JS, and a run of a million
//! zero waits would make millions of them, which cost more than half of
//! `run()`'s time. But while only Rust runs, time has not moved as far as
//! anyone could tell: so a reading is kept until JS can have run. That is
//! the next poll of the run (it comes in a new task or microtask), or a call
//! into JS that hands back the time after it ([`read_after_js`]).
//!
//! [`read_after_js`]: BrowserClock::read_after_js

use core::cell::Cell;
use core::future::Future;
use core::pin::Pin;

use virtual_clock::Clock;
use wasm_bindgen::prelude::*;

use super::alarms::{Alarm, Alarms};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    pub(super) fn performance_now() -> f64;
}

/// The browser's clock, with the reading it keeps, and the page's alarms.
pub(super) struct BrowserClock {
    /// `performance.now()`, while it is still the time.
    reading: Cell<Option<f64>>,
    alarms: &'static Alarms,
}

impl Default for BrowserClock {
    fn default() -> Self {
        BrowserClock { reading: Cell::new(None), alarms: Alarms::shared() }
    }
}

impl BrowserClock {
    /// JS has run, and `now` is `performance.now()` as it ended.
    pub(super) fn read_after_js(&self, now: f64) {
        self.reading.set(Some(now));
    }

    /// Time may have moved on since the last reading, though no JS ran: the
    /// next [`now`](Clock::now) reads it again.
    pub(super) fn forget(&self) {
        self.reading.set(None);
    }

    /// `future`, polled with a fresh reading each time: each poll comes in a
    /// new task or microtask.
    pub(super) fn fresh_each_poll<'c, F: Future + Unpin + 'c>(&'c self, mut future: F) -> impl Future<Output = F::Output> + 'c {
        core::future::poll_fn(move |cx| {
            self.forget();
            Pin::new(&mut future).poll(cx)
        })
    }
}

impl Clock for BrowserClock {
    type Sleep = Alarm;

    fn now(&self) -> f64 {
        self.reading.get().unwrap_or_else(|| {
            let now = performance_now();
            self.reading.set(Some(now));
            now
        })
    }

    /// A 0 ms wait takes no time: the browser would clamp a nested
    /// `setTimeout(0)` to 4 ms. It is an alarm for the start of time, which
    /// every alarm's ring is after, so ready at its first poll: one kind of
    /// wait, not an `Either` of it and `Ready` (whose panic for a second
    /// poll brought its message into the page's module). Dropping a wait
    /// forgets it.
    fn sleep(&self, ms: u32) -> Self::Sleep {
        if ms == 0 {
            self.sleep_until(f64::NEG_INFINITY)
        } else {
            self.sleep_until(self.now() + f64::from(ms))
        }
    }

    /// The page's alarm for `at`, a fraction of a millisecond included: it
    /// ends once the alarms ring at or after it (`alarms.rs`).
    fn sleep_until(&self, at: f64) -> Self::Sleep {
        Alarm::new(self.alarms, at)
    }
}
