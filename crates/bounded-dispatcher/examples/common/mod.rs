//! What the examples' jobs stand in for, shared by each pair of programs so
//! that both do the same work: a small web site to crawl, a log to read,
//! pages to size, and a sum that keeps a core busy. Not counted in the
//! README's table of line counts.
#![allow(dead_code)]

use std::fmt;
use std::time::Duration;

/// A site's error: a page that does not exist, or a line that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Fetches `page` (10 ms) and gives its links. Page `/n` links to `/2n+1`,
/// `/2n+2` and back to `/`, up to `/30`; `/broken` does not exist, and
/// `/13` links to it when `broken` is set.
pub async fn links(page: String, broken: bool) -> Result<Vec<String>, Error> {
    tokio::time::sleep(Duration::from_millis(10)).await;
    let n: u32 = match page.trim_start_matches('/') {
        "" => 0,
        number => number.parse().map_err(|_| Error(format!("{page}: not found")))?,
    };
    let mut links = vec!["/".to_owned()];
    if n < 15 {
        links.extend([format!("/{}", 2 * n + 1), format!("/{}", 2 * n + 2)]);
    }
    if broken && n == 13 {
        links.push("/broken".to_owned());
    }
    Ok(links)
}

/// The lines of a log, produced one by one as the reader asks for them: a
/// stream of unknown length. `produced` counts the lines made so far.
pub fn log_lines(
    lines: usize,
    bad: Option<usize>,
    produced: std::sync::Arc<std::sync::atomic::AtomicUsize>,
) -> impl futures::Stream<Item = String> {
    futures::stream::iter(0..lines).map(move |i| {
        produced.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if Some(i) == bad {
            format!("line {i}: ???")
        } else {
            format!("line {i}: {} bytes", i * 10)
        }
    })
}

use futures::StreamExt;

/// Stores one line of the log (20 ms), or fails on one it cannot read.
pub async fn store(line: String) -> Result<(), Error> {
    tokio::time::sleep(Duration::from_millis(20)).await;
    if line.ends_with("???") {
        return Err(Error(format!("cannot read {line:?}")));
    }
    Ok(())
}

/// The size of a page, fetched in a time that depends on it.
pub async fn size(page: &str) -> Result<usize, Error> {
    tokio::time::sleep(Duration::from_millis(10 * (page.len() as u64 % 7 + 1))).await;
    match page {
        "missing" => Err(Error(format!("{page}: not found"))),
        page => Ok(page.len() * 100),
    }
}

/// A page that answers after `ms`, for the deadline example.
pub async fn slow_page(ms: u64) -> Result<u64, Error> {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    Ok(ms)
}

/// Keeps a core busy: a sum of `n` squares.
pub fn crunch(n: u64) -> u64 {
    (0..n).fold(0u64, |sum, i| sum.wrapping_add(i.wrapping_mul(i)) % 1_000_000_007)
}
