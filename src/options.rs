//! The demo's options, as the JS API and the page take them: their names,
//! defaults and limits, and the checks that turn untrusted values into an
//! [`Options`] or a clear [`OptionError`].

use std::fmt;

/// A value as it arrives from JS, before any check.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // One variant per JS type.
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// An array, or a typed array.
    List(Vec<Value>),
    /// Anything else, described for a message: `"an object"`, `"a function"`.
    Other(&'static str),
}

/// Options for one demo run. [`Options::default`] is the original Go program's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// How many jobs run at once.
    pub workers: u32,
    /// How many jobs wait in the queue; 0 is Go's unbuffered channel.
    pub queue_length: u32,
    /// How many jobs, when the waits are drawn.
    pub jobs: u32,
    /// Waits are drawn from `0..max_wait_ms`.
    pub max_wait_ms: u32,
    /// A job whose wait is over this fails as it starts.
    pub threshold_ms: u32,
    /// Seeds the waits' PRNG; `None` asks the caller for a random seed.
    pub seed: Option<u64>,
    /// The waits, given explicitly; overrides `jobs`, `max_wait_ms` and `seed`.
    pub waits: Option<Vec<u32>>,
    /// See [`Dispatcher::cancel_in_flight`](bounded_dispatcher::Dispatcher::cancel_in_flight).
    pub cancel_in_flight: bool,
    /// See [`Dispatcher::fail_fast`](bounded_dispatcher::Dispatcher::fail_fast).
    pub fail_fast: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            workers: 10,
            queue_length: 100,
            jobs: 100,
            max_wait_ms: 1000,
            threshold_ms: 990,
            seed: None,
            waits: None,
            cancel_in_flight: true,
            fail_fast: true,
        }
    }
}

/// The largest wait, and threshold, in ms: ten minutes.
pub const MAX_WAIT_MS: u32 = 600_000;
/// The most jobs one run may have.
pub const MAX_JOBS: u32 = 1_000_000;
/// `Number.MAX_SAFE_INTEGER`: the largest seed JS can give exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// The range of each integer option, inclusive.
pub const WORKERS: (u64, u64) = (1, 10_000);
#[allow(missing_docs)]
pub const QUEUE_LENGTH: (u64, u64) = (0, MAX_JOBS as u64);
#[allow(missing_docs)]
pub const JOBS: (u64, u64) = (0, MAX_JOBS as u64);
#[allow(missing_docs)]
pub const MAX_WAIT: (u64, u64) = (1, MAX_WAIT_MS as u64);
#[allow(missing_docs)]
pub const THRESHOLD: (u64, u64) = (0, MAX_WAIT_MS as u64);
#[allow(missing_docs)]
pub const SEED: (u64, u64) = (0, MAX_SEED);

/// Every option's JS name. (`signal` and `pause` are checked by the JS layer,
/// which alone can tell an `AbortSignal` or a `PauseController`.)
pub const OPTIONS: [&str; 11] = [
    "workers",
    "queueLength",
    "jobs",
    "maxWaitMs",
    "thresholdMs",
    "seed",
    "waits",
    "cancelInFlight",
    "failFast",
    "signal",
    "pause",
];

/// Why an option was refused. Its `Display` is the message the JS API throws.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The fields are the option's name, what it must be and what it was.
pub enum OptionError {
    /// No option has this name.
    Unknown { name: String, suggestion: Option<&'static str> },
    /// The value has the wrong type: a `TypeError` in JS.
    Type { option: String, expected: String, got: Got },
    /// The value has the right type but is out of range, or not an integer:
    /// a `RangeError` in JS.
    Range { option: String, expected: String, got: Got },
}

/// A refused value, as a message shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Got {
    /// A number, shown as JS's `String(n)` shows it.
    Number(f64),
    /// Anything else, in words: `"5" (a string)`, `an object`, `1000001 waits`.
    Words(String),
}

impl Got {
    /// The words, with numbers written by `number`. (The JS layer passes
    /// JS's own `String(n)`, and so leaves Rust's float formatting out of
    /// the wasm module.)
    pub fn show(&self, number: impl Fn(f64) -> String) -> String {
        match self {
            Got::Number(n) => number(*n),
            Got::Words(words) => words.clone(),
        }
    }
}

impl OptionError {
    /// Whether JS should throw it as a `TypeError` (else a `RangeError`).
    pub fn is_type_error(&self) -> bool {
        !matches!(self, OptionError::Range { .. })
    }

    /// The message, with numbers written by `number`; `Display` writes them
    /// as JS would.
    pub fn message(&self, number: impl Fn(f64) -> String) -> String {
        match self {
            OptionError::Unknown { name, suggestion: Some(known) } => {
                format!("unknown option {}; did you mean {}?", quote(name), quote(known))
            }
            OptionError::Unknown { name, suggestion: None } => {
                format!("unknown option {}; the options are {}", quote(name), OPTIONS.join(", "))
            }
            OptionError::Type { option, expected, got } | OptionError::Range { option, expected, got } => {
                format!("{option} must be {expected}, got {}", got.show(number))
            }
        }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(js_number))
    }
}

impl std::error::Error for OptionError {}

impl Options {
    /// Checks every option, in the order given, and stops at the first bad one.
    /// `Undefined` stands for an option left out, as in JS.
    pub fn parse<'a>(entries: impl IntoIterator<Item = (&'a str, &'a Value)>) -> Result<Options, OptionError> {
        let mut options = Options::default();
        for (name, value) in entries {
            let Some(&name) = OPTIONS.iter().find(|known| **known == name) else {
                return Err(OptionError::Unknown { name: name.to_owned(), suggestion: suggest(name) });
            };
            if *value == Value::Undefined {
                continue;
            }
            match name {
                "workers" => options.workers = integer(name, value, WORKERS)? as u32,
                "queueLength" => options.queue_length = integer(name, value, QUEUE_LENGTH)? as u32,
                "jobs" => options.jobs = integer(name, value, JOBS)? as u32,
                "maxWaitMs" => options.max_wait_ms = integer(name, value, MAX_WAIT)? as u32,
                "thresholdMs" => options.threshold_ms = integer(name, value, THRESHOLD)? as u32,
                "seed" => options.seed = Some(integer(name, value, SEED)?),
                "waits" => options.waits = Some(waits(value)?),
                "cancelInFlight" => options.cancel_in_flight = boolean(name, value)?,
                "failFast" => options.fail_fast = boolean(name, value)?,
                _ => {}
            }
        }
        Ok(options)
    }
}

/// The known option closest to an unknown name, if one is close enough to be
/// a likely typo: same letters in another case or with `-`/`_`, or within two
/// edits of it.
pub fn suggest(name: &str) -> Option<&'static str> {
    let plain = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let name = plain(name);
    OPTIONS
        .iter()
        .map(|known| (strsim::levenshtein(&name, &plain(known)), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, known)| known)
}

fn integer(option: &str, value: &Value, (min, max): (u64, u64)) -> Result<u64, OptionError> {
    let expected = format!("an integer from {min} to {max}");
    match *value {
        Value::Number(n) if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 => Ok(n as u64),
        Value::Number(_) => Err(OptionError::Range { option: option.to_owned(), expected, got: show(value) }),
        _ => Err(OptionError::Type { option: option.to_owned(), expected, got: show(value) }),
    }
}

fn boolean(option: &str, value: &Value) -> Result<bool, OptionError> {
    match *value {
        Value::Bool(b) => Ok(b),
        _ => Err(OptionError::Type { option: option.to_owned(), expected: "true or false".into(), got: show(value) }),
    }
}

fn waits(value: &Value) -> Result<Vec<u32>, OptionError> {
    let Value::List(list) = value else {
        let expected = format!("an array of integers from 0 to {MAX_WAIT_MS}");
        return Err(OptionError::Type { option: "waits".into(), expected, got: show(value) });
    };
    if list.len() > MAX_JOBS as usize {
        let expected = format!("an array of at most {MAX_JOBS} waits");
        return Err(OptionError::Range { option: "waits".into(), expected, got: Got::Words(format!("{} waits", list.len())) });
    }
    let range = (0, u64::from(MAX_WAIT_MS));
    list.iter().enumerate().map(|(i, wait)| integer(&format!("waits[{i}]"), wait, range).map(|w| w as u32)).collect()
}

/// A value as a message shows it.
pub(crate) fn show(value: &Value) -> Got {
    Got::Words(match value {
        Value::Number(n) => return Got::Number(*n),
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => format!("{} (a string)", quote(s)),
        Value::List(_) => "an array".into(),
        Value::Other(what) => (*what).into(),
    })
}

/// `s` in double quotes, as `JSON.stringify` writes it (near enough: quotes,
/// backslashes and line breaks escaped).
fn quote(s: &str) -> String {
    let mut quoted = String::with_capacity(s.len() + 2);
    quoted.push('"');
    for c in s.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `String(n)` in JS, for the numbers a message may show.
pub(crate) fn js_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == 0.0 {
        "0".into()
    } else if n.abs() >= 1e21 || n.abs() < 1e-6 {
        // Exponent form, which JS writes with a sign: 1e+300, 1.5e-7.
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => format!("{mantissa}e+{exponent}"),
            _ => text,
        }
    } else {
        // Rust writes the shortest digits that read back as `n`, as JS does.
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(entries: &[(&str, Value)]) -> Result<Options, OptionError> {
        Options::parse(entries.iter().map(|(name, value)| (*name, value)))
    }

    fn message(entries: &[(&str, Value)]) -> String {
        parse(entries).unwrap_err().to_string()
    }

    #[test]
    fn defaults_are_the_original_programs() {
        assert_eq!(parse(&[]), Ok(Options::default()));
        assert_eq!(parse(&[("workers", Value::Undefined)]), Ok(Options::default()));
    }

    #[test]
    fn messages_name_the_option_the_range_and_the_value() {
        assert_eq!(message(&[("workers", Value::Number(0.0))]), "workers must be an integer from 1 to 10000, got 0");
        assert_eq!(message(&[("jobs", Value::Number(1.5))]), "jobs must be an integer from 0 to 1000000, got 1.5");
        assert_eq!(message(&[("maxWaitMs", Value::Number(f64::NAN))]), "maxWaitMs must be an integer from 1 to 600000, got NaN");
        assert_eq!(
            message(&[("thresholdMs", Value::Number(f64::INFINITY))]),
            "thresholdMs must be an integer from 0 to 600000, got Infinity"
        );
        assert_eq!(
            message(&[("queueLength", Value::String("10".into()))]),
            r#"queueLength must be an integer from 0 to 1000000, got "10" (a string)"#
        );
        assert_eq!(message(&[("failFast", Value::Number(1.0))]), "failFast must be true or false, got 1");
        assert_eq!(
            message(&[("waits", Value::List(vec![Value::Number(3.0), Value::Number(-1.0)]))]),
            "waits[1] must be an integer from 0 to 600000, got -1"
        );
        assert_eq!(message(&[("seed", Value::Number(2f64.powi(60)))]), "seed must be an integer from 0 to 9007199254740991, got 1152921504606847000");
    }

    #[test]
    fn numbers_are_shown_as_js_shows_them() {
        for (n, js) in [(0.0, "0"), (-0.0, "0"), (42.0, "42"), (-1.5, "-1.5"), (1e21, "1e+21"), (1.5e300, "1.5e+300"), (1e-7, "1e-7"), (0.000001, "0.000001"), (123456789012345680000.0, "123456789012345680000")] {
            assert_eq!(js_number(n), js, "{n}");
        }
    }

    #[test]
    fn wrong_types_are_type_errors_and_bad_numbers_range_errors() {
        assert!(parse(&[("workers", Value::Null)]).unwrap_err().is_type_error());
        assert!(parse(&[("workers", Value::Other("an object"))]).unwrap_err().is_type_error());
        assert!(!parse(&[("workers", Value::Number(-1.0))]).unwrap_err().is_type_error());
        assert!(!parse(&[("workers", Value::Number(10_001.0))]).unwrap_err().is_type_error());
    }

    #[test]
    fn unknown_options_suggest_the_nearest_known_one() {
        assert_eq!(message(&[("worker", Value::Number(1.0))]), r#"unknown option "worker"; did you mean "workers"?"#);
        assert_eq!(suggest("queue_length"), Some("queueLength"));
        assert_eq!(suggest("max-wait-ms"), Some("maxWaitMs"));
        assert_eq!(suggest("CancelInFlight"), Some("cancelInFlight"));
        assert_eq!(
            message(&[("colour", Value::Bool(true))]),
            r#"unknown option "colour"; the options are workers, queueLength, jobs, maxWaitMs, thresholdMs, seed, waits, cancelInFlight, failFast, signal, pause"#
        );
    }

    #[test]
    fn limits_are_inclusive() {
        let options = parse(&[("workers", Value::Number(10_000.0)), ("jobs", Value::Number(0.0)), ("seed", Value::Number(MAX_SEED as f64))]).unwrap();
        assert_eq!((options.workers, options.jobs, options.seed), (10_000, 0, Some(MAX_SEED)));
    }
}
