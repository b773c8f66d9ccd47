//! Fuzzes the option checks with random names and values: no input panics,
//! every accepted option is within its limits, and every refusal names an
//! option. `make test` tries 2,000 inputs (a debug build); `make fuzz` a million
//! (FUZZ_CASES=1000000).
#![cfg(not(target_arch = "wasm32"))]

use dispatcher_demo::{spec, OptionError, OptionKind, Options, Value, LONGEST_WAIT_MS, MAX_JOBS, OPTIONS};
use proptest::prelude::*;

fn cases() -> u32 {
    let default = if cfg!(debug_assertions) { 2_000 } else { 20_000 };
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// The JS names of every option.
fn known() -> Vec<&'static str> {
    OPTIONS.iter().map(|spec| spec.name).collect()
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
        ".{0,12}".prop_map(Value::String),
        prop_oneof![Just("an object"), Just("a function"), Just("a symbol"), Just("a bigint")].prop_map(Value::Other),
    ];
    leaf.prop_recursive(2, 64, 40, |inner| prop::collection::vec(inner, 0..40).prop_map(Value::List))
}

fn names() -> impl Strategy<Value = String> {
    let exact = prop::sample::select(known()).prop_map(str::to_owned);
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

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics_and_what_passes_is_within_limits(entries in prop::collection::vec((names(), values()), 0..6)) {
        match Options::parse(entries.iter().map(|(name, value)| (name.as_str(), value))) {
            Ok(options) => {
                prop_assert!(range("workers").contains(&u64::from(options.workers)));
                prop_assert!(range("queueLength").contains(&u64::from(options.queue_length)));
                prop_assert!(range("jobs").contains(&u64::from(options.jobs)));
                prop_assert!(range("maxWaitMs").contains(&u64::from(options.max_wait_ms)));
                prop_assert!(range("thresholdMs").contains(&u64::from(options.threshold_ms)));
                prop_assert!(options.seed.is_none_or(|seed| range("seed").contains(&seed)));
                if let Some(waits) = &options.waits {
                    prop_assert!(waits.len() as u64 <= MAX_JOBS);
                    prop_assert!(waits.iter().all(|&w| u64::from(w) <= LONGEST_WAIT_MS));
                }
            }
            Err(error) => {
                let message = error.to_string();
                match &error {
                    OptionError::Unknown { name, .. } => {
                        prop_assert!(!known().contains(&name.as_str()));
                        prop_assert!(message.starts_with("unknown option"));
                    }
                    OptionError::Type { option, .. } | OptionError::Range { option, .. } => {
                        let base = option.split('[').next().unwrap();
                        prop_assert!(known().contains(&base), "{}", option);
                        prop_assert!(message.starts_with(option.as_str()), "{}", message);
                        prop_assert!(message.contains(" must be "), "{}", message);
                    }
                }
            }
        }
    }
}

#[test]
fn a_list_of_too_many_waits_is_refused_by_its_length() {
    let waits = Value::List(vec![Value::Number(1.0); MAX_JOBS as usize + 1]);
    let error = Options::parse([("waits", &waits)]).unwrap_err();
    assert_eq!(error.to_string(), "waits must be an array of at most 1000000 waits, got 1000001 waits");
    let empty = Options::parse([("waits", &Value::List(vec![]))]).unwrap();
    assert_eq!(empty.waits, Some(vec![]));
}
