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

/// The names of the parts whose bytes differ, after checking that both packages hold the
/// same parts in the same order.
fn changed_parts<'a>(before: &'a [(String, Vec<u8>)], after: &[(String, Vec<u8>)]) -> Vec<&'a str> {
    let names =
        |parts: &[(String, Vec<u8>)]| parts.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(before),
        names(after),
        "the same parts in the same order"
    );
    before
        .iter()
        .zip(after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
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
    let changed = changed_parts(&before, &after);
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
    // Question 5 answered: question 4's `partial` still finds no choice in the dropdown.
    let p = p.file(
        "answers/more.yaml",
        "catalog: customer\nanswers:\n  \"5\":\n    status: not-applicable\n    answer: 回答を控えます。\n",
    );
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer", "--check"]);
    run.code(1);
    assert!(
        run.stdout.contains(
            "4          質問票!C10  derived from mic-cloud-v3 II.5.3.1 (choice left empty)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 answered with the choice left empty"),
        "{}",
        run.stderr
    );
    // Every question answered with a status the dropdown offers: --check passes.
    let p = p.file(
        "answers/more.yaml",
        "catalog: customer\nanswers:\n  \"4\":\n    status: implemented\n    answer: 退職日に無効化しています。\n  \"5\":\n    status: not-applicable\n    answer: 回答を控えます。\n",
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
    let changed = changed_parts(&before, &after);
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
    let changed = changed_parts(&before, &after);
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

/// The fixture workbook with one part's text changed.
fn with_part(name: &str, part: &str, change: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Write;
    let bytes = std::fs::read(format!("{FIXTURES}/{name}")).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (entry, data) in parts(&bytes) {
        let data = if entry == part {
            change(String::from_utf8(data).unwrap()).into_bytes()
        } else {
            data
        };
        out.start_file(entry.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn fill_variant(bytes: &[u8], args: &[&str]) -> (Project, crate::harness::Run) {
    let p = Project::fixture("fill", "project").bytes("customer.xlsx", bytes);
    let mut all = vec!["fill", "customer.xlsx", "--catalog", "customer"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    (p, run)
}

fn sheet3(p: &Project) -> String {
    let after = parts(&p.read_bytes("dist/customer.xlsx"));
    String::from_utf8(
        after[changed_index(&after, "xl/worksheets/sheet3.xml")]
            .1
            .clone(),
    )
    .unwrap()
}

#[test]
fn a_sheet_written_with_a_namespace_prefix_gets_prefixed_cells() {
    // As .NET writers do: every element of the sheet as `x:…`.
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        let mut out = String::new();
        let mut chars = xml.chars().peekable();
        while let Some(c) = chars.next() {
            out.push(c);
            if c == '<' {
                if chars.peek() == Some(&'/') {
                    out.push(chars.next().unwrap());
                }
                if chars.peek().is_some_and(char::is_ascii_alphabetic) {
                    out.push_str("x:");
                }
            }
        }
        out.replacen("xmlns=", "xmlns:x=", 1)
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    let xml = sheet3(&p);
    assert!(xml.contains(r#"<x:c r="D6" s="7" t="inlineStr"><x:is><x:t xml:space="preserve">はい</x:t></x:is></x:c>"#), "{xml}");
    assert!(
        !xml.contains("<c "),
        "no cell outside the sheet's namespace"
    );
}

#[test]
fn unusual_attribute_spellings_give_well_formed_cells() {
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        xml.replace(
            r#"<c r="D6" s="7" t="n" />"#,
            "<c r=\"D6\" s = '7' t = 'n' cm=\"1\"/>",
        )
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    assert!(
        sheet3(&p).contains(r#"<c r="D6" s="7" t="inlineStr"><is>"#),
        "{}",
        sheet3(&p)
    );
}

#[test]
fn cells_whose_references_disagree_with_their_rows_are_refused() {
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        // Row 7's cells, in a row element that says it is row 12.
        xml.replace(r#"<row r="7">"#, r#"<row r="12">"#)
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(2);
    assert!(
        run.stderr.contains("the sheet's rows and cells disagree"),
        "{}",
        run.stderr
    );
    assert!(!p.exists("dist/customer.xlsx"));
}

#[test]
fn an_answer_cell_inside_an_array_formula_is_left_alone() {
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        xml.replace(
            r#"<c r="G6"><f>IF(D6="はい",1,0)</f><v /></c>"#,
            r#"<c r="G6"><f t="array" ref="E6:G6">IF(D6="はい",1,0)</f><v /></c>"#,
        )
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    assert!(
        run.stderr
            .contains("warning[CS0905]: 質問票!E6: the answer cell holds a formula"),
        "{}",
        run.stderr
    );
    assert_eq!(
        cell(&p.read_bytes("dist/customer.xlsx"), "質問票", "E6"),
        ""
    );
}

#[test]
fn a_package_holding_a_part_twice_is_refused() {
    use std::io::Write;
    let bytes = std::fs::read(format!("{FIXTURES}/customer.xlsx")).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (entry, data) in parts(&bytes) {
        out.start_file(entry.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    // The zip crate refuses to write a name twice: write a second part under another name
    // of the same length, then rename it in the archive's bytes, as a hostile tool could.
    out.start_file(
        "xl/worksheets/sheetX.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(b"<worksheet/>").unwrap();
    let mut raw = out.finish().unwrap().into_inner();
    let from = b"xl/worksheets/sheetX.xml";
    let to = b"xl/worksheets/sheet3.xml";
    let mut i = 0;
    while i + from.len() <= raw.len() {
        if &raw[i..i + from.len()] == from {
            raw[i..i + to.len()].copy_from_slice(to);
        }
        i += 1;
    }
    let (p, run) = fill_variant(&raw, &[]);
    run.code(2);
    assert!(
        run.stderr.contains("so some part is in it twice"),
        "{}",
        run.stderr
    );
    assert!(!p.exists("dist/customer.xlsx"));
}

#[test]
fn the_output_keeps_the_workbooks_kind_and_replaces_only_regular_files() {
    let bytes = std::fs::read(format!("{FIXTURES}/customer-macro.xlsm")).unwrap();
    let p = Project::fixture("fill", "project").bytes("customer.xlsm", &bytes);
    let run = p.run(&[
        "fill",
        "customer.xlsm",
        "--catalog",
        "customer",
        "--out",
        "answered.xlsx",
    ]);
    run.code(2);
    assert!(
        run.stderr.contains("give --out a name ending in `.xlsm`"),
        "{}",
        run.stderr
    );
    std::fs::create_dir_all(p.path().join("dist/customer.xlsm")).unwrap();
    let run = p.run(&["fill", "customer.xlsm", "--catalog", "customer", "--force"]);
    run.code(2);
    assert!(
        run.stderr.contains("is not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_output_folder_that_cannot_be_created_is_an_error_naming_it() {
    let p = project("customer.xlsx");
    // Its folder would be inside a file.
    let run = p.run(&[
        "fill",
        "customer.xlsx",
        "--catalog",
        "customer",
        "--out",
        "customer.xlsx/filled.xlsx",
    ]);
    run.code(2);
    assert!(
        run.stderr.contains("error: cannot create `customer.xlsx`:"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_answers_for_one_cell_are_an_error_naming_it() {
    let p = project("customer.xlsx");
    let catalog = p.read("controls/customer.yaml").replace(
        "cells: {sheet: 質問票, row: 6, question: C, choice: D, answer: E, evidence: F}",
        "cells: {sheet: 質問票, row: 6, question: C, choice: D, answer: D, evidence: F}",
    );
    let p = p.file("controls/customer.yaml", &catalog);
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(1);
    assert!(
        run.stderr.contains(
            "error[CS0908]: 質問票!D6: two answers go into this cell (of `1` and of `1`)"
        ),
        "{}",
        run.stderr
    );
    assert!(!p.exists("dist/customer.xlsx"));
}

#[test]
fn choices_that_differ_only_in_case_or_width_are_refused() {
    let p = project("customer.xlsx");
    let catalog = p.read("controls/customer.yaml").replace(
        "    はい: implemented\n",
        "    YES: implemented\n    ｙｅｓ: not-implemented\n",
    );
    let p = p.file("controls/customer.yaml", &catalog);
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("the choices `YES` and `ｙｅｓ` differ only in case or width"),
        "{}",
        run.stderr
    );
}

/// LibreOffice, when the machine has it; `CHECKSHEET_REQUIRE_LIBREOFFICE=1` (set by
/// `.ci/run`, which installs it) makes its absence a failure instead of a skip.
fn soffice() -> Option<std::path::PathBuf> {
    let found = ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CHECKSHEET_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice (soffice) is required by CHECKSHEET_REQUIRE_LIBREOFFICE but not installed"
        );
        eprintln!("note: soffice not found; the LibreOffice checks of fill are skipped");
    }
    found
}

#[test]
fn filled_workbooks_open_in_libreoffice_with_recalculated_summaries() {
    let Some(soffice) = soffice() else { return };
    // (fixture, the filled workbook's name, whether its formulas carry no cached values:
    // LibreOffice recalculates those on load; a workbook LibreOffice saved itself keeps
    // its cached values until recalculated, per LibreOffice's "Recalculation on file
    // load" setting, so its summary is not checked).
    for (fixture, name, fresh) in [
        ("customer.xlsx", "customer.xlsx", true),
        ("customer-moved.xlsx", "customer.xlsx", true),
        ("customer-protected.xlsx", "customer.xlsx", true),
        ("customer-macro.xlsm", "customer.xlsm", true),
        ("customer-libreoffice.xlsx", "customer.xlsx", false),
    ] {
        let bytes = std::fs::read(format!("{FIXTURES}/{fixture}")).unwrap();
        let p = Project::fixture("fill", "project").bytes(name, &bytes);
        p.run(&["fill", name, "--catalog", "customer"]).code(0);
        let profile = p.path().join("lo-profile");
        let stem = name.split('.').next().unwrap();
        let convert = |to: &str, out: &str| {
            let run = std::process::Command::new(&soffice)
                .arg("--headless")
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    profile.display()
                ))
                .args(["--convert-to", to, "--outdir", out])
                .arg(format!("dist/{name}"))
                .current_dir(p.path())
                // LibreOffice names and writes its files by the locale: the suite's own.
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .env("LANG", "C.UTF-8")
                .output()
                .expect("run soffice");
            assert!(
                run.status.success(),
                "{fixture}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
        };
        // Every sheet as CSV (LibreOffice 7.2 and later: the last option -1 writes each).
        convert(
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "csv",
        );
        let answers = p.read(&format!("csv/{stem}-質問票.csv"));
        assert!(
            answers.contains("1,組織・体制,情報セキュリティ基本方針を定め、経営者が承認していますか。,はい,情報セキュリティ基本方針を取締役会で承認し、当社Webサイトで公開しています。"),
            "{fixture}: {answers}"
        );
        if fresh {
            let summary = p.read(&format!("csv/{stem}-集計.csv"));
            assert_eq!(
                summary, "はい,3\nいいえ,0\n点数,3\n",
                "{fixture}: the summary and scores are recalculated"
            );
        }
        let cover = p.read(&format!("csv/{stem}-表紙.csv"));
        assert!(
            cover.contains("貴社名,サンプル株式会社")
                && cover.contains("回答者,情報セキュリティ室 山田太郎"),
            "{fixture}: {cover}"
        );
        convert("pdf", "pdf");
        let pdf = p.read_bytes(&format!("pdf/{stem}.pdf"));
        assert!(
            pdf.starts_with(b"%PDF") && pdf.len() > 10_000,
            "{fixture}: a PDF of the filled workbook"
        );
    }
}

/// customer.xlsx with its cover sheet's rows replaced by `rows` (`<row>` elements).
fn cover_with(rows: &str) -> Vec<u8> {
    with_part("customer.xlsx", "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<sheetData>").unwrap();
        let end = xml.find("</sheetData>").unwrap() + "</sheetData>".len();
        format!(
            "{}<sheetData>{rows}</sheetData>{}",
            &xml[..start],
            &xml[end..]
        )
    })
}

/// A cell holding `text` as an inline string.
fn text_cell(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn cover_labels_laid_out_across_a_row_get_the_cells_below_them() {
    let bytes = cover_with(&format!(
        "<row r=\"4\">{}{}{}{}</row><row r=\"5\"><c r=\"B5\" s=\"2\"/></row>",
        text_cell("B4", "会社名"),
        text_cell("C4", "部署名"),
        text_cell("D4", "担当者名"),
        text_cell("E4", "記入日")
    ));
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    let out = p.read_bytes("dist/customer.xlsx");
    assert_eq!(cell(&out, "表紙", "B5"), "サンプル株式会社");
    assert_eq!(
        cell(&out, "表紙", "C5"),
        "",
        "部署名 is no field checksheet knows"
    );
    assert_eq!(cell(&out, "表紙", "D5"), "情報セキュリティ室 山田太郎");
    assert_eq!(
        cell(&out, "表紙", "E5"),
        "2026-11-01",
        "the last label of the row too"
    );
    assert_eq!(cell(&out, "表紙", "F4"), "");
}

#[test]
fn the_worked_example_fills_every_question() {
    let p = Project::copy_of("examples/customer-questionnaire");
    p.run(&["fill", "acme.xlsx", "--catalog", "acme", "--check"])
        .code(0);
    let run = p.run(&["fill", "acme.xlsx", "--catalog", "acme"]);
    run.code(0);
    assert!(
        run.stderr.contains("5 questions: 2 filled, 3 derived, 0 empty, 0 conflicts, 0 not found; 4 vendor field(s) filled"),
        "{}",
        run.stderr
    );
    let out = p.read_bytes("dist/acme.xlsx");
    assert_eq!(cell(&out, "質問票", "D11"), "該当なし");
    assert_eq!(
        cell(&out, "質問票", "F6"),
        "情報セキュリティ基本方針 第3版\nhttps://example.com/security/policy"
    );
}

#[test]
fn the_worked_examples_catalog_is_what_import_writes() {
    let p = Project::copy_of("examples/customer-questionnaire");
    let committed = p.read("controls/acme.yaml");
    std::fs::remove_file(p.path().join("controls/acme.yaml")).unwrap();
    p.run(&[
        "import",
        "acme.xlsx",
        "--write-catalog",
        "controls/acme.yaml",
        "--out",
        "imported.yaml",
    ])
    .code(0);
    assert_eq!(p.read("controls/acme.yaml"), committed);
}

#[test]
fn a_question_the_customer_added_is_reported_and_fails_check() {
    // A new question after the last one, with an ID and a question.
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        let row = r#"<row r="12"><c r="A12" t="inlineStr"><is><t>6</t></is></c><c r="C12" t="inlineStr"><is><t>セキュリティ教育を実施していますか。</t></is></c></row>"#;
        xml.replace("</sheetData>", &format!("{row}</sheetData>"))
    });
    let (p, run) = fill_variant(&bytes, &["--check"]);
    run.code(1);
    assert!(
        run.stderr.contains("warning[CS0910]: 質問票!C12: `セキュリティ教育を実施していますか。` is a question the catalog does not have"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("?          質問票!C12  not in the catalog"),
        "{}",
        run.stdout
    );
    assert!(!p.exists("dist/customer.xlsx"));
}

#[test]
fn an_answer_without_a_status_leaves_the_choice_empty_with_a_warning() {
    let p = project("customer.xlsx").file(
        "answers/customer.yaml",
        "catalog: customer\nanswers:\n  \"1\": 方針を定めています。\n",
    );
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(0);
    assert!(
        run.stderr.contains(
            "warning[CS0909]: 質問票!C6: `1` has a choice cell but its answer gives no status"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        cell(&p.read_bytes("dist/customer.xlsx"), "質問票", "E6"),
        "方針を定めています。"
    );
}

#[test]
fn japanese_answers_in_an_english_questionnaire_are_named() {
    let p = project("customer.xlsx");
    let catalog = p.read("controls/customer.yaml").replace(
        "  title: 委託先セキュリティチェックシート\n",
        "  title: 委託先セキュリティチェックシート\n  lang: en\n",
    );
    let p = p.file("controls/customer.yaml", &catalog);
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    run.code(0);
    assert!(
        run.stderr.contains("warning[CS0911]: 質問票!E6:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("cell(s) of this English questionnaire get text in Japanese"),
        "{}",
        run.stderr
    );
}

/// What the customer (or an earlier fill) wrote in an answer cell is kept and reported,
/// unless `--overwrite` says to replace it.
#[test]
fn text_already_in_an_answer_cell_is_kept_unless_told_to_overwrite() {
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        let prefilled = r#"<c r="E6" s="7" t="inlineStr"><is><t>顧客の既存記入</t></is></c>"#;
        let xml = xml.replace(r#"<c r="E6" s="7" t="n" />"#, prefilled);
        assert!(xml.contains(prefilled), "the fixture's E6 is an empty cell");
        xml
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    assert!(
        run.stderr.contains(
            "warning[CS0912]: 質問票!E6: the answer cell already holds `顧客の既存記入`; it was kept"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--overwrite"), "{}", run.stderr);
    // In JSON the cell is also a field of its own.
    let (_, json) = fill_variant(&bytes, &["--format", "json", "--out", "json.xlsx"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let held = report["diagnostics"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CS0912")
        .expect("CS0912 in the JSON report");
    assert_eq!(held["cell"]["sheet"], "質問票");
    assert_eq!(held["cell"]["cell"], "E6");
    assert!(
        held["message"]
            .as_str()
            .unwrap()
            .starts_with("質問票!E6: the answer cell already holds"),
        "{held}"
    );
    let out = p.read_bytes("dist/customer.xlsx");
    assert_eq!(cell(&out, "質問票", "E6"), "顧客の既存記入");
    // The other cells of the question are still filled.
    assert_eq!(cell(&out, "質問票", "D6"), "はい");

    let (p, run) = fill_variant(&bytes, &["--overwrite"]);
    run.code(0);
    assert!(!run.stderr.contains("CS0912"), "{}", run.stderr);
    assert_eq!(
        cell(&p.read_bytes("dist/customer.xlsx"), "質問票", "E6"),
        "情報セキュリティ基本方針を取締役会で承認し、当社Webサイトで公開しています。"
    );
}

/// Like every output, the customer's workbook gets no control, bidirectional or
/// zero-width character from an answer.
#[test]
fn answers_go_into_the_workbook_without_hidden_characters() {
    let p = project("customer.xlsx");
    let answers = p.read("answers/customer.yaml").replace(
        "answer: CISOを任命しています。",
        "answer: \"CISOを\\e[2J任命\\a\\u202eし\\u200bています。\\uFFFE\"",
    );
    assert!(answers.contains("\\u202e"));
    let p = p.file("answers/customer.yaml", &answers);
    p.run(&["fill", "customer.xlsx", "--catalog", "customer"])
        .code(0);
    let out = p.read_bytes("dist/customer.xlsx");
    let sheet = parts(&out)
        .into_iter()
        .find(|(n, _)| n == "xl/worksheets/sheet3.xml")
        .unwrap()
        .1;
    let xml = String::from_utf8(sheet).unwrap();
    assert!(xml.contains("CISOを[2J任命していま"), "{xml}");
    for hidden in [
        "_x001B_", "_x0007_", "\u{202e}", "\u{200b}", "_xFFFE_", "\u{fffe}",
    ] {
        assert!(!xml.contains(hidden), "{hidden:?} in {xml}");
    }
}

/// A catalog whose `cells:` sends an answer into the column of the questions or their IDs
/// (a typo, or a hostile pull request) is refused before anything is written.
#[test]
fn answer_cells_in_a_question_or_id_column_are_refused() {
    let p = project("customer.xlsx");
    let catalog = p.read("controls/customer.yaml").replace(
        "cells: {sheet: 質問票, row: 6, question: C, choice: D, answer: E, evidence: F}",
        "cells: {sheet: 質問票, row: 6, question: C, choice: D, answer: C, evidence: A}",
    );
    assert!(catalog.contains("answer: C, evidence: A"));
    let p = p.file("controls/customer.yaml", &catalog);
    let check = p.run(&["check"]);
    check.code(1);
    assert!(
        check.stderr.contains(
            "`answer: C` is the question column of sheet `質問票`, which fill would write over"
        ),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("`evidence: A` is the ID column"),
        "{}",
        check.stderr
    );
    let run = p.run(&["fill", "customer.xlsx", "--catalog", "customer"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(!p.exists("dist/customer.xlsx"));
}

/// A row holding one cell twice (or its cells out of order) is refused, not filled into a
/// workbook that would then hold two cells at one place.
#[test]
fn a_row_holding_a_cell_twice_is_refused() {
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        let twice =
            r#"<c r="E6" s="7" t="n" /><c r="E6" s="7" t="inlineStr"><is><t>dup</t></is></c>"#;
        let xml = xml.replace(r#"<c r="E6" s="7" t="n" />"#, twice);
        assert!(xml.contains(twice));
        xml
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(2);
    assert!(
        run.stderr.contains("cell E6 comes after cell E6 in row 6"),
        "{}",
        run.stderr
    );
    assert!(!p.exists("dist/customer.xlsx"));
}

/// A question on a row the customer hid is filled all the same (it is still asked), with
/// a warning that says where.
#[test]
fn a_question_on_a_hidden_row_is_filled_and_reported() {
    let bytes = with_part("customer.xlsx", "xl/worksheets/sheet3.xml", |xml| {
        let hidden = xml.replacen(r#"<row r="6""#, r#"<row r="6" hidden="1""#, 1);
        assert_ne!(hidden, xml);
        hidden
    });
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    assert!(
        run.stderr
            .contains("warning[CS0809]: 質問票!C6: the question of `Q-1` is on a hidden row")
            || run
                .stderr
                .contains("is on a hidden row; its answer is written there"),
        "{}",
        run.stderr
    );
    assert_eq!(
        cell(&p.read_bytes("dist/customer.xlsx"), "質問票", "D6"),
        "はい"
    );
}

/// A vendor field's cell that already holds text is never written over: the value goes
/// nowhere rather than replace what the customer wrote.
#[test]
fn a_cover_cell_that_holds_text_is_never_overwritten() {
    let bytes = cover_with(&format!(
        "<row r=\"4\">{}{}</row><row r=\"5\">{}</row>",
        text_cell("B4", "貴社名"),
        text_cell("C4", "（記入例）"),
        text_cell("B5", "既に書かれた値"),
    ));
    let (p, run) = fill_variant(&bytes, &[]);
    run.code(0);
    let out = p.read_bytes("dist/customer.xlsx");
    assert_eq!(cell(&out, "表紙", "C4"), "（記入例）");
    assert_eq!(cell(&out, "表紙", "B5"), "既に書かれた値");
}
