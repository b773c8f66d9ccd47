//! The page's futures, each the task of a promise: what wasm-bindgen-futures'
//! `future_to_promise` does, in less code.
//!
//! As there, a task is polled in a microtask: first after it is made, then
//! after each wake (a wake while it is queued queues nothing more), and its
//! future is dropped as soon as it is done. wasm-bindgen-futures also runs
//! the futures of JSPI's suspending calls, and where `queueMicrotask` is
//! missing (every browser the page runs in has it) a promise's `then`: with
//! its queue of tasks, 1.1 KB of the page's module, gzipped (see
//! docs/performance.md). `map`'s `JsFuture`s (a promise as a future) are
//! still wasm-bindgen-futures'; the page's module has none.
#![allow(unsafe_code)]

use alloc::boxed::Box;
use alloc::rc::{Rc, Weak};
use core::cell::Cell;
use core::future::Future;
use core::mem::ManuallyDrop;
use core::pin::Pin;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = queueMicrotask)]
    fn queue_microtask(run: &Function);
}

#[wasm_bindgen(module = "/src/web/tasks.js")]
extern "C" {
    /// A promise and its resolve and reject, as `Promise.withResolvers()`
    /// gives them.
    type Deferred;

    fn deferred() -> Deferred;

    #[wasm_bindgen(method, getter)]
    fn promise(this: &Deferred) -> Promise;

    /// Resolves its promise with `value`, or rejects it (`ok` false).
    fn settle(deferred: &Deferred, ok: bool, value: &JsValue);
}

/// A promise of what `future` resolves with, `Ok`, or rejects with, `Err`.
/// The future runs in microtasks, beginning in the one after this. The
/// promise is made in JS with its resolve and reject (`tasks.js`), not by
/// `Promise::new` with an executor, a closure of Rust's for JS to call:
/// 0.2 KB of the page's module, gzipped (docs/performance.md).
pub(super) fn promise(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let deferred = deferred();
    let promise = deferred.promise();
    Task::spawn(async move {
        let (ok, value) = match future.await {
            Ok(value) => (true, value),
            Err(error) => (false, error),
        };
        settle(&deferred, ok, &value);
    });
    promise
}

struct Task {
    /// Until it is done.
    /// Out of it while it is polled: a wake during the poll queues a
    /// microtask, and nothing else polls it. A `Cell`, not a `RefCell`: no
    /// borrow to check (`docs/performance.md`).
    future: Cell<Option<Pin<Box<dyn Future<Output = ()>>>>>,
    /// Itself, while a microtask that polls it is queued: it lives until
    /// then, and after, as long as a waker of it does.
    queued: Cell<Option<Rc<Task>>>,
    /// Polls it: the function each microtask calls. It holds the task
    /// weakly, as the task holds it.
    run: Closure<dyn FnMut()>,
}

impl Task {
    fn spawn(future: impl Future<Output = ()> + 'static) {
        let task = Rc::new_cyclic(|task: &Weak<Task>| {
            let task = task.clone();
            Task {
                future: Cell::new(Some(Box::pin(future))),
                queued: Cell::new(None),
                run: Closure::new(move || {
                    if let Some(task) = task.upgrade() {
                        task.poll();
                    }
                }),
            }
        });
        task.wake();
    }

    /// Queues a microtask that polls it, unless one is queued.
    fn wake(self: &Rc<Self>) {
        let queued = self.queued.take();
        if queued.is_none() {
            queue_microtask(self.run.as_ref().unchecked_ref());
        }
        self.queued.set(Some(queued.unwrap_or_else(|| Rc::clone(self))));
    }

    fn poll(self: Rc<Self>) {
        // A wake during the poll queues it again.
        drop(self.queued.take());
        let Some(mut running) = self.future.take() else { return };
        let waker = waker(self.clone());
        if running.as_mut().poll(&mut Context::from_waker(&waker)).is_pending() {
            self.future.set(Some(running));
        }
    }
}

/// A waker of `task`, which holds it, as an `Rc`.
fn waker(task: Rc<Task>) -> Waker {
    // SAFETY: each function of the vtable takes the pointer that
    // `Rc::into_raw` made, which one `Rc` owns: a clone makes another, a
    // wake or a drop takes it back (wake_by_ref only borrows it). A wasm32
    // module without the `atomics` target feature has one thread, so no
    // waker is used on another (wasm-bindgen-futures relies on the same).
    unsafe fn clone(task: *const ()) -> RawWaker {
        let task = ManuallyDrop::new(unsafe { Rc::from_raw(task.cast::<Task>()) });
        raw(Rc::clone(&task))
    }
    unsafe fn wake(task: *const ()) {
        unsafe { Rc::from_raw(task.cast::<Task>()) }.wake();
    }
    unsafe fn wake_by_ref(task: *const ()) {
        ManuallyDrop::new(unsafe { Rc::from_raw(task.cast::<Task>()) }).wake();
    }
    unsafe fn drop(task: *const ()) {
        core::mem::drop(unsafe { Rc::from_raw(task.cast::<Task>()) });
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop);
    fn raw(task: Rc<Task>) -> RawWaker {
        RawWaker::new(Rc::into_raw(task).cast(), &VTABLE)
    }
    // SAFETY: as above.
    unsafe { Waker::from_raw(raw(task)) }
}

/// A future that completes once `set` is called, by JS's callback (an
/// `AbortSignal`'s listener, the page's turn): one thread's, so two
/// `Cell`s. Its clones share it. futures' oneshot channel, with its atomics,
/// made the page's module 377 bytes larger, gzipped, and
/// wasm-bindgen-futures' `JsFuture` of a promise 0.3 KB.
#[derive(Clone, Default)]
pub(super) struct Flag(Rc<(Cell<bool>, Cell<Option<Waker>>)>);

impl Flag {
    /// A JS function that completes it: the page's one kind of callback
    /// besides a task's poll and the alarm's ring, so that one closure's
    /// code serves the abort signal's listener and the page's turn.
    pub(super) fn setter(&self) -> Closure<dyn FnMut()> {
        let flag = self.clone();
        Closure::new(move || flag.set())
    }

    /// Completes it, and wakes the task that polled it last.
    pub(super) fn set(&self) {
        self.0 .0.set(true);
        if let Some(waker) = self.0 .1.take() {
            waker.wake();
        }
    }
}

impl Future for Flag {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 .0.get() {
            return Poll::Ready(());
        }
        self.0 .1.replace(Some(cx.waker().clone()));
        Poll::Pending
    }
}
