//! `run`'s and `map`'s arguments and `<dispatcher-demo>`'s settings, from JS
//! values: checked by the one check of `check.rs`, except what only JS can
//! tell (an `AbortSignal`, a `PauseController`, a function); and an option's
//! error as the `TypeError` or `RangeError` JS throws.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::pause::{self, PageGate};
use crate::{spec, Api, Expected, Given, OptionError, OptionSpec, Options, Problem, Source, Value};

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

/// An option refused: the `TypeError` or `RangeError` that JS made for it.
pub(super) struct Refused(pub(super) JsValue);

pub(super) fn parse(options: Option<RunOptions>, on_progress: Option<OnProgress>) -> Result<Parsed, Refused> {
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
pub(super) fn parse_map(options: JsValue) -> Result<Parsed, Refused> {
    let mut parsed = Parsed::default();
    parse_into(&mut parsed, Api::Map, options)?;
    Ok(parsed)
}

/// `api`'s options, checked, into `parsed`.
fn parse_into(parsed: &mut Parsed, api: Api, options: JsValue) -> Result<(), Refused> {
    if options.is_undefined() {
        return Ok(());
    }
    if !options.is_object() || Array::is_array(&options) || options.is_function() {
        return Err(wrong_type("options", "an object", &options));
    }
    take(parsed, api, given_options(&options))
}

/// Checks the element's settings, each as `GivenSetting` has it, as `run`'s options are.
pub(super) fn check_settings(settings: Vec<GivenSetting>) -> Result<(), Refused> {
    take(&mut Parsed::default(), Api::Run, settings)
}

/// Options and settings as they were given, checked: what only JS can tell
/// (an `AbortSignal`, a `PauseController`, a function, which only JS can
/// pass) here, the rest by the one check.
fn take(parsed: &mut Parsed, api: Api, settings: Vec<GivenSetting>) -> Result<(), Refused> {
    let mut read = Vec::with_capacity(settings.len());
    for setting in &settings {
        let (name, value) = (setting.name().unwrap_or_default(), setting.value());
        let source = match setting.source().as_deref() {
            Some("text") => Source::Text,
            Some("form") => Source::Form,
            _ => Source::Js,
        };
        // What only JS can pass is taken here, if it is what it must be.
        let taken = match (name.as_str(), source, api) {
            ("signal", Source::Js, _) => value.dyn_ref().map(|value: &AbortSignal| parsed.signal = Some(value.clone())).is_some(),
            ("pause", Source::Js, _) => pause::gate_of(&value).map(|value| parsed.gate = Some(value)).is_some(),
            #[cfg(feature = "map")]
            ("onProgress", Source::Js, Api::Map) => {
                value.dyn_ref().map(|value: &Function| parsed.on_progress = Some(value.clone())).is_some()
            }
            _ => {
                let text = setting.text().filter(|_| source != Source::Js);
                read.push((to_value(&value), source, name, value, text));
                continue;
            }
        };
        if !taken {
            return Err(not_an_object(&name, &value));
        }
    }
    let given = read.iter().map(|(value, source, name, _, _)| Given { name, value, source: *source });
    parsed.options = Options::parse_for(api, given).map_err(|error| {
        // What was given as text (an attribute, a URL parameter, a field), which a message shows.
        let text = |place: usize| read[place].4.as_deref();
        let (_, _, name, value, _) = &read[error.given];
        let second = match error.problem {
            Problem::Twice { second } => text(second),
            _ => None,
        };
        refused(&error, name, value, text(error.given), second)
    })?;
    Ok(())
}

/// The `TypeError` for `value`, given as the option `name`, which only JS
/// can pass: an object of a class, as the table says.
#[inline(never)]
fn not_an_object(name: &str, value: &JsValue) -> Refused {
    let expected = match spec(name).map(OptionSpec::expected) {
        Some(Expected::Object(expected)) => expected,
        _ => "",
    };
    wrong_type(name, expected, value)
}

/// The `TypeError` for `value`, given as `option`, which must be `expected`.
pub(super) fn wrong_type(option: &str, expected: &'static str, value: &JsValue) -> Refused {
    let error = OptionError { given: 0, option: "", named: "", item: None, problem: Problem::Type(Expected::Object(expected)) };
    refused(&error, option, value, None, None)
}

fn to_value(value: &JsValue) -> Value {
    match kind_of(value) {
        0 => Value::Number(number_of(value)),
        1 => Value::Bool(value.is_truthy()),
        2 => Value::String,
        3 => Value::Undefined,
        4 => Value::Null,
        // An array, or a typed array: `Array.from` takes both.
        5 => Value::List(Array::from(value).iter().map(|item| to_value(&item)).collect()),
        _ => Value::Other,
    }
}

#[wasm_bindgen]
extern "C" {
    /// A number, as it is (`Number(n)`), for a value that `kind_of` says is one.
    #[wasm_bindgen(js_name = Number)]
    fn number_of(value: &JsValue) -> f64;
}

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// A `TypeError` (else a `RangeError`) for an option refused, its
    /// message written by JS from its parts: what is wrong (`code`), with
    /// its numbers (`a`, `b`) or words, and what was given (`value`, read
    /// from `text`), as `tasks.js` says.
    #[wasm_bindgen(js_name = optionError)]
    fn js_option_error(
        code: u8,
        type_error: bool,
        option: &str,
        named: &str,
        item: Option<u32>,
        a: f64,
        b: f64,
        words: Option<&str>,
        value: &JsValue,
        text: Option<&str>,
    ) -> JsValue;
}

/// The JS error for `error`, about the option given as `name`, `value` and
/// `text` (`None` for a JS value); `second` is the text of an option given twice.
fn refused(error: &OptionError, name: &str, value: &JsValue, text: Option<&str>, second: Option<&str>) -> Refused {
    let (option, named) = if error.option.is_empty() { (name, name) } else { (error.option, error.named) };
    let (code, a, b, words) = match error.problem {
        Problem::Unknown { api, settings } => (0, f64::from(u8::from(settings)), f64::from(u8::from(api == Api::Map)), None),
        Problem::Type(expected) | Problem::Range(expected) => match expected {
            Expected::Integer { min, max } => (1, min as f64, max as f64, None),
            Expected::Number { min, max } => (2, min.get(), max.get(), None),
            Expected::Boolean => (3, 0.0, 0.0, None),
            Expected::Waits { max } => (4, 0.0, max as f64, None),
            Expected::AtMost { max_length } => (5, 0.0, max_length as f64, None),
            Expected::Object(words) => (6, 0.0, 0.0, Some(words)),
        },
        Problem::Twice { .. } => (7, 0.0, 0.0, second),
        Problem::Conflict { jobs, waits } => (8, jobs as f64, waits as f64, None),
    };
    let item = error.item.map(|i| i as u32);
    Refused(js_option_error(code, error.is_type_error(), option, named, item, a, b, words, value, text))
}
