//! A gate that holds workers back: while it is closed, no worker takes a new
//! job, and jobs already running go on.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

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
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    closed: bool,
    /// The workers waiting for the gate to open. A worker waits once per
    /// closing, since only the gate wakes it: no need to look for it here.
    waiting: Vec<Waker>,
}

impl Gate {
    /// An open gate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Pauses: from now on no worker takes a new job.
    pub fn close(&self) {
        self.state().closed = true;
    }

    /// Resumes: wakes every worker that is waiting for a job.
    pub fn open(&self) {
        let waiting = {
            let mut state = self.state();
            state.closed = false;
            std::mem::take(&mut state.waiting)
        };
        waiting.into_iter().for_each(Waker::wake);
    }

    /// Whether workers may take jobs.
    pub fn is_open(&self) -> bool {
        !self.state().closed
    }

    /// Ready while the gate is open; otherwise wakes `cx` when it opens.
    pub(crate) fn poll_open(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.state();
        if !state.closed {
            return Poll::Ready(());
        }
        state.waiting.push(cx.waker().clone());
        Poll::Pending
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing panics while it is held.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gate").field("open", &self.is_open()).finish()
    }
}
