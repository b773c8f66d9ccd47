//! `PauseController`: pauses and resumes runs, as an `AbortController`
//! stops them.

use bounded_dispatcher::Gate;
use wasm_bindgen::prelude::*;

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
    /// A controller that is not paused.
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
}

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = withController)]
    fn with_controller(value: &JsValue, with: &mut dyn FnMut(&PauseController)) -> Result<(), JsValue>;
}

/// The gate of `value`, if it is a `PauseController`. JS keeps the
/// controller, and the run shares its gate.
pub(super) fn gate_of(value: &JsValue) -> Option<Gate> {
    let mut gate = None;
    with_controller(value, &mut |controller| gate = Some(controller.gate.clone())).ok()?;
    gate
}
