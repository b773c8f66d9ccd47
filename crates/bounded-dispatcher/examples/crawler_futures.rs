//! crawler.rs, with futures' `FuturesUnordered`: the queue of pages to
//! fetch and the limit of 4 are kept by hand.
//!
//!   cargo run -p bounded-dispatcher --example crawler_futures

#[path = "common/mod.rs"]
mod common;

use std::collections::{BTreeSet, VecDeque};

use futures::stream::FuturesUnordered;
use futures::TryStreamExt;

/// Every page reachable from `root`.
pub async fn crawl(root: &str, broken: bool) -> anyhow::Result<BTreeSet<String>> {
    let mut seen = BTreeSet::from([root.to_owned()]);
    let mut queue = VecDeque::from([root.to_owned()]);
    let mut running = FuturesUnordered::new();
    loop {
        while running.len() < 4 {
            let Some(page) = queue.pop_front() else { break };
            running.push(common::links(page, broken));
        }
        let Some(links) = running.try_next().await? else { break };
        for link in links {
            if seen.insert(link.clone()) {
                queue.push_back(link);
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
