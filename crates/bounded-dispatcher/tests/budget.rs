//! A run shares its thread: a poll of it polls at most `BUDGET` jobs, then
//! yields, even when every job is ready, so that its stops are heard and
//! other tasks run. On every runtime, with a heartbeat polled beside it; on
//! tokio's current-thread runtime with a heartbeat task; and in the
//! browser's event loop with one (`wasm-pack test --headless --chrome`).

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use bounded_dispatcher::{Dispatcher, Event, Status, BUDGET};
use common::Runtime;
use futures::future::{select, Either};

/// Several budgets and a part of one: natively 97 of 1,024; in wasm, where
/// the budget is 65,536 (and these tests run unoptimised), 4 of them.
const JOBS: usize = if cfg!(target_arch = "wasm32") { 4 * BUDGET + BUDGET / 2 } else { 100_000 };

/// Never completes; counts its polls, each of which wakes it again: a task
/// that only wants its turn.
fn heartbeat(ticks: &Cell<usize>) -> impl Future<Output = ()> + '_ {
    std::future::poll_fn(move |cx| {
        ticks.set(ticks.get() + 1);
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

/// `JOBS` ready jobs, counting those started.
fn ready_jobs(started: &Cell<usize>) -> impl Future<Output = bounded_dispatcher::Outcome<()>> + '_ {
    let count = |event| {
        if let Event::Started { .. } = event {
            started.set(started.get() + 1)
        }
    };
    Dispatcher::new(10).queue_length(100).run(JOBS, |_| std::future::ready(Ok(()))).observe(count)
}

on_every_runtime! {
    fn a_run_of_ready_jobs_yields_after_each_budget(rt) {
        let (ticks, started) = (Cell::new(0), Cell::new(0));
        let (winner, _) = rt.block_on(async {
            match select(pin!(ready_jobs(&started)), pin!(heartbeat(&ticks))).await {
                Either::Left((outcome, _)) => outcome.status(),
                Either::Right(_) => unreachable!("the heartbeat never ends"),
            }
        });
        assert_eq!(winner, Status::Completed);
        // The heartbeat was polled once each time the run yielded: after each full budget.
        assert_eq!(ticks.get(), JOBS / BUDGET, "ticks");
    }

    fn a_stop_is_heard_within_one_budget(rt) {
        // The stop is ready once the heartbeat has had one turn: the run's
        // first poll runs one budget of jobs; its second hears the stop.
        let (ticks, started) = (Cell::new(0), Cell::new(0));
        let stop = std::future::poll_fn(|_| if ticks.get() > 0 { Poll::Ready(()) } else { Poll::Pending });
        let stopped = Dispatcher::new(10).queue_length(100).run(JOBS, |_| std::future::ready(Ok::<_, ()>(()))).stop("heartbeat", stop).observe(|event| {
            if let Event::Started { .. } = event {
                started.set(started.get() + 1)
            }
        });
        let (outcome, _) = rt.block_on(async {
            match select(pin!(stopped), pin!(heartbeat(&ticks))).await {
                Either::Left((outcome, _)) => outcome,
                Either::Right(_) => unreachable!("the heartbeat never ends"),
            }
        });
        assert_eq!(outcome.status(), Status::Stopped);
        assert_eq!(outcome.stopped_by(), Some("heartbeat"));
        assert_eq!(started.get(), BUDGET);
    }
}

/// On tokio's current-thread runtime, a task spawned beside the run gets
/// its turns while every job is ready.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn a_tokio_task_beside_a_busy_run_gets_its_turns() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let ticks = Arc::new(AtomicUsize::new(0));
    let started = Cell::new(0);
    let outcome = runtime.block_on(async {
        let beating = ticks.clone();
        let heartbeat = tokio::spawn(async move {
            loop {
                beating.fetch_add(1, Ordering::Relaxed);
                tokio::task::yield_now().await;
            }
        });
        let outcome = ready_jobs(&started).await;
        heartbeat.abort();
        outcome
    });
    assert_eq!(outcome.status(), Status::Completed);
    let ticks = ticks.load(Ordering::Relaxed);
    // Once per yield of the run, give or take the scheduler's own turns.
    assert!(ticks >= JOBS / BUDGET / 2, "the heartbeat ticked {ticks} times during {JOBS} ready jobs");
}

/// And in the browser: a task spawned on the page's event loop beside a
/// busy run gets its turns.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
async fn a_browser_task_beside_a_busy_run_gets_its_turns() {
    use std::rc::Rc;

    let ticks = Rc::new(Cell::new(0));
    let done = Rc::new(Cell::new(false));
    let (beating, over) = (ticks.clone(), done.clone());
    wasm_bindgen_futures::spawn_local(async move {
        while !over.get() {
            beating.set(beating.get() + 1);
            let mut yielded = false;
            std::future::poll_fn(|cx| {
                if yielded {
                    return Poll::Ready(());
                }
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            })
            .await;
        }
    });
    let started = Cell::new(0);
    let outcome = ready_jobs(&started).await;
    done.set(true);
    assert_eq!(outcome.status(), Status::Completed);
    assert!(ticks.get() >= JOBS / BUDGET / 2, "the heartbeat ticked {} times during {JOBS} ready jobs", ticks.get());
}
