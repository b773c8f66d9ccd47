//! The one check of the options (`Options::parse`), as each source gives
//! them: `run`'s options in JS, an attribute or URL parameter's text, a field
//! of the element's form. The messages are the ones the JS API throws and the
//! element shows, word for word.
#![cfg(not(target_arch = "wasm32"))]

use dispatcher_demo::{Api, Doc, Given, OptionError, OptionKind, OptionSpec, Options, Setting, Source, Value};

fn parse(entries: &[(&str, Value)]) -> Result<Options, OptionError> {
    Options::parse(entries.iter().map(|(name, value)| Given::js(name, value)))
}

fn message(entries: &[(&str, Value)]) -> String {
    parse(entries).unwrap_err().to_string()
}

/// The message for settings given as text (attributes or URL parameters): `(name, value, text)`.
fn text_message(entries: &[(&str, Value, &str)]) -> String {
    Options::parse(entries.iter().map(|(name, value, text)| Given { name, value, source: Source::Text(text) })).unwrap_err().to_string()
}

#[test]
fn messages_name_the_option_the_range_and_the_value() {
    assert_eq!(message(&[("workers", Value::Number(0.0))]), "workers must be an integer from 1 to 10000, got 0");
    assert_eq!(message(&[("jobs", Value::Number(1.5))]), "jobs must be an integer from 0 to 1000000, got 1.5");
    assert_eq!(message(&[("maxWaitMs", Value::Number(f64::NAN))]), "maxWaitMs must be an integer from 1 to 600000, got NaN");
    assert_eq!(message(&[("thresholdMs", Value::Number(f64::INFINITY))]), "thresholdMs must be an integer from 0 to 600000, got Infinity");
    assert_eq!(
        message(&[("queueLength", Value::String("10".into()))]),
        r#"queueLength must be an integer from 0 to 1000000, got "10" (a string)"#
    );
    assert_eq!(message(&[("failFast", Value::Number(1.0))]), "failFast must be true or false, got 1");
    assert_eq!(
        message(&[("waits", Value::List(vec![Value::Number(3.0), Value::Number(-1.0)]))]),
        "waits[1] must be an integer from 0 to 600000, got -1"
    );
    assert_eq!(
        message(&[("waits", Value::String("1,2".into()))]),
        r#"waits must be an array of integers from 0 to 600000, got "1,2" (a string)"#
    );
    assert_eq!(
        message(&[("seed", Value::Number(2f64.powi(60)))]),
        "seed must be an integer from 0 to 9007199254740991, got 1152921504606847000"
    );
    assert_eq!(message(&[("signal", Value::Bool(true))]), "signal must be an AbortSignal, got true");
    assert_eq!(message(&[("speed", Value::Number(0.05))]), "speed must be a number from 0.1 to 4, got 0.05");
    assert_eq!(message(&[("speed", Value::Number(f64::NAN))]), "speed must be a number from 0.1 to 4, got NaN");
    assert_eq!(message(&[("speed", Value::String("1".into()))]), r#"speed must be a number from 0.1 to 4, got "1" (a string)"#);
    assert_eq!(parse(&[("speed", Value::Number(0.25))]).unwrap().speed, 0.25);
}

#[test]
fn jobs_that_disagree_with_the_given_waits_are_refused_and_agreeing_ones_are_not() {
    let waits = Value::List(vec![Value::Number(1.0), Value::Number(2.0), Value::Number(3.0)]);
    assert_eq!(
        message(&[("jobs", Value::Number(5.0)), ("waits", waits.clone())]),
        "jobs is 5, but 3 waits are given, which set the number of jobs: leave jobs out"
    );
    assert_eq!(parse(&[("waits", waits.clone()), ("jobs", Value::Number(3.0))]).unwrap().jobs, 3);
    // The other options the waits override are only overridden.
    assert_eq!(parse(&[("waits", waits), ("maxWaitMs", Value::Number(5.0))]).unwrap().waits, Some(vec![1, 2, 3]));
}

#[test]
fn settings_given_as_text_are_named_by_attribute_and_shown_as_written() {
    let number = |n| Value::Number(n);
    assert_eq!(text_message(&[("queue-length", number(2.5), "2.5")]), "queue-length must be an integer from 0 to 1000000, got 2.5");
    assert_eq!(
        text_message(&[("max-wait-ms", Value::String("".into()), "")]),
        "max-wait-ms must be an integer from 1 to 600000, got nothing"
    );
    // 2^64 is no double: it is shown as it was written.
    assert_eq!(
        text_message(&[("seed", number(18446744073709551616.0), "18446744073709551616")]),
        "seed must be an integer from 0 to 9007199254740991, got 18446744073709551616"
    );
    let waits = Value::List(vec![number(1.0), Value::String("".into()), number(2.0)]);
    assert_eq!(text_message(&[("waits", waits, "1,,2")]), "waits[1] must be an integer from 0 to 600000, got nothing");
    assert_eq!(
        text_message(&[("workers", number(2.0), "2"), ("workers", number(3.0), "3")]),
        r#"workers is given twice ("2" and "3"): give it once"#
    );
    let waits = Value::List(vec![number(1.0), number(2.0), number(3.0)]);
    assert_eq!(
        text_message(&[("jobs", number(50.0), "50"), ("waits", waits, "1,2,3")]),
        "jobs is 50, but 3 waits are given, which set the number of jobs: leave jobs out"
    );
}

#[test]
fn settings_in_the_form_are_named_by_their_labels() {
    let empty = Value::String("".into());
    let error = Options::parse([Given { name: "max-wait-ms", value: &empty, source: Source::Form("") }]).unwrap_err();
    assert_eq!(error.to_string(), "Max wait (ms) must be an integer from 1 to 600000, got nothing");
    assert_eq!(error.option, "maxWaitMs");
}

#[test]
fn a_name_comes_before_a_count_and_a_count_before_a_value() {
    let (bad, good) = (Value::Number(0.0), Value::Number(2.0));
    let error =
        Options::parse([Given::js("workers", &bad), Given { name: "queue-lenght", value: &good, source: Source::Text("2") }]).unwrap_err();
    assert!(error.to_string().starts_with("unknown setting"), "{error}");
    let error = Options::parse([
        Given { name: "workers", value: &bad, source: Source::Text("0") },
        Given { name: "workers", value: &good, source: Source::Text("2") },
    ])
    .unwrap_err();
    assert_eq!(error.to_string(), r#"workers is given twice ("0" and "2"): give it once"#);
}

/// An option that is not in the table: the checks know of it only what its entry says.
static RETRIES: OptionSpec = OptionSpec {
    name: "retries",
    setting: Some(Setting { attribute: "retries", label: "Retries" }),
    kind: OptionKind::Integer { min: 0, max: 5, default: Some(1) },
    of: &[Api::Run],
    doc: Doc::new("How often a failed job is tried again."),
};

#[test]
fn a_new_integer_option_is_checked_and_named_by_its_table_entry_alone() {
    let (six, two) = (Value::Number(6.0), Value::Number(2.0));
    assert_eq!(RETRIES.integer(&Given::js("retries", &two)), Ok(2));
    assert_eq!(RETRIES.integer(&Given::js("retries", &six)).unwrap_err().to_string(), "retries must be an integer from 0 to 5, got 6");
    let text = Value::String("abc".into());
    let error = RETRIES.integer(&Given { name: "retries", value: &text, source: Source::Text("abc") }).unwrap_err();
    assert_eq!(error.to_string(), r#"retries must be an integer from 0 to 5, got "abc" (a string)"#);
    let empty = Value::String("".into());
    let error = RETRIES.integer(&Given { name: "retries", value: &empty, source: Source::Form("") }).unwrap_err();
    assert_eq!(error.to_string(), "Retries must be an integer from 0 to 5, got nothing");
}

#[test]
fn defaults_are_the_original_programs() {
    let defaults = Options {
        workers: 10,
        queue_length: 100,
        jobs: 100,
        max_wait_ms: 1000,
        threshold_ms: 990,
        seed: None,
        waits: None,
        cancel_in_flight: true,
        fail_fast: true,
        speed: 1.0,
        devtools: false,
    };
    assert_eq!(Options::default(), defaults);
    assert_eq!(parse(&[]), Ok(defaults.clone()));
    assert_eq!(parse(&[("workers", Value::Undefined)]), Ok(defaults));
}

#[test]
fn wrong_types_are_type_errors_and_bad_numbers_range_errors() {
    assert!(parse(&[("workers", Value::Null)]).unwrap_err().is_type_error());
    assert!(parse(&[("workers", Value::Other("an object"))]).unwrap_err().is_type_error());
    assert!(!parse(&[("workers", Value::Number(-1.0))]).unwrap_err().is_type_error());
    assert!(!parse(&[("workers", Value::Number(10_001.0))]).unwrap_err().is_type_error());
}

#[test]
fn limits_are_inclusive() {
    let options =
        parse(&[("workers", Value::Number(10_000.0)), ("jobs", Value::Number(0.0)), ("seed", Value::Number(((1u64 << 53) - 1) as f64))])
            .unwrap();
    assert_eq!((options.workers, options.jobs, options.seed), (10_000, 0, Some((1 << 53) - 1)));
}

#[test]
fn every_option_sets_its_own_field() {
    let given = [
        ("workers", Value::Number(7.0)),
        ("queueLength", Value::Number(8.0)),
        ("jobs", Value::Number(2.0)),
        ("maxWaitMs", Value::Number(9.0)),
        ("thresholdMs", Value::Number(6.0)),
        ("seed", Value::Number(5.0)),
        ("waits", Value::List(vec![Value::Number(3.0), Value::Number(4.0)])),
        ("cancelInFlight", Value::Bool(false)),
        ("failFast", Value::Bool(false)),
        ("speed", Value::Number(0.5)),
    ];
    let expected = Options {
        workers: 7,
        queue_length: 8,
        jobs: 2,
        max_wait_ms: 9,
        threshold_ms: 6,
        seed: Some(5),
        waits: Some(vec![3, 4]),
        cancel_in_flight: false,
        fail_fast: false,
        speed: 0.5,
        devtools: false,
    };
    assert_eq!(parse(&given), Ok(expected));
    let map = |name, value: &Value| Options::parse_for(Api::Map, [Given::js(name, value)]).unwrap();
    assert!(map("devtools", &Value::Bool(true)).devtools);
    // Every option of the table that `Options::set` sets (the JS objects,
    // signal, pause and onProgress, are the JS API's) is set above: a new
    // one, whose kind's last arm there would take it for another, fails
    // here until it has its own.
    let named: Vec<&str> = given.iter().map(|(name, _)| *name).chain(["devtools"]).collect();
    for spec in dispatcher_demo::OPTIONS.iter().filter(|spec| !matches!(spec.kind, OptionKind::Object { .. })) {
        assert!(named.contains(&spec.name), "{} is not set in this test", spec.name);
    }
    assert!(!map("failFast", &Value::Bool(false)).fail_fast);
}
