//! Runs the dispatcher on a virtual clock and keeps every event with its time.
#![allow(dead_code)]

use std::future::Future;
use std::num::NonZeroUsize;

use dispatcher_demo::{Clock, Dispatcher, Event, Outcome, VirtualClock};
use futures::future::{self, Either};

/// What a test observes: an event's kind, job, worker and virtual time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Queued,
    Started,
    Succeeded,
    Failed,
    Canceled,
    Aborted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    pub kind: Kind,
    pub job: usize,
    pub worker: Option<usize>,
    pub at: u64,
}

pub struct Traced {
    pub outcome: Outcome<usize>,
    pub events: Vec<Seen>,
    /// Virtual time when the run's future completed.
    pub ended_at: u64,
    /// Timers still set after the run: should always be 0.
    pub timers_left: usize,
}

pub fn nz(n: usize) -> NonZeroUsize {
    NonZeroUsize::new(n).unwrap()
}

/// Runs jobs with these waits; a job whose wait is over `threshold` fails at
/// once with its id as the error. `stop_at` stops the run at that time.
pub fn trace(dispatcher: &Dispatcher, waits: &[u32], threshold: u32, stop_at: Option<u32>) -> Traced {
    trace_with(dispatcher, waits, threshold, |clock| match stop_at {
        Some(ms) => Either::Left(clock.sleep(ms)),
        None => Either::Right(future::pending()),
    })
}

/// [`trace`], with the run's `stop` future made from its clock: it may also
/// act at given times, like pausing.
pub fn trace_with<S: Future<Output = ()>>(
    dispatcher: &Dispatcher,
    waits: &[u32],
    threshold: u32,
    stop: impl FnOnce(&VirtualClock) -> S,
) -> Traced {
    let clock = VirtualClock::new();
    let mut events = Vec::new();
    let work = |job: usize| {
        let clock = clock.clone();
        let wait = waits[job];
        async move {
            if wait > threshold {
                return Err(job);
            }
            clock.sleep(wait).await;
            Ok(())
        }
    };
    let observe = |event: Event<'_, usize>| {
        let (kind, job, worker) = match event {
            Event::Queued { job } => (Kind::Queued, job, None),
            Event::Started { job, worker } => (Kind::Started, job, Some(worker)),
            Event::Succeeded { job, worker } => (Kind::Succeeded, job, Some(worker)),
            Event::Failed { job, worker, error } => {
                assert_eq!(*error, job);
                (Kind::Failed, job, Some(worker))
            }
            Event::Canceled { job } => (Kind::Canceled, job, None),
            Event::Aborted { job, worker } => (Kind::Aborted, job, Some(worker)),
        };
        events.push(Seen { kind, job, worker, at: clock.now_ms() });
    };
    let stop = stop(&clock);
    let outcome = clock.block_on(dispatcher.run(waits.len(), work, observe, stop)).expect("the run stalled");
    let ended_at = clock.now_ms();
    Traced { outcome, events, ended_at, timers_left: clock.pending_timers() }
}

impl Traced {
    pub fn jobs(&self, kind: Kind) -> Vec<usize> {
        self.events.iter().filter(|e| e.kind == kind).map(|e| e.job).collect()
    }

    pub fn first(&self, kind: Kind) -> Option<Seen> {
        self.events.iter().copied().find(|e| e.kind == kind)
    }

    /// The most jobs running at once.
    pub fn peak_running(&self) -> usize {
        let (mut running, mut peak) = (0usize, 0);
        for event in &self.events {
            match event.kind {
                Kind::Started => running += 1,
                Kind::Succeeded | Kind::Failed | Kind::Aborted => running -= 1,
                _ => {}
            }
            peak = peak.max(running);
        }
        peak
    }

    /// The most jobs waiting in the queue at once.
    pub fn peak_queued(&self, jobs: usize) -> usize {
        let mut queued = vec![false; jobs];
        let (mut depth, mut peak) = (0usize, 0);
        for event in &self.events {
            match event.kind {
                Kind::Queued => {
                    queued[event.job] = true;
                    depth += 1;
                }
                Kind::Started | Kind::Canceled if queued[event.job] => {
                    queued[event.job] = false;
                    depth -= 1;
                }
                _ => {}
            }
            peak = peak.max(depth);
        }
        peak
    }
}
