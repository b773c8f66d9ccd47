//! A record of one run: each job's final state, worker and times, and the
//! order in which jobs started, were cancelled or were aborted.

use bounded_dispatcher::{Clock, Event, Failure, JobId, Outcome, Status};

/// The state a job ends in. Every job of a finished run is in exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobState {
    /// Not started yet (only seen while the run is going).
    Waiting,
    /// Started and not finished yet (only seen while the run is going).
    Running,
    /// Its future returned `Ok`.
    Succeeded,
    /// Its future returned `Err`.
    Failed,
    /// The run was cancelled before it started.
    Canceled,
    /// The run was cancelled while it ran, and its future was dropped.
    Aborted,
}

impl JobState {
    /// The lower-case name used by the JS API: `"succeeded"`, `"aborted"`, …
    pub fn name(self) -> &'static str {
        match self {
            JobState::Waiting => "waiting",
            JobState::Running => "running",
            JobState::Succeeded => "succeeded",
            JobState::Failed => "failed",
            JobState::Canceled => "canceled",
            JobState::Aborted => "aborted",
        }
    }
}

/// One job in a [`Report`]. Times are in ms from the start of the run;
/// `worker`, `start_ms` and `end_ms` are `None` for a job that never started.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub struct JobRecord {
    pub state: JobState,
    pub worker: Option<usize>,
    pub start_ms: Option<f64>,
    pub end_ms: Option<f64>,
}

/// A job starting, being cancelled or being aborted: the moments the original
/// Go program prints a line for, in the order they happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Moment {
    Started(JobId),
    /// Jobs `start..end`, cancelled at once.
    Canceled { start: JobId, end: JobId },
    Aborted(JobId),
}

/// Everything about a finished run.
#[derive(Clone, Debug, PartialEq)]
pub struct Report<E> {
    /// How the run ended.
    pub status: Status,
    /// Every failure, in the order they happened.
    pub failures: Vec<Failure<E>>,
    /// From the start of the run to the end of its last job.
    pub elapsed_ms: f64,
    /// Indexed by job id.
    pub jobs: Vec<JobRecord>,
    /// Starts, cancellations and aborts, in the order they happened.
    pub moments: Vec<Moment>,
}

/// Builds a [`Report`] from a run's events, reading the time from a clock.
pub struct Recorder<'c, C> {
    clock: &'c C,
    origin: f64,
    /// By id. Records are added as jobs first appear, in id order, and the
    /// vectors grow as they go: nothing is written, nor is wasm memory grown,
    /// for a million jobs before the first one starts.
    jobs: Vec<JobRecord>,
    total: usize,
    /// Jobs from here on were cancelled before any record was made for them.
    canceled_from: usize,
    moments: Vec<Moment>,
}

const WAITING: JobRecord = JobRecord { state: JobState::Waiting, worker: None, start_ms: None, end_ms: None };
const CANCELED: JobRecord = JobRecord { state: JobState::Canceled, ..WAITING };

impl<'c, C: Clock> Recorder<'c, C> {
    /// A recorder for jobs `0..jobs`, whose times count from now.
    pub fn new(clock: &'c C, jobs: usize) -> Self {
        Recorder { clock, origin: clock.now(), jobs: Vec::new(), total: jobs, canceled_from: jobs, moments: Vec::new() }
    }

    /// Ms since the recorder was made.
    pub fn elapsed_ms(&self) -> f64 {
        self.clock.now() - self.origin
    }

    /// Notes one event; pass it every event of the run, in order. Returns
    /// the time it noted it at, in ms since the start of the run: the clock
    /// is read once per event, and not for `Queued`, which needs no time.
    pub fn record<T, E>(&mut self, event: &Event<'_, T, E>) -> Option<f64> {
        if let Event::Canceled { start, end } = *event {
            let now = self.elapsed_ms();
            let recorded = self.jobs.len();
            for record in self.jobs.get_mut(start..end.min(recorded)).into_iter().flatten() {
                record.state = JobState::Canceled;
            }
            self.canceled_from = self.canceled_from.min(start.max(recorded));
            self.moments.push(Moment::Canceled { start, end });
            return Some(now);
        }
        let job = event.jobs().start;
        if job >= self.jobs.len() {
            self.jobs.resize(job + 1, WAITING);
        }
        let state = match *event {
            Event::Queued { .. } => return None,
            Event::Started { .. } => JobState::Running,
            Event::Succeeded { .. } => JobState::Succeeded,
            Event::Failed { .. } => JobState::Failed,
            Event::Canceled { .. } => unreachable!("handled above"),
            Event::Aborted { .. } => JobState::Aborted,
        };
        let now = self.elapsed_ms();
        let record = &mut self.jobs[job];
        record.state = state;
        match *event {
            Event::Started { worker, .. } => {
                record.worker = Some(worker);
                record.start_ms = Some(now);
                self.moments.push(Moment::Started(job));
            }
            Event::Aborted { .. } => self.moments.push(Moment::Aborted(job)),
            _ => {}
        }
        if state != JobState::Running {
            record.end_ms = Some(now);
        }
        Some(now)
    }

    /// The report of the run that ended with `outcome`.
    pub fn finish<E>(self, outcome: Outcome<E>) -> Report<E> {
        Report {
            status: outcome.status,
            failures: outcome.failures,
            elapsed_ms: self.elapsed_ms(),
            jobs: {
                let mut jobs = self.jobs;
                jobs.resize(self.canceled_from.max(jobs.len()), WAITING);
                jobs.resize(self.total.max(jobs.len()), CANCELED);
                jobs
            },
            moments: self.moments,
        }
    }
}
