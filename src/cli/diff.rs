//! `checksheet diff`.

use super::Outcome;
use crate::error::Error;

pub fn run(args: &crate::diff::DiffArgs) -> Result<Outcome, Error> {
    Ok(super::code(crate::diff::run(args)))
}
