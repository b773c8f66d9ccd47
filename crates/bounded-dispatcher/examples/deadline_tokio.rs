//! deadline.rs, with tokio's `JoinSet`, a `Semaphore` for the limit, and
//! `select!` for the deadline and Ctrl-C.
//!
//!   cargo run -p bounded-dispatcher --example deadline_tokio

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{sleep, timeout};

/// Each page, fetched 4 at a time: each within `per_job`, all within `deadline`.
pub async fn fetch_all(waits: Vec<u64>, per_job: Duration, deadline: Duration) -> anyhow::Result<Vec<u64>> {
    let permits = Arc::new(Semaphore::new(4));
    let mut set = JoinSet::new();
    for (i, ms) in waits.into_iter().enumerate() {
        let permits = permits.clone();
        set.spawn(async move {
            let _permit = permits.acquire_owned().await?;
            let timed_out = |_| Err(common::Error(format!("a page of {ms} ms timed out")));
            let page = timeout(per_job, common::slow_page(ms)).await.unwrap_or_else(timed_out)?;
            anyhow::Ok((i, page))
        });
    }
    let mut pages = vec![0; set.len()];
    let all = async {
        while let Some(done) = set.join_next().await {
            let (i, page) = done??;
            pages[i] = page;
        }
        anyhow::Ok(())
    };
    tokio::select! {
        done = all => done?,
        _ = sleep(deadline) => anyhow::bail!("the run was stopped: the deadline"),
        _ = tokio::signal::ctrl_c() => anyhow::bail!("the run was stopped: ctrl-c"),
    }
    Ok(pages)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (per_job, deadline) = (Duration::from_millis(200), Duration::from_millis(300));
    println!("{:?}", fetch_all(vec![50, 100, 150], per_job, deadline).await);
    println!("{:?}", fetch_all(vec![50, 250], per_job, deadline).await.map_err(|error| error.to_string()));
    let many = vec![100; 20];
    println!("{:?}", fetch_all(many, per_job, deadline).await.map_err(|error| error.to_string()));
}
