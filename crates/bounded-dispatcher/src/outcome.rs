//! How a run ended: its [`Outcome`], and the [`RunError`] it gives.

use crate::lock::Error;
use alloc::vec::Vec;
use core::fmt;

use crate::JobId;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// Every job ran and none failed.
    Completed,
    /// At least one job failed. With `fail_fast`, the first failure
    /// cancelled the run, and it stays the cause even if a stop fires later.
    Failed,
    /// A stop given to [`Run::stop`](crate::Run::stop) fired before any
    /// failure cancelled the run: [`Outcome::stopped_by`] says which.
    Stopped,
    /// [`RunHandle::cancel`](crate::RunHandle::cancel) was called before any
    /// failure or stop cancelled the run.
    Cancelled,
}

/// One job's error, and which job it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure<E> {
    job: JobId,
    error: E,
}

impl<E> Failure<E> {
    pub(crate) fn new(job: JobId, error: E) -> Self {
        Failure { job, error }
    }

    /// The job that failed.
    pub fn job(&self) -> JobId {
        self.job
    }

    /// What its future returned.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// What its future returned, by value: with its own `source()` chain,
    /// if it has one.
    pub fn into_error(self) -> E {
        self.error
    }
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job #{} failed: {}", self.job, self.error)
    }
}

/// The job's error is in the message, once: see [`RunError`]'s note on `source`.
impl<E: fmt::Debug + fmt::Display> Error for Failure<E> {}

/// Why a run did not complete: what [`Outcome::into_result`] and
/// [`Run::collect`](crate::Run::collect) return, and what
/// [`Run::results`](crate::Run::results) ends with.
///
/// It is an [`Error`] for any job error that is `Debug + Display`: `String`,
/// `&'static str`, `anyhow::Error`, `Box<dyn Error + Send + Sync>` and any
/// `E: Error`. So `?` takes it into `anyhow::Result` and
/// `Result<_, Box<dyn Error>>` alike. Its message includes the job's error,
/// once, and it has no `source()`, since not every such `E` is an `Error`
/// itself (`String` and `anyhow::Error` are not). To walk the job's error's
/// own chain, take it back with [`into_failure`](Self::into_failure) and
/// [`Failure::into_error`].
///
/// # Examples
///
/// ```
/// use bounded_dispatcher::{Dispatcher, RunError};
///
/// async fn sizes() -> anyhow::Result<Vec<usize>> {
///     let pages = ["index", "", "blog"];
///     let sizes = Dispatcher::new(2)
///         .run_iter(pages, |page| async move { if page.is_empty() { Err(format!("no page")) } else { Ok(page.len()) } })
///         .collect()
///         .await?; // a RunError<String> into anyhow
///     Ok(sizes)
/// }
///
/// let error = futures::executor::block_on(sizes()).unwrap_err();
/// assert_eq!(format!("{error:#}"), "job #1 failed: no page");
/// let error = error.downcast::<RunError<String>>()?;
/// assert!(error.is_failed());
/// assert_eq!(error.into_failure().map(|failure| failure.into_error()).as_deref(), Some("no page"));
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RunError<E> {
    /// A job failed: the first failure, as Go's `errgroup.Wait` returns it.
    Failed(Failure<E>),
    /// A stop fired first: `by` is the name it was given to
    /// [`Run::stop`](crate::Run::stop) with.
    Stopped {
        /// The stop's name.
        by: &'static str,
    },
    /// The run's [`RunHandle`](crate::RunHandle) cancelled it first.
    Cancelled,
}

impl<E> RunError<E> {
    /// Whether a job failed.
    pub fn is_failed(&self) -> bool {
        matches!(self, RunError::Failed(_))
    }

    /// Whether a stop fired.
    pub fn is_stopped(&self) -> bool {
        matches!(self, RunError::Stopped { .. })
    }

    /// Whether the run's handle cancelled it.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, RunError::Cancelled)
    }

    /// The failure, if a job failed.
    pub fn failure(&self) -> Option<&Failure<E>> {
        match self {
            RunError::Failed(failure) => Some(failure),
            _ => None,
        }
    }

    /// The failure, by value, if a job failed.
    pub fn into_failure(self) -> Option<Failure<E>> {
        match self {
            RunError::Failed(failure) => Some(failure),
            _ => None,
        }
    }

    /// The name of the stop that fired, if one did.
    pub fn stopped_by(&self) -> Option<&'static str> {
        match self {
            RunError::Stopped { by } => Some(by),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for RunError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Failed(failure) => failure.fmt(f),
            RunError::Stopped { by } => write!(f, "the run was stopped: {by}"),
            RunError::Cancelled => f.write_str("the run was cancelled"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> Error for RunError<E> {}

/// What a run returns when awaited, once no job is running any more.
///
/// # Examples
///
/// ```
/// use bounded_dispatcher::{Dispatcher, Status};
///
/// // Without fail_fast, every job runs and every failure is kept.
/// let outcome = futures::executor::block_on(
///     Dispatcher::new(2).fail_fast(false).run(5, |job| async move { if job % 2 == 1 { Err(job * 10) } else { Ok(()) } }),
/// );
/// assert_eq!(outcome.status(), Status::Failed);
/// let failed: Vec<_> = outcome.failures().iter().map(|failure| (failure.job(), *failure.error())).collect();
/// assert_eq!(failed, [(1, 10), (3, 30)]);
/// assert_eq!(outcome.into_result().unwrap_err().to_string(), "job #1 failed: 10");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a run's failures are only reported here"]
pub struct Outcome<E> {
    status: Status,
    failures: Vec<Failure<E>>,
    stopped_by: Option<&'static str>,
}

impl<E> Outcome<E> {
    pub(crate) fn new(status: Status, failures: Vec<Failure<E>>, stopped_by: Option<&'static str>) -> Self {
        Outcome { status, failures, stopped_by }
    }

    /// How the run ended.
    pub fn status(&self) -> Status {
        self.status
    }

    /// Every failure, in the order they happened. With `fail_fast` the first
    /// is the one that cancelled the run; later ones come from jobs that were
    /// already running and were not aborted.
    pub fn failures(&self) -> &[Failure<E>] {
        &self.failures
    }

    /// The first failure: the error Go's `errgroup.Wait` would return.
    pub fn first_failure(&self) -> Option<&Failure<E>> {
        self.failures.first()
    }

    /// Every failure, by value.
    pub fn into_failures(self) -> Vec<Failure<E>> {
        self.failures
    }

    /// For a run that ended [`Status::Stopped`], the name of the stop that fired.
    pub fn stopped_by(&self) -> Option<&'static str> {
        self.stopped_by
    }

    /// `Ok` if every job succeeded; otherwise the first failure, or why the
    /// run was stopped or cancelled before any failure.
    pub fn into_result(self) -> Result<(), RunError<E>> {
        match self.status {
            Status::Completed => Ok(()),
            Status::Failed => match self.failures.into_iter().next() {
                Some(failure) => Err(RunError::Failed(failure)),
                None => Err(RunError::Cancelled),
            },
            Status::Stopped => Err(RunError::Stopped { by: self.stopped_by.unwrap_or("a stop") }),
            Status::Cancelled => Err(RunError::Cancelled),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_the_jobs_error_once() {
        let failure = Failure::new(7, std::fmt::Error);
        assert_eq!(failure.to_string(), "job #7 failed: an error occurred when formatting an argument");
        assert!(Error::source(&failure).is_none());
        let stopped: RunError<std::fmt::Error> = RunError::Stopped { by: "deadline" };
        assert_eq!(stopped.to_string(), "the run was stopped: deadline");
        assert_eq!(RunError::<String>::Cancelled.to_string(), "the run was cancelled");
        assert_eq!(RunError::Failed(failure).to_string(), "job #7 failed: an error occurred when formatting an argument");
    }

    #[test]
    fn into_result_gives_the_first_failure_or_why_it_stopped() {
        let failed = Outcome::new(Status::Failed, vec![Failure::new(2, 'a'), Failure::new(1, 'b')], None);
        assert_eq!(failed.into_result(), Err(RunError::Failed(Failure::new(2, 'a'))));
        assert_eq!(Outcome::<char>::new(Status::Stopped, vec![], Some("signal")).into_result(), Err(RunError::Stopped { by: "signal" }));
        assert_eq!(Outcome::<char>::new(Status::Cancelled, vec![], None).into_result(), Err(RunError::Cancelled));
        assert_eq!(Outcome::<char>::new(Status::Completed, vec![], None).into_result(), Ok(()));
    }
}
