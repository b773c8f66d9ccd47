//! A clock that makes runs of zero waits yield to the page.
//!
//! A job that waits 0 ms takes no time, but a run of many such jobs must
//! not hold the page. [`Slices`] is the browser's clock, except that once
//! the current slice of work has lasted `SLICE_MS`, every zero wait goes
//! round the event loop instead, until one comes back in a new task and
//! starts the next slice. Every one does, not just the first to notice:
//! the other workers would each go on for a slice of their own in the same
//! task, holding the page for ten times as long.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{ready, Context, Poll};

use bounded_dispatcher::Clock;
use futures::future::Either;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::clock::{performance_now, BrowserClock};

/// The longest stretch of zero waits before the page gets a turn.
const SLICE_MS: f64 = 8.0;
/// How many zero waits between readings of the clock: a few microseconds of
/// Rust, below what `performance.now()` resolves.
const ZEROS_PER_CHECK: u32 = 64;

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// Resolves in a new task, once the page has had its turn.
    #[wasm_bindgen(js_name = nextTask)]
    fn next_task() -> Promise;
}

/// The browser's clock, in slices of `SLICE_MS`.
pub(super) struct Slices<'c> {
    clock: &'c BrowserClock,
    /// When the current slice began; `None` once it is over.
    started: Rc<Cell<Option<f64>>>,
    /// Zero waits since the clock was last read.
    zeros: Cell<u32>,
}

impl<'c> Slices<'c> {
    /// Slices of `clock`, the first starting now.
    pub(super) fn new(clock: &'c BrowserClock) -> Self {
        Slices { clock, started: Rc::new(Cell::new(Some(performance_now()))), zeros: Cell::new(0) }
    }

    fn next_task(&self) -> <Self as Clock>::Sleep {
        Either::Right(NextTask { task: next_task().into(), started: self.started.clone() })
    }
}

impl Clock for Slices<'_> {
    type Sleep = Either<<BrowserClock as Clock>::Sleep, NextTask>;

    fn now(&self) -> f64 {
        self.clock.now()
    }

    fn sleep(&self, ms: u32) -> Self::Sleep {
        if ms > 0 {
            return Either::Left(self.clock.sleep(ms));
        }
        let Some(started) = self.started.get() else {
            return self.next_task();
        };
        self.zeros.set(self.zeros.get() + 1);
        if self.zeros.get() < ZEROS_PER_CHECK {
            return Either::Left(self.clock.sleep(0));
        }
        self.zeros.set(0);
        self.clock.forget();
        if self.clock.now() - started < SLICE_MS {
            return Either::Left(self.clock.sleep(0));
        }
        self.started.set(None);
        self.next_task()
    }
}

/// Completes in a new task, once the page has had its turn, and starts the
/// next slice there.
pub(super) struct NextTask {
    task: JsFuture,
    started: Rc<Cell<Option<f64>>>,
}

impl Future for NextTask {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // The promise never rejects; either way, the turn is over.
        let _ = ready!(Pin::new(&mut self.task).poll(cx));
        if self.started.get().is_none() {
            self.started.set(Some(performance_now()));
        }
        Poll::Ready(())
    }
}
