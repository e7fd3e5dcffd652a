//! Property test: answers filled into the customer's workbook (the openpyxl fixture in
//! `tests/fixtures/fill/`) and imported back by the cells the catalog records give exactly
//! what was filled — the status through the dropdown's own choice, the text, and the
//! evidence and links as the evidence cell's lines — whatever the text holds (XML
//! specials, `_x0041_`-like runs, control characters, line breaks, a leading `=`).

use std::path::Path;

use indexmap::IndexMap;
use proptest::prelude::*;

use super::book::Book;
use super::{FillInput, Source, fill};
use crate::diag::Diagnostics;
use crate::import::{Found, cells};
use crate::load::catalog::load_catalog;
use crate::model::{Answer, AnswerBody, Catalog, Organization, Status};
use crate::source::Sources;
use crate::yaml;

const WORKBOOK: &[u8] = include_bytes!("../../tests/fixtures/fill/customer.xlsx");
const CATALOG: &str = include_str!("../../tests/fixtures/fill/project/controls/customer.yaml");

fn catalog() -> Catalog {
    let mut sources = Sources::default();
    let id = sources.add(
        "customer.yaml",
        Path::new("customer.yaml"),
        CATALOG.to_owned(),
    );
    let root = yaml::parse(sources.get(id), id).expect("the fixture catalog parses");
    let mut diags = Diagnostics::default();
    load_catalog(root, "customer.yaml", &mut diags).expect("the fixture catalog loads")
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("回答".to_owned()),
            Just("\n".to_owned()),
            Just(" ".to_owned()),
            Just("=SUM(A1:A3)".to_owned()),
            Just("&<>\"'".to_owned()),
            Just("_x0041_".to_owned()),
            Just("\u{1b}".to_owned()),
            Just("\t".to_owned()),
            Just("]]>".to_owned()),
            "[a-zA-Z0-9ぁ-ん]{1,6}",
        ],
        1..8,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("a text with something to read", |t| !t.trim().is_empty())
}

/// An evidence or link line: no line break, not blank, no surrounding space (a cell's
/// lines are read back trimmed).
fn line() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9ぁ-ん_&<>]{1,12}"
}

fn answer() -> impl Strategy<Value = (Option<Status>, Option<String>, Vec<String>, Vec<String>)> {
    let status = proptest::option::of(proptest::sample::select(vec![
        Status::Implemented,
        Status::NotImplemented,
        Status::NotApplicable,
    ]));
    (
        status,
        proptest::option::of(text()),
        proptest::collection::vec(line(), 0..3),
        proptest::collection::vec(
            proptest::sample::select(vec![
                "https://example.com/a?b=1&c=2".to_owned(),
                "https://example.jp/%E3%82%BB".to_owned(),
            ]),
            0..2,
        ),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn filled_answers_read_back_exactly(answers in proptest::collection::vec(answer(), 4)) {
        let catalog = catalog();
        let ids = ["1", "2", "3", "4"];
        let made: Vec<Answer> = ids
            .iter()
            .zip(&answers)
            .map(|(id, (status, text, evidence, links))| Answer {
                control: (*id).to_owned(),
                status: *status,
                body: text.clone().map(|t| AnswerBody::Text(t.into())),
                links: links.clone(),
                evidence: evidence.clone(),
                reviewed: None,
                note: None,
                span: None,
            })
            .collect();
        let sources: IndexMap<String, Source> = made
            .iter()
            .map(|a| (a.control.clone(), Source { answer: a, derived: None }))
            .collect();
        let organization = Organization { name: "サンプル株式会社".into(), ..Organization::default() };
        let filled = fill(WORKBOOK.to_vec(), &FillInput {
            name: "customer.xlsx",
            catalog: &catalog,
            answers: &sources,
            conflicts: &[],
            organization: &organization,
            date: "2026-11-01".into(),
            overwrite: false,
        }).expect("filled");
        prop_assert!(!filled.has_errors(), "{:?}", filled.diags);
        let mut book = Book::from_bytes(filled.bytes).expect("the filled workbook reads");
        let mut found = Found::default();
        cells::import(&mut book, &catalog, &mut found);
        prop_assert!(!found.has_errors(), "{:?}", found.diags);
        let read: IndexMap<&str, &Answer> = found.answers.iter().map(|a| (a.control.as_str(), a)).collect();
        for answer in &made {
            // What is written is what a reader sees: hidden characters are left out.
            let visible = |t: &str| crate::chars::strip_hidden(t).into_owned();
            let references: Vec<String> = answer
                .evidence
                .iter()
                .chain(&answer.links)
                .map(|r| visible(r))
                .filter(|r| !r.trim().is_empty())
                .collect();
            let expected_body = answer
                .body
                .as_ref()
                .map(|b| match b {
                    AnswerBody::Text(t) => visible(t),
                    AnswerBody::Items(i) => visible(&i.join("\n")),
                })
                .filter(|b| !b.trim().is_empty());
            let nothing = answer.status.is_none() && expected_body.is_none() && references.is_empty();
            match read.get(answer.control.as_str()) {
                None => prop_assert!(nothing, "answer {} not read back", answer.control),
                Some(back) => {
                    prop_assert_eq!(back.status, answer.status);
                    let body = back.body.as_ref().map(|b| match b {
                        AnswerBody::Text(t) => t.to_string(),
                        AnswerBody::Items(i) => i.join("\n"),
                    });
                    prop_assert_eq!(body, expected_body);
                    prop_assert_eq!(&back.evidence, &references);
                }
            }
        }
    }
}

/// A workbook that cannot be read is a typed error naming it, whose text is the message
/// users see after `error:`.
#[test]
fn a_workbook_that_is_no_zip_is_a_package_error() {
    let catalog = catalog();
    let sources: IndexMap<String, Source> = IndexMap::new();
    let organization = Organization::default();
    let input = FillInput {
        name: "broken.xlsx",
        catalog: &catalog,
        answers: &sources,
        conflicts: &[],
        organization: &organization,
        date: "2026-11-01".into(),
        overwrite: false,
    };
    let error = fill(b"not a zip".to_vec(), &input).err().expect("refused");
    let super::FillError::Workbook { source, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(
        matches!(
            **source,
            super::WorkbookError::Package(super::PackageError::NotZip(_))
        ),
        "{error:?}"
    );
    let text = error.message().text(crate::i18n::Lang::En);
    assert!(
        text.starts_with("cannot fill `broken.xlsx`: it is not an xlsx workbook"),
        "{text}"
    );
}
