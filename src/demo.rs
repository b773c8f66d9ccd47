//! The original Go program's job, and a whole demo run: options in, report
//! and log out.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write};
use core::future::{Future, Pending};

use bounded_dispatcher::{Dispatcher, Event, Gate, JobId};
use virtual_clock::Clock;

use crate::{JobState, Options, Recorder, Report};

/// The demo job's only error: its wait was over the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitTooLong {
    /// The job that failed.
    pub job: JobId,
    /// Its wait.
    pub wait_ms: u32,
    /// The longest wait allowed.
    pub threshold_ms: u32,
}

impl WaitTooLong {
    /// Its message's words around the threshold, the job's id and its wait:
    /// the one source of the message, which `src/web/report.js` writes the
    /// page's with (`tests/tables.rs` copies them there).
    pub const PARTS: [&'static str; 4] = ["cannot wait for more than ", " ms: job #", "; ", " ms"];
}

impl fmt::Display for WaitTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let WaitTooLong { job, wait_ms, threshold_ms } = self;
        let [before, threshold, id, wait] = Self::PARTS;
        write!(f, "{before}{threshold_ms}{threshold}{job}{id}{wait_ms}{wait}")
    }
}

impl core::error::Error for WaitTooLong {}

/// Job `job` of the original Go program: fails at once if `wait_ms` is over
/// `threshold_ms`, else sleeps `wait_ms` and succeeds.
pub async fn wait_job<C: Clock>(clock: &C, job: JobId, wait_ms: u32, threshold_ms: u32) -> Result<(), WaitTooLong> {
    if wait_ms > threshold_ms {
        return Err(WaitTooLong { job, wait_ms, threshold_ms });
    }
    clock.sleep(wait_ms).await;
    Ok(())
}

/// `jobs` waits drawn uniformly from `0..max_wait_ms` by a PRNG seeded with
/// `seed`, as fastrand's `rng.u32(0..max_wait_ms)` draws them. Panics, as
/// it does, if `max_wait_ms` is 0 (the options start at 1).
pub fn draw_waits(seed: u64, jobs: usize, max_wait_ms: u32) -> Vec<u32> {
    assert!(max_wait_ms > 0, "empty range: Included(0)..Excluded(0)");
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..jobs).map(|_| below(&mut rng, max_wait_ms)).collect()
}

/// fastrand's `rng.u32(0..n)` for `n > 0`, the same numbers from the same
/// state (its `gen_mod_u32`, Lemire's method), without its panic for an
/// empty range: that message formats the range's bounds with `Debug`,
/// which brought `core::fmt`'s `Debug` machinery into the page's module.
fn below(rng: &mut fastrand::Rng, n: u32) -> u32 {
    let draw = |rng: &mut fastrand::Rng| u64::from(rng.u32(..)) * u64::from(n);
    let mut product = draw(rng);
    if (product as u32) < n {
        let least = n.wrapping_neg() % n;
        while (product as u32) < least {
            product = draw(rng);
        }
    }
    (product >> 32) as u32
}

/// What [`run`] calls with each event, the job's wait and the ms since the
/// start of the run.
pub type OnEvent<'a> = &'a mut dyn FnMut(Event, u32, f64);

/// What a demo run needs besides its options, each by name.
///
/// ```
/// use dispatcher_demo::{demo::{self, Context}, Options};
/// use virtual_clock::VirtualClock;
///
/// let clock = VirtualClock::new();
/// let options = Options { waits: Some(vec![300, 100, 999]), workers: 2, ..Options::default() };
/// let report = clock.block_on(demo::run(&options, Context::new(&clock)))?;
/// assert_eq!(report.log(false).last().unwrap(), "cannot wait for more than 990 ms: job #2; 999 ms");
/// # Ok::<(), virtual_clock::Stalled>(())
/// ```
pub struct Context<'a, C, S = Pending<()>> {
    /// Time, for the jobs' waits and the report's times.
    pub clock: &'a C,
    /// Workers take jobs only while it is open: the page's pause and its turn.
    pub gate: Option<Gate>,
    /// The seed of the waits when the options give neither a seed nor waits.
    pub random_seed: u64,
    /// Sees each event, with the job's wait and the ms since the start of the run.
    pub on_event: Option<OnEvent<'a>>,
    /// Stops the run when it completes.
    pub stop: S,
}

impl<'a, C> Context<'a, C> {
    /// A run on `clock`, with no gate, no observer and no stop, and a random seed of 0.
    pub fn new(clock: &'a C) -> Self {
        Context { clock, gate: None, random_seed: 0, on_event: None, stop: core::future::pending() }
    }
}

impl<'a, C, S> Context<'a, C, S> {
    /// The same, stopped when `stop` completes.
    pub fn stop<T: Future<Output = ()>>(self, stop: T) -> Context<'a, C, T> {
        let Context { clock, gate, random_seed, on_event, .. } = self;
        Context { clock, gate, random_seed, on_event, stop }
    }
}

/// A demo run's report, with the waits it ran.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoReport {
    /// What happened.
    pub report: Report<WaitTooLong>,
    /// Each job's wait, by id.
    pub waits: Vec<u32>,
    /// The seed the waits were drawn with; `None` when they were given.
    pub seed: Option<u64>,
}

/// Runs the original Go program with `options`, and what `context` names.
pub async fn run<C: Clock>(options: &Options, context: Context<'_, C, impl Future<Output = ()>>) -> DemoReport {
    let Context { clock, gate, random_seed, mut on_event, stop } = context;
    let (waits, seed) = match &options.waits {
        Some(waits) => (waits.clone(), None),
        None => {
            let seed = options.seed.unwrap_or(random_seed);
            (draw_waits(seed, options.jobs, options.max_wait_ms), Some(seed))
        }
    };
    let clock = &Slowed { clock, speed: options.speed };
    let mut dispatcher = Dispatcher::new(options.workers)
        .queue_length(options.queue_length)
        .cancel_in_flight(options.cancel_in_flight)
        .fail_fast(options.fail_fast);
    if let Some(gate) = gate {
        dispatcher = dispatcher.gate(gate);
    }
    let mut recorder = Recorder::new(clock, waits.len());
    let work = |job| wait_job(clock, job, waits[job], options.threshold_ms);
    let observe = |event: Event| {
        let at_ms = recorder.record(&event);
        if let Some(on_event) = on_event.as_deref_mut() {
            // The recorder needs no time for a job put in the queue: read it only for them.
            let at_ms = at_ms.unwrap_or_else(|| recorder.elapsed_ms());
            on_event(event, waits[event.jobs().start], at_ms);
        }
    };
    let outcome = dispatcher.run(waits.len(), work).observe(observe).stop("stop", stop).await;
    DemoReport { report: recorder.finish(outcome), waits, seed }
}

/// `clock` run at `speed` (from 0.1 to 4): a wait of `ms` lasts `ms / speed`
/// on it, and the time reads `speed` times its own, so that the report has
/// the times of a run at speed 1.
///
/// A wait is kept on the report's time: it ends once `clock` reaches the
/// report's deadline divided by `speed`, a fraction of a millisecond
/// included ([`Clock::sleep_until`]), and no sooner. The times are read to
/// the microsecond ([`to_us`]), which takes away the rounding of the
/// division and the product: so on a virtual clock, that runs its timers at
/// the deadlines they ask for, a run has the times, and the order of
/// events, of the run at speed 1, exactly (`tests/replay.rs`).
struct Slowed<'c, C> {
    clock: &'c C,
    speed: f64,
}

/// `ms` to the nearest microsecond: finer than browsers read
/// `performance.now()` (5 µs at best), and coarser than the rounding of the
/// scaling (a few ulps: under 0.3 µs even at the end of the longest run the
/// options allow, a million waits of 600 s on one worker).
fn to_us(ms: f64) -> f64 {
    virtual_clock::round(ms * 1000.0) / 1000.0
}

impl<C: Clock> Clock for Slowed<'_, C> {
    type Sleep = C::Sleep;

    fn now(&self) -> f64 {
        to_us(self.clock.now() * self.speed)
    }

    fn sleep(&self, ms: u32) -> C::Sleep {
        if ms == 0 {
            // It takes no time, at any speed: the clock decides whether it yields.
            return self.clock.sleep(0);
        }
        self.clock.sleep_until((self.now() + f64::from(ms)) / self.speed)
    }
}

/// A job that finished this much later than its wait means the timers were
/// held back: a background tab (browsers run its timers about once a second)
/// or a busy page. Such a run's times are not the dispatcher's.
pub const DISTORTED_AFTER_MS: f64 = 250.0;

impl DemoReport {
    /// How much longer than its wait the slowest succeeded job took, in ms.
    pub fn max_lateness_ms(&self) -> f64 {
        (self.report.jobs.iter().zip(&self.waits))
            .filter(|(job, _)| job.state == JobState::Succeeded)
            .filter_map(|(job, &wait)| Some(job.end_ms? - job.start_ms? - f64::from(wait)))
            .fold(0.0, f64::max)
    }

    /// Whether timers were held back so much that the run's times mislead:
    /// see [`DISTORTED_AFTER_MS`].
    pub fn timing_distorted(&self) -> bool {
        self.max_lateness_ms() > DISTORTED_AFTER_MS
    }

    /// The log in the original Go program's words, one line per job started
    /// or cancelled, and one of ours per job aborted, then the errors: the
    /// first, or every one when the run did not fail fast.
    pub fn write_log(&self, out: &mut String, every_error: bool) {
        for moment in &self.report.moments {
            for job in moment.jobs() {
                // Writing to a String cannot fail.
                let _ = moment.kind.write_line(out, job, self.waits[job]);
                out.push('\n');
            }
        }
        let errors = &self.report.failures;
        let errors = if every_error { &errors[..] } else { &errors[..errors.len().min(1)] };
        for failure in errors {
            let _ = writeln!(out, "{}", failure.error());
        }
    }

    /// [`write_log`](Self::write_log) as lines.
    pub fn log(&self, every_error: bool) -> Vec<String> {
        let mut out = String::new();
        self.write_log(&mut out, every_error);
        out.lines().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waits_are_fastrands_own() {
        for (seed, max) in [(0, 1), (1, 1000), (7, 50), (u64::MAX, 600_000), (42, u32::MAX), (3, 3)] {
            let mut rng = fastrand::Rng::with_seed(seed);
            let theirs: Vec<u32> = (0..10_000).map(|_| rng.u32(0..max)).collect();
            assert_eq!(draw_waits(seed, 10_000, max), theirs, "seed {seed}, max {max}");
        }
    }

    #[test]
    #[should_panic(expected = "empty range")]
    fn no_wait_is_drawn_below_zero() {
        draw_waits(1, 1, 0);
    }
}
