//! The `checksheet` binary: all behaviour, including the exit code, lives in the library.

fn main() -> std::process::ExitCode {
    checksheet::cli::main()
}
