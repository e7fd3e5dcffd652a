//! `checksheet import`: workbooks back into answer YAML.
//!
//! - Every example and the root project: build, import the xlsx in its layout, and get the
//!   example's answers back; building the imported answers gives the same workbook.
//! - Workbooks made by other tools (tests/fixtures/import/, written by openpyxl and
//!   LibreOffice from make_fixtures.py): a questionnaire in no known layout becomes a
//!   catalog plus answers a project builds; a `monocone` workbook imports in its layout.
//! - Nothing lost or invented: unmapped cells, hidden rows and sheets, numbers and dates
//!   are reported with their cell address; nothing is written on errors or over an
//!   existing file without --force.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

use crate::harness::{Project, xlsx_grid};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Vec<u8> {
    fs::read(repo().join("tests/fixtures/import").join(name)).expect("fixture workbook")
}

/// An answer as a layout shows it: status, answer (text or list) and links only.
fn shown(value: &Value) -> Value {
    let mut out = Map::new();
    match value {
        Value::String(_) | Value::Array(_) => {
            out.insert("answer".into(), value.clone());
        }
        Value::Object(fields) => {
            for key in ["status", "answer", "links"] {
                if let Some(v) = fields.get(key) {
                    out.insert(key.into(), v.clone());
                }
            }
        }
        other => panic!("unexpected answer {other:?}"),
    }
    Value::Object(out)
}

/// Every answer of some answer files (or of every file of a folder), by control ID.
fn answers(project: &Project, path: &str) -> BTreeMap<String, Value> {
    let full = project.path().join(path);
    let mut files: Vec<_> = if full.is_dir() {
        fs::read_dir(&full)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect()
    } else {
        vec![full]
    };
    files.sort();
    let mut out = BTreeMap::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let yaml: Value = serde_saphyr::from_str(&text).unwrap();
        for (id, value) in yaml["answers"].as_object().unwrap() {
            assert!(out.insert(id.clone(), shown(value)).is_none(), "{id} twice");
        }
    }
    out
}

#[test]
fn every_example_comes_back_from_its_workbook() {
    for (example, layout, stem, file) in [
        (
            "kingoftime",
            "mic-annex2",
            "mic-annex2",
            "mic-cloud-v3.yaml",
        ),
        ("monocone", "monocone", "monocone", "light2-meti2013.yaml"),
        ("skyarch", "skyarch", "skyarch", "skyarch.yaml"),
        ("melcol", "melcol", "melcol", "melcol.yaml"),
    ] {
        let project = Project::copy_of(&format!("examples/{example}"));
        project.run(&["build"]).code(0);
        let workbook = format!("dist/{stem}.xlsx");
        let run = project.run(&[
            "import",
            &workbook,
            "--layout",
            layout,
            "--out",
            "imported/answers.yaml",
        ]);
        run.code(0);
        assert!(
            run.stderr.contains("wrote imported/answers.yaml"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("warning"), "{example}: {}", run.stderr);
        assert_eq!(
            answers(&project, "imported/answers.yaml"),
            answers(&project, "answers"),
            "{example}: imported answers differ"
        );

        // The imported file is canonical, and builds the very same workbook.
        let imported = project.read("imported/answers.yaml");
        let again = Project::copy_of(&format!("examples/{example}"))
            .file(&format!("answers/{file}"), &imported);
        again.run(&["fmt", "--check"]).code(0);
        again.run(&["check", "--deny-warnings"]).code(0);
        again.run(&["build"]).code(0);
        assert_eq!(
            xlsx_grid(&again.read_bytes(&workbook)),
            xlsx_grid(&project.read_bytes(&workbook)),
            "{example}: the imported answers build another workbook"
        );
        assert!(
            again.read_bytes(&workbook) == project.read_bytes(&workbook),
            "{example}: the workbook built from the imported answers is not byte for byte the same"
        );
    }
}

/// The repository's own project: statuses, links (with --split-links) and texts come back;
/// `reviewed` and `note` are never shown, and the default layout writes a list as "・"
/// lines that read back as text.
#[test]
fn the_root_project_comes_back_through_the_default_layout() {
    let mut project = Project::empty().file(
        "checksheet.yaml",
        &fs::read_to_string(repo().join("checksheet.yaml")).unwrap(),
    );
    for entry in fs::read_dir(repo().join("answers")).unwrap().flatten() {
        let name = format!("answers/{}", entry.file_name().to_string_lossy());
        let text = fs::read_to_string(entry.path()).unwrap();
        project = project.file(&name, &text);
    }
    project.run(&["build"]).code(0);
    let workbook = "dist/default-mic-cloud-v3.xlsx";
    project
        .run(&[
            "import",
            workbook,
            "--layout",
            "default",
            "--catalog",
            "mic-cloud-v3",
            "--split-links",
            "--out",
            "imported.yaml",
        ])
        .code(0);
    // The MIC answers (the project also answers the LIGHT2 sheet's own questions).
    let mut before = answers(&project, "answers");
    before.retain(|id, _| id.starts_with("II"));
    let after = answers(&project, "imported.yaml");
    assert_eq!(before.len(), 121);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&String> = before
        .keys()
        .filter(|id| before[*id] != after[*id])
        .collect();
    assert_eq!(
        differing,
        vec!["II.6.1.2"],
        "only the list answer reads back as text"
    );
    let items: Vec<String> = before["II.6.1.2"]["answer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("・{}", i.as_str().unwrap()))
        .collect();
    assert_eq!(after["II.6.1.2"]["answer"], Value::String(items.join("\n")));
    assert_eq!(after["II.6.1.2"]["status"], before["II.6.1.2"]["status"]);

    // Built again from the imported answers alone, the workbook is the same.
    let imported = project.read("imported.yaml");
    let mut again = Project::empty().file(
        "checksheet.yaml",
        &fs::read_to_string(repo().join("checksheet.yaml")).unwrap(),
    );
    again = again.file("answers/imported.yaml", &imported);
    again.run(&["build"]).code(0);
    assert_eq!(
        xlsx_grid(&again.read_bytes(workbook)),
        xlsx_grid(&project.read_bytes(workbook))
    );
    assert!(
        again.read_bytes(workbook) == project.read_bytes(workbook),
        "the workbook built from the imported answers is not byte for byte the same"
    );
}

/// A project before it has any catalog of its own.
const NEW_PROJECT: &str = "organization:\n  name: サンプル株式会社\nas_of: 2026-11-01\noutputs:\n  - layout: default\n    catalog: mic-cloud-v3\n";
/// The project answering the imported questionnaire.
const ACME_PROJECT: &str = "organization:\n  name: サンプル株式会社\nas_of: 2026-11-01\ncatalogs: [controls]\noutputs:\n  - layout: default\n    catalog: acme\n";

fn acme(workbook: &str) -> (Project, crate::harness::Run) {
    let project = Project::empty()
        .file("checksheet.yaml", NEW_PROJECT)
        .bytes("inbox/acme.xlsx", &fixture(workbook));
    let run = project.run(&[
        "import",
        "inbox/acme.xlsx",
        "--project",
        ".",
        "--write-catalog",
        "controls/acme.yaml",
    ]);
    (project, run)
}

/// A customer's questionnaire (openpyxl) becomes a catalog and answers; the project that
/// uses them checks and builds, and its workbook imports back to the same answers.
#[test]
fn a_questionnaire_becomes_a_catalog_and_answers() {
    let (project, run) = acme("questionnaire.xlsx");
    run.code(0);
    let err = &run.stderr;
    for expected in [
        "header row 4: ID = A (No.), title = B (分類), question = C (質問), answer = D (回答), note = E (備考) — 10 item(s)",
        "header row 21: ID = B (番号), question = C (確認内容), answer = D (回答) — 3 item(s)",
        "rows 1–3 above the table",
        "warning[CS0809]: acme.xlsx: sheet `選択肢` is hidden and was not read",
        "warning[CS0810]: acme.xlsx: 質問票!D13:D14: the answer cell is merged across 2 rows",
        "warning[CS0808]: acme.xlsx: 質問票!A10: the ID cell holds the number 1.3",
        "warning[CS0809]: acme.xlsx: 質問票!A11: row 11 is hidden; it was imported",
        "warning[CS0808]: acme.xlsx: 質問票!D16: the answer cell holds a date, read as `2024/4/1`",
        "warning[CS0807]: acme.xlsx: 質問票!F24: `要確認` was not imported",
        "sheet `記入要領`: no questionnaire table; none of its cells were imported",
        "wrote controls/acme.yaml — catalog acme (13 controls, 3 groups)",
        "wrote answers/imported-acme.yaml — 11 answer(s) to catalog acme",
        "note: list the catalog in checksheet.yaml (`catalogs: [controls]`)",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in\n{err}");
    }
    insta::assert_snapshot!("questionnaire-catalog", project.read("controls/acme.yaml"));
    insta::assert_snapshot!(
        "questionnaire-answers",
        project.read("answers/imported-acme.yaml")
    );

    let project = project.file("checksheet.yaml", ACME_PROJECT);
    project.run(&["check"]).code(0);
    project.run(&["fmt", "--check"]).code(0);
    project.run(&["build"]).code(0);
    let run = project.run(&[
        "import",
        "dist/default-acme.xlsx",
        "--layout",
        "default",
        "--project",
        ".",
        "--out",
        "back.yaml",
    ]);
    run.code(0);
    let mut before = answers(&project, "answers/imported-acme.yaml");
    // `note` (from the 備考 column) is internal and never built into the workbook.
    let after = answers(&project, "back.yaml");
    before.retain(|_, v| v != &Value::Object(Map::new()));
    assert_eq!(before, after);
}

#[test]
fn libreoffice_and_openpyxl_workbooks_import_alike() {
    let (openpyxl, run) = acme("questionnaire.xlsx");
    run.code(0);
    let (libreoffice, run) = acme("questionnaire-libreoffice.xlsx");
    run.code(0);
    for file in ["controls/acme.yaml", "answers/imported-acme.yaml"] {
        assert_eq!(openpyxl.read(file), libreoffice.read(file), "{file}");
    }
}

/// A workbook in the `monocone` layout written by openpyxl: table from column B, numbers as
/// number cells (numbered per chapter), unmerged section rows, a remark beside the table.
#[test]
fn a_layout_workbook_from_another_tool() {
    let project = Project::empty().bytes("m.xlsx", &fixture("monocone-openpyxl.xlsx"));
    let run = project.run(&["import", "m.xlsx", "--layout", "monocone", "--out", "-"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        "catalog: light2-meti2013\nanswers:\n  \"1.1\": ISMSに基づき方針を定め、公開しています。\n  \"1.2\": 年1回見直しています。\n  \"2.1\": CISOを任命しています。\n  \"2.2\": |-\n    システム台帳を整備しています。\n    四半期ごとに棚卸ししています。\n  \"2.3\": 年1回訓練しています。\n  \"2.4\": MDMで管理しています。\n  \"2.5\": VPNと多要素認証を必須としています。\n"
    );
    assert!(
        run.stderr.contains("header row 4 (B–E), 7 item row(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning[CS0807]: m.xlsx: チェックシート!F7: `2025年度に更新` was not imported"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[CS0809]: m.xlsx: チェックシート!B14: row 14 is hidden; control `2.3` was imported from it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("79 of 86 controls"), "{}", run.stderr);
    assert!(!project.exists("answers"), "--out - writes no file");

    // --deny-warnings: the same import fails and writes nothing.
    let run = project.run(&[
        "import",
        "m.xlsx",
        "--layout",
        "monocone",
        "--deny-warnings",
    ]);
    run.code(1);
    assert!(run.stderr.contains("nothing was written"));
    assert!(!project.exists("answers/imported-light2-meti2013.yaml"));

    // Without a layout, the same sheet reads as a questionnaire: numbers that restart in
    // each chapter get the chapter's number.
    let run = project.run(&["import", "m.xlsx", "--write-catalog", "controls/light.yaml"]);
    run.code(0);
    assert!(run.stderr.contains("warning[CS0811]"), "{}", run.stderr);
    let catalog = project.read("controls/light.yaml");
    for id in ["\"1-1\"", "\"1-2\"", "\"2-1\"", "\"2-5\""] {
        assert!(catalog.contains(&format!("- id: {id}")), "{catalog}");
    }
}

/// The `melcol` example's workbook read as a questionnaire (No. / 質問 / 回答 on three
/// sheets): each sheet is a group numbered in order, numbers restart per sheet, so the IDs
/// come out as the catalog's own (`2-5`), with the example's answers.
#[test]
fn a_workbook_of_several_sheets_becomes_one_catalog() {
    let project = Project::copy_of("examples/melcol");
    project.run(&["build"]).code(0);
    let run = project.run(&[
        "import",
        "dist/melcol.xlsx",
        "--write-catalog",
        "new/melcol-copy.yaml",
        "--out",
        "new/answers.yaml",
    ]);
    run.code(0);
    assert!(run.stderr.contains("warning[CS0811]"), "{}", run.stderr);
    assert_eq!(
        answers(&project, "new/answers.yaml"),
        answers(&project, "answers")
    );
    let catalog: Value = serde_saphyr::from_str(&project.read("new/melcol-copy.yaml")).unwrap();
    let original: Value =
        serde_saphyr::from_str(&fs::read_to_string(repo().join("controls/melcol.yaml")).unwrap())
            .unwrap();
    let titles = |c: &Value| -> Vec<String> {
        c["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(titles(&catalog), titles(&original), "one group per sheet");
    assert_eq!(catalog["catalog"]["id"], "melcol-copy");
}

#[test]
fn columns_can_be_named() {
    let project = Project::empty().bytes("q.xlsx", &fixture("questionnaire.xlsx"));
    let run = project.run(&[
        "import",
        "q.xlsx",
        "--sheet",
        "質問票",
        "--header-row",
        "21",
        "--id-col",
        "B",
        "--question-col",
        "C",
        "--answer-col",
        "D",
        "--write-catalog",
        "controls/annex.yaml",
        "--catalog-id",
        "annex",
        "--catalog-title",
        "別紙",
        "--out",
        "-",
    ]);
    run.code(0);
    assert!(
        run.stderr.contains("rows 1–20 above the table"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stdout,
        "catalog: annex\nanswers:\n  \"A-1\": 東京リージョン\n  \"A-2\": |-\n    日次で取得しています。\n    https://example.com/backup\n"
    );
    let catalog = project.read("controls/annex.yaml");
    assert!(
        catalog.contains("  id: annex\n  title: 別紙\nquestionnaire:\n  workbook: q.xlsx\n"),
        "{catalog}"
    );
    assert!(
        catalog.contains("controls:\n  - id: \"A-1\"\n    text: データの保存場所はどこですか。\n    cells: {sheet: 質問票, row: 22, question: C, answer: D}\n"),
        "{catalog}"
    );

    // --split-links makes the trailing URL a link.
    let run = project.run(&[
        "import",
        "q.xlsx",
        "--header-row",
        "21",
        "--sheet",
        "質問票",
        "--split-links",
        "--write-catalog",
        "c2.yaml",
        "--out",
        "-",
    ]);
    run.code(0);
    assert!(
        run.stdout.contains("  \"A-2\":\n    answer: 日次で取得しています。\n    links:\n      - https://example.com/backup\n"),
        "{}",
        run.stdout
    );

    // A sheet without a table is an error naming what to pass.
    let run = project.run(&[
        "import",
        "q.xlsx",
        "--sheet",
        "記入要領",
        "--write-catalog",
        "c3.yaml",
    ]);
    run.code(1);
    assert!(run.stderr.contains("error[CS0801]"), "{}", run.stderr);
    assert!(run.stderr.contains("--header-row"), "{}", run.stderr);
    assert!(!project.exists("c3.yaml"));

    // Unknown sheets and conflicting options cannot run.
    let run = project.run(&[
        "import",
        "q.xlsx",
        "--sheet",
        "質問",
        "--write-catalog",
        "c4.yaml",
    ]);
    run.code(2);
    assert!(
        run.stderr.contains("did you mean `質問票`?"),
        "{}",
        run.stderr
    );
    project
        .run(&["import", "q.xlsx", "--layout", "default", "--id-col", "A"])
        .code(2);
    let run = project.run(&["import", "q.xlsx"]);
    run.code(2);
    assert!(run.stderr.contains("--write-catalog"), "{}", run.stderr);
}

/// A default-layout workbook typed by hand: the first row is fine; then a status no one
/// knows, an item the catalog does not have, and the same item twice.
fn broken_workbook() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("回答").unwrap();
    let rows: &[&[&str]] = &[
        &["項番", "対策項目", "対策内容", "区分", "状況", "デモ 回答"],
        &["1.1", "方針", "", "", "実施済", "定めています。"],
        &["1.10", "教育", "", "", "済", "年1回実施しています。"],
        &["9.9", "", "", "", "", "カタログにない項目への回答"],
        &["2-1", "暗号化", "", "", "", "TLS 1.2以上です。"],
        &["2-1", "暗号化", "", "", "", "二度目"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32 + 2, c as u16, *text).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn errors_write_nothing_and_name_the_cell() {
    let project = Project::demo().bytes("broken.xlsx", &broken_workbook());
    let run = project.run(&[
        "import",
        "broken.xlsx",
        "--layout",
        "default",
        "--catalog",
        "demo",
        "--project",
        ".",
    ]);
    run.code(1);
    let err = &run.stderr;
    for expected in [
        "error[CS0805]: broken.xlsx: 回答!E5: `済` is not a status (control `1.10`)",
        "error[CS0803]: broken.xlsx: 回答!F6: `9.9` is not an item of catalog demo",
        "error[CS0804]: broken.xlsx: 回答!A8: control `2-1` appears twice: at 回答!F7 and at 回答!F8",
        "import failed: nothing was written",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in\n{err}");
    }
    assert!(!project.exists("answers/imported-demo.yaml"));

    // A questionnaire: an ID with a line break; a header row that names no columns.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in [
        ["No.", "質問", "回答"],
        ["1\n2", "質問です。", "回答です。"],
    ]
    .iter()
    .enumerate()
    {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    let project = project.bytes("q.xlsx", &workbook.save_to_buffer().unwrap());
    let run = project.run(&["import", "q.xlsx", "--write-catalog", "controls/q.yaml"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0806]: q.xlsx: Sheet1!A2: the ID `1\\n2` has a line break"),
        "{}",
        run.stderr
    );
    let run = project.run(&[
        "import",
        "q.xlsx",
        "--header-row",
        "2",
        "--write-catalog",
        "controls/q.yaml",
    ]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0801]: `q.xlsx`: no table passes the checks"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("row 2 names no column (not a header row)"),
        "{}",
        run.stderr
    );
    assert!(!project.exists("controls/q.yaml"));
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let project = Project::demo();
    project.run(&["build"]).code(0);
    let args = [
        "import",
        "dist/default-demo.xlsx",
        "--layout",
        "default",
        "--project",
        ".",
        "--out",
        "answers/demo.yaml",
    ];
    let before = project.read("answers/demo.yaml");
    let run = project.run(&args);
    run.code(2);
    assert!(
        run.stderr.contains("`answers/demo.yaml` exists"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(project.read("answers/demo.yaml"), before);

    // The sheet is named after the catalog, so --catalog is not needed.
    let mut forced = args.to_vec();
    forced.push("--force");
    project.run(&forced).code(0);
    let after = project.read("answers/demo.yaml");
    assert!(after.starts_with("catalog: demo\nanswers:\n"), "{after}");
    project.run(&["check"]).code(0);
    let leftovers: Vec<_> = fs::read_dir(project.path().join("answers"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");

    // A new catalog is refused under the ID of an existing one.
    let run = project.run(&[
        "import",
        "dist/default-demo.xlsx",
        "--project",
        ".",
        "--write-catalog",
        "controls/x.yaml",
        "--catalog-id",
        "demo",
    ]);
    run.code(2);
    assert!(
        run.stderr.contains("a catalog `demo` already exists"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_that_are_not_workbooks_cannot_run() {
    let project = Project::empty()
        .file("not.xlsx", "catalog: x\n")
        .bytes("broken.xlsx", b"PK\x03\x04 not really a zip");
    let run = project.run(&["import", "not.xlsx", "--layout", "skyarch"]);
    run.code(2);
    assert!(
        run.stderr.contains("not an xlsx workbook"),
        "{}",
        run.stderr
    );
    let run = project.run(&["import", "broken.xlsx", "--layout", "skyarch"]);
    run.code(2);
    assert!(
        run.stderr.contains("cannot read `broken.xlsx`"),
        "{}",
        run.stderr
    );
    project
        .run(&["import", "missing.xlsx", "--layout", "skyarch"])
        .code(2);
    let run = project.run(&["import", "not.xlsx", "--layout", "skyarh"]);
    run.code(2);

    // A sheet whose one cell sits at the last row and column is refused before it is read.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "番号").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let project = project.bytes("huge.xlsx", &workbook.save_to_buffer().unwrap());
    let run = project.run(&["import", "huge.xlsx", "--layout", "skyarch"]);
    run.code(2);
    assert!(run.stderr.contains("over the limit"), "{}", run.stderr);
}

/// Imports a fixture without any flag into a new catalog; the run and the project.
fn detect(workbook: &str, extra: &[&str]) -> (Project, crate::harness::Run) {
    detect_bytes(&fixture(workbook), extra)
}

/// [`detect`] for a workbook made by the test.
fn detect_bytes(workbook: &[u8], extra: &[&str]) -> (Project, crate::harness::Run) {
    let project = Project::empty()
        .file("checksheet.yaml", NEW_PROJECT)
        .bytes("inbox/q.xlsx", workbook);
    let mut args = vec![
        "import",
        "inbox/q.xlsx",
        "--project",
        ".",
        "--write-catalog",
        "controls/q.yaml",
        "--out",
        "answers/q.yaml",
    ];
    args.extend_from_slice(extra);
    let run = project.run(&args);
    (project, run)
}

/// A Japanese customer sheet (`No. | 分類 | 確認項目 | 回答 | 補足説明 | 証跡・参考資料`) beside
/// a cover, an instructions and an analyst's sheet: the response sheet is chosen without a
/// flag; 回答 (a dropdown of はい / いいえ / 一部 / 該当なし) is the status through the label
/// map, 補足説明 the answer; the catalog records where every question lives.
#[test]
fn a_japanese_customer_sheet_is_found_by_meaning() {
    let (project, run) = detect("jp-checksheet.xlsx", &[]);
    run.code(0);
    let err = &run.stderr;
    for expected in [
        "sheet `質問票`, header row 5: ID = A (No.), category = B (分類), question = C (確認項目), choice = D (回答), answer = E (補足説明), evidence = F (証跡・参考資料) — 3 item(s)",
        "sheet `評価結果`: no questionnaire table",
        "sheet `記入要領`: no questionnaire table",
        // The repeated header row and the copyright footer are not headings.
        "質問票!A16: `Copyright © 2026 Sample Inc. All rights …` was not imported (a notice, not a heading)",
        "wrote controls/q.yaml — catalog q (6 controls, 6 groups)",
        "wrote answers/q.yaml — 5 answer(s) to catalog q",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in\n{err}");
    }
    let catalog = project.read("controls/q.yaml");
    for expected in [
        // The title cell, not the version cell above it.
        "  title: サンプル社 委託先セキュリティチェックシート\n",
        "questionnaire:\n  workbook: q.xlsx\n  labels:\n    はい: implemented\n    いいえ: not-implemented\n    一部: partial\n    該当なし: not-applicable\n",
        "      header_row: 5\n      columns: {id: A, category: B, question: C, choice: D, answer: E, evidence: F}\n      questions: 3\n",
        // A section merged across the table and one written in the ID column are groups.
        "  - id: \"1\"\n    title: 組織的対策\n",
        "  - id: \"2\"\n    title: 技術的対策\n",
        "        title: 組織・体制\n        controls:\n          - id: \"1\"\n            text: 情報セキュリティ基本方針を定めていますか。\n            cells: {sheet: 質問票, row: 7, question: C, choice: D, answer: E, evidence: F}\n",
    ] {
        assert!(
            catalog.contains(expected),
            "missing `{expected}` in\n{catalog}"
        );
    }
    assert!(
        !catalog.contains("lang:"),
        "Japanese is the default\n{catalog}"
    );
    assert!(
        !catalog.contains("No."),
        "no group from a repeated header\n{catalog}"
    );
    assert!(!catalog.contains("Ver.2.1"), "{catalog}");
    let answers = project.read("answers/q.yaml");
    for expected in [
        // A comment of spaces only is no answer.
        "  \"3\":\n    status: partial\n  \"4\":",
        // The evidence cell's lines are the answer's evidence.
        "  \"1\":\n    status: implemented\n    answer: 取締役会で承認し、社内に周知しています。\n    evidence:\n      - 情報セキュリティ基本方針 v3\n",
        "  \"6\":\n    status: not-applicable\n    answer: クラウドサービスのみを利用しています。\n    evidence:\n      - 構成図\n      - 委託先一覧\n",
    ] {
        assert!(
            answers.contains(expected),
            "missing `{expected}` in\n{answers}"
        );
    }
    assert!(!answers.contains("note:"), "{answers}");
    // The catalog and answers check together.
    let project = project.file(
        "checksheet.yaml",
        "organization:\n  name: サンプル株式会社\nas_of: 2026-11-01\ncatalogs: [controls]\noutputs:\n  - layout: default\n    catalog: q\n",
    );
    project.run(&["check"]).code(0);
    project.run(&["build"]).code(0);
}

/// An English questionnaire (Question ID / Domain / Question / Answer / Comments /
/// Evidence) with an instructions and an analyst scoring sheet: the catalog is English,
/// its domains are groups, Yes / No / N/A / Partial are statuses.
#[test]
fn an_english_questionnaire_is_found_by_meaning() {
    let (project, run) = detect("en-questionnaire.xlsx", &[]);
    run.code(0);
    assert!(
        run.stderr.contains("sheet `Questionnaire`, header row 4: ID = A (Question ID), category = B (Domain), question = C (Question), choice = D (Answer), answer = E (Comments), evidence = F (Evidence) — 5 item(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("sheet `Analyst Scoring`: no questionnaire table"),
        "{}",
        run.stderr
    );
    let catalog = project.read("controls/q.yaml");
    for expected in [
        "  title: ACME Vendor Security Questionnaire\n  lang: en\n",
        "    \"Yes\": implemented\n    \"No\": not-implemented\n    N/A: not-applicable\n    Partial: partial\n",
        "    title: Access Control\n",
    ] {
        assert!(
            catalog.contains(expected),
            "missing `{expected}` in\n{catalog}"
        );
    }
    assert_eq!(
        project.read("answers/q.yaml"),
        "catalog: q\nanswers:\n  \"GOV-01\":\n    status: implemented\n    answer: Approved by the board in 2025.\n    evidence:\n      - ISMS policy\n  \"GOV-02\":\n    status: partial\n  \"IAM-01\":\n    status: not-implemented\n    answer: Planned for Q3.\n  \"DSP-01\":\n    status: not-applicable\n    answer: We store no customer data.\n"
    );

    // The default layout follows the catalog's language, and its workbook reads back.
    let project = project.file(
        "checksheet.yaml",
        "organization:\n  name: ACME Inc.\nas_of: 2026-11-01\ncatalogs: [controls]\noutputs:\n  - layout: default\n    catalog: q\n",
    );
    project.run(&["check"]).code(0);
    project.run(&["build"]).code(0);
    let grid = xlsx_grid(&project.read_bytes("dist/default-q.xlsx"));
    for expected in [
        "No.",
        "Question",
        "Status",
        "ACME Inc. Answer",
        "Evidence",
        "Implemented",
        "Not applicable",
    ] {
        assert!(grid.contains(expected), "missing `{expected}` in\n{grid}");
    }
    let markdown = project.read("dist/default-q.md");
    assert!(markdown.contains("as of 2026-11-01"), "{markdown}");
    let run = project.run(&[
        "import",
        "dist/default-q.xlsx",
        "--layout",
        "default",
        "--project",
        ".",
        "--out",
        "back.yaml",
    ]);
    run.code(0);
    assert_eq!(
        answers(&project, "back.yaml"),
        answers(&project, "answers/q.yaml")
    );
}

/// The same questions on two sheets: no table is clearly the one, so import refuses and
/// lists the candidates with the options that pick each; with them, the chosen sheet is
/// read, and a formula saved without its value is an error naming its cell.
#[test]
fn no_clear_table_is_refused_with_the_candidates() {
    let (project, run) = detect("two-copies.xlsx", &[]);
    run.code(1);
    let err = &run.stderr;
    for expected in [
        "error[CS0813]: `q.xlsx`: sheet `回答シート`, header row 1 and sheet `回答シート (2)`, header row 1 hold the same questions",
        "1. sheet `回答シート`, header row 1: ID = A (No.), question = B (確認項目), answer = C (回答), note = D (補足) — 6 item(s)",
        "--sheet 回答シート --header-row 1 --id-col A --question-col B --answer-col C --note-col D",
        "--sheet '回答シート (2)' --header-row 1",
        "import failed: nothing was written",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in\n{err}");
    }
    assert!(!project.exists("controls/q.yaml"));

    let (project, run) = detect("two-copies.xlsx", &["--sheet", "回答シート"]);
    run.code(1);
    assert!(
        run.stderr.contains(
            "error[CS0814]: q.xlsx: 回答シート!C2: the cell holds a formula saved without its value"
        ),
        "{}",
        run.stderr
    );
    assert!(!project.exists("controls/q.yaml"));
    let (_, run) = detect("two-copies.xlsx", &["--sheet", "回答シート (2)"]);
    run.code(0);
}

/// `--header-row` on an empty row, or on a row that names no column, is refused.
#[test]
fn a_header_row_that_is_not_one_is_refused() {
    for (row, why) in [
        ("4", "row 4 is empty"),
        ("7", "row 7 names no column (not a header row)"),
    ] {
        let (project, run) = detect(
            "jp-checksheet.xlsx",
            &["--sheet", "質問票", "--header-row", row],
        );
        run.code(1);
        assert!(run.stderr.contains(why), "{}", run.stderr);
        assert!(!project.exists("controls/q.yaml"));
    }
    let (_, run) = detect(
        "jp-checksheet.xlsx",
        &["--sheet", "質問票", "--header-row", "5"],
    );
    run.code(0);
}

/// A choice no label set knows is an error naming the cell and the labels known.
#[test]
fn an_unknown_choice_label_names_the_cell() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in [
        ["No.", "確認項目", "はい・いいえ", "補足説明"],
        [
            "1",
            "情報セキュリティ方針を定めていますか。",
            "はい",
            "定めています。",
        ],
        ["2", "委託先を年1回評価していますか。", "たぶん", ""],
        [
            "3",
            "暗号化の方式を記述してください。",
            "保存時はAES-256、通信はTLS 1.2以上で暗号化しています。",
            "",
        ],
    ]
    .iter()
    .enumerate()
    {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    let project = Project::empty().bytes("q.xlsx", &workbook.save_to_buffer().unwrap());
    let run = project.run(&["import", "q.xlsx", "--write-catalog", "controls/q.yaml"]);
    run.code(1);
    assert!(
        run.stderr.contains(
            "error[CS0805]: q.xlsx: Sheet1!C3: `たぶん` is not a known answer label (item `2`)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("known labels: はい, いいえ"),
        "{}",
        run.stderr
    );
}

#[test]
fn evidence_comes_back_from_the_default_layouts_evidence_column() {
    let answers = Project::demo()
        .read("answers/demo.yaml")
        .replace(
            "    links: [https://example.com/policy]\n",
            "    links: [https://example.com/policy]\n    evidence:\n      - 情報セキュリティ基本方針 第3版\n      - https://example.com/evidence/policy.pdf\n",
        );
    let project = Project::demo().file("answers/demo.yaml", &answers);
    project.run(&["build"]).code(0);
    let run = project.run(&[
        "import",
        "dist/default-demo.xlsx",
        "--layout",
        "default",
        "--catalog",
        "demo",
        "--project",
        ".",
        "--split-links",
        "--out",
        "-",
    ]);
    run.code(0);
    assert!(
        run.stdout.contains(
            "    links:\n      - https://example.com/policy\n    evidence:\n      - 情報セキュリティ基本方針 第3版\n      - https://example.com/evidence/policy.pdf\n"
        ),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// A list of controls without a place to answer (CCM's `Control Domain | Control Title |
/// Control ID | Control Specification`) becomes a catalog without answers or cells, its
/// titles from the title column and its questions from the specification, not the other
/// way round.
#[test]
fn a_list_of_controls_without_answers_becomes_a_catalog() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("CCM").unwrap();
    sheet.write_string(0, 0, "CLOUD CONTROLS MATRIX").unwrap();
    let rows: &[&[&str]] = &[
        &[
            "Control Domain",
            "Control Title",
            "Control ID",
            "Control Specification",
        ],
        &[
            "Audit & Assurance",
            "Audit and Assurance Policy and Procedures",
            "A&A-01",
            "Establish, document, approve, communicate, apply, evaluate and maintain audit and assurance policies.",
        ],
        &[
            "Audit & Assurance",
            "Independent Assessments",
            "A&A-02",
            "Conduct independent audit and assurance assessments according to relevant standards at least annually.",
        ],
        &[
            "Application & Interface Security",
            "Application Security Baseline Requirements",
            "AIS-01",
            "Establish, document and maintain baseline requirements for securing different applications.",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 2, c as u16, *text).unwrap();
        }
    }
    let project = Project::empty().bytes("ccm.xlsx", &workbook.save_to_buffer().unwrap());
    let run = project.run(&["import", "ccm.xlsx", "--write-catalog", "controls/ccm.yaml"]);
    run.code(0);
    let catalog = project.read("controls/ccm.yaml");
    assert!(
        catalog.contains("      - id: \"A&A-01\"\n        title: Audit and Assurance Policy and Procedures\n        text: Establish, document, approve, communicate, apply, evaluate and maintain audit and assurance policies.\n"),
        "{catalog}"
    );
    assert!(
        catalog.contains("    title: Audit & Assurance\n"),
        "{catalog}"
    );
    assert!(!catalog.contains("cells:"), "{catalog}");
}

/// The same questionnaire in Japanese and in English on two sheets (the same IDs in the
/// same order): neither is clearly the one, so import refuses.
#[test]
fn a_questionnaire_and_its_translation_are_refused() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, header, questions) in [
        (
            "日本語",
            ["No.", "確認項目", "回答"],
            [
                "情報セキュリティ方針を定めていますか。",
                "責任者を任命していますか。",
                "教育を実施していますか。",
            ],
        ),
        (
            "English",
            ["No.", "Question", "Answer"],
            [
                "Do you have a security policy?",
                "Have you appointed a CISO?",
                "Do you train employees?",
            ],
        ),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (c, text) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *text).unwrap();
        }
        for (r, question) in questions.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, 0, format!("Q{}", r + 1))
                .unwrap();
            sheet.write_string(r as u32 + 1, 1, *question).unwrap();
        }
    }
    let project = Project::empty().bytes("q.xlsx", &workbook.save_to_buffer().unwrap());
    let run = project.run(&["import", "q.xlsx", "--write-catalog", "controls/q.yaml"]);
    run.code(1);
    assert!(run.stderr.contains("error[CS0813]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--sheet English --header-row 1"),
        "{}",
        run.stderr
    );
    assert!(!project.exists("controls/q.yaml"));
    let run = project.run(&[
        "import",
        "q.xlsx",
        "--sheet",
        "English",
        "--write-catalog",
        "controls/q.yaml",
    ]);
    run.code(0);
    assert!(project.read("controls/q.yaml").contains("  lang: en\n"));
}

/// Sections under repeated header rows, in HECVAT's shape: every section is imported with
/// the same columns, the last one too although its Answer cells have no dropdown; a table
/// of other columns on the same sheet is not imported, and says so with the options that
/// import it.
#[test]
fn repeated_header_rows_give_every_section_the_same_columns() {
    let (project, run) = detect("sections.xlsx", &[]);
    run.code(0);
    let err = &run.stderr;
    for section in [
        "header row 4: ID = A (Documentation), question = B, choice = C (Answer), answer = D (Additional Information) — 2 item(s)",
        "header row 8: ID = A (Change Management), question = B, choice = C (Answer), answer = D (Additional Information) — 3 item(s)",
        "header row 13: ID = A (Data), question = B, choice = C (Answer), answer = D (Additional Information) — 2 item(s)",
        "header row 17: ID = A (On-Premises Solutions), question = B, choice = C (Answer), answer = D (Additional Information) — 2 item(s)",
        "warning[CS0815]: q.xlsx: Organization!A22: sheet `Organization`, header row 22: a table of 3 question(s) was not imported",
        "to import it on its own: --sheet Organization --header-row 22 --id-col A --question-col B --evidence-col D",
    ] {
        assert!(err.contains(section), "missing `{section}` in\n{err}");
    }
    let catalog = project.read("controls/q.yaml");
    for id in ["DOCU-01", "CHNG-03", "DATA-02", "OPEM-01", "OPEM-02"] {
        assert!(
            catalog.contains(&format!("id: \"{id}\"")),
            "{id} in\n{catalog}"
        );
    }
    assert!(
        catalog
            .contains("cells: {sheet: Organization, row: 19, question: B, choice: C, answer: D}"),
        "{catalog}"
    );
    assert!(!catalog.contains("\"S1\""), "{catalog}");
    // An answered row whose cells are header words (`No`, `Answer: …`) stays an item.
    let answers = project.read("answers/q.yaml");
    assert!(
        answers.contains("\"CHNG-01\":\n    status: not-implemented\n    answer: \"Answer: see the change policy.\""),
        "{answers}"
    );
}

/// An answer cell holding a failed formula's error value (`#REF!`) is imported as that text
/// with a warning naming the cell, not passed off as the vendor's answer.
#[test]
fn an_error_value_in_an_answer_cell_is_named() {
    let (project, run) = detect("error-cell.xlsx", &[]);
    run.code(0);
    assert!(
        run.stderr.contains("warning[CS0808]")
            && run.stderr.contains("質問票!C3")
            && run.stderr.contains("the error value `#REF!`"),
        "{}",
        run.stderr
    );
    assert!(project.read("answers/q.yaml").contains("#REF!"));
}

/// Columns named the wrong way round (the questions as IDs, the categories as questions)
/// are refused, saying why.
#[test]
fn swapped_id_and_question_columns_are_refused_saying_why() {
    let (project, run) = detect(
        "jp-checksheet.xlsx",
        &[
            "--sheet",
            "質問票",
            "--header-row",
            "5",
            "--id-col",
            "C",
            "--question-col",
            "B",
        ],
    );
    run.code(1);
    assert!(
        run.stderr
            .contains("its questions are shorter than its IDs"),
        "{}",
        run.stderr
    );
    assert!(!project.exists("controls/q.yaml"));
}

/// A questionnaire split over sheets with the same header: a sheet of a single question
/// scores lower than the others as a table, but under the very same header it is read as
/// one of them, and its question is not dropped.
#[test]
fn a_short_sheet_with_the_same_header_as_the_others_is_read_with_them() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let questions: [&[&str]; 2] = [
        &[
            "情報セキュリティ基本方針を定め、従業員に周知していますか。",
            "情報セキュリティの責任者を任命していますか。",
            "従業員に年1回以上のセキュリティ教育を実施していますか。",
            "退職者のアカウントを速やかに削除していますか。",
            "管理者アカウントに多要素認証を用いていますか。",
            "バックアップを定期的に取得し、復元を試験していますか。",
        ],
        &["委託先と秘密保持契約を締結していますか。"],
    ];
    for (s, list) in questions.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("第{}部", s + 1)).unwrap();
        for (c, header) in ["No.", "確認項目", "回答", "補足説明"].iter().enumerate() {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
        for (r, q) in list.iter().enumerate() {
            let row = r as u32 + 1;
            sheet
                .write_string(row, 0, format!("{}-{}", s + 1, r + 1))
                .unwrap();
            sheet.write_string(row, 1, *q).unwrap();
        }
    }
    let (project, run) = detect_bytes(&workbook.save_to_buffer().unwrap(), &[]);
    run.code(0);
    let catalog = project.read("controls/q.yaml");
    assert!(
        catalog.contains("id: \"2-1\""),
        "{catalog}\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(catalog.contains("id: \"1-6\""), "{catalog}");
}
