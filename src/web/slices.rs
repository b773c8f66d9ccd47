//! A clock that makes runs of zero waits yield to the page.
//!
//! A job that waits 0 ms takes no time, but a run of many such jobs must
//! not hold the page. [`Slices`] is the browser's clock, except that once
//! the current slice of work has lasted `SLICE_MS`, every zero wait goes
//! round the event loop instead, until the page has had its turn and the
//! next slice starts in a new task. Every one does, not just the first to
//! notice: the other workers would each go on for a slice of their own in
//! the same task, holding the page for ten times as long.
//!
//! The workers that yield in one slice share one turn: one task is posted,
//! and when it comes every one of them is woken. With a turn each, 10,000
//! workers posted 10,000 tasks a slice, which held the page for a second.
//! And between two slices the run's gate is closed (`pause.rs`), so that no
//! worker starts a job either: 10,000 workers would otherwise each start one
//! (and tell the page) after the slice was over.

use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use futures::future::Either;
use virtual_clock::Clock;
use wasm_bindgen::prelude::*;

use super::cells::borrow_mut;
use super::clock::{performance_now, BrowserClock};
use super::pause::PageGate;
use super::task::Flag;

/// The longest stretch of zero waits before the page gets a turn.
const SLICE_MS: f64 = 8.0;
/// How many zero waits between readings of the clock: a few microseconds of
/// Rust, below what `performance.now()` resolves.
const ZEROS_PER_CHECK: u32 = 64;

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// Calls `then` in a new task, once the page has had its turn.
    #[wasm_bindgen(js_name = nextTask)]
    fn call_in_next_task(then: &JsValue);
}

/// Completes in a new task, once the page has had its turn: when `nextTask`
/// calls back (the flag's setter, handed to JS, which frees it once it is
/// collected).
pub(super) fn next_task() -> Flag {
    let came = Flag::default();
    call_in_next_task(&came.setter().into_js_value());
    came
}

/// The browser's clock, in slices of `SLICE_MS`.
pub(super) struct Slices<'c> {
    clock: &'c BrowserClock,
    turns: Rc<Turns>,
    /// Zero waits since the clock was last read.
    zeros: Cell<u32>,
}

/// The slices and the page's turns between them.
struct Turns {
    /// When the current slice began; `None` once it is over, while the page has its turn.
    started: Cell<Option<f64>>,
    /// How many turns have ended.
    ended: Cell<u64>,
    /// The task of the turn asked for, and those waiting for it to come.
    task: RefCell<Option<Flag>>,
    waiting: RefCell<Vec<Waker>>,
    /// Closed while the page has its turn: no job starts.
    gate: PageGate,
}

impl<'c> Slices<'c> {
    /// Slices of `clock`, the first starting now, with `gate` closed between two.
    pub(super) fn new(clock: &'c BrowserClock, gate: PageGate) -> Self {
        let turns = Turns {
            started: Cell::new(Some(performance_now())),
            ended: Cell::new(0),
            task: RefCell::default(),
            waiting: RefCell::default(),
            gate,
        };
        Slices { clock, turns: Rc::new(turns), zeros: Cell::new(0) }
    }

    /// Waits for the end of the page's turn, asking for one if none is asked for yet.
    fn next_turn(&self) -> <Self as Clock>::Sleep {
        let turns = &self.turns;
        // The first to notice that the slice is over begins the turn; the others share it.
        if turns.started.take().is_some() {
            turns.gate.begin_turn();
        }
        borrow_mut(&turns.task).get_or_insert_with(next_task);
        Either::Right(NextTurn { turns: turns.clone(), after: turns.ended.get() })
    }
}

impl Clock for Slices<'_> {
    type Sleep = Either<<BrowserClock as Clock>::Sleep, NextTurn>;

    fn now(&self) -> f64 {
        self.clock.now()
    }

    fn sleep_until(&self, at: f64) -> Self::Sleep {
        Either::Left(self.clock.sleep_until(at))
    }

    fn sleep(&self, ms: u32) -> Self::Sleep {
        if ms > 0 {
            return Either::Left(self.clock.sleep(ms));
        }
        let Some(started) = self.turns.started.get() else {
            return self.next_turn();
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
        self.next_turn()
    }
}

impl Drop for Turns {
    /// A run that ends during the page's turn gives the gate back: others may share it.
    fn drop(&mut self) {
        if self.started.get().is_none() {
            self.gate.end_turn();
        }
    }
}

/// Completes once the page's turn that followed its making is over, in a
/// new task, where the next slice starts.
pub(super) struct NextTurn {
    turns: Rc<Turns>,
    /// The turns ended when it was made.
    after: u64,
}

impl Future for NextTurn {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let turns = &*self.turns;
        if turns.ended.get() > self.after {
            return Poll::Ready(());
        }
        let mut task = borrow_mut(&turns.task);
        // The task is there until the turn ends: it was asked for when this was made.
        let Some(pending) = task.as_mut() else { return Poll::Ready(()) };
        if Pin::new(pending).poll(cx).is_pending() {
            // A worker polled twice before the turn ends is woken twice: harmless, and no search.
            borrow_mut(&turns.waiting).push(cx.waker().clone());
            return Poll::Pending;
        }
        *task = None;
        drop(task);
        turns.ended.set(turns.ended.get() + 1);
        turns.started.set(Some(performance_now()));
        turns.gate.end_turn();
        let waiting = core::mem::take(&mut *borrow_mut(&turns.waiting));
        for waker in waiting {
            waker.wake();
        }
        Poll::Ready(())
    }
}
