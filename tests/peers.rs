//! The peers' behaviours that concern the demo's options and report (the
//! rest are the library's: crates/bounded-dispatcher/tests/peers.rs).
//! tests/web_peers.rs runs the same scenarios through the JS API on real timers.

// They run in the browser too: `wasm-pack test --headless --chrome`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use dispatcher_demo::demo::{self, Context};
use dispatcher_demo::{Given, Options, Problem, Value};
use virtual_clock::VirtualClock;

#[test]
fn p_map_results_stay_in_input_order_whatever_order_jobs_finish() {
    let options = Options { workers: 3, waits: Some(vec![300, 100, 200, 50]), ..Options::default() };
    let clock = VirtualClock::new();
    let report = clock.block_on(demo::run(&options, Context::new(&clock))).unwrap();
    let ends: Vec<f64> = report.report.jobs.iter().map(|job| job.end_ms.unwrap()).collect();
    assert_eq!(ends, [300.0, 100.0, 200.0, 150.0]); // by id, not by end
}

#[test]
fn p_map_invalid_limits_are_rejected() {
    for limit in [0.0, 1.5] {
        let error = Options::parse([Given::js("workers", &Value::Number(limit))]).unwrap_err();
        assert!(matches!(error.problem, Problem::Range { .. }), "{limit}");
    }
}

#[test]
fn p_limit_invalid_limits_are_rejected_but_undefined_means_the_default_unlike_p_limit() {
    let bad = [Value::Number(0.0), Value::Number(-1.0), Value::Number(1.2), Value::Bool(true), Value::Other];
    for value in bad {
        assert!(Options::parse([Given::js("workers", &value)]).is_err(), "{value:?}");
    }
    // p-limit rejects an explicit undefined; here, as with JS defaults, it means "not given".
    assert_eq!(Options::parse([Given::js("workers", &Value::Undefined)]).unwrap().workers, 10);
}
