//! Time, injected: jobs sleep, and observers read the time, through a
//! [`Clock`], so that the same jobs run on real timers and on a virtual
//! clock in tests.

use std::future::Future;

/// A source of time in milliseconds, for jobs and for whoever records a run.
///
/// The dispatcher itself never reads the time: it needs none. The clock is
/// what makes a run's timing testable: write jobs against a `Clock`, and
/// test them on the deterministic `VirtualClock` (feature
/// `virtual-clock`), where every time is exact and no test waits.
pub trait Clock {
    /// What [`sleep`](Self::sleep) returns. Dropping it cancels the timer.
    type Sleep: Future<Output = ()>;

    /// Milliseconds since this clock's origin.
    fn now(&self) -> f64;

    /// Completes `ms` milliseconds from now. A 0 ms sleep is ready at once:
    /// it takes no time and yields to nobody.
    fn sleep(&self, ms: u32) -> Self::Sleep;
}
