//! A record of one run: each job's final state, worker and times, and the
//! order in which jobs started, were cancelled or were aborted; and the
//! words the JS API uses for them, and the log's lines. Each list of words
//! is here once: the binding hands the events' types to JS at run time, and
//! `tests/tables.rs` writes them into the TypeScript, the page's
//! `www/spec.js` and `src/web/report.js`.

use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

use bounded_dispatcher::{Event, Failure, JobId, Outcome, Status};
use virtual_clock::Clock;

/// Defines a C-like enum with its lower-case names for JS, in one list.
macro_rules! words {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$doc:meta])* $variant:ident = $word:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$doc])* $variant,)* }

        impl $name {
            /// Every one, in the order of their codes (`self as u8`).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The word for it in the JS API.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $word,)* }
            }
        }
    };
}

words! {
    /// The state a job ends in. Every job of a finished run is in exactly one.
    pub enum JobState {
        /// Its future returned `Ok`: it waited, and finished.
        Succeeded = "succeeded",
        /// Its future returned `Err`: its wait was over the threshold.
        Failed = "failed",
        /// The run was cancelled before it started: it was queued, or never fed.
        Canceled = "canceled",
        /// The run was cancelled while it ran, and its future was dropped.
        Aborted = "aborted",
    }
}

words! {
    /// The `type` of a progress event of the JS API: one per [`Event`].
    pub enum EventKind {
        /// [`Event::Queued`].
        Queue = "queue",
        /// [`Event::Started`].
        Start = "start",
        /// [`Event::Succeeded`].
        Succeed = "succeed",
        /// [`Event::Failed`].
        Fail = "fail",
        /// [`Event::Cancelled`], for all the jobs that had not started.
        Cancel = "cancel",
        /// [`Event::Aborted`].
        Abort = "abort",
    }
}

words! {
    /// What a line of the log says happened: the moments the original Go
    /// program prints a line for, and ours for an aborted job.
    pub enum LogKind {
        /// `Working on the job #N. Wait for M ms.`
        Started = "started",
        /// `Canceled the job #N`
        Canceled = "canceled",
        /// `Aborted the job #N while it was waiting`
        Aborted = "aborted",
    }
}

words! {
    /// How a run ended, as the JS API's report says it.
    pub enum RunStatus {
        /// [`Status::Completed`].
        Completed = "completed",
        /// [`Status::Failed`].
        Failed = "failed",
        /// [`Status::Stopped`], and [`Status::Cancelled`]: the demo stops runs
        /// by their stop future, never through a handle.
        Stopped = "stopped",
    }
}

impl LogKind {
    /// Its line's words around the job's id and, where there are three
    /// parts, its wait: the one source of the log's lines, which the JS
    /// layer is handed (`report.js` writes a report's log with them) and
    /// [`write_line`](Self::write_line) writes natively.
    pub fn parts(self) -> &'static [&'static str] {
        match self {
            LogKind::Started => &["Working on the job #", ". Wait for ", " ms."],
            LogKind::Canceled => &["Canceled the job #", ""],
            LogKind::Aborted => &["Aborted the job #", " while it was waiting"],
        }
    }

    /// Writes the line of `job`, whose wait is `wait_ms`, without its line break.
    pub fn write_line(self, out: &mut impl fmt::Write, job: JobId, wait_ms: u32) -> fmt::Result {
        match *self.parts() {
            [before, after] => write!(out, "{before}{job}{after}"),
            [before, between, after] => write!(out, "{before}{job}{between}{wait_ms}{after}"),
            _ => Ok(()),
        }
    }
}

impl From<Status> for RunStatus {
    fn from(status: Status) -> Self {
        match status {
            Status::Completed => RunStatus::Completed,
            Status::Failed => RunStatus::Failed,
            _ => RunStatus::Stopped,
        }
    }
}

impl EventKind {
    /// The kind of `event`.
    pub fn of(event: &Event) -> EventKind {
        match event {
            Event::Queued { .. } => EventKind::Queue,
            Event::Started { .. } => EventKind::Start,
            Event::Succeeded { .. } => EventKind::Succeed,
            Event::Failed { .. } => EventKind::Fail,
            Event::Cancelled { .. } => EventKind::Cancel,
            Event::Aborted { .. } => EventKind::Abort,
            // The library may add kinds of events; this version has no other.
            _ => EventKind::Abort,
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

/// A line's worth of the log, in the order they happened; a cancel is one
/// moment for all the jobs it cancels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// What happened.
    pub kind: LogKind,
    /// To which jobs: one, or those a cancel found not started.
    pub jobs: (JobId, JobId),
}

impl Moment {
    /// The jobs, as a range.
    pub fn jobs(&self) -> Range<JobId> {
        self.jobs.0..self.jobs.1
    }
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
    /// vector grows as they go: nothing is written, nor is wasm memory grown,
    /// for a million jobs before the first one starts.
    jobs: Vec<JobRecord>,
    total: usize,
    moments: Vec<Moment>,
}

/// A job's record before anything happened to it: cancelled, as it stays
/// if it is never fed. Every job that is has ended when the run has (the
/// dispatcher's invariant 3), and its record has the state it ended in.
const NOT_YET: JobRecord = JobRecord { state: JobState::Canceled, worker: None, start_ms: None, end_ms: None };

impl<'c, C: Clock> Recorder<'c, C> {
    /// A recorder for jobs `0..jobs`, whose times count from now.
    pub fn new(clock: &'c C, jobs: usize) -> Self {
        Recorder { clock, origin: clock.now(), jobs: Vec::new(), total: jobs, moments: Vec::new() }
    }

    /// Ms since the recorder was made.
    pub fn elapsed_ms(&self) -> f64 {
        self.clock.now() - self.origin
    }

    /// Notes one event; pass it every event of the run, in order. Returns
    /// the time it noted it at, in ms since the start of the run: the clock
    /// is read once per event, and not for `Queued`, which needs no time.
    pub fn record(&mut self, event: &Event) -> Option<f64> {
        if let Event::Queued { .. } = event {
            return None;
        }
        let now = self.elapsed_ms();
        let jobs = event.jobs();
        let (moment, state) = match *event {
            Event::Started { worker, job } => {
                let record = self.record_of(job);
                record.worker = Some(worker);
                record.start_ms = Some(now);
                (Some(LogKind::Started), None)
            }
            Event::Succeeded { .. } => (None, Some(JobState::Succeeded)),
            Event::Failed { .. } => (None, Some(JobState::Failed)),
            // Jobs never fed get their record when the report is made.
            Event::Cancelled { .. } => (Some(LogKind::Canceled), Some(JobState::Canceled)),
            Event::Aborted { .. } => (Some(LogKind::Aborted), Some(JobState::Aborted)),
            _ => (None, None),
        };
        if let Some(kind) = moment {
            self.moments.push(Moment { kind, jobs: (jobs.start, jobs.end) });
        }
        if let Some(state) = state {
            let end = jobs.end.min(self.jobs.len());
            for record in &mut self.jobs[jobs.start.min(end)..end] {
                record.state = state;
                if record.start_ms.is_some() {
                    record.end_ms = Some(now);
                }
            }
        }
        Some(now)
    }

    fn record_of(&mut self, job: JobId) -> &mut JobRecord {
        // Jobs start in id order: this adds one record, or none. A push
        // loop, not a resize, whose code made the page's module 133 bytes
        // larger, gzipped.
        while self.jobs.len() <= job {
            self.jobs.push(NOT_YET);
        }
        &mut self.jobs[job]
    }

    /// The report of the run that ended with `outcome`.
    pub fn finish<E>(self, outcome: Outcome<E>) -> Report<E> {
        let elapsed_ms = self.elapsed_ms();
        let mut jobs = self.jobs;
        // The jobs with no record yet were cancelled before they were fed.
        while jobs.len() < self.total {
            jobs.push(NOT_YET);
        }
        Report { status: outcome.status(), failures: outcome.into_failures(), elapsed_ms, jobs, moments: self.moments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_of_words_has_its_codes_in_order() {
        for (code, state) in JobState::ALL.iter().enumerate() {
            assert_eq!(*state as usize, code);
        }
        assert_eq!(
            EventKind::ALL.iter().map(|kind| kind.name()).collect::<Vec<_>>(),
            ["queue", "start", "succeed", "fail", "cancel", "abort"]
        );
        assert_eq!(LogKind::ALL.len(), 3);
    }

    #[test]
    fn each_log_line_is_the_original_programs_or_ours_for_an_abort() {
        let line = |kind: LogKind| {
            let mut out = String::new();
            kind.write_line(&mut out, 78, 996).unwrap();
            out
        };
        assert_eq!(line(LogKind::Started), "Working on the job #78. Wait for 996 ms.");
        assert_eq!(line(LogKind::Canceled), "Canceled the job #78");
        assert_eq!(line(LogKind::Aborted), "Aborted the job #78 while it was waiting");
    }
}
