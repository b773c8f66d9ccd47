//! The peers' behaviours (tests/peers.rs) through the JS API, on real timers
//! in a headless browser. Bounds on time are generous: the machine is shared.
#![cfg(target_arch = "wasm32")]

mod js;

use js::*;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::AbortController;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs with `options`, and returns the report and every progress event.
async fn run_traced(options: JsValue) -> (JsValue, Vec<JsValue>) {
    let (events, on_progress) = collect_events();
    let report = report_of(run(options, on_progress.as_ref().clone())).await;
    (report, events.iter().collect())
}

/// (running, pending) after each event.
fn running_and_pending(events: &[JsValue], jobs: usize) -> Vec<(usize, usize)> {
    let (mut running, mut done) = (0, 0);
    events
        .iter()
        .filter_map(|event| {
            match get(event, "type").as_string().unwrap().as_str() {
                "start" => running += 1,
                "succeed" | "fail" | "abort" => {
                    running -= 1;
                    done += 1;
                }
                // All the jobs that had not started, at once.
                "cancel" => done += number(event, "count") as usize,
                _ => return None,
            }
            Some((running, jobs - done - running))
        })
        .collect()
}

fn ids_in(report: &JsValue, state: &str) -> Vec<u32> {
    Array::from(&get(report, "jobs")).iter().filter(|job| get(job, "state") == state).map(|job| number(&job, "id") as u32).collect()
}

fn started(report: &JsValue) -> Vec<u32> {
    Array::from(&get(report, "jobs")).iter().filter(|job| !get(job, "startMs").is_null()).map(|job| number(&job, "id") as u32).collect()
}

// errgroup

#[wasm_bindgen_test]
async fn errgroup_no_jobs_complete_at_once_without_error() {
    let report = report(options(r#"{"jobs": 0}"#)).await;
    assert_eq!(get(&report, "status"), "completed");
    assert!(get(&report, "error").is_null());
    assert!(number(&report, "elapsedMs") < 50.0);
}

#[wasm_bindgen_test]
async fn errgroup_the_first_error_sticks_and_later_jobs_never_start() {
    let report = report(options(r#"{"workers": 2, "waits": [100, 999, 50, 998, 10]}"#)).await;
    assert_eq!(number(&report, "error.jobId"), 1.0);
    assert_eq!(Array::from(&get(&report, "errors")).length(), 1);
    assert_eq!(started(&report), [0, 1]);
}

#[wasm_bindgen_test]
async fn errgroup_nothing_runs_after_a_run_settles() {
    count_timers();
    for json in [r#"{"workers": 2, "waits": [10, 20, 30]}"#, r#"{"workers": 2, "waits": [300, 999, 300]}"#] {
        let (events, on_progress) = collect_events();
        report_of(run(options(json), on_progress.as_ref().clone())).await;
        let seen = events.length();
        assert_eq!(live_timers(), 0, "{json}");
        JsFuture::from(sleep(350)).await.unwrap();
        assert_eq!(events.length(), seen, "{json}");
    }
    let controller = AbortController::new().unwrap();
    let options = options(r#"{"workers": 2, "waits": [300, 300, 300], "thresholdMs": 1000}"#);
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    abort_after(&controller, 50);
    assert_eq!(get(&report(options).await, "status"), "stopped");
    assert_eq!(live_timers(), 0);
}

#[wasm_bindgen_test]
async fn errgroup_a_limit_of_10_holds_over_1025_jobs() {
    let (report, events) = run_traced(options(r#"{"workers": 10, "jobs": 1025, "maxWaitMs": 4, "seed": 3}"#)).await;
    assert_eq!(get(&report, "status"), "completed");
    let peak = running_and_pending(&events, 1025).iter().map(|(running, _)| *running).max();
    assert_eq!(peak, Some(10));
}

#[wasm_bindgen_test]
async fn errgroup_a_limit_of_1_takes_the_sum_of_the_waits() {
    let (report, events) = run_traced(options(r#"{"workers": 1, "waits": [30, 10, 50, 20]}"#)).await;
    assert!(running_and_pending(&events, 4).iter().all(|(running, _)| *running <= 1));
    let elapsed = number(&report, "elapsedMs");
    assert!((110.0..500.0).contains(&elapsed), "{elapsed} ms");
}

#[wasm_bindgen_test]
async fn errgroup_a_failed_run_carries_the_error_and_a_stopped_run_none() {
    let failed = report(options(r#"{"workers": 2, "waits": [100, 999]}"#)).await;
    assert_eq!(get(&failed, "status"), "failed");
    assert_eq!(get(&failed, "error.message"), "cannot wait for more than 990 ms: job #1; 999 ms");
    let controller = AbortController::new().unwrap();
    controller.abort();
    let options = options(r#"{"waits": [100]}"#);
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let stopped = report(options).await;
    assert_eq!(get(&stopped, "status"), "stopped");
    assert!(get(&stopped, "error").is_null());
}

// p-map

#[wasm_bindgen_test]
async fn p_map_concurrency_1_takes_the_sum_and_3_the_longest() {
    let one = number(&report(options(r#"{"workers": 1, "waits": [300, 200, 100]}"#)).await, "elapsedMs");
    let three = number(&report(options(r#"{"workers": 3, "waits": [300, 200, 100]}"#)).await, "elapsedMs");
    assert!((600.0..900.0).contains(&one), "{one} ms");
    assert!((300.0..550.0).contains(&three), "{three} ms");
}

#[wasm_bindgen_test]
async fn p_map_never_more_than_4_run() {
    let (report, events) = run_traced(options(r#"{"workers": 4, "jobs": 100, "maxWaitMs": 60, "seed": 8}"#)).await;
    assert_eq!(get(&report, "status"), "completed");
    assert_eq!(running_and_pending(&events, 100).iter().map(|(running, _)| *running).max(), Some(4));
}

#[wasm_bindgen_test]
async fn p_map_results_stay_in_input_order_whatever_order_jobs_finish() {
    let report = report(options(r#"{"workers": 4, "waits": [300, 100, 200, 50]}"#)).await;
    let jobs = Array::from(&get(&report, "jobs"));
    let ids: Vec<f64> = jobs.iter().map(|job| number(&job, "id")).collect();
    assert_eq!(ids, [0.0, 1.0, 2.0, 3.0]);
    assert!(number(&jobs.get(1), "endMs") < number(&jobs.get(0), "endMs"));
}

#[wasm_bindgen_test]
async fn p_map_invalid_limits_are_rejected() {
    for json in [r#"{"workers": 0}"#, r#"{"workers": 1.5}"#] {
        assert_eq!(rejection(options(json)).await.name(), "RangeError", "{json}");
    }
}

#[wasm_bindgen_test]
async fn p_map_fail_fast_with_concurrency_1_fails_with_the_first_failing_job() {
    let report = report(options(r#"{"workers": 1, "waits": [10, 20, 999, 30, 998]}"#)).await;
    assert_eq!(number(&report, "error.jobId"), 2.0);
    assert_eq!(ids_in(&report, "canceled"), [3, 4]);
}

#[wasm_bindgen_test]
async fn p_map_without_fail_fast_every_error_is_reported() {
    let clean = report(options(r#"{"workers": 2, "waits": [10, 20, 30], "failFast": false}"#)).await;
    assert_eq!(get(&clean, "status"), "completed");
    let report = report(options(r#"{"workers": 2, "waits": [10, 999, 30, 998], "failFast": false}"#)).await;
    assert_eq!(get(&report, "status"), "failed");
    let errors: Vec<f64> = Array::from(&get(&report, "errors")).iter().map(|e| number(&e, "jobId")).collect();
    assert_eq!(errors, [1.0, 3.0]);
}

#[wasm_bindgen_test]
async fn p_map_keeps_running_mappers_after_an_error_but_ours_aborts_them_unless_told_not_to() {
    let aborting = report(options(r#"{"workers": 2, "waits": [500, 100, 999]}"#)).await;
    assert_eq!(ids_in(&aborting, "aborted"), [0]);
    assert!(number(&aborting, "elapsedMs") < 400.0);
    let finishing = report(options(r#"{"workers": 2, "waits": [500, 100, 999], "cancelInFlight": false}"#)).await;
    assert_eq!(ids_in(&finishing, "succeeded"), [0, 1]);
    assert!(number(&finishing, "elapsedMs") >= 500.0);
}

#[wasm_bindgen_test]
async fn p_map_abort_mid_run_settles_at_once_as_stopped() {
    let controller = AbortController::new().unwrap();
    let options = options(r#"{"workers": 2, "waits": [1000, 1000, 1000], "thresholdMs": 2000}"#);
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    // The abort's timer starts before the run's clock does, so the run's own
    // elapsed time may be a little under 100 ms: measure the wall clock from here.
    let started = now();
    abort_after(&controller, 100);
    let report = report(options).await;
    assert_eq!(get(&report, "status"), "stopped");
    let elapsed = number(&report, "elapsedMs");
    assert!(elapsed < 500.0, "{elapsed} ms");
    assert!(now() - started >= 99.0, "settled {} ms after the abort was set", now() - started);
}

#[wasm_bindgen_test]
async fn p_map_an_already_aborted_signal_settles_at_once_and_leaves_no_listener() {
    let controller = AbortController::new().unwrap();
    let counted = counted_signal(&controller);
    controller.abort();
    let options = options(r#"{"waits": [10, 10]}"#);
    Reflect::set(&options, &"signal".into(), &counted.signal()).unwrap();
    let report = report(options).await;
    assert_eq!(get(&report, "status"), "stopped");
    assert!(started(&report).is_empty());
    assert!(number(&report, "elapsedMs") < 50.0);
    assert_eq!(counted.listeners(), 0);
}

// p-limit

#[wasm_bindgen_test]
async fn p_limit_running_and_pending_counts_follow_the_limit() {
    let (_, events) = run_traced(options(r#"{"workers": 5, "waits": [100, 100, 100, 100, 100, 100, 100, 100]}"#)).await;
    let counts = running_and_pending(&events, 8);
    // On real timers, each of the first five ends a little apart, and a queued
    // job takes its place at once.
    assert_eq!(counts[4], (5, 3));
    assert_eq!(counts.iter().map(|(running, _)| *running).max(), Some(5));
    let drained = counts.iter().position(|&(_, pending)| pending == 0).unwrap();
    assert_eq!(counts[drained], (5, 0));
    assert!(counts.contains(&(3, 0)));
    assert_eq!(counts.last(), Some(&(0, 0)));
}

#[wasm_bindgen_test]
async fn p_limit_without_fail_fast_jobs_after_a_failing_one_still_run() {
    let report = report(options(r#"{"workers": 1, "waits": [10, 999, 10, 10], "failFast": false}"#)).await;
    assert_eq!(ids_in(&report, "succeeded"), [0, 2, 3]);
}

#[wasm_bindgen_test]
async fn p_limit_invalid_limits_are_rejected_but_undefined_means_the_default_unlike_p_limit() {
    for json in [r#"{"workers": 0}"#, r#"{"workers": -1}"#, r#"{"workers": 1.2}"#, r#"{"workers": true}"#, r#"{"workers": {}}"#] {
        let error = rejection(options(json)).await;
        let message = String::from(error.message());
        assert!(message.starts_with("workers must be an integer from 1 to 10000"), "{json}: {message}");
    }
    let options = options("{}");
    Reflect::set(&options, &"workers".into(), &JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&get(&report(options).await, "jobs")).length(), 100);
}
