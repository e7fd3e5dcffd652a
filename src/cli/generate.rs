//! Files generated from the clap definition of the command line: shell completion
//! scripts (`checksheet completions SHELL`) and the man page (`checksheet man`).

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Outcome};
use crate::error::Error;
use crate::report;

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "checksheet", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The man page, in roff.
pub fn man_page() -> std::io::Result<String> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `checksheet completions SHELL`: prints the script to stdout.
pub fn completions(shell: Shell) -> Result<Outcome, Error> {
    report::output(&completion_script(shell));
    Ok(Outcome::success())
}

/// `checksheet man`: prints the man page to stdout.
pub fn man() -> Result<Outcome, Error> {
    let page =
        man_page().map_err(|e| Error::Refused(crate::msg!("man-failed", error = e.to_string())))?;
    report::output(&page);
    Ok(Outcome::success())
}
