//! `checksheet` compiles security checksheet answers kept as YAML into the xlsx,
//! Markdown and HTML checksheets customers receive.
//!
//! The pipeline: [`load`] reads the project, catalogs, answers and layouts into the
//! [`model`]; [`validate`] checks them against each other; [`sheet`] turns a catalog, its
//! answers and a layout into a [`sheet::Document`]; [`render`] writes that document in each
//! format; [`pipeline`] runs it all and [`cli`] is the command line, the only place that
//! prints (through [`report`]) and gives exit codes. Every problem in the input is a
//! [`diag::Diagnostic`]; what stops a run is an [`error::Error`]. ARCHITECTURE.md has
//! the map.

pub mod a1;
pub mod builtin;
pub mod chars;
pub mod cli;
pub mod coverage;
pub mod diag;
pub mod diff;
pub mod error;
pub mod files;
pub mod fill;
pub mod fmt;
pub mod formats;
pub mod i18n;
pub mod import;
pub mod init;
pub mod labels;
pub mod layout;
pub mod load;
pub mod mapping;
pub mod memory;
pub mod model;
pub mod parallel;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod schema;
pub mod sheet;
pub mod source;
pub mod templates;
pub mod validate;
pub mod write;
pub mod yaml;
