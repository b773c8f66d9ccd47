//! The virtual schedule of a demo run: what `run` would take with perfect
//! timers. make bench compares real runs with it.
//!   cargo run --release --example simulate -- seed=1 threshold-ms=1000
//!   cargo run --release --example simulate -- jobs=1000 max-wait-ms=1

use dispatcher_demo::demo::{self, Context};
use dispatcher_demo::{Given, Options, Source, Value};
use virtual_clock::VirtualClock;

fn main() {
    // The page's settings, by their attributes, through the one check.
    let args: Vec<(String, String)> = std::env::args()
        .skip(1)
        .map(|arg| arg.split_once('=').map(|(name, text)| (name.into(), text.into())).expect("arguments are name=value"))
        .collect();
    let read = |text: &String| match (text.parse(), text.parse()) {
        (Ok(number), _) => Value::Number(number),
        (_, Ok(boolean)) => Value::Bool(boolean),
        _ => Value::String,
    };
    let values: Vec<Value> = args.iter().map(|(_, text)| read(text)).collect();
    let given = args.iter().zip(&values).map(|((name, _), value)| Given { name, value, source: Source::Text });
    let options = Options::parse(given).unwrap_or_else(|error| panic!("{error:?}"));
    let clock = VirtualClock::new();
    let run = demo::run(&options, Context::new(&clock));
    let report = clock.block_on(run).expect("a simulated run waits only on its clock").report;
    println!("{}", report.elapsed_ms);
}
