//! `load::answers::load_answer_file` on arbitrary YAML: see `common.rs`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::parse_then(data, |root, diags| {
        let _ = checksheet::load::answers::load_answer_file(root.clone(), diags);
    });
});
