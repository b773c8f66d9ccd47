//! Dispatch throughput beside its peers, natively, in one criterion run:
//! 1,000,000 ready jobs, 10 at a time, through this crate's `Dispatcher`,
//! futures' `try_for_each_concurrent`, and tokio's `JoinSet` with a
//! `Semaphore`; and this crate's again for several queue lengths, which
//! should not matter. `cargo bench -p bounded-dispatcher --bench peers`.

#![cfg(not(target_arch = "wasm32"))]

use std::num::NonZeroUsize;
use std::sync::Arc;

use bounded_dispatcher::{Dispatcher, Status};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures::executor::block_on;
use futures::future;
use futures::stream::{self, TryStreamExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const JOBS: usize = 1_000_000;
const WORKERS: usize = 10;

fn peers(c: &mut Criterion) {
    let mut group = c.benchmark_group("1M ready jobs, 10 at a time");
    group.throughput(Throughput::Elements(JOBS as u64)).sample_size(20);

    let dispatcher = Dispatcher::new(NonZeroUsize::new(WORKERS).unwrap()).queue_length(100);
    group.bench_function("bounded-dispatcher", |b| {
        b.iter(|| {
            let outcome = block_on(dispatcher.run(JOBS, |_| future::ready(Ok::<(), ()>(())), |_| {}, future::pending()));
            assert_eq!(outcome.status, Status::Completed);
        })
    });

    group.bench_function("futures try_for_each_concurrent", |b| {
        b.iter(|| {
            let jobs = stream::iter((0..JOBS).map(Ok::<usize, ()>));
            block_on(jobs.try_for_each_concurrent(WORKERS, |_| future::ready(Ok(())))).unwrap();
        })
    });

    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    group.bench_function("tokio JoinSet + Semaphore", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let permits = Arc::new(Semaphore::new(WORKERS));
                let mut set = JoinSet::new();
                for _ in 0..JOBS {
                    let permit = permits.clone().acquire_owned().await.unwrap();
                    set.spawn(async move {
                        drop(permit);
                        Ok::<(), ()>(())
                    });
                    while let Some(done) = set.try_join_next() {
                        done.unwrap().unwrap();
                    }
                }
                while let Some(done) = set.join_next().await {
                    done.unwrap().unwrap();
                }
            })
        })
    });
    group.finish();
}

fn queue_lengths(c: &mut Criterion) {
    let mut group = c.benchmark_group("1M ready jobs, 10 workers, by queue length");
    group.throughput(Throughput::Elements(JOBS as u64)).sample_size(20);
    for queue_length in [0, 10, 100, JOBS] {
        let dispatcher = Dispatcher::new(NonZeroUsize::new(WORKERS).unwrap()).queue_length(queue_length);
        group.bench_function(format!("queue {queue_length}"), |b| {
            b.iter(|| block_on(dispatcher.run(JOBS, |_| future::ready(Ok::<(), ()>(())), |_| {}, future::pending())))
        });
    }
    group.finish();
}

criterion_group!(benches, peers, queue_lengths);
criterion_main!(benches);
