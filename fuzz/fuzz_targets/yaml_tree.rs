//! `yaml::parse` on arbitrary input (bytes read as UTF-8, lossily), then the diagnostic
//! rendered against its source.
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
    if let Err(d) = yaml::parse(sources.get(id), id) {
        let mut diags = Diagnostics::default();
        diags.push(*d);
        let _ = render_human(&diags, &sources, false);
    }
});
