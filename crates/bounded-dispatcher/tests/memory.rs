//! The dispatcher holds O(workers) memory, not O(jobs), nor O(queue length):
//! its peak heap use is the same for 10,000 jobs as for 1,000,000, and for a
//! queue of 100 as for one of 1,000,000.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use bounded_dispatcher::{Dispatcher, Status};
use futures::executor::block_on;
use futures::future;
use std::future::IntoFuture;

/// Counts live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak heap growth of one run of `jobs` ready jobs, in bytes.
fn peak_growth(jobs: usize, queue_length: usize) -> usize {
    let dispatcher = Dispatcher::new(10).queue_length(queue_length);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let outcome = block_on(dispatcher.run(jobs, |_| future::ready(Ok::<(), ()>(()))).into_future());
    assert_eq!(outcome.status(), Status::Completed);
    PEAK.load(Ordering::Relaxed) - before
}

// One test: the counters are global, and tests run in parallel.
#[test]
fn a_run_holds_the_same_memory_for_any_number_of_jobs_and_any_queue_length() {
    let small = peak_growth(10_000, 100);
    let large = peak_growth(1_000_000, 100);
    let long_queue = peak_growth(1_000_000, 1_000_000);
    println!("peak heap growth: {small} B for 10,000 jobs, {large} B for 1,000,000, {long_queue} B with a queue of 1,000,000");
    assert!(large <= small + 1024, "{small} B for 10,000 jobs, {large} B for 1,000,000");
    assert!(long_queue <= large + 1024, "{large} B with a queue of 100, {long_queue} B with a queue of 1,000,000");
    assert!(large < 64 * 1024, "{large} B");
}
