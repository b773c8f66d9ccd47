//! Time, injected: the dispatcher's jobs sleep and its reports read the time
//! through a [`Clock`], so the same code runs on real timers in the browser
//! and on a [`VirtualClock`](crate::VirtualClock) in tests.

use std::future::Future;

/// A source of time in milliseconds.
pub trait Clock {
    /// What [`sleep`](Self::sleep) returns. Dropping it cancels the timer.
    type Sleep: Future<Output = ()>;

    /// Milliseconds since this clock's origin.
    fn now(&self) -> f64;

    /// Completes `ms` milliseconds from now. A 0 ms sleep is ready at once:
    /// it takes no time and yields to nobody.
    fn sleep(&self, ms: u32) -> Self::Sleep;
}
