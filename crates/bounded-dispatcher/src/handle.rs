//! A run's handle: jobs added while it goes, and a cancel from anywhere.
//!
//! Invariants:
//! 1. `waiting` is the inbox's length, written under the lock and read
//!    without it, so that a run looks at the inbox only when it holds
//!    something.
//! 2. Every run that takes from the inbox is in `runs`, with the waker of
//!    its last poll; a submission or a cancel wakes each.
//! 3. Once the last run that had the handle has ended or been cancelled,
//!    `closed` is set and the inbox is empty: a submission is refused, not
//!    kept for nobody.

use alloc::collections::VecDeque;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::lock::{lock, Mutex, MutexGuard};
use core::task::Waker;

/// Adds jobs to a run while it goes, and cancels it: errgroup's `g.Go` from
/// inside a goroutine, and tokio's `CancellationToken` in one. Give it to
/// the run with [`Run::handle`](crate::Run::handle), and clone it into the
/// jobs, the observer or another task: it is `Send + Sync` when the inputs
/// are `Send`.
///
/// - [`submit`](Self::submit) never waits: the input goes into an inbox,
///   and becomes a job when the queue has room for it. A job may submit
///   while every worker is busy, even when it is the only one running,
///   without a deadlock.
/// - [`cancel`](Self::cancel) cancels the run as a failure would: no job
///   starts after it, even when called from the observer or from a job,
///   and with `cancel_in_flight` the running jobs are dropped before any
///   is polled again. The run ends [`Status::Cancelled`](crate::Status::Cancelled).
///
/// A run ends when nothing is queued, running or still to come from its
/// source, and the inbox is empty: a handle does not keep it going.
/// Submitting after that is refused, and hands the input back.
///
/// # Examples
///
/// Jobs that find more jobs: each number's job submits its half, until 1.
///
/// ```
/// use bounded_dispatcher::{Dispatcher, RunHandle};
///
/// let handle = RunHandle::new();
/// let jobs = handle.clone();
/// let steps = futures::executor::block_on(
///     Dispatcher::new(2)
///         .run_iter([40, 12], move |n: u32| {
///             let jobs = jobs.clone();
///             async move {
///                 if n > 1 {
///                     jobs.submit(n / 2).unwrap();
///                 }
///                 Ok::<_, ()>(n)
///             }
///         })
///         .handle(&handle)
///         .collect(),
/// );
/// // In the order the inputs entered the queue: a submitted one before the iterator's next.
/// assert_eq!(steps, Ok(vec![40, 20, 10, 5, 2, 1, 12, 6, 3, 1]));
/// assert!(handle.submit(7).is_err(), "the run is over");
/// ```
pub struct RunHandle<I> {
    shared: Arc<Shared<I>>,
}

struct Shared<I> {
    cancelled: AtomicBool,
    waiting: AtomicUsize,
    state: Mutex<State<I>>,
}

struct State<I> {
    inbox: VecDeque<I>,
    runs: Vec<(u64, Option<Waker>)>,
    next_run: u64,
    closed: bool,
}

impl<I> RunHandle<I> {
    /// A handle for a run to come.
    pub fn new() -> Self {
        let state = State { inbox: VecDeque::new(), runs: Vec::new(), next_run: 0, closed: false };
        let shared = Shared { cancelled: AtomicBool::new(false), waiting: AtomicUsize::new(0), state: Mutex::new(state) };
        RunHandle { shared: Arc::new(shared) }
    }

    /// Adds a job with this input. It never waits: the input is kept until
    /// the queue has room for it, ahead of the run's next input from its
    /// iterator or stream (a count's jobs `0..n` come first: their ids are
    /// theirs from the start).
    ///
    /// # Errors
    ///
    /// The input, handed back, once the run is cancelled or over.
    pub fn submit(&self, input: I) -> Result<(), SubmitError<I>> {
        if self.is_cancelled() {
            return Err(SubmitError { input, cancelled: true });
        }
        let wake: Vec<Waker> = {
            let mut state = self.shared.lock();
            if state.closed {
                return Err(SubmitError { input, cancelled: false });
            }
            state.inbox.push_back(input);
            self.shared.waiting.store(state.inbox.len(), Ordering::Release);
            state.runs.iter().filter_map(|(_, waker)| waker.clone()).collect()
        };
        wake.into_iter().for_each(Waker::wake);
        Ok(())
    }

    /// Cancels the run: no job starts from now on. It is heard before the
    /// next job starts, and before any other job is polled.
    pub fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::Release);
        let wake: Vec<Waker> = self.shared.lock().runs.iter().filter_map(|(_, waker)| waker.clone()).collect();
        wake.into_iter().for_each(Waker::wake);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::Acquire)
    }

    /// Joins a run, which takes from the inbox until it is over.
    pub(crate) fn attach(&self) -> Attached<I> {
        let mut state = self.shared.lock();
        let run = state.next_run;
        state.next_run += 1;
        state.runs.push((run, None));
        state.closed = false;
        Attached { shared: self.shared.clone(), run, waker: None, attached: true }
    }
}

impl<I> Shared<I> {
    fn lock(&self) -> MutexGuard<'_, State<I>> {
        // Nothing panics while it is held.
        lock(&self.state)
    }
}

impl<I> Clone for RunHandle<I> {
    fn clone(&self) -> Self {
        RunHandle { shared: self.shared.clone() }
    }
}

impl<I> Default for RunHandle<I> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I> fmt::Debug for RunHandle<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let waiting = self.shared.waiting.load(Ordering::Acquire);
        f.debug_struct("RunHandle").field("cancelled", &self.is_cancelled()).field("waiting", &waiting).finish()
    }
}

/// A run's hold on its handle; dropping it leaves the handle.
pub struct Attached<I> {
    shared: Arc<Shared<I>>,
    run: u64,
    /// The waker the handle has for this run, compared without the lock.
    waker: Option<Waker>,
    attached: bool,
}

/// A run's handle, as the run loop sees it: [`Attached`], given by
/// [`Run::handle`](crate::Run::handle), or [`NoHandle`]. Which one is known
/// as the run is compiled (the source's, as `source::Handled` makes it), so
/// that a run without a handle carries no code for one: in the page's wasm
/// module, whose runs have none, a kilobyte gzipped (docs/performance.md).
pub trait Inbox<I> {
    /// Wakes `waker` on a submission or a cancel.
    fn register(&mut self, waker: &Waker);

    /// Whether the handle was cancelled.
    fn is_cancelled(&self) -> bool;

    /// The first input in the inbox, if there is one and the run still takes them.
    fn pop(&mut self) -> Option<I>;

    /// Leaves the handle if its inbox is empty, in one step, so that no
    /// submission comes between the look and the leaving. Says whether it left.
    fn leave_if_empty(&mut self) -> bool;

    /// Leaves the handle: the run takes no more.
    fn leave(&mut self);
}

/// A run with no handle: nothing comes in, nothing cancels it.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHandle;

impl<I> Inbox<I> for NoHandle {
    fn register(&mut self, _: &Waker) {}

    fn is_cancelled(&self) -> bool {
        false
    }

    fn pop(&mut self) -> Option<I> {
        None
    }

    fn leave_if_empty(&mut self) -> bool {
        true
    }

    fn leave(&mut self) {}
}

impl<I> Inbox<I> for Attached<I> {
    fn register(&mut self, waker: &Waker) {
        if !self.attached || self.waker.as_ref().is_some_and(|registered| registered.will_wake(waker)) {
            return;
        }
        let run = self.run;
        if let Some((_, registered)) = self.shared.lock().runs.iter_mut().find(|(id, _)| *id == run) {
            *registered = Some(waker.clone());
        }
        self.waker = Some(waker.clone());
    }

    fn is_cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::Acquire)
    }

    fn pop(&mut self) -> Option<I> {
        if !self.attached || self.shared.waiting.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut state = self.shared.lock();
        let input = state.inbox.pop_front();
        self.shared.waiting.store(state.inbox.len(), Ordering::Release);
        input
    }

    fn leave_if_empty(&mut self) -> bool {
        if !self.attached {
            return true;
        }
        let shared = self.shared.clone();
        let mut state = shared.lock();
        if !state.inbox.is_empty() {
            return false;
        }
        self.leave_locked(&mut state);
        true
    }

    fn leave(&mut self) {
        if self.attached {
            let shared = self.shared.clone();
            self.leave_locked(&mut shared.lock());
        }
    }
}

impl<I> Attached<I> {
    fn leave_locked(&mut self, state: &mut State<I>) {
        self.attached = false;
        state.runs.retain(|(id, _)| *id != self.run);
        if state.runs.is_empty() {
            state.closed = true;
            state.inbox.clear();
            self.shared.waiting.store(0, Ordering::Release);
        }
    }
}

impl<I> Drop for Attached<I> {
    fn drop(&mut self) {
        self.leave();
    }
}

/// [`RunHandle::submit`] was refused: the run is cancelled or over. It hands
/// the input back.
#[derive(Clone, PartialEq, Eq)]
pub struct SubmitError<I> {
    input: I,
    cancelled: bool,
}

impl<I> SubmitError<I> {
    /// The input that was not taken.
    pub fn into_inner(self) -> I {
        self.input
    }

    /// Whether it was refused because the run was cancelled; otherwise, it was over.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }
}

impl<I> fmt::Debug for SubmitError<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubmitError").field("cancelled", &self.cancelled).finish_non_exhaustive()
    }
}

impl<I> fmt::Display for SubmitError<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.cancelled { "the run was cancelled: it takes no more jobs" } else { "the run is over: it takes no more jobs" })
    }
}

impl<I> crate::lock::Error for SubmitError<I> {}
