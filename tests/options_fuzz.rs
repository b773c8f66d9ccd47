//! Fuzzes the option checks with random names and values, given in JS, as
//! text or in the form: no input panics, every accepted option is within its
//! limits, and every refusal names an option. `make test` tries 2,000 inputs (a debug build); `make fuzz` a million
//! (FUZZ_CASES=1000000).
#![cfg(not(target_arch = "wasm32"))]

use dispatcher_demo::{options_of, spec, Api, Given, OptionKind, Options, Problem, Source, Value, LONGEST_WAIT_MS, MAX_JOBS, OPTIONS};
use proptest::prelude::*;

fn cases() -> u32 {
    let default = if cfg!(debug_assertions) { 2_000 } else { 20_000 };
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// The JS names of `run`'s options, which `Options::parse` takes.
fn known() -> Vec<&'static str> {
    options_of(Api::Run).map(|spec| spec.name).collect()
}

/// The range the table allows an integer option.
fn range(name: &str) -> std::ops::RangeInclusive<u64> {
    match spec(name).unwrap().kind {
        OptionKind::Integer { min, max, .. } => min..=max,
        kind => panic!("{name} is {kind:?}"),
    }
}

const MAX_SEED: u64 = (1 << 53) - 1;

fn numbers() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(MAX_SEED as f64 + 1.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        (-3i64..20_000).prop_map(|n| n as f64),
        (0u64..=MAX_SEED).prop_map(|n| n as f64),
        any::<f64>(),
        (-1e7..1e7f64),
    ]
}

fn values() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Undefined),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        numbers().prop_map(Value::Number),
        Just(Value::String),
        Just(Value::Other),
    ];
    leaf.prop_recursive(2, 64, 40, |inner| prop::collection::vec(inner, 0..40).prop_map(Value::List))
}

fn names() -> impl Strategy<Value = String> {
    // Every option's name: map's own are unknown to run.
    let exact = prop::sample::select(OPTIONS.iter().map(|spec| spec.name).collect::<Vec<_>>()).prop_map(str::to_owned);
    // Near misses: a known name with one character changed, dropped or doubled.
    let near = (prop::sample::select(known()), any::<prop::sample::Index>(), any::<char>(), 0..3u8).prop_map(|(name, at, c, how)| {
        let mut chars: Vec<char> = name.chars().collect();
        let i = at.index(chars.len());
        match how {
            0 => chars[i] = c,
            1 => {
                chars.remove(i);
            }
            _ => chars.insert(i, c),
        }
        chars.into_iter().collect()
    });
    prop_oneof![4 => exact, 2 => near, 1 => ".{0,16}"]
}

/// Where an entry is given: 0 in JS, 1 as an attribute or URL parameter, 2 in the form.
fn source_of(how: u8) -> Source {
    match how {
        0 => Source::Js,
        1 => Source::Text,
        _ => Source::Form,
    }
}

/// A JS name as the source names it: as given, or by its attribute for text.
fn as_given(name: &str, how: u8) -> String {
    match (how, spec(name).and_then(|spec| spec.attribute())) {
        (0, _) | (_, None) => name.to_owned(),
        (_, Some(attribute)) => attribute.to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics_and_what_passes_is_within_limits(entries in prop::collection::vec((names(), values(), 0..3u8), 0..6)) {
        let entries: Vec<(String, Value, u8)> = entries.into_iter().map(|(name, value, how)| (as_given(&name, how), value, how)).collect();
        let given = entries.iter().map(|(name, value, how)| Given { name, value, source: source_of(*how) });
        match Options::parse(given) {
            Ok(options) => {
                prop_assert!(range("workers").contains(&(options.workers as u64)));
                prop_assert!(range("queueLength").contains(&(options.queue_length as u64)));
                prop_assert!(range("jobs").contains(&(options.jobs as u64)));
                prop_assert!(range("maxWaitMs").contains(&u64::from(options.max_wait_ms)));
                prop_assert!(range("thresholdMs").contains(&u64::from(options.threshold_ms)));
                prop_assert!(options.seed.map_or(true, |seed| range("seed").contains(&seed)));
                if let Some(waits) = &options.waits {
                    prop_assert!(waits.len() as u64 <= MAX_JOBS);
                    prop_assert!(waits.iter().all(|&w| u64::from(w) <= LONGEST_WAIT_MS));
                    let jobs_given = entries.iter().any(|(name, value, _)| name == "jobs" && *value != Value::Undefined);
                    prop_assert!(!jobs_given || options.jobs == waits.len());
                }
            }
            Err(error) => {
                // The option it is about is one of those given, and not undefined.
                let (name, value, how) = &entries[error.given];
                prop_assert!(*value != Value::Undefined);
                match &error.problem {
                    Problem::Unknown { settings, .. } => {
                        prop_assert!(!known().contains(&name.as_str()) || *settings);
                        prop_assert_eq!(*settings, *how != 0);
                    }
                    Problem::Type { .. } | Problem::Range { .. } => {
                        prop_assert!(known().contains(&error.option), "{}", error.option);
                        prop_assert!(spec(name).or(dispatcher_demo::setting_spec(name)).is_some_and(|spec| spec.name == error.option));
                        prop_assert!(error.item.is_none() || error.option == "waits");
                    }
                    Problem::Twice { second } => {
                        prop_assert!(*second > error.given);
                        let named = entries.iter().filter(|(name, value, _)| *value != Value::Undefined && spec(name).or(dispatcher_demo::setting_spec(name)).is_some_and(|spec| spec.name == error.option));
                        prop_assert!(named.count() >= 2);
                    }
                    Problem::Conflict { jobs, waits } => {
                        prop_assert_eq!(error.option, "jobs");
                        prop_assert_ne!(jobs, waits);
                    }
                }
            }
        }
    }
}

#[test]
fn a_list_of_too_many_waits_is_refused_by_its_length() {
    let waits = Value::List(vec![Value::Number(1.0); MAX_JOBS as usize + 1]);
    let error = Options::parse([Given::js("waits", &waits)]).unwrap_err();
    assert_eq!(error.problem, dispatcher_demo::Problem::Range(dispatcher_demo::Expected::AtMost { max_length: MAX_JOBS }));
    let empty = Options::parse([Given::js("waits", &Value::List(vec![]))]).unwrap();
    assert_eq!(empty.waits, Some(vec![]));
}
