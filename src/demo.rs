//! The original Go program's job, and a whole demo run: options in, report
//! and log out.

use std::fmt::{self, Write};
use std::future::Future;

use bounded_dispatcher::{Clock, Dispatcher, Event, Gate, JobId};

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

impl fmt::Display for WaitTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let WaitTooLong { job, wait_ms, threshold_ms } = self;
        write!(f, "cannot wait for more than {threshold_ms} ms: job #{job}; {wait_ms} ms")
    }
}

impl std::error::Error for WaitTooLong {}

/// Job `job` of the original Go program: fails at once if `wait_ms` is over
/// `threshold_ms`, else sleeps `wait_ms` and succeeds.
pub async fn wait_job<C: Clock>(clock: &C, job: JobId, wait_ms: u32, threshold_ms: u32) -> Result<(), WaitTooLong> {
    if wait_ms > threshold_ms {
        return Err(WaitTooLong { job, wait_ms, threshold_ms });
    }
    clock.sleep(wait_ms).await;
    Ok(())
}

/// `jobs` waits drawn uniformly from `0..max_wait_ms` by a PRNG seeded with `seed`.
pub fn draw_waits(seed: u64, jobs: usize, max_wait_ms: u32) -> Vec<u32> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..jobs).map(|_| rng.u32(0..max_wait_ms)).collect()
}

/// What [`run`] calls with each event, the job's wait and the ms since the
/// start of the run.
pub type OnEvent<'a> = &'a mut dyn FnMut(&Event<'_, (), WaitTooLong>, u32, f64);

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

/// Runs the original Go program with `options`, held back while any of
/// `gates` is closed. `random_seed` is used when
/// neither a seed nor the waits are given. `on_event`, if given, sees each
/// event with the job's wait and the ms since the start of the run.
pub async fn run<C: Clock>(
    options: &Options,
    gates: impl IntoIterator<Item = Gate>,
    random_seed: u64,
    clock: &C,
    mut on_event: Option<OnEvent<'_>>,
    stop: impl Future<Output = ()>,
) -> DemoReport {
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
    for gate in gates {
        dispatcher = dispatcher.gate(gate);
    }
    let mut recorder = Recorder::new(clock, waits.len());
    let work = |job| wait_job(clock, job, waits[job], options.threshold_ms);
    let observe = |event: Event<'_, (), WaitTooLong>| {
        let at_ms = recorder.record(&event);
        if let Some(on_event) = on_event.as_deref_mut() {
            // The recorder needs no time for a job put in the queue: read it only for them.
            let at_ms = at_ms.unwrap_or_else(|| recorder.elapsed_ms());
            on_event(&event, waits[event.jobs().start], at_ms);
        }
    };
    let outcome = dispatcher.run(waits.len(), work, observe, stop).await;
    DemoReport { report: recorder.finish(outcome), waits, seed }
}

/// `clock` slowed down to `speed` (from 0, not included, to 1): a wait of
/// `ms` sleeps `ms / speed`, and the time reads `speed` times the clock's, so
/// that a slowed run's report has the times of a run at full speed.
struct Slowed<'c, C> {
    clock: &'c C,
    speed: f64,
}

impl<C: Clock> Clock for Slowed<'_, C> {
    type Sleep = C::Sleep;

    fn now(&self) -> f64 {
        self.clock.now() * self.speed
    }

    fn sleep(&self, ms: u32) -> C::Sleep {
        self.clock.sleep((f64::from(ms) / self.speed).round() as u32)
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
            let _ = writeln!(out, "{}", failure.error);
        }
    }

    /// [`write_log`](Self::write_log) as lines.
    pub fn log(&self, every_error: bool) -> Vec<String> {
        let mut out = String::new();
        self.write_log(&mut out, every_error);
        out.lines().map(str::to_owned).collect()
    }
}
