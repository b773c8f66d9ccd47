//! A wasm module of a user's, built as a cdylib: an export that runs jobs
//! 2 at a time on the browser's timers, through wasm-bindgen-futures, and
//! gives their values to JS in order, or the first error as a JS `Error`.
//! wasm_futures.rs is the same module with futures' `buffered`.
//!
//!   cargo build -p bounded-dispatcher --example wasm --target wasm32-unknown-unknown
#![cfg(target_arch = "wasm32")]

use bounded_dispatcher::Dispatcher;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;

/// Measures a word in as many ms as it has letters; a word with a digit is not one.
async fn measure(word: String) -> Result<u32, String> {
    TimeoutFuture::new(word.len() as u32).await;
    if word.contains(char::is_numeric) {
        return Err(format!("{word:?} is not a word"));
    }
    Ok(word.len() as u32)
}

/// Each word's length, in order.
#[wasm_bindgen]
pub async fn lengths(words: Vec<String>) -> Result<Vec<u32>, JsError> {
    Ok(Dispatcher::new(2).run_iter(words, measure).collect().await?)
}
