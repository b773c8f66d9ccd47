//! The dispatch benchmark, natively: 1,000,000 ready jobs, 10 workers, a
//! queue of 100, as `make bench` runs it in wasm. `cargo bench --bench dispatch`.

#![cfg(not(target_arch = "wasm32"))]

use std::num::NonZeroUsize;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dispatcher_demo::Dispatcher;
use futures::executor::block_on;
use futures::future;

const JOBS: usize = 1_000_000;

fn dispatch(c: &mut Criterion) {
    let dispatcher = Dispatcher::new(NonZeroUsize::new(10).unwrap()).queue_length(NonZeroUsize::new(100).unwrap());
    let mut group = c.benchmark_group("dispatch");
    group.throughput(Throughput::Elements(JOBS as u64)).sample_size(20);
    group.bench_function("1M ready jobs, 10 workers, queue 100", |b| {
        b.iter(|| block_on(dispatcher.run(JOBS, |_| future::ready(Ok::<(), ()>(())), |_| {}, future::pending())))
    });
    group.finish();
}

criterion_group!(benches, dispatch);
criterion_main!(benches);
