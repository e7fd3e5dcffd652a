//! The `checksheet` binary: the command layer (`checksheet::cli`) parses the arguments,
//! runs the command and gives the exit code; the binary chooses the memory allocator and
//! ends the process without freeing what a run leaves.
//!
//! The allocator is mimalloc, which is faster than the system allocator for the many small
//! strings a checksheet is made of, and hands memory freed by one thread to the others
//! (see README's performance section), wrapped to count what a layout's template takes
//! (`checksheet::memory`).

use std::alloc::{GlobalAlloc, Layout};

/// A global allocator that counts a thread's allocations while it has a template's memory
/// budget (`checksheet::memory::Budget`), and ends the run when the budget is gone.
struct Bounded<A>(A);

#[global_allocator]
static ALLOCATOR: Bounded<mimalloc::MiMalloc> = Bounded(mimalloc::MiMalloc);

/// Ends a run whose template went over its memory budget (exit code 1). The budget is
/// lifted first, so this may allocate.
#[cold]
fn over_budget() -> ! {
    checksheet::cli::out_of_template_memory()
}

// SAFETY: a global allocator is `unsafe` to implement by its nature; every call is passed
// on to the wrapped allocator unchanged, only counted first.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Bounded<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if checksheet::memory::charge(layout.size()) {
            over_budget();
        }
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if checksheet::memory::charge(layout.size()) {
            over_budget();
        }
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        checksheet::memory::refund(layout.size());
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            if checksheet::memory::charge(new_size - layout.size()) {
                over_budget();
            }
        } else {
            checksheet::memory::refund(layout.size() - new_size);
        }
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

fn main() -> std::process::ExitCode {
    let (code, leftovers) = checksheet::cli::main();
    // The process ends next: freeing a run's model and documents one value at a time only
    // delays the exit (0.3 to 0.4 s of a 4 s build of 200,000 controls, measured with
    // scripts/bench.py), so the operating system takes the memory back at once.
    std::mem::forget(leftovers);
    code
}
