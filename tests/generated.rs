//! The code the page shows (`www/code.js`), from the original Go program,
//! its variant with a select (`tests/go/select.go`, made here too) and the
//! library's own source, and the article's run as the page replays
//! it (the `schedule` of `www/article-run.json`), from the library on the
//! virtual clock: each test fails when its file differs from what its
//! sources say; `make generated` (BLESS=1) writes it. (The files made from
//! the tables of options and words are tests/tables.rs's.)
#![cfg(not(target_arch = "wasm32"))]

mod bless;

use std::path::Path;

use bless::{check, read};
use bounded_dispatcher::Event;
use dispatcher_demo::demo::{self, Context};
use dispatcher_demo::{EventKind, Options, RunStatus};
use virtual_clock::{Clock, VirtualClock};

/// Lines `from` to `to` of `text` (1-based, both included), whose first and
/// last contain those strings; an empty `to` is the end of the file.
fn excerpt(text: &str, from: &str, to: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|line| line.contains(from)).unwrap_or_else(|| panic!("no line has {from:?}"));
    if to.is_empty() {
        return (first + 1, lines.len());
    }
    let last =
        first + lines[first..].iter().position(|line| line.contains(to)).unwrap_or_else(|| panic!("no line after {from:?} has {to:?}"));
    (first + 1, last + 1)
}

/// `{ file, source, first, marks }` for the page, from `text`, the file at
/// `path`: the lines `excerpts` name, numbered as in the file, and the line of
/// each mark, which the page highlights as the run goes: the first line that
/// has the mark's last string, after the lines that have the ones before it.
fn code(path: &str, text: &str, excerpts: &[(&str, &str)], marks: &[(&str, &[&str])]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let parts: Vec<String> = excerpts
        .iter()
        .map(|(from, to)| {
            let (first, last) = excerpt(text, from, to);
            format!("{{ first: {first}, source: {:?} }}", lines[first - 1..last].join("\n"))
        })
        .collect();
    let marks: Vec<String> = marks
        .iter()
        .map(|(name, path_to)| {
            let at = path_to.iter().fold(0, |from, needle| {
                from + lines[from..]
                    .iter()
                    .position(|line| line.contains(needle))
                    .unwrap_or_else(|| panic!("{path} has no {needle:?} any more"))
            });
            format!("{name}: {}", at + 1)
        })
        .collect();
    format!("{{\n  file: {path:?},\n  parts: [\n    {},\n  ],\n  marks: {{ {} }},\n}}", parts.join(",\n    "), marks.join(", "))
}

/// [`code`] for a file that marks its own lines: it shows what is between
/// each `// panel: begin` line and the next `// panel: end` line, and a line
/// ending in `// mark: NAME` is the mark `NAME` (the page shows it without
/// the comment). Every mark the page uses must be there, on a line it shows.
fn marked_code(path: &str, names: &[&str]) -> String {
    const MARK: &str = " // mark: ";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (mut parts, mut marks, mut from) = (Vec::new(), Vec::new(), None);
    for (i, line) in lines.iter().enumerate() {
        match (line.trim(), from) {
            ("// panel: begin", None) => from = Some(i + 1),
            ("// panel: end", Some(first)) => {
                let shown: Vec<&str> = lines[first..i].iter().map(|line| line.split(MARK).next().unwrap()).collect();
                parts.push(format!("{{ first: {}, source: {:?} }}", first + 1, shown.join("\n")));
                from = None;
            }
            _ => {}
        }
        if let Some((_, name)) = line.split_once(MARK) {
            assert!(from.is_some(), "{path}:{}: the mark {name:?} is on a line the page does not show", i + 1);
            marks.push((name.trim().to_owned(), i + 1));
        }
    }
    for name in names {
        assert!(marks.iter().any(|(mark, _)| mark == name), "{path} has no `// mark: {name}` any more");
    }
    let marks: Vec<String> = marks.iter().map(|(name, line)| format!("{name}: {line}")).collect();
    format!("{{\n  file: {path:?},\n  parts: [\n    {},\n  ],\n  marks: {{ {} }},\n}}", parts.join(",\n    "), marks.join(", "))
}

/// The lines of the Go programs the page marks, by the strings that find them.
const GO_MARKS: [(&str, &[&str]); 9] = [
    ("start", &["fmt.Printf(\"Working on the job"]),
    ("fail", &["return fmt.Errorf("]),
    ("take", &["for job := range jobs {"]),
    ("cancel", &["for job := range jobs {", "case <-ctx.Done():"]),
    ("feed", &["jobs <- &Job{"]),
    ("close", &["close(jobs)"]),
    ("errReturn", &["return err"]),
    ("canceledPrint", &["fmt.Printf(\"Canceled the job"]),
    ("wait", &["eg.Wait()"]),
];

/// Go's cooperative cancel, compare mode's middle lane: the article's
/// program with each job's time.Sleep a select on its timer and ctx.Done().
const SELECT: [(&str, &str); 2] = [
    (
        "// Do waits, and fails before waiting if the wait is too long.\n",
        "// Do waits, and fails before waiting if the wait is too long. If ctx is\n// done while it waits, it stops there, and returns ctx's error.\n",
    ),
    (
        "\ttime.Sleep(time.Duration(j.Wait) * time.Millisecond)\n\treturn nil\n",
        "\tselect {\n\tcase <-time.After(time.Duration(j.Wait) * time.Millisecond):\n\t\treturn nil\n\tcase <-ctx.Done():\n\t\t\
         fmt.Printf(\"Stopped the job #%d while it was waiting\\n\", j.ID)\n\t\treturn ctx.Err()\n\t}\n",
    ),
];

/// `tests/go/select.go`, which make test-go runs and the page shows: the
/// article's program (tests/go/article.go) with [`SELECT`]'s changes, and its own opening words.
fn select_go() -> String {
    let article = read("tests/go/article.go");
    let body = &article[article.find("package main").expect("article.go's package")..];
    let body = SELECT.iter().fold(body.to_owned(), |text, (from, to)| {
        assert!(text.contains(from), "article.go has no {from:?} any more");
        text.replacen(from, to, 1)
    });
    format!(
        "// Generated by tests/generated.rs from tests/go/article.go (`make generated` writes it):\n\
         // the original Go program, with Go's cooperative cancel. Each job selects on\n\
         // its timer and ctx.Done() instead of calling time.Sleep, so a running job\n\
         // stops at the cancel, by its own check. make test-go runs it, and checks its\n\
         // run against compare mode's lane \"Go with select\". The page shows it when\n\
         // that lane is followed.\n{body}"
    )
}

fn code_js() -> String {
    let article = read("tests/go/article.go");
    let go = code("tests/go/article.go", &article, &[("type Job struct", "")], &[&GO_MARKS[..], &[("sleep", &["time.Sleep("])]].concat());
    let select_marks = [
        ("sleep", &["case <-time.After("][..]),
        ("stop", &["case <-ctx.Done():"]),
        ("stoppedPrint", &["fmt.Printf(\"Stopped the job"]),
        ("stopReturn", &["return ctx.Err()"]),
    ];
    let select = code("tests/go/select.go", &select_go(), &[("type Job struct", "")], &[&GO_MARKS[..], &select_marks].concat());
    let path = "crates/bounded-dispatcher/src/run_loop.rs";
    let rust = marked_code(
        path,
        &["stop", "abort", "take", "start", "fail", "feed", "cancel", "succeed", "failFast", "canceledEmit", "inFlight", "queuedEmit"],
    );
    format!(
        "// Generated by tests/generated.rs from tests/go/article.go, tests/go/select.go and {path}:\n\
         // `make generated` writes it, and `cargo test` fails when it differs from them, or when a mark's line is gone.\n\n\
         /** The original Go program, whole. */\nexport const GO = {go};\n\n\
         /** The same with Go's cooperative cancel: each job selects on its timer and ctx.Done(). */\nexport const GO_SELECT = {select};\n\n\
         /** The library's run loop and workers, as excerpts numbered as in the file. */\nexport const RUST = {rust};\n"
    )
}

#[test]
fn the_select_variant_is_the_article_program_with_a_select() {
    check("tests/go/select.go", &select_go());
}

#[test]
fn the_code_the_page_shows_is_the_source() {
    check("www/code.js", &code_js());
}

/// The settings the article's run is replayed with: each is a run the page
/// replays on virtual time, and any other setting runs live.
const REPLAYED: [(bool, bool); 3] = [(true, true), (true, false), (false, true)];

/// The article's run with `fail_fast` and `cancel_in_flight`, on the
/// virtual clock, as the page replays it: its status, elapsed time and
/// errors (`[jobId, message]`), and its events as `[atMs, type, jobId,
/// worker or count]`, `type` the code of the event's type (`EVENT_TYPES` in
/// www/spec.js).
fn article_run(waits: &[u32], fail_fast: bool, cancel_in_flight: bool) -> String {
    let options = Options { waits: Some(waits.to_vec()), fail_fast, cancel_in_flight, ..Options::default() };
    recorded_run(&options, None)
}

/// A run with `options` on the virtual clock, stopped at `stop_ms` if given,
/// as `article_run` writes it.
fn recorded_run(options: &Options, stop_ms: Option<u32>) -> String {
    let (fail_fast, cancel_in_flight) = (options.fail_fast, options.cancel_in_flight);
    let clock = VirtualClock::new();
    let mut events = Vec::new();
    let mut on_event = |event: Event, _wait: u32, at_ms: f64| {
        let jobs = event.jobs();
        let detail = event.worker().unwrap_or(jobs.len());
        events.push(format!("[{at_ms}, {}, {}, {detail}]", EventKind::of(&event) as u8, jobs.start));
    };
    let stop = async {
        match stop_ms {
            Some(ms) => clock.sleep(ms).await,
            None => std::future::pending().await,
        }
    };
    let context = Context { clock: &clock, gate: None, random_seed: 0, on_event: Some(&mut on_event), stop };
    let report = clock.block_on(demo::run(options, context)).expect("the replay never stalls").report;
    let errors: Vec<String> =
        report.failures.iter().map(|failure| format!("[{}, {:?}]", failure.job(), failure.error().to_string())).collect();
    let lines: Vec<String> = events.chunks(6).map(|chunk| format!("    {}", chunk.join(", "))).collect();
    format!(
        "  {{ \"failFast\": {fail_fast}, \"cancelInFlight\": {cancel_in_flight}, \"status\": {:?}, \"elapsedMs\": {}, \"errors\": [{}], \"events\": [\n{}\n  ] }}",
        RunStatus::from(report.status).name(),
        report.elapsed_ms,
        errors.join(", "),
        lines.join(",\n")
    )
}

/// `www/article-run.json` with its `schedule`: the article's run as the
/// library runs it on the virtual clock, for each of the settings it is
/// replayed with. The rest of the file is the article's, written by hand.
fn article_run_json() -> String {
    const KEY: &str = ",\n \"schedule\": ";
    let text = read("www/article-run.json");
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let waits: Vec<u32> = serde_json::from_value(fixture["waits"].clone()).unwrap();
    let kept = match text.find(KEY) {
        Some(at) => &text[..at],
        None => text.trim_end().strip_suffix('}').unwrap().trim_end(),
    };
    let runs: Vec<String> =
        REPLAYED.iter().map(|&(fail_fast, cancel_in_flight)| article_run(&waits, fail_fast, cancel_in_flight)).collect();
    let about = "The article's run as the library runs it on the virtual clock (tests/generated.rs writes it): \
                 each run's status, elapsed ms and errors as [jobId, message], and its events, as \
                 [atMs, type, jobId, worker or count], type the code of the event's type.";
    format!("{kept}{KEY}{{\n \"about\": {about:?},\n \"runs\": [\n{}\n ]\n}}\n}}\n", runs.join(",\n"))
}

/// `tests/unit/recorded-runs.json`: the article's waits run on the virtual
/// clock as the page never replays them, for the narration's test and the
/// replay's Stop: stopped before the failure with cancel in-flight and
/// without, stopped after it, and with a threshold no wait is over.
fn recorded_runs_json() -> String {
    let fixture: serde_json::Value = serde_json::from_str(&read("www/article-run.json")).unwrap();
    let waits: Vec<u32> = serde_json::from_value(fixture["waits"].clone()).unwrap();
    let article = Options { waits: Some(waits), ..Options::default() };
    let runs = [
        ("stopped at 1500 ms", recorded_run(&article, Some(1500))),
        ("stopped at 1500 ms, cancel in-flight off", recorded_run(&Options { cancel_in_flight: false, ..article.clone() }, Some(1500))),
        (
            "stopped at 3300 ms, after the failure, cancel in-flight off",
            recorded_run(&Options { cancel_in_flight: false, ..article.clone() }, Some(3300)),
        ),
        ("stopped at 3500 ms, after a failure, fail fast off", recorded_run(&Options { fail_fast: false, ..article.clone() }, Some(3500))),
        ("completed", recorded_run(&Options { threshold_ms: 1000, ..article.clone() }, None)),
    ];
    let runs: Vec<String> = runs.iter().map(|(name, run)| run.replacen("{ ", &format!("{{ \"name\": {name:?}, "), 1)).collect();
    format!("{{\n \"about\": \"The article's waits on the virtual clock (tests/generated.rs writes it), as www/article-run.json's schedule has its runs.\",\n \"runs\": [\n{}\n ]\n}}\n", runs.join(",\n"))
}

#[test]
fn the_recorded_runs_are_the_librarys_on_the_virtual_clock() {
    check("tests/unit/recorded-runs.json", &recorded_runs_json());
}

#[test]
fn the_article_runs_schedule_is_the_librarys_on_the_virtual_clock() {
    check("www/article-run.json", &article_run_json());
}
