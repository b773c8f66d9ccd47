//! The one check of the options (`Options::parse`), as each source gives
//! them: `run`'s options in JS, an attribute or URL parameter's text, a field
//! of the element's form. The check says what is wrong in parts (which
//! option, named how, which rule and its bounds, which of those given); JS
//! writes the message from them (`src/web/tasks.js`), and
//! `tests/api/messages.test.mjs` checks its words for the same cases.
#![cfg(not(target_arch = "wasm32"))]

use dispatcher_demo::{
    Api, Doc, Expected, Given, Hundredths, OptionError, OptionKind, OptionSpec, Options, Problem, Setting, Source, Value,
};

fn parse(entries: &[(&str, Value)]) -> Result<Options, OptionError> {
    Options::parse(entries.iter().map(|(name, value)| Given::js(name, value)))
}

/// What is wrong with these options in JS: the option named, and the problem.
fn refusal(entries: &[(&str, Value)]) -> (&'static str, Problem) {
    let error = parse(entries).unwrap_err();
    (error.named, error.problem)
}

/// The error for settings given as text (attributes or URL parameters): `(name, value)`.
fn text_error(entries: &[(&str, Value)]) -> OptionError {
    Options::parse(entries.iter().map(|(name, value)| Given { name, value, source: Source::Text })).unwrap_err()
}

const fn integer(min: u64, max: u64) -> Expected {
    Expected::Integer { min, max }
}

#[test]
fn refusals_name_the_option_and_the_range() {
    assert_eq!(refusal(&[("workers", Value::Number(0.0))]), ("workers", Problem::Range(integer(1, 10_000))));
    assert_eq!(refusal(&[("jobs", Value::Number(1.5))]), ("jobs", Problem::Range(integer(0, 1_000_000))));
    assert_eq!(refusal(&[("maxWaitMs", Value::Number(f64::NAN))]), ("maxWaitMs", Problem::Range(integer(1, 600_000))));
    assert_eq!(refusal(&[("thresholdMs", Value::Number(f64::INFINITY))]), ("thresholdMs", Problem::Range(integer(0, 600_000))));
    assert_eq!(refusal(&[("queueLength", Value::String)]), ("queueLength", Problem::Type(integer(0, 1_000_000))));
    assert_eq!(refusal(&[("failFast", Value::Number(1.0))]), ("failFast", Problem::Type(Expected::Boolean)));
    let error = parse(&[("waits", Value::List(vec![Value::Number(3.0), Value::Number(-1.0)]))]).unwrap_err();
    assert_eq!((error.option, error.item, error.problem), ("waits", Some(1), Problem::Range(integer(0, 600_000))));
    assert_eq!(refusal(&[("waits", Value::String)]), ("waits", Problem::Type(Expected::Waits { max: 600_000 })));
    assert_eq!(refusal(&[("seed", Value::Number(2f64.powi(60)))]), ("seed", Problem::Range(integer(0, (1 << 53) - 1))));
    assert_eq!(refusal(&[("signal", Value::Bool(true))]), ("signal", Problem::Type(Expected::Object("an AbortSignal"))));
    let speed = Expected::Number { min: Hundredths(10), max: Hundredths(400) };
    assert_eq!(refusal(&[("speed", Value::Number(0.05))]), ("speed", Problem::Range(speed)));
    assert_eq!(refusal(&[("speed", Value::Number(f64::NAN))]), ("speed", Problem::Range(speed)));
    assert_eq!(refusal(&[("speed", Value::String)]), ("speed", Problem::Type(speed)));
    assert_eq!(parse(&[("speed", Value::Number(0.25))]).unwrap().speed, 0.25);
    // Which of those given it is about.
    assert_eq!(parse(&[("workers", Value::Number(2.0)), ("jobs", Value::Null)]).unwrap_err().given, 1);
}

#[test]
fn jobs_that_disagree_with_the_given_waits_are_refused_and_agreeing_ones_are_not() {
    let waits = Value::List(vec![Value::Number(1.0), Value::Number(2.0), Value::Number(3.0)]);
    let error = parse(&[("waits", waits.clone()), ("jobs", Value::Number(5.0))]).unwrap_err();
    assert_eq!((error.named, error.given, error.problem), ("jobs", 1, Problem::Conflict { jobs: 5, waits: 3 }));
    assert_eq!(parse(&[("waits", waits.clone()), ("jobs", Value::Number(3.0))]).unwrap().jobs, 3);
    // The other options the waits override are only overridden.
    assert_eq!(parse(&[("waits", waits), ("maxWaitMs", Value::Number(5.0))]).unwrap().waits, Some(vec![1, 2, 3]));
}

#[test]
fn settings_given_as_text_are_named_by_attribute() {
    let number = |n| Value::Number(n);
    let error = text_error(&[("queue-length", number(2.5))]);
    assert_eq!((error.option, error.named, error.problem), ("queueLength", "queue-length", Problem::Range(integer(0, 1_000_000))));
    let error = text_error(&[("max-wait-ms", Value::String)]);
    assert_eq!((error.named, error.problem), ("max-wait-ms", Problem::Type(integer(1, 600_000))));
    let waits = Value::List(vec![number(1.0), Value::String, number(2.0)]);
    let error = text_error(&[("waits", waits)]);
    assert_eq!((error.named, error.item, error.problem), ("waits", Some(1), Problem::Type(integer(0, 600_000))));
    let error = text_error(&[("workers", number(2.0)), ("workers", number(3.0))]);
    assert_eq!((error.named, error.given, error.problem), ("workers", 0, Problem::Twice { second: 1 }));
    let waits = Value::List(vec![number(1.0), number(2.0), number(3.0)]);
    let error = text_error(&[("jobs", number(50.0)), ("waits", waits)]);
    assert_eq!((error.named, error.problem), ("jobs", Problem::Conflict { jobs: 50, waits: 3 }));
}

#[test]
fn settings_in_the_form_are_named_by_their_labels() {
    let empty = Value::String;
    let error = Options::parse([Given { name: "max-wait-ms", value: &empty, source: Source::Form }]).unwrap_err();
    assert_eq!((error.option, error.named), ("maxWaitMs", "Max wait (ms)"));
    // A list by its attribute, with its item.
    let waits = Value::List(vec![Value::Null]);
    let error = Options::parse([Given { name: "waits", value: &waits, source: Source::Form }]).unwrap_err();
    assert_eq!((error.named, error.item), ("waits", Some(0)));
}

#[test]
fn a_name_comes_before_a_count_and_a_count_before_a_value() {
    let (bad, good) = (Value::Number(0.0), Value::Number(2.0));
    let error =
        Options::parse([Given::js("workers", &bad), Given { name: "queue-lenght", value: &good, source: Source::Text }]).unwrap_err();
    assert_eq!(error.given, 1);
    assert_eq!(error.problem, Problem::Unknown { api: Api::Run, settings: true });
    let error = Options::parse([
        Given { name: "workers", value: &bad, source: Source::Text },
        Given { name: "workers", value: &good, source: Source::Text },
    ])
    .unwrap_err();
    assert_eq!(error.problem, Problem::Twice { second: 1 });
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
    let error = RETRIES.integer(&Given::js("retries", &six)).unwrap_err();
    assert_eq!((error.option, error.named, error.problem), ("retries", "retries", Problem::Range(integer(0, 5))));
    let text = Value::String;
    let error = RETRIES.integer(&Given { name: "retries", value: &text, source: Source::Text }).unwrap_err();
    assert_eq!((error.named, error.problem), ("retries", Problem::Type(integer(0, 5))));
    let empty = Value::String;
    let error = RETRIES.integer(&Given { name: "retries", value: &empty, source: Source::Form }).unwrap_err();
    assert_eq!((error.named, error.problem), ("Retries", Problem::Type(integer(0, 5))));
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
    assert!(parse(&[("workers", Value::Other)]).unwrap_err().is_type_error());
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
