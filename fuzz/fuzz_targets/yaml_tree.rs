//! `yaml::parse` on arbitrary input, then its diagnostic rendered: see `common.rs`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::parse_then(data, |_, _| {});
});
