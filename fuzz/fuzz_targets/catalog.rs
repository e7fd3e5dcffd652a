//! `load::catalog::load_catalog` and `declared_id` on arbitrary YAML: see `common.rs`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::parse_then(data, |root, diags| {
        let _ = checksheet::load::catalog::declared_id(root);
        let _ = checksheet::load::catalog::load_catalog(root.clone(), "fuzz.yaml", diags);
    });
});
