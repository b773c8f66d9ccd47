//! Properties that hold for every configuration, checked on the virtual
//! clock, firing timers one by one or all that are due together.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use bounded_dispatcher::{Dispatcher, Gate, Status};
use common::{trace_jobs, Clock, Kind, Traced, Virtual};
use proptest::prelude::*;

const THRESHOLD: u32 = 90;

#[derive(Debug, Clone)]
struct Case {
    workers: usize,
    queue_length: usize,
    /// Waits in 0..100 ms; those over 90 fail as they start, and those
    /// ending in 3 fail after their wait.
    waits: Vec<u32>,
    cancel_in_flight: bool,
    fail_fast: bool,
    stop_at: Option<u32>,
    /// Workers are held back from this time to that.
    pause: Option<(u32, u32)>,
    /// Timers due together wake their jobs in one tick.
    coalescing: bool,
}

impl Case {
    fn fails(&self, job: usize) -> bool {
        self.waits[job] > THRESHOLD || self.waits[job] % 10 == 3
    }
}

fn cases() -> impl Strategy<Value = Case> {
    let pause = prop::option::of((0..300u32, 0..300u32).prop_map(|(from, length)| (from, from + length)));
    let flags = (any::<bool>(), any::<bool>(), prop::option::of(0..400u32), pause, any::<bool>());
    (1..12usize, 0..12usize, prop::collection::vec(0..100u32, 0..60), flags).prop_map(
        |(workers, queue_length, waits, (cancel_in_flight, fail_fast, stop_at, pause, coalescing))| Case {
            workers,
            queue_length,
            waits,
            cancel_in_flight,
            fail_fast,
            stop_at,
            pause,
            coalescing,
        },
    )
}

fn run(case: &Case) -> Traced {
    let gate = Gate::new();
    let dispatcher = Dispatcher::new(case.workers)
        .queue_length(case.queue_length)
        .cancel_in_flight(case.cancel_in_flight)
        .fail_fast(case.fail_fast)
        .gate(gate.clone());
    let rt = if case.coalescing { Virtual::coalescing() } else { Virtual::new() };
    let (stop_at, pause) = (case.stop_at, case.pause);
    let waits = &case.waits;
    let job = |job: common::Job<common::VirtualClock>| async move {
        let wait = waits[job.id];
        if wait > THRESHOLD {
            return Err(job.id);
        }
        job.clock.sleep(wait).await;
        if wait % 10 == 3 {
            Err(job.id)
        } else {
            Ok(())
        }
    };
    trace_jobs(&rt, &dispatcher, case.waits.len(), job, |clock| {
        let (clock, other) = (clock.clone(), clock.clone());
        // Stops at `stop_at`, and meanwhile closes the gate over `pause`.
        let stop = common::stop_after(clock, stop_at);
        let pause = async move {
            if let Some((from, to)) = pause {
                other.sleep(from).await;
                gate.close();
                other.sleep(to - from).await;
                gate.open();
            }
            std::future::pending::<()>().await
        };
        async move {
            futures::pin_mut!(stop, pause);
            futures::future::select(stop, pause).await;
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_more_than_workers_run_at_once(case in cases()) {
        let run = run(&case);
        prop_assert!(run.peak_running() <= case.workers);
    }

    #[test]
    fn the_queue_never_holds_more_than_its_length(case in cases()) {
        let run = run(&case);
        prop_assert!(run.peak_queued(case.waits.len()) <= case.queue_length);
    }

    #[test]
    fn every_job_ends_in_exactly_one_state(case in cases()) {
        let run = run(&case);
        let mut ends = vec![0; case.waits.len()];
        for event in &run.events {
            if matches!(event.kind, Kind::Succeeded | Kind::Failed | Kind::Cancelled | Kind::Aborted) {
                ends[event.job] += 1;
            }
        }
        prop_assert!(ends.iter().all(|&n| n == 1), "ends per job: {:?}", ends);
        prop_assert_eq!(run.timers_left, 0);
    }

    #[test]
    fn jobs_start_in_id_order(case in cases()) {
        let run = run(&case);
        let started = run.jobs(Kind::Started);
        prop_assert_eq!(started.clone(), (0..started.len()).collect::<Vec<_>>());
        let queued = run.jobs(Kind::Queued);
        prop_assert_eq!(queued.clone(), (0..queued.len()).collect::<Vec<_>>());
    }

    #[test]
    fn nothing_happens_after_the_first_failure_but_the_cancel(case in cases()) {
        let case = Case { fail_fast: true, ..case };
        let run = run(&case);
        // A stop before it is the cause instead, and jobs left to finish may fail after it.
        let failure = run.first(Kind::Failed).filter(|failure| case.stop_at.map_or(true, |stop| failure.at < u64::from(stop)));
        if let Some(failure) = failure {
            let at = run.events.iter().position(|e| *e == failure).unwrap();
            prop_assert!(run.events[at..].iter().all(|e| e.kind != Kind::Started && e.kind != Kind::Queued));
            prop_assert_eq!(run.outcome.status(), Status::Failed);
            if case.cancel_in_flight {
                // Everything ends at the failure: no job finishes, fails or
                // takes a step after it, even one woken in the same tick.
                prop_assert_eq!(run.ended_at, failure.at);
                prop_assert!(run.events[at + 1..].iter().all(|e| matches!(e.kind, Kind::Cancelled | Kind::Aborted)));
                prop_assert_eq!(run.outcome.failures().len(), 1);
            }
        }
    }

    #[test]
    fn the_reported_error_is_the_first_failure(case in cases()) {
        let run = run(&case);
        let failed = run.jobs(Kind::Failed);
        let reported: Vec<usize> = run.outcome.failures().iter().map(|f| f.job()).collect();
        prop_assert_eq!(run.outcome.first_failure().map(|f| f.job()), failed.first().copied());
        prop_assert_eq!(reported, failed);
    }

    #[test]
    fn without_fail_fast_or_stop_every_job_runs(case in cases()) {
        let case = Case { fail_fast: false, stop_at: None, ..case };
        let run = run(&case);
        prop_assert_eq!(run.jobs(Kind::Started).len(), case.waits.len());
        let failing: Vec<usize> = (0..case.waits.len()).filter(|&job| case.fails(job)).collect();
        prop_assert_eq!(run.sorted(Kind::Failed), failing);
    }

    #[test]
    fn without_cancel_in_flight_no_job_is_aborted_unless_stopped(case in cases()) {
        let case = Case { cancel_in_flight: false, ..case };
        let run = run(&case);
        // A stop that comes while jobs are left to finish after a failure drops them.
        let stopped_after_failure = case.stop_at.is_some() && run.first(Kind::Failed).is_some();
        prop_assert!(stopped_after_failure || run.jobs(Kind::Aborted).is_empty());
    }

    #[test]
    fn the_queue_length_changes_no_start_nor_end(case in cases()) {
        let starts = |run: &Traced| -> Vec<(usize, u64)> {
            run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| (e.job, e.at)).collect()
        };
        let (queued, unbuffered) = (run(&case), run(&Case { queue_length: 0, ..case.clone() }));
        prop_assert_eq!(starts(&queued), starts(&unbuffered));
        prop_assert_eq!(queued.ended_at, unbuffered.ended_at);
        prop_assert_eq!(queued.outcome, unbuffered.outcome);
    }

    #[test]
    fn no_job_starts_while_paused(case in cases()) {
        let run = run(&case);
        if let Some((from, to)) = case.pause {
            let (from, to) = (u64::from(from), u64::from(to));
            prop_assert!(run.events.iter().all(|e| e.kind != Kind::Started || e.at <= from || e.at >= to));
        }
    }

    #[test]
    fn idle_workers_never_leave_a_queued_job_waiting(case in cases()) {
        // Once time moves on, a queued job and an idle worker never both exist.
        let run = run(&case);
        let (mut running, mut queued) = (0usize, 0usize);
        let mut was_queued = vec![false; case.waits.len()];
        for (i, event) in run.events.iter().enumerate() {
            match event.kind {
                Kind::Queued => { queued += 1; was_queued[event.job] = true; }
                Kind::Started => { if was_queued[event.job] { queued -= 1; } running += 1; }
                Kind::Cancelled if was_queued[event.job] => queued -= 1,
                Kind::Succeeded | Kind::Failed | Kind::Aborted => running -= 1,
                _ => {}
            }
            let time_moves = run.events.get(i + 1).is_some_and(|next| next.at > event.at);
            let paused = case.pause.is_some_and(|(from, to)| u64::from(from) <= event.at && event.at < u64::from(to));
            if time_moves && !paused {
                prop_assert!(queued == 0 || running == case.workers, "at {} ms: {} queued, {} running", event.at, queued, running);
            }
        }
    }
}
