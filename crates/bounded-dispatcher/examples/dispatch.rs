//! A million ready jobs through the dispatcher, natively, for profilers:
//! `cargo run --release --example dispatch [jobs]`.

use std::num::NonZeroUsize;
use std::time::Instant;

use bounded_dispatcher::Dispatcher;
use futures::executor::block_on;
use futures::future;

fn main() {
    let jobs: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dispatcher = Dispatcher::new(NonZeroUsize::new(10).unwrap()).queue_length(100);
    let started = Instant::now();
    let outcome = block_on(dispatcher.run(jobs, |_| future::ready(Ok::<(), ()>(())), |_| {}, future::pending()));
    let seconds = started.elapsed().as_secs_f64();
    println!("{jobs} jobs, {:?}, in {:.3} s: {:.1} M jobs/s", outcome.status, seconds, jobs as f64 / seconds / 1e6);
}
