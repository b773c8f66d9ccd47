//! `run`'s and `map`'s arguments and `<dispatcher-demo>`'s settings, from JS
//! values: checked by the one check of `check.rs`, except what only JS can
//! tell (an `AbortSignal`, a `PauseController`, a function); and an option's
//! error as the `TypeError` or `RangeError` JS throws.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::pause::{self, PageGate};
use crate::{spec, Api, Given, OptionError, Options, Problem, Source, Value};

#[wasm_bindgen]
extern "C" {
    /// `run`'s options: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type RunOptions;

    /// `run`'s progress callback: any JS value, checked by `run`.
    #[wasm_bindgen(typescript_type = "((event: ProgressEvent) => void)")]
    pub type OnProgress;

    /// `map`'s options: any JS value, checked by `map`.
    #[cfg(feature = "map")]
    #[wasm_bindgen(typescript_type = "MapOptions")]
    pub type MapOptions;

    /// A setting of `<dispatcher-demo>` as it was given (`GivenSetting` in the TypeScript).
    #[wasm_bindgen(typescript_type = "GivenSetting")]
    pub type GivenSetting;
    #[wasm_bindgen(method, getter)]
    fn name(this: &GivenSetting) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn value(this: &GivenSetting) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn text(this: &GivenSetting) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn source(this: &GivenSetting) -> Option<String>;
}

/// `run`'s or `map`'s arguments, checked.
#[derive(Default)]
pub(super) struct Parsed {
    pub options: Options,
    pub signal: Option<AbortSignal>,
    pub gate: Option<PageGate>,
    pub on_progress: Option<Function>,
}

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// `run`'s options as the element's settings are given: each option not
    /// `undefined`, by its JS name, with its value.
    #[wasm_bindgen(js_name = givenOptions)]
    fn given_options(options: &JsValue) -> Vec<GivenSetting>;

    /// What `value` is, as `to_value` tells values apart: a number each.
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u8;
}

pub(super) fn parse(options: Option<RunOptions>, on_progress: Option<OnProgress>) -> Result<Parsed, OptionError> {
    let mut parsed = Parsed::default();
    // From JS, wasm-bindgen passes null and undefined as None; from Rust they may come as values.
    if let Some(f) = on_progress.map(JsValue::from).filter(|f| !f.is_null() && !f.is_undefined()) {
        parsed.on_progress = Some(f.dyn_into::<Function>().map_err(|f| wrong_type("onProgress", "a function", &f))?);
    }
    parse_into(&mut parsed, Api::Run, options.map_or(JsValue::UNDEFINED, Into::into))?;
    Ok(parsed)
}

/// `map`'s options, whose `onProgress` is one of them.
#[cfg(feature = "map")]
pub(super) fn parse_map(options: JsValue) -> Result<Parsed, OptionError> {
    let mut parsed = Parsed::default();
    parse_into(&mut parsed, Api::Map, options)?;
    Ok(parsed)
}

/// `api`'s options, checked, into `parsed`.
fn parse_into(parsed: &mut Parsed, api: Api, options: JsValue) -> Result<(), OptionError> {
    if options.is_undefined() {
        return Ok(());
    }
    if !options.is_object() || Array::is_array(&options) || options.is_function() {
        return Err(wrong_type("options", "an object", &options));
    }
    take(parsed, api, given_options(&options))
}

/// Checks the element's settings, each as `GivenSetting` has it, as `run`'s options are.
pub(super) fn check_settings(settings: Vec<GivenSetting>) -> Result<(), OptionError> {
    take(&mut Parsed::default(), Api::Run, settings)
}

/// Options and settings as they were given, checked: what only JS can tell
/// (an `AbortSignal`, a `PauseController`, a function, which only JS can
/// pass) here, the rest by the one check.
fn take(parsed: &mut Parsed, api: Api, settings: Vec<GivenSetting>) -> Result<(), OptionError> {
    let mut read = Vec::with_capacity(settings.len());
    for setting in &settings {
        let (name, value) = (setting.name().unwrap_or_default(), setting.value());
        let origin = match setting.source().as_deref() {
            Some("text") => Origin::Text,
            Some("form") => Origin::Form,
            _ => Origin::Js,
        };
        // What only JS can pass is taken here, if it is what it must be.
        let taken = match (name.as_str(), origin, api) {
            ("signal", Origin::Js, _) => value.dyn_ref().map(|value: &AbortSignal| parsed.signal = Some(value.clone())).is_some(),
            ("pause", Origin::Js, _) => pause::gate_of(&value).map(|value| parsed.gate = Some(value)).is_some(),
            #[cfg(feature = "map")]
            ("onProgress", Origin::Js, Api::Map) => {
                value.dyn_ref().map(|value: &Function| parsed.on_progress = Some(value.clone())).is_some()
            }
            _ => {
                read.push((to_value(&value), setting.text().unwrap_or_default(), origin, name));
                continue;
            }
        };
        if !taken {
            return Err(not_an_object(&name, &value));
        }
    }
    let given = read.iter().map(|(value, text, origin, name)| {
        let source = match origin {
            Origin::Text => Source::Text(text),
            Origin::Form => Source::Form(text),
            Origin::Js => Source::Js,
        };
        Given { name, value, source }
    });
    parsed.options = Options::parse_for(api, given)?;
    Ok(())
}

/// Where a setting was given (`GivenSetting`'s `source`), before its text is read.
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    Js,
    Text,
    Form,
}

/// The `TypeError` for `value`, given as the option `name`, which only JS
/// can pass: an object of a class, as the table says.
#[inline(never)]
fn not_an_object(name: &str, value: &JsValue) -> OptionError {
    wrong_type(name, &spec(name).map(|spec| spec.expected()).unwrap_or_default(), value)
}

/// The `TypeError` for `value`, given as `option`, which must be `expected`.
pub(super) fn wrong_type(option: &str, expected: &str, value: &JsValue) -> OptionError {
    let problem = Problem::Type { expected: expected.to_owned(), got: crate::messages::got(&to_value(value), Source::Js) };
    OptionError { option: option.to_owned(), named: option.to_owned(), problem }
}

fn to_value(value: &JsValue) -> Value {
    match kind_of(value) {
        0 => Value::Number(number_of(value)),
        1 => Value::Bool(value.is_truthy()),
        2 => Value::String(string_of(value)),
        3 => Value::Undefined,
        4 => Value::Null,
        // An array, or a typed array: `Array.from` takes both.
        5 => Value::List(Array::from(value).iter().map(|item| to_value(&item)).collect()),
        6 => Value::Other("a function"),
        7 => Value::Other("a bigint"),
        8 => Value::Other("a symbol"),
        _ => Value::Other("an object"),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `String(n)`, by JS itself: Rust's float formatting stays out of the module.
    #[wasm_bindgen(js_name = String)]
    fn js_string(n: f64) -> String;

    /// A number, as it is (`Number(n)`), for a value that `kind_of` says is one.
    #[wasm_bindgen(js_name = Number)]
    fn number_of(value: &JsValue) -> f64;

    /// A string, as it is (`String(s)`), for a value that `kind_of` says is one.
    #[wasm_bindgen(js_name = String)]
    fn string_of(value: &JsValue) -> String;
}

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// A `TypeError` (else a `RangeError`) with `message`, which also carries its parts.
    #[wasm_bindgen(js_name = optionError)]
    fn js_option_error(
        type_error: bool,
        message: &str,
        option: &str,
        expected: Option<&str>,
        got: Option<&str>,
        unknown: bool,
        suggestion: Option<&str>,
    ) -> JsValue;
}

/// A `TypeError` or `RangeError`, which also carries the parts of its
/// message: `option` (by its JS name), and `expected` and `got`, or
/// `suggestion` for an unknown option.
pub(super) fn option_error(error: &OptionError) -> JsValue {
    let (expected, got, suggestion) = match &error.problem {
        Problem::Unknown { suggestion, .. } => (None, None, *suggestion),
        Problem::Type { expected, got } | Problem::Range { expected, got } => (Some(expected.as_str()), Some(got.written(js_string)), None),
        Problem::Twice { .. } | Problem::Conflict { .. } => (None, None, None),
    };
    let unknown = matches!(error.problem, Problem::Unknown { .. });
    js_option_error(error.is_type_error(), &error.message(js_string), &error.option, expected, got.as_deref(), unknown, suggestion)
}
