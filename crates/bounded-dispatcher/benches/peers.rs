//! Dispatch throughput beside its peers, natively, in one criterion run,
//! 10 at a time: ready jobs through this crate's `Dispatcher`, futures'
//! `try_for_each_concurrent` and tokio's `JoinSet` with a `Semaphore`; the
//! same from a stream, beside `buffer_unordered` and
//! `try_for_each_concurrent` on the same stream; jobs that are each pending
//! once; and ready jobs again for several queue lengths, which should not
//! matter. `cargo bench -p bounded-dispatcher --bench peers`.

#![cfg(not(target_arch = "wasm32"))]

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bounded_dispatcher::{Dispatcher, Status};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures::executor::block_on;
use futures::future;
use futures::stream::{self, StreamExt, TryStreamExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const JOBS: usize = 1_000_000;
/// Fewer for jobs that are pending once: each costs a wake and a poll more.
const PENDING_JOBS: usize = 100_000;
const WORKERS: usize = 10;

/// A job that is pending once: it wakes itself, and is ready when polled again.
struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = Result<(), ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), ()>> {
        if self.0 {
            return Poll::Ready(Ok(()));
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn ready(_: usize) -> future::Ready<Result<(), ()>> {
    future::ready(Ok(()))
}

fn pending_once(_: usize) -> PendingOnce {
    PendingOnce(false)
}

/// `jobs` jobs made by `job`, through tokio's `JoinSet`, `WORKERS` at a time by a `Semaphore`.
fn join_set<F: Future<Output = Result<(), ()>> + Send + 'static>(runtime: &tokio::runtime::Runtime, jobs: usize, job: fn(usize) -> F) {
    runtime.block_on(async {
        let permits = Arc::new(Semaphore::new(WORKERS));
        let mut set = JoinSet::new();
        for i in 0..jobs {
            let permit = permits.clone().acquire_owned().await.unwrap();
            set.spawn(async move {
                let done = job(i).await;
                drop(permit);
                done
            });
            while let Some(done) = set.try_join_next() {
                done.unwrap().unwrap();
            }
        }
        while let Some(done) = set.join_next().await {
            done.unwrap().unwrap();
        }
    })
}

fn peers(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let dispatcher = Dispatcher::new(WORKERS).queue_length(100);

    let mut group = c.benchmark_group("1M ready jobs, 10 at a time");
    group.throughput(Throughput::Elements(JOBS as u64)).sample_size(20);
    group.bench_function("bounded-dispatcher", |b| {
        b.iter(|| assert_eq!(block_on(dispatcher.run(JOBS, ready).into_future()).status(), Status::Completed))
    });
    group.bench_function("futures try_for_each_concurrent", |b| {
        b.iter(|| block_on(stream::iter((0..JOBS).map(Ok)).try_for_each_concurrent(WORKERS, ready)).unwrap())
    });
    group.bench_function("tokio JoinSet + Semaphore", |b| b.iter(|| join_set(&runtime, JOBS, ready)));
    group.finish();

    let mut group = c.benchmark_group("1M ready jobs from a stream, 10 at a time");
    group.throughput(Throughput::Elements(JOBS as u64)).sample_size(20);
    group.bench_function("bounded-dispatcher", |b| {
        b.iter(|| assert_eq!(block_on(dispatcher.run_stream(stream::iter(0..JOBS), ready).into_future()).status(), Status::Completed))
    });
    group.bench_function("futures buffer_unordered", |b| {
        b.iter(|| block_on(stream::iter(0..JOBS).map(ready).buffer_unordered(WORKERS).try_for_each(future::ok)).unwrap())
    });
    group.bench_function("futures try_for_each_concurrent", |b| {
        b.iter(|| block_on(stream::iter((0..JOBS).map(Ok)).try_for_each_concurrent(WORKERS, ready)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("100,000 jobs each pending once, 10 at a time");
    group.throughput(Throughput::Elements(PENDING_JOBS as u64)).sample_size(20);
    group.bench_function("bounded-dispatcher", |b| {
        b.iter(|| assert_eq!(block_on(dispatcher.run(PENDING_JOBS, pending_once).into_future()).status(), Status::Completed))
    });
    group.bench_function("futures try_for_each_concurrent", |b| {
        b.iter(|| block_on(stream::iter((0..PENDING_JOBS).map(Ok)).try_for_each_concurrent(WORKERS, pending_once)).unwrap())
    });
    group.bench_function("tokio JoinSet + Semaphore", |b| b.iter(|| join_set(&runtime, PENDING_JOBS, pending_once)));
    group.finish();
}

fn queue_lengths(c: &mut Criterion) {
    let mut group = c.benchmark_group("1M ready jobs, 10 workers, by queue length");
    group.throughput(Throughput::Elements(JOBS as u64)).sample_size(20);
    for queue_length in [0, 10, 100, JOBS] {
        let dispatcher = Dispatcher::new(WORKERS).queue_length(queue_length);
        group.bench_function(format!("queue {queue_length}"), |b| b.iter(|| block_on(dispatcher.run(JOBS, ready).into_future())));
    }
    group.finish();
}

criterion_group!(benches, peers, queue_lengths);
criterion_main!(benches);
