//! On tokio: a timeout for each job, a deadline for the whole run, and
//! Ctrl-C, each a stop with a name that the error gives back.
//! deadline_tokio.rs is the same program with tokio's `JoinSet`, a
//! `Semaphore` and `select!`.
//!
//!   cargo run -p bounded-dispatcher --example deadline

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use bounded_dispatcher::Dispatcher;
use tokio::time::{sleep, timeout};

/// Each page, fetched 4 at a time: each within `per_job`, all within `deadline`.
pub async fn fetch_all(waits: Vec<u64>, per_job: Duration, deadline: Duration) -> anyhow::Result<Vec<u64>> {
    let fetch = |ms| async move {
        let timed_out = |_| Err(common::Error(format!("a page of {ms} ms timed out")));
        timeout(per_job, common::slow_page(ms)).await.unwrap_or_else(timed_out)
    };
    let run = Dispatcher::new(4).run_iter(waits, fetch);
    Ok(run.stop("the deadline", sleep(deadline)).stop("ctrl-c", tokio::signal::ctrl_c()).collect().await?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (per_job, deadline) = (Duration::from_millis(200), Duration::from_millis(300));
    println!("{:?}", fetch_all(vec![50, 100, 150], per_job, deadline).await);
    println!("{:?}", fetch_all(vec![50, 250], per_job, deadline).await.map_err(|error| error.to_string()));
    let many = vec![100; 20];
    println!("{:?}", fetch_all(many, per_job, deadline).await.map_err(|error| error.to_string()));
}
