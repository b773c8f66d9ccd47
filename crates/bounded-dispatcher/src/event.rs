//! What the observer of a run sees: one [`Event`] per thing that happens to
//! a job.

use std::ops::Range;

use crate::JobId;

/// What happened to one job, as it happens. The observer of
/// [`Dispatcher::run`](crate::Dispatcher::run) sees each, synchronously and in order.
///
/// `T` is what a job's future returns on success, `E` its error.
#[derive(Debug, PartialEq, Eq)]
pub enum Event<'a, T, E> {
    /// The producer put jobs `start..end` in the queue: at the start of a
    /// run as many as it holds, in one event, and then one each time a job
    /// leaves it. With a queue length of 0 there is no queue, and no such
    /// event: each job goes straight to a worker.
    Queued {
        /// The first of them.
        start: JobId,
        /// One past the last of them.
        end: JobId,
    },
    /// A worker took the job and started it: `work(job)` is called next.
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
        /// What it returned. It is dropped after this event: keep it here.
        value: &'a T,
    },
    /// The job's future returned `Err`.
    Failed {
        /// The job.
        job: JobId,
        /// The worker that ran it.
        worker: usize,
        /// What it returned; the [`Outcome`](crate::Outcome) keeps it too.
        error: &'a E,
    },
    /// The run was cancelled before jobs `start..end` started: those that
    /// were queued and those never fed, all in one event, so that a cancel
    /// costs the same for ten jobs and for `usize::MAX`.
    Canceled {
        /// The first of them.
        start: JobId,
        /// One past the last of them: the run's job count.
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

// By hand: derived, they would ask for `T: Clone` and `E: Clone`.
impl<T, E> Clone for Event<'_, T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, E> Copy for Event<'_, T, E> {}

impl<T, E> Event<'_, T, E> {
    /// The jobs the event is about: one, or for `Queued` and `Canceled` a
    /// range of them.
    pub fn jobs(&self) -> Range<JobId> {
        match *self {
            Event::Queued { start, end } | Event::Canceled { start, end } => start..end,
            Event::Started { job, .. } | Event::Succeeded { job, .. } | Event::Failed { job, .. } | Event::Aborted { job, .. } => {
                job..job + 1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_copy() {
        let error = "boom";
        let event: Event<'_, (), &str> = Event::Failed { job: 3, worker: 1, error: &error };
        let copy = event;
        assert_eq!(event, copy);
        let canceled: Event<'_, (), ()> = Event::Canceled { start: 4, end: 9 };
        assert_eq!(canceled.jobs(), 4..9);
        assert_eq!(copy.jobs(), 3..4);
    }
}
