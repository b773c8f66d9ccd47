//! stream.rs, with futures' `try_for_each_concurrent`.
//!
//!   cargo run -p bounded-dispatcher --example stream_futures

#[path = "common/mod.rs"]
mod common;

use futures::{Stream, StreamExt, TryStreamExt};

/// Stores every line of `log`.
pub async fn store_all(log: impl Stream<Item = String>) -> anyhow::Result<()> {
    log.map(Ok).try_for_each_concurrent(4, common::store).await?;
    Ok(())
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
