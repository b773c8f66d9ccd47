//! The idle workers of a run (`Workers::idle`), in the order they take jobs.

use alloc::boxed::Box;

/// The idle workers, in the order they take jobs: a ring with a place for
/// each worker, which never grows, as each is in it at most once
/// (workers.rs's invariant 4). A `VecDeque` carried its growth for nothing.
pub(crate) struct Idle {
    ring: Box<[usize]>,
    head: usize,
    len: usize,
}

impl Idle {
    pub(super) fn new(workers: usize) -> Self {
        Idle { ring: (0..workers).collect(), head: 0, len: workers }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn front(&self) -> Option<&usize> {
        if self.len == 0 {
            return None;
        }
        self.ring.get(self.head)
    }

    pub(crate) fn pop_front(&mut self) -> Option<usize> {
        let worker = *self.front()?;
        self.head = self.wrap(self.head + 1);
        self.len -= 1;
        Some(worker)
    }

    pub(crate) fn push_front(&mut self, worker: usize) {
        debug_assert!(self.len < self.ring.len(), "a worker is idle at most once");
        self.head = self.wrap(self.head + self.ring.len() - 1);
        self.put(self.head, worker);
    }

    pub(crate) fn push_back(&mut self, worker: usize) {
        debug_assert!(self.len < self.ring.len(), "a worker is idle at most once");
        self.put(self.wrap(self.head + self.len), worker);
    }

    fn put(&mut self, at: usize, worker: usize) {
        if let Some(place) = self.ring.get_mut(at) {
            *place = worker;
            self.len += 1;
        }
    }

    fn wrap(&self, at: usize) -> usize {
        if at >= self.ring.len() {
            at - self.ring.len()
        } else {
            at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    #[test]
    fn the_idle_ring_keeps_a_queues_order() {
        // Against a VecDeque, with every worker in it at most once: pops, and
        // pushes at either end, wrapping round the ring both ways.
        let mut rng = 7u32;
        for workers in 1..6 {
            let (mut idle, mut model) = (Idle::new(workers), (0..workers).collect::<VecDeque<_>>());
            for _ in 0..1_000 {
                rng = rng.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                match (rng >> 16) % 3 {
                    0 => {
                        assert_eq!(idle.pop_front(), model.pop_front());
                    }
                    _ if model.len() == workers => {}
                    1 => {
                        let worker = (0..workers).find(|w| !model.contains(w)).unwrap();
                        idle.push_front(worker);
                        model.push_front(worker);
                    }
                    _ => {
                        let worker = (0..workers).find(|w| !model.contains(w)).unwrap();
                        idle.push_back(worker);
                        model.push_back(worker);
                    }
                }
                assert_eq!((idle.len(), idle.front()), (model.len(), model.front()));
            }
        }
    }
}
