//! An `AbortSignal` as the stop future of a run.

use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::task::Flag;

/// Completes when `signal` aborts, at once if it has already; never without
/// one. Dropping it removes its listener.
pub(super) async fn aborted(signal: Option<AbortSignal>) {
    let Some(signal) = signal else {
        return core::future::pending().await;
    };
    if signal.aborted() {
        return;
    }
    let abort = Flag::default();
    let listener = Listener::add(signal, abort.setter());
    abort.await;
    drop(listener);
}

/// The signal's "abort" listener, removed when dropped (gloo-events' `EventListener`
/// did it, but links std, which the page's `no_std` module leaves out).
struct Listener {
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl Listener {
    fn add(signal: AbortSignal, listener: Closure<dyn FnMut()>) -> Self {
        // addEventListener throws only for a listener that is not a function.
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        Listener { signal, listener }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}
