//! `RunError` goes through `?` into `anyhow::Result` and into
//! `Box<dyn Error>`, for the job errors people use, and says the job's
//! error once.
#![cfg(not(target_arch = "wasm32"))]

use std::error::Error;
use std::fmt::{Debug, Display};

use bounded_dispatcher::{Dispatcher, RunError};

/// The error of a run whose job #2 fails with `error`.
fn failed<E: Clone>(error: E) -> RunError<E> {
    futures::executor::block_on(Dispatcher::new(2).run(4, |job| {
        let error = error.clone();
        async move {
            if job == 2 {
                Err(error)
            } else {
                Ok(())
            }
        }
    }))
    .into_result()
    .unwrap_err()
}

fn into_anyhow<E: Debug + Display + Send + Sync + 'static>(error: RunError<E>) -> anyhow::Result<()> {
    Err(error)?;
    Ok(())
}

fn into_box<E: Debug + Display + 'static>(error: RunError<E>) -> Result<(), Box<dyn Error>> {
    Err(error)?;
    Ok(())
}

fn into_box_send_sync<E: Debug + Display + Send + Sync + 'static>(error: RunError<E>) -> Result<(), Box<dyn Error + Send + Sync>> {
    Err(error)?;
    Ok(())
}

/// The same error through each `?`: its message is the job's error once.
fn check<E: Clone + Debug + Display + Send + Sync + 'static>(error: E, expected: &str) {
    assert_eq!(format!("{:#}", into_anyhow(failed(error.clone())).unwrap_err()), expected);
    assert_eq!(into_box(failed(error.clone())).unwrap_err().to_string(), expected);
    assert_eq!(into_box_send_sync(failed(error)).unwrap_err().to_string(), expected);
}

#[test]
fn a_string_goes_through_question_mark() {
    check(String::from("disk full"), "job #2 failed: disk full");
}

#[test]
fn a_static_str_goes_through_question_mark() {
    check("disk full", "job #2 failed: disk full");
}

#[test]
fn an_io_error_goes_through_question_mark() {
    #[derive(Clone, Debug)]
    struct Io(std::sync::Arc<std::io::Error>);
    impl Display for Io {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Display::fmt(&self.0, f)
        }
    }
    impl Error for Io {}
    check(Io(std::sync::Arc::new(std::io::Error::other("disk full"))), "job #2 failed: disk full");
}

#[test]
fn an_anyhow_error_goes_through_question_mark() {
    let error = || anyhow::anyhow!("disk full");
    assert_eq!(format!("{:#}", into_anyhow(failed_with(error)).unwrap_err()), "job #2 failed: disk full");
    assert_eq!(into_box(failed_with(error)).unwrap_err().to_string(), "job #2 failed: disk full");
}

#[test]
fn a_boxed_error_goes_through_question_mark() {
    let error = || -> Box<dyn Error + Send + Sync> { "disk full".into() };
    assert_eq!(format!("{:#}", into_anyhow(failed_with(error)).unwrap_err()), "job #2 failed: disk full");
    assert_eq!(into_box(failed_with(error)).unwrap_err().to_string(), "job #2 failed: disk full");
}

#[test]
fn the_jobs_error_comes_back_whole_with_its_own_chain() {
    let error = || anyhow::anyhow!("no space left").context("disk full");
    let failure = failed_with(error).into_failure().unwrap();
    assert_eq!(failure.job(), 2);
    assert_eq!(format!("{:#}", failure.into_error()), "disk full: no space left");
}

#[test]
fn a_stop_says_which_and_a_cancel_says_so() {
    let stopped: RunError<String> = futures::executor::block_on(
        Dispatcher::new(1)
            .run(3, |_| std::future::pending::<Result<(), String>>())
            .stop("ctrl-c", std::future::ready(()))
            .stop("deadline", std::future::pending::<()>())
            .collect(),
    )
    .unwrap_err();
    assert!(stopped.is_stopped());
    assert_eq!(stopped.stopped_by(), Some("ctrl-c"));
    assert_eq!(format!("{:#}", into_anyhow(stopped).unwrap_err()), "the run was stopped: ctrl-c");
}

/// [`failed`], for errors that are not `Clone`: made anew for the failing job.
fn failed_with<E>(error: impl Fn() -> E) -> RunError<E> {
    futures::executor::block_on(Dispatcher::new(2).run(4, |job| {
        let result = if job == 2 { Err(error()) } else { Ok(()) };
        async move { result }
    }))
    .into_result()
    .unwrap_err()
}
