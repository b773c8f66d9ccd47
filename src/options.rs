//! The demo's options, in one table: [`OPTIONS`] holds each option's names,
//! kind, default, range and doc line. The checks and their messages come
//! from it here; the TypeScript types, the README's table and the page's
//! form come from it through files that `tests/generated.rs` writes
//! (`make generated`) and checks (`cargo test`).
//!
//! Adding an option is one entry in the table, plus its effect: a field of
//! [`Options`], set in [`Options::set`], and used by the demo.

use std::fmt;

use crate::messages::{show, Got, OptionError};

/// One option of the JS API's `run`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptionSpec {
    /// Its name in the JS API: `queueLength`.
    pub name: &'static str,
    /// Its name as a URL parameter of the page and an attribute of
    /// `<dispatcher-demo>`, `queue-length`; `None` for what only JS can pass.
    pub attribute: Option<&'static str>,
    /// What it takes, and its default.
    pub kind: OptionKind,
    /// One sentence, for the TypeScript, the README and the page.
    pub doc: &'static str,
}

/// What an option takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptionKind {
    /// An integer from `min` to `max`; `default` is `None` where a random
    /// one is drawn (from `0` to [`RANDOM_SEEDS`]).
    Integer {
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
        /// Its value when left out.
        default: Option<u64>,
    },
    /// A number from `min` to `max`, not necessarily an integer. The limits
    /// are in hundredths, so that a message writes them without Rust's
    /// float formatting (18 KB of the wasm module).
    Number {
        /// The smallest allowed.
        min: Hundredths,
        /// The largest allowed.
        max: Hundredths,
        /// Its value when left out.
        default: Hundredths,
    },
    /// `true` or `false`.
    Boolean {
        /// Its value when left out.
        default: bool,
    },
    /// An array (or typed array) of at most `max_length` integers, each from
    /// 0 to `max`; when left out, the waits are drawn.
    Waits {
        /// The longest list allowed.
        max_length: u64,
        /// The largest wait allowed.
        max: u64,
        /// The options that given waits override, by their JS names.
        overrides: &'static [&'static str],
    },
    /// A JS object of a class that only the JS layer can tell:
    /// `"an AbortSignal"`.
    Object {
        /// What it must be, as a message says it.
        expected: &'static str,
    },
}

/// A number in hundredths: `Hundredths(25)` is 0.25.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hundredths(pub u32);

impl Hundredths {
    /// The number.
    pub fn get(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl fmt::Display for Hundredths {
    /// As JS writes the number: `0.25`, `0.1`, `1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, mut cents) = (self.0 / 100, self.0 % 100);
        write!(f, "{whole}")?;
        if cents > 0 {
            let digits = if cents % 10 == 0 { 1 } else { 2 };
            if digits == 1 {
                cents /= 10;
            }
            write!(f, ".{cents:0digits$}")?;
        }
        Ok(())
    }
}

/// The most jobs one run may have.
pub const MAX_JOBS: u64 = 1_000_000;
/// The longest wait, and threshold, in ms: ten minutes.
pub const LONGEST_WAIT_MS: u64 = 600_000;
/// Random seeds are drawn from 0 to this: ten digits at most, which the
/// page shows whole. Any seed up to `Number.MAX_SAFE_INTEGER` may be given.
pub const RANDOM_SEEDS: u64 = u32::MAX as u64;

macro_rules! integer {
    ($min:expr, $max:expr, $default:expr) => {
        OptionKind::Integer { min: $min, max: $max, default: $default }
    };
}

/// Every option, in the order the README and the page list them.
pub const OPTIONS: [OptionSpec; 12] = [
    OptionSpec { name: "workers", attribute: Some("workers"), kind: integer!(1, 10_000, Some(10)), doc: "How many jobs run at once." },
    OptionSpec {
        name: "queueLength",
        attribute: Some("queue-length"),
        kind: integer!(0, MAX_JOBS, Some(100)),
        doc: "How many jobs wait in the queue for a worker; 0 is Go's unbuffered channel.",
    },
    OptionSpec {
        name: "jobs",
        attribute: Some("jobs"),
        kind: integer!(0, MAX_JOBS, Some(100)),
        doc: "How many jobs, when the waits are drawn.",
    },
    OptionSpec {
        name: "maxWaitMs",
        attribute: Some("max-wait-ms"),
        kind: integer!(1, LONGEST_WAIT_MS, Some(1000)),
        doc: "Waits are drawn from 0 ms up to this, not included.",
    },
    OptionSpec {
        name: "thresholdMs",
        attribute: Some("threshold-ms"),
        kind: integer!(0, LONGEST_WAIT_MS, Some(990)),
        doc: "A job whose wait is over this fails as it starts.",
    },
    OptionSpec {
        name: "seed",
        attribute: Some("seed"),
        kind: integer!(0, (1 << 53) - 1, None),
        doc: "Seeds the draw of the waits; random when left out.",
    },
    OptionSpec {
        name: "waits",
        attribute: Some("waits"),
        kind: OptionKind::Waits { max_length: MAX_JOBS, max: LONGEST_WAIT_MS, overrides: &["jobs", "maxWaitMs", "seed"] },
        doc: "The waits in ms, given rather than drawn: they override jobs, maxWaitMs and seed.",
    },
    OptionSpec {
        name: "cancelInFlight",
        attribute: Some("cancel-in-flight"),
        kind: OptionKind::Boolean { default: true },
        doc: "Whether cancelling the run aborts the running jobs, or lets them finish as Go's do.",
    },
    OptionSpec {
        name: "failFast",
        attribute: Some("fail-fast"),
        kind: OptionKind::Boolean { default: true },
        doc: "Whether the first failure cancels the run, or every job runs and every error is kept.",
    },
    OptionSpec {
        name: "speed",
        attribute: Some("speed"),
        kind: OptionKind::Number { min: Hundredths(10), max: Hundredths(100), default: Hundredths(100) },
        doc: "How fast the jobs' time runs: at 0.25 every wait lasts four times as long, and the report's times are scaled back.",
    },
    OptionSpec {
        name: "signal",
        attribute: None,
        kind: OptionKind::Object { expected: "an AbortSignal" },
        doc: "Stops the run, which then ends \"stopped\".",
    },
    OptionSpec {
        name: "pause",
        attribute: None,
        kind: OptionKind::Object { expected: "a PauseController" },
        doc: "Pauses and resumes the run.",
    },
];

/// The spec of the option called `name`, by its JS name.
pub fn spec(name: &str) -> Option<&'static OptionSpec> {
    OPTIONS.iter().find(|spec| spec.name == name)
}

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

/// A value that passed its option's check.
#[derive(Clone, Debug, PartialEq)]
enum Checked {
    Integer(u64),
    Number(f64),
    Boolean(bool),
    Waits(Vec<u32>),
}

impl OptionSpec {
    /// What a message says the option must be: `"an integer from 1 to 10000"`.
    pub fn expected(&self) -> String {
        match self.kind {
            OptionKind::Integer { min, max, .. } => format!("an integer from {min} to {max}"),
            OptionKind::Number { min, max, .. } => format!("a number from {min} to {max}"),
            OptionKind::Boolean { .. } => "true or false".into(),
            OptionKind::Waits { max, .. } => format!("an array of integers from 0 to {max}"),
            OptionKind::Object { expected } => expected.into(),
        }
    }

    /// Its default, if it has one that is a number.
    pub fn integer_default(&self) -> Option<u64> {
        match self.kind {
            OptionKind::Integer { default, .. } => default,
            _ => None,
        }
    }

    fn number_default(&self) -> f64 {
        match self.kind {
            OptionKind::Number { default, .. } => default.get(),
            _ => 1.0,
        }
    }

    fn boolean_default(&self) -> bool {
        matches!(self.kind, OptionKind::Boolean { default: true })
    }

    fn check(&self, value: &Value) -> Result<Checked, OptionError> {
        let wrong_type = || OptionError::Type { option: self.name.into(), expected: self.expected(), got: show(value) };
        match (self.kind, value) {
            (OptionKind::Integer { min, max, .. }, _) => integer(self.name, value, min, max).map(Checked::Integer),
            (OptionKind::Number { min, max, .. }, Value::Number(n)) if (min.get()..=max.get()).contains(n) => Ok(Checked::Number(*n)),
            (OptionKind::Number { .. }, Value::Number(_)) => {
                Err(OptionError::Range { option: self.name.into(), expected: self.expected(), got: show(value) })
            }
            (OptionKind::Boolean { .. }, Value::Bool(b)) => Ok(Checked::Boolean(*b)),
            (OptionKind::Waits { max_length, max, .. }, Value::List(list)) => {
                if list.len() as u64 > max_length {
                    let expected = format!("an array of at most {max_length} waits");
                    return Err(OptionError::Range {
                        option: self.name.into(),
                        expected,
                        got: Got::Words(format!("{} waits", list.len())),
                    });
                }
                let each = |(i, wait)| integer(&format!("{}[{i}]", self.name), wait, 0, max).map(|w| w as u32);
                list.iter().enumerate().map(each).collect::<Result<_, _>>().map(Checked::Waits)
            }
            _ => Err(wrong_type()),
        }
    }
}

fn integer(option: &str, value: &Value, min: u64, max: u64) -> Result<u64, OptionError> {
    let expected = || format!("an integer from {min} to {max}");
    match *value {
        Value::Number(n) if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 => Ok(n as u64),
        Value::Number(_) => Err(OptionError::Range { option: option.into(), expected: expected(), got: show(value) }),
        _ => Err(OptionError::Type { option: option.into(), expected: expected(), got: show(value) }),
    }
}

/// Options for one demo run, checked. [`Options::default`] is the original
/// Go program's, as the table says.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // Each field is the option of the same name: see `OPTIONS`.
pub struct Options {
    pub workers: u32,
    pub queue_length: u32,
    pub jobs: u32,
    pub max_wait_ms: u32,
    pub threshold_ms: u32,
    /// `None` asks the caller for a random seed.
    pub seed: Option<u64>,
    pub waits: Option<Vec<u32>>,
    pub cancel_in_flight: bool,
    pub fail_fast: bool,
    pub speed: f64,
}

impl Default for Options {
    fn default() -> Self {
        let integer = |name| spec(name).and_then(OptionSpec::integer_default).unwrap_or_default() as u32;
        let boolean = |name| spec(name).is_some_and(OptionSpec::boolean_default);
        Options {
            workers: integer("workers"),
            queue_length: integer("queueLength"),
            jobs: integer("jobs"),
            max_wait_ms: integer("maxWaitMs"),
            threshold_ms: integer("thresholdMs"),
            seed: None,
            waits: None,
            cancel_in_flight: boolean("cancelInFlight"),
            fail_fast: boolean("failFast"),
            speed: spec("speed").map_or(1.0, OptionSpec::number_default),
        }
    }
}

impl Options {
    /// Checks every option, in the order given, and stops at the first bad
    /// one. `Undefined` stands for an option left out, as in JS.
    pub fn parse<'a>(entries: impl IntoIterator<Item = (&'a str, &'a Value)>) -> Result<Options, OptionError> {
        let mut options = Options::default();
        for (name, value) in entries {
            let Some(spec) = spec(name) else {
                return Err(OptionError::Unknown { name: name.to_owned(), suggestion: crate::messages::suggest(name) });
            };
            if *value != Value::Undefined {
                options.set(spec, spec.check(value)?);
            }
        }
        Ok(options)
    }

    /// An option's effect: the field it sets.
    fn set(&mut self, spec: &OptionSpec, value: Checked) {
        match (spec.name, value) {
            ("workers", Checked::Integer(n)) => self.workers = n as u32,
            ("queueLength", Checked::Integer(n)) => self.queue_length = n as u32,
            ("jobs", Checked::Integer(n)) => self.jobs = n as u32,
            ("maxWaitMs", Checked::Integer(n)) => self.max_wait_ms = n as u32,
            ("thresholdMs", Checked::Integer(n)) => self.threshold_ms = n as u32,
            ("seed", Checked::Integer(n)) => self.seed = Some(n),
            ("waits", Checked::Waits(waits)) => self.waits = Some(waits),
            ("cancelInFlight", Checked::Boolean(b)) => self.cancel_in_flight = b,
            ("failFast", Checked::Boolean(b)) => self.fail_fast = b,
            ("speed", Checked::Number(n)) => self.speed = n,
            // signal and pause: the JS layer takes them, and their check above refuses any Value.
            _ => {}
        }
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
        };
        assert_eq!(Options::default(), defaults);
        assert_eq!(parse(&[]), Ok(defaults.clone()));
        assert_eq!(parse(&[("workers", Value::Undefined)]), Ok(defaults));
    }

    #[test]
    fn hundredths_are_written_as_js_writes_numbers() {
        for (n, written) in [(10, "0.1"), (25, "0.25"), (100, "1"), (5, "0.05"), (150, "1.5"), (0, "0")] {
            assert_eq!(Hundredths(n).to_string(), written);
            assert_eq!(Hundredths(n).get().to_string(), written);
        }
    }

    #[test]
    fn the_waits_override_options_that_exist() {
        let Some(OptionKind::Waits { overrides, .. }) = spec("waits").map(|spec| spec.kind) else { panic!("waits") };
        assert!(overrides.iter().all(|name| spec(name).is_some()));
    }

    #[test]
    fn every_option_has_one_js_name_and_one_attribute() {
        for spec in OPTIONS {
            let kebab: String =
                spec.name.chars().flat_map(|c| if c.is_ascii_uppercase() { vec!['-', c.to_ascii_lowercase()] } else { vec![c] }).collect();
            assert!(spec.attribute.is_none_or(|attribute| attribute == kebab), "{spec:?}");
            assert_eq!(OPTIONS.iter().filter(|other| other.name == spec.name).count(), 1);
        }
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
        assert_eq!(
            message(&[("waits", Value::String("1,2".into()))]),
            r#"waits must be an array of integers from 0 to 600000, got "1,2" (a string)"#
        );
        assert_eq!(
            message(&[("seed", Value::Number(2f64.powi(60)))]),
            "seed must be an integer from 0 to 9007199254740991, got 1152921504606847000"
        );
        assert_eq!(message(&[("signal", Value::Bool(true))]), "signal must be an AbortSignal, got true");
        assert_eq!(message(&[("speed", Value::Number(0.05))]), "speed must be a number from 0.1 to 1, got 0.05");
        assert_eq!(message(&[("speed", Value::Number(f64::NAN))]), "speed must be a number from 0.1 to 1, got NaN");
        assert_eq!(message(&[("speed", Value::String("1".into()))]), r#"speed must be a number from 0.1 to 1, got "1" (a string)"#);
        assert_eq!(parse(&[("speed", Value::Number(0.25))]).unwrap().speed, 0.25);
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
        let options = parse(&[
            ("workers", Value::Number(10_000.0)),
            ("jobs", Value::Number(0.0)),
            ("seed", Value::Number(((1u64 << 53) - 1) as f64)),
        ])
        .unwrap();
        assert_eq!((options.workers, options.jobs, options.seed), (10_000, 0, Some((1 << 53) - 1)));
    }
}
