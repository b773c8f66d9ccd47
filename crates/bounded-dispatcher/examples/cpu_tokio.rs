//! cpu.rs, with tokio's `JoinSet` and a `Semaphore`: the order of the
//! results is kept by hand.
//!
//!   cargo run --release -p bounded-dispatcher --example cpu_tokio

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Each sum of squares, 4 at a time, in the order given.
pub async fn crunch_all(sizes: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let permits = Arc::new(Semaphore::new(4));
    let mut set = JoinSet::new();
    for (i, n) in sizes.into_iter().enumerate() {
        let permit = permits.clone().acquire_owned().await?;
        set.spawn_blocking(move || {
            let _permit = permit;
            (i, common::crunch(n))
        });
    }
    let mut sums = vec![0; set.len()];
    while let Some(done) = set.join_next().await {
        let (i, sum) = done?;
        sums[i] = sum;
    }
    Ok(sums)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let sums = crunch_all(vec![50_000_000; 8]).await?;
    println!("{} sums in {:?}", sums.len(), started.elapsed());
    Ok(())
}
