//! A crate of a user's that depends on bounded-dispatcher. On wasm32 it has
//! its own global allocator and its own `run` export: neither may clash
//! with anything of the library's.

/// The library's README example, as it is written there.
#[path = "../../../crates/bounded-dispatcher/examples/quickstart.rs"]
#[allow(dead_code)] // its `main`
pub mod quickstart;

#[cfg(target_arch = "wasm32")]
mod web {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use wasm_bindgen::prelude::*;

    /// The user's own allocator: the system's, counting what it hands out.
    struct Counting;

    static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    /// The user's own `run`: the sizes of three pages, as the README does it.
    #[wasm_bindgen]
    pub async fn run() -> Result<Vec<u32>, JsValue> {
        let sizes = crate::quickstart::sizes(&["index", "about", "blog"]).await;
        let sizes = sizes.map_err(|error| JsValue::from(error.to_string()))?;
        Ok(sizes.into_iter().map(|size| size as u32).collect())
    }

    /// Bytes the user's allocator has handed out.
    #[wasm_bindgen]
    pub fn allocated() -> usize {
        ALLOCATED.load(Ordering::Relaxed)
    }
}
