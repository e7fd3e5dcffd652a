//! `checksheet import`.

use super::Outcome;
use crate::error::Error;

pub fn run(args: &crate::import::ImportArgs) -> Result<Outcome, Error> {
    Ok(super::code(crate::import::run(args)))
}
