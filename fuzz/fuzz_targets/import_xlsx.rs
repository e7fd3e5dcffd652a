//! `checksheet import` on arbitrary bytes, through its entry point `import::import` (as the
//! command runs it): the workbook in every built-in layout (each layout's mapping), then as
//! a questionnaire detected by meaning that becomes a new catalog (the YAML writers run on
//! what imports cleanly); the diagnostics rendered in both languages, as text and JSON,
//! and a workbook that cannot be read as the diagnostic that says so.
#![no_main]

use checksheet::diag::Diagnostics;
use checksheet::error::Error;
use checksheet::i18n::Lang;
use checksheet::import::detect::Columns;
use checksheet::import::{ImportOptions, NewCatalog, Target, import};
use checksheet::load::Workspace;
use checksheet::report::{render_human, render_json};
use checksheet::source::Sources;
use libfuzzer_sys::fuzz_target;
use strum::VariantArray;

thread_local! {
    static WORKSPACE: Workspace = Workspace::builtins();
}

/// Renders diagnostics as every reader sees them.
fn render(diags: &Diagnostics) {
    for lang in Lang::VARIANTS.iter().copied() {
        let _ = render_human(diags, &Sources::default(), false, lang);
        let _ = render_json(diags, &Sources::default(), lang);
    }
}

/// Imports `data` as `target`; false when the workbook cannot be read at all.
fn run(
    ws: &Workspace,
    data: &[u8],
    target: Target,
    list_prefix: Option<&str>,
    split_links: bool,
) -> bool {
    let options = ImportOptions {
        workspace: ws,
        workbook: "fuzz.xlsx".to_owned(),
        path_shown: "fuzz.xlsx".to_owned(),
        target,
        sheets: Vec::new(),
        header_row: None,
        columns: Columns::default(),
        list_prefix: list_prefix.map(str::to_owned),
        split_links,
    };
    match import(data.to_vec(), &options) {
        Ok(imported) => {
            render(&imported.diagnostics());
            true
        }
        Err(Error::Diagnosed(d)) => {
            let mut diags = Diagnostics::default();
            diags.push(*d);
            render(&diags);
            false
        }
        Err(e) => {
            let _ = e.message().text(Lang::En);
            true
        }
    }
}

fuzz_target!(|data: &[u8]| {
    WORKSPACE.with(|ws| {
        for layout in ws.layouts.values() {
            // A layout bound to no catalog reads the first one.
            let catalog = match &layout.catalog {
                Some(_) => None,
                None => ws.catalogs.keys().next().cloned(),
            };
            let target = Target::Layout {
                layout: layout.id.clone(),
                catalog,
            };
            if !run(ws, data, target, None, true) {
                return;
            }
        }
        let new = NewCatalog {
            id: "fuzzed".to_owned(),
            path: "controls/fuzzed.yaml".into(),
            title: None,
        };
        run(ws, data, Target::NewCatalog(new), Some("■"), false);
    });
});
