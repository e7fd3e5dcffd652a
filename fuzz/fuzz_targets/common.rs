//! Shared by the YAML fuzz targets: parse arbitrary bytes (read as UTF-8, lossily) as one
//! YAML file, hand the tree to a loader, then render every diagnostic against its source.

use checksheet::diag::Diagnostics;
use checksheet::report::render_human;
use checksheet::source::Sources;
use checksheet::yaml::{self, Node};
use std::path::Path;
use strum::VariantArray;

pub fn parse_then(data: &[u8], load: impl FnOnce(&Node, &mut Diagnostics)) {
    let mut sources = Sources::default();
    let text = String::from_utf8_lossy(data).into_owned();
    let id = sources.add("fuzz.yaml", Path::new("fuzz.yaml"), text);
    let mut diags = Diagnostics::default();
    match yaml::parse(sources.get(id), id) {
        Ok(root) => load(&root, &mut diags),
        Err(d) => diags.push(*d),
    }
    for lang in checksheet::i18n::Lang::VARIANTS.iter().copied() {
        let _ = render_human(&diags, &sources, false, lang);
    }
}
