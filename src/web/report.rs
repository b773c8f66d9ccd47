//! The report, handed to JS as one typed [`ReportSummary`] and its columns
//! by job id, and the log as its moments, which `report.js` turns into the
//! report's objects (and, for a big run, only when they are read) and its
//! log into lines.
//!
//! A million jobs' columns take a few hundred milliseconds to make and copy
//! into JS: for a big run, the page gets a turn between one column and the
//! next, so that no step holds it for long.

use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;
use js_sys::{Float64Array, Int32Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::slices::next_task;
use crate::demo::DemoReport;
use crate::RunStatus;

/// A run of more jobs than this yields between the steps of its report.
const BIG_RUN: usize = 10_000;

#[wasm_bindgen(module = "/src/web/report.js")]
extern "C" {
    /// The report's JS object, from its summary, which it frees, its columns and its log.
    #[wasm_bindgen(js_name = buildReport)]
    fn build_report(
        summary: ReportSummary,
        waits: Uint32Array,
        states: Uint8Array,
        workers: Int32Array,
        starts: Float64Array,
        ends: Float64Array,
        log: JsValue,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/src/web/report.js")]
extern "C" {
    #[wasm_bindgen(js_name = logOf)]
    fn log_of(kinds: &Uint8Array, starts: &Uint32Array, ends: &Uint32Array, waits: &JsValue, errors: Vec<String>) -> JsValue;
}

/// What a finished run's report says besides its columns, as Rust hands it
/// to `report.js`: read once. The columns' `states` are the job states' codes.
#[wasm_bindgen(skip_typescript)]
pub struct ReportSummary {
    status: RunStatus,
    elapsed_ms: f64,
    max_late_ms: f64,
    timing_distorted: bool,
    seed: Option<f64>,
    error_jobs: Vec<u32>,
    error_messages: Vec<String>,
}

#[wasm_bindgen]
impl ReportSummary {
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
    #[wasm_bindgen(getter, js_name = errorJobs)]
    pub fn error_jobs(&self) -> Uint32Array {
        Uint32Array::from(&self.error_jobs[..])
    }
    #[wasm_bindgen(getter, js_name = errorMessages)]
    pub fn error_messages(&self) -> Vec<String> {
        self.error_messages.clone()
    }
}

/// The page's turn, between two steps of a big run's report.
async fn turn(big: bool) {
    if big {
        // The promise never rejects; either way, the turn is over.
        let _ = JsFuture::from(next_task()).await;
    }
}

/// The report's JS object: for a big run, made over several tasks.
pub(super) async fn to_js(demo: DemoReport, every_error: bool) -> JsValue {
    let DemoReport { report, waits, seed } = &demo;
    let big = waits.len() > BIG_RUN;
    let jobs = &report.jobs;
    let moments = &report.moments;
    let kinds = Uint8Array::from(&moments.iter().map(|moment| moment.kind as u8).collect::<Vec<_>>()[..]);
    turn(big).await;
    let starts = Uint32Array::from(&moments.iter().map(|moment| moment.jobs.0 as u32).collect::<Vec<_>>()[..]);
    turn(big).await;
    let ends = Uint32Array::from(&moments.iter().map(|moment| moment.jobs.1 as u32).collect::<Vec<_>>()[..]);
    turn(big).await;
    let waits_js = Uint32Array::from(&waits[..]);
    let messages = report.failures.iter().map(|failure| failure.error().to_string());
    let errors = if every_error { messages.collect() } else { messages.take(1).collect() };
    let log = log_of(&kinds, &starts, &ends, &waits_js, errors);
    turn(big).await;
    let states = Uint8Array::from(&jobs.iter().map(|job| job.state as u8).collect::<Vec<_>>()[..]);
    let workers = Int32Array::from(&jobs.iter().map(|job| job.worker.map_or(-1, |w| w as i32)).collect::<Vec<_>>()[..]);
    turn(big).await;
    let job_starts = Float64Array::from(&jobs.iter().map(|job| job.start_ms.unwrap_or(f64::NAN)).collect::<Vec<_>>()[..]);
    turn(big).await;
    let job_ends = Float64Array::from(&jobs.iter().map(|job| job.end_ms.unwrap_or(f64::NAN)).collect::<Vec<_>>()[..]);
    let summary = ReportSummary {
        status: report.status.into(),
        elapsed_ms: report.elapsed_ms,
        max_late_ms: demo.max_lateness_ms(),
        timing_distorted: demo.timing_distorted(),
        seed: seed.map(|seed| seed as f64),
        error_jobs: report.failures.iter().map(|failure| failure.job() as u32).collect(),
        error_messages: report.failures.iter().map(|failure| failure.error().to_string()).collect(),
    };
    build_report(summary, waits_js, states, workers, job_starts, job_ends, log)
}

/// The log of these moments, written by the same code as a report's, for
/// the page's live view of a run: `kinds` are the log kinds' codes (as the
/// TypeScript's `LogKind` lists them), of jobs `starts[i]` to `ends[i]`, not included.
#[wasm_bindgen(js_name = logLines, unchecked_return_type = "Log")]
pub fn log_lines(
    kinds: &Uint8Array,
    starts: &Uint32Array,
    ends: &Uint32Array,
    #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] waits: &JsValue,
) -> JsValue {
    log_of(kinds, starts, ends, waits, Vec::new())
}
