//! A run's handle, on every runtime: jobs that add jobs, with no deadlock
//! where errgroup's and conc's pools have one, and a cancel from the
//! observer or from a job, after which no job starts. In the browser:
//! `wasm-pack test --headless --chrome`.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use std::cell::RefCell;
use std::rc::Rc;

use bounded_dispatcher::{Dispatcher, Event, RunError, RunHandle, Status};
use common::{Clock, Runtime};
use futures::StreamExt;

/// Every event of a run, with the time it happened.
type Log = Rc<RefCell<Vec<(Event, u64)>>>;

fn logger<C: Clock>(clock: C, log: Log) -> impl FnMut(Event) {
    move |event| log.borrow_mut().push((event, clock.now() as u64))
}

fn started(log: &Log) -> Vec<usize> {
    log.borrow().iter().filter(|(event, _)| matches!(event, Event::Started { .. })).map(|(event, _)| event.jobs().start).collect()
}

on_every_runtime! {
    fn a_job_submits_while_every_worker_is_busy_without_a_deadlock(rt) {
        // Errgroup with SetLimit(1), whose only goroutine calls g.Go, waits
        // forever; conc's pool too (#88). Here the submission waits in the
        // inbox for the worker its own job frees.
        let handle = RunHandle::new();
        let (clock, jobs) = (rt.clock(), handle.clone());
        let (values, at) = rt.block_on(Dispatcher::new(1).run_iter([3u32], move |n| {
            let (clock, jobs) = (clock.clone(), jobs.clone());
            async move {
                if n > 0 {
                    jobs.submit(n - 1).expect("the run takes it");
                }
                clock.sleep(100).await;
                Ok::<_, String>(n)
            }
        }).handle(&handle).collect());
        assert_eq!(values, Ok(vec![3, 2, 1, 0]));
        assert_eq!(at, 400);
        let refused = handle.submit(9).unwrap_err();
        assert!(!refused.is_cancelled());
        assert_eq!(refused.into_inner(), 9, "handed back");
    }

    fn a_crawl_ends_when_nothing_is_queued_running_or_to_come(rt) {
        // A tree of pages: each job finds its page's links, and submits those not seen yet.
        let links = |page: u32| -> Vec<u32> { if page < 40 { vec![page * 2 + 1, page * 2 + 2, 0] } else { vec![] } };
        let handle = RunHandle::new();
        let seen = Rc::new(RefCell::new(std::collections::BTreeSet::from([0u32])));
        let (clock, jobs, found) = (rt.clock(), handle.clone(), seen.clone());
        let (outcome, _) = rt.block_on(Dispatcher::new(4).run_iter([0u32], move |page| {
            let (clock, jobs, found) = (clock.clone(), jobs.clone(), found.clone());
            async move {
                clock.sleep(10 + page % 7).await;
                for link in links(page) {
                    if found.borrow_mut().insert(link) {
                        jobs.submit(link).map_err(|refused| refused.to_string())?;
                    }
                }
                Ok::<_, String>(())
            }
        }).handle(&handle));
        assert_eq!(outcome.status(), Status::Completed);
        assert_eq!(seen.borrow().len(), 81);
    }

    fn the_observer_may_submit_jobs_too(rt) {
        // Each success submits the next, until 5: the results come back in id order.
        let handle = RunHandle::new();
        let jobs = handle.clone();
        let clock = rt.clock();
        let (values, _) = rt.block_on(Dispatcher::new(2).run_iter([0u32], move |n| {
            let clock = clock.clone();
            async move {
                clock.sleep(10).await;
                Ok::<_, ()>(n)
            }
        }).handle(&handle).observe(move |event| {
            if let Event::Succeeded { job, .. } = event {
                if job < 4 {
                    jobs.submit(job as u32 + 1).unwrap();
                }
            }
        }).collect());
        assert_eq!(values, Ok(vec![0, 1, 2, 3, 4]));
    }

    fn a_cancel_from_the_observer_starts_no_job_after_it(rt) {
        let handle = RunHandle::new();
        let canceller = handle.clone();
        let log: Log = Rc::default();
        let (clock, logging) = (rt.clock(), logger(rt.clock(), log.clone()));
        let mut logging = logging;
        let run = Dispatcher::new(2).run(10, move |job| {
            let clock = clock.clone();
            async move {
                clock.sleep(100 + job as u32).await;
                Ok::<_, ()>(())
            }
        }).handle(&handle).observe(move |event| {
            logging(event);
            // The first job to end cancels the run, from inside the observer.
            if let Event::Succeeded { .. } = event {
                canceller.cancel();
            }
        });
        let (outcome, at) = rt.block_on(run);
        assert_eq!(outcome.status(), Status::Cancelled);
        assert_eq!(outcome.into_result(), Err(RunError::Cancelled));
        assert_eq!(started(&log), [0, 1]);
        let cancelled: Vec<_> = log.borrow().iter().filter(|(event, _)| matches!(event, Event::Cancelled { .. } | Event::Aborted { .. })).map(|(event, at)| (*event, *at)).collect();
        assert_eq!(cancelled, [(Event::Cancelled { start: 2, end: 10 }, 100), (Event::Aborted { job: 1, worker: 1 }, 100)]);
        assert_eq!(at, 100);
        assert!(handle.submit(3).unwrap_err().is_cancelled());
    }

    fn a_cancel_from_a_job_polls_no_other_job_after_it(rt) {
        // Jobs 0 to 3 wake at 100 ms together; job 1 cancels the run then, and goes on waiting.
        let handle = RunHandle::new();
        let log: Log = Rc::default();
        let steps = Rc::new(RefCell::new(Vec::new()));
        let (clock, canceller, stepped) = (rt.clock(), handle.clone(), steps.clone());
        let run = Dispatcher::new(4).run(6, move |job| {
            let (clock, canceller, stepped) = (clock.clone(), canceller.clone(), stepped.clone());
            async move {
                clock.sleep(100).await;
                stepped.borrow_mut().push(job);
                if job == 1 {
                    canceller.cancel();
                }
                clock.sleep(100).await;
                Ok::<_, ()>(())
            }
        }).handle(&handle).observe(logger(rt.clock(), log.clone()));
        let (outcome, at) = rt.block_on(run);
        assert_eq!(outcome.status(), Status::Cancelled);
        assert_eq!(at, 100);
        // Those woken before job 1 took their step; none after it did.
        let steps = steps.borrow();
        assert_eq!(steps.last(), Some(&1), "{steps:?}");
        assert_eq!(started(&log), [0, 1, 2, 3]);
        let aborted: Vec<_> = log.borrow().iter().filter(|(event, _)| matches!(event, Event::Aborted { .. })).map(|(event, _)| event.jobs().start).collect();
        assert_eq!(aborted, [0, 1, 2, 3]);
    }

    fn without_cancel_in_flight_a_cancel_lets_running_jobs_finish(rt) {
        let handle = RunHandle::new();
        let (clock, canceller) = (rt.clock(), handle.clone());
        let (values, at) = rt.block_on(Dispatcher::new(2).cancel_in_flight(false).run(5, move |job| {
            let (clock, canceller) = (clock.clone(), canceller.clone());
            async move {
                if job == 1 {
                    canceller.cancel();
                }
                clock.sleep(100).await;
                Ok::<_, ()>(job)
            }
        }).handle(&handle).results().collect::<Vec<_>>());
        assert_eq!(values, [Ok(0), Ok(1), Err(RunError::Cancelled)]);
        assert_eq!(at, 100);
    }

    fn a_handle_cancelled_before_the_run_starts_no_job(rt) {
        let handle = RunHandle::<usize>::new();
        handle.cancel();
        let log: Log = Rc::default();
        let run = Dispatcher::new(2).run(3, |_| async { Ok::<_, ()>(()) }).handle(&handle).observe(logger(rt.clock(), log.clone()));
        let (outcome, _) = rt.block_on(run);
        assert_eq!(outcome.status(), Status::Cancelled);
        assert_eq!(*log.borrow(), [(Event::Cancelled { start: 0, end: 3 }, 0)]);
    }

    fn a_count_runs_its_own_jobs_before_the_submitted_ones(rt) {
        let handle = RunHandle::new();
        let jobs = handle.clone();
        let clock = rt.clock();
        let (values, _) = rt.block_on(Dispatcher::new(1).run(3, move |job| {
            let (clock, jobs) = (clock.clone(), jobs.clone());
            async move {
                if job == 0 {
                    jobs.submit(100).unwrap();
                }
                clock.sleep(10).await;
                Ok::<_, ()>(job)
            }
        }).handle(&handle).collect());
        assert_eq!(values, Ok(vec![0, 1, 2, 100]));
    }
}

/// The handle is `Send + Sync`: another thread may cancel the run.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn another_thread_may_cancel_a_run() {
    let handle = RunHandle::<usize>::new();
    let canceller = handle.clone();
    let (started, started_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        started_rx.recv().unwrap();
        canceller.cancel();
    });
    let outcome = futures::executor::block_on(
        Dispatcher::new(2)
            .run(2, move |_| {
                let _ = started.send(());
                std::future::pending::<Result<(), ()>>()
            })
            .handle(&handle),
    );
    thread.join().unwrap();
    assert_eq!(outcome.status(), Status::Cancelled);
}
