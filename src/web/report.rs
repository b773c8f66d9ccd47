//! The report, handed to JS as what it says besides its columns, and its
//! columns by job id, and the log as its moments, which `report.js` turns into the
//! report's objects (and, for a big run, only when they are read) and its
//! log into lines.
//!
//! A million jobs' columns take a few hundred milliseconds to make and copy
//! into JS: for a big run, the page gets a turn between one column and the
//! next, so that no step holds it for long.

use alloc::vec::Vec;
use js_sys::{Array, Float64Array, Int32Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::slices::next_task;
use crate::demo::{DemoReport, DISTORTED_AFTER_MS};
use crate::RunStatus;

/// A run of more jobs than this yields between the steps of its report.
const BIG_RUN: usize = 10_000;

#[wasm_bindgen(module = "/src/web/report.js")]
extern "C" {
    /// The report's JS object, from what it says besides its columns and
    /// what the [`STEPS`] made.
    #[wasm_bindgen(js_name = buildReport)]
    fn build_report(status: &str, elapsed_ms: f64, max_late_ms: f64, timing_distorted: bool, seed: Option<f64>, steps: &Array) -> JsValue;

    /// The failures' messages, from their jobs and the threshold their waits were over.
    #[wasm_bindgen(js_name = errorMessages)]
    fn error_messages(error_jobs: &Uint32Array, waits: &Uint32Array, threshold_ms: u32) -> Array;

    /// The log: `kinds`, `starts` and `ends` are the moments' columns.
    #[wasm_bindgen(js_name = logOf)]
    fn log_of(kinds: &JsValue, starts: &JsValue, ends: &JsValue, waits: &JsValue, errors: &JsValue) -> JsValue;
}

/// What each step of [`to_js`] adds to the steps it hands `buildReport`, in
/// their order: the moments' columns (their log kinds' codes, first and end
/// job), the waits, the failures' jobs and messages (in the order they
/// happened) and the log, then the jobs'
/// columns (their states' codes, workers, -1 for none, start and end times,
/// NaN for none).
const STEPS: u32 = 7;

/// The page's turn, between two steps of a big run's report.
async fn turn(big: bool) {
    if big {
        next_task().await;
    }
}

/// The report's JS object: for a big run, made over several tasks. What
/// it has made is in one JS array: the one value kept between two steps.
pub(super) async fn to_js(demo: DemoReport, every_error: bool) -> JsValue {
    let DemoReport { report, waits, seed } = &demo;
    let big = waits.len() > BIG_RUN;
    let jobs = &report.jobs;
    let moments = &report.moments;
    let steps = Array::new();
    for step in 0..STEPS {
        if step > 0 {
            turn(big).await;
        }
        match step {
            0 => steps.push(&Uint8Array::from(&moments.iter().map(|moment| moment.kind as u8).collect::<Vec<_>>()[..])),
            1 => steps.push(&Uint32Array::from(&moments.iter().map(|moment| moment.jobs.0 as u32).collect::<Vec<_>>()[..])),
            2 => steps.push(&Uint32Array::from(&moments.iter().map(|moment| moment.jobs.1 as u32).collect::<Vec<_>>()[..])),
            3 => {
                let waits = Uint32Array::from(&waits[..]);
                let failures = &report.failures;
                let error_jobs = Uint32Array::from(&failures.iter().map(|failure| failure.job() as u32).collect::<Vec<_>>()[..]);
                // Each failure's message, made once: the report's errors have
                // them all, its log the first, or all when the run did not fail
                // fast. Every failure of a run has its threshold.
                let messages = error_messages(&error_jobs, &waits, failures.first().map_or(0, |failure| failure.error().threshold_ms));
                let errors = if every_error { messages.clone() } else { messages.slice(0, 1) };
                let log = log_of(&steps.get(0), &steps.get(1), &steps.get(2), &waits, &errors);
                steps.push(&waits);
                steps.push(&error_jobs);
                steps.push(&messages);
                steps.push(&log)
            }
            4 => {
                steps.push(&Uint8Array::from(&jobs.iter().map(|job| job.state as u8).collect::<Vec<_>>()[..]));
                steps.push(&Int32Array::from(&jobs.iter().map(|job| job.worker.map_or(-1, |w| w as i32)).collect::<Vec<_>>()[..]))
            }
            5 => steps.push(&Float64Array::from(&jobs.iter().map(|job| job.start_ms.unwrap_or(f64::NAN)).collect::<Vec<_>>()[..])),
            _ => steps.push(&Float64Array::from(&jobs.iter().map(|job| job.end_ms.unwrap_or(f64::NAN)).collect::<Vec<_>>()[..])),
        };
    }
    let max_late_ms = demo.max_lateness_ms();
    build_report(
        RunStatus::from(report.status).name(),
        report.elapsed_ms,
        max_late_ms,
        max_late_ms > DISTORTED_AFTER_MS,
        seed.map(|seed| seed as f64),
        &steps,
    )
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
    log_of(kinds, starts, ends, waits, &Array::new())
}
