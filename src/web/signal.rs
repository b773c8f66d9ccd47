//! An `AbortSignal` as the stop future of a run.

use futures::channel::oneshot;
use gloo_events::EventListener;
use web_sys::AbortSignal;

/// Completes when `signal` aborts, at once if it has already; never without
/// one. Dropping it removes its listener (gloo-events' `EventListener` does).
pub(super) async fn aborted(signal: Option<AbortSignal>) {
    let Some(signal) = signal else {
        return std::future::pending().await;
    };
    if signal.aborted() {
        return;
    }
    let (abort, aborted) = oneshot::channel();
    let _listener = EventListener::once(&signal, "abort", move |_| {
        let _ = abort.send(());
    });
    // The sender lives as long as the listener, and so as this future: it is not dropped unsent.
    let _ = aborted.await;
}
