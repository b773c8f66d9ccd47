//! What a page hears of a panic.

use std::cell::RefCell;
use std::sync::Once;

use js_sys::Function;
use wasm_bindgen::prelude::*;

thread_local! {
    static LISTENERS: RefCell<Vec<Function>> = const { RefCell::new(Vec::new()) };
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
            LISTENERS.with(|listeners| {
                for listener in listeners.borrow().iter() {
                    let _ = listener.call1(&JsValue::NULL, &message);
                }
            });
        }));
    });
    LISTENERS.with(|listeners| listeners.borrow_mut().push(listener));
}

/// Panics, for the tests of what a page does after a panic. Nothing else
/// in this crate panics on any input.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}
