//! The dispatcher's behaviour, one claim per test, on every runtime: the
//! virtual clock, the coalescing virtual clock and tokio with paused time
//! (see `common`). In the browser: `wasm-pack test --headless --chrome`.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use bounded_dispatcher::{Dispatcher, Event, Gate, Status};
use common::{stop_after, trace, trace_jobs, trace_with, Clock, Kind, Runtime, Traced};

const NEVER: u32 = u32::MAX;
const THRESHOLD: u32 = 10_000;
/// A wait over `THRESHOLD`: the job fails as it starts.
const FAILS: u32 = THRESHOLD + 1;
/// Longer than any test runs.
const FOREVER: u32 = 1_000_000;

/// Closes `gate` at `from` ms and opens it at `to` ms; never completes.
async fn pause<C: Clock>(clock: C, gate: Gate, from: u32, to: u32) {
    clock.sleep(from).await;
    gate.close();
    clock.sleep(to - from).await;
    gate.open();
    std::future::pending().await
}

/// Once the first job has failed, the notebook holds nothing but the cancel
/// and the aborts: no job took a step, whichever was woken with it.
fn assert_nothing_ran_after_the_failure(run: &Traced) {
    let failed = run.notes.iter().position(|note| note.starts_with("Failed")).expect("a job failed");
    let after = &run.notes[failed + 1..];
    assert!(after.iter().all(|note| note.starts_with("Canceled") || note.starts_with("Aborted")), "after the failure: {after:?}");
}

on_every_runtime! {
    fn no_jobs_complete_at_once(rt) {
        let run = trace(rt, &Dispatcher::new(3), &[], NEVER, None);
        assert_eq!(run.outcome.status(), Status::Completed);
        assert!(run.events.is_empty());
        assert_eq!(run.ended_at, 0);
    }

    fn the_queue_holds_exactly_queue_length_jobs(rt) {
        for queue_length in 0..6 {
            let waits = [100; 12];
            let run = trace(rt, &Dispatcher::new(1).queue_length(queue_length), &waits, NEVER, None);
            assert_eq!(run.peak_queued(waits.len()), queue_length, "queue_length {queue_length}");
            assert_eq!(run.outcome.status(), Status::Completed);
        }
    }

    fn the_producer_waits_while_the_queue_is_full(rt) {
        let run = trace(rt, &Dispatcher::new(1).queue_length(2), &[100, 100, 100, 100], NEVER, None);
        // Jobs 0 and 1 are queued at once; 0 starts; 2 is queued as 0 leaves the queue; 3 as 1 does.
        let queued_at: Vec<u64> = run.events.iter().filter(|e| e.kind == Kind::Queued).map(|e| e.at).collect();
        assert_eq!(queued_at, [0, 0, 0, 100]);
        assert_eq!(run.jobs(Kind::Queued), [0, 1, 2, 3]);
    }

    fn the_producer_fills_the_queue_at_the_start_in_one_event(rt) {
        let run = trace(rt, &Dispatcher::new(1).queue_length(1000), &[1; 3000], NEVER, None);
        assert_eq!(run.jobs(Kind::Queued), (0..3000).collect::<Vec<_>>());
        // Jobs 0 to 999 at once; then each job taken lets the next in: 2,000
        // more, with 3,000 starts and 3,000 successes.
        assert_eq!(run.calls, 1 + 2000 + 3000 + 3000);
    }

    fn queue_length_changes_neither_speed_nor_concurrency(rt) {
        let waits: Vec<u32> = (0..200).map(|i| 1 + (i * 37 % 23)).collect();
        let starts = |queue_length| {
            let run = trace(rt, &Dispatcher::new(10).queue_length(queue_length), &waits, NEVER, None);
            let starts: Vec<(usize, u64)> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| (e.job, e.at)).collect();
            (starts, run.peak_running(), run.ended_at)
        };
        let unbuffered = starts(0);
        assert_eq!(unbuffered.1, 10);
        for queue_length in [1, 10, 100, 1000] {
            assert_eq!(starts(queue_length), unbuffered, "queue_length {queue_length}");
        }
    }

    fn one_worker_and_a_full_queue_do_not_deadlock_when_it_fails(rt) {
        // The original Go program's producer blocks forever here.
        let waits = [999, 1, 1, 1, 1, 1];
        let run = trace(rt, &Dispatcher::new(1).queue_length(2).cancel_in_flight(false), &waits, 990, None);
        assert_eq!(run.outcome.status(), Status::Failed);
        assert_eq!(run.jobs(Kind::Cancelled), [1, 2, 3, 4, 5]);
        assert_eq!(run.ended_at, 0);
    }

    fn with_a_limit_of_one_jobs_run_one_after_another(rt) {
        let run = trace(rt, &Dispatcher::new(1), &[300, 200, 100], NEVER, None);
        assert_eq!(run.ended_at, 600);
        let starts: Vec<u64> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| e.at).collect();
        assert_eq!(starts, [0, 300, 500]);
    }

    fn with_enough_workers_jobs_run_side_by_side(rt) {
        let run = trace(rt, &Dispatcher::new(3), &[300, 200, 100], NEVER, None);
        assert_eq!(run.ended_at, 300);
    }

    fn many_workers_are_all_kept_busy(rt) {
        let workers = 100;
        let waits = vec![10; workers * 10];
        let run = trace(rt, &Dispatcher::new(workers).queue_length(7), &waits, NEVER, None);
        assert_eq!(run.peak_running(), workers);
        assert_eq!(run.ended_at, 100);
    }

    fn zero_wait_jobs_take_no_time(rt) {
        let run = trace(rt, &Dispatcher::new(4), &[0; 1000], NEVER, None);
        assert_eq!(run.outcome.status(), Status::Completed);
        assert_eq!(run.jobs(Kind::Succeeded).len(), 1000);
        assert_eq!(run.ended_at, 0);
    }

    fn the_first_failure_aborts_the_running_jobs_at_once(rt) {
        let run = trace(rt, &Dispatcher::new(3), &[5000, 5000, 100, FAILS, 1, 1], THRESHOLD, None);
        assert_eq!(run.outcome.status(), Status::Failed);
        assert_eq!(run.outcome.first_failure().unwrap().job(), 3);
        assert_eq!(run.jobs(Kind::Aborted), [0, 1]);
        assert_eq!(run.jobs(Kind::Cancelled), [4, 5]);
        assert_eq!(run.ended_at, 100);
        assert_eq!(run.timers_left, 0);
    }

    fn of_jobs_failing_in_the_same_tick_only_the_first_polled_fails(rt) {
        // Three timers due at 100 ms wake three jobs that would each fail.
        let run = trace_jobs(rt, &Dispatcher::new(3), 3, |job| async move {
            job.clock.sleep(100).await;
            Err(job.id)
        }, |clock| stop_after(clock.clone(), None));
        assert_eq!(run.outcome.failures().len(), 1, "{:?}", run.notes);
        let failed = run.outcome.failures()[0].job();
        let mut aborted = run.jobs(Kind::Aborted);
        aborted.push(failed);
        aborted.sort_unstable();
        assert_eq!(aborted, [0, 1, 2]);
        assert_eq!(run.ended_at, 100);
        assert_eq!(run.timers_left, 0);
    }

    fn no_job_takes_a_step_after_the_failure_even_one_woken_with_it(rt) {
        // Jobs 0, 2 and 3 wake at 100 ms with job 1, which fails then: those
        // woken before it take their step; the others are dropped unpolled.
        let run = trace_jobs(rt, &Dispatcher::new(4), 4, |job| async move {
            job.clock.sleep(100).await;
            job.note(format!("step of #{} at {} ms", job.id, job.now()));
            if job.id == 1 {
                return Err(1);
            }
            job.clock.sleep(100).await;
            Ok(())
        }, |clock| stop_after(clock.clone(), None));
        assert_nothing_ran_after_the_failure(&run);
        assert_eq!(run.outcome.failures().len(), 1);
        assert!(run.jobs(Kind::Succeeded).is_empty());
        assert_eq!(run.sorted(Kind::Aborted), [0, 2, 3]);
        assert_eq!(run.ended_at, 100);
        assert_eq!(run.timers_left, 0);
    }

    fn a_job_woken_with_the_failure_does_not_succeed_after_it(rt) {
        let run = trace_jobs(rt, &Dispatcher::new(2), 2, |job| async move {
            job.clock.sleep(100).await;
            if job.id == 0 { Err(0) } else { Ok(()) }
        }, |clock| stop_after(clock.clone(), None));
        assert_nothing_ran_after_the_failure(&run);
        assert_eq!(run.outcome.status(), Status::Failed);
    }

    fn a_stop_woken_with_jobs_is_polled_first_and_no_job_steps(rt) {
        let run = trace_jobs(rt, &Dispatcher::new(3), 3, |job| async move {
            job.clock.sleep(100).await;
            job.note(format!("step of #{}", job.id));
            Err(job.id)
        }, |clock| stop_after(clock.clone(), Some(100)));
        // The stop was set first, so its timer fires first: it cancels the
        // run before any job's step.
        assert_eq!(run.outcome.status(), Status::Stopped, "{:?}", run.notes);
        assert!(run.notes.iter().all(|note| !note.starts_with("step")), "{:?}", run.notes);
        assert_eq!(run.sorted(Kind::Aborted), [0, 1, 2]);
    }

    fn without_cancel_in_flight_running_jobs_finish_but_none_starts(rt) {
        let dispatcher = Dispatcher::new(3).cancel_in_flight(false);
        let run = trace(rt, &dispatcher, &[5000, 4000, 100, FAILS, 1, 1], THRESHOLD, None);
        assert_eq!(run.outcome.status(), Status::Failed);
        assert_eq!(run.jobs(Kind::Succeeded), [2, 1, 0]);
        assert_eq!(run.jobs(Kind::Cancelled), [4, 5]);
        assert!(run.jobs(Kind::Aborted).is_empty());
        assert_eq!(run.ended_at, 5000);
    }

    fn the_first_error_sticks_and_later_ones_are_listed_after_it(rt) {
        // With fail_fast off, every failure is kept, in time order.
        let dispatcher = Dispatcher::new(2).fail_fast(false);
        let run = trace(rt, &dispatcher, &[100, 999, 50, 998, 997], 990, None);
        assert_eq!(run.outcome.status(), Status::Failed);
        let failed: Vec<usize> = run.outcome.failures().iter().map(|f| f.job()).collect();
        assert_eq!(failed, [1, 3, 4]);
        assert_eq!(run.jobs(Kind::Succeeded), [2, 0]);
        assert!(run.jobs(Kind::Cancelled).is_empty());
    }

    fn without_fail_fast_and_without_failures_the_run_completes(rt) {
        let run = trace(rt, &Dispatcher::new(2).fail_fast(false), &[10, 20, 30], 990, None);
        assert_eq!(run.outcome.status(), Status::Completed);
        assert!(run.outcome.failures().is_empty());
    }

    fn stopping_mid_run_aborts_running_jobs_and_cancels_the_rest(rt) {
        let run = trace(rt, &Dispatcher::new(2), &[1000, 1000, 10, 10], NEVER, Some(100));
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert!(run.outcome.failures().is_empty());
        assert_eq!(run.jobs(Kind::Aborted), [0, 1]);
        assert_eq!(run.jobs(Kind::Cancelled), [2, 3]);
        assert_eq!(run.ended_at, 100);
        assert_eq!(run.timers_left, 0);
    }

    fn stopping_without_cancel_in_flight_lets_running_jobs_finish(rt) {
        let run = trace(rt, &Dispatcher::new(2).cancel_in_flight(false), &[1000, 300, 10, 10], NEVER, Some(100));
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert_eq!(run.jobs(Kind::Succeeded), [1, 0]);
        assert_eq!(run.ended_at, 1000);
    }

    fn a_stop_that_is_already_done_starts_no_job(rt) {
        let run = trace(rt, &Dispatcher::new(2), &[10, 10, 10], NEVER, Some(0));
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert!(run.jobs(Kind::Started).is_empty());
        assert_eq!(run.jobs(Kind::Cancelled), [0, 1, 2]);
        assert_eq!(run.ended_at, 0);
    }

    fn a_stop_while_jobs_are_left_to_finish_drops_them_at_once(rt) {
        // Job 1 fails at 10 ms and job 0 is left to finish, which it never
        // would: the stop at 100 ms drops it then. The failure stays the cause.
        let dispatcher = Dispatcher::new(2).cancel_in_flight(false);
        let run = trace_jobs(rt, &dispatcher, 3, |job| async move {
            job.clock.sleep(if job.id == 0 { FOREVER } else { 10 }).await;
            Err(job.id)
        }, |clock| stop_after(clock.clone(), Some(100)));
        assert_eq!(run.outcome.status(), Status::Failed);
        assert_eq!(run.outcome.first_failure().unwrap().job(), 1);
        assert_eq!(run.jobs(Kind::Aborted), [0]);
        assert_eq!(run.jobs(Kind::Cancelled), [2]);
        assert_eq!(run.ended_at, 100);
        assert_eq!(run.timers_left, 0);
    }

    fn a_stop_after_a_failure_keeps_the_failure_as_the_cause(rt) {
        let dispatcher = Dispatcher::new(2).cancel_in_flight(false);
        let run = trace(rt, &dispatcher, &[1000, FAILS, 10], THRESHOLD, Some(500));
        assert_eq!(run.outcome.status(), Status::Failed);
        assert_eq!(run.jobs(Kind::Aborted), [0]);
        assert_eq!(run.ended_at, 500);
    }

    fn stopping_after_the_end_changes_nothing(rt) {
        let run = trace(rt, &Dispatcher::new(2), &[10, 20], NEVER, Some(500));
        assert_eq!(run.outcome.status(), Status::Completed);
        assert_eq!(run.ended_at, 20);
        assert_eq!(run.timers_left, 0);
    }

    fn while_paused_no_job_starts_and_running_ones_go_on(rt) {
        let gate = Gate::new();
        let dispatcher = Dispatcher::new(2).queue_length(3).gate(gate.clone());
        let run = trace_with(rt, &dispatcher, &[100, 250, 100, 100, 100, 100, 100], NEVER, |clock| pause(clock.clone(), gate, 50, 400));
        assert_eq!(run.outcome.status(), Status::Completed);
        let starts: Vec<(usize, u64)> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| (e.job, e.at)).collect();
        // Jobs 0 and 1 go on; nothing starts from 50 to 400 ms, though workers are free at 100 and 250.
        assert_eq!(starts, [(0, 0), (1, 0), (2, 400), (3, 400), (4, 500), (5, 500), (6, 600)]);
        // The producer keeps the queue full meanwhile.
        assert_eq!(run.peak_queued(7), 3);
    }

    fn a_stop_while_paused_ends_the_run_when_the_running_jobs_finish(rt) {
        let gate = Gate::new();
        let dispatcher = Dispatcher::new(2).cancel_in_flight(false).gate(gate.clone());
        // Paused at 50 ms and stopped at 150 ms: job 0's worker waits on the closed
        // gate from 100 ms, but the run ends when job 1 does, at 200 ms.
        let run = trace_with(rt, &dispatcher, &[100, 200, 10, 10], NEVER, |clock| {
            let clock = clock.clone();
            async move {
                clock.sleep(50).await;
                gate.close();
                clock.sleep(100).await;
            }
        });
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert_eq!(run.jobs(Kind::Cancelled), [2, 3]);
        assert_eq!(run.ended_at, 200);
    }

    fn stopping_while_paused_cancels_the_queued_jobs(rt) {
        let gate = Gate::new();
        gate.close();
        let dispatcher = Dispatcher::new(2).queue_length(2).cancel_in_flight(false).gate(gate);
        let run = trace(rt, &dispatcher, &[10, 10, 10], NEVER, Some(50));
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert_eq!(run.jobs(Kind::Queued), [0, 1]);
        assert_eq!(run.jobs(Kind::Cancelled), [0, 1, 2]);
        assert_eq!(run.ended_at, 50);
    }

    fn jobs_may_borrow_from_the_callers_stack(rt) {
        let waits = [30, 10, 20];
        let clock = rt.clock();
        let (doubled, _) = rt.block_on(Dispatcher::new(3).run(waits.len(), |job| {
            let (clock, wait) = (clock.clone(), &waits[job]);
            async move {
                clock.sleep(*wait).await;
                Ok::<_, ()>(*wait * 2)
            }
        }).collect());
        assert_eq!(doubled, Ok(vec![60, 20, 40]));
    }
}

/// How many times the observer is called, and the range cancelled, for a
/// run of `jobs` whose first job fails at once.
fn cancel_of(jobs: usize) -> (usize, Vec<(usize, usize)>) {
    let mut calls = 0;
    let mut cancelled = Vec::new();
    let run = Dispatcher::new(10).run(jobs, |job| std::future::ready(if job == 0 { Err(()) } else { Ok(()) })).observe(|event| {
        calls += 1;
        if let Event::Cancelled { start, end } = event {
            cancelled.push((start, end));
        }
    });
    assert_eq!(futures::executor::block_on(run).status(), Status::Failed);
    (calls, cancelled)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_cancel_costs_the_same_for_ten_jobs_and_for_usize_max() {
    // Started, Failed, and one Cancelled for every job never started.
    for jobs in [10, 1_000_000, usize::MAX] {
        assert_eq!(cancel_of(jobs), (3, vec![(1, jobs)]), "{jobs} jobs");
    }
}
