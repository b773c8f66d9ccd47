//! Ready jobs through the dispatcher, natively: 10 workers, a queue of 100,
//! as make bench runs them in wasm and Go runs its pattern. Prints the best
//! of its rounds, after one to warm up, as JSON. For profilers too: with one
//! round, `valgrind --tool=callgrind` counts what a run of `jobs` costs.
//!
//!   cargo run --release -p bounded-dispatcher --example dispatch [jobs] [rounds]

use std::time::{Duration, Instant};

use bounded_dispatcher::{Dispatcher, Status};
use futures::executor::block_on;
use futures::future;
use std::future::IntoFuture;

fn main() {
    let mut args = std::env::args().skip(1).map(|n| n.parse().expect("arguments are counts"));
    let jobs = args.next().unwrap_or(1_000_000);
    let rounds = args.next().unwrap_or(5);
    let dispatcher = Dispatcher::new(10).queue_length(100);
    let run = || {
        let started = Instant::now();
        let outcome = block_on(dispatcher.run(jobs, |_| future::ready(Ok::<(), ()>(()))).into_future());
        assert_eq!(outcome.status(), Status::Completed);
        started.elapsed()
    };
    if rounds > 1 {
        run();
    }
    let best = (0..rounds).map(|_| run()).min().unwrap_or(Duration::ZERO);
    let ms = best.as_secs_f64() * 1000.0;
    println!(r#"{{"jobs": {jobs}, "rounds": {rounds}, "bestMs": {ms}, "rate": {}}}"#, jobs as f64 / best.as_secs_f64());
}
