//! Values handed back by value, on every runtime: in id order and failing
//! fast with no head-of-line blocking ([`Run::collect`]), or as they come
//! ([`Run::results`]). In the browser: `wasm-pack test --headless --chrome`.
//!
//! [`Run::collect`]: bounded_dispatcher::Run::collect
//! [`Run::results`]: bounded_dispatcher::Run::results

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use bounded_dispatcher::{Dispatcher, Event, RunError};
use common::{Clock, Runtime};
use futures::{StreamExt, TryStreamExt};

/// Job `i` waits `WAITS[i]` ms; a wait ending in 7 fails after it.
const WAITS: [u32; 6] = [1000, 30, 50, 67, 20, 40];

async fn job<C: Clock>(clock: C, i: usize) -> Result<String, String> {
    clock.sleep(WAITS[i]).await;
    if WAITS[i] % 10 == 7 {
        Err(format!("#{i} failed"))
    } else {
        Ok(format!("#{i}"))
    }
}

on_every_runtime! {
    fn collect_gives_values_in_input_order_whatever_order_they_end_in(rt) {
        let clock = rt.clock();
        let inputs = [300u32, 100, 200, 50];
        let (values, at) = rt.block_on(Dispatcher::new(3).run_iter(inputs, |wait| {
            let clock = clock.clone();
            async move {
                clock.sleep(wait).await;
                Ok::<_, ()>(wait * 2)
            }
        }).collect());
        assert_eq!(values, Ok(vec![600, 200, 400, 100]));
        assert_eq!(at, 300);
    }

    fn collect_fails_at_the_failure_where_buffered_waits_for_the_head_of_the_line(rt) {
        let clock = rt.clock();
        let (ours, ours_at) = rt.block_on(Dispatcher::new(4).run(WAITS.len(), |i| job(clock.clone(), i)).collect());
        assert_eq!(ours.unwrap_err().to_string(), "job #3 failed: #3 failed");
        assert_eq!(ours_at, 67);

        let rt2 = common::Virtual::new();
        let clock = rt2.clock();
        let theirs = futures::stream::iter(0..WAITS.len()).map(|i| job(clock.clone(), i)).buffered(4).try_collect::<Vec<_>>();
        let (theirs, theirs_at) = rt2.block_on(theirs);
        assert_eq!(theirs, Err("#3 failed".to_owned()));
        assert_eq!(theirs_at, 1000, "buffered() waits behind job 0");
    }

    fn results_come_as_jobs_end_and_a_failure_ends_them(rt) {
        let clock = rt.clock();
        let run = Dispatcher::new(4).run(WAITS.len(), |i| job(clock.clone(), i)).results().map_err(|error| error.to_string());
        let (results, at) = rt.block_on(run.collect::<Vec<_>>());
        assert_eq!(results, [Ok("#1".to_owned()), Ok("#2".to_owned()), Ok("#4".to_owned()), Err("job #3 failed: #3 failed".to_owned())]);
        assert_eq!(at, 67);
    }

    fn results_end_with_the_stop_that_stopped_the_run(rt) {
        let clock = rt.clock();
        let stop = clock.sleep(60);
        let (results, _) = rt.block_on(Dispatcher::new(4).run(WAITS.len(), |i| job(clock.clone(), i)).stop("deadline", stop).results().collect::<Vec<_>>());
        assert_eq!(results, [Ok("#1".to_owned()), Ok("#2".to_owned()), Ok("#4".to_owned()), Err(RunError::Stopped { by: "deadline" })]);
    }

    fn results_without_fail_fast_carry_every_failure_and_go_on(rt) {
        let clock = rt.clock();
        let run = Dispatcher::new(2).fail_fast(false).run(WAITS.len(), |i| job(clock.clone(), i)).results();
        let (results, at) = rt.block_on(run.collect::<Vec<_>>());
        let failed: Vec<usize> = results.iter().filter_map(|result| Some(result.as_ref().err()?.failure()?.job())).collect();
        assert_eq!((results.len(), failed), (6, vec![3]));
        assert_eq!(at, 1000);
    }

    fn a_stream_read_slowly_runs_no_job_between_reads(rt) {
        // Every job is ready at once; reading one result runs only as far as the next.
        let started = std::cell::Cell::new(0);
        let (first_three, _) = rt.block_on(async {
            let run = Dispatcher::new(4).run(1_000_000, |i| async move { Ok::<_, ()>(i) });
            let mut results = run.observe(|event| if let Event::Started { .. } = event { started.set(started.get() + 1) }).results();
            let mut seen = Vec::new();
            while let Some(Ok(i)) = results.next().await {
                seen.push(i);
                if seen.len() == 3 {
                    break;
                }
            }
            seen
        });
        assert_eq!(first_three, [0, 1, 2]);
        assert_eq!(started.get(), 3);
    }
}
