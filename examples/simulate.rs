//! The virtual schedule of a demo run: what `run` would take with perfect
//! timers. make bench compares real runs with it.
//!   cargo run --release --example simulate -- seed=1 threshold-ms=1000
//!   cargo run --release --example simulate -- jobs=1000 max-wait-ms=1

use dispatcher_demo::demo::{self, Context};
use dispatcher_demo::Options;
use virtual_clock::VirtualClock;

fn main() {
    let mut options = Options::default();
    for arg in std::env::args().skip(1) {
        let (name, value) = arg.split_once('=').expect("arguments are name=value");
        let value: u32 = value.parse().expect("values are integers");
        match name {
            "workers" => options.workers = value,
            "queue-length" => options.queue_length = value,
            "jobs" => options.jobs = value,
            "max-wait-ms" => options.max_wait_ms = value,
            "threshold-ms" => options.threshold_ms = value,
            "seed" => options.seed = Some(value.into()),
            _ => panic!("unknown setting {name}"),
        }
    }
    let clock = VirtualClock::new();
    let run = demo::run(&options, Context::new(&clock));
    let report = clock.block_on(run).expect("a simulated run waits only on its clock").report;
    println!("{}", report.elapsed_ms);
}
