//! The article's own run, replayed on the virtual clock.

// The same tests run in the browser: `wasm-pack test --headless --chrome`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use bounded_dispatcher::{Event, Status};
use dispatcher_demo::demo::{self, Context, DemoReport};
use dispatcher_demo::{JobState, Options};
use serde_json::Value;
use virtual_clock::{Clock, VirtualClock};

fn fixture() -> Value {
    serde_json::from_str(include_str!("../www/article-run.json")).unwrap()
}

fn ids(value: &Value) -> Vec<usize> {
    value.as_array().unwrap().iter().map(|id| id.as_u64().unwrap() as usize).collect()
}

fn replay(cancel_in_flight: bool) -> (DemoReport, u64) {
    replay_with_queue(cancel_in_flight, fixture()["queueLength"].as_u64().unwrap() as u32)
}

fn replay_with_queue(cancel_in_flight: bool, queue_length: u32) -> (DemoReport, u64) {
    let fixture = fixture();
    let options = Options {
        workers: fixture["workers"].as_u64().unwrap() as usize,
        queue_length: queue_length as usize,
        threshold_ms: fixture["thresholdMs"].as_u64().unwrap() as u32,
        waits: Some(fixture["waits"].as_array().unwrap().iter().map(|w| w.as_u64().unwrap() as u32).collect()),
        cancel_in_flight,
        ..Options::default()
    };
    let clock = VirtualClock::new();
    let report = clock.block_on(demo::run(&options, Context::new(&clock))).unwrap();
    assert_eq!(clock.pending_timers(), 0, "a timer outlived the run");
    (report, clock.now_ms())
}

fn jobs_in(report: &DemoReport, state: JobState) -> Vec<usize> {
    (report.report.jobs.iter().enumerate()).filter(|(_, job)| job.state == state).map(|(id, _)| id).collect()
}

#[test]
fn job_78_fails_and_the_jobs_after_it_are_canceled() {
    let expected = &fixture()["expected"];
    let (demo, _) = replay(true);
    let report = &demo.report;
    assert_eq!(report.status, Status::Failed);
    assert_eq!(report.failures.len(), 1);
    let failure = &report.failures[0];
    assert_eq!(failure.job(), expected["error"]["jobId"].as_u64().unwrap() as usize);
    assert_eq!(failure.error().wait_ms, expected["error"]["waitMs"].as_u64().unwrap() as u32);
    assert_eq!(failure.error().to_string(), expected["error"]["message"].as_str().unwrap());
    let started: Vec<usize> = (0..report.jobs.len()).filter(|&id| report.jobs[id].start_ms.is_some()).collect();
    assert_eq!(started, ids(&expected["started"]));
    assert_eq!(jobs_in(&demo, JobState::Canceled), ids(&expected["canceled"]));
    assert_eq!(report.jobs[78].start_ms, Some(expected["failedAtMs"].as_f64().unwrap()));
    // On the virtual clock every job takes exactly its wait.
    assert_eq!(demo.max_lateness_ms(), 0.0);
    assert!(!demo.timing_distorted());
}

#[test]
fn with_cancel_in_flight_the_running_jobs_are_aborted_at_the_failure() {
    let expected = &fixture()["expected"];
    let (demo, now) = replay(true);
    let failed_at = expected["failedAtMs"].as_f64().unwrap();
    assert_eq!(jobs_in(&demo, JobState::Aborted), ids(&expected["runningAtFailure"]));
    for id in ids(&expected["runningAtFailure"]) {
        assert_eq!(demo.report.jobs[id].end_ms, Some(failed_at), "job #{id}");
    }
    assert_eq!(demo.report.elapsed_ms, expected["elapsedMsWhenRunningJobsAbort"].as_f64().unwrap());
    assert_eq!(now as f64, failed_at);
}

#[test]
fn without_cancel_in_flight_the_running_jobs_finish_as_in_go() {
    let expected = &fixture()["expected"];
    let (demo, now) = replay(false);
    assert_eq!(jobs_in(&demo, JobState::Aborted), Vec::<usize>::new());
    let running = ids(&expected["runningAtFailure"]);
    for &id in &running {
        assert_eq!(demo.report.jobs[id].state, JobState::Succeeded, "job #{id}");
    }
    assert_eq!(demo.report.elapsed_ms, expected["elapsedMsWhenRunningJobsFinish"].as_f64().unwrap());
    assert_eq!(now, expected["elapsedMsWhenRunningJobsFinish"].as_u64().unwrap());
    assert_eq!(jobs_in(&demo, JobState::Canceled), ids(&expected["canceled"]));
}

#[test]
fn the_log_reads_like_the_original_program() {
    let (demo, _) = replay(true);
    let log = demo.log(false);
    assert_eq!(log[0], "Working on the job #0. Wait for 81 ms.");
    assert_eq!(log.iter().filter(|line| line.starts_with("Working on")).count(), 79);
    assert!(log.contains(&"Working on the job #78. Wait for 996 ms.".to_owned()));
    assert!(log.contains(&"Canceled the job #79".to_owned()));
    assert!(log.contains(&"Aborted the job #65 while it was waiting".to_owned()));
    assert_eq!(log.last().unwrap(), "cannot wait for more than 990 ms: job #78; 996 ms");
}

#[test]
fn an_unbuffered_queue_replays_the_same_run() {
    // Go's `make(chan *Job)`: the same jobs start and end at the same times;
    // only the queue is gone, and the jobs a cancel finds are never fed.
    for cancel_in_flight in [true, false] {
        let ((queued, queued_end), (unbuffered, unbuffered_end)) = (replay(cancel_in_flight), replay_with_queue(cancel_in_flight, 0));
        assert_eq!(unbuffered.report.jobs, queued.report.jobs);
        assert_eq!(unbuffered.report.failures, queued.report.failures);
        assert_eq!((unbuffered.report.elapsed_ms, unbuffered_end), (queued.report.elapsed_ms, queued_end));
        assert_eq!(unbuffered.log(false), queued.log(false));
    }
}

/// A run of `waits` at `speed` on the virtual clock: its report, its events
/// with their times, and the clock's time at the end.
fn at_speed(options: &Options, speed: f64) -> (DemoReport, Vec<(Event, f64)>, f64) {
    let options = Options { speed, ..options.clone() };
    let clock = VirtualClock::new();
    let mut events = Vec::new();
    let mut on_event = |event: Event, _wait: u32, at_ms: f64| events.push((event, at_ms));
    let context = Context { on_event: Some(&mut on_event), ..Context::new(&clock) };
    let report = clock.block_on(demo::run(&options, context)).unwrap();
    assert_eq!(clock.pending_timers(), 0, "a timer outlived the run at speed {speed}");
    (report, events, clock.now())
}

#[test]
fn at_every_speed_a_run_reports_the_times_of_one_at_speed_1_exactly() {
    // At speed s a wait of w ms lasts w / s on the clock, thirds of a ms and
    // all, and the report reads the clock times s: the same run, every event
    // at the same time and in the same order, at each speed the form offers.
    // The runs: the article's, with cancel in-flight and without; and a
    // thousand short waits, many ending together, every job run.
    let fixture = fixture();
    let article = Options {
        waits: Some(fixture["waits"].as_array().unwrap().iter().map(|w| w.as_u64().unwrap() as u32).collect()),
        ..Options::default()
    };
    let runs = [
        article.clone(),
        Options { cancel_in_flight: false, ..article },
        Options { jobs: 1000, max_wait_ms: 20, seed: Some(7), fail_fast: false, ..Options::default() },
    ];
    for options in &runs {
        let (full, full_events, full_ms) = at_speed(options, 1.0);
        assert_eq!(full_ms, full.report.elapsed_ms);
        for speed in (10..=400).step_by(5).map(|hundredths| f64::from(hundredths) / 100.0) {
            let (report, events, clock_ms) = at_speed(options, speed);
            assert_eq!(report, full, "the report at speed {speed}");
            assert!(events == full_events, "the events at speed {speed}");
            // The clock ran for the run's time divided by the speed, to the nanosecond it keeps.
            assert!((clock_ms - full_ms / speed).abs() <= 1e-6, "{clock_ms} ms on the clock at speed {speed}, for a {full_ms} ms run");
        }
    }
}

#[test]
fn a_wait_ends_at_a_deadline_between_two_milliseconds() {
    let clock = VirtualClock::new();
    clock.block_on(clock.sleep_until(107.0 / 3.0)).unwrap();
    assert_eq!(clock.now(), 35.666667, "the first nanosecond at or after 35.666... ms");
    assert_eq!(clock.now_ms(), 35);
    // Whole milliseconds from there stay on the nanosecond.
    clock.block_on(clock.sleep(2)).unwrap();
    assert_eq!(clock.now(), 37.666667);
    // A deadline passed ends at once, and moves no time.
    clock.block_on(clock.sleep_until(1.0)).unwrap();
    assert_eq!(clock.now(), 37.666667);
}
