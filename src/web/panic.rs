//! What a page hears of a panic.

use core::panic::Location;

use js_sys::Function;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// Adds `listener` to the panic listeners of the instance whose memory is `memory`.
    #[wasm_bindgen(js_name = listenForPanic)]
    fn listen_for_panic(memory: JsValue, listener: Function);

    /// Calls the panic listeners of the instance whose memory is `memory`
    /// with `panicked at {file}:{line}:{column}:`, and `message` on a line of its own.
    #[wasm_bindgen(js_name = tellPanic)]
    fn tell_panic(memory: JsValue, file: &str, line: u32, column: u32, message: Option<&str>);
}

/// Calls `listener` with the message of a panic, if one happens. A panic
/// traps this wasm instance: nothing more it runs will settle, and the page
/// should load a fresh instance (`<dispatcher-demo>` does).
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(#[wasm_bindgen(unchecked_param_type = "(message: string) => void")] listener: Function) {
    // The wasm tests' builds have std, and so std's panic handler, which calls its hook.
    #[cfg(feature = "std")]
    {
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            std::panic::set_hook(alloc::boxed::Box::new(|info| {
                let payload = info.payload();
                let message = payload.downcast_ref::<&str>().copied();
                tell(info.location(), message.or_else(|| payload.downcast_ref::<alloc::string::String>().map(|s| s.as_str())));
            }))
        });
    }
    listen_for_panic(wasm_bindgen::memory(), listener);
}

/// Tells the listeners of a panic at `location`, with `message` if there is one to tell.
fn tell(location: Option<&Location<'_>>, message: Option<&str>) {
    let (file, line, column) = location.map_or(("?", 0, 0), |at| (at.file(), at.line(), at.column()));
    tell_panic(wasm_bindgen::memory(), file, line, column, message);
}

/// The page's modules' panic handler (they have no std, and so no std's).
/// It tells the listeners what std's hook would, without `core::fmt`: the
/// message is there when it is a string as written (`panic!("…")`,
/// `unwrap()` on `None`), and left out when it would have to be formatted.
/// Then it traps the instance, as std's does with `panic = "abort"`.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panicked(info: &core::panic::PanicInfo) -> ! {
    tell(info.location(), info.message().as_str());
    core::arch::wasm32::unreachable()
}

/// Panics, for the tests of what a page does after a panic. Nothing else
/// in this crate panics on any input.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() {
    panic!("forced by a test");
}
