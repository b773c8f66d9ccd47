//! Inputs from an iterator or a stream, on every runtime: the producer is
//! asked for an input only when the queue has room for it (backpressure),
//! with no queue only when a worker is free, and the run ends with the
//! stream. In the browser: `wasm-pack test --headless --chrome`.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use bounded_dispatcher::{Dispatcher, Event, Status};
use common::{Clock, Runtime};
use futures::Stream;

/// What happened, in order: the stream was asked for an input (`Pulled`),
/// and the run's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Pulled { queued: usize, running: usize, at: u64 },
    Event(Event),
}

/// A stream of `0..n` that notes each time it is polled, with how many jobs
/// were queued and running then; and the notebook the observer writes in too.
struct Probe<C> {
    next: usize,
    n: usize,
    clock: C,
    book: Rc<RefCell<Book>>,
}

#[derive(Default)]
struct Book {
    seen: Vec<Seen>,
    queued: usize,
    running: usize,
}

impl<C: Clock + Unpin> Stream for Probe<C> {
    type Item = usize;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<usize>> {
        let at = self.clock.now() as u64;
        let mut book = self.book.borrow_mut();
        let (queued, running) = (book.queued, book.running);
        book.seen.push(Seen::Pulled { queued, running, at });
        drop(book);
        if self.next == self.n {
            return Poll::Ready(None);
        }
        self.next += 1;
        Poll::Ready(Some(self.next - 1))
    }
}

fn observer(book: Rc<RefCell<Book>>) -> impl FnMut(Event) {
    move |event| {
        let mut book = book.borrow_mut();
        match event {
            Event::Queued { start, end } => book.queued += end - start,
            Event::Started { .. } => {
                book.running += 1;
                // Taken from the queue, unless there is none: then it came straight from the producer.
                book.queued = book.queued.saturating_sub(1);
            }
            Event::Succeeded { .. } | Event::Failed { .. } | Event::Aborted { .. } => book.running -= 1,
            _ => {}
        }
        book.seen.push(Seen::Event(event));
    }
}

/// Runs `n` inputs from a probe stream, each job waiting `wait` ms.
fn probe<R: Runtime>(rt: &R, dispatcher: &Dispatcher, n: usize, wait: u32) -> (Vec<Seen>, Status, u64) {
    let book = Rc::new(RefCell::new(Book::default()));
    let clock = rt.clock();
    let stream = Probe { next: 0, n, clock: clock.clone(), book: book.clone() };
    let run = dispatcher
        .run_stream(stream, |_| {
            let clock = clock.clone();
            async move {
                clock.sleep(wait).await;
                Ok::<_, ()>(())
            }
        })
        .observe(observer(book.clone()));
    let (outcome, at) = rt.block_on(run);
    let seen = book.take().seen;
    (seen, outcome.status(), at)
}

fn pulls(seen: &[Seen]) -> Vec<(usize, usize, u64)> {
    seen.iter()
        .filter_map(|seen| match *seen {
            Seen::Pulled { queued, running, at } => Some((queued, running, at)),
            _ => None,
        })
        .collect()
}

on_every_runtime! {
    fn the_producer_is_not_polled_while_the_queue_is_full(rt) {
        let (seen, status, ended_at) = probe(rt, &Dispatcher::new(1).queue_length(2), 6, 100);
        assert_eq!(status, Status::Completed);
        assert_eq!(ended_at, 600);
        let pulls = pulls(&seen);
        // Once per input, and once more for its end: never while the queue was full.
        assert_eq!(pulls.len(), 7, "{seen:?}");
        assert!(pulls.iter().all(|&(queued, _, _)| queued < 2), "{pulls:?}");
        // Two at the start, then one each time a job leaves the queue.
        let times: Vec<u64> = pulls.iter().map(|&(_, _, at)| at).collect();
        assert_eq!(times, [0, 0, 0, 100, 200, 300, 400]);
    }

    fn with_no_queue_the_stream_is_polled_only_when_a_worker_is_free(rt) {
        let (seen, status, ended_at) = probe(rt, &Dispatcher::new(2), 5, 100);
        assert_eq!(status, Status::Completed);
        assert_eq!(ended_at, 300);
        let pulls = pulls(&seen);
        assert!(pulls.iter().all(|&(queued, running, _)| queued == 0 && running < 2), "{pulls:?}");
        assert!(!seen.iter().any(|seen| matches!(seen, Seen::Event(Event::Queued { .. }))));
    }

    fn the_run_ends_with_the_stream(rt) {
        let (seen, status, ended_at) = probe(rt, &Dispatcher::new(3).queue_length(1), 0, 100);
        assert_eq!((status, ended_at), (Status::Completed, 0));
        assert_eq!(pulls(&seen).len(), 1);
        let (seen, status, ended_at) = probe(rt, &Dispatcher::new(3).queue_length(1), 4, 100);
        assert_eq!((status, ended_at), (Status::Completed, 200));
        // Polled no more once it ended.
        assert_eq!(pulls(&seen).len(), 5);
    }

    fn a_stream_that_waits_holds_the_run_until_it_ends(rt) {
        // Inputs come every 50 ms, and each job takes 10: the run waits for the producer.
        let clock = rt.clock();
        let inputs = futures::stream::unfold(0, |i| {
            let clock = clock.clone();
            async move {
                if i == 4 {
                    return None;
                }
                clock.sleep(50).await;
                Some((i, i + 1))
            }
        });
        let clock = rt.clock();
        let (values, at) = rt.block_on(Dispatcher::new(2).run_stream(inputs, |i| {
            let clock = clock.clone();
            async move {
                clock.sleep(10).await;
                Ok::<_, ()>(i * 10)
            }
        }).collect());
        assert_eq!(values, Ok(vec![0, 10, 20, 30]));
        assert_eq!(at, 210);
    }

    fn a_cancel_drops_the_stream_and_polls_it_no_more(rt) {
        let clock = rt.clock();
        let stream_clock = rt.clock();
        let dropped = Rc::new(RefCell::new(false));
        struct OnDrop(Rc<RefCell<bool>>);
        impl Drop for OnDrop {
            fn drop(&mut self) {
                *self.0.borrow_mut() = true;
            }
        }
        let guard = OnDrop(dropped.clone());
        let inputs = futures::stream::unfold((0, guard), move |(i, guard)| {
            let clock = stream_clock.clone();
            async move {
                clock.sleep(10).await;
                Some((i, (i + 1, guard)))
            }
        });
        let run = Dispatcher::new(2).run_stream(inputs, |i| {
            let clock = clock.clone();
            async move {
                clock.sleep(100).await;
                if i == 3 { Err(format!("#{i}")) } else { Ok(i) }
            }
        });
        let (result, at) = rt.block_on(run.collect());
        assert_eq!(result.unwrap_err().to_string(), "job #3 failed: #3");
        assert!(*dropped.borrow(), "the stream outlived its run");
        assert_eq!(at, 230);
    }

    fn an_iterator_is_taken_one_input_at_a_time(rt) {
        let clock = rt.clock();
        let (outcome, at) = rt.block_on(Dispatcher::new(2).queue_length(1).run_iter(vec![30, 10, 20], |wait| {
            let clock = clock.clone();
            async move {
                clock.sleep(wait).await;
                Ok::<_, ()>(())
            }
        }));
        assert_eq!((outcome.status(), at), (Status::Completed, 30));
    }
}
