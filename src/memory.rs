//! A bound on the memory a layout's templates may take. Steps and bytes written bound what
//! a template does and writes (see [`crate::templates::FileLimits`]), but not what it
//! builds in memory: a text doubled forty times in a loop takes forty steps and a
//! terabyte. While a template renders, the allocations of its thread are counted against a
//! budget ([`Budget::enter`]); going over it ends the run at once, cleanly: the message
//! given is printed, the files the build staged are removed, and the process exits 1.
//!
//! The count is kept by the global allocator of the `checksheet` binary (`src/main.rs`,
//! around mimalloc), which calls [`charge`] and [`refund`] and, when [`charge`] says the
//! budget is gone, ends the run through the command layer
//! (`cli::out_of_template_memory`, which calls [`end_of_budget`] and gives exit code 1). An allocation cannot fail with an
//! error in Rust, only abort, hence the exit. Without that allocator (the library's own
//! unit tests), budgets count nothing.

use std::cell::{Cell, RefCell};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

thread_local! {
    /// The thread's budget in bytes; 0 when it has none.
    static LIMIT: Cell<usize> = const { Cell::new(0) };
    /// Bytes the thread holds since its budget began (what it frees is given back).
    static USED: Cell<usize> = const { Cell::new(0) };
    /// The message printed when the budget is gone.
    static MESSAGE: RefCell<Option<Box<[u8]>>> = const { RefCell::new(None) };
}

/// Files staged by the build, removed when a budget ends the run, and the output folder
/// when the build made it.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static MADE_FOLDER: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Budgets in force on any thread: while there is none (all of `check`, and a build with
/// the built-in layouts), an allocation costs one relaxed load more, not a thread-local
/// lookup.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// Counts `size` more bytes allocated by this thread. `true` when that goes over its
/// budget: the budget is then lifted (so that ending the run may allocate) and the
/// allocator must call [`end_of_budget`] and end the process.
#[inline]
pub fn charge(size: usize) -> bool {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return false;
    }
    let Ok(limit) = LIMIT.try_with(Cell::get) else {
        return false;
    };
    if limit == 0 {
        return false;
    }
    let used = USED.with(Cell::get).saturating_add(size);
    USED.with(|u| u.set(used));
    if used > limit {
        LIMIT.with(|l| l.set(0));
        return true;
    }
    false
}

/// Gives back `size` bytes this thread freed.
#[inline]
pub fn refund(size: usize) {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return;
    }
    if LIMIT.try_with(Cell::get).unwrap_or(0) != 0 {
        USED.with(|u| u.set(u.get().saturating_sub(size)));
    }
}

/// What ends a run whose budget is gone, before the process exits: prints the budget's
/// message and removes the staged files (and the output folder the build made).
#[cold]
pub fn end_of_budget() {
    let _ = MESSAGE.try_with(|message| {
        if let Ok(message) = message.try_borrow()
            && let Some(text) = message.as_deref()
        {
            let _ = std::io::stderr().write_all(text);
        }
    });
    let staged = STAGED.lock().unwrap_or_else(|e| e.into_inner());
    for path in staged.iter() {
        let _ = std::fs::remove_file(path);
    }
    if let Some(folder) = MADE_FOLDER
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
    {
        let _ = std::fs::remove_dir(folder);
    }
}

/// A thread's memory budget, in force until dropped.
pub struct Budget {
    /// The budget (limit, used, message) this one replaced, restored when it ends.
    outer: (usize, usize, Option<Box<[u8]>>),
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
            MESSAGE.with(|m| m.replace(Some(text))),
        );
        ACTIVE.fetch_add(1, Ordering::Relaxed);
        USED.with(|u| u.set(0));
        LIMIT.with(|l| l.set(bytes.max(1)));
        Budget { outer }
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        let (limit, used) = (self.outer.0, self.outer.1);
        LIMIT.with(|l| l.set(limit));
        USED.with(|u| u.set(used));
        let message = self.outer.2.take();
        // The budget's own message is freed once the outer budget counts again.
        let own = MESSAGE.with(|m| m.replace(message));
        ACTIVE.fetch_sub(1, Ordering::Relaxed);
        drop(own);
    }
}

/// Records a file the build staged, to be removed if a budget ends the run.
pub fn staged(path: &Path) {
    STAGED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.to_path_buf());
}

/// Records the output folder the build made, to be removed (when still empty) if a budget
/// ends the run.
pub fn made_folder(path: &Path) {
    *MADE_FOLDER.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_path_buf());
}

/// Forgets the staged files and the folder: no template runs any more.
pub fn staged_done() {
    STAGED.lock().unwrap_or_else(|e| e.into_inner()).clear();
    *MADE_FOLDER.lock().unwrap_or_else(|e| e.into_inner()) = None;
}
