//! `checksheet fill` on arbitrary sheet XML: the bytes become the response sheet of the
//! openpyxl fixture workbook (`tests/fixtures/fill/customer.xlsx`), which is then filled
//! with answers to its catalog. Whatever the sheet holds, fill must not panic; when it
//! fills, every part it wrote must be well-formed, and importing the result by the
//! catalog's cells must not fail to read it.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::path::Path;

use checksheet::diag::Diagnostics;
use checksheet::fill::book::Book;
use checksheet::fill::{FillInput, Source, fill};
use checksheet::import::{Found, cells};
use checksheet::load::catalog::load_catalog;
use checksheet::model::{Answer, AnswerBody, Catalog, Organization, Status};
use checksheet::source::Sources;
use checksheet::yaml;
use indexmap::IndexMap;
use libfuzzer_sys::fuzz_target;

const WORKBOOK: &[u8] = include_bytes!("../../tests/fixtures/fill/customer.xlsx");
const CATALOG: &str = include_str!("../../tests/fixtures/fill/project/controls/customer.yaml");
const SHEET: &str = "xl/worksheets/sheet3.xml";

fn catalog() -> Catalog {
    let mut sources = Sources::default();
    let id = sources.add("customer.yaml", Path::new("customer.yaml"), CATALOG.to_owned());
    let root = yaml::parse(sources.get(id), id).expect("the fixture catalog parses");
    load_catalog(root, "customer.yaml", &mut Diagnostics::default()).expect("it loads")
}

/// The fixture with its response sheet replaced by `sheet`.
fn workbook(sheet: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(WORKBOOK)).expect("the fixture is a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("an entry");
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("readable");
        let data = if name == SHEET { sheet.to_vec() } else { data };
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let catalog = catalog();
    let answers: Vec<Answer> = ["1", "2", "3", "4", "5"]
        .iter()
        .map(|id| Answer {
            control: (*id).to_owned(),
            status: Some(Status::Implemented),
            body: Some(AnswerBody::Text(format!("回答{id} & <{id}>").into())),
            links: Vec::new(),
            evidence: vec![format!("証跡{id}")],
            reviewed: None,
            note: None,
            span: None,
        })
        .collect();
    let sources: IndexMap<String, Source> = answers
        .iter()
        .map(|a| (a.control.clone(), Source { answer: a, derived: None }))
        .collect();
    let organization = Organization {
        name: "サンプル株式会社".into(),
        ..Organization::default()
    };
    let input = FillInput {
        name: "fuzz.xlsx",
        catalog: &catalog,
        answers: &sources,
        conflicts: &[],
        organization: &organization,
        date: "2026-11-01".into(),
        overwrite: false,
    };
    let Ok(filled) = fill(workbook(data), &input) else {
        return;
    };
    if filled.has_errors() {
        return;
    }
    let mut book = Book::from_bytes(filled.bytes).expect("a filled workbook opens");
    let mut found = Found::default();
    cells::import(&mut book, &catalog, &mut found);
});
