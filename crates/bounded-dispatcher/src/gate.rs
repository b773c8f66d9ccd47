//! A gate that holds workers back: while it is closed, no worker takes a new
//! job, and jobs already running go on.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::lock::{lock, Mutex, MutexGuard};
use core::task::{Context, Poll, Waker};

/// Pauses and resumes the runs of the [`Dispatcher`](crate::Dispatcher)s
/// that hold it. Clones share the same gate, and it is `Send + Sync`: any
/// thread may open or close it.
///
/// While the gate is closed, workers take no job from the queue, and the
/// producer keeps the queue full. Jobs already running go on. Cancelling a
/// run still ends it at once: a closed gate never holds back the end of a
/// run.
///
/// # Examples
///
/// ```
/// use bounded_dispatcher::Gate;
///
/// let gate = Gate::new();
/// gate.close();
/// assert!(!gate.is_open());
/// gate.open();
/// assert!(gate.is_open());
/// ```
#[derive(Clone, Default)]
pub struct Gate {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// Read without the lock, at every start of a job.
    closed: AtomicBool,
    /// The runs waiting for the gate to open, each once.
    waiting: Mutex<Vec<Waker>>,
}

impl Gate {
    /// An open gate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Pauses: from now on no worker takes a new job.
    pub fn close(&self) {
        self.shared.closed.store(true, Ordering::Release);
    }

    /// Resumes: wakes every run that is waiting to start a job.
    pub fn open(&self) {
        self.shared.closed.store(false, Ordering::Release);
        let waiting = core::mem::take(&mut *self.waiting());
        waiting.into_iter().for_each(Waker::wake);
    }

    /// Whether workers may take jobs.
    pub fn is_open(&self) -> bool {
        !self.shared.closed.load(Ordering::Acquire)
    }

    /// Ready while the gate is open; otherwise wakes `cx` when it opens.
    pub(crate) fn poll_open(&self, cx: &mut Context<'_>) -> Poll<()> {
        if self.is_open() {
            return Poll::Ready(());
        }
        let mut waiting = self.waiting();
        // Checked again under the lock: an `open` in between has taken the list, or will find `cx` in it.
        if self.is_open() {
            return Poll::Ready(());
        }
        if !waiting.iter().any(|waker| waker.will_wake(cx.waker())) {
            waiting.push(cx.waker().clone());
        }
        Poll::Pending
    }

    fn waiting(&self) -> MutexGuard<'_, Vec<Waker>> {
        // Nothing panics while it is held.
        lock(&self.shared.waiting)
    }
}

impl fmt::Debug for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gate").field("open", &self.is_open()).finish()
    }
}
