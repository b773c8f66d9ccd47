//! The report, handed to JS as one typed [`ReportColumns`]: columns by job
//! id and the log as its moments, which `report.js` turns into the report's
//! objects (and, for a big run, only when they are read) and `log.js` into
//! lines.

use js_sys::{Float64Array, Int32Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::demo::DemoReport;
use crate::{JobState, LogKind, RunStatus};

#[wasm_bindgen(module = "/src/web/report.js")]
extern "C" {
    /// The report's JS object, from its columns, which it frees, and its log.
    #[wasm_bindgen(js_name = buildReport)]
    fn build_report(columns: ReportColumns, log: JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/src/web/report.js")]
extern "C" {
    #[wasm_bindgen(js_name = logOf)]
    fn log_of(kinds: &Uint8Array, starts: &Uint32Array, ends: &Uint32Array, waits: &JsValue, kind_names: Vec<String>, errors: Vec<String>) -> JsValue;
}

/// A finished run, as Rust hands it to `report.js`: each getter makes a
/// copy, read once. Typed arrays are by job id, with -1 for no worker and
/// NaN for no time; `states` index `stateNames`.
#[wasm_bindgen(skip_typescript)]
pub struct ReportColumns {
    status: RunStatus,
    elapsed_ms: f64,
    max_late_ms: f64,
    timing_distorted: bool,
    seed: Option<f64>,
    waits: Vec<u32>,
    states: Vec<u8>,
    workers: Vec<i32>,
    starts: Vec<f64>,
    ends: Vec<f64>,
    error_jobs: Vec<u32>,
    error_messages: Vec<String>,
}

#[wasm_bindgen]
impl ReportColumns {
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> String {
        self.status.name().into()
    }
    #[wasm_bindgen(getter, js_name = elapsedMs)]
    pub fn elapsed_ms(&self) -> f64 {
        self.elapsed_ms
    }
    #[wasm_bindgen(getter, js_name = maxLateMs)]
    pub fn max_late_ms(&self) -> f64 {
        self.max_late_ms
    }
    #[wasm_bindgen(getter, js_name = timingDistorted)]
    pub fn timing_distorted(&self) -> bool {
        self.timing_distorted
    }
    /// `undefined` when the waits were given.
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> Option<f64> {
        self.seed
    }
    #[wasm_bindgen(getter)]
    pub fn waits(&self) -> Uint32Array {
        Uint32Array::from(&self.waits[..])
    }
    #[wasm_bindgen(getter)]
    pub fn states(&self) -> Uint8Array {
        Uint8Array::from(&self.states[..])
    }
    #[wasm_bindgen(getter, js_name = stateNames)]
    pub fn state_names(&self) -> Vec<String> {
        JobState::ALL.iter().map(|state| state.name().into()).collect()
    }
    #[wasm_bindgen(getter)]
    pub fn workers(&self) -> Int32Array {
        Int32Array::from(&self.workers[..])
    }
    #[wasm_bindgen(getter)]
    pub fn starts(&self) -> Float64Array {
        Float64Array::from(&self.starts[..])
    }
    #[wasm_bindgen(getter)]
    pub fn ends(&self) -> Float64Array {
        Float64Array::from(&self.ends[..])
    }
    #[wasm_bindgen(getter, js_name = errorJobs)]
    pub fn error_jobs(&self) -> Uint32Array {
        Uint32Array::from(&self.error_jobs[..])
    }
    #[wasm_bindgen(getter, js_name = errorMessages)]
    pub fn error_messages(&self) -> Vec<String> {
        self.error_messages.clone()
    }
}

fn kind_names() -> Vec<String> {
    LogKind::ALL.iter().map(|kind| kind.name().into()).collect()
}

/// The report's JS object.
pub(super) fn to_js(demo: DemoReport, every_error: bool) -> JsValue {
    let DemoReport { report, waits, seed } = &demo;
    let jobs = &report.jobs;
    let moments = &report.moments;
    let kinds: Vec<u8> = moments.iter().map(|moment| moment.kind as u8).collect();
    let starts: Vec<u32> = moments.iter().map(|moment| moment.jobs.0 as u32).collect();
    let ends: Vec<u32> = moments.iter().map(|moment| moment.jobs.1 as u32).collect();
    let messages = report.failures.iter().map(|failure| failure.error.to_string());
    let errors = if every_error { messages.collect() } else { messages.take(1).collect() };
    let log = log_of(&kinds[..].into(), &starts[..].into(), &ends[..].into(), &Uint32Array::from(&waits[..]).into(), kind_names(), errors);
    let columns = ReportColumns {
        status: report.status.into(),
        elapsed_ms: report.elapsed_ms,
        max_late_ms: demo.max_lateness_ms(),
        timing_distorted: demo.timing_distorted(),
        seed: seed.map(|seed| seed as f64),
        waits: waits.clone(),
        states: jobs.iter().map(|job| job.state as u8).collect(),
        workers: jobs.iter().map(|job| job.worker.map_or(-1, |w| w as i32)).collect(),
        starts: jobs.iter().map(|job| job.start_ms.unwrap_or(f64::NAN)).collect(),
        ends: jobs.iter().map(|job| job.end_ms.unwrap_or(f64::NAN)).collect(),
        error_jobs: report.failures.iter().map(|failure| failure.job as u32).collect(),
        error_messages: report.failures.iter().map(|failure| failure.error.to_string()).collect(),
    };
    build_report(columns, log)
}

/// The log of these moments, written by the same code as a report's, for
/// the page's live view of a run: `kinds` index the log kinds' names (as
/// `logKindNames` lists them), of jobs `starts[i]` to `ends[i]`, not included.
#[wasm_bindgen(js_name = logLines, unchecked_return_type = "Log")]
pub fn log_lines(kinds: &Uint8Array, starts: &Uint32Array, ends: &Uint32Array, #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] waits: &JsValue) -> JsValue {
    log_of(kinds, starts, ends, waits, kind_names(), Vec::new())
}
