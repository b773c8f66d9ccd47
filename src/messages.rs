//! Why an option was refused, in words: the [`OptionError`] that the JS
//! API throws as a `TypeError` or `RangeError`, and the suggestion for a
//! misspelt name.

use std::fmt;

use crate::options::{Value, OPTIONS};

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
                let names: Vec<&str> = OPTIONS.iter().map(|spec| spec.name).collect();
                format!("unknown option {}; the options are {}", quote(name), names.join(", "))
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

/// The known option closest to an unknown name, if one is close enough to be
/// a likely typo: same letters in another case or with `-`/`_`, or within two
/// edits of it.
pub fn suggest(name: &str) -> Option<&'static str> {
    let plain = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let name = plain(name);
    OPTIONS
        .iter()
        .map(|known| (strsim::levenshtein(&name, &plain(known.name)), known.name))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, known)| known)
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
    use crate::Options;

    fn message(entries: &[(&str, Value)]) -> String {
        Options::parse(entries.iter().map(|(name, value)| (*name, value))).unwrap_err().to_string()
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
}
