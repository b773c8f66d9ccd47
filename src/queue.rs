//! The job queue: a bounded channel between the producer and the workers of
//! one run, on one thread.
//!
//! `futures::channel::mpsc` did this job at first. It allocates a node per
//! message and synchronises as if threads shared it, which cost more than
//! half of the dispatcher's time per job (callgrind: about 300 of 560
//! instructions), and its receiver remembers a single waker, so the workers
//! needed a hand-off of their own on top. A ring of `capacity` ids came
//! next; but the producer feeds ids in order, so what the queue holds is
//! always a run of consecutive ids, and two counters are enough. Memory is
//! O(workers), whatever the number of jobs or the capacity.
//!
//! Invariants:
//! 1. It is borrowed only inside one poll, never across an `.await`.
//! 2. It never holds more than `capacity` jobs; the producer waits for room.
//! 3. A worker waiting for a job has its waker in `waiting[worker]`, and its
//!    index is somewhere in `turns` (which may also hold stale indices,
//!    whose slot is empty: they are skipped).
//! 4. Every job pushed, and every job taken while more remain, wakes the
//!    worker that has waited longest, unless a worker woken so has yet to be
//!    polled: that one wakes the next as it takes its job. So no worker sits
//!    idle while a job waits in the queue, and a worker that takes one ready
//!    job after another does not wake the others in vain.
//! 5. Once the producer has finished or the queue is closed, every waiting
//!    worker is woken, and each then sees the end.

use std::collections::VecDeque;
use std::ops::Range;
use std::task::{Context, Poll, Waker};

use crate::{Gate, JobId};

pub(crate) struct Queue {
    /// The jobs in the queue, in the order they leave it.
    jobs: Range<JobId>,
    capacity: usize,
    /// The producer has fed every job.
    finished: bool,
    /// The run was cancelled: nothing more goes in or comes out.
    closed: bool,
    /// The producer, waiting for room.
    producer: Option<Waker>,
    waiting: Vec<Option<Waker>>,
    turns: VecDeque<usize>,
    /// The worker woken for a job, until it is polled.
    woken: Option<usize>,
}

/// The queue was closed: the run was cancelled.
pub(crate) struct Closed;

impl Queue {
    pub(crate) fn new(capacity: usize, workers: usize) -> Self {
        Queue {
            jobs: 0..0,
            capacity,
            finished: false,
            closed: false,
            producer: None,
            waiting: vec![None; workers],
            turns: VecDeque::with_capacity(workers),
            woken: None,
        }
    }

    /// Puts the next job in the queue if there is room, and returns its id;
    /// otherwise waits for a worker to take one. Ids go in from 0 up.
    pub(crate) fn poll_push(&mut self, cx: &mut Context<'_>) -> Poll<Result<JobId, Closed>> {
        if self.closed {
            return Poll::Ready(Err(Closed));
        }
        if self.jobs.len() == self.capacity {
            self.producer = Some(cx.waker().clone());
            return Poll::Pending;
        }
        let job = self.jobs.end;
        self.jobs.end += 1;
        self.wake_next_worker();
        Poll::Ready(Ok(job))
    }

    /// The producer has fed every job: once the queue is empty, the workers
    /// are done.
    pub(crate) fn finish(&mut self) {
        self.finished = true;
        self.wake_all_workers();
    }

    /// The next job for `worker`, or `None` once the queue has ended. While
    /// `gate` is closed, it waits.
    pub(crate) fn poll_next(&mut self, worker: usize, gate: Option<&Gate>, cx: &mut Context<'_>) -> Poll<Option<JobId>> {
        if self.woken == Some(worker) {
            self.woken = None;
        }
        if self.closed || (self.finished && self.jobs.is_empty()) {
            return Poll::Ready(None);
        }
        let open = gate.map_or(Poll::Ready(()), |gate| gate.poll_open(cx)).is_ready();
        match if open { self.jobs.next() } else { None } {
            Some(job) => {
                self.waiting[worker] = None;
                if let Some(producer) = self.producer.take() {
                    producer.wake();
                }
                if !self.jobs.is_empty() {
                    self.wake_next_worker();
                }
                Poll::Ready(Some(job))
            }
            None => {
                if self.waiting[worker].replace(cx.waker().clone()).is_none() {
                    self.turns.push_back(worker);
                }
                Poll::Pending
            }
        }
    }

    /// Cancels: hands back, in order, the jobs still queued. The producer and
    /// every waiting worker are woken, and see the end.
    pub(crate) fn close(&mut self) -> Range<JobId> {
        self.closed = true;
        if let Some(producer) = self.producer.take() {
            producer.wake();
        }
        self.wake_all_workers();
        let end = self.jobs.end;
        std::mem::replace(&mut self.jobs, end..end)
    }

    fn wake_next_worker(&mut self) {
        if self.woken.is_some() {
            return;
        }
        while let Some(next) = self.turns.pop_front() {
            if let Some(waker) = self.waiting[next].take() {
                self.woken = Some(next);
                waker.wake();
                return;
            }
        }
    }

    fn wake_all_workers(&mut self) {
        self.turns.clear();
        for waker in self.waiting.iter_mut().filter_map(Option::take) {
            waker.wake();
        }
    }
}
