//! The dispatcher's behaviour, on the virtual clock, one claim per test.

// The same tests run in the browser: `wasm-pack test --headless --chrome`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::{nz, trace, trace_with, Kind};
use dispatcher_demo::{Clock, Dispatcher, Gate, Status};
use futures::future;

const NEVER: u32 = u32::MAX;
const THRESHOLD: u32 = 10_000;
/// A wait over `THRESHOLD`: the job fails as it starts.
const FAILS: u32 = THRESHOLD + 1;

#[test]
fn no_jobs_complete_at_once() {
    let run = trace(&Dispatcher::new(nz(3)), &[], NEVER, None);
    assert_eq!(run.outcome.status, Status::Completed);
    assert!(run.events.is_empty());
    assert_eq!(run.ended_at, 0);
}

#[test]
fn the_queue_holds_exactly_queue_length_jobs() {
    for queue_length in 1..6 {
        let waits = [100; 12];
        let run = trace(&Dispatcher::new(nz(1)).queue_length(nz(queue_length)), &waits, NEVER, None);
        assert_eq!(run.peak_queued(waits.len()), queue_length, "queue_length {queue_length}");
        assert_eq!(run.outcome.status, Status::Completed);
    }
}

#[test]
fn the_producer_waits_while_the_queue_is_full() {
    let run = trace(&Dispatcher::new(nz(1)).queue_length(nz(2)), &[100, 100, 100, 100], NEVER, None);
    // Jobs 0 and 1 are queued at once; 0 starts; 2 is queued when 0 has left the queue.
    let queued_at: Vec<u64> = run.events.iter().filter(|e| e.kind == Kind::Queued).map(|e| e.at).collect();
    assert_eq!(queued_at, [0, 0, 0, 100]);
    assert_eq!(run.jobs(Kind::Queued), [0, 1, 2, 3]);
}

#[test]
fn one_worker_and_a_full_queue_do_not_deadlock_when_it_fails() {
    // The original Go program's producer blocks forever here.
    let waits = [999, 1, 1, 1, 1, 1];
    let run = trace(&Dispatcher::new(nz(1)).queue_length(nz(2)).cancel_in_flight(false), &waits, 990, None);
    assert_eq!(run.outcome.status, Status::Failed);
    assert_eq!(run.jobs(Kind::Canceled), [1, 2, 3, 4, 5]);
    assert_eq!(run.ended_at, 0);
}

#[test]
fn with_a_limit_of_one_jobs_run_one_after_another() {
    let waits = [300, 200, 100];
    let run = trace(&Dispatcher::new(nz(1)), &waits, NEVER, None);
    assert_eq!(run.ended_at, 600);
    let starts: Vec<u64> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| e.at).collect();
    assert_eq!(starts, [0, 300, 500]);
}

#[test]
fn with_enough_workers_jobs_run_side_by_side() {
    let run = trace(&Dispatcher::new(nz(3)), &[300, 200, 100], NEVER, None);
    assert_eq!(run.ended_at, 300);
}

#[test]
fn many_workers_are_all_kept_busy() {
    // More workers than futures' join_all polls one by one: every idle worker
    // must be woken when jobs arrive, not just the last one to wait.
    let workers = 100;
    let waits = vec![10; workers * 10];
    let run = trace(&Dispatcher::new(nz(workers)).queue_length(nz(7)), &waits, NEVER, None);
    assert_eq!(run.peak_running(), workers);
    assert_eq!(run.ended_at, 100);
}

#[test]
fn zero_wait_jobs_take_no_time() {
    let run = trace(&Dispatcher::new(nz(4)), &[0; 1000], NEVER, None);
    assert_eq!(run.outcome.status, Status::Completed);
    assert_eq!(run.ended_at, 0);
}

#[test]
fn the_first_failure_aborts_the_running_jobs_at_once() {
    let run = trace(&Dispatcher::new(nz(3)), &[5000, 5000, 100, FAILS, 1, 1], THRESHOLD, None);
    assert_eq!(run.outcome.status, Status::Failed);
    assert_eq!(run.outcome.first_failure().unwrap().job, 3);
    assert_eq!(run.jobs(Kind::Aborted), [0, 1]);
    assert_eq!(run.jobs(Kind::Canceled), [4, 5]);
    assert_eq!(run.ended_at, 100);
    assert_eq!(run.timers_left, 0);
}

#[test]
fn without_cancel_in_flight_running_jobs_finish_but_none_starts() {
    let dispatcher = Dispatcher::new(nz(3)).cancel_in_flight(false);
    let run = trace(&dispatcher, &[5000, 4000, 100, FAILS, 1, 1], THRESHOLD, None);
    assert_eq!(run.outcome.status, Status::Failed);
    assert_eq!(run.jobs(Kind::Succeeded), [2, 1, 0]);
    assert_eq!(run.jobs(Kind::Canceled), [4, 5]);
    assert!(run.jobs(Kind::Aborted).is_empty());
    assert_eq!(run.ended_at, 5000);
}

#[test]
fn the_first_error_sticks_and_later_ones_are_listed_after_it() {
    // With fail_fast off, every failure is kept, in time order.
    let dispatcher = Dispatcher::new(nz(2)).fail_fast(false);
    let run = trace(&dispatcher, &[100, 999, 50, 998, 997], 990, None);
    assert_eq!(run.outcome.status, Status::Failed);
    let failed: Vec<usize> = run.outcome.failures.iter().map(|f| f.job).collect();
    assert_eq!(failed, [1, 3, 4]);
    assert_eq!(run.jobs(Kind::Succeeded), [2, 0]);
    assert!(run.jobs(Kind::Canceled).is_empty());
}

#[test]
fn without_fail_fast_and_without_failures_the_run_completes() {
    let run = trace(&Dispatcher::new(nz(2)).fail_fast(false), &[10, 20, 30], 990, None);
    assert_eq!(run.outcome.status, Status::Completed);
    assert!(run.outcome.failures.is_empty());
}

#[test]
fn stopping_mid_run_aborts_running_jobs_and_cancels_the_rest() {
    let run = trace(&Dispatcher::new(nz(2)), &[1000, 1000, 10, 10], NEVER, Some(100));
    assert_eq!(run.outcome.status, Status::Stopped);
    assert!(run.outcome.failures.is_empty());
    assert_eq!(run.jobs(Kind::Aborted), [0, 1]);
    assert_eq!(run.jobs(Kind::Canceled), [2, 3]);
    assert_eq!(run.ended_at, 100);
    assert_eq!(run.timers_left, 0);
}

#[test]
fn stopping_without_cancel_in_flight_lets_running_jobs_finish() {
    let run = trace(&Dispatcher::new(nz(2)).cancel_in_flight(false), &[1000, 300, 10, 10], NEVER, Some(100));
    assert_eq!(run.outcome.status, Status::Stopped);
    assert_eq!(run.jobs(Kind::Succeeded), [1, 0]);
    assert_eq!(run.ended_at, 1000);
}

#[test]
fn a_stop_that_is_already_done_starts_no_job() {
    let run = trace(&Dispatcher::new(nz(2)), &[10, 10, 10], NEVER, Some(0));
    assert_eq!(run.outcome.status, Status::Stopped);
    assert!(run.jobs(Kind::Started).is_empty());
    assert_eq!(run.jobs(Kind::Canceled), [0, 1, 2]);
}

#[test]
fn a_stop_after_a_failure_keeps_the_failure_as_the_cause() {
    let dispatcher = Dispatcher::new(nz(2)).cancel_in_flight(false);
    let run = trace(&dispatcher, &[1000, FAILS, 10], THRESHOLD, Some(500));
    assert_eq!(run.outcome.status, Status::Failed);
    assert_eq!(run.ended_at, 1000);
}

#[test]
fn stopping_after_the_end_changes_nothing() {
    let run = trace(&Dispatcher::new(nz(2)), &[10, 20], NEVER, Some(500));
    assert_eq!(run.outcome.status, Status::Completed);
    assert_eq!(run.ended_at, 20);
    assert_eq!(run.timers_left, 0);
}

/// Closes `gate` at `from` ms and opens it at `to` ms.
async fn pause(clock: dispatcher_demo::VirtualClock, gate: Gate, from: u32, to: u32) {
    clock.sleep(from).await;
    gate.close();
    clock.sleep(to - from).await;
    gate.open();
    future::pending().await
}

#[test]
fn while_paused_no_job_starts_and_running_ones_go_on() {
    let gate = Gate::new();
    let dispatcher = Dispatcher::new(nz(2)).queue_length(nz(3)).gate(gate.clone());
    let run = trace_with(&dispatcher, &[100, 250, 100, 100, 100, 100, 100], NEVER, |clock| pause(clock.clone(), gate, 50, 400));
    assert_eq!(run.outcome.status, Status::Completed);
    let starts: Vec<(usize, u64)> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| (e.job, e.at)).collect();
    // Jobs 0 and 1 go on; nothing starts from 50 to 400 ms, though workers are free at 100 and 250.
    assert_eq!(starts, [(0, 0), (1, 0), (2, 400), (3, 400), (4, 500), (5, 500), (6, 600)]);
    // The producer keeps the queue full meanwhile.
    assert_eq!(run.peak_queued(7), 3);
}

#[test]
fn a_stop_while_paused_ends_the_run_when_the_running_jobs_finish() {
    let gate = Gate::new();
    let dispatcher = Dispatcher::new(nz(2)).cancel_in_flight(false).gate(gate.clone());
    // Paused at 50 ms and stopped at 150 ms: job 0's worker waits on the closed
    // gate from 100 ms, but the run ends when job 1 does, at 200 ms.
    let run = trace_with(&dispatcher, &[100, 200, 10, 10], NEVER, |clock| {
        let clock = clock.clone();
        async move {
            clock.sleep(50).await;
            gate.close();
            clock.sleep(100).await;
        }
    });
    assert_eq!(run.outcome.status, Status::Stopped);
    assert_eq!(run.jobs(Kind::Canceled), [2, 3]);
    assert_eq!(run.ended_at, 200);
}

#[test]
fn stopping_while_paused_cancels_the_queued_jobs() {
    let gate = Gate::new();
    gate.close();
    let dispatcher = Dispatcher::new(nz(2)).cancel_in_flight(false).gate(gate);
    let run = trace(&dispatcher, &[10, 10, 10], NEVER, Some(50));
    assert_eq!(run.outcome.status, Status::Stopped);
    assert_eq!(run.jobs(Kind::Canceled), [0, 1, 2]);
    assert_eq!(run.ended_at, 50);
}
