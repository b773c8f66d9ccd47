//! `queue_length(0)`, Go's unbuffered channel (`make(chan *Job)`): the
//! producer's send completes only when a worker takes the job, so no job
//! ever waits in between. With 1 worker and with many, against what the
//! original Go program does with such a channel.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use bounded_dispatcher::{Dispatcher, Gate, Status};
use common::{trace, trace_with, Kind};

const THRESHOLD: u32 = 10_000;
const FAILS: u32 = THRESHOLD + 1;

on_every_runtime! {
    fn each_job_goes_straight_to_a_worker_and_none_is_queued(rt) {
        let run = trace(rt, &Dispatcher::new(3).queue_length(0), &[100; 9], THRESHOLD, None);
        assert_eq!(run.outcome.status(), Status::Completed);
        assert!(run.jobs(Kind::Queued).is_empty());
        let starts: Vec<u64> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| e.at).collect();
        assert_eq!(starts, [0, 0, 0, 100, 100, 100, 200, 200, 200]);
        assert_eq!(run.ended_at, 300);
    }

    fn with_one_worker_each_send_waits_for_the_worker(rt) {
        let run = trace(rt, &Dispatcher::new(1).queue_length(0), &[30, 10, 20], THRESHOLD, None);
        let starts: Vec<(usize, u64)> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| (e.job, e.at)).collect();
        assert_eq!(starts, [(0, 0), (1, 30), (2, 40)]);
        assert_eq!(run.peak_queued(3), 0);
    }

    fn with_one_worker_a_failure_ends_the_run_where_go_deadlocks(rt) {
        // Go: the worker returns its error, and the producer stays blocked on
        // sending job 2, which nobody will receive: Wait never returns. Here
        // the cancel stops the producer, and jobs 2 and 3 end canceled.
        for cancel_in_flight in [true, false] {
            let dispatcher = Dispatcher::new(1).queue_length(0).cancel_in_flight(cancel_in_flight);
            let run = trace(rt, &dispatcher, &[50, FAILS, 10, 10], THRESHOLD, None);
            assert_eq!(run.outcome.status(), Status::Failed);
            assert_eq!(run.jobs(Kind::Started), [0, 1]);
            assert_eq!(run.jobs(Kind::Cancelled), [2, 3]);
            assert_eq!(run.ended_at, 50);
        }
    }

    fn with_many_workers_it_starts_and_cancels_what_a_queue_of_every_job_does(rt) {
        // Go's workers take the same jobs at the same times whatever the
        // channel's capacity: only the producer's lead changes.
        let waits: Vec<u32> = (0..60).map(|i| if i == 41 { FAILS } else { 20 + (i * 53 % 97) }).collect();
        let seen = |queue_length| {
            let run = trace(rt, &Dispatcher::new(10).queue_length(queue_length), &waits, THRESHOLD, None);
            let starts: Vec<(usize, u64)> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| (e.job, e.at)).collect();
            (starts, run.jobs(Kind::Cancelled), run.sorted(Kind::Aborted), run.jobs(Kind::Queued).len(), run.ended_at)
        };
        let (unbuffered, full) = (seen(0), seen(waits.len()));
        assert_eq!(unbuffered.0, full.0);
        assert_eq!(unbuffered.1, (42..60).collect::<Vec<_>>());
        assert_eq!((&unbuffered.1, &unbuffered.2, unbuffered.4), (&full.1, &full.2, full.4));
        assert_eq!((unbuffered.3, full.3), (0, waits.len()));
    }

    fn while_paused_nothing_is_handed_over(rt) {
        let gate = Gate::new();
        gate.close();
        let dispatcher = Dispatcher::new(2).queue_length(0).gate(gate.clone());
        let run = trace_with(rt, &dispatcher, &[10, 10, 10], THRESHOLD, |clock| {
            let clock = clock.clone();
            async move {
                common::Clock::sleep(&clock, 100).await;
                gate.open();
                std::future::pending().await
            }
        });
        assert!(run.jobs(Kind::Queued).is_empty());
        let starts: Vec<u64> = run.events.iter().filter(|e| e.kind == Kind::Started).map(|e| e.at).collect();
        assert_eq!(starts, [100, 100, 110]);
    }
}
