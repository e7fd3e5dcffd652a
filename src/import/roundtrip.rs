//! Property tests: answers built into a workbook and imported back.
//!
//! - Fix point: building the imported answers gives the very same workbook cells, for any
//!   answers (text, lists, links, statuses, line breaks, spaces, `=`, numeric-looking IDs,
//!   empty answers), with and without `--split-links`, in the default layout and in a
//!   layout with a checkbox prefix.
//! - Exact: every answer a workbook can tell apart comes back as it was (see `expected`).

use proptest::prelude::*;
use strum::VariantArray;

use super::layout_map::{LayoutImport, import};
use super::{Found, bare_project, no_span, workbook};
use crate::diag::Diagnostics;
use crate::layout::Layout;
use crate::load::Workspace;
use crate::model::{Answer, AnswerBody, AnswerSet, Catalog, Control, Group, Status};
use crate::render::{RenderContext, renderer};
use crate::sheet::{SheetInput, build_document};

/// IDs that are easy to get wrong: numeric-looking, formula-looking, YAML-looking.
const IDS: &[&str] = &[
    "1.1", "1.10", "2", "007", "1e3", "II.1.1.1", "=A1", "yes", "1-1", "1.1.1",
];

fn catalog() -> Catalog {
    let control = |id: &str, n: usize| Control {
        id: id.to_owned(),
        title: Some(format!("項目{n}").into()),
        text: Some(format!("確認内容{n}\n二行目").into()),
        level: None,
        refs: Default::default(),
        span: None,
        cells: None,
    };
    let (first, second) = IDS.split_at(5);
    let group = |id: &str, ids: &[&str], offset: usize| Group {
        id: id.to_owned(),
        title: format!("見出し{id}"),
        text: None,
        note: None,
        refs: Default::default(),
        groups: Vec::new(),
        controls: ids
            .iter()
            .enumerate()
            .map(|(i, c)| control(c, offset + i))
            .collect(),
    };
    Catalog {
        id: "roundtrip".to_owned(),
        title: "往復".to_owned(),
        publisher: None,
        url: None,
        version: None,
        lang: Default::default(),
        questionnaire: None,
        groups: vec![group("1", first, 0), group("2", second, first.len())],
        controls: Vec::new(),
        origin: "test".to_owned(),
        id_span: None,
    }
}

fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("回答".to_owned()),
            Just("\n".to_owned()),
            Just(" ".to_owned()),
            Just("=".to_owned()),
            Just("=SUM(A1:A3)".to_owned()),
            Just("1.10".to_owned()),
            Just("・".to_owned()),
            Just("- ".to_owned()),
            Just("\t".to_owned()),
            Just("\"".to_owned()),
            Just("https://example.com/a".to_owned()),
            Just("&<>".to_owned()),
            "[a-zA-Z0-9ぁ-ん]{1,6}",
        ],
        0..10,
    )
    .prop_map(|parts| parts.concat())
}

fn answer() -> impl Strategy<Value = (Option<Status>, Option<AnswerBody>, Vec<String>)> {
    let status = proptest::option::of(proptest::sample::select(Status::VARIANTS.to_vec()));
    let body = proptest::option::of(prop_oneof![
        tricky_text().prop_map(|t| AnswerBody::Text(t.into())),
        proptest::collection::vec(tricky_text(), 0..4).prop_map(AnswerBody::Items),
    ]);
    let links = proptest::collection::vec(
        proptest::sample::select(vec![
            "https://example.com/security".to_owned(),
            "http://example.jp/a?b=1#c".to_owned(),
        ]),
        0..3,
    );
    (status, body, links)
}

fn answers() -> impl Strategy<Value = Vec<Answer>> {
    proptest::collection::vec(proptest::option::of(answer()), IDS.len()).prop_map(|picked| {
        IDS.iter()
            .zip(picked)
            .filter_map(|(id, a)| {
                let (status, body, links) = a?;
                Some(Answer {
                    control: (*id).to_owned(),
                    status,
                    body,
                    links,
                    evidence: Vec::new(),
                    reviewed: None,
                    note: None,
                    span: no_span(),
                })
            })
            .collect()
    })
}

fn layouts() -> (Layout, Layout) {
    let ws = Workspace::builtins();
    let default = ws.layouts["default"].clone();
    let mut checkbox = default.clone();
    checkbox.checkbox = Some("☐ ".to_owned());
    (default, checkbox)
}

/// The workbook of a catalog's answers in a layout.
fn build(catalog: &Catalog, layout: &Layout, answers: &[Answer]) -> Vec<u8> {
    let mut set = AnswerSet::default();
    for a in answers {
        set.answers
            .insert(a.control.clone(), std::sync::Arc::new(a.clone()));
    }
    let project = bare_project();
    let mut diags = Diagnostics::default();
    let document = std::sync::Arc::new(build_document(
        &SheetInput {
            project: &project,
            catalog,
            answers: Some(&set),
            derived: None,
            layout,
        },
        &mut diags,
    ));
    assert!(!diags.has_errors());
    renderer(crate::model::Format::Xlsx)
        .render_to_vec(&RenderContext::new(layout, None, document))
        .expect("renders")
}

fn import_bytes(catalog: &Catalog, layout: &Layout, bytes: Vec<u8>, split: bool) -> Found {
    let book = workbook::read("roundtrip.xlsx", bytes).expect("reads");
    let project = bare_project();
    let sheets: Vec<usize> = (0..book.sheets.len()).collect();
    let mut found = Found::default();
    import(
        &LayoutImport {
            workbook: &book,
            sheets: &sheets,
            layout,
            catalog,
            project: &project,
            list_prefix: layout.checkbox.as_deref(),
            split_links: split,
            header_row: None,
        },
        &mut found,
    );
    found
}

fn cells(bytes: &[u8]) -> Vec<(String, u32, u32, String)> {
    let book = workbook::read("x.xlsx", bytes.to_vec()).expect("reads");
    let mut out = Vec::new();
    for sheet in &book.sheets {
        for row in 0..sheet.height() {
            for (col, cell) in sheet.row_cells(row) {
                out.push((sheet.name.clone(), row, col, cell.text.clone()));
            }
        }
    }
    out
}

/// What an answer must come back as, or `None` when the workbook cannot tell it apart
/// from another answer that looks the same (then only the fix point is checked).
type Shape = (Option<Status>, Option<AnswerBody>, Vec<String>);

fn expected(answer: &Answer, checkbox: bool, split: bool) -> Option<Option<Shape>> {
    let is_link = super::answer_cell::is_link;
    let body = match &answer.body {
        Some(AnswerBody::Text(t)) if t.is_empty() => None,
        Some(AnswerBody::Items(items)) if items.is_empty() => None,
        other => other.clone(),
    };
    let body = match body {
        None => None,
        Some(AnswerBody::Text(t)) => {
            // The renderer writes a cell that is one URL (once trimmed) as a link cell,
            // without the spaces around it.
            let mut cell = t.to_string();
            for link in &answer.links {
                if !cell.is_empty() {
                    cell.push('\n');
                }
                cell.push_str(link);
            }
            let whole_url = is_link(cell.trim()) && cell.trim() != cell;
            let whole_url = whole_url || (is_link(t.trim()) && answer.links.is_empty());
            let ends_in_url = t.split('\n').next_back().is_some_and(is_link);
            let list_like = checkbox && t.starts_with("☐ ");
            if whole_url || list_like || (split && ends_in_url) {
                return None;
            }
            Some(AnswerBody::Text(t))
        }
        Some(AnswerBody::Items(items)) => {
            if !checkbox {
                return None;
            }
            Some(AnswerBody::Items(items))
        }
    };
    if !answer.links.is_empty() && !split && !matches!(body, Some(AnswerBody::Items(_))) {
        return None;
    }
    if body.is_none() && answer.status.is_none() && answer.links.is_empty() {
        return Some(None);
    }
    Some(Some((answer.status, body, answer.links.clone())))
}

fn check(
    answers: &[Answer],
    layout: &Layout,
    checkbox: bool,
    split: bool,
) -> Result<(), TestCaseError> {
    let catalog = catalog();
    let bytes = build(&catalog, layout, answers);
    let found = import_bytes(&catalog, layout, bytes.clone(), split);
    prop_assert!(
        !found.has_errors(),
        "import errors: {:?}",
        found.diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    let again = build(&catalog, layout, &found.answers);
    prop_assert_eq!(
        cells(&bytes),
        cells(&again),
        "building the imported answers changes the workbook"
    );
    for original in answers {
        let Some(want) = expected(original, checkbox, split) else {
            continue;
        };
        let got = found
            .answers
            .iter()
            .find(|a| a.control == original.control)
            .map(|a| (a.status, a.body.clone(), a.links.clone()));
        prop_assert_eq!(got, want, "control {}", original.control);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn default_layout_round_trip(answers in answers(), split in any::<bool>()) {
        let (default, _) = layouts();
        check(&answers, &default, false, split)?;
    }

    #[test]
    fn checkbox_layout_round_trip(answers in answers(), split in any::<bool>()) {
        let (_, checkbox) = layouts();
        check(&answers, &checkbox, true, split)?;
    }
}

#[test]
fn every_shape_comes_back_exactly() {
    let (default, checkbox) = layouts();
    let answer = |id: &str, status, body, links: &[&str]| Answer {
        control: id.to_owned(),
        status,
        body,
        links: links.iter().map(|l| (*l).to_owned()).collect(),
        evidence: Vec::new(),
        reviewed: None,
        note: None,
        span: no_span(),
    };
    let answers = vec![
        answer(
            "1.1",
            Some(Status::Partial),
            Some(AnswerBody::Text(" 先頭と末尾の空白 ".into())),
            &[],
        ),
        answer(
            "1.10",
            None,
            Some(AnswerBody::Text("=SUM(A1:A3)\n二行目\n".into())),
            &[],
        ),
        answer("2", Some(Status::NotApplicable), None, &[]),
        answer(
            "007",
            None,
            Some(AnswerBody::Text("1.10".into())),
            &["https://example.com/x"],
        ),
        answer(
            "=A1",
            None,
            Some(AnswerBody::Items(vec![
                "一つ目".into(),
                "二つ目\n 続き".into(),
                "".into(),
            ])),
            &["https://example.com/y"],
        ),
    ];
    let catalog = catalog();
    let bytes = build(&catalog, &checkbox, &answers);
    let found = import_bytes(&catalog, &checkbox, bytes, true);
    assert!(!found.has_errors());
    let got: Vec<_> = found
        .answers
        .iter()
        .map(|a| (a.control.clone(), a.status, a.body.clone(), a.links.clone()))
        .collect();
    let want: Vec<_> = answers
        .iter()
        .map(|a| (a.control.clone(), a.status, a.body.clone(), a.links.clone()))
        .collect();
    assert_eq!(got, want);
    // In the default layout a list is "・" lines of text, and links stay text unless split.
    let bytes = build(&catalog, &default, &answers);
    let found = import_bytes(&catalog, &default, bytes, false);
    let list = found.answers.iter().find(|a| a.control == "=A1").unwrap();
    assert_eq!(
        list.body,
        Some(AnswerBody::Text(
            "・一つ目\n・二つ目\n   続き\n・\nhttps://example.com/y".into()
        ))
    );
}

#[test]
fn evidence_comes_back_from_the_default_layouts_column() {
    let (default, _) = layouts();
    let catalog = catalog();
    let with = |id: &str, evidence: &[&str]| Answer {
        control: id.to_owned(),
        status: Some(Status::Implemented),
        body: Some(AnswerBody::Text("実施しています。".into())),
        links: Vec::new(),
        evidence: evidence.iter().map(|e| (*e).to_owned()).collect(),
        reviewed: None,
        note: None,
        span: no_span(),
    };
    let answers = vec![
        with(
            "1.1",
            &[
                "情報セキュリティ基本方針 第3版",
                "https://example.com/policy",
            ],
        ),
        with("1.10", &["https://example.com/only"]),
        with("2", &[]),
    ];
    let bytes = build(&catalog, &default, &answers);
    assert!(
        cells(&bytes).iter().any(|(_, _, _, text)| text == "証跡"),
        "the column is shown"
    );
    let found = import_bytes(&catalog, &default, bytes.clone(), false);
    assert!(!found.has_errors());
    let got: Vec<_> = found
        .answers
        .iter()
        .map(|a| (a.control.clone(), a.body.clone(), a.evidence.clone()))
        .collect();
    let want: Vec<_> = answers
        .iter()
        .map(|a| (a.control.clone(), a.body.clone(), a.evidence.clone()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        cells(&build(&catalog, &default, &found.answers)),
        cells(&bytes)
    );
    // Without evidence the column is left out, and the workbook still imports.
    let bytes = build(&catalog, &default, &answers[2..]);
    assert!(!cells(&bytes).iter().any(|(_, _, _, text)| text == "証跡"));
    let found = import_bytes(&catalog, &default, bytes, false);
    assert!(!found.has_errors());
    assert_eq!(found.answers.len(), 1);
}
