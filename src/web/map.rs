//! `map(input, mapper, options)`: the page's own async work, run by the
//! library's dispatcher. A job per item of `input`, an iterable or an async
//! iterable that the run pulls only while its queue has room
//! ([`Dispatcher::run_stream`]), and the values back in input order
//! ([`Run::collect`](bounded_dispatcher::Run::collect)).
//!
//! Cancel by dropping: each job owns its mapper's `AbortSignal` (`map.js`'s
//! `Job`), and dropping the job's future before it settled aborts it, as
//! dropping a gloo-timers `Timeout` clears its timer. So a cancel with
//! `cancelInFlight` aborts the signal of every running mapper in the poll
//! that cancels the run. Whatever an aborted mapper's promise does later is
//! dropped: its `JsFuture` keeps its callbacks until it settles, and they
//! handle a rejection, so none is left unhandled.
//!
//! Invariants:
//! 1. A job's id is its item's index: the input is the run's only source
//!    of jobs, and its items enter the queue in the order it gives them.
//! 2. A job's signal is aborted at most once, and only if its future is
//!    dropped before it settled.
//! 3. `failures` holds every job's error, in the order they failed: when
//!    the observer hears of a failure, the last one is that job's.

use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::pin::Pin;
use core::task::{ready, Context, Poll};

use bounded_dispatcher::{Dispatcher, Event, Failure, RunError};
use futures::channel::oneshot;
use futures::Stream;
use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::cells::{borrow, borrow_mut};
use super::options::{parse_map, wrong_type, MapOptions, Parsed};
use super::{clock::performance_now, signal, EventTypes};
use crate::EventKind;

/// `map`'s TypeScript, which `tests/tables.rs` writes from the table of
/// options: in the JS API's module only, as `map` is.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("map.d.ts");

#[wasm_bindgen(module = "/src/web/map.js")]
extern "C" {
    /// How `input` is iterated: 0 it is not, 1 by `Symbol.iterator`, 2 by `Symbol.asyncIterator`.
    #[wasm_bindgen(js_name = inputKind)]
    fn input_kind(input: &JsValue) -> u8;

    /// The input's iterator, stepped by [`Items`].
    type Input;
    #[wasm_bindgen(constructor, catch)]
    fn new(input: &JsValue, kind: u8) -> Result<Input, JsValue>;
    #[wasm_bindgen(method, getter, js_name = isAsync)]
    fn is_async(this: &Input) -> bool;
    /// Whether an item came; throws what the iterator threw.
    #[wasm_bindgen(method, catch)]
    fn next(this: &Input) -> Result<bool, JsValue>;
    /// The same, for an async iterator: a promise of whether an item came.
    #[wasm_bindgen(method, js_name = nextAsync)]
    fn next_async(this: &Input) -> Promise;
    /// The item that came.
    #[wasm_bindgen(method)]
    fn take(this: &Input) -> JsValue;
    /// Tells an iterator that is not done that no more items will be taken.
    #[wasm_bindgen(method)]
    fn close(this: &Input);

    /// One job: its mapper called, with the signal the job owns.
    type Job;
    #[wasm_bindgen(constructor)]
    fn new(mapper: &Function, item: JsValue, index: u32) -> Job;
    /// The mapper's promise, if it returned one (or the item was one).
    #[wasm_bindgen(method, getter)]
    fn promise(this: &Job) -> Option<Promise>;
    /// What the mapper returned, or threw, if it returned no promise.
    #[wasm_bindgen(method, catch)]
    fn result(this: &Job) -> Result<JsValue, JsValue>;
    /// Aborts the job's signal.
    #[wasm_bindgen(method)]
    fn abort(this: &Job);

    /// Calls `onProgress` with a map's event, as `emitProgress` does a run's.
    #[wasm_bindgen(js_name = emitMapProgress)]
    fn emit_map_progress(
        on_progress: &Function,
        r#type: &JsValue,
        job_id: u32,
        count: Option<u32>,
        worker: Option<u32>,
        started_at: f64,
        error: &JsValue,
    );

    /// `onProgress`, if any, wrapped so that each job is also a
    /// `performance.measure` on its worker's DevTools track.
    #[wasm_bindgen(js_name = devtoolsTracks)]
    fn devtools_tracks(on_progress: Option<Function>, fail_fast: bool) -> Function;

    /// The `AggregateError` of every job's error.
    fn aggregate(errors: Vec<JsValue>) -> JsValue;
}

/// Runs `mapper(item, { signal, index })` for each item of `input`, an
/// iterable or an async iterable (each item that is a promise is awaited
/// first, as p-map does), with the options `run` takes, and resolves with
/// the values in input order. With `failFast` it rejects with the first
/// error, as it was thrown; without, with an `AggregateError` of every one;
/// when `signal` aborts, with its reason; when the input throws, with that.
/// Bad arguments reject with a `TypeError` or `RangeError` that names them,
/// before anything runs.
#[wasm_bindgen(skip_typescript)]
pub fn map(input: JsValue, mapper: JsValue, options: Option<MapOptions>) -> Promise {
    let kind = input_kind(&input);
    if kind == 0 {
        return Promise::reject(&wrong_type("input", "an iterable or an async iterable", &input).0);
    }
    let mapper = match mapper.dyn_into::<Function>() {
        Ok(mapper) => mapper,
        Err(mapper) => return Promise::reject(&wrong_type("mapper", "a function", &mapper).0),
    };
    let Parsed { options, signal, gate, on_progress } = match parse_map(options.map_or(JsValue::UNDEFINED, Into::into)) {
        Ok(parsed) => parsed,
        Err(error) => return Promise::reject(&error.0),
    };
    let on_progress = if options.devtools { Some(devtools_tracks(on_progress, options.fail_fast)) } else { on_progress };
    super::task::promise(async move {
        let input = Input::new(&input, kind)?;
        let mut dispatcher = Dispatcher::new(options.workers)
            .queue_length(options.queue_length)
            .cancel_in_flight(options.cancel_in_flight)
            .fail_fast(options.fail_fast);
        if let Some(gate) = &gate {
            dispatcher = dispatcher.gate(gate.gate());
        }
        let failures = RefCell::new(Vec::new());
        let (failed, input_failed) = oneshot::channel();
        let input_error = Cell::new(None);
        let items = Items { input, pending: None, index: 0, failed: Some(failed) };
        let work = |(index, item)| MapJob::start(&mapper, item, index, &failures);
        let (types, started_at) = (EventTypes::new(), performance_now());
        let observe = |event: Event| {
            let Some(on_progress) = &on_progress else { return };
            let jobs = event.jobs();
            let (worker, count) = match event.worker() {
                Some(worker) => (Some(worker as u32), None),
                None => (None, Some(jobs.len() as u32)),
            };
            let error = match event {
                Event::Failed { .. } => borrow(&failures).last().cloned().unwrap_or_default(),
                _ => JsValue::UNDEFINED,
            };
            emit_map_progress(on_progress, types.of(EventKind::of(&event)), jobs.start as u32, count, worker, started_at, &error);
        };
        let input_stop = async {
            match input_failed.await {
                Ok(error) => input_error.set(Some(error)),
                // The input ended, or the run closed it: it stops nothing.
                Err(_) => core::future::pending().await,
            }
        };
        let values = dispatcher
            .run_stream(items, work)
            .observe(observe)
            .stop("signal", signal::aborted(signal.clone()))
            .stop("input", input_stop)
            .collect()
            .await;
        match values {
            Ok(values) => Ok(values.into_iter().collect::<Array>().into()),
            Err(RunError::Stopped { by: "signal" }) => Err(signal.as_ref().map_or(JsValue::UNDEFINED, AbortSignal::reason)),
            Err(RunError::Stopped { .. }) => Err(input_error.take().unwrap_or_default()),
            Err(_) if !options.fail_fast => Err(aggregate(failures.into_inner())),
            Err(error) => Err(error.into_failure().map(Failure::into_error).unwrap_or_default()),
        }
    })
}

/// The items of the input, with their indices: the run polls it only while
/// its queue has room. When the input throws (or its promise rejects), the
/// error goes to `failed`, whose stop ends the run; no item is asked for
/// after it. Dropped before the input is done, it closes it, as a `for…of`
/// loop does when it breaks.
struct Items {
    input: Input,
    /// An async input's `next()`, until it settles.
    pending: Option<JsFuture>,
    index: usize,
    /// Taken when the input has failed.
    failed: Option<oneshot::Sender<JsValue>>,
}

impl Stream for Items {
    type Item = (usize, JsValue);

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.failed.is_none() {
            return Poll::Pending;
        }
        let came = if this.input.is_async() {
            let next = this.pending.get_or_insert_with(|| this.input.next_async().into());
            let came = ready!(Pin::new(next).poll(cx));
            this.pending = None;
            came.map(|came| came.is_truthy())
        } else {
            this.input.next()
        };
        match came {
            Ok(true) => {
                let index = this.index;
                this.index += 1;
                Poll::Ready(Some((index, this.input.take())))
            }
            Ok(false) => Poll::Ready(None),
            Err(error) => {
                if let Some(failed) = this.failed.take() {
                    let _ = failed.send(error);
                }
                Poll::Pending
            }
        }
    }
}

impl Drop for Items {
    fn drop(&mut self) {
        self.input.close();
    }
}

/// One job's future: its mapper's promise, or what it returned at once.
/// Dropped before it is ready, it aborts the job's signal.
struct MapJob<'f> {
    job: Job,
    promise: Option<JsFuture>,
    settled: bool,
    failures: &'f RefCell<Vec<JsValue>>,
}

impl<'f> MapJob<'f> {
    /// Calls the mapper for item `index`.
    fn start(mapper: &Function, item: JsValue, index: usize, failures: &'f RefCell<Vec<JsValue>>) -> Self {
        let job = Job::new(mapper, item, index as u32);
        let promise = job.promise().map(JsFuture::from);
        MapJob { job, promise, settled: false, failures }
    }
}

impl Future for MapJob<'_> {
    type Output = Result<JsValue, JsValue>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let result = match &mut this.promise {
            Some(promise) => ready!(Pin::new(promise).poll(cx)),
            None => this.job.result(),
        };
        this.settled = true;
        if let Err(error) = &result {
            borrow_mut(this.failures).push(error.clone());
        }
        Poll::Ready(result)
    }
}

impl Drop for MapJob<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.job.abort();
        }
    }
}
