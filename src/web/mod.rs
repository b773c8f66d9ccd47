//! The JS API: `run(options, onProgress)`, `checkOptions(options)` and
//! `checkSettings(settings)`, a layer over [`demo::run`]; and `map(input,
//! mapper, options)`, the page's own work on the library's dispatcher. Each
//! concern is a file:
//!
//! - `map.rs`: `map`, its input as a stream, and its jobs, which own their signals;
//! - `options.rs`: JS values into checked [`Options`](crate::Options), and
//!   an [`OptionError`](crate::OptionError) into a `TypeError` or `RangeError`;
//! - `clock.rs`: real time, read from `performance.now()`;
//! - `alarms.rs`: the waits of the page's runs, on one timer;
//! - `slices.rs`: a clock that makes a run of zero waits yield to the page;
//! - `signal.rs`: an `AbortSignal` as the run's stop future;
//! - `pause.rs`: `PauseController`, the run's gate;
//! - `report.rs`: the report, handed to JS as its summary and typed columns;
//! - `panic.rs`: `onPanic`, and the module's panic handler;
//! - `task.rs`: a future as the task of a promise;
//! - `global.rs`: a `static` of the module, for want of std's `thread_local!`;
//! - `cells.rs`: a `RefCell`'s borrows, whose panic has no formatted message;
//!
//! and the JS they call: `tasks.js` (the page's turns, the page's alarm, the progress
//! callback, `run`'s options as given, a `PauseController`'s check, an
//! option's error), `report.js` (the report's objects and the log's
//! lines) and `map.js` (`map`'s input, jobs and events, and the DevTools
//! tracks). Three files, which import nothing: with five (and one importing
//! another), more than half the page loads of
//! wasm-bindgen-test-runner stalled on a module that never arrived, as
//! its server seems to when a page asks for more than about six at once.

mod alarms;
mod cells;
mod clock;
mod global;
#[cfg(feature = "map")]
mod map;
mod options;
mod panic;
mod pause;
mod report;
mod signal;
mod slices;
mod task;

use alloc::vec::Vec;
use core::pin::pin;

use bounded_dispatcher::Event;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use crate::demo::{self, Context};
use crate::EventKind;
use clock::BrowserClock;
use options::{OnProgress, Parsed, RunOptions};
use slices::Slices;

#[cfg(feature = "map")]
pub use map::map;
pub use options::GivenSetting;
pub use pause::PauseController;

/// The TypeScript of the options, events and report, which
/// `tests/tables.rs` writes from the tables of `options.rs` and `report.rs`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// Calls `onProgress` as an event listener is called, with the event
    /// `{ type, jobId, count, worker, waitMs, atMs }` made of these fields
    /// (`type` the word of `kind`, an [`EventKind`]'s code; `count` for a
    /// "queue" or a "cancel", `worker` null for those), and returns
    /// `performance.now()` after it: the callback may have taken a while.
    #[wasm_bindgen(js_name = emitProgress)]
    fn emit_progress(
        on_progress: &Function,
        kind: u8,
        job_id: u32,
        count: Option<u32>,
        worker: Option<u32>,
        wait_ms: u32,
        at_ms: f64,
    ) -> f64;
}

/// Each event's `type`, made once per run from [`EventKind`]'s words.
#[cfg(feature = "map")]
struct EventTypes(Vec<JsValue>);

#[cfg(feature = "map")]
impl EventTypes {
    fn new() -> Self {
        EventTypes(EventKind::ALL.iter().map(|kind| kind.name().into()).collect())
    }

    fn of(&self, kind: EventKind) -> &JsValue {
        &self.0[kind as usize]
    }
}

/// Runs the original Go program: `workers` workers, a queue of `queueLength`,
/// and jobs that wait or fail. Resolves with the report once no job is
/// running, or rejects with a `TypeError` or `RangeError` that names a bad
/// option, before anything runs.
#[wasm_bindgen(unchecked_return_type = "Promise<Report>")]
pub fn run(options: Option<RunOptions>, #[wasm_bindgen(js_name = onProgress)] on_progress: Option<OnProgress>) -> Promise {
    let Parsed { options, signal, gate, on_progress } = match options::parse(options, on_progress) {
        Ok(parsed) => parsed,
        Err(error) => return Promise::reject(&error.0),
    };
    let random_seed = random_seed();
    task::promise(async move {
        let clock = &BrowserClock::default();
        // The run's one gate: closed while it is paused, or while the page has its turn.
        let gate = gate.unwrap_or_default();
        let sliced = Slices::new(clock, gate.clone());
        let mut on_event = on_progress.map(|on_progress| {
            move |event: Event, wait_ms: u32, at_ms: f64| {
                let jobs = event.jobs();
                // A "queue" or a "cancel" has jobs, a count of them, and no worker.
                let (worker, count) = match event.worker() {
                    Some(worker) => (Some(worker as u32), None),
                    None => (None, Some(jobs.len() as u32)),
                };
                let after = emit_progress(&on_progress, EventKind::of(&event) as u8, jobs.start as u32, count, worker, wait_ms, at_ms);
                clock.read_after_js(after);
            }
        });
        let on_event = on_event.as_mut().map(|on_event| on_event as demo::OnEvent);
        let stop = signal::aborted(signal);
        let context = Context { clock: &sliced, gate: Some(gate.gate()), random_seed, on_event, stop };
        let report = pin!(demo::run(&options, context));
        let report = clock.fresh_each_poll(report).await;
        Ok(report::to_js(report, !options.fail_fast).await)
    })
}

/// Checks `run`'s options without running anything: returns the `TypeError`
/// or `RangeError` that `run` would reject with, or `null`.
#[cfg(any(feature = "map", feature = "std"))]
#[wasm_bindgen(js_name = checkOptions, unchecked_return_type = "TypeError | RangeError | null")]
pub fn check_options(options: Option<RunOptions>) -> JsValue {
    match options::parse(options, None) {
        Ok(_) => JsValue::NULL,
        Err(error) => error.0,
    }
}

/// Checks the settings of `<dispatcher-demo>` as they were given (by
/// property, attribute, URL parameter or form field), by the same check as
/// `run`'s options: returns the `TypeError` or `RangeError` whose message the
/// element shows, or `null`. The element's `run()` rejects with it too.
#[wasm_bindgen(js_name = checkSettings, unchecked_return_type = "TypeError | RangeError | null")]
pub fn check_settings(settings: Vec<GivenSetting>) -> JsValue {
    match options::check_settings(settings) {
        Ok(()) => JsValue::NULL,
        Err(error) => error.0,
    }
}

/// A random seed, drawn as the table says (`RANDOM_SEEDS`).
fn random_seed() -> u64 {
    (js_sys::Math::random() * (crate::RANDOM_SEEDS as f64 + 1.0)) as u64
}

/// Sends `jobs` jobs that are ready at once through a dispatcher with no
/// observer, and resolves with the ms it took: the benchmark of dispatch alone.
#[cfg(feature = "bench")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchDispatch, skip_typescript)]
pub fn bench_dispatch(jobs: u32, workers: u32, queue_length: u32) -> Promise {
    use futures::future;
    let dispatcher = bounded_dispatcher::Dispatcher::new(workers as usize).queue_length(queue_length as usize);
    task::promise(async move {
        let started = clock::performance_now();
        let _ = dispatcher.run(jobs as usize, |_| future::ready(Ok::<(), ()>(()))).await;
        Ok(JsValue::from(clock::performance_now() - started))
    })
}
