//! examples/wasm_futures.rs (futures'), as the user's wasm module would run it: in the
//! browser, on its timers. `wasm-pack test --headless --chrome`. One file
//! each: both export `lengths`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../examples/wasm_futures.rs"]
// wasm-bindgen's macro writes code newer than the crate's MSRV, which the module needs not.
#[allow(clippy::incompatible_msrv)]
mod example;

#[wasm_bindgen_test::wasm_bindgen_test]
async fn lengths_come_in_order_or_the_first_error_as_a_js_error() {
    assert_eq!(example::lengths(vec!["grace".into(), "ada".into(), "barbara".into()]).await.ok(), Some(vec![5, 3, 7]));
    let error = example::lengths(vec!["ada".into(), "r2d2".into()]).await.expect_err("r2d2 is not a word");
    let error = js_sys::Error::from(wasm_bindgen::JsValue::from(error));
    assert!(String::from(error.message()).ends_with("\"r2d2\" is not a word"));
}
