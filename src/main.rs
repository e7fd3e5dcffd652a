//! The `checksheet` binary: all behaviour, including the exit code, lives in the library.
//! The binary only chooses the memory allocator: mimalloc, which is faster than the system
//! allocator for the many small strings a checksheet is made of, and hands memory freed
//! by one thread to the others (see README's performance section).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    checksheet::cli::main()
}
