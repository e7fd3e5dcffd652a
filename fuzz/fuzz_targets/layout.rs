//! `layout::load_layout` on arbitrary YAML: see `common.rs`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::parse_then(data, |root, diags| {
        let _ = checksheet::layout::load_layout(root, "fuzz.yaml", diags);
    });
});
