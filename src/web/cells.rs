//! A `RefCell`'s borrows, whose panic (a borrow while it is mutably
//! borrowed, which the module never does) has a message as written. core's
//! formats the borrow's error, whose `Display` keeps `core::fmt`'s
//! `Formatter::pad` in the module (1.4 KB raw): with every borrow of the
//! module's through these, the page's module was 778 bytes smaller, gzipped.

use core::cell::{Ref, RefCell, RefMut};

/// `cell.borrow_mut()`.
pub(super) fn borrow_mut<T>(cell: &RefCell<T>) -> RefMut<'_, T> {
    match cell.try_borrow_mut() {
        Ok(value) => value,
        Err(_) => panic!("a RefCell borrowed while it was borrowed"),
    }
}

/// `cell.borrow()`.
pub(super) fn borrow<T>(cell: &RefCell<T>) -> Ref<'_, T> {
    match cell.try_borrow() {
        Ok(value) => value,
        Err(_) => panic!("a RefCell borrowed while it was mutably borrowed"),
    }
}
