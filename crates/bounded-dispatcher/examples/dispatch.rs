//! Jobs through the dispatcher, natively: 10 workers, a queue of 100, as
//! make bench runs them in wasm and Go runs its pattern. The jobs are ready
//! at once, or with `pending` each is pending once (it wakes itself, and is
//! ready when polled again: the wake, the poll and the finish that a timer
//! or a request costs). Prints the best of its rounds, after one to warm
//! up, as JSON. For profilers too: with one round,
//! `valgrind --tool=callgrind` counts what a run of `jobs` costs.
//!
//!   cargo run --release -p bounded-dispatcher --example dispatch [jobs] [rounds] [ready|pending]

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bounded_dispatcher::{Dispatcher, Status};
use futures::executor::block_on;
use futures::future;

/// A job that is pending once, as the criterion bench's (benches/peers.rs):
/// it wakes itself, and is ready when polled again.
struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = Result<(), ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), ()>> {
        if self.0 {
            return Poll::Ready(Ok(()));
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut count = |default| args.next().map_or(default, |n| n.parse().expect("jobs and rounds are counts"));
    let (jobs, rounds) = (count(1_000_000), count(5));
    let best = match args.next().as_deref() {
        None | Some("ready") => best(jobs, rounds, |_| future::ready(Ok(()))),
        Some("pending") => best(jobs, rounds, |_| PendingOnce(false)),
        Some(other) => panic!("the jobs are ready or pending, not {other:?}"),
    };
    let ms = best.as_secs_f64() * 1000.0;
    println!(r#"{{"jobs": {jobs}, "rounds": {rounds}, "bestMs": {ms}, "rate": {}}}"#, jobs as f64 / best.as_secs_f64());
}

/// The best time of `rounds` runs of `jobs` jobs made by `job`, after one to warm up.
fn best<F: Future<Output = Result<(), ()>>>(jobs: usize, rounds: usize, job: impl Fn(usize) -> F) -> Duration {
    let dispatcher = Dispatcher::new(10).queue_length(100);
    let run = || {
        let started = Instant::now();
        let outcome = block_on(dispatcher.run(jobs, &job).into_future());
        assert_eq!(outcome.status(), Status::Completed);
        started.elapsed()
    };
    if rounds > 1 {
        run();
    }
    (0..rounds).map(|_| run()).min().unwrap_or(Duration::ZERO)
}
