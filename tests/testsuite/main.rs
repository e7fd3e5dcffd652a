//! The integration suite: runs the real `checksheet` binary over fixture projects.
//! See tests/README.md for how to add a case.

mod build;
mod check;
mod ci;
mod cli;
mod completions;
mod diff;
mod examples;
mod files;
mod fill;
mod fmt;
mod harness;
mod hostile;
mod i18n;
mod import;
mod init;
mod layouts;
mod limits;
mod mapping;
mod policy;
mod print;
mod schema;
mod text;
mod workbook_structure;
mod workflow;
mod writes;
