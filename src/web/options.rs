//! `run`'s arguments, from JS values: the options checked by the table in
//! `options.rs`, except those only JS can tell (an `AbortSignal`, a
//! `PauseController`); and an option's error as the `TypeError` or
//! `RangeError` JS throws.

use js_sys::{Array, Function, Object, RangeError, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::pause::{self, PageGate};
use crate::{spec, Got, OptionError, Options, Value};

#[wasm_bindgen]
extern "C" {
    /// `run`'s options: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type RunOptions;

    /// `run`'s progress callback: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "((event: ProgressEvent) => void)")]
    pub type OnProgress;
}

/// `run`'s arguments, checked.
pub(super) struct Parsed {
    pub options: Options,
    pub signal: Option<AbortSignal>,
    pub gate: Option<PageGate>,
    pub on_progress: Option<Function>,
}

pub(super) fn parse(options: Option<RunOptions>, on_progress: Option<OnProgress>) -> Result<Parsed, OptionError> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let on_progress = match on_progress.map(JsValue::from) {
        Some(f) if !f.is_null() && !f.is_undefined() => {
            Some(f.dyn_into::<Function>().map_err(|f| wrong_type("onProgress", "a function", &f))?)
        }
        _ => None,
    };
    let mut parsed = Parsed { options: Options::default(), signal: None, gate: None, on_progress };
    if options.is_undefined() {
        return Ok(parsed);
    }
    if !options.is_object() || Array::is_array(&options) || options.is_function() {
        return Err(wrong_type("options", "an object", &options));
    }
    let expected = |name| spec(name).map(|spec| spec.expected()).unwrap_or_default();
    let mut entries = Vec::new();
    for key in Object::keys(options.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(&options, &key).unwrap_or(JsValue::UNDEFINED);
        match name.as_str() {
            _ if value.is_undefined() => {}
            "signal" => parsed.signal = Some(value.dyn_into().map_err(|value| wrong_type("signal", &expected("signal"), &value))?),
            "pause" => parsed.gate = Some(pause::gate_of(&value).ok_or_else(|| wrong_type("pause", &expected("pause"), &value))?),
            _ => entries.push((name, to_value(&value))),
        }
    }
    parsed.options = Options::parse(entries.iter().map(|(name, value)| (name.as_str(), value)))?;
    Ok(parsed)
}

fn wrong_type(option: &str, expected: &str, value: &JsValue) -> OptionError {
    OptionError::Type { option: option.to_owned(), expected: expected.to_owned(), got: crate::messages::show(&to_value(value)) }
}

fn to_value(value: &JsValue) -> Value {
    if let Some(n) = value.as_f64() {
        Value::Number(n)
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(s) = value.as_string() {
        Value::String(s)
    } else if value.is_undefined() {
        Value::Undefined
    } else if value.is_null() {
        Value::Null
    } else if Array::is_array(value) || (js_sys::ArrayBuffer::is_view(value) && !value.is_instance_of::<js_sys::DataView>()) {
        // An array, or a typed array: `Array.from` takes both.
        Value::List(Array::from(value).iter().map(|item| to_value(&item)).collect())
    } else {
        Value::Other(kind_of(value))
    }
}

fn kind_of(value: &JsValue) -> &'static str {
    if value.is_function() {
        "a function"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else {
        "an object"
    }
}

/// `String(n)`, by JS itself: Rust's float formatting stays out of the module.
fn js_string(n: f64) -> String {
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// A `TypeError` or `RangeError`, which also carries the parts of its message:
/// `option`, and `expected` and `got`, or `suggestion` for an unknown option.
pub(super) fn option_error(error: &OptionError) -> JsValue {
    let message = error.message(js_string);
    let js: JsValue = if error.is_type_error() { TypeError::new(&message).into() } else { RangeError::new(&message).into() };
    let set = |key: &str, value: Option<&str>| {
        let _ = Reflect::set(&js, &key.into(), &value.map_or(JsValue::NULL, JsValue::from));
    };
    match error {
        OptionError::Unknown { name, suggestion } => {
            set("option", Some(name));
            set("suggestion", *suggestion);
        }
        OptionError::Type { option, expected, got } | OptionError::Range { option, expected, got } => {
            set("option", Some(option));
            set("expected", Some(expected));
            set("got", Some(&Got::show(got, js_string)));
        }
    }
    js
}
