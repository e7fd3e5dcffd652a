//! The `checksheet` binary: all behaviour, including the exit code, lives in the library.
//! The binary only chooses the memory allocator: mimalloc, which is faster than the system
//! allocator for the many small strings a checksheet is made of, and hands memory freed
//! by one thread to the others (see README's performance section), wrapped to count what
//! a layout's template takes (`checksheet::memory`).

#[global_allocator]
static ALLOCATOR: checksheet::memory::Bounded<mimalloc::MiMalloc> =
    checksheet::memory::Bounded(mimalloc::MiMalloc);

fn main() -> std::process::ExitCode {
    checksheet::cli::main()
}
