//! Replays the article's run (www/article-run.json) on the virtual
//! clock, with and without cancel-in-flight, and prints the figures the README
//! quotes: `cargo run --example replay`.

use dispatcher_demo::demo::{self, Context};
use dispatcher_demo::{JobState, Options};
use virtual_clock::VirtualClock;

fn main() {
    let fixture: serde_json::Value = serde_json::from_str(include_str!("../www/article-run.json")).unwrap();
    let waits: Vec<u32> = serde_json::from_value(fixture["waits"].clone()).unwrap();

    println!("The article's run: {} jobs, 10 workers, queue 100, threshold 990 ms\n", waits.len());
    println!("{:<20} {:>10} {:>10} {:>8} {:>8} {:>8} {:>8}", "", "failed at", "settled", "after", "started", "aborted", "canceled");
    for (name, cancel_in_flight) in [("cancel in flight", true), ("finish (as in Go)", false)] {
        let options = Options { waits: Some(waits.clone()), cancel_in_flight, ..Options::default() };
        let clock = VirtualClock::new();
        let run = demo::run(&options, Context::new(&clock));
        let report = clock.block_on(run).expect("the replay never stalls").report;
        let failed_at = report.jobs[report.failures[0].job()].start_ms.unwrap_or_default();
        let count = |state| report.jobs.iter().filter(|job| job.state == state).count();
        let started = report.jobs.iter().filter(|job| job.start_ms.is_some()).count();
        println!(
            "{name:<20} {failed_at:>7} ms {:>7} ms {:>5} ms {started:>8} {:>8} {:>8}",
            report.elapsed_ms,
            report.elapsed_ms - failed_at,
            count(JobState::Aborted),
            count(JobState::Canceled),
        );
        if cancel_in_flight {
            println!("{:<20} {}", "", report.failures[0].error());
        }
    }
}
