//! `checksheet init [DIR]`: a new project dated today, each file named as it is written,
//! and the commands to run next.

use std::path::Path;

use super::Outcome;
use crate::error::Error;
use crate::msg;
use crate::report;
use crate::source::display_path;

/// Writes the project; when files exist already, says that nothing was written.
pub fn run(dir: &Path) -> Result<Outcome, Error> {
    let today = jiff::Zoned::now().date();
    let written = match crate::init::init(dir, today) {
        Ok(written) => written,
        Err(e @ Error::ProjectExists { .. }) => {
            report::say_error(&e.message());
            report::say(&msg!("init-nothing-written"));
            return Ok(Outcome {
                code: e.exit_code(),
                ..Outcome::default()
            });
        }
        Err(e) => return Err(e),
    };
    for path in &written {
        report::say(&msg!("init-created", path = display_path(path)));
    }
    let shown = display_path(dir);
    let next = if dir == Path::new(".") {
        "checksheet check && checksheet build".to_owned()
    } else {
        format!("checksheet check {shown} && checksheet build {shown}")
    };
    report::say(&msg!("init-next", next = next));
    Ok(Outcome::success())
}
