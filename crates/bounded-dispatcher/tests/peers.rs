//! The behaviours that errgroup's, p-map's and p-limit's own test suites
//! check, on every runtime. Where ours differs from a peer's on purpose,
//! the test's name says so. The demo's tests/web_peers.rs runs the same
//! scenarios through the JS API on real timers.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use bounded_dispatcher::{Dispatcher, Event, RunHandle, Status};
use common::{trace, Clock, Kind, Runtime, Traced};

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
            Kind::Cancelled => done += 1,
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

on_every_runtime! {
    fn errgroup_no_jobs_complete_at_once_without_error(rt) {
        let run = trace(rt, &Dispatcher::new(4), &[], NEVER, None);
        assert_eq!(run.outcome.status(), Status::Completed);
        assert!(run.outcome.failures().is_empty());
        assert_eq!(run.ended_at, 0);
    }

    fn errgroup_the_first_error_sticks_and_later_jobs_never_start(rt) {
        let run = trace(rt, &Dispatcher::new(2), &[100, FAILS, 50, FAILS, 10], THRESHOLD, None);
        assert_eq!(run.outcome.first_failure().unwrap().job(), 1);
        assert_eq!(run.outcome.failures().len(), 1);
        assert_eq!(run.jobs(Kind::Started), [0, 1]);
    }

    fn errgroup_nothing_runs_after_a_run_settles(rt) {
        for (waits, stop_at) in [(vec![10, 20, 30], None), (vec![500, FAILS, 500], None), (vec![500, 500, 500], Some(100))] {
            let run = trace(rt, &Dispatcher::new(2), &waits, THRESHOLD, stop_at);
            assert_eq!(run.timers_left, 0, "{waits:?}");
            let last = run.events.last().unwrap().at;
            assert_eq!(last, run.ended_at, "an event after the run ended: {waits:?}");
        }
    }

    fn errgroup_a_limit_of_10_holds_over_1025_jobs(rt) {
        let waits: Vec<u32> = (0..1025).map(|i| (i * 37 % 50) as u32).collect();
        let run = trace(rt, &Dispatcher::new(10), &waits, THRESHOLD, None);
        assert_eq!(run.outcome.status(), Status::Completed);
        assert_eq!(run.peak_running(), 10);
    }

    fn errgroup_a_limit_of_1_runs_jobs_one_after_another(rt) {
        let waits = [30, 10, 50, 20];
        let run = trace(rt, &Dispatcher::new(1), &waits, THRESHOLD, None);
        assert_eq!(run.peak_running(), 1);
        assert_eq!(run.ended_at, waits.iter().map(|&w| u64::from(w)).sum::<u64>());
    }

    fn errgroup_a_failed_run_carries_the_error_and_a_stopped_run_none(rt) {
        let failed = trace(rt, &Dispatcher::new(2), &[100, FAILS], THRESHOLD, None);
        assert_eq!(failed.outcome.status(), Status::Failed);
        assert_eq!(failed.outcome.first_failure().map(|f| *f.error()), Some(1));
        let stopped = trace(rt, &Dispatcher::new(2), &[1000, 1000], THRESHOLD, Some(100));
        assert_eq!(stopped.outcome.status(), Status::Stopped);
        assert!(stopped.outcome.failures().is_empty());
    }

    fn p_map_concurrency_1_takes_the_sum_and_3_the_longest(rt) {
        let waits = [300, 200, 100];
        assert_eq!(trace(rt, &Dispatcher::new(1), &waits, THRESHOLD, None).ended_at, 600);
        assert_eq!(trace(rt, &Dispatcher::new(3), &waits, THRESHOLD, None).ended_at, 300);
        assert_eq!(trace(rt, &Dispatcher::new(100), &waits, THRESHOLD, None).ended_at, 300);
    }

    fn p_map_never_more_than_4_run(rt) {
        let waits: Vec<u32> = (0..100).map(|i| 30 + (i * 53 % 171) as u32).collect();
        let run = trace(rt, &Dispatcher::new(4), &waits, THRESHOLD, None);
        assert_eq!(run.peak_running(), 4);
    }

    fn p_map_fail_fast_with_concurrency_1_fails_with_the_first_failing_job_in_input_order(rt) {
        let run = trace(rt, &Dispatcher::new(1), &[10, 20, FAILS, 30, FAILS], THRESHOLD, None);
        assert_eq!(run.outcome.first_failure().unwrap().job(), 2);
        assert_eq!(run.jobs(Kind::Cancelled), [3, 4]);
    }

    fn p_map_without_fail_fast_every_error_is_reported(rt) {
        let dispatcher = Dispatcher::new(2).fail_fast(false);
        assert_eq!(trace(rt, &dispatcher, &[10, 20, 30], THRESHOLD, None).outcome.status(), Status::Completed);
        let run = trace(rt, &dispatcher, &[10, FAILS, 30, FAILS], THRESHOLD, None);
        assert_eq!(run.outcome.status(), Status::Failed);
        assert_eq!(run.outcome.failures().iter().map(|f| f.job()).collect::<Vec<_>>(), [1, 3]);
    }

    fn p_map_keeps_running_mappers_after_an_error_but_ours_aborts_them_unless_told_not_to(rt) {
        let waits = [500, 100, FAILS];
        let aborting = trace(rt, &Dispatcher::new(2), &waits, THRESHOLD, None);
        assert_eq!(aborting.jobs(Kind::Aborted), [0]);
        assert_eq!(aborting.ended_at, 100);
        let finishing = trace(rt, &Dispatcher::new(2).cancel_in_flight(false), &waits, THRESHOLD, None);
        assert_eq!(finishing.jobs(Kind::Succeeded), [1, 0]);
        assert_eq!(finishing.ended_at, 500);
    }

    fn p_map_abort_mid_run_settles_at_once_as_stopped(rt) {
        let run = trace(rt, &Dispatcher::new(2), &[1000, 1000, 1000], THRESHOLD, Some(100));
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert_eq!(run.ended_at, 100);
    }

    fn p_map_an_already_aborted_signal_settles_at_once_and_starts_nothing(rt) {
        let run = trace(rt, &Dispatcher::new(2), &[10, 10], THRESHOLD, Some(0));
        assert_eq!(run.outcome.status(), Status::Stopped);
        assert!(run.jobs(Kind::Started).is_empty());
        assert_eq!(run.ended_at, 0);
    }

    fn p_limit_running_and_pending_counts_follow_the_limit(rt) {
        let run = trace(rt, &Dispatcher::new(5), &[100; 8], THRESHOLD, None);
        let counts = running_and_pending(&run, 8);
        assert_eq!(counts, [(0, 5, 3), (100, 3, 0), (200, 0, 0)]);
    }

    fn p_limit_without_fail_fast_jobs_after_a_failing_one_still_run(rt) {
        let run = trace(rt, &Dispatcher::new(1).fail_fast(false), &[10, FAILS, 10, 10], THRESHOLD, None);
        assert_eq!(run.jobs(Kind::Succeeded), [0, 2, 3]);
    }

    fn errgroup_zero_group_wait_returns_the_first_error_of_those_run(rt) {
        // errgroup_test.go's TestZeroGroup: a group with no context keeps
        // going after an error (ours: fail_fast off), and Wait returns the
        // first non-nil one.
        let cases: [&[Option<&str>]; 5] = [&[], &[None], &[Some("1")], &[Some("1"), None], &[Some("1"), None, Some("2")]];
        for errs in cases {
            let (outcome, _) = rt.block_on(Dispatcher::new(1).fail_fast(false).run(errs.len(), |job| async move { errs[job].map_or(Ok(()), Err) }));
            assert_eq!(outcome.first_failure().map(|failure| *failure.error()), errs.iter().flatten().next().copied(), "{errs:?}");
            assert_eq!(outcome.failures().len(), errs.iter().flatten().count());
        }
    }

    fn errgroup_with_context_wait_returns_the_error_and_ours_refuses_jobs_after_it(rt) {
        // TestWithContext: Wait returns the doomed error, and the context is
        // done after Wait whatever happened. Ours has no context to close: its
        // handle refuses any job submitted once the run is over, and says why.
        let cases: [(&[Option<&str>], Option<&str>); 4] = [(&[], None), (&[None], None), (&[Some("doomed")], Some("doomed")), (&[Some("doomed"), None], Some("doomed"))];
        for (errs, want) in cases {
            let handle = RunHandle::new();
            let (result, _) = rt.block_on(Dispatcher::new(4).run(errs.len(), |job| async move { errs[job].map_or(Ok(()), Err) }).handle(&handle).collect());
            assert_eq!(result.map_err(|error| *error.into_failure().unwrap().error()).err(), want, "{errs:?}");
            assert!(handle.submit(0).is_err(), "{errs:?}");
        }
    }

    fn errgroup_try_go_refuses_at_the_limit_where_ours_queues_the_job(rt) {
        // TestTryGo: with SetLimit(42) and 42 goroutines running, TryGo fails.
        // Ours never refuses a job while the run goes: a 43rd job waits, and
        // starts when a worker is free.
        let handle = RunHandle::new();
        let (clock, jobs) = (rt.clock(), handle.clone());
        let starts = std::cell::RefCell::new(Vec::new());
        let clock_now = rt.clock();
        let run = Dispatcher::new(42).run_iter(0..42, move |job| {
            let (clock, jobs) = (clock.clone(), jobs.clone());
            async move {
                if job == 0 {
                    jobs.submit(42).expect("not refused at the limit");
                }
                clock.sleep(100).await;
                Ok::<_, ()>(())
            }
        }).handle(&handle).observe(|event| if let Event::Started { job, .. } = event { starts.borrow_mut().push((job, clock_now.now() as u64)) });
        let (outcome, at) = rt.block_on(run);
        assert_eq!(outcome.status(), Status::Completed);
        let starts = starts.into_inner();
        assert_eq!(starts.len(), 43);
        assert_eq!(starts[42], (42, 100));
        assert_eq!(at, 200);
    }
}
