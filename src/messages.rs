//! Why an option was refused: the [`OptionError`] that the JS API throws as
//! a `TypeError` or `RangeError`, and that `<dispatcher-demo>` shows as it
//! is; and the suggestion for a misspelt name. The check decides what is
//! wrong and says it here in parts (which option, which rule, its bounds,
//! which of the options given); `src/web/tasks.js`'s `optionError` writes
//! the message from them, the one writer of each.

use alloc::vec::Vec;

use crate::check::Source;
use crate::options::{options_of, Api, Hundredths, OptionKind, OptionSpec};

/// Why an option was refused, in parts: JS writes its message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptionError {
    /// Which of the options given it is about: its place among those given
    /// to [`Options::parse`](crate::Options::parse), in their order.
    pub given: usize,
    /// The option by its JS name; for an unknown one, empty (its name is the given one's).
    pub option: &'static str,
    /// The option as the message names it, where it was given: its JS name,
    /// its attribute, or its field's label; for an unknown one, empty.
    pub named: &'static str,
    /// The item of its list that is refused, if it is one.
    pub item: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with an option.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(missing_docs)] // The fields are what it must be and what it was.
pub enum Problem {
    /// No option of `api` has this name. `suggestion` is the nearest one,
    /// named as the unknown one was (by JS name or by attribute); `settings`
    /// says that it was given as a setting of the page or the element.
    Unknown { api: Api, suggestion: Option<&'static str>, settings: bool },
    /// The value has the wrong type: a `TypeError` in JS.
    Type(Expected),
    /// The value has the right type but is out of range, or not an integer:
    /// a `RangeError` in JS.
    Range(Expected),
    /// The option was given twice (as two attributes cannot be, but two URL
    /// parameters can): first as the given one, then as the given one at `second`.
    Twice { second: usize },
    /// `jobs` is not the number of the given waits, which set it.
    Conflict { jobs: usize, waits: usize },
}

/// What a refused value must be.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(missing_docs)] // The limits, as the table has them.
pub enum Expected {
    /// An integer from `min` to `max`.
    Integer { min: u64, max: u64 },
    /// A number from `min` to `max`.
    Number { min: Hundredths, max: Hundredths },
    /// `true` or `false`.
    Boolean,
    /// An array of integers from 0 to `max`.
    Waits { max: u64 },
    /// An array of at most `max_length` items (the given one is longer).
    AtMost { max_length: u64 },
    /// A JS object of a class, or a function, in these words: `"an AbortSignal"`.
    Object(&'static str),
}

impl OptionError {
    /// A problem with `spec`'s option, given from `source` (the first given
    /// until the check says which).
    pub(crate) fn new(spec: &OptionSpec, source: Source, problem: Problem) -> Self {
        let named = match (source, spec.setting) {
            (Source::Text, Some(setting)) => setting.attribute,
            // A list is named by its attribute, with its item: waits[1].
            (Source::Form, Some(setting)) if matches!(spec.kind, OptionKind::Waits { .. }) => setting.attribute,
            (Source::Form, Some(setting)) => setting.label,
            _ => spec.name,
        };
        OptionError { given: 0, option: spec.name, named, item: None, problem }
    }

    /// No option of `api` is called `name`, as given from `source`.
    pub(crate) fn unknown(api: Api, name: &str, source: Source) -> Self {
        let settings = source != Source::Js;
        let suggestion = nearest(api, name).and_then(|known| if settings { known.attribute() } else { Some(known.name) });
        OptionError { given: 0, option: "", named: "", item: None, problem: Problem::Unknown { api, suggestion, settings } }
    }

    /// The same error, about the option given at `place`.
    pub(crate) fn at(mut self, place: usize) -> Self {
        self.given = place;
        self
    }

    /// Whether JS should throw it as a `TypeError` (else a `RangeError`).
    pub fn is_type_error(&self) -> bool {
        !matches!(self.problem, Problem::Range { .. } | Problem::Conflict { .. })
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Given, Value};
    use crate::Options;

    fn unknown(api: Api, name: &str, source: Source) -> Problem {
        Options::parse_for(api, [Given { name, value: &Value::Number(3.0), source }]).unwrap_err().problem
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
        assert_eq!(
            unknown(Api::Run, "worker", Source::Js),
            Problem::Unknown { api: Api::Run, suggestion: Some("workers"), settings: false }
        );
        assert_eq!(suggest("queue_length"), Some("queueLength"));
        assert_eq!(suggest("max-wait-ms"), Some("maxWaitMs"));
        assert_eq!(suggest("CancelInFlight"), Some("cancelInFlight"));
        assert_eq!(unknown(Api::Run, "colour", Source::Js), Problem::Unknown { api: Api::Run, suggestion: None, settings: false });
    }

    #[test]
    fn map_takes_only_its_own_options() {
        assert_eq!(unknown(Api::Map, "jobs", Source::Js), Problem::Unknown { api: Api::Map, suggestion: None, settings: false });
        assert_eq!(
            unknown(Api::Map, "onprogress", Source::Js),
            Problem::Unknown { api: Api::Map, suggestion: Some("onProgress"), settings: false }
        );
        // run's second argument is no option of run's.
        assert!(matches!(unknown(Api::Run, "onProgress", Source::Js), Problem::Unknown { .. }));
        assert!(Options::parse_for(Api::Map, [Given::js("workers", &Value::Number(4.0))]).is_ok_and(|options| options.workers == 4));
    }

    #[test]
    fn unknown_settings_suggest_the_nearest_by_its_attribute() {
        let setting = |name| unknown(Api::Run, name, Source::Text);
        assert_eq!(setting("queue-lenght"), Problem::Unknown { api: Api::Run, suggestion: Some("queue-length"), settings: true });
        assert_eq!(setting("Workers"), Problem::Unknown { api: Api::Run, suggestion: Some("workers"), settings: true });
        assert_eq!(setting("nonsense"), Problem::Unknown { api: Api::Run, suggestion: None, settings: true });
        // An option that only JS can pass is no setting.
        assert!(matches!(setting("signal"), Problem::Unknown { .. }));
    }
}
