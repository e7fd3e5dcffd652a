//! `fill`: the customer's workbooks in `fixtures/fill/` (made by openpyxl, see
//! `make_fixtures.py`) answered from `fixtures/fill/project`: the right cells written,
//! every other part of the package byte-identical, moves found, nothing written on errors.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::harness::Project;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fill");

/// The fill project with the customer's workbook `name` beside it as `customer.xlsx`.
fn project(name: &str) -> Project {
    let bytes = std::fs::read(format!("{FIXTURES}/{name}")).unwrap();
    Project::fixture("fill", "project").bytes("customer.xlsx", &bytes)
}

/// Every part of a package, decompressed, in the package's order.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (String::from_utf8_lossy(file.name_raw()).into_owned(), data)
        })
        .collect()
}

/// The text of a cell (1-based row, column letter) read with calamine.
fn cell(bytes: &[u8], sheet: &str, at: &str) -> String {
    use calamine::{Reader, Xlsx};
    let split = at.find(|c: char| c.is_ascii_digit()).unwrap();
    let col = at[..split]
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = at[split..].parse::<u32>().unwrap() - 1;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .get_value((row, col))
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[test]
fn fills_the_answer_cells_and_changes_no_other_part() {
    let p = project("customer.xlsx");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(0);
    assert!(
        run.stderr.contains("wrote dist/customer.xlsx")
            || run.stderr.contains("dist/customer.xlsx"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("5 questions: 2 filled, 2 derived, 1 empty, 0 conflicts, 0 not found; 4 vendor field(s) filled"),
        "{}",
        run.stderr
    );
    let out = p.read_bytes("dist/customer.xlsx");
    let before = parts(&p.read_bytes("customer.xlsx"));
    let after = parts(&out);
    let names =
        |parts: &[(String, Vec<u8>)]| parts.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&before),
        names(&after),
        "the same parts in the same order"
    );
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    // The cover sheet (vendor fields) and the response sheet; the workbook already asks
    // for a full calculation on load (openpyxl writes fullCalcOnLoad), so it is kept.
    assert_eq!(
        changed,
        ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml"]
    );

    assert_eq!(cell(&out, "質問票", "D6"), "はい");
    assert_eq!(
        cell(&out, "質問票", "E6"),
        "情報セキュリティ基本方針を取締役会で承認し、当社Webサイトで公開しています。"
    );
    assert_eq!(
        cell(&out, "質問票", "F6"),
        "情報セキュリティ基本方針\nhttps://example.com/security/policy"
    );
    assert_eq!(cell(&out, "質問票", "D7"), "はい");
    assert_eq!(
        cell(&out, "質問票", "F7"),
        "",
        "no evidence, nothing written"
    );
    // Derived through the confirmed mapping.
    assert_eq!(cell(&out, "質問票", "D9"), "はい");
    assert_eq!(cell(&out, "質問票", "F9"), "アクセス管理規程 第4版");
    // `partial` is no choice of the dropdown: left empty and reported; the text is written.
    assert_eq!(cell(&out, "質問票", "D10"), "");
    assert!(
        run.stderr
            .contains("warning[CS0903]: 質問票!D10: status `partial` of `4` was not written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        cell(&out, "質問票", "E10"),
        "退職日当日にアカウントを無効化しています。\n委託先アカウントの棚卸しは四半期ごとです。"
    );
    assert_eq!(
        cell(&out, "質問票", "F10"),
        "https://example.com/security/offboarding"
    );
    // No answer: left as it was, and listed.
    assert_eq!(cell(&out, "質問票", "D11"), "");
    assert!(
        run.stdout
            .contains("5          質問票!C11  empty (no answer)"),
        "{}",
        run.stdout
    );
    // The cover's vendor fields.
    assert_eq!(cell(&out, "表紙", "C4"), "サンプル株式会社");
    assert_eq!(cell(&out, "表紙", "C5"), "サンプルクラウド");
    assert_eq!(cell(&out, "表紙", "C6"), "2026-11-01");
    assert_eq!(cell(&out, "表紙", "C7"), "情報セキュリティ室 山田太郎");
    // The scoring formulas and the summary are still there.
    let sheet3 = String::from_utf8(
        after
            .iter()
            .find(|(n, _)| n == "xl/worksheets/sheet3.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        sheet3.contains(r#"<c r="G6"><f>IF(D6="はい",1,0)</f><v /></c>"#),
        "{sheet3}"
    );
    assert!(sheet3.contains(r#"<dataValidation"#) && sheet3.contains("<mergeCell ref=\"E11:F11\""));
}

#[test]
fn in_an_edited_sheet_only_the_answer_cells_change() {
    let p = project("customer.xlsx");
    p.run(&["fill", "customer.xlsx", "--catalog", "customer"])
        .code(0);
    let before = parts(&p.read_bytes("customer.xlsx"));
    let after = parts(&p.read_bytes("dist/customer.xlsx"));
    let sheet = |parts: &[(String, Vec<u8>)]| {
        String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == "xl/worksheets/sheet3.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap()
    };
    // Cut each sheet into its cell elements; every cell but the written ones is the same.
    let cells = |xml: &str| -> BTreeMap<String, String> {
        xml.split("<c r=\"")
            .skip(1)
            .map(|rest| {
                let r = rest[..rest.find('"').unwrap()].to_owned();
                let end = rest.find("</c>").map_or(rest.len(), |e| e + 4);
                let end = rest
                    .find("/>")
                    .filter(|&e| e < rest.find('>').unwrap() + 1)
                    .map_or(end, |e| e + 2);
                (r, rest[..end].to_owned())
            })
            .collect()
    };
    let (a, b) = (cells(&sheet(&before)), cells(&sheet(&after)));
    let differ: Vec<&String> = a.keys().filter(|k| a.get(*k) != b.get(*k)).collect();
    assert_eq!(
        differ,
        ["D6", "D7", "D9", "E10", "E6", "E7", "E9", "F10", "F6", "F9"]
    );
    assert_eq!(a.len(), b.len(), "no cell added or removed");
    // Outside the cells, the sheet is the same text.
    let outside = |xml: &str| {
        xml.split("<sheetData>").next().unwrap().to_owned()
            + xml.split("</sheetData>").nth(1).unwrap()
    };
    assert_eq!(outside(&sheet(&before)), outside(&sheet(&after)));
}

#[test]
fn two_fills_are_byte_identical() {
    let p = project("customer.xlsx");
    p.run(&[
        "fill",
        "customer.xlsx",
        "--catalog",
        "customer",
        "--out",
        "a.xlsx",
    ])
    .code(0);
    p.run(&[
        "fill",
        "customer.xlsx",
        "--catalog",
        "customer",
        "--out",
        "b.xlsx",
    ])
    .code(0);
    assert_eq!(p.read_bytes("a.xlsx"), p.read_bytes("b.xlsx"));
}

#[test]
fn questions_the_customer_moved_are_found_again_and_reported() {
    let p = project("customer-moved.xlsx");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(0);
    assert!(
        run.stderr.contains("warning[CS0902]: 質問票!C8: question `1` has moved from row 6 to row 8; it is filled there"),
        "{}",
        run.stderr
    );
    let out = p.read_bytes("dist/customer.xlsx");
    assert_eq!(cell(&out, "質問票", "D8"), "はい");
    assert_eq!(cell(&out, "質問票", "E9"), "CISOを任命しています。");
    assert_eq!(
        cell(&out, "質問票", "D6"),
        "回答",
        "the recorded row (now the header) is not written"
    );
}

#[test]
fn a_question_that_is_not_there_is_an_error_and_nothing_is_written() {
    let p = project("customer-changed.xlsx");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0901]: 質問票!C7: question `2` is not in the workbook"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!p.exists("dist/customer.xlsx"));
}

#[test]
fn locked_cells_of_a_protected_sheet_are_reported_not_forced() {
    let p = project("customer-protected.xlsx");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(0);
    assert!(
        run.stderr.contains("warning[CS0904]: 質問票!F6: the answer cell is locked on a protected sheet; it was not written"),
        "{}",
        run.stderr
    );
    let out = p.read_bytes("dist/customer.xlsx");
    assert_eq!(cell(&out, "質問票", "F6"), "");
    assert_eq!(
        cell(&out, "質問票", "D6"),
        "はい",
        "unlocked cells are written"
    );
}

#[test]
fn check_writes_nothing_and_fails_when_a_question_is_left_empty() {
    let p = project("customer.xlsx");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer", "--check"]);
    run.code(1);
    assert!(!p.exists("dist/customer.xlsx"));
    // With every question answered, --check passes.
    let p = p.file(
        "answers/more.yaml",
        "catalog: customer\nanswers:\n  \"5\":\n    status: not-applicable\n    answer: 回答を控えます。\n",
    );
    p.run(&["fill", "customer.xlsx", "--catalog", "customer", "--check"])
        .code(0);
    assert!(!p.exists("dist/customer.xlsx"));
}

#[test]
fn never_overwrites_the_input_or_an_existing_file_without_force() {
    let p = project("customer.xlsx");
    let input = p.read_bytes("customer.xlsx");
    let run = p.run(&[
        "fill",
        "customer.xlsx",
        "--catalog",
        "customer",
        "--out",
        "./customer.xlsx",
        "--force",
    ]);
    run.code(2);
    assert!(
        run.stderr.contains("fill never overwrites its input"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read_bytes("customer.xlsx"), input);
    let p = p.file("dist/customer.xlsx", "keep");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(2);
    assert!(
        run.stderr.contains("exists: nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("dist/customer.xlsx"), "keep");
    p.run(&["fill", "customer.xlsx", "--catalog", "customer", "--force"])
        .code(0);
    assert_ne!(p.read_bytes("dist/customer.xlsx"), b"keep");
    let leftovers: Vec<_> = std::fs::read_dir(p.path().join("dist"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".checksheet"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}

#[test]
fn json_report_lists_every_question_with_its_outcome() {
    let p = project("customer.xlsx");
    let run = p.run(&[
        "fill",
        "customer.xlsx",
        "--catalog",
        "customer",
        "--format",
        "json",
        "--out",
        "out.xlsx",
    ]);
    run.code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let outcomes: Vec<(String, String)> = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["control"].as_str().unwrap().to_owned(),
                q["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("1", "filled"),
        ("2", "filled"),
        ("3", "derived"),
        ("4", "derived"),
        ("5", "empty"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(outcomes, expected);
    assert_eq!(json["questions"][2]["catalog"], "mic-cloud-v3");
    assert_eq!(json["questions"][2]["controls"][0], "II.4.4.5");
    assert_eq!(json["written"], "out.xlsx");
    assert_eq!(json["vendor_fields"].as_array().unwrap().len(), 4);
}

#[test]
fn a_catalog_without_cells_or_a_workbook_that_is_no_xlsx_cannot_be_filled() {
    let p = project("customer.xlsx");
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "mic-cloud-v3"]);
    run.code(2);
    assert!(
        run.stderr.contains("records no cells of a workbook"),
        "{}",
        run.stderr
    );
    let p = p.bytes(
        "locked.xlsx",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    let run = p.run(&["fill", "locked.xlsx", "--catalog", "customer"]);
    run.code(2);
    assert!(run.stderr.contains("password-protected"), "{}", run.stderr);
}

#[test]
fn importing_the_filled_workbook_gives_back_what_was_filled() {
    for fixture in [
        "customer.xlsx",
        "customer-libreoffice.xlsx",
        "customer-moved.xlsx",
    ] {
        let p = project(fixture);
        p.run(&[
            "fill",
            "customer.xlsx",
            "--catalog",
            "customer",
            "--out",
            "filled.xlsx",
        ])
        .code(0);
        let run = p.run(&[
            "import",
            "filled.xlsx",
            "--catalog",
            "customer",
            "--project",
            ".",
            "--out",
            "-",
        ]);
        run.code(0);
        assert_eq!(
            run.stdout,
            r#"catalog: customer
answers:
  "1":
    status: implemented
    answer: 情報セキュリティ基本方針を取締役会で承認し、当社Webサイトで公開しています。
    evidence:
      - 情報セキュリティ基本方針
      - https://example.com/security/policy
  "2":
    status: implemented
    answer: CISOを任命しています。
  "3":
    status: implemented
    answer: 管理者アカウントには多要素認証を必須としています。
    evidence:
      - アクセス管理規程 第4版
  "4":
    answer: |-
      退職日当日にアカウントを無効化しています。
      委託先アカウントの棚卸しは四半期ごとです。
    evidence:
      - https://example.com/security/offboarding
"#,
            "{fixture}"
        );
    }
}

#[test]
fn a_libreoffice_workbook_keeps_its_shared_strings_and_asks_for_recalculation() {
    let p = project("customer-libreoffice.xlsx");
    p.run(&["fill", "customer.xlsx", "--catalog", "customer"])
        .code(0);
    let before = parts(&p.read_bytes("customer.xlsx"));
    let after = parts(&p.read_bytes("dist/customer.xlsx"));
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet3.xml"
        ],
        "the shared strings are kept: new texts are inline strings"
    );
    let workbook =
        String::from_utf8(after[changed_index(&after, "xl/workbook.xml")].1.clone()).unwrap();
    assert!(
        workbook.contains(r#"iterateDelta="0.0001" fullCalcOnLoad="1"/>"#),
        "{workbook}"
    );
    let out = p.read_bytes("dist/customer.xlsx");
    assert_eq!(cell(&out, "質問票", "D6"), "はい");
    assert_eq!(cell(&out, "表紙", "C4"), "サンプル株式会社");
}

fn changed_index(parts: &[(String, Vec<u8>)], name: &str) -> usize {
    parts.iter().position(|(n, _)| n == name).unwrap()
}

#[test]
fn an_xlsm_with_excel_dropdowns_and_shared_formulas_keeps_them_and_its_macros() {
    let bytes = std::fs::read(format!("{FIXTURES}/customer-macro.xlsm")).unwrap();
    let p = Project::fixture("fill", "project").bytes("customer.xlsm", &bytes);
    let run = p.run(&["fill", "customer.xlsm", "--catalog", "customer"]);
    run.code(0);
    let out = p.read_bytes("dist/customer.xlsm");
    let before = parts(&bytes);
    let after = parts(&out);
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet3.xml",
            "xl/workbook.xml"
        ]
    );
    assert_eq!(before.len(), after.len());
    let workbook =
        String::from_utf8(after[changed_index(&after, "xl/workbook.xml")].1.clone()).unwrap();
    assert!(
        workbook.contains(r#"<calcPr calcId="124519" fullCalcOnLoad="1"/>"#),
        "{workbook}"
    );
    let sheet = String::from_utf8(
        after[changed_index(&after, "xl/worksheets/sheet3.xml")]
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        sheet.contains("<xm:f>選択肢!$A$1:$A$3</xm:f>"),
        "the x14 dropdown is kept"
    );
    assert!(
        sheet.contains(r#"<f t="shared" ref="G9:G11" si="0">"#)
            && sheet.contains(r#"<f t="shared" si="0" />"#)
    );
    // The dropdown's list is on another sheet: its values are read from there.
    assert_eq!(cell(&out, "質問票", "D6"), "はい");
    assert_eq!(cell(&out, "質問票", "D9"), "はい");
    assert!(
        run.stderr
            .contains("the cell's dropdown offers `はい`, `いいえ`, `該当なし`"),
        "{}",
        run.stderr
    );
}

#[test]
fn mapped_answers_that_differ_are_a_conflict_and_nothing_is_written() {
    let p = project("customer.xlsx")
        .file(
            "controls/mappings/customer--mic-cloud-v3.yaml",
            "mapping:\n  from: customer\n  to: mic-cloud-v3\npairs:\n  - {from: \"3\", to: [\"II.4.4.5\", \"II.5.3.1\"]}\n  - {from: \"4\", to: [\"II.5.3.1\"]}\n",
        );
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0411]: control `3` of catalog customer maps to answers that differ"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("3          質問票!C9  conflict (mapped answers differ)"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("1 conflicts"), "{}", run.stderr);
    assert!(
        run.stderr.contains("fill failed: nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!p.exists("dist/customer.xlsx"));
}
