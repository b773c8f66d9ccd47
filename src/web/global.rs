//! A global of the module, as std's `thread_local!` makes one: the page's
//! module is `no_std`, which has no `thread_local!`.
#![allow(unsafe_code)]

use alloc::boxed::Box;
use core::cell::Cell;
use core::ops::Deref;

/// A value made on its first use, in a `static`, though it is not `Sync`:
/// made once and kept for the module's life (its globals are never dropped,
/// as `LazyCell`'s in a `static` are not), which needs less code than
/// `LazyCell`'s states and its panic for a poisoned cell.
pub(super) struct Global<T: 'static> {
    value: Cell<Option<&'static T>>,
    make: fn() -> T,
}

impl<T> Global<T> {
    pub(super) const fn new(make: fn() -> T) -> Self {
        Global { value: Cell::new(None), make }
    }
}

impl<T> Deref for Global<T> {
    type Target = T;

    fn deref(&self) -> &T {
        if let Some(value) = self.value.get() {
            return value;
        }
        // A `make` that read its own global would make a second value,
        // and the first would stay: the module's one (alarms.rs's) does not.
        let value = Box::leak(Box::new((self.make)()));
        self.value.set(Some(value));
        value
    }
}

// SAFETY: a wasm32 module without the `atomics` target feature has one
// thread, so no two threads can reach the value (std's `thread_local!`
// relies on the same, there).
#[cfg(not(target_feature = "atomics"))]
unsafe impl<T> Sync for Global<T> {}
