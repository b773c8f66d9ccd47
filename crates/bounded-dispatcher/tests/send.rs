//! A run's future is `Send` when its parts are: tokio's multi-thread
//! runtime spawns it, and its jobs hand CPU-bound work to `spawn_blocking`.
//! That it compiles is most of the test.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use bounded_dispatcher::{Dispatcher, RunError, RunHandle, Status};
use futures::StreamExt;

fn busy_sum(n: u64) -> u64 {
    (0..n).fold(0u64, |sum, i| sum.wrapping_add(i * i))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokio_spawns_a_run_and_its_collect_and_its_results() {
    let dispatcher = Dispatcher::new(4);
    let outcome = tokio::spawn(dispatcher.run(8, |job| async move {
        let sum = tokio::task::spawn_blocking(move || busy_sum(1000 + job as u64)).await.map_err(|error| error.to_string())?;
        Ok::<_, String>(sum)
    }));
    assert_eq!(outcome.await.unwrap().status(), Status::Completed);

    let sums = tokio::spawn(dispatcher.run_iter(vec![10u64, 20, 30], |n| async move { Ok::<_, String>(busy_sum(n)) }).collect());
    assert_eq!(sums.await.unwrap(), Ok(vec![busy_sum(10), busy_sum(20), busy_sum(30)]));

    let handle = RunHandle::new();
    let jobs = handle.clone();
    let results = dispatcher
        .run_stream(futures::stream::iter([3u32]), move |n| {
            let jobs = jobs.clone();
            async move {
                if n > 0 {
                    jobs.submit(n - 1).map_err(|refused| refused.to_string())?;
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
                Ok::<_, String>(n)
            }
        })
        .handle(&handle)
        .stop("deadline", tokio::time::sleep(Duration::from_secs(60)))
        .observe(|_event| {})
        .results();
    let counted = tokio::spawn(results.collect::<Vec<_>>());
    assert_eq!(counted.await.unwrap(), [Ok(3), Ok(2), Ok(1), Ok(0)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handle_cancels_a_spawned_run_from_another_task() {
    let handle = RunHandle::<usize>::new();
    let run = tokio::spawn(Dispatcher::new(2).run(100, |_| std::future::pending::<Result<(), String>>()).handle(&handle).collect());
    handle.cancel();
    assert_eq!(run.await.unwrap(), Err(RunError::Cancelled));
}
