//! What a page hears of a panic.

use alloc::vec::Vec;
use core::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::global::Global;

static LISTENERS: Global<RefCell<Vec<Function>>> = Global::new(|| RefCell::new(Vec::new()));

/// Calls `listener` with the message of a panic, if one happens. A panic
/// traps this wasm instance: nothing more it runs will settle, and the page
/// should load a fresh instance (`<dispatcher-demo>` does).
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(#[wasm_bindgen(unchecked_param_type = "(message: string) => void")] listener: Function) {
    #[cfg(feature = "std")]
    {
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| std::panic::set_hook(alloc::boxed::Box::new(|info| tell(&alloc::string::ToString::to_string(info)))));
    }
    LISTENERS.borrow_mut().push(listener);
}

/// Calls the listeners with `message`.
fn tell(message: &str) {
    let message = JsValue::from_str(message);
    // Not borrowed mutably: the one borrow_mut pushes, and does not panic.
    if let Ok(listeners) = LISTENERS.try_borrow() {
        for listener in listeners.iter() {
            let _ = listener.call1(&JsValue::NULL, &message);
        }
    }
}

/// The page's modules' panic handler (they have no std, and so no std's).
/// It tells the listeners what std's hook prints, `panicked at
/// src/file.rs:line:column:` and the message, without `core::fmt`: the
/// message is there when it is a string as written (`panic!("…")`,
/// `unwrap()` on `None`), and left out when it would have to be formatted.
/// Then it traps the instance, as std's does with `panic = "abort"`.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panicked(info: &core::panic::PanicInfo) -> ! {
    let mut message = alloc::string::String::from("panicked");
    if let Some(location) = info.location() {
        message.push_str(" at ");
        message.push_str(location.file());
        for number in [location.line(), location.column()] {
            message.push(':');
            crate::messages::push_number(&mut message, number.into());
        }
        message.push(':');
    }
    if let Some(text) = info.message().as_str() {
        message.push('\n');
        message.push_str(text);
    }
    tell(&message);
    core::arch::wasm32::unreachable()
}

/// Panics, for the tests of what a page does after a panic. Nothing else
/// in this crate panics on any input.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() {
    panic!("forced by a test");
}
