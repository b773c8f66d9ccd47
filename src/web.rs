//! The JS API: `run(options, onProgress)`, a thin layer over [`demo::run`].
//!
//! It checks the options, turns an `AbortSignal` into the run's stop future,
//! runs on real timers (gloo-timers and `performance.now()`), and hands the
//! report to `web.js`, which builds the JS objects.

use std::cell::{Cell, RefCell};
use std::future::{ready, Future, Ready};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{ready, Context, Poll};
use std::sync::Once;

use futures::channel::oneshot;
use futures::future::{self, Either};
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Function, Object, Promise, RangeError, Reflect, TypeError};
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortSignal;

use bounded_dispatcher::{Clock, Event, Gate, Status};

use crate::demo::{self, DemoReport, WaitTooLong};
use crate::{JobState, Moment, OptionError, Options, Value};

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Options of `run`. Every one is optional; the defaults are the original Go program's. */
export interface RunOptions {
  /** How many jobs run at once: an integer from 1 to 10000. Default 10. */
  workers?: number;
  /** How many jobs wait in the queue: an integer from 0 (no queue: Go's unbuffered channel) to 1000000. Default 100. */
  queueLength?: number;
  /** How many jobs: an integer from 0 to 1000000. Default 100. */
  jobs?: number;
  /** Waits are drawn from [0, maxWaitMs): an integer from 1 to 600000. Default 1000. */
  maxWaitMs?: number;
  /** A job whose wait is over this fails as it starts: an integer from 0 to 600000. Default 990. */
  thresholdMs?: number;
  /** Seeds the waits: an integer from 0 to 2^53 - 1. Random when absent. */
  seed?: number;
  /** The waits in ms, each an integer from 0 to 600000. Overrides jobs, maxWaitMs and seed. */
  waits?: ArrayLike<number>;
  /** Abort the running jobs when the run is cancelled (else they finish). Default true. */
  cancelInFlight?: boolean;
  /** Cancel the run on the first failure (else run every job). Default true. */
  failFast?: boolean;
  /** Stops the run, with status "stopped". */
  signal?: AbortSignal;
  /** Pauses and resumes the run. */
  pause?: PauseController;
}

export interface ProgressEvent {
  type: "queue" | "start" | "succeed" | "fail" | "cancel" | "abort";
  /** For "cancel", the first of the jobs cancelled at once: jobId to jobId + count - 1. */
  jobId: number;
  /** "cancel" only: how many jobs were cancelled at once, all that had not started. */
  count?: number;
  /** null for "queue" and "cancel". */
  worker: number | null;
  waitMs: number;
  /** ms since the start of the run. */
  atMs: number;
}

export type JobState = "succeeded" | "failed" | "canceled" | "aborted";

export interface JobReport {
  id: number;
  waitMs: number;
  state: JobState;
  /** null if the job never started; likewise startMs and endMs. */
  worker: number | null;
  startMs: number | null;
  endMs: number | null;
}

export interface JobError {
  jobId: number;
  waitMs: number;
  message: string;
}

export interface Report {
  status: "completed" | "failed" | "stopped";
  /** The first failure. */
  error: JobError | null;
  /** Every failure, in time order. */
  errors: JobError[];
  /** ms from run() to settling. */
  elapsedMs: number;
  /** How much longer than its wait the slowest succeeded job took, in ms. */
  maxLateMs: number;
  /** Timers were held back (a background tab, a busy page): maxLateMs is over 250. */
  timingDistorted: boolean;
  /** The seed the waits were drawn with; null when they were given. */
  seed: number | null;
  /** Sorted by id. */
  jobs: JobReport[];
  /** The original Go program's output. */
  log: string[];
}
"#;

#[wasm_bindgen(module = "/src/web.js")]
extern "C" {
    #[wasm_bindgen(js_name = nextTask)]
    fn next_task() -> Promise;

    /// Returns `performance.now()` after the callback.
    #[wasm_bindgen(js_name = emitProgress)]
    fn emit_progress(on_progress: &Function, kind: u8, job: u32, count: u32, worker: i32, wait_ms: u32, at_ms: f64) -> f64;

    /// The arrays are copies, which the report keeps: a big report makes its
    /// job objects and log lines from them when they are first read.
    #[wasm_bindgen(js_name = buildReport)]
    #[allow(clippy::too_many_arguments)]
    fn build_report(
        status: &str,
        elapsed_ms: f64,
        max_late_ms: f64,
        timing_distorted: bool,
        seed: f64,
        waits: Vec<u32>,
        states: Vec<u8>,
        workers: Vec<i32>,
        starts: Vec<f64>,
        ends: Vec<f64>,
        error_ids: Vec<u32>,
        error_messages: &str,
        moment_kinds: Vec<u8>,
        moment_jobs: Vec<u32>,
        every_error: bool,
    ) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `run`'s options: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type RunOptions;

    /// `run`'s progress callback: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "((event: ProgressEvent) => void)")]
    pub type OnProgress;

    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Runs the original Go program: `workers` workers, a queue of `queueLength`,
/// and jobs that wait or fail. Resolves with the report once no job is
/// running, or rejects with a `TypeError` or `RangeError` that names a bad
/// option, before anything runs.
#[wasm_bindgen(unchecked_return_type = "Promise<Report>")]
pub fn run(options: Option<RunOptions>, #[wasm_bindgen(js_name = onProgress)] on_progress: Option<OnProgress>) -> Promise {
    let options = options.map_or(JsValue::UNDEFINED, Into::into);
    let on_progress = on_progress.map_or(JsValue::UNDEFINED, Into::into);
    let Parsed { options, signal, gate, on_progress } = match parse(&options, on_progress) {
        Ok(parsed) => parsed,
        Err(error) => return Promise::reject(&option_error(&error)),
    };
    let random_seed = random_seed();
    future_to_promise(async move {
        let stop = match &signal {
            Some(signal) => Either::Left(aborted(signal)),
            None => Either::Right(future::pending()),
        };
        let clock = &BrowserClock { slice: Rc::new(Cell::new(Some(performance_now()))), ..BrowserClock::default() };
        let mut on_event = on_progress.map(|on_progress| {
            move |event: &Event<'_, (), WaitTooLong>, wait_ms: u32, at_ms: f64| {
                let (kind, worker) = match *event {
                    Event::Queued { .. } => (0, -1),
                    Event::Started { worker, .. } => (1, worker as i32),
                    Event::Succeeded { worker, .. } => (2, worker as i32),
                    Event::Failed { worker, .. } => (3, worker as i32),
                    Event::Canceled { .. } => (4, -1),
                    Event::Aborted { worker, .. } => (5, worker as i32),
                };
                let jobs = event.jobs();
                let (job, count) = (jobs.start as u32, jobs.len() as u32);
                // The callback took time: the clock takes the time after it.
                clock.reading.set(Some(emit_progress(&on_progress, kind, job, count, worker, wait_ms, at_ms)));
            }
        });
        let on_event = on_event.as_mut().map(|on_event| on_event as demo::OnEvent);
        let mut report = pin!(demo::run(&options, gate, random_seed, clock, on_event, stop));
        // Each poll comes in a new task or microtask: time has moved on.
        let report = future::poll_fn(|cx| {
            clock.reading.set(None);
            report.as_mut().poll(cx)
        })
        .await;
        Ok(to_js(report, !options.fail_fast))
    })
}

/// Sends `jobs` jobs that are ready at once through a dispatcher with no
/// observer, and resolves with the ms it took: the benchmark of dispatch alone.
#[cfg(feature = "bench")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchDispatch, skip_typescript)]
pub fn bench_dispatch(jobs: u32, workers: u32, queue_length: u32) -> Promise {
    use std::num::NonZeroUsize;
    let positive = |n: u32| NonZeroUsize::new(n as usize).unwrap_or(NonZeroUsize::MIN);
    let dispatcher = bounded_dispatcher::Dispatcher::new(positive(workers)).queue_length(queue_length as usize);
    future_to_promise(async move {
        let started = performance_now();
        let work = |_| future::ready(Ok::<(), ()>(()));
        let _ = dispatcher.run(jobs as usize, work, |_| {}, future::pending()).await;
        Ok(JsValue::from(performance_now() - started))
    })
}

fn random_seed() -> u64 {
    (js_sys::Math::random() * (crate::MAX_SEED as f64)) as u64
}

/// Checks `run`'s options without running anything: returns the `TypeError`
/// or `RangeError` that `run` would reject with, or `null`.
#[wasm_bindgen(js_name = checkOptions, unchecked_return_type = "TypeError | RangeError | null")]
pub fn check_options(options: Option<RunOptions>) -> JsValue {
    match parse(&options.map_or(JsValue::UNDEFINED, Into::into), JsValue::UNDEFINED) {
        Ok(_) => JsValue::NULL,
        Err(error) => option_error(&error),
    }
}

/// Pauses and resumes runs, like an `AbortController` stops them: pass it as
/// `run`'s `pause` option. While paused, workers take no new job; jobs
/// already running go on, and stopping or failing still ends the run.
#[wasm_bindgen]
#[derive(Default)]
pub struct PauseController {
    gate: Gate,
}

#[wasm_bindgen]
impl PauseController {
    #[allow(missing_docs)]
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Workers take no new job until `resume()`.
    pub fn pause(&self) {
        self.gate.close();
    }

    /// Workers take jobs again.
    pub fn resume(&self) {
        self.gate.open();
    }

    /// Whether it is paused.
    #[wasm_bindgen(getter)]
    pub fn paused(&self) -> bool {
        !self.gate.is_open()
    }

    /// A handle on the same gate, for `run`: JS gives up the handle, not the controller.
    #[wasm_bindgen(js_name = __gate, skip_typescript)]
    pub fn share(&self) -> SharedGate {
        SharedGate(self.gate.clone())
    }
}

impl PauseController {
    /// The gate of `value`, if it is a `PauseController`.
    fn gate_of(value: &JsValue) -> Option<Gate> {
        let share = Reflect::get(value, &"__gate".into()).ok()?.dyn_into::<Function>().ok()?;
        let shared = share.call0(value).ok()?;
        SharedGate::try_from_js_value(shared).ok().map(|shared| shared.0)
    }
}

#[doc(hidden)]
#[wasm_bindgen(skip_typescript)]
pub struct SharedGate(Gate);

thread_local! {
    static PANIC_LISTENERS: RefCell<Vec<Function>> = const { RefCell::new(Vec::new()) };
}

/// Calls `listener` with the message of a panic, if one happens. A panic
/// traps this wasm instance: nothing more it runs will settle, and the page
/// should load a fresh instance (`<dispatcher-demo>` does).
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(#[wasm_bindgen(unchecked_param_type = "(message: string) => void")] listener: Function) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = JsValue::from(info.to_string());
            PANIC_LISTENERS.with(|listeners| {
                for listener in listeners.borrow().iter() {
                    let _ = listener.call1(&JsValue::NULL, &message);
                }
            });
        }));
    });
    PANIC_LISTENERS.with(|listeners| listeners.borrow_mut().push(listener));
}

/// Panics, for the tests of what a page does after a panic. Nothing else
/// in this crate panics on any input.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}

/// Real time: `performance.now()` and `setTimeout`, through gloo-timers.
///
/// A 0 ms wait takes no time, since the browser would clamp a nested
/// `setTimeout` to 4 ms. But a run of many such jobs must not hold the page:
/// once the current slice of work has lasted `SLICE_MS`, every zero wait
/// goes round the event loop instead, until one comes back in a new task and
/// starts the next slice. (Every one: had only the first worker to notice
/// yielded, the nine others would each have gone on for a slice of their own
/// in the same task, holding the page for 80 ms.)
///
/// Reading `performance.now()` is a call into JS, and the recorder wants the
/// time twice per job: for a million zero waits, that was more than half of
/// `run()`'s time. So a reading is kept until time can have moved on: the
/// next poll of the run (a timer fired, a signal aborted, a pause ended: a
/// new task), or `ZEROS_PER_CHECK` zero waits (a few microseconds of Rust,
/// below the clock's own resolution). A progress callback runs JS, so it
/// hands back the time after it.
#[derive(Default)]
struct BrowserClock {
    /// When the current slice of work began; `None` once it is over.
    slice: Rc<Cell<Option<f64>>>,
    /// Zero waits since the clock was last read.
    zeros: Cell<u32>,
    /// `performance.now()`, while it is still the time.
    reading: Cell<Option<f64>>,
}

/// The longest stretch of zero waits before the page gets a turn.
const SLICE_MS: f64 = 8.0;
/// How many zero waits between readings of the clock.
const ZEROS_PER_CHECK: u32 = 64;

impl Clock for BrowserClock {
    type Sleep = Either<Ready<()>, Either<TimeoutFuture, NextTask>>;

    fn now(&self) -> f64 {
        self.reading.get().unwrap_or_else(|| {
            let now = performance_now();
            self.reading.set(Some(now));
            now
        })
    }

    fn sleep(&self, ms: u32) -> Self::Sleep {
        if ms > 0 {
            return Either::Right(Either::Left(TimeoutFuture::new(ms)));
        }
        let next_task = || Either::Right(Either::Right(NextTask { task: next_task().into(), slice: self.slice.clone() }));
        let Some(start) = self.slice.get() else {
            return next_task();
        };
        self.zeros.set(self.zeros.get() + 1);
        if self.zeros.get() < ZEROS_PER_CHECK {
            return Either::Left(ready(()));
        }
        self.zeros.set(0);
        self.reading.set(None);
        if self.now() - start < SLICE_MS {
            return Either::Left(ready(()));
        }
        self.slice.set(None);
        next_task()
    }
}

/// Completes in a new task, once the page has had its turn, and starts the
/// next slice of work there.
struct NextTask {
    task: JsFuture,
    slice: Rc<Cell<Option<f64>>>,
}

impl Future for NextTask {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        ready!(Pin::new(&mut self.task).poll(cx)).ok();
        if self.slice.get().is_none() {
            self.slice.set(Some(performance_now()));
        }
        Poll::Ready(())
    }
}

/// Completes when `signal` aborts. Dropping it removes its listener.
fn aborted(signal: &AbortSignal) -> impl Future<Output = ()> + '_ {
    let (tx, rx) = oneshot::channel();
    let mut tx = Some(tx);
    let listener = Closure::<dyn FnMut()>::new(move || {
        if let Some(tx) = tx.take() {
            let _ = tx.send(());
        }
    });
    let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
    let registered = Listener { signal, listener };
    async move {
        // Moved in whole, so that the listener lives as long as this future.
        let registered = registered;
        if !registered.signal.aborted() {
            let _ = rx.await;
        }
    }
}

struct Listener<'s> {
    signal: &'s AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl Drop for Listener<'_> {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

/// `run`'s arguments, checked.
struct Parsed {
    options: Options,
    signal: Option<AbortSignal>,
    gate: Option<Gate>,
    on_progress: Option<Function>,
}

fn parse(options: &JsValue, on_progress: JsValue) -> Result<Parsed, OptionError> {
    let wrong_type = |option: &str, expected: &str, value: &JsValue| OptionError::Type {
        option: option.to_owned(),
        expected: expected.to_owned(),
        got: describe(value),
    };
    let on_progress = match on_progress {
        f if f.is_undefined() || f.is_null() => None,
        f => Some(f.dyn_into::<Function>().map_err(|f| wrong_type("onProgress", "a function", &f))?),
    };
    let mut parsed = Parsed { options: Options::default(), signal: None, gate: None, on_progress };
    if options.is_undefined() {
        return Ok(parsed);
    }
    if !options.is_object() || Array::is_array(options) || options.is_function() {
        return Err(wrong_type("options", "an object", options));
    }
    let mut entries = Vec::new();
    for key in Object::keys(options.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        match name.as_str() {
            _ if value.is_undefined() => {}
            "signal" => {
                let signal = value.dyn_into().map_err(|v| wrong_type("signal", "an AbortSignal", &v))?;
                parsed.signal = Some(signal);
            }
            "pause" => parsed.gate = Some(PauseController::gate_of(&value).ok_or_else(|| wrong_type("pause", "a PauseController", &value))?),
            _ => entries.push((name, to_value(&value))),
        }
    }
    parsed.options = Options::parse(entries.iter().map(|(name, value)| (name.as_str(), value)))?;
    Ok(parsed)
}

fn to_value(value: &JsValue) -> Value {
    if let Some(n) = value.as_f64() {
        Value::Number(n)
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(s) = value.as_string() {
        Value::String(s)
    } else if value.is_undefined() {
        Value::Undefined
    } else if value.is_null() {
        Value::Null
    } else if Array::is_array(value) || (js_sys::ArrayBuffer::is_view(value) && !value.is_instance_of::<js_sys::DataView>()) {
        // An array, or a typed array: `Array.from` takes both.
        Value::List(Array::from(value).iter().map(|item| to_value(&item)).collect())
    } else {
        Value::Other(kind_of(value))
    }
}

fn kind_of(value: &JsValue) -> &'static str {
    if value.is_function() {
        "a function"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else {
        "an object"
    }
}

fn describe(value: &JsValue) -> crate::Got {
    crate::options::show(&to_value(value))
}

/// `String(n)`, by JS itself.
fn js_string(n: f64) -> String {
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// A `TypeError` or `RangeError`, which also carries the parts of its message:
/// `option`, and `expected` and `got`, or `suggestion` for an unknown option.
fn option_error(error: &OptionError) -> JsValue {
    let message = error.message(js_string);
    let js: JsValue = if error.is_type_error() { TypeError::new(&message).into() } else { RangeError::new(&message).into() };
    let set = |key: &str, value: Option<&str>| {
        let _ = Reflect::set(&js, &key.into(), &value.map_or(JsValue::NULL, JsValue::from));
    };
    match error {
        OptionError::Unknown { name, suggestion } => {
            set("option", Some(name));
            set("suggestion", *suggestion);
        }
        OptionError::Type { option, expected, got } | OptionError::Range { option, expected, got } => {
            set("option", Some(option));
            set("expected", Some(expected));
            set("got", Some(&got.show(js_string)));
        }
    }
    js
}

/// Hands the report to `web.js` as columns by job id, and the log as its
/// moments: JS writes the lines, a slice at a time.
fn to_js(demo: DemoReport, every_error: bool) -> JsValue {
    let report = &demo.report;
    let status = match report.status {
        Status::Completed => "completed",
        Status::Failed => "failed",
        Status::Stopped => "stopped",
    };
    let jobs = &report.jobs;
    let states = jobs.iter().map(|job| state_code(job.state)).collect();
    let workers = jobs.iter().map(|job| job.worker.map_or(-1, |w| w as i32)).collect();
    let starts = jobs.iter().map(|job| job.start_ms.unwrap_or(f64::NAN)).collect();
    let ends = jobs.iter().map(|job| job.end_ms.unwrap_or(f64::NAN)).collect();
    let error_ids = report.failures.iter().map(|f| f.job as u32).collect();
    let error_messages: Vec<String> = report.failures.iter().map(|f| f.error.to_string()).collect();
    let (moment_kinds, moment_jobs) = report
        .moments
        .iter()
        .flat_map(|moment| {
            let (kind, jobs) = match *moment {
                Moment::Started(job) => (0, job..job + 1),
                Moment::Canceled { start, end } => (1, start..end),
                Moment::Aborted(job) => (2, job..job + 1),
            };
            jobs.map(move |job| (kind, job as u32))
        })
        .unzip();
    build_report(
        status,
        report.elapsed_ms,
        demo.max_lateness_ms(),
        demo.timing_distorted(),
        demo.seed.map_or(-1.0, |seed| seed as f64),
        demo.waits,
        states,
        workers,
        starts,
        ends,
        error_ids,
        &error_messages.join("\n"),
        moment_kinds,
        moment_jobs,
        every_error,
    )
}

fn state_code(state: JobState) -> u8 {
    match state {
        JobState::Waiting => 0,
        JobState::Running => 1,
        JobState::Succeeded => 2,
        JobState::Failed => 3,
        JobState::Canceled => 4,
        JobState::Aborted => 5,
    }
}
