//! Helpers for the tests of the JS API: calling `run` as JS would, and
//! reading what it returns.
#![allow(dead_code)]

use dispatcher_demo::run as run_js;
use js_sys::{Array, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

#[wasm_bindgen(module = "/tests/timers.js")]
extern "C" {
    #[wasm_bindgen(js_name = countTimers)]
    pub fn count_timers();
    #[wasm_bindgen(js_name = liveTimers)]
    pub fn live_timers() -> u32;
    pub fn sleep(ms: u32) -> Promise;
    #[wasm_bindgen(js_name = countedSignal)]
    pub fn counted_signal(controller: &AbortController) -> CountedSignal;
    pub type CountedSignal;
    #[wasm_bindgen(method, getter)]
    pub fn signal(this: &CountedSignal) -> JsValue;
    #[wasm_bindgen(method)]
    pub fn listeners(this: &CountedSignal) -> i32;
    #[wasm_bindgen(js_name = tasksWhile)]
    pub fn tasks_while(promise: &Promise) -> Promise;
    #[wasm_bindgen(js_name = busyAfter)]
    pub fn busy_after(after: u32, ms: u32);
    #[wasm_bindgen(js_name = abortAfter)]
    pub fn abort_after(controller: &AbortController, ms: u32);
}

/// `run(options, onProgress)` as JS would call it, with any values.
pub fn run(options: JsValue, on_progress: JsValue) -> Promise {
    run_js(Some(options.unchecked_into()), Some(on_progress.unchecked_into()))
}

pub fn options(json: &str) -> JsValue {
    JSON::parse(json).expect("test options are JSON")
}

pub async fn report(options: JsValue) -> JsValue {
    report_of(run(options, JsValue::UNDEFINED)).await
}

pub async fn report_of(promise: Promise) -> JsValue {
    JsFuture::from(promise).await.expect("run rejected")
}

pub async fn rejection(options: JsValue) -> js_sys::Error {
    let error = JsFuture::from(run(options, JsValue::UNDEFINED)).await.expect_err("run accepted bad options");
    error.dyn_into().expect("rejects with an Error")
}

pub fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).unwrap())
}

pub fn number(value: &JsValue, path: &str) -> f64 {
    get(value, path).as_f64().unwrap_or_else(|| panic!("{path} is not a number"))
}

pub fn job(report: &JsValue, id: u32) -> JsValue {
    Array::from(&get(report, "jobs")).get(id)
}

pub fn strings(array: &JsValue) -> Vec<String> {
    Array::from(array).iter().map(|s| s.as_string().unwrap()).collect()
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

/// A progress callback that keeps every event, in order, in the array. The
/// callback must outlive the run.
pub fn collect_events() -> (Array, Closure<dyn FnMut(JsValue)>) {
    let events = Array::new();
    let on_progress = Closure::new({
        let events = events.clone();
        move |event: JsValue| {
            events.push(&event);
        }
    });
    (events, on_progress)
}
