//! What the crate takes from std natively, and on wasm32 from elsewhere:
//! there the crate is `no_std` (core and alloc), so that a wasm module can
//! leave std, with its panic machinery and `core::fmt`, out.

#[cfg(target_arch = "wasm32")]
pub(crate) use core::error::Error;
#[cfg(target_arch = "wasm32")]
pub(crate) use spin::{Mutex, MutexGuard};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use std::error::Error;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use std::sync::{Mutex, MutexGuard};

/// Takes `mutex`'s lock. Nothing panics while one is held, so std's is
/// never poisoned (and would be taken as it is).
#[inline]
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    #[cfg(target_arch = "wasm32")]
    return mutex.lock();
    #[cfg(not(target_arch = "wasm32"))]
    return mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
}
