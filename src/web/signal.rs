//! An `AbortSignal` as the stop future of a run.

use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use core::future::poll_fn;
use core::task::{Poll, Waker};

use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

/// Completes when `signal` aborts, at once if it has already; never without
/// one. Dropping it removes its listener.
pub(super) async fn aborted(signal: Option<AbortSignal>) {
    let Some(signal) = signal else {
        return core::future::pending().await;
    };
    if signal.aborted() {
        return;
    }
    // Whether the signal has aborted, and the waker of the last poll until it does:
    // one thread's, so a `Cell` and a `RefCell` (futures' oneshot channel, with its
    // atomics, made the page's module 377 bytes larger, gzipped).
    let abort = Rc::new((Cell::new(false), RefCell::new(None::<Waker>)));
    let listener = Listener::add(signal, {
        let abort = abort.clone();
        Closure::new(move || {
            abort.0.set(true);
            if let Some(waker) = abort.1.take() {
                waker.wake();
            }
        })
    });
    poll_fn(|cx| {
        if abort.0.get() {
            return Poll::Ready(());
        }
        abort.1.replace(Some(cx.waker().clone()));
        Poll::Pending
    })
    .await;
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
