//! The receiving end of the job queue, shared by every worker of one run.
//!
//! `futures::channel::mpsc::Receiver` remembers only the waker of its last
//! poll, so when several workers wait on it, a new job wakes just one of them.
//! This wrapper makes sure no waiting worker is stranded while jobs are queued.
//!
//! Invariants:
//! 1. It is borrowed only inside one poll, never across an `.await`.
//! 2. A worker that is waiting for a job has its waker in `waiting[worker]`;
//!    its index is then somewhere in `turns` (which may also hold stale
//!    indices, whose `waiting` slot is empty: they are skipped).
//! 3. Whenever a worker takes a job, or learns that the queue has ended, it
//!    wakes the worker that has waited longest. That worker polls `rx` next,
//!    which makes its waker the one `rx` remembers.
//! 4. `close` wakes every waiting worker, so that each sees the end, even
//!    while the gate is closed.

use std::collections::VecDeque;
use std::task::{Context, Poll, Waker};

use futures::channel::mpsc::Receiver;
use futures::StreamExt;

use crate::{Gate, JobId};

pub(crate) struct Queue {
    rx: Receiver<JobId>,
    closed: bool,
    waiting: Vec<Option<Waker>>,
    turns: VecDeque<usize>,
}

impl Queue {
    pub(crate) fn new(rx: Receiver<JobId>, workers: usize) -> Self {
        Queue { rx, closed: false, waiting: vec![None; workers], turns: VecDeque::with_capacity(workers) }
    }

    /// The next job for `worker`, or `None` once the queue has ended. While
    /// `gate` is closed, it waits.
    pub(crate) fn poll_next(&mut self, worker: usize, gate: Option<&Gate>, cx: &mut Context<'_>) -> Poll<Option<JobId>> {
        if self.closed {
            return Poll::Ready(None);
        }
        let polled = match gate.map_or(Poll::Ready(()), |gate| gate.poll_open(cx)) {
            Poll::Ready(()) => self.rx.poll_next_unpin(cx),
            Poll::Pending => Poll::Pending,
        };
        match polled {
            Poll::Pending => {
                if self.waiting[worker].replace(cx.waker().clone()).is_none() {
                    self.turns.push_back(worker);
                }
                Poll::Pending
            }
            Poll::Ready(job) => {
                self.waiting[worker] = None;
                self.pass_turn();
                Poll::Ready(job)
            }
        }
    }

    /// Stops the producer and hands back, in order, the jobs still queued.
    /// Every waiting worker is woken and will see the end of the queue.
    pub(crate) fn close(&mut self) -> Vec<JobId> {
        self.rx.close();
        self.closed = true;
        let mut queued = Vec::new();
        while let Ok(job) = self.rx.try_recv() {
            queued.push(job);
        }
        for waker in self.waiting.iter_mut().filter_map(Option::take) {
            waker.wake();
        }
        self.turns.clear();
        queued
    }

    fn pass_turn(&mut self) {
        while let Some(next) = self.turns.pop_front() {
            if let Some(waker) = self.waiting[next].take() {
                waker.wake();
                return;
            }
        }
    }
}
