//! A map of a `Vec` to a `Vec`, in input order, 4 at a time, failing fast:
//! a failure is seen when it happens, not after the slow jobs before it.
//! ordered_futures.rs is the same program with futures' `buffered`.
//!
//!   cargo run -p bounded-dispatcher --example ordered

#[path = "common/mod.rs"]
mod common;

use bounded_dispatcher::Dispatcher;

/// The size of every page, in the pages' order.
pub async fn sizes(pages: Vec<&str>) -> anyhow::Result<Vec<usize>> {
    Ok(Dispatcher::new(4).run_iter(pages, common::size).collect().await?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    println!("{:?}", sizes(vec!["index", "about", "blog", "contact"]).await?);
    let started = tokio::time::Instant::now();
    let error = sizes(vec!["a-slow-page", "about", "missing"]).await.unwrap_err();
    println!("{error:#}, after {:?}", started.elapsed());
    Ok(())
}
