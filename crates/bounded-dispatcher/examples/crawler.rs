//! A crawler: a job fetches a page and finds its links, and those not seen
//! yet become jobs of the same run, 4 at a time; the first error stops it
//! all. crawler_futures.rs is the same program with futures' `FuturesUnordered`.
//!
//!   cargo run -p bounded-dispatcher --example crawler

#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeSet;

use bounded_dispatcher::{Dispatcher, RunHandle};
use futures::TryStreamExt;

/// Every page reachable from `root`.
pub async fn crawl(root: &str, broken: bool) -> anyhow::Result<BTreeSet<String>> {
    let mut seen = BTreeSet::from([root.to_owned()]);
    let handle = RunHandle::new();
    let run = Dispatcher::new(4).run_iter([root.to_owned()], |page| common::links(page, broken));
    let mut found = run.handle(&handle).results();
    while let Some(links) = found.try_next().await? {
        for link in links {
            if seen.insert(link.clone()) {
                handle.submit(link)?;
            }
        }
    }
    Ok(seen)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    println!("{} pages", crawl("/", false).await?.len());
    println!("{:#}", crawl("/", true).await.unwrap_err());
    Ok(())
}
