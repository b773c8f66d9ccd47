//! Why an option was refused: the [`OptionError`] that the JS API throws as
//! a `TypeError` or `RangeError`, and that `<dispatcher-demo>` shows as it
//! is. The check decides what is wrong and says it here in parts (which
//! option, which rule, its bounds, which of the options given);
//! `src/web/tasks.js`'s `optionError` writes the message from them, the one
//! writer of each, with the nearest known name for an unknown one.

use crate::check::Source;
use crate::options::{Api, Hundredths, OptionKind, OptionSpec};

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
    /// No option of `api` has this name; `settings` says that it was given
    /// as a setting of the page or the element. (JS's message suggests the
    /// nearest known name, from the table's names, which `tests/tables.rs`
    /// copies into `tasks.js`.)
    Unknown { api: Api, settings: bool },
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

    /// The name given from `source` is no option of `api`'s.
    pub(crate) fn unknown(api: Api, source: Source) -> Self {
        let settings = source != Source::Js;
        OptionError { given: 0, option: "", named: "", item: None, problem: Problem::Unknown { api, settings } }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Given, Value};
    use crate::Options;

    fn unknown(api: Api, name: &str, source: Source) -> Problem {
        Options::parse_for(api, [Given { name, value: &Value::Number(3.0), source }]).unwrap_err().problem
    }

    #[test]
    fn unknown_options_are_unknown_to_their_function() {
        assert_eq!(unknown(Api::Run, "worker", Source::Js), Problem::Unknown { api: Api::Run, settings: false });
        assert_eq!(unknown(Api::Map, "jobs", Source::Js), Problem::Unknown { api: Api::Map, settings: false });
        // run's second argument is no option of run's.
        assert_eq!(unknown(Api::Run, "onProgress", Source::Js), Problem::Unknown { api: Api::Run, settings: false });
        assert!(Options::parse_for(Api::Map, [Given::js("workers", &Value::Number(4.0))]).is_ok_and(|options| options.workers == 4));
        // An option that only JS can pass is no setting.
        assert_eq!(unknown(Api::Run, "signal", Source::Text), Problem::Unknown { api: Api::Run, settings: true });
        assert_eq!(unknown(Api::Run, "queue-lenght", Source::Form), Problem::Unknown { api: Api::Run, settings: true });
    }
}
