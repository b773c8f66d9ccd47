//! The table of options, entry by entry: each has one JS name, one
//! attribute and one label; what only JS can pass is no setting; each
//! setting is run's (the element runs the demo); and numbers are written as
//! JS writes them.
#![cfg(not(target_arch = "wasm32"))]

use dispatcher_demo::{options_of, setting_spec, spec, Api, Hundredths, OptionKind, Setting, FLAGS, OPTIONS};

#[test]
fn hundredths_are_written_as_js_writes_numbers() {
    for (n, written) in [(10, "0.1"), (25, "0.25"), (100, "1"), (5, "0.05"), (150, "1.5"), (0, "0")] {
        assert_eq!(Hundredths(n).to_string(), written);
        assert_eq!(Hundredths(n).get().to_string(), written);
    }
}

#[test]
fn the_waits_override_options_that_exist() {
    let Some(OptionKind::Waits { overrides, .. }) = spec("waits").map(|spec| spec.kind) else { panic!("waits") };
    assert!(overrides.iter().all(|name| spec(name).is_some()));
}

#[test]
fn every_option_has_one_js_name_one_attribute_and_one_label() {
    for spec in OPTIONS {
        let kebab: String =
            spec.name.chars().flat_map(|c| if c.is_ascii_uppercase() { vec!['-', c.to_ascii_lowercase()] } else { vec![c] }).collect();
        assert!(spec.attribute().map_or(true, |attribute| attribute == kebab), "{spec:?}");
        assert_eq!(OPTIONS.iter().filter(|other| other.name == spec.name).count(), 1);
        if let Some(Setting { attribute, label }) = spec.setting {
            assert_eq!(setting_spec(attribute), Some(spec));
            assert_eq!(OPTIONS.iter().filter(|other| other.setting.is_some_and(|s| s.label == label)).count(), 1, "{label}");
            assert!(!FLAGS.contains(&attribute));
        }
    }
}

#[test]
fn what_only_js_can_pass_is_no_setting_and_every_other_option_of_runs_is_one() {
    for spec in OPTIONS {
        let only_js = matches!(spec.kind, OptionKind::Object { .. });
        assert!(!(only_js && spec.setting.is_some()), "{}", spec.name);
        assert!(only_js || spec.setting.is_some() || !spec.is_of(Api::Run), "{}", spec.name);
    }
}

#[test]
fn every_setting_is_runs_for_the_element_runs_the_demo() {
    for spec in OPTIONS {
        assert!(!spec.of.is_empty(), "{}", spec.name);
        assert!(spec.setting.is_none() || spec.is_of(Api::Run), "{}", spec.name);
    }
    let map: Vec<_> = options_of(Api::Map).map(|spec| spec.name).collect();
    assert_eq!(map, ["workers", "queueLength", "cancelInFlight", "failFast", "devtools", "signal", "pause", "onProgress"]);
}
