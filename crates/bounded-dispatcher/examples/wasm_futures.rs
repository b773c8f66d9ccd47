//! wasm.rs, with futures' `buffered`.
//!
//!   cargo build -p bounded-dispatcher --example wasm_futures --target wasm32-unknown-unknown
#![cfg(target_arch = "wasm32")]

use futures::{stream, StreamExt, TryStreamExt};
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
    let lengths = stream::iter(words).map(measure).buffered(2).try_collect().await;
    lengths.map_err(|error: String| JsError::new(&error))
}
