//! The one check of the options, whoever gives them: `run`'s options, the
//! element's properties, its attributes, the page's URL and the form. Each
//! option is given as a [`Value`] with its [`Source`], which decides how the
//! message names it; the table's limits decide what is allowed; and what
//! passes goes straight into the field of [`Options`] that the demo reads.
//!
//! So a setting given as text reaches the worker loop in four forms: its
//! text (an attribute, a URL parameter, a field), the element's property
//! (a JS value, which the run is given), a [`Value`], and the field of
//! [`Options`], in the type the dispatcher takes.

use crate::messages::{Expected, OptionError, Problem};
use crate::options::{position, Api, OptionKind, OptionSpec, OPTIONS};
use alloc::vec::Vec;

/// A value as it arrives from JS, before any check.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // One variant per JS type.
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    /// A string (which no option takes: the check needs no more of it).
    String,
    /// An array, or a typed array.
    List(Vec<Value>),
    /// Anything else: an object, a function, a bigint, a symbol.
    Other,
}

/// Where an option was given: how its message names it. (JS shows what was
/// given, from the value and its text.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A JS value: an option of `run`, or a property of the element. It is
    /// named by its JS name, `queueLength`.
    Js,
    /// An attribute of the element or a URL parameter of the page, read from
    /// text. It is named by its attribute, `queue-length`.
    Text,
    /// A field of the element's form, read from text. It is named by the
    /// field's label, `Queue length`.
    Form,
}

/// One option as it was given: by this name, this value, from this source.
#[derive(Clone, Copy, Debug)]
pub struct Given<'a> {
    /// The name it was given under: a JS name for [`Source::Js`], else an attribute.
    pub name: &'a str,
    /// Its value; `Undefined` stands for an option left out, as in JS.
    pub value: &'a Value,
    /// Where it came from.
    pub source: Source,
}

impl<'a> Given<'a> {
    /// `value` given as `run`'s option `name`.
    pub fn js(name: &'a str, value: &'a Value) -> Self {
        Given { name, value, source: Source::Js }
    }
}

/// Options for one run, checked, in the types the run takes: a demo run's
/// (`run`), or a `map`'s, which reads the fields of the options it takes.
/// [`Options::default`] is the original Go program's, as the table says.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // Each field is the option of the same name: see `OPTIONS`.
pub struct Options {
    pub workers: usize,
    pub queue_length: usize,
    pub jobs: usize,
    pub max_wait_ms: u32,
    pub threshold_ms: u32,
    /// `None` asks the caller for a random seed.
    pub seed: Option<u64>,
    pub waits: Option<Vec<u32>>,
    pub cancel_in_flight: bool,
    pub fail_fast: bool,
    pub speed: f64,
    pub devtools: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options::DEFAULT
    }
}

/// The position in [`OPTIONS`] of the option called `name`, found as the
/// crate is compiled (`usize::MAX` where this build's table has none), so
/// that the check picks an option's field by a number, not by its name.
const fn place(name: &str) -> usize {
    let name = name.as_bytes();
    let mut i = 0;
    'options: while i < OPTIONS.len() {
        let known = OPTIONS[i].name.as_bytes();
        i += 1;
        if known.len() != name.len() {
            continue;
        }
        let mut j = 0;
        while j < name.len() {
            if known[j] != name[j] {
                continue 'options;
            }
            j += 1;
        }
        return i - 1;
    }
    usize::MAX
}

const WORKERS: usize = place("workers");
const QUEUE_LENGTH: usize = place("queueLength");
const JOBS: usize = place("jobs");
const MAX_WAIT_MS: usize = place("maxWaitMs");
const THRESHOLD_MS: usize = place("thresholdMs");
const SEED: usize = place("seed");
const WAITS: usize = place("waits");
const SPEED: usize = place("speed");
const CANCEL_IN_FLIGHT: usize = place("cancelInFlight");
const FAIL_FAST: usize = place("failFast");
const DEVTOOLS: usize = place("devtools");

/// The default of the option at `position`, as the table says: an integer's,
/// a number's (in hundredths) or a boolean's; 0 if it has none.
const fn default_of(place: usize) -> u64 {
    if place >= OPTIONS.len() {
        return 0;
    }
    match OPTIONS[place].kind {
        OptionKind::Integer { default: Some(default), .. } => default,
        OptionKind::Number { default, .. } => default.0 as u64,
        OptionKind::Boolean { default } => default as u64,
        _ => 0,
    }
}

impl Options {
    /// The original Go program's, as the table says, worked out as the crate is compiled.
    const DEFAULT: Options = Options {
        workers: default_of(WORKERS) as usize,
        queue_length: default_of(QUEUE_LENGTH) as usize,
        jobs: default_of(JOBS) as usize,
        max_wait_ms: default_of(MAX_WAIT_MS) as u32,
        threshold_ms: default_of(THRESHOLD_MS) as u32,
        seed: None,
        waits: None,
        cancel_in_flight: default_of(CANCEL_IN_FLIGHT) != 0,
        fail_fast: default_of(FAIL_FAST) != 0,
        speed: default_of(SPEED) as f64 / 100.0,
        devtools: default_of(DEVTOOLS) != 0,
    };

    /// Checks every option given, and stops at the first problem: first a
    /// name that is no option's, then an option given twice, then each
    /// value in the order given, then values that contradict each other
    /// (`jobs` that are not as many as the given `waits`).
    pub fn parse<'a>(given: impl IntoIterator<Item = Given<'a>>) -> Result<Options, OptionError> {
        Options::parse_all(Api::Run, &given.into_iter().collect::<Vec<_>>())
    }

    /// [`parse`](Self::parse) for the options of `api`: a name that is
    /// another function's option is as unknown as a misspelt one.
    pub fn parse_for<'a>(api: Api, given: impl IntoIterator<Item = Given<'a>>) -> Result<Options, OptionError> {
        Options::parse_all(api, &given.into_iter().collect::<Vec<_>>())
    }

    /// [`parse`](Self::parse), made once for every caller: the wasm module has one copy.
    #[inline(never)]
    fn parse_all(api: Api, given: &[Given<'_>]) -> Result<Options, OptionError> {
        // Each option given (not undefined): its position in the table, and its place among those given.
        let mut specs: Vec<(usize, usize)> = Vec::with_capacity(given.len());
        for (place, given) in given.iter().enumerate().filter(|(_, given)| *given.value != Value::Undefined) {
            let position = resolve(api, given).map_err(|error| error.at(place))?;
            specs.push((position, place));
        }
        for (i, &(position, first)) in specs.iter().enumerate() {
            if let Some(&(_, second)) = specs.iter().skip(i + 1).find(|(other, _)| *other == position) {
                return Err(OptionError::new(&OPTIONS[position], given[first].source, Problem::Twice { second }).at(first));
            }
        }
        let mut options = Options::default();
        let mut jobs = None;
        for &(position, place) in &specs {
            let given = &given[place];
            options.set(position, given).map_err(|error| error.at(place))?;
            if position == JOBS {
                jobs = Some((given.source, place));
            }
        }
        match (jobs, &options.waits) {
            (Some((source, place)), Some(waits)) if options.jobs != waits.len() => {
                Err(OptionError::new(&OPTIONS[JOBS], source, Problem::Conflict { jobs: options.jobs, waits: waits.len() }).at(place))
            }
            _ => Ok(options),
        }
    }

    /// An option's effect: its value checked by its kind (one check of
    /// each kind in the wasm module), into the field it sets. Each option of
    /// the table has its field here: the last arm of each kind is its last
    /// option (a debug build asserts it, and `tests/checks.rs` sets each).
    fn set(&mut self, position: usize, given: &Given<'_>) -> Result<(), OptionError> {
        let spec = &OPTIONS[position];
        match spec.kind {
            OptionKind::Integer { .. } => {
                let n = spec.integer(given)?;
                // The table's limits fit each field's type.
                match position {
                    WORKERS => self.workers = n as usize,
                    QUEUE_LENGTH => self.queue_length = n as usize,
                    JOBS => self.jobs = n as usize,
                    MAX_WAIT_MS => self.max_wait_ms = n as u32,
                    THRESHOLD_MS => self.threshold_ms = n as u32,
                    _ => {
                        debug_assert_eq!(position, SEED, "{}", spec.name);
                        self.seed = Some(n);
                    }
                }
            }
            OptionKind::Boolean { .. } => {
                let b = spec.boolean(given)?;
                match position {
                    CANCEL_IN_FLIGHT => self.cancel_in_flight = b,
                    FAIL_FAST => self.fail_fast = b,
                    _ => {
                        debug_assert_eq!(position, DEVTOOLS, "{}", spec.name);
                        self.devtools = b;
                    }
                }
            }
            OptionKind::Number { .. } => {
                debug_assert_eq!(position, SPEED, "{}", spec.name);
                self.speed = spec.number(given)?;
            }
            OptionKind::Waits { .. } => {
                debug_assert_eq!(position, WAITS, "{}", spec.name);
                self.waits = Some(spec.waits(given)?);
            }
            // signal, pause and onProgress: the JS layer takes them, and no Value is one.
            OptionKind::Object { .. } => return Err(spec.refused(given, false)),
        }
        Ok(())
    }
}

/// The position in [`OPTIONS`] of a given option's name, by its JS name or its attribute, if `api` takes it.
fn resolve(api: Api, given: &Given<'_>) -> Result<usize, OptionError> {
    let found = position(given.name, given.source != Source::Js);
    found.filter(|&i| OPTIONS[i].is_of(api)).ok_or_else(|| OptionError::unknown(api, given.source))
}

/// The checks of a value by its spec: what the table says of an option is
/// all they know of it, and each message names the option as it was given.
impl OptionSpec {
    /// An integer within the spec's limits.
    pub fn integer(&self, given: &Given<'_>) -> Result<u64, OptionError> {
        let OptionKind::Integer { min, max, .. } = self.kind else { return Err(self.refused(given, false)) };
        integer(given.value, min, max).map_err(|out_of_range| self.refused(given, out_of_range))
    }

    /// A number within the spec's limits.
    pub fn number(&self, given: &Given<'_>) -> Result<f64, OptionError> {
        match (self.kind, given.value) {
            (OptionKind::Number { min, max, .. }, Value::Number(n)) if (min.get()..=max.get()).contains(n) => Ok(*n),
            (OptionKind::Number { .. }, Value::Number(_)) => Err(self.refused(given, true)),
            _ => Err(self.refused(given, false)),
        }
    }

    /// `true` or `false`.
    pub fn boolean(&self, given: &Given<'_>) -> Result<bool, OptionError> {
        match given.value {
            Value::Bool(b) => Ok(*b),
            _ => Err(self.refused(given, false)),
        }
    }

    /// A list of waits, each within the spec's limits.
    pub fn waits(&self, given: &Given<'_>) -> Result<Vec<u32>, OptionError> {
        let (OptionKind::Waits { max_length, max, .. }, Value::List(list)) = (self.kind, given.value) else {
            return Err(self.refused(given, false));
        };
        if list.len() as u64 > max_length {
            return Err(OptionError::new(self, given.source, Problem::Range(Expected::AtMost { max_length })));
        }
        // The first item refused, if any.
        let refused = list.iter().enumerate().find_map(|(i, item)| integer(item, 0, max).err().map(|out_of_range| (i, out_of_range)));
        if let Some((i, out_of_range)) = refused {
            let mut error = self.refused_as(given, Expected::Integer { min: 0, max }, out_of_range);
            error.item = Some(i);
            return Err(error);
        }
        Ok(list.iter().map(|item| integer(item, 0, max).unwrap_or_default() as u32).collect())
    }

    /// The error for a value it refuses: out of range (a `RangeError`), or of the wrong type.
    #[inline(never)]
    fn refused(&self, given: &Given<'_>, out_of_range: bool) -> OptionError {
        self.refused_as(given, self.expected(), out_of_range)
    }

    /// The error for a value (or an item of a list) that is not `expected`:
    /// out of range (a `RangeError`), or of the wrong type.
    fn refused_as(&self, given: &Given<'_>, expected: Expected, out_of_range: bool) -> OptionError {
        let problem = if out_of_range { Problem::Range(expected) } else { Problem::Type(expected) };
        OptionError::new(self, given.source, problem)
    }
}

/// `value` as an integer from `min` to `max`; else whether it is a number out of range (or else of the wrong type).
fn integer(value: &Value, min: u64, max: u64) -> Result<u64, bool> {
    match *value {
        Value::Number(n) if n % 1.0 == 0.0 && n >= min as f64 && n <= max as f64 => Ok(n as u64),
        Value::Number(_) => Err(true),
        _ => Err(false),
    }
}
