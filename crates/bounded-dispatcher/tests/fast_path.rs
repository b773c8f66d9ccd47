//! The fast path of a plain run against the general loop: without a gate,
//! an unobserved run whose jobs are a count's and ready at once takes them
//! in a loop of its own (`run_counted` and `run_ready` in
//! run_loop/counted.rs); with a gate that stays open, the same run takes the
//! general loop (run_loop.rs). Both must take the same steps, awaited or read
//! through a results stream whose reader is slow.
//!
//! A results stream polls its run only when it has nothing left to read, and
//! its first result halts the run (`Sink::halt`) in `run_worker`, before
//! `run_counted`: so today a stream's plain run differs from a gated one only
//! in the checks its takes skip, and `run_ready`'s halt exit is reached by no
//! sink. The read-slowly test holds both to the same steps, and would hold
//! that exit too if a sink came to halt later.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::future::Future;
use std::task::Poll;

use bounded_dispatcher::{Dispatcher, Gate, RunError, Status};
use futures::StreamExt;
use proptest::prelude::*;

/// How each job ends: at its first poll or its second (it wakes itself, as
/// a timer or a request would), with a value or an error.
#[derive(Debug, Clone, Copy)]
enum Ready {
    Ok,
    Err,
    SecondOk,
    SecondErr,
}

/// A step of a run: a job made, a job polled, the task beside the run given
/// a turn (after each of the run's yields), or a result read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Made(usize),
    Polled(usize),
    Beside,
    Read,
}

type Steps = RefCell<Vec<Step>>;

/// A run of `workers`, `queue_length` and `flags` (fail fast, cancel in
/// flight), with no gate or with one that stays open.
fn dispatcher(workers: usize, queue_length: usize, (fail_fast, cancel_in_flight): (bool, bool), gated: bool) -> Dispatcher {
    let dispatcher = Dispatcher::new(workers).queue_length(queue_length).fail_fast(fail_fast).cancel_in_flight(cancel_in_flight);
    if gated {
        dispatcher.gate(Gate::new())
    } else {
        dispatcher
    }
}

/// Job `id`, which ends as `jobs[id]` says with its id as value or error,
/// and notes in `steps` when it is made and polled.
fn job<'a>(steps: &'a Steps, jobs: &[Ready], id: usize) -> impl Future<Output = Result<usize, usize>> + 'a {
    steps.borrow_mut().push(Step::Made(id));
    let (second, ok) = match jobs[id] {
        Ready::Ok => (false, true),
        Ready::Err => (false, false),
        Ready::SecondOk => (true, true),
        Ready::SecondErr => (true, false),
    };
    let mut polls = 0;
    std::future::poll_fn(move |cx| {
        steps.borrow_mut().push(Step::Polled(id));
        polls += 1;
        if second && polls == 1 {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(if ok { Ok(id) } else { Err(id) })
    })
}

/// Drives `run` to its end beside a task that wants a turn each time the
/// run yields, and notes those turns in `steps`.
fn beside<T>(steps: &Steps, run: impl Future<Output = T>) -> T {
    let beside = std::future::poll_fn(|cx| {
        steps.borrow_mut().push(Step::Beside);
        cx.waker().wake_by_ref();
        Poll::<()>::Pending
    });
    futures::executor::block_on(async {
        match futures::future::select(std::pin::pin!(run), std::pin::pin!(beside)).await {
            futures::future::Either::Left((output, _)) => output,
            futures::future::Either::Right(_) => unreachable!("the task beside never ends"),
        }
    })
}

/// Gives the executor back once, as a reader busy elsewhere would.
async fn turn() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if std::mem::replace(&mut yielded, true) {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

/// An awaited run of `jobs`, unobserved: its steps, its status and its failures.
fn same_steps_run(
    workers: usize,
    queue_length: usize,
    jobs: &[Ready],
    flags: (bool, bool),
    gated: bool,
) -> (Vec<Step>, Status, Vec<usize>) {
    let steps = RefCell::new(Vec::new());
    let run = dispatcher(workers, queue_length, flags, gated).run(jobs.len(), |id| job(&steps, jobs, id));
    let outcome = beside(&steps, run);
    let failures = outcome.failures().iter().map(|failure| failure.job()).collect();
    (steps.take(), outcome.status(), failures)
}

/// A run of `jobs`, unobserved, read through its results stream by a reader
/// that gives `pauses[i % pauses.len()]` turns away after its `i`th result,
/// so that what the run has made waits to be read and the run halts between
/// two jobs (`Sink::halt`). A stop, if any, comes at the run's `stop_at`th
/// poll; the stream ends with it, which is how a stream shows the status
/// (a failure is a result among the others). Its steps and its results.
fn read_slowly_run(
    workers: usize,
    queue_length: usize,
    jobs: &[Ready],
    (flags, pauses, stop_at): ((bool, bool), &[u8], Option<usize>),
    gated: bool,
) -> (Vec<Step>, Vec<Result<usize, RunError<usize>>>) {
    let steps = RefCell::new(Vec::new());
    let mut polls = 0;
    let stop = std::future::poll_fn(move |_| {
        polls += 1;
        if stop_at == Some(polls) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    });
    let run = dispatcher(workers, queue_length, flags, gated).run(jobs.len(), |id| job(&steps, jobs, id)).stop("a stop", stop);
    let read = async {
        let (mut results, mut read) = (run.results(), Vec::new());
        while let Some(result) = results.next().await {
            steps.borrow_mut().push(Step::Read);
            read.push(result);
            for _ in 0..pauses[read.len() % pauses.len()] {
                turn().await;
            }
        }
        read
    };
    let read = beside(&steps, read);
    (steps.take(), read)
}

fn readies() -> impl Strategy<Value = Ready> {
    prop_oneof![8 => Just(Ready::Ok), 1 => Just(Ready::Err), 2 => Just(Ready::SecondOk), 1 => Just(Ready::SecondErr)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_plain_run_takes_the_same_steps_as_a_gated_one(
        workers in 1..12usize,
        queue_length in 0..12usize,
        jobs in prop::collection::vec(readies(), 0..3000),
        flags in (any::<bool>(), any::<bool>()),
    ) {
        let plain = same_steps_run(workers, queue_length, &jobs, flags, false);
        let gated = same_steps_run(workers, queue_length, &jobs, flags, true);
        prop_assert_eq!(plain, gated);
    }

    #[test]
    fn a_plain_run_read_slowly_takes_the_same_steps_as_a_gated_one(
        workers in 1..12usize,
        queue_length in 0..12usize,
        jobs in prop::collection::vec(readies(), 0..600),
        flags in (any::<bool>(), any::<bool>()),
        pauses in prop::collection::vec(0..4u8, 1..8),
        stop_at in prop::option::of(1..400usize),
    ) {
        let plain = read_slowly_run(workers, queue_length, &jobs, (flags, &pauses, stop_at), false);
        let gated = read_slowly_run(workers, queue_length, &jobs, (flags, &pauses, stop_at), true);
        prop_assert_eq!(plain, gated);
    }
}
