//! The JS API's checks in a headless browser: `run` refuses bad options with
//! a `TypeError` or `RangeError` that names them, `checkOptions` says the
//! same without running, and `checkSettings` checks `<dispatcher-demo>`'s
//! settings as they were given, by the same check.
#![cfg(target_arch = "wasm32")]

mod js;

use dispatcher_demo::{check_options, check_settings};
use js::*;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn bad_options_are_rejected_with_the_option_named() {
    let cases = [
        (r#"{"workers": 0}"#, "RangeError", "workers must be an integer from 1 to 10000, got 0"),
        (r#"{"workers": 1.5}"#, "RangeError", "workers must be an integer from 1 to 10000, got 1.5"),
        (r#"{"queueLength": "10"}"#, "TypeError", r#"queueLength must be an integer from 0 to 1000000, got "10" (a string)"#),
        (r#"{"jobs": 1000001}"#, "RangeError", "jobs must be an integer from 0 to 1000000, got 1000001"),
        (r#"{"waits": [1, -2]}"#, "RangeError", "waits[1] must be an integer from 0 to 600000, got -2"),
        (r#"{"failFast": "yes"}"#, "TypeError", r#"failFast must be true or false, got "yes" (a string)"#),
        (r#"{"worker": 4}"#, "TypeError", r#"unknown option "worker"; did you mean "workers"?"#),
        (r#"{"signal": {}}"#, "TypeError", "signal must be an AbortSignal, got an object"),
        (r#"{"pause": true}"#, "TypeError", "pause must be a PauseController, got true"),
        (r#"{"pause": {}}"#, "TypeError", "pause must be a PauseController, got an object"),
        ("null", "TypeError", "options must be an object, got null"),
        ("[]", "TypeError", "options must be an object, got an array"),
    ];
    for (json, kind, message) in cases {
        let error = rejection(options(json)).await;
        assert_eq!(error.name(), kind, "{json}");
        assert_eq!(error.message(), message, "{json}");
    }
    let error = JsFuture::from(run(Object::new().into(), 5.into())).await.unwrap_err();
    assert_eq!(Reflect::get(&error, &"message".into()).unwrap(), "onProgress must be a function, got 5");
}

#[wasm_bindgen_test]
fn check_options_names_the_parts_of_the_error() {
    assert!(check_options(Some(options(r#"{"workers": 4}"#).unchecked_into())).is_null());
    assert!(check_options(Some(options(r#"{"queueLength": 0}"#).unchecked_into())).is_null(), "0 is Go's unbuffered channel");
    let error = check_options(Some(options(r#"{"queueLength": -1}"#).unchecked_into()));
    assert_eq!(get(&error, "name"), "RangeError");
    assert_eq!(get(&error, "option"), "queueLength");
    assert_eq!(get(&error, "expected"), "an integer from 0 to 1000000");
    assert_eq!(get(&error, "got"), "-1");
    let error = check_options(Some(options(r#"{"queue_length": 4}"#).unchecked_into()));
    assert_eq!(get(&error, "option"), "queue_length");
    assert_eq!(get(&error, "suggestion"), "queueLength");
}

#[wasm_bindgen_test]
async fn every_kind_of_bad_value_is_rejected_for_every_option() {
    let numbers = [
        ("workers", 10_000.0),
        ("queueLength", 1e6),
        ("jobs", 1e6),
        ("maxWaitMs", 600_000.0),
        ("thresholdMs", 600_000.0),
        ("seed", 9_007_199_254_740_991.0),
    ];
    let bad: [(JsValue, &str, &str); 10] = [
        (JsValue::from_f64(f64::NAN), "RangeError", "got NaN"),
        (JsValue::from_f64(f64::INFINITY), "RangeError", "got Infinity"),
        (JsValue::from_f64(-1.0), "RangeError", "got -1"),
        (JsValue::from_f64(2.5), "RangeError", "got 2.5"),
        (JsValue::from_f64(1e300), "RangeError", "got 1e+300"),
        (JsValue::from_str("5"), "TypeError", r#"got "5" (a string)"#),
        (JsValue::NULL, "TypeError", "got null"),
        (JsValue::TRUE, "TypeError", "got true"),
        (Array::new().into(), "TypeError", "got an array"),
        (Object::new().into(), "TypeError", "got an object"),
    ];
    for (option, max) in numbers {
        let mut cases: Vec<(JsValue, &str, String)> = bad.iter().map(|(v, kind, got)| (v.clone(), *kind, got.to_string())).collect();
        cases.push((
            JsValue::from_f64(max + 1.0),
            "RangeError",
            format!("got {}", js_sys::Number::from(max + 1.0).to_string_with_radix(10).unwrap()),
        ));
        for (value, kind, got) in cases {
            let options: JsValue = Object::new().into();
            Reflect::set(&options, &option.into(), &value).unwrap();
            let error = rejection(options).await;
            let message = String::from(error.message());
            assert_eq!(error.name(), kind, "{message}");
            assert!(message.starts_with(&format!("{option} must be an integer from ")), "{message}");
            assert!(message.ends_with(&got), "{message}");
        }
    }
    for (waits, message) in [
        ("[1, 2.5]", "waits[1] must be an integer from 0 to 600000, got 2.5"),
        ("[600001]", "waits[0] must be an integer from 0 to 600000, got 600001"),
        (r#"[1, "2"]"#, r#"waits[1] must be an integer from 0 to 600000, got "2" (a string)"#),
        (r#""1,2""#, r#"waits must be an array of integers from 0 to 600000, got "1,2" (a string)"#),
    ] {
        let error = rejection(options(&format!(r#"{{"waits": {waits}}}"#))).await;
        assert_eq!(String::from(error.message()), message);
    }
    let too_many = Array::new_with_length(1_000_001);
    too_many.fill(&JsValue::from_f64(1.0), 0, 1_000_001);
    let long: JsValue = Object::new().into();
    Reflect::set(&long, &"waits".into(), &too_many).unwrap();
    assert_eq!(String::from(rejection(long).await.message()), "waits must be an array of at most 1000000 waits, got 1000001 waits");
    for (json, message) in [
        (r#"{"queue_length": 1}"#, r#"unknown option "queue_length"; did you mean "queueLength"?"#),
        (r#"{"Workers": 1}"#, r#"unknown option "Workers"; did you mean "workers"?"#),
        (
            r#"{"colour": 1}"#,
            r#"unknown option "colour"; the options are workers, queueLength, jobs, maxWaitMs, thresholdMs, seed, waits, cancelInFlight, failFast, speed, signal, pause"#,
        ),
    ] {
        assert_eq!(String::from(rejection(options(json)).await.message()), message);
    }
    // An empty list is zero jobs, like `jobs: 0`.
    assert_eq!(get(&report(options(r#"{"waits": []}"#)).await, "status"), "completed");
}

#[wasm_bindgen_test]
async fn jobs_that_disagree_with_the_given_waits_are_refused_as_the_element_refuses_them() {
    let error = rejection(options(r#"{"jobs": 5, "waits": [1, 2, 3]}"#)).await;
    assert_eq!(error.name(), "RangeError");
    assert_eq!(String::from(error.message()), "jobs is 5, but 3 waits are given, which set the number of jobs: leave jobs out");
    assert_eq!(get(&error, "option"), "jobs");
    // As many jobs as waits say nothing new, and are taken.
    assert_eq!(get(&report(options(r#"{"jobs": 3, "waits": [1, 2, 3]}"#)).await, "status"), "completed");
}

/// `checkSettings(settings)` as JS calls it, with the settings written as JSON.
fn check(json: &str) -> JsValue {
    check_settings(Array::from(&options(json)).iter().map(JsCast::unchecked_into).collect())
}

/// The message of `checkSettings` for these settings, each `{ name, value, text, source }`.
fn settings_message(json: &str) -> String {
    let error = check(json);
    assert!(!error.is_null(), "{json} passed");
    get(&error, "message").as_string().unwrap()
}

#[wasm_bindgen_test]
fn check_settings_names_each_setting_as_it_was_given() {
    assert!(check(r#"[{"name": "workers", "value": 4, "text": "4", "source": "text"}]"#).is_null());
    for (json, message) in [
        (r#"[{"name": "queueLength", "value": -1, "source": "js"}]"#, "queueLength must be an integer from 0 to 1000000, got -1"),
        (
            r#"[{"name": "queue-length", "value": 2.5, "text": "2.5", "source": "text"}]"#,
            "queue-length must be an integer from 0 to 1000000, got 2.5",
        ),
        (
            r#"[{"name": "max-wait-ms", "value": "", "text": "", "source": "form"}]"#,
            "Max wait (ms) must be an integer from 1 to 600000, got nothing",
        ),
        (
            r#"[{"name": "queue-lenght", "value": 3, "text": "3", "source": "text"}]"#,
            r#"unknown setting "queue-lenght"; did you mean "queue-length"?"#,
        ),
        (
            r#"[{"name": "workers", "value": 2, "text": "2", "source": "text"}, {"name": "workers", "value": 3, "text": "3", "source": "text"}]"#,
            r#"workers is given twice ("2" and "3"): give it once"#,
        ),
        (
            r#"[{"name": "seed", "value": 18446744073709551616, "text": "18446744073709551616", "source": "text"}]"#,
            "seed must be an integer from 0 to 9007199254740991, got 18446744073709551616",
        ),
    ] {
        assert_eq!(settings_message(json), message);
    }
    // The error names the option by its JS name, whatever named it in the message.
    let error = check(r#"[{"name": "max-wait-ms", "value": 0, "text": "0", "source": "form"}]"#);
    assert_eq!((get(&error, "option"), get(&error, "name")), (JsValue::from("maxWaitMs"), JsValue::from("RangeError")));
}

#[wasm_bindgen_test]
async fn a_property_of_the_element_is_refused_with_the_message_run_gives() {
    for (option, value) in [("workers", "0"), ("speed", "\"fast\""), ("waits", "[1, -2]")] {
        let run_error = rejection(options(&format!(r#"{{"{option}": {value}}}"#))).await;
        let settings = format!(r#"[{{"name": "{option}", "value": {value}, "source": "js"}}]"#);
        assert_eq!(settings_message(&settings), String::from(run_error.message()));
    }
}
