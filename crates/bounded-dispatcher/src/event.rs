//! What the observer of a run sees: one [`Event`] per thing that happens to
//! a job, or to a range of jobs.

use core::ops::Range;

use crate::JobId;

/// What happened to one job (or to a range of them), as it happens. The
/// observer given to [`Run::observe`](crate::Run::observe) sees each,
/// synchronously and in order.
///
/// An event is `Copy` and owns all it says: keep as many as you like. What a
/// job returned is not in it: the run hands values back by value
/// ([`Run::collect`](crate::Run::collect), [`Run::results`](crate::Run::results)),
/// and errors in its [`Outcome`](crate::Outcome) or [`RunError`](crate::RunError).
///
/// New kinds of events may come in later versions: match with a `_` arm.
///
/// # Examples
///
/// ```
/// use bounded_dispatcher::{Dispatcher, Event, Status};
///
/// let mut events = Vec::new();
/// let outcome = futures::executor::block_on(
///     Dispatcher::new(1)
///         .run(3, |job| async move { if job == 1 { Err("no") } else { Ok(()) } })
///         .observe(|event| events.push(event)),
/// );
/// assert_eq!(outcome.status(), Status::Failed);
/// assert_eq!(
///     events,
///     [
///         Event::Started { job: 0, worker: 0 },
///         Event::Succeeded { job: 0, worker: 0 },
///         Event::Started { job: 1, worker: 0 },
///         Event::Failed { job: 1, worker: 0 },
///         Event::Cancelled { start: 2, end: 3 },
///     ]
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Event {
    /// Jobs `start..end` entered the queue: at the start of a run as many as
    /// it holds, in one event, and then one each time a job leaves it. With a
    /// queue length of 0 there is no queue, and no such event: each job goes
    /// straight to a worker.
    Queued {
        /// The first of them.
        start: JobId,
        /// One past the last of them.
        end: JobId,
    },
    /// A worker took the job and started it: `work` is called with its
    /// input next.
    Started {
        /// The job.
        job: JobId,
        /// The worker's index, in `0..workers`.
        worker: usize,
    },
    /// The job's future returned `Ok`.
    Succeeded {
        /// The job.
        job: JobId,
        /// The worker that ran it.
        worker: usize,
    },
    /// The job's future returned `Err`.
    Failed {
        /// The job.
        job: JobId,
        /// The worker that ran it.
        worker: usize,
    },
    /// The run was cancelled before jobs `start..end` started: those that
    /// were queued and, for a count of jobs, those never fed, all in one
    /// event, so that a cancel costs the same for ten jobs and for
    /// `usize::MAX`.
    Cancelled {
        /// The first of them.
        start: JobId,
        /// One past the last of them.
        end: JobId,
    },
    /// The run was cancelled while the job ran, and its future was dropped
    /// without being polled again.
    Aborted {
        /// The job.
        job: JobId,
        /// The worker that ran it.
        worker: usize,
    },
}

impl Event {
    /// The jobs the event is about: one, or for `Queued` and `Cancelled` a
    /// range of them.
    pub fn jobs(&self) -> Range<JobId> {
        match *self {
            Event::Queued { start, end } | Event::Cancelled { start, end } => start..end,
            Event::Started { job, .. } | Event::Succeeded { job, .. } | Event::Failed { job, .. } | Event::Aborted { job, .. } => {
                job..job + 1
            }
        }
    }

    /// The worker, for an event about a job that ran; `None` for `Queued`
    /// and `Cancelled`.
    pub fn worker(&self) -> Option<usize> {
        match *self {
            Event::Queued { .. } | Event::Cancelled { .. } => None,
            Event::Started { worker, .. }
            | Event::Succeeded { worker, .. }
            | Event::Failed { worker, .. }
            | Event::Aborted { worker, .. } => Some(worker),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_say_which_jobs_and_which_worker() {
        let failed = Event::Failed { job: 3, worker: 1 };
        assert_eq!((failed.jobs(), failed.worker()), (3..4, Some(1)));
        let cancelled = Event::Cancelled { start: 4, end: 9 };
        assert_eq!((cancelled.jobs(), cancelled.worker()), (4..9, None));
    }
}
