//! The JS API on real timers, in a headless browser: `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

mod js;

use bounded_dispatcher::Event;
use dispatcher_demo::demo::{self, Context};
use dispatcher_demo::{EventKind, Options, PauseController};
use js::*;
use js_sys::{Array, Object, Reflect};
use virtual_clock::VirtualClock;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::AbortController;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn settles_within_a_few_ms_of_the_failing_job_while_others_sleep() {
    count_timers();
    let started = now();
    // Jobs 0 and 1 sleep 5 s; job 3 fails when job 2 frees its worker at 50 ms.
    let report = report(options(r#"{"workers": 3, "waits": [5000, 5000, 50, 9999, 1, 1], "thresholdMs": 9000}"#)).await;
    let waited = now() - started;
    assert_eq!(get(&report, "status"), "failed");
    assert_eq!(number(&report, "error.jobId"), 3.0);
    assert_eq!(get(&report, "error.message"), "cannot wait for more than 9000 ms: job #3; 9999 ms");
    let failed_at = number(&job(&report, 3), "startMs");
    let elapsed = number(&report, "elapsedMs");
    assert!(failed_at >= 50.0, "job 3 started at {failed_at} ms, before job 2 ended");
    assert!(elapsed - failed_at < 20.0, "settled {} ms after the failure", elapsed - failed_at);
    assert!(waited < 2000.0, "took {waited} ms while jobs slept 5 s");
    for id in [0, 1] {
        assert_eq!(get(&job(&report, id), "state"), "aborted");
        assert!(number(&job(&report, id), "endMs") - failed_at < 20.0);
    }
    assert_eq!(live_timers(), 0, "a timer outlived the run");
}

#[wasm_bindgen_test]
async fn no_timer_fires_after_it_settles() {
    count_timers();
    let (events, on_progress) = collect_events();
    let promise = run(options(r#"{"workers": 2, "waits": [300, 300, 20, 999]}"#), on_progress.as_ref().clone());
    let report = JsFuture::from(promise).await.unwrap();
    assert_eq!(get(&report, "status"), "failed");
    let seen = events.length();
    assert_eq!(live_timers(), 0, "timers left behind");
    JsFuture::from(sleep(400)).await.unwrap();
    assert_eq!(events.length(), seen, "an event arrived after the run settled");
}

#[wasm_bindgen_test]
async fn without_cancel_in_flight_running_jobs_finish() {
    let report = report(options(r#"{"workers": 2, "waits": [200, 20, 999, 5], "cancelInFlight": false}"#)).await;
    assert_eq!(get(&report, "status"), "failed");
    assert_eq!(get(&job(&report, 0), "state"), "succeeded");
    assert_eq!(get(&job(&report, 3), "state"), "canceled");
    assert!(number(&report, "elapsedMs") >= 200.0);
}

#[wasm_bindgen_test]
async fn an_abort_signal_stops_a_run() {
    count_timers();
    let controller = AbortController::new().unwrap();
    let options = options(r#"{"workers": 2, "waits": [5000, 5000, 10], "thresholdMs": 9000}"#);
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    abort_after(&controller, 100);
    let started = now();
    let report = report(options).await;
    assert_eq!(get(&report, "status"), "stopped");
    assert!(get(&report, "error").is_null());
    assert_eq!(get(&job(&report, 0), "state"), "aborted");
    assert_eq!(get(&job(&report, 2), "state"), "canceled");
    assert!(now() - started < 2000.0);
    assert_eq!(live_timers(), 0);
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_starts_no_job() {
    let controller = AbortController::new().unwrap();
    controller.abort();
    let options = options(r#"{"waits": [10, 10]}"#);
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let report = report(options).await;
    assert_eq!(get(&report, "status"), "stopped");
    assert_eq!(strings(&get(&report, "log")), ["Canceled the job #0", "Canceled the job #1"]);
}

#[wasm_bindgen_test]
async fn no_listener_is_left_on_the_signal() {
    let controller = AbortController::new().unwrap();
    let counted = counted_signal(&controller);
    let options = options(r#"{"waits": [5, 5]}"#);
    Reflect::set(&options, &"signal".into(), &counted.signal()).unwrap();
    let promise = run(options.clone(), JsValue::UNDEFINED);
    assert_eq!(get(&report_of(promise).await, "status"), "completed");
    assert_eq!(counted.listeners(), 0);

    controller.abort();
    assert_eq!(get(&report(options).await, "status"), "stopped");
    assert_eq!(counted.listeners(), 0);
}

#[wasm_bindgen_test]
async fn zero_waits_are_not_clamped_to_4_ms() {
    // 1000 sequential setTimeout(0)s would take at least 4 s.
    let report = report(options(r#"{"workers": 1, "waits": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}"#)).await;
    assert_eq!(get(&report, "status"), "completed");
    let report = self::report(options(r#"{"workers": 1, "jobs": 1000, "maxWaitMs": 1}"#)).await;
    assert_eq!(get(&report, "status"), "completed");
    assert!(number(&report, "elapsedMs") < 1000.0, "{} ms", number(&report, "elapsedMs"));
}

#[wasm_bindgen_test]
async fn the_defaults_replay_the_original_program() {
    let report = report(options(r#"{"seed": 7, "maxWaitMs": 50, "thresholdMs": 40}"#)).await;
    assert_eq!(Array::from(&get(&report, "jobs")).length(), 100);
    assert_eq!(number(&report, "seed"), 7.0);
    let log = Array::from(&get(&report, "log"));
    let first = log.get(0).as_string().unwrap();
    assert!(first.starts_with("Working on the job #0. Wait for "), "{first}");
    if get(&report, "status") == "failed" {
        assert_eq!(log.get(log.length() - 1), get(&report, "error.message"));
    }
    // The same seed draws the same waits.
    let again = self::report(options(r#"{"seed": 7, "maxWaitMs": 50, "thresholdMs": 40}"#)).await;
    assert_eq!(number(&job(&again, 99), "waitMs"), number(&job(&report, 99), "waitMs"));
}

#[wasm_bindgen_test]
async fn a_pause_controller_holds_back_new_jobs() {
    // As JS holds it: the object, used through its methods.
    let pause: JsValue = PauseController::new().into();
    let call = |method: &str| Reflect::get(&pause, &method.into()).unwrap().unchecked_into::<js_sys::Function>().call0(&pause).unwrap();
    let options = options(r#"{"workers": 1, "waits": [50, 10, 10]}"#);
    Reflect::set(&options, &"pause".into(), &pause).unwrap();
    let promise = run(options, JsValue::UNDEFINED);
    JsFuture::from(sleep(20)).await.unwrap(); // job 0 has started
    call("pause");
    assert_eq!(get(&pause, "paused"), true);
    JsFuture::from(sleep(300)).await.unwrap();
    call("resume");
    assert_eq!(get(&pause, "paused"), false);
    let report = report_of(promise).await;
    assert_eq!(get(&report, "status"), "completed");
    // Job 0 went on while paused; job 1 started only after the resume.
    assert!(number(&job(&report, 0), "endMs") < 300.0);
    assert!(number(&job(&report, 1), "startMs") >= 300.0);
}

#[wasm_bindgen_test]
async fn a_pause_controller_stays_the_callers_and_a_freed_one_is_refused() {
    let pause = PauseController::new();
    let options = options(r#"{"waits": [1]}"#);
    let controller: JsValue = pause.into();
    Reflect::set(&options, &"pause".into(), &controller).unwrap();
    assert_eq!(get(&report(options.clone()).await, "status"), "completed");
    // The run borrowed its gate: JS still holds a working controller, for the next run too.
    assert_eq!(get(&controller, "paused"), false);
    assert_eq!(get(&report(options.clone()).await, "status"), "completed");
    js_sys::Reflect::get(&controller, &"free".into()).unwrap().unchecked_into::<js_sys::Function>().call0(&controller).unwrap();
    let error = rejection(options).await;
    assert_eq!(String::from(error.message()), "pause must be a PauseController, got an object");
}

#[wasm_bindgen_test]
async fn progress_events_describe_each_job() {
    let (events, on_progress) = collect_events();
    let promise = run(options(r#"{"workers": 1, "queueLength": 1, "waits": [10, 999, 10]}"#), on_progress.as_ref().clone());
    JsFuture::from(promise).await.unwrap();
    let types: Vec<String> = events.iter().map(|e| get(&e, "type").as_string().unwrap()).collect();
    // Job 1 is queued as job 0 leaves the queue, job 2 as job 1 does, and
    // job 2 is canceled when job 1 fails.
    assert_eq!(types, ["queue", "start", "queue", "succeed", "start", "queue", "fail", "cancel"]);
    assert_eq!(number(&events.get(6), "jobId"), 1.0);
    assert_eq!(number(&events.get(6), "worker"), 0.0);
    let cancel = events.get(7);
    assert!(get(&cancel, "worker").is_null());
    assert_eq!((number(&cancel, "jobId"), number(&cancel, "count")), (2.0, 1.0));
    // Named fields, and `count` for a "queue" or a "cancel" only.
    let keys =
        |event: &JsValue| Object::keys(event.unchecked_ref::<Object>()).iter().map(|key| key.as_string().unwrap()).collect::<Vec<_>>();
    assert_eq!(keys(&events.get(0)), ["type", "jobId", "count", "worker", "waitMs", "atMs"]);
    assert_eq!(keys(&events.get(1)), ["type", "jobId", "worker", "waitMs", "atMs"]);
}

#[wasm_bindgen_test]
async fn a_run_whose_timers_were_held_back_is_flagged() {
    let calm = report(options(r#"{"workers": 2, "waits": [50, 50, 50]}"#)).await;
    assert_eq!(get(&calm, "timingDistorted"), false);
    assert!(number(&calm, "maxLateMs") < 250.0);
    // As a background tab would, hold the timers back: here by keeping the thread busy.
    busy_after(10, 600);
    let held = report(options(r#"{"workers": 2, "waits": [50, 50, 50]}"#)).await;
    assert_eq!(get(&held, "timingDistorted"), true);
    assert!(number(&held, "maxLateMs") >= 400.0, "{}", number(&held, "maxLateMs"));
}

#[wasm_bindgen_test]
async fn several_runs_at_once_are_independent() {
    let controller = AbortController::new().unwrap();
    let stopped = options(r#"{"workers": 2, "waits": [400, 400, 400], "thresholdMs": 1000}"#);
    Reflect::set(&stopped, &"signal".into(), &controller.signal()).unwrap();
    let first = run(stopped, JsValue::UNDEFINED);
    let second = run(options(r#"{"workers": 3, "waits": [100, 100, 100, 100]}"#), JsValue::UNDEFINED);
    let third = run(options(r#"{"workers": 1, "waits": [50, 999, 50]}"#), JsValue::UNDEFINED);
    abort_after(&controller, 50);
    let (first, second, third) = (report_of(first).await, report_of(second).await, report_of(third).await);
    assert_eq!(get(&first, "status"), "stopped");
    assert_eq!(get(&second, "status"), "completed");
    assert_eq!(get(&third, "status"), "failed");
    assert_eq!(Array::from(&get(&second, "jobs")).length(), 4);
    assert_eq!(number(&third, "error.jobId"), 1.0);
}

#[wasm_bindgen_test]
async fn a_run_of_ready_jobs_lets_the_page_have_turns() {
    let promise = run(options(r#"{"jobs": 300000, "maxWaitMs": 1}"#), JsValue::UNDEFINED);
    let tasks = JsFuture::from(tasks_while(&promise)).await.unwrap().as_f64().unwrap();
    let report = report_of(promise).await;
    assert_eq!(get(&report, "status"), "completed");
    // Every 8 ms or so the run yields (not through setTimeout, which would clamp to 4 ms).
    assert!(tasks >= 5.0, "the page ran {tasks} tasks during a {} ms run", number(&report, "elapsedMs"));
}

// The clock keeps its reading while only Rust runs: these would fail if it
// were kept across a progress callback, or through a long run of zero waits.

#[wasm_bindgen_test]
async fn times_are_read_again_after_a_slow_progress_callback() {
    // Each job's "start" callback keeps the thread busy for 30 ms.
    let busy = js_sys::Function::new_with_args(
        "event",
        "if (event.type === 'start') { const end = performance.now() + 30; while (performance.now() < end); }",
    );
    let report = report_of(run(options(r#"{"workers": 1, "waits": [0, 0]}"#), busy.into())).await;
    let (start_0, end_0, start_1) =
        (number(&job(&report, 0), "startMs"), number(&job(&report, 0), "endMs"), number(&job(&report, 1), "startMs"));
    assert!(end_0 - start_0 >= 30.0, "job 0 ran from {start_0} to {end_0} ms, around a 30 ms callback");
    assert!(start_1 >= end_0, "job 1 started at {start_1} ms, before job 0 ended at {end_0} ms");
}

#[wasm_bindgen_test]
async fn a_long_run_of_zero_waits_is_timed_throughout() {
    let report = report(options(r#"{"jobs": 200000, "maxWaitMs": 1}"#)).await;
    let jobs = Array::from(&get(&report, "jobs"));
    // Jobs start in id order.
    let starts: Vec<f64> = jobs.iter().map(|job| number(&job, "startMs")).collect();
    assert!(starts.windows(2).all(|pair| pair[0] <= pair[1]), "job starts go back in time");
    let (last, elapsed) = (number(&jobs.get(jobs.length() - 1), "endMs"), number(&report, "elapsedMs"));
    assert!(last >= elapsed / 2.0, "the last job ended at {last} ms of a {elapsed} ms run");
}

/// The value a JS expression gives, for options JSON cannot write.
fn js(expression: &str) -> JsValue {
    js_sys::Function::new_no_args(&format!("return {expression}")).call0(&JsValue::NULL).unwrap()
}

#[wasm_bindgen_test]
async fn waits_may_be_a_typed_array() {
    let report = report(js("{ workers: 1, waits: new Uint16Array([5, 0, 999]) }")).await;
    assert_eq!(get(&report, "status"), "failed");
    assert_eq!(get(&report, "error.message"), "cannot wait for more than 990 ms: job #2; 999 ms");
    let error = rejection(js("{ waits: new DataView(new ArrayBuffer(4)) }")).await;
    assert_eq!(String::from(error.message()), "waits must be an array of integers from 0 to 600000, got an object");
    let error = rejection(js("{ waits: new BigInt64Array([5n]) }")).await;
    assert_eq!(String::from(error.message()), "waits[0] must be an integer from 0 to 600000, got a bigint");
}

/// The log the Rust demo writes for the same run, on the virtual clock.
fn log_on_the_virtual_clock(workers: usize, waits: &[u32], fail_fast: bool) -> Vec<String> {
    let options = Options { workers, waits: Some(waits.to_vec()), fail_fast, ..Options::default() };
    let clock = VirtualClock::new();
    let demo = clock.block_on(demo::run(&options, Context::new(&clock))).unwrap();
    demo.log(!fail_fast)
}

#[wasm_bindgen_test]
async fn the_log_is_the_one_the_rust_demo_writes() {
    // Every kind of line: started, canceled, aborted, and the errors; times
    // far enough apart that real timers keep the virtual clock's order.
    for (workers, waits, fail_fast) in [(2, [300, 20, 999, 5, 5], true), (2, [30, 999, 0, 995, 5], false)] {
        let options = options(&format!(r#"{{"workers": {workers}, "waits": {waits:?}, "failFast": {fail_fast}}}"#));
        let expected = log_on_the_virtual_clock(workers, &waits, fail_fast);
        assert_eq!(expected.len(), 7, "{expected:?}");
        assert_eq!(strings(&get(&report(options).await, "log")), expected);
    }
}

#[wasm_bindgen_test]
async fn at_speed_4_a_run_takes_a_quarter_of_the_time_and_reports_the_times_of_speed_1() {
    // Three workers, three waits each; on the virtual clock no two events
    // are less than 800 ms of run time apart (200 ms of the page's at speed 4).
    let waits = [2400, 4000, 5600, 4800, 4000, 3200, 2400, 2400, 2400];
    let (exact, exact_events) = {
        let options = Options { workers: 3, waits: Some(waits.to_vec()), threshold_ms: 6000, ..Options::default() };
        let clock = VirtualClock::new();
        let mut events = Vec::new();
        let mut on_event = |event: Event, _: u32, _: f64| events.push(format!("{} {}", EventKind::of(&event).name(), event.jobs().start));
        let context = Context { on_event: Some(&mut on_event), ..Context::new(&clock) };
        (clock.block_on(demo::run(&options, context)).unwrap().report, events)
    };
    assert_eq!(exact.elapsed_ms, 11200.0);
    // A timer rings at or after its deadline: the page's alarms are never
    // early (alarms.rs). Late, by the timer's own delay (Firefox's nested
    // setTimeout is clamped to 4 ms) and by whatever else the thread was
    // doing: generously, RING_MS of the page's time, which the report reads
    // `speed` times longer. A job's wait starts when the one before it on
    // its worker ended, so its lateness adds to theirs; and the first jobs
    // start a little after the run's origin (a progress event, a reading),
    // as late as a ring at most. (A ring came 114 ms late in a make test.)
    const RING_MS: f64 = 200.0;
    // The report's times are differences of the clock's readings: exact to a float's rounding.
    const ROUNDING: f64 = 1e-9;
    let mut took = Vec::new();
    for speed in [1.0, 4.0] {
        let (events, on_progress) = collect_events();
        let options = options(&format!(r#"{{"workers": 3, "waits": {waits:?}, "thresholdMs": 6000, "speed": {speed}}}"#));
        let started = now();
        let report = report_of(run(options, on_progress.as_ref().clone())).await;
        took.push(now() - started);
        assert_eq!(get(&report, "status"), "completed");
        let events: Vec<String> =
            events.iter().map(|event| format!("{} {}", get(&event, "type").as_string().unwrap(), number(&event, "jobId"))).collect();
        assert_eq!(events, exact_events, "the events' order at speed {speed}");
        let late_by = RING_MS * speed;
        for (id, (job, &wait)) in exact.jobs.iter().zip(&waits).enumerate() {
            let shown = self::job(&report, id as u32);
            let (start, end) = (number(&shown, "startMs"), number(&shown, "endMs"));
            let (late, start_after, end_after) = (end - start - f64::from(wait), start - job.start_ms.unwrap(), end - job.end_ms.unwrap());
            // The rings before its start: the run's, and those of the jobs before it on its worker.
            let rings = (id / 3 + 1) as f64;
            assert!((-ROUNDING..=late_by + ROUNDING).contains(&late), "job {id} ended {late} ms after its wait at speed {speed}");
            assert!(
                (-ROUNDING..=rings * late_by + ROUNDING).contains(&start_after),
                "job {id} started {start_after} ms late at speed {speed}"
            );
            assert!(
                (-ROUNDING..=(rings + 1.0) * late_by + ROUNDING).contains(&end_after),
                "job {id} ended {end_after} ms late at speed {speed}"
            );
        }
    }
    // A quarter of the time on the virtual clock: 2800 ms against 11200;
    // here at least that, and clearly less than half.
    assert!(took[1] >= 2799.0 && took[1] < took[0] / 2.0, "{} ms at speed 4, {} ms at speed 1", took[1], took[0]);
}
