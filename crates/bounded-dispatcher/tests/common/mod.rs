//! Runs the dispatcher on a runtime and keeps every event with its time.
//!
//! The same behaviour tests run on three runtimes (`on_every_runtime!`):
//! - the virtual clock, which fires timers one per poll, as a browser runs
//!   `setTimeout` callbacks;
//! - the coalescing virtual clock, which wakes every job due at the same
//!   time before the next poll;
//! - natively, tokio's current-thread runtime with paused time, whose timer
//!   wheel also fires timers due together in one tick.
#![allow(dead_code, unused_imports, unused_macros)]

pub mod clock;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use bounded_dispatcher::{Dispatcher, Event, JobId, Outcome};
pub use clock::{Clock, VirtualClock};

/// Where a run happens: a clock for its jobs, and an executor.
pub trait Runtime {
    type Clock: Clock + Clone + Unpin + 'static;

    fn clock(&self) -> Self::Clock;

    /// Drives `future` to its end, and says at what time, in ms, it ended.
    fn block_on<F: Future>(&self, future: F) -> (F::Output, u64);

    /// Timers set and not yet fired or dropped.
    fn pending_timers(&self) -> usize;
}

pub struct Virtual(pub VirtualClock);

impl Virtual {
    pub fn new() -> Self {
        Virtual(VirtualClock::new())
    }

    pub fn coalescing() -> Self {
        Virtual(VirtualClock::coalescing())
    }
}

impl Runtime for Virtual {
    type Clock = VirtualClock;

    fn clock(&self) -> VirtualClock {
        self.0.clone()
    }

    fn block_on<F: Future>(&self, future: F) -> (F::Output, u64) {
        (self.0.block_on(future).expect("the run stalled"), self.0.now_ms())
    }

    fn pending_timers(&self) -> usize {
        self.0.pending_timers()
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use self::tokio_runtime::Tokio;

#[cfg(not(target_arch = "wasm32"))]
mod tokio_runtime {
    use super::*;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;
    use tokio::time::Instant;

    /// tokio's current-thread runtime, with its clock paused: time jumps to
    /// the next timer whenever the runtime has nothing else to do.
    pub struct Tokio {
        runtime: tokio::runtime::Runtime,
        clock: TokioClock,
    }

    #[derive(Clone)]
    pub struct TokioClock {
        origin: Instant,
        pending: Rc<Cell<usize>>,
    }

    impl Tokio {
        pub fn new() -> Self {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
            let origin = runtime.block_on(async { Instant::now() });
            Tokio { runtime, clock: TokioClock { origin, pending: Rc::default() } }
        }
    }

    impl Runtime for Tokio {
        type Clock = TokioClock;

        fn clock(&self) -> TokioClock {
            self.clock.clone()
        }

        fn block_on<F: Future>(&self, future: F) -> (F::Output, u64) {
            // The time is read inside the runtime, where its paused clock is.
            self.runtime.block_on(async {
                let output = future.await;
                (output, self.clock.now() as u64)
            })
        }

        fn pending_timers(&self) -> usize {
            self.clock.pending.get()
        }
    }

    impl Clock for TokioClock {
        type Sleep = TokioSleep;

        fn now(&self) -> f64 {
            (Instant::now() - self.origin).as_millis() as f64
        }

        fn sleep(&self, ms: u32) -> TokioSleep {
            TokioSleep { ms, timer: None, pending: self.pending.clone() }
        }
    }

    /// tokio's sleep, counted while it is set; a 0 ms one is ready at once.
    pub struct TokioSleep {
        ms: u32,
        timer: Option<Pin<Box<tokio::time::Sleep>>>,
        pending: Rc<Cell<usize>>,
    }

    impl Future for TokioSleep {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.ms == 0 {
                return Poll::Ready(());
            }
            if self.timer.is_none() {
                self.timer = Some(Box::pin(tokio::time::sleep(Duration::from_millis(self.ms.into()))));
                self.pending.set(self.pending.get() + 1);
            }
            let poll = self.timer.as_mut().unwrap().as_mut().poll(cx);
            if poll.is_ready() {
                self.ms = 0;
                self.timer = None;
                self.pending.set(self.pending.get() - 1);
            }
            poll
        }
    }

    impl Drop for TokioSleep {
        fn drop(&mut self) {
            if self.timer.is_some() {
                self.pending.set(self.pending.get() - 1);
            }
        }
    }
}

/// Instantiates each test once per runtime, as `virtual_clock::name`,
/// `coalescing_virtual_clock::name` and, natively, `tokio_paused_time::name`.
macro_rules! on_every_runtime {
    ($($(#[$attr:meta])* fn $name:ident($rt:ident) $body:block)*) => {
        mod virtual_clock {
            use super::*;
            $($(#[$attr])*
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() { let $rt = &common::Virtual::new(); $body })*
        }
        mod coalescing_virtual_clock {
            use super::*;
            $($(#[$attr])*
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() { let $rt = &common::Virtual::coalescing(); $body })*
        }
        #[cfg(not(target_arch = "wasm32"))]
        mod tokio_paused_time {
            use super::*;
            $($(#[$attr])*
            #[test]
            fn $name() { let $rt = &common::Tokio::new(); $body })*
        }
    };
}

/// What a test observes: an event's kind, job, worker and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Queued,
    Started,
    Succeeded,
    Failed,
    Cancelled,
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
    /// Every event, with a `Canceled` range as one entry per job.
    pub events: Vec<Seen>,
    /// How many times the observer was called.
    pub calls: usize,
    /// When the run's future completed. Times count from the run's start.
    pub ended_at: u64,
    /// Timers still set after the run: should always be 0.
    pub timers_left: usize,
    /// What the jobs wrote down while they ran, in order.
    pub notes: Vec<String>,
}

/// A job's means: its clock, and a notebook shared with the test, in which
/// a note and an event's record keep their order.
pub struct Job<C> {
    pub id: JobId,
    pub clock: C,
    notes: Rc<RefCell<Vec<String>>>,
}

impl<C: Clock> Job<C> {
    pub fn note(&self, note: impl Into<String>) {
        self.notes.borrow_mut().push(note.into());
    }

    /// The clock's time; the runtime's, not the run's, which may differ.
    pub fn now(&self) -> u64 {
        self.clock.now() as u64
    }
}

/// Runs jobs with these waits; a job whose wait is over `threshold` fails at
/// once with its id as the error. `stop_at` stops the run at that time.
pub fn trace<R: Runtime>(rt: &R, dispatcher: &Dispatcher, waits: &[u32], threshold: u32, stop_at: Option<u32>) -> Traced {
    trace_with(rt, dispatcher, waits, threshold, |clock| stop_after(clock.clone(), stop_at))
}

/// A stop future: `ms` from now, or never.
pub async fn stop_after<C: Clock>(clock: C, ms: Option<u32>) {
    match ms {
        Some(ms) => clock.sleep(ms).await,
        None => std::future::pending().await,
    }
}

/// [`trace`], with the run's `stop` future made from its clock: it may also
/// act at given times, like pausing.
pub fn trace_with<R: Runtime, S: Future<Output = ()>>(
    rt: &R,
    dispatcher: &Dispatcher,
    waits: &[u32],
    threshold: u32,
    stop: impl FnOnce(&R::Clock) -> S,
) -> Traced {
    trace_jobs(
        rt,
        dispatcher,
        waits.len(),
        |job| {
            let wait = waits[job.id];
            async move {
                if wait > threshold {
                    return Err(job.id);
                }
                job.clock.sleep(wait).await;
                Ok(())
            }
        },
        stop,
    )
}

/// Runs `jobs` jobs, each `job(Job)`'s future, which fails with any id.
pub fn trace_jobs<R, F, S>(
    rt: &R,
    dispatcher: &Dispatcher,
    jobs: usize,
    job: impl Fn(Job<R::Clock>) -> F,
    stop: impl FnOnce(&R::Clock) -> S,
) -> Traced
where
    R: Runtime,
    F: Future<Output = Result<(), usize>>,
    S: Future<Output = ()>,
{
    let clock = rt.clock();
    // Read inside the runtime, where tokio's paused clock is.
    let origin = Cell::new(0);
    let notes = Rc::new(RefCell::new(Vec::new()));
    let mut events = Vec::new();
    let mut calls = 0;
    let work = |id| job(Job { id, clock: clock.clone(), notes: notes.clone() });
    let observe = |event: Event| {
        calls += 1;
        let at = clock.now() as u64 - origin.get();
        let kind = match event {
            Event::Queued { .. } => Kind::Queued,
            Event::Started { .. } => Kind::Started,
            Event::Succeeded { .. } => Kind::Succeeded,
            Event::Failed { .. } => Kind::Failed,
            Event::Cancelled { .. } => Kind::Cancelled,
            Event::Aborted { .. } => Kind::Aborted,
            _ => unreachable!("a new kind of event"),
        };
        notes.borrow_mut().push(format!("{kind:?} #{}", event.jobs().start));
        events.extend(event.jobs().map(|job| Seen { kind, job, worker: event.worker(), at }));
    };
    let stop = stop(&clock);
    let (outcome, ended_at) = rt.block_on(async {
        origin.set(clock.now() as u64);
        dispatcher.run(jobs, work).observe(observe).stop("stop", stop).await
    });
    for failure in outcome.failures() {
        assert_eq!(*failure.error(), failure.job(), "a job fails with its own id");
    }
    let notes = notes.take();
    Traced { outcome, events, calls, ended_at: ended_at - origin.get(), timers_left: rt.pending_timers(), notes }
}

impl Traced {
    pub fn jobs(&self, kind: Kind) -> Vec<usize> {
        self.events.iter().filter(|e| e.kind == kind).map(|e| e.job).collect()
    }

    pub fn first(&self, kind: Kind) -> Option<Seen> {
        self.events.iter().copied().find(|e| e.kind == kind)
    }

    /// The jobs that ended in `kind`, sorted.
    pub fn sorted(&self, kind: Kind) -> Vec<usize> {
        let mut jobs = self.jobs(kind);
        jobs.sort_unstable();
        jobs
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
                Kind::Started | Kind::Cancelled if queued[event.job] => {
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
