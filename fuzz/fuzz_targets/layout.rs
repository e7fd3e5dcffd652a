//! `layout::load_layout` on arbitrary YAML (bytes read as UTF-8, lossily): `yaml::parse`, then
//! the loader, collecting diagnostics, then every diagnostic rendered against its source.
#![no_main]

use checksheet::diag::Diagnostics;
use checksheet::report::render_human;
use checksheet::source::Sources;
use checksheet::yaml;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let mut sources = Sources::default();
    let text = String::from_utf8_lossy(data).into_owned();
    let id = sources.add("fuzz.yaml", Path::new("fuzz.yaml"), text);
    let mut diags = Diagnostics::default();
    match yaml::parse(sources.get(id), id) {
        Ok(root) => {
        let _ = checksheet::layout::load_layout(&root, "fuzz.yaml", &mut diags);
        }
        Err(d) => diags.push(*d),
    }
    let _ = render_human(&diags, &sources, false);
});
