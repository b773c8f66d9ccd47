//! A stream of unknown length, 4 lines at a time, with backpressure: the log
//! is read only as fast as its lines are stored, as the original Go
//! program's producer waits on its channel. The first bad line stops it.
//! stream_futures.rs is the same program with `try_for_each_concurrent`.
//!
//!   cargo run -p bounded-dispatcher --example stream

#[path = "common/mod.rs"]
mod common;

use bounded_dispatcher::Dispatcher;
use futures::Stream;

/// Stores every line of `log`.
pub async fn store_all(log: impl Stream<Item = String>) -> anyhow::Result<()> {
    Ok(Dispatcher::new(4).run_stream(log, common::store).await.into_result()?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let read = std::sync::Arc::default();
    store_all(common::log_lines(1000, None, std::sync::Arc::clone(&read))).await?;
    let read_before_the_error = std::sync::Arc::default();
    let error = store_all(common::log_lines(1000, Some(100), std::sync::Arc::clone(&read_before_the_error))).await.unwrap_err();
    println!("{read:?} lines stored; then {error:#}, with {read_before_the_error:?} lines read");
    Ok(())
}
