//! `checksheet import` on arbitrary bytes: `import::workbook::read` (the path the command
//! takes; a workbook it cannot read becomes a diagnostic, rendered here), then every built-in layout's mapping (`layout_map::import`) and the questionnaire
//! detection (`questionnaire::import`, building a new catalog), then the YAML writers.
#![no_main]

use checksheet::diag::Diagnostics;
use checksheet::import::detect::Columns;
use checksheet::import::workbook::{self, Workbook};
use checksheet::import::{Found, bare_project, layout_map, no_span, questionnaire, write};
use checksheet::load::Workspace;
use checksheet::model::Project;
use checksheet::report::render_human;
use checksheet::source::Sources;
use libfuzzer_sys::fuzz_target;
use strum::VariantArray;

struct Fixed {
    ws: Workspace,
    project: Project,
}

thread_local! {
    static FIXED: Fixed = Fixed {
        ws: Workspace::builtins(),
        project: bare_project(),
    };
}

fn visible(book: &Workbook) -> Vec<usize> {
    (0..book.sheets.len())
        .filter(|&i| !book.sheets[i].hidden)
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let book = match workbook::read("fuzz.xlsx", data.to_vec()) {
        Ok(book) => book,
        Err(d) => {
            let mut diags = Diagnostics::default();
            diags.push(*d);
            for lang in checksheet::i18n::Lang::VARIANTS.iter().copied() {
                let _ = render_human(&diags, &Sources::default(), false, lang);
            }
            return;
        }
    };
    let sheets = visible(&book);
    let _ = no_span();
    FIXED.with(|fixed| {
        for layout in fixed.ws.layouts.values() {
            let catalog = match &layout.catalog {
                Some(id) => fixed.ws.catalogs.get(id),
                None => fixed.ws.catalogs.values().next(),
            };
            let Some(catalog) = catalog else { continue };
            let mut found = Found::default();
            layout_map::import(
                &layout_map::LayoutImport {
                    workbook: &book,
                    sheets: &sheets,
                    layout,
                    catalog,
                    project: &fixed.project,
                    list_prefix: layout.checkbox.as_deref(),
                    split_links: true,
                    header_row: None,
                },
                &mut found,
            );
            let _ = write::answer_file(&catalog.id, &found.answers);
            let _ = found.diagnostics();
        }
        let mut found = Found::default();
        let built = questionnaire::import(
            &questionnaire::QuestionnaireImport {
                workbook: &book,
                sheets: &sheets,
                given: Columns::default(),
                header_row: None,
                catalog: None,
                new_catalog: Some(("fuzzed".to_owned(), None)),
                list_prefix: Some("■"),
                split_links: false,
            },
            &mut found,
        );
        let _ = write::answer_file("fuzzed", &found.answers);
        if let Some(catalog) = built {
            let _ = write::catalog_file(&catalog, "fuzzed");
        }
        let _ = found.diagnostics();
    });
});
