//! CPU-bound jobs on tokio's multi-thread runtime: the run is a `Send`
//! future, so tokio spawns it, and each job runs on a blocking thread, 4 at a
//! time, on all cores. cpu_tokio.rs is the same program with a `JoinSet` and
//! a `Semaphore`.
//!
//!   cargo run --release -p bounded-dispatcher --example cpu

#[path = "common/mod.rs"]
mod common;

use bounded_dispatcher::Dispatcher;
use tokio::task::spawn_blocking;

/// Each sum of squares, 4 at a time, in the order given.
pub async fn crunch_all(sizes: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let run = Dispatcher::new(4).run_iter(sizes, |n| spawn_blocking(move || common::crunch(n)));
    Ok(tokio::spawn(run.collect()).await??)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let sums = crunch_all(vec![50_000_000; 8]).await?;
    println!("{} sums in {:?}", sums.len(), started.elapsed());
    Ok(())
}
