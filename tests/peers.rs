//! The behaviours that errgroup's, p-map's and p-limit's own test suites check
//! (see PEER-BEHAVIOURS in the README), on the virtual clock. tests/web_peers.rs
//! runs the same scenarios through the JS API on real timers.

// They run in the browser too: `wasm-pack test --headless --chrome`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::{nz, trace, Kind, Traced};
use dispatcher_demo::{Dispatcher, OptionError, Options, Status, Value};

const THRESHOLD: u32 = 10_000;
const FAILS: u32 = THRESHOLD + 1;
const NEVER: u32 = u32::MAX;

fn running_and_pending(run: &Traced, jobs: usize) -> Vec<(u64, usize, usize)> {
    // (time, running, pending) after the last event at each time.
    let (mut running, mut done) = (0usize, 0usize);
    let mut seen: Vec<(u64, usize, usize)> = Vec::new();
    for event in &run.events {
        match event.kind {
            Kind::Started => running += 1,
            Kind::Succeeded | Kind::Failed | Kind::Aborted => {
                running -= 1;
                done += 1;
            }
            Kind::Canceled => done += 1,
            Kind::Queued => {}
        }
        let pending = jobs - done - running;
        match seen.last_mut() {
            Some(last) if last.0 == event.at => *last = (event.at, running, pending),
            _ => seen.push((event.at, running, pending)),
        }
    }
    seen
}

// errgroup

#[test]
fn errgroup_no_jobs_complete_at_once_without_error() {
    let run = trace(&Dispatcher::new(nz(4)), &[], NEVER, None);
    assert_eq!(run.outcome.status, Status::Completed);
    assert!(run.outcome.failures.is_empty());
    assert_eq!(run.ended_at, 0);
}

#[test]
fn errgroup_the_first_error_sticks_and_later_jobs_never_start() {
    let run = trace(&Dispatcher::new(nz(2)), &[100, FAILS, 50, FAILS, 10], THRESHOLD, None);
    assert_eq!(run.outcome.first_failure().unwrap().job, 1);
    assert_eq!(run.outcome.failures.len(), 1);
    assert_eq!(run.jobs(Kind::Started), [0, 1]);
}

#[test]
fn errgroup_nothing_runs_after_a_run_settles() {
    for (waits, stop_at) in [(vec![10, 20, 30], None), (vec![500, FAILS, 500], None), (vec![500, 500, 500], Some(100))] {
        let run = trace(&Dispatcher::new(nz(2)), &waits, THRESHOLD, stop_at);
        assert_eq!(run.timers_left, 0, "{waits:?}");
        let last = run.events.last().unwrap().at;
        assert_eq!(last, run.ended_at, "an event after the run ended: {waits:?}");
    }
}

#[test]
fn errgroup_a_limit_of_10_holds_over_1025_jobs() {
    let waits: Vec<u32> = (0..1025).map(|i| (i * 37 % 50) as u32).collect();
    let run = trace(&Dispatcher::new(nz(10)), &waits, THRESHOLD, None);
    assert_eq!(run.outcome.status, Status::Completed);
    assert_eq!(run.peak_running(), 10);
}

#[test]
fn errgroup_a_limit_of_1_runs_jobs_one_after_another() {
    let waits = [30, 10, 50, 20];
    let run = trace(&Dispatcher::new(nz(1)), &waits, THRESHOLD, None);
    assert_eq!(run.peak_running(), 1);
    assert_eq!(run.ended_at, waits.iter().map(|&w| u64::from(w)).sum::<u64>());
}

#[test]
fn errgroup_a_failed_run_carries_the_error_and_a_stopped_run_none() {
    let failed = trace(&Dispatcher::new(nz(2)), &[100, FAILS], THRESHOLD, None);
    assert_eq!(failed.outcome.status, Status::Failed);
    assert_eq!(failed.outcome.first_failure().map(|f| f.error), Some(1));
    let stopped = trace(&Dispatcher::new(nz(2)), &[1000, 1000], THRESHOLD, Some(100));
    assert_eq!(stopped.outcome.status, Status::Stopped);
    assert!(stopped.outcome.failures.is_empty());
}

// p-map

#[test]
fn p_map_concurrency_1_takes_the_sum_and_3_the_longest() {
    let waits = [300, 200, 100];
    assert_eq!(trace(&Dispatcher::new(nz(1)), &waits, THRESHOLD, None).ended_at, 600);
    assert_eq!(trace(&Dispatcher::new(nz(3)), &waits, THRESHOLD, None).ended_at, 300);
    assert_eq!(trace(&Dispatcher::new(nz(100)), &waits, THRESHOLD, None).ended_at, 300);
}

#[test]
fn p_map_never_more_than_4_run() {
    let waits: Vec<u32> = (0..100).map(|i| 30 + (i * 53 % 171) as u32).collect();
    let run = trace(&Dispatcher::new(nz(4)), &waits, THRESHOLD, None);
    assert_eq!(run.peak_running(), 4);
}

#[test]
fn p_map_results_stay_in_input_order_whatever_order_jobs_finish() {
    use dispatcher_demo::{demo, VirtualClock};
    let options = Options { workers: 3, waits: Some(vec![300, 100, 200, 50]), ..Options::default() };
    let clock = VirtualClock::new();
    let report = clock.block_on(demo::run(&options, None, 0, &clock, None, futures::future::pending())).unwrap();
    let ends: Vec<f64> = report.report.jobs.iter().map(|job| job.end_ms.unwrap()).collect();
    assert_eq!(ends, [300.0, 100.0, 200.0, 150.0]); // by id, not by end
}

#[test]
fn p_map_invalid_limits_are_rejected() {
    for limit in [0.0, 1.5] {
        let error = Options::parse([("workers", &Value::Number(limit))]).unwrap_err();
        assert!(matches!(error, OptionError::Range { .. }), "{limit}");
    }
}

#[test]
fn p_map_fail_fast_with_concurrency_1_fails_with_the_first_failing_job_in_input_order() {
    let run = trace(&Dispatcher::new(nz(1)), &[10, 20, FAILS, 30, FAILS], THRESHOLD, None);
    assert_eq!(run.outcome.first_failure().unwrap().job, 2);
    assert_eq!(run.jobs(Kind::Canceled), [3, 4]);
}

#[test]
fn p_map_without_fail_fast_every_error_is_reported() {
    let dispatcher = Dispatcher::new(nz(2)).fail_fast(false);
    assert_eq!(trace(&dispatcher, &[10, 20, 30], THRESHOLD, None).outcome.status, Status::Completed);
    let run = trace(&dispatcher, &[10, FAILS, 30, FAILS], THRESHOLD, None);
    assert_eq!(run.outcome.status, Status::Failed);
    assert_eq!(run.outcome.failures.iter().map(|f| f.job).collect::<Vec<_>>(), [1, 3]);
}

#[test]
fn p_map_keeps_running_mappers_after_an_error_but_ours_aborts_them_unless_told_not_to() {
    let waits = [500, 100, FAILS];
    let aborting = trace(&Dispatcher::new(nz(2)), &waits, THRESHOLD, None);
    assert_eq!(aborting.jobs(Kind::Aborted), [0]);
    assert_eq!(aborting.ended_at, 100);
    let finishing = trace(&Dispatcher::new(nz(2)).cancel_in_flight(false), &waits, THRESHOLD, None);
    assert_eq!(finishing.jobs(Kind::Succeeded), [1, 0]);
    assert_eq!(finishing.ended_at, 500);
}

#[test]
fn p_map_abort_mid_run_settles_at_once_as_stopped() {
    let run = trace(&Dispatcher::new(nz(2)), &[1000, 1000, 1000], THRESHOLD, Some(100));
    assert_eq!(run.outcome.status, Status::Stopped);
    assert_eq!(run.ended_at, 100);
}

#[test]
fn p_map_an_already_aborted_signal_settles_at_once_and_starts_nothing() {
    let run = trace(&Dispatcher::new(nz(2)), &[10, 10], THRESHOLD, Some(0));
    assert_eq!(run.outcome.status, Status::Stopped);
    assert!(run.jobs(Kind::Started).is_empty());
    assert_eq!(run.ended_at, 0);
}

// p-limit

#[test]
fn p_limit_running_and_pending_counts_follow_the_limit() {
    let run = trace(&Dispatcher::new(nz(5)), &[100; 8], THRESHOLD, None);
    let counts = running_and_pending(&run, 8);
    assert_eq!(counts, [(0, 5, 3), (100, 3, 0), (200, 0, 0)]);
}

#[test]
fn p_limit_without_fail_fast_jobs_after_a_failing_one_still_run() {
    let run = trace(&Dispatcher::new(nz(1)).fail_fast(false), &[10, FAILS, 10, 10], THRESHOLD, None);
    assert_eq!(run.jobs(Kind::Succeeded), [0, 2, 3]);
}

#[test]
fn p_limit_invalid_limits_are_rejected_but_undefined_means_the_default_unlike_p_limit() {
    let bad = [Value::Number(0.0), Value::Number(-1.0), Value::Number(1.2), Value::Bool(true), Value::Other("an object")];
    for value in bad {
        assert!(Options::parse([("workers", &value)]).is_err(), "{value:?}");
    }
    // p-limit rejects an explicit undefined; here, as with JS defaults, it means "not given".
    assert_eq!(Options::parse([("workers", &Value::Undefined)]).unwrap().workers, 10);
}
