//! Why an option was refused, in words: the [`OptionError`] that the JS API
//! throws as a `TypeError` or `RangeError`, and that `<dispatcher-demo>`
//! shows as it is; and the suggestion for a misspelt name. Every message of
//! the check is written here, once.

use alloc::format;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;
use core::fmt;

use crate::check::{Source, Value};
use crate::options::{options_of, Api, OptionKind, OptionSpec, FLAGS};
use crate::words::{trim, Words};

/// Why an option was refused. Its `Display` is the message the JS API throws.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError {
    /// The option, by its JS name, with `[i]` for an item of a list: what
    /// the JS error's `option` says. An unknown name, as it was given.
    pub option: String,
    /// The option as the message names it, where it was given: its JS name,
    /// its attribute, or its field's label.
    pub named: String,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with an option.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The fields are what it must be and what it was.
pub enum Problem {
    /// No option of `api` has this name. `suggestion` is the nearest one,
    /// named as the unknown one was (by JS name or by attribute); `settings`
    /// says that it was given as a setting of the page or the element.
    Unknown { api: Api, suggestion: Option<&'static str>, settings: bool },
    /// The value has the wrong type: a `TypeError` in JS.
    Type { expected: String, got: Got },
    /// The value has the right type but is out of range, or not an integer:
    /// a `RangeError` in JS.
    Range { expected: String, got: Got },
    /// The option was given twice (as two attributes cannot be, but two URL
    /// parameters can), as these texts.
    Twice { given: [String; 2] },
    /// `jobs` is not the number of the given waits, which set it.
    Conflict { jobs: usize, waits: usize },
}

/// A refused value, as a message shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Got {
    /// A number, shown as JS's `String(n)` shows it.
    Number(f64),
    /// Anything else, in words: `"5" (a string)`, `an object`, `nothing`, `1000001 waits`.
    Words(String),
}

impl Got {
    /// The words, with numbers written by `number`. (The JS layer passes
    /// JS's own `String(n)`, and so leaves Rust's float formatting out of
    /// the wasm module.)
    pub fn written(&self, number: fn(f64) -> String) -> String {
        match self {
            Got::Number(n) => number(*n),
            Got::Words(words) => words.clone(),
        }
    }
}

impl OptionError {
    /// A problem with `spec`'s option, given from `source`.
    pub(crate) fn new(spec: &OptionSpec, source: Source<'_>, problem: Problem) -> Self {
        let named = match (source, spec.setting) {
            (Source::Text(_), Some(setting)) => setting.attribute,
            // A list is named by its attribute, with its item: waits[1].
            (Source::Form(_), Some(setting)) if matches!(spec.kind, OptionKind::Waits { .. }) => setting.attribute,
            (Source::Form(_), Some(setting)) => setting.label,
            _ => spec.name,
        };
        OptionError { option: spec.name.into(), named: named.into(), problem }
    }

    /// No option of `api` is called `name`, as given from `source`.
    pub(crate) fn unknown(api: Api, name: &str, source: Source<'_>) -> Self {
        let settings = source != Source::Js;
        let suggestion = nearest(api, name).and_then(|known| if settings { known.attribute() } else { Some(known.name) });
        OptionError { option: name.into(), named: name.into(), problem: Problem::Unknown { api, suggestion, settings } }
    }

    /// The same problem, with item `i` of the option's list.
    pub(crate) fn item(mut self, i: usize) -> Self {
        let index = Words::default().and("[").number(i as u64).and("]").done();
        self.option.push_str(&index);
        self.named.push_str(&index);
        self
    }

    /// Whether JS should throw it as a `TypeError` (else a `RangeError`).
    pub fn is_type_error(&self) -> bool {
        matches!(self.problem, Problem::Unknown { .. } | Problem::Type { .. } | Problem::Twice { .. })
    }

    /// The message, with numbers written by `number`; `Display` writes them
    /// as JS would.
    pub fn message(&self, number: fn(f64) -> String) -> String {
        let named = &self.named;
        match &self.problem {
            Problem::Unknown { api, suggestion, settings } => {
                let what = if *settings { "setting" } else { "option" };
                let mut message = Words::default();
                message.and("unknown ").and(what).and(" ").quoted(named).and("; ");
                if let Some(known) = suggestion {
                    return message.and("did you mean ").quoted(known).and("?").done();
                }
                // `run`'s are the demo's, and the element's settings; `map`'s are named.
                message.and(if *api == Api::Map { "map's " } else { "the " }).and(what).and("s are ");
                let mut separator = "";
                let mut list = |name| {
                    message.and(separator).and(name);
                    separator = ", ";
                };
                for spec in options_of(*api) {
                    match (settings, spec.attribute()) {
                        (false, _) => list(spec.name),
                        (true, Some(attribute)) => list(attribute),
                        (true, None) => {}
                    }
                }
                if *settings {
                    FLAGS.into_iter().for_each(list);
                }
                message.done()
            }
            Problem::Type { expected, got } | Problem::Range { expected, got } => {
                Words::default().and(named).and(" must be ").and(expected).and(", got ").and(&got.written(number)).done()
            }
            Problem::Twice { given: [first, second] } => {
                Words::default().and(named).and(" is given twice (").quoted(first).and(" and ").quoted(second).and("): give it once").done()
            }
            Problem::Conflict { jobs, waits } => {
                let mut message = Words::default();
                message.and(named).and(" is ").number(*jobs as u64).and(", but ").number(*waits as u64);
                message.and(" waits are given, which set the number of jobs: leave ").and(named).and(" out").done()
            }
        }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(js_number))
    }
}

impl core::error::Error for OptionError {}

/// The known option of `run` closest to an unknown name, by its JS name, if
/// one is close enough to be a likely typo: same letters in another case or
/// with `-`/`_`, or within two edits of it.
pub fn suggest(name: &str) -> Option<&'static str> {
    nearest(Api::Run, name).map(|spec| spec.name)
}

/// The option of `api` that [`suggest`] would suggest.
fn nearest(api: Api, name: &str) -> Option<&'static OptionSpec> {
    let plain = |s: &str| s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()).collect::<Vec<u8>>();
    let name = plain(name);
    // The first of the nearest, in the table's order, within two edits.
    let (mut nearest, mut fewest) = (None, 3);
    for known in options_of(api) {
        let distance = edits(&name, &plain(known.name));
        if distance < fewest {
            (nearest, fewest) = (Some(known), distance);
        }
    }
    nearest
}

/// The Levenshtein distance of two ASCII names: the fewest insertions,
/// deletions and substitutions that make one the other.
fn edits(a: &[u8], b: &[u8]) -> usize {
    // The distances from a's first i letters to each start of b.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let (mut diagonal, mut left) = (i, i + 1);
        for (cell, &y) in row.iter_mut().skip(1).zip(b) {
            let above = *cell;
            left = (diagonal + usize::from(x != y)).min(left + 1).min(above + 1);
            (*cell, diagonal) = (left, above);
        }
        row[0] = i + 1;
    }
    row.last().copied().unwrap_or_default()
}

/// A value as a message shows what was given: from text, an empty text is
/// nothing, and a number is shown as it was written when it was written
/// as digits (2^64 has no double of its own).
pub(crate) fn got(value: &Value, source: Source<'_>) -> Got {
    let text = match source {
        Source::Text(text) | Source::Form(text) => Some(trim(text)),
        Source::Js => None,
    };
    let mut words = Words::default();
    match value {
        Value::Number(n) => match text {
            Some(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => words.and(text),
            _ => return Got::Number(*n),
        },
        Value::String(s) if s.is_empty() && text.is_some() => words.and("nothing"),
        Value::String(s) => words.quoted(s).and(" (a string)"),
        other => words.and(match other {
            Value::Null => "null",
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
            Value::List(_) => "an array",
            Value::Other(what) => what,
            _ => "undefined",
        }),
    };
    Got::Words(words.done())
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
    use crate::check::Given;
    use crate::options::Api;
    use crate::Options;

    fn message(entries: &[(&str, Value)]) -> String {
        Options::parse(entries.iter().map(|(name, value)| Given::js(name, value))).unwrap_err().to_string()
    }

    fn setting_message(name: &str) -> String {
        Options::parse([Given { name, value: &Value::Number(3.0), source: Source::Text("3") }]).unwrap_err().to_string()
    }

    #[test]
    fn numbers_are_shown_as_js_shows_them() {
        for (n, js) in [
            (0.0, "0"),
            (-0.0, "0"),
            (42.0, "42"),
            (-1.5, "-1.5"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (123456789012345680000.0, "123456789012345680000"),
        ] {
            assert_eq!(js_number(n), js, "{n}");
        }
    }

    #[test]
    fn edits_count_insertions_deletions_and_substitutions() {
        for (a, b, n) in [
            ("", "", 0),
            ("abc", "", 3),
            ("", "ab", 2),
            ("kitten", "sitting", 3),
            ("worker", "workers", 1),
            ("queuelenght", "queuelength", 2),
        ] {
            assert_eq!(edits(a.as_bytes(), b.as_bytes()), n, "{a} {b}");
            assert_eq!(edits(b.as_bytes(), a.as_bytes()), n, "{b} {a}");
        }
    }

    #[test]
    fn unknown_options_suggest_the_nearest_known_one() {
        assert_eq!(message(&[("worker", Value::Number(1.0))]), r#"unknown option "worker"; did you mean "workers"?"#);
        assert_eq!(suggest("queue_length"), Some("queueLength"));
        assert_eq!(suggest("max-wait-ms"), Some("maxWaitMs"));
        assert_eq!(suggest("CancelInFlight"), Some("cancelInFlight"));
        assert_eq!(
            message(&[("colour", Value::Bool(true))]),
            r#"unknown option "colour"; the options are workers, queueLength, jobs, maxWaitMs, thresholdMs, seed, waits, cancelInFlight, failFast, speed, signal, pause"#
        );
    }

    #[test]
    fn map_takes_only_its_own_options_and_lists_them() {
        let map_message = |name, value: &Value| Options::parse_for(Api::Map, [Given::js(name, value)]).unwrap_err().to_string();
        assert_eq!(
            map_message("jobs", &Value::Number(3.0)),
            r#"unknown option "jobs"; map's options are workers, queueLength, cancelInFlight, failFast, devtools, signal, pause, onProgress"#
        );
        assert_eq!(map_message("onprogress", &Value::Null), r#"unknown option "onprogress"; did you mean "onProgress"?"#);
        assert_eq!(map_message("concurrency", &Value::Number(3.0)).split(';').next(), Some(r#"unknown option "concurrency""#));
        // run's second argument is no option of run's.
        assert_eq!(message(&[("onProgress", Value::Other("a function"))]).split(';').next(), Some(r#"unknown option "onProgress""#));
        assert!(Options::parse_for(Api::Map, [Given::js("workers", &Value::Number(4.0))]).is_ok_and(|options| options.workers == 4));
    }

    #[test]
    fn unknown_settings_suggest_the_nearest_by_its_attribute_or_list_the_settings() {
        assert_eq!(setting_message("queue-lenght"), r#"unknown setting "queue-lenght"; did you mean "queue-length"?"#);
        assert_eq!(setting_message("Workers"), r#"unknown setting "Workers"; did you mean "workers"?"#);
        assert_eq!(
            setting_message("nonsense"),
            r#"unknown setting "nonsense"; the settings are workers, queue-length, jobs, max-wait-ms, threshold-ms, seed, waits, cancel-in-flight, fail-fast, speed, autorun"#
        );
        // An option that only JS can pass is no setting.
        assert!(setting_message("signal").starts_with(r#"unknown setting "signal""#));
    }

    #[test]
    fn markup_is_quoted_as_text() {
        let value = Value::String("<img src=x>\"".into());
        let error = Options::parse([Given { name: "workers", value: &value, source: Source::Text("<img src=x>\"") }]).unwrap_err();
        assert_eq!(error.to_string(), r#"workers must be an integer from 1 to 10000, got "<img src=x>\"" (a string)"#);
    }
}
