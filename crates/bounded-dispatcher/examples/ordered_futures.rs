//! ordered.rs, with futures' `buffered`, which yields in order, and so sees
//! a failure only once every job before it has ended.
//!
//!   cargo run -p bounded-dispatcher --example ordered_futures

#[path = "common/mod.rs"]
mod common;

use futures::{stream, StreamExt, TryStreamExt};

/// The size of every page, in the pages' order.
pub async fn sizes(pages: Vec<&str>) -> anyhow::Result<Vec<usize>> {
    Ok(stream::iter(pages).map(common::size).buffered(4).try_collect().await?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    println!("{:?}", sizes(vec!["index", "about", "blog", "contact"]).await?);
    let started = tokio::time::Instant::now();
    let error = sizes(vec!["a-slow-page", "about", "missing"]).await.unwrap_err();
    println!("{error:#}, after {:?}", started.elapsed());
    Ok(())
}
