//! A global of the module, as std's `thread_local!` makes one: the page's
//! module is `no_std`, which has no `thread_local!`.
#![allow(unsafe_code)]

use core::cell::LazyCell;
use core::ops::Deref;

/// A value made on its first use, in a `static`, though it is not `Sync`.
pub(super) struct Global<T>(LazyCell<T>);

impl<T> Global<T> {
    pub(super) const fn new(make: fn() -> T) -> Self {
        Global(LazyCell::new(make))
    }
}

impl<T> Deref for Global<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

// SAFETY: a wasm32 module without the `atomics` target feature has one
// thread, so no two threads can reach the value (std's `thread_local!`
// relies on the same, there).
#[cfg(not(target_feature = "atomics"))]
unsafe impl<T> Sync for Global<T> {}
