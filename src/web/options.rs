//! `run`'s arguments and `<dispatcher-demo>`'s settings, from JS values:
//! checked by the one check of `check.rs`, except what only JS can tell (an
//! `AbortSignal`, a `PauseController`); and an option's error as the
//! `TypeError` or `RangeError` JS throws.

use bounded_dispatcher::Gate;
use js_sys::{Array, Function, Object, RangeError, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::pause;
use crate::{spec, Given, OptionError, Options, Problem, Source, Value};

#[wasm_bindgen]
extern "C" {
    /// `run`'s options: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type RunOptions;

    /// `run`'s progress callback: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "((event: ProgressEvent) => void)")]
    pub type OnProgress;

    /// The settings of `<dispatcher-demo>`, as given: any JS value, checked.
    #[wasm_bindgen(typescript_type = "GivenSetting[]")]
    pub type GivenSettings;
}

/// `run`'s arguments, checked.
pub(super) struct Parsed {
    pub options: Options,
    pub signal: Option<AbortSignal>,
    pub gate: Option<Gate>,
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
    parsed.options = Options::parse(entries.iter().map(|(name, value)| Given::js(name, value)))?;
    Ok(parsed)
}

/// Checks the element's settings, each `{ name, value, text, source }` as
/// `GivenSetting` has it, by the same check as `run`'s options.
pub(super) fn check_settings(settings: &JsValue) -> Result<(), OptionError> {
    let field = |setting: &JsValue, key: &str| Reflect::get(setting, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let given: Vec<(String, Value, Option<String>, Option<String>)> = Array::from(settings)
        .iter()
        .map(|setting| {
            let name = field(&setting, "name").as_string().unwrap_or_default();
            (name, to_value(&field(&setting, "value")), field(&setting, "text").as_string(), field(&setting, "source").as_string())
        })
        .collect();
    let given = given.iter().map(|(name, value, text, source)| {
        let text = text.as_deref().unwrap_or_default();
        let source = match source.as_deref() {
            Some("text") => Source::Text(text),
            Some("form") => Source::Form(text),
            _ => Source::Js,
        };
        Given { name, value, source }
    });
    Options::parse(given).map(drop)
}

fn wrong_type(option: &str, expected: &str, value: &JsValue) -> OptionError {
    let problem = Problem::Type { expected: expected.to_owned(), got: crate::messages::got(&to_value(value), Source::Js) };
    OptionError { option: option.to_owned(), named: option.to_owned(), problem }
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

/// A `TypeError` or `RangeError`, which also carries the parts of its
/// message: `option` (by its JS name), and `expected` and `got`, or
/// `suggestion` for an unknown option.
pub(super) fn option_error(error: &OptionError) -> JsValue {
    let message = error.message(js_string);
    let js: JsValue = if error.is_type_error() { TypeError::new(&message).into() } else { RangeError::new(&message).into() };
    let set = |key: &str, value: Option<&str>| {
        let _ = Reflect::set(&js, &key.into(), &value.map_or(JsValue::NULL, JsValue::from));
    };
    set("option", Some(&error.option));
    match &error.problem {
        Problem::Unknown { suggestion, .. } => set("suggestion", *suggestion),
        Problem::Type { expected, got } | Problem::Range { expected, got } => {
            set("expected", Some(expected));
            set("got", Some(&got.written(js_string)));
        }
        Problem::Twice { .. } | Problem::Conflict { .. } => {}
    }
    js
}
