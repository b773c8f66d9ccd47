//! The JS API's options, in one table: [`OPTIONS`] holds each option's names
//! (in JS, as an attribute and URL parameter, and as the form's label),
//! kind, default, range, the functions that take it ([`Api`]) and doc line. The check ([`Options::parse`](crate::Options::parse))
//! and its messages read it; the TypeScript types, the docs' table and the
//! page's copy of it (`www/spec.js`, from which the element's form is made)
//! come from it through files that `tests/tables.rs` writes
//! (`make generated`) and checks (`cargo test`).
//!
//! Adding an option is one entry in the table, plus its effect: a field of
//! [`Options`](crate::Options), set in `Options::set`, and used by the demo.

use crate::messages::Expected;
use core::fmt;

/// One option of the JS API's `run` or `map` (or both: [`OptionSpec::of`]),
/// which is also a setting of the page and of `<dispatcher-demo>` when it
/// has a [`Setting`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptionSpec {
    /// Its name in the JS API: `queueLength`.
    pub name: &'static str,
    /// How the page and the element take it; `None` for what only JS can pass.
    pub setting: Option<Setting>,
    /// What it takes, and its default.
    pub kind: OptionKind,
    /// The functions of the JS API that take it.
    pub of: &'static [Api],
    /// One sentence, for the TypeScript, the docs and the form's field.
    pub doc: Doc,
}

/// A function of the JS API that takes options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// `run(options, onProgress)`: the original Go program's jobs, and the
    /// settings of the page and the element.
    Run,
    /// `map(input, mapper, options)`: a job per item of the page's own input.
    Map,
}

/// An option of both functions.
const BOTH: &[Api] = &[Api::Run, Api::Map];
/// An option of the demo's jobs.
const RUN: &[Api] = &[Api::Run];

/// An option's doc line. The wasm module never shows one, so there it is
/// left out: 0.4 KB of the module, gzipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc(#[cfg(not(target_arch = "wasm32"))] &'static str);

impl Doc {
    /// The doc line `text` (in the wasm module, nothing).
    pub const fn new(text: &'static str) -> Doc {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = text;
            Doc()
        }
        #[cfg(not(target_arch = "wasm32"))]
        Doc(text)
    }

    /// The line.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn text(&self) -> &'static str {
        self.0
    }
}

/// An option as a setting of the page and of `<dispatcher-demo>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    /// Its name as an attribute of the element and a URL parameter of the
    /// page: the JS name in kebab case, `queue-length`.
    pub attribute: &'static str,
    /// Its field's label in the element's form, which names it in a message
    /// about what is in the form: `Queue length`.
    pub label: &'static str,
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
    /// are in hundredths: exact, and comparable in a `const` table.
    Number {
        /// The smallest allowed.
        min: Hundredths,
        /// The largest allowed.
        max: Hundredths,
        /// Its value when left out.
        default: Hundredths,
        /// The step of the form's field.
        step: Hundredths,
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As JS writes it, as Rust writes floats: 0.25, 0.1, 4.
        fmt::Display::fmt(&self.get(), f)
    }
}

/// The most jobs one run may have.
pub const MAX_JOBS: u64 = 1_000_000;
/// The longest wait, and threshold, in ms: ten minutes.
pub const LONGEST_WAIT_MS: u64 = 600_000;
/// Random seeds are drawn from 0 to this: ten digits at most, which the
/// page shows whole. Any seed up to `Number.MAX_SAFE_INTEGER` may be given.
pub const RANDOM_SEEDS: u64 = u32::MAX as u64;

/// The element's attributes (and the page's URL parameters) that are flags,
/// not options: a message about an unknown setting lists them too.
pub const FLAGS: [&str; 1] = ["autorun"];

const fn setting(attribute: &'static str, label: &'static str) -> Option<Setting> {
    Some(Setting { attribute, label })
}

const fn integer(min: u64, max: u64, default: Option<u64>) -> OptionKind {
    OptionKind::Integer { min, max, default }
}

/// Every option, in the order the docs and the form list them. `map`'s own
/// are left out of the element's wasm module, which has no `map` (0.3 KB).
pub const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "workers",
        setting: setting("workers", "Workers"),
        kind: integer(1, 10_000, Some(10)),
        of: BOTH,
        doc: Doc::new("How many jobs run at once."),
    },
    OptionSpec {
        name: "queueLength",
        setting: setting("queue-length", "Queue length"),
        kind: integer(0, MAX_JOBS, Some(100)),
        of: BOTH,
        doc: Doc::new("How many jobs wait in the queue for a worker; 0 is Go's unbuffered channel."),
    },
    OptionSpec {
        name: "jobs",
        setting: setting("jobs", "Jobs"),
        kind: integer(0, MAX_JOBS, Some(100)),
        of: RUN,
        doc: Doc::new("How many jobs, when the waits are drawn."),
    },
    OptionSpec {
        name: "maxWaitMs",
        setting: setting("max-wait-ms", "Max wait (ms)"),
        kind: integer(1, LONGEST_WAIT_MS, Some(1000)),
        of: RUN,
        doc: Doc::new("Waits are drawn from 0 ms up to this, not included."),
    },
    OptionSpec {
        name: "thresholdMs",
        setting: setting("threshold-ms", "Threshold (ms)"),
        kind: integer(0, LONGEST_WAIT_MS, Some(990)),
        of: RUN,
        doc: Doc::new("A job whose wait is over this fails as it starts."),
    },
    OptionSpec {
        name: "seed",
        setting: setting("seed", "Seed"),
        kind: integer(0, (1 << 53) - 1, None),
        of: RUN,
        doc: Doc::new("Seeds the draw of the waits; random when left out."),
    },
    OptionSpec {
        name: "waits",
        setting: setting("waits", "Waits (ms, comma-separated)"),
        kind: OptionKind::Waits { max_length: MAX_JOBS, max: LONGEST_WAIT_MS, overrides: &["jobs", "maxWaitMs", "seed"] },
        of: RUN,
        doc: Doc::new("The waits in ms, given rather than drawn: they override jobs, maxWaitMs and seed."),
    },
    OptionSpec {
        name: "cancelInFlight",
        setting: setting("cancel-in-flight", "Cancel in-flight jobs"),
        kind: OptionKind::Boolean { default: true },
        of: BOTH,
        doc: Doc::new("Whether cancelling the run aborts the running jobs, or lets them finish as Go's do."),
    },
    OptionSpec {
        name: "failFast",
        setting: setting("fail-fast", "Fail fast"),
        kind: OptionKind::Boolean { default: true },
        of: BOTH,
        doc: Doc::new("Whether the first failure cancels the run, or every job runs and every error is kept."),
    },
    OptionSpec {
        name: "speed",
        setting: setting("speed", "Speed"),
        kind: OptionKind::Number { min: Hundredths(10), max: Hundredths(400), default: Hundredths(100), step: Hundredths(5) },
        of: RUN,
        doc: Doc::new("How fast the jobs' time runs: at 0.25 every wait lasts four times as long, at 4 a quarter as long, and the report's times are scaled back to those of speed 1."),
    },
    #[cfg(any(feature = "map", not(target_arch = "wasm32")))]
    OptionSpec {
        name: "devtools",
        setting: None,
        kind: OptionKind::Boolean { default: false },
        of: &[Api::Map],
        doc: Doc::new("Whether each job is also a performance.measure on its worker's track, and the cancel a marker, in the Performance panel of Chromium's DevTools."),
    },
    OptionSpec {
        name: "signal",
        setting: None,
        kind: OptionKind::Object { expected: "an AbortSignal" },
        of: BOTH,
        doc: Doc::new("Stops the run: run's report ends \"stopped\", and map rejects with the signal's reason."),
    },
    OptionSpec {
        name: "pause",
        setting: None,
        kind: OptionKind::Object { expected: "a PauseController" },
        of: BOTH,
        doc: Doc::new("Pauses and resumes the run."),
    },
    #[cfg(any(feature = "map", not(target_arch = "wasm32")))]
    OptionSpec {
        name: "onProgress",
        setting: None,
        kind: OptionKind::Object { expected: "a function" },
        of: &[Api::Map],
        doc: Doc::new("Called with each event as it happens, as run's second argument is."),
    },
];

/// The spec of the option called `name`, by its JS name.
pub fn spec(name: &str) -> Option<&'static OptionSpec> {
    position(name, false).map(|i| &OPTIONS[i])
}

/// The options `api` takes, in the table's order.
pub fn options_of(api: Api) -> impl Iterator<Item = &'static OptionSpec> {
    OPTIONS.iter().filter(move |spec| spec.of.contains(&api))
}

/// The spec of the setting called `attribute`, by its attribute.
pub fn setting_spec(attribute: &str) -> Option<&'static OptionSpec> {
    position(attribute, true).map(|i| &OPTIONS[i])
}

/// The position in [`OPTIONS`] of the option called `name`, by its
/// attribute or else by its JS name.
#[inline(never)]
pub(crate) fn position(name: &str, by_attribute: bool) -> Option<usize> {
    let name = Some(name);
    // The table hidden from the optimiser: one loop, not a comparison per option.
    core::hint::black_box(OPTIONS).iter().position(|spec| if by_attribute { spec.attribute() == name } else { Some(spec.name) == name })
}

impl OptionSpec {
    /// Whether `api` takes it.
    pub fn is_of(&self, api: Api) -> bool {
        self.of.contains(&api)
    }

    /// Its attribute, if it is a setting.
    pub fn attribute(&self) -> Option<&'static str> {
        self.setting.map(|setting| setting.attribute)
    }

    /// What the option must be: an integer from 1 to 10000.
    pub fn expected(&self) -> Expected {
        match self.kind {
            OptionKind::Integer { min, max, .. } => Expected::Integer { min, max },
            OptionKind::Number { min, max, .. } => Expected::Number { min, max },
            OptionKind::Boolean { .. } => Expected::Boolean,
            OptionKind::Waits { max, .. } => Expected::Waits { max },
            OptionKind::Object { expected } => Expected::Object(expected),
        }
    }
}
