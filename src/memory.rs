//! A bound on the memory a layout's templates may take. Steps and bytes written bound what
//! a template does and writes (see [`crate::templates::FileLimits`]), but not what it
//! builds in memory: a text doubled forty times in a loop takes forty steps and a
//! terabyte. While a template renders, the allocations of its thread are counted against a
//! budget ([`Budget::enter`]); going over it ends the run at once, cleanly: the message
//! given is printed, the files the build staged are removed, and the process exits 1.
//!
//! The count is kept by [`Bounded`], the global allocator of the `checksheet` binary (around
//! mimalloc). An allocation cannot fail with an error in Rust, only abort, hence the exit.
//! Without [`Bounded`] (the library's own unit tests), budgets count nothing.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ffi::CString;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A global allocator that counts a thread's allocations while it has a budget.
pub struct Bounded<A>(pub A);

thread_local! {
    /// The thread's budget in bytes; 0 when it has none.
    static LIMIT: Cell<usize> = const { Cell::new(0) };
    /// Bytes the thread holds since its budget began (what it frees is given back).
    static USED: Cell<usize> = const { Cell::new(0) };
    /// The message printed when the budget is gone: a pointer into the [`Budget`] alive.
    static MESSAGE: Cell<(*const u8, usize)> = const { Cell::new((std::ptr::null(), 0)) };
}

/// Files staged by the build, removed when a budget ends the run, and the output folder
/// when the build made it.
static STAGED: Mutex<Vec<CString>> = Mutex::new(Vec::new());
static MADE_FOLDER: Mutex<Option<CString>> = Mutex::new(None);

/// Budgets in force on any thread: while there is none (all of `check`, and a build with
/// the built-in layouts), an allocation costs one relaxed load more, not a thread-local
/// lookup.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// Counts `size` more bytes; ends the run when that goes over the budget.
#[inline]
fn charge(size: usize) {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return;
    }
    let Ok(limit) = LIMIT.try_with(Cell::get) else {
        return;
    };
    if limit == 0 {
        return;
    }
    let used = USED.with(Cell::get).saturating_add(size);
    USED.with(|u| u.set(used));
    if used > limit {
        over_budget();
    }
}

#[inline]
fn refund(size: usize) {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return;
    }
    if LIMIT.try_with(Cell::get).unwrap_or(0) != 0 {
        USED.with(|u| u.set(u.get().saturating_sub(size)));
    }
}

/// Prints the budget's message, removes the staged files and exits 1. Runs inside an
/// allocation: it allocates nothing.
#[cold]
fn over_budget() -> ! {
    LIMIT.with(|l| l.set(0));
    let (message, len) = MESSAGE.with(Cell::get);
    #[cfg(unix)]
    // SAFETY: the message is owned by the `Budget` alive on this thread; the staged
    // names are NUL-terminated; `_exit` ends the process without running anything more.
    unsafe {
        if !message.is_null() {
            libc::write(2, message.cast(), len);
        }
        let staged = STAGED.lock().unwrap_or_else(|e| e.into_inner());
        for path in staged.iter() {
            libc::unlink(path.as_ptr());
        }
        if let Some(folder) = MADE_FOLDER
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            libc::rmdir(folder.as_ptr());
        }
        libc::_exit(1);
    }
    #[cfg(not(unix))]
    {
        let _ = (message, len);
        std::process::abort()
    }
}

// SAFETY: every call is passed on to the wrapped allocator unchanged; only counted.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Bounded<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        charge(layout.size());
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        charge(layout.size());
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        refund(layout.size());
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            charge(new_size - layout.size());
        } else {
            refund(layout.size() - new_size);
        }
        // SAFETY: the caller's guarantees, passed on.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

/// A thread's memory budget, in force until dropped.
pub struct Budget {
    _message: Box<[u8]>,
    outer: (usize, usize, (*const u8, usize)),
}

impl Budget {
    /// Gives the current thread a budget of `bytes`; `message` (one line or more) is
    /// printed if it is gone.
    pub fn enter(bytes: usize, message: &str) -> Budget {
        let mut text = message.as_bytes().to_vec();
        if !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        let text = text.into_boxed_slice();
        let outer = (
            LIMIT.with(Cell::get),
            USED.with(Cell::get),
            MESSAGE.with(Cell::get),
        );
        ACTIVE.fetch_add(1, Ordering::Relaxed);
        MESSAGE.with(|m| m.set((text.as_ptr(), text.len())));
        USED.with(|u| u.set(0));
        LIMIT.with(|l| l.set(bytes.max(1)));
        Budget {
            _message: text,
            outer,
        }
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        let (limit, used, message) = self.outer;
        LIMIT.with(|l| l.set(limit));
        USED.with(|u| u.set(used));
        MESSAGE.with(|m| m.set(message));
        ACTIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A path as the C library takes it.
fn c_path(path: &std::path::Path) -> Option<CString> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    CString::new(bytes).ok()
}

/// Records a file the build staged, to be removed if a budget ends the run.
pub fn staged(path: &std::path::Path) {
    if let Some(path) = c_path(path) {
        STAGED.lock().unwrap_or_else(|e| e.into_inner()).push(path);
    }
}

/// Records the output folder the build made, to be removed (when still empty) if a budget
/// ends the run.
pub fn made_folder(path: &std::path::Path) {
    *MADE_FOLDER.lock().unwrap_or_else(|e| e.into_inner()) = c_path(path);
}

/// Forgets the staged files and the folder: no template runs any more.
pub fn staged_done() {
    STAGED.lock().unwrap_or_else(|e| e.into_inner()).clear();
    *MADE_FOLDER.lock().unwrap_or_else(|e| e.into_inner()) = None;
}
