//! The integration suite: runs the real `checksheet` binary over fixture projects.
//! See tests/README.md for how to add a case.

mod build;
mod check;
mod cli;
mod examples;
mod fmt;
mod harness;
mod hostile;
mod layouts;
