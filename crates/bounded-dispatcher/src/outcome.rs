//! How a run ended: its [`Outcome`], and the errors it gives.

use std::error::Error;
use std::fmt;

use crate::JobId;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Every job ran and none failed.
    Completed,
    /// At least one job failed. With `fail_fast`, the first failure
    /// cancelled the run, and it stays the cause even if `stop` completes
    /// later.
    Failed,
    /// The `stop` future completed before any failure cancelled the run.
    Stopped,
}

/// One job's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure<E> {
    /// The job that failed.
    pub job: JobId,
    /// What its future returned.
    pub error: E,
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job #{} failed: {}", self.job, self.error)
    }
}

impl<E: Error + 'static> Error for Failure<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.error)
    }
}

/// Why a run did not complete: what [`Outcome::into_result`] returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError<E> {
    /// A job failed: the first failure, as Go's `errgroup.Wait` returns it.
    Failed(Failure<E>),
    /// The `stop` future completed first.
    Stopped,
}

impl<E: fmt::Display> fmt::Display for RunError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Failed(failure) => failure.fmt(f),
            RunError::Stopped => f.write_str("the run was stopped"),
        }
    }
}

impl<E: Error + 'static> Error for RunError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            RunError::Failed(failure) => Some(failure),
            RunError::Stopped => None,
        }
    }
}

/// What [`Dispatcher::run`](crate::Dispatcher::run) returns, once no job is running any more.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a run's failures are only reported here"]
pub struct Outcome<E> {
    /// How the run ended.
    pub status: Status,
    /// Every failure, in the order they happened. With `fail_fast` the first
    /// is the one that cancelled the run; later ones come from jobs that were
    /// already running and were not aborted.
    pub failures: Vec<Failure<E>>,
}

impl<E> Outcome<E> {
    /// The first failure: the error Go's `errgroup.Wait` would return.
    pub fn first_failure(&self) -> Option<&Failure<E>> {
        self.failures.first()
    }

    /// `Ok` if every job succeeded; otherwise the first failure, or
    /// [`RunError::Stopped`] for a run stopped before any failure.
    pub fn into_result(self) -> Result<(), RunError<E>> {
        match self.status {
            Status::Completed => Ok(()),
            Status::Stopped => Err(RunError::Stopped),
            Status::Failed => Err(self.failures.into_iter().next().map_or(RunError::Stopped, RunError::Failed)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_display_and_chain_their_error() {
        let failure = Failure { job: 7, error: std::fmt::Error };
        assert_eq!(failure.to_string(), "job #7 failed: an error occurred when formatting an argument");
        assert!(Error::source(&failure).is_some());
        let stopped: RunError<std::fmt::Error> = RunError::Stopped;
        assert_eq!(stopped.to_string(), "the run was stopped");
        assert_eq!(RunError::Failed(failure).to_string(), "job #7 failed: an error occurred when formatting an argument");
    }

    #[test]
    fn into_result_gives_the_first_failure_or_stopped() {
        let failed = Outcome { status: Status::Failed, failures: vec![Failure { job: 2, error: 'a' }, Failure { job: 1, error: 'b' }] };
        assert_eq!(failed.into_result(), Err(RunError::Failed(Failure { job: 2, error: 'a' })));
        assert_eq!(Outcome::<char> { status: Status::Stopped, failures: vec![] }.into_result(), Err(RunError::Stopped));
        assert_eq!(Outcome::<char> { status: Status::Completed, failures: vec![] }.into_result(), Ok(()));
    }
}
