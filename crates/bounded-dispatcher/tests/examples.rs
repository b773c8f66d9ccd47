//! The examples, each beside the same program written with futures or
//! tokio: both give the same answers (on tokio with paused time, so at
//! once), and the README's table of their line counts is theirs, with ours
//! no longer than the other. `BLESS=1 cargo test -p bounded-dispatcher
//! --test examples` writes the table.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)] // each example's own `main`
#![allow(clippy::duplicate_mod)] // each example is a program of its own, with its own copy of the stand-ins

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[path = "../examples/common/mod.rs"]
mod common;
#[path = "../examples/cpu.rs"]
mod cpu;
#[path = "../examples/cpu_tokio.rs"]
mod cpu_tokio;
#[path = "../examples/crawler.rs"]
mod crawler;
#[path = "../examples/crawler_futures.rs"]
mod crawler_futures;
#[path = "../examples/deadline.rs"]
mod deadline;
#[path = "../examples/deadline_tokio.rs"]
mod deadline_tokio;
#[path = "../examples/ordered.rs"]
mod ordered;
#[path = "../examples/ordered_futures.rs"]
mod ordered_futures;
#[path = "../examples/stream.rs"]
mod stream;
#[path = "../examples/stream_futures.rs"]
mod stream_futures;

/// Each pair: what the program does, ours, and the other, with whose tools.
const PAIRS: [(&str, &str, &str, &str); 6] = [
    ("crawler: jobs find more jobs, 4 at once, stop on the first error", "crawler.rs", "crawler_futures.rs", "futures `FuturesUnordered`"),
    ("a stream of unknown length, 4 at once, with backpressure", "stream.rs", "stream_futures.rs", "futures `try_for_each_concurrent`"),
    ("a `Vec` mapped to a `Vec` in input order, 4 at once, failing fast", "ordered.rs", "ordered_futures.rs", "futures `buffered`"),
    ("tokio: a deadline, a timeout per job, and Ctrl-C", "deadline.rs", "deadline_tokio.rs", "tokio `JoinSet` + `Semaphore` + `select!`"),
    ("a wasm cdylib through wasm-bindgen-futures", "wasm.rs", "wasm_futures.rs", "futures `buffered`"),
    ("CPU-bound jobs on a multi-thread runtime", "cpu.rs", "cpu_tokio.rs", "tokio `JoinSet` + `Semaphore`"),
];

fn paused() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().unwrap()
}

/// Runs `future` on a paused clock, and says how long it took there.
fn timed<F: std::future::Future>(future: F) -> (F::Output, Duration) {
    paused().block_on(async {
        let started = tokio::time::Instant::now();
        let output = future.await;
        (output, started.elapsed())
    })
}

#[test]
fn the_crawlers_find_the_same_pages_and_stop_at_the_broken_link() {
    let (ours, _) = timed(crawler::crawl("/", false));
    let (theirs, _) = timed(crawler_futures::crawl("/", false));
    assert_eq!(ours.unwrap().len(), 31);
    assert_eq!(paused().block_on(crawler::crawl("/", false)).unwrap(), theirs.unwrap());
    let (ours, _) = timed(crawler::crawl("/", true));
    let (theirs, _) = timed(crawler_futures::crawl("/", true));
    assert_eq!(format!("{:#}", ours.unwrap_err()), "job #29 failed: /broken: not found");
    assert_eq!(format!("{:#}", theirs.unwrap_err()), "/broken: not found");
}

#[test]
fn the_stream_stores_read_only_as_fast_as_they_store() {
    for bad in [None, Some(100)] {
        let (read, theirs_read) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (ours, ours_took) = timed(stream::store_all(common::log_lines(1000, bad, read.clone())));
        let (theirs, theirs_took) = timed(stream_futures::store_all(common::log_lines(1000, bad, theirs_read.clone())));
        assert_eq!(ours.is_ok(), bad.is_none());
        assert_eq!(theirs.is_ok(), bad.is_none());
        assert_eq!((ours_took, read.load(Ordering::Relaxed)), (theirs_took, theirs_read.load(Ordering::Relaxed)), "bad line {bad:?}");
        if bad.is_some() {
            // Backpressure: the line 100 and the 4 taken with it, not the whole log.
            assert!(read.load(Ordering::Relaxed) <= 105, "{read:?} lines read");
        }
    }
}

#[test]
fn the_ordered_maps_agree_and_ours_fails_without_waiting_for_the_head_of_the_line() {
    let pages = vec!["index", "about", "blog", "contact"];
    let (ours, _) = timed(ordered::sizes(pages.clone()));
    let (theirs, _) = timed(ordered_futures::sizes(pages));
    assert_eq!(ours.unwrap(), theirs.unwrap());
    let failing = vec!["a-slow-page", "about", "missing"];
    let (ours, ours_took) = timed(ordered::sizes(failing.clone()));
    let (theirs, theirs_took) = timed(ordered_futures::sizes(failing));
    assert_eq!(format!("{:#}", ours.unwrap_err()), "job #2 failed: missing: not found");
    assert_eq!(format!("{:#}", theirs.unwrap_err()), "missing: not found");
    assert_eq!((ours_took.as_millis(), theirs_took.as_millis()), (10, 60));
}

#[test]
fn the_deadline_programs_agree_on_each_ending() {
    let (per_job, deadline) = (Duration::from_millis(200), Duration::from_millis(300));
    let cases = [vec![50, 100, 150], vec![50, 250], vec![100; 20]];
    for waits in cases {
        let (ours, ours_took) = timed(deadline::fetch_all(waits.clone(), per_job, deadline));
        let (theirs, theirs_took) = timed(deadline_tokio::fetch_all(waits.clone(), per_job, deadline));
        let (ours, theirs) = (ours.map_err(|error| format!("{error:#}")), theirs.map_err(|error| format!("{error:#}")));
        assert_eq!(ours_took, theirs_took, "{waits:?}");
        match (&ours, &theirs) {
            (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs),
            (Err(ours), Err(theirs)) => assert!(ours.ends_with(theirs.as_str()) || ours == theirs, "{ours} against {theirs}"),
            _ => panic!("{waits:?}: {ours:?} against {theirs:?}"),
        }
    }
    let (stopped, _) = timed(deadline::fetch_all(vec![100; 20], per_job, deadline));
    assert_eq!(stopped.unwrap_err().to_string(), "the run was stopped: the deadline");
}

#[test]
fn the_cpu_programs_give_the_same_sums_in_order() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    let sizes = vec![200_000, 100_000, 300_000, 50_000, 10];
    let ours = runtime.block_on(cpu::crunch_all(sizes.clone())).unwrap();
    let theirs = runtime.block_on(cpu_tokio::crunch_all(sizes.clone())).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours, sizes.into_iter().map(common::crunch).collect::<Vec<_>>());
}

/// A program's lines of code: neither blank nor only a comment.
fn lines_of_code(file: &str) -> usize {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with("//")).count()
}

#[test]
fn the_readmes_table_counts_the_examples_lines_and_ours_are_no_more() {
    let mut table = String::from("| program | with bounded-dispatcher | the same without | using |\n|---|---|---|---|\n");
    for (what, ours, theirs, with) in PAIRS {
        let (ours_lines, theirs_lines) = (lines_of_code(ours), lines_of_code(theirs));
        assert!(ours_lines <= theirs_lines, "{ours} has {ours_lines} lines of code, {theirs} {theirs_lines}");
        table +=
            &format!("| {what} | [{ours}](examples/{ours}): {ours_lines} | [{theirs}](examples/{theirs}): {theirs_lines} | {with} |\n");
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- examples:start -->\n", "<!-- examples:end -->");
    let from = readme.find(start).expect("the README has the table's start marker") + start.len();
    let to = readme.find(end).expect("the README has the table's end marker");
    let made = format!("{}{table}{}", &readme[..from], &readme[to..]);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, made).unwrap();
    } else {
        assert!(
            made == readme,
            "the README's table of examples differs from their line counts: BLESS=1 cargo test -p bounded-dispatcher --test examples"
        );
    }
}
