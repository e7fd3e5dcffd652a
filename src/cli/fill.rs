//! `checksheet fill`.

use super::Outcome;
use crate::error::Error;

pub fn run(args: &crate::fill_command::FillArgs) -> Result<Outcome, Error> {
    Ok(super::code(crate::fill_command::run(args)))
}
