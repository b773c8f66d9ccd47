//! `PauseController`, which pauses and resumes runs as an `AbortController`
//! stops them, and the one gate of a run: closed while it is paused, or
//! while the page has its turn (`slices.rs`).

use alloc::rc::Rc;
use core::cell::Cell;

use bounded_dispatcher::Gate;
use wasm_bindgen::prelude::*;

/// Pauses and resumes runs, like an `AbortController` stops them: pass it as
/// the `pause` option of `run` or `map`. While paused, workers take no new job; jobs
/// already running go on, and stopping or failing still ends the run.
#[wasm_bindgen]
#[derive(Default)]
pub struct PauseController {
    gate: PageGate,
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
        self.gate.0.paused.set(true);
        self.gate.update();
    }

    /// Workers take jobs again.
    pub fn resume(&self) {
        self.gate.0.paused.set(false);
        self.gate.update();
    }

    /// Whether it is paused.
    #[wasm_bindgen(getter)]
    pub fn paused(&self) -> bool {
        self.gate.0.paused.get()
    }
}

/// The gate of the runs that share it: open unless they are paused or one
/// of them is giving the page its turn. Clones share it.
#[derive(Clone, Default)]
pub(super) struct PageGate(Rc<Holds>);

#[derive(Default)]
struct Holds {
    gate: Gate,
    paused: Cell<bool>,
    /// The runs giving the page its turn.
    turns: Cell<u32>,
}

impl PageGate {
    /// The library's gate, for the run's dispatcher.
    pub(super) fn gate(&self) -> Gate {
        self.0.gate.clone()
    }

    /// A run gives the page its turn: no job starts until it ends.
    pub(super) fn begin_turn(&self) {
        self.0.turns.set(self.0.turns.get() + 1);
        self.update();
    }

    /// The page's turn is over.
    pub(super) fn end_turn(&self) {
        self.0.turns.set(self.0.turns.get().saturating_sub(1));
        self.update();
    }

    fn update(&self) {
        let holds = &*self.0;
        if holds.paused.get() || holds.turns.get() > 0 {
            holds.gate.close();
        } else {
            holds.gate.open();
        }
    }
}

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = withController)]
    fn with_controller(value: &JsValue, with: &mut dyn FnMut(&PauseController)) -> Result<(), JsValue>;
}

/// The gate of `value`, if it is a `PauseController`. JS keeps the
/// controller, and the run shares its gate.
pub(super) fn gate_of(value: &JsValue) -> Option<PageGate> {
    let mut gate = None;
    with_controller(value, &mut |controller| gate = Some(controller.gate.clone())).ok()?;
    gate
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_gate_is_open_only_while_neither_paused_nor_giving_the_page_its_turn() {
        let controller = PauseController::new();
        let (page, gate) = (controller.gate.clone(), controller.gate.gate());
        assert!(gate.is_open());
        page.begin_turn();
        controller.pause();
        page.end_turn();
        assert!(!gate.is_open(), "the end of a turn does not resume a paused run");
        page.begin_turn();
        controller.resume();
        assert!(!gate.is_open(), "a resume does not end the page's turn");
        page.begin_turn();
        page.end_turn();
        assert!(!gate.is_open(), "another run's turn is still on");
        page.end_turn();
        assert!(gate.is_open());
    }
}
