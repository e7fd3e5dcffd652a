//! Hostile input: every class ends in a clear error (exit 1, file named), never a panic,
//! a hang or an output file. The harness kills a run after 30 s, so a hang fails the test.

use crate::harness::Project;

const PROJECT: &str = "organization: {name: テスト株式会社}\nas_of: 2026-11-01\noutputs:\n  - {layout: default, catalog: mic-cloud-v3}\n";

fn project_with_answers(bytes: &[u8]) -> Project {
    Project::empty()
        .file("checksheet.yaml", PROJECT)
        .bytes("answers/a.yaml", bytes)
}

#[track_caller]
fn refused(project: &Project, code: &str, needle: &str) {
    for command in ["check", "build"] {
        let run = project.run(&[command]);
        assert_eq!(run.code, 1, "{command}: exit 1 expected\n{}", run.stderr);
        assert!(
            run.stderr.contains(code),
            "{command}: expected {code}\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(needle),
            "{command}: expected `{needle}`\n{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert!(!project.exists("dist"));
}

#[test]
fn alias_bombs_are_refused() {
    let mut bomb = String::from(
        "catalog: mic-cloud-v3\nanswers: {}\nx0: &x0 [a, a, a, a, a, a, a, a, a, a]\n",
    );
    for i in 1..12 {
        bomb.push_str(&format!(
            "x{i}: &x{i} [{}]\n",
            vec![format!("*x{}", i - 1); 10].join(", ")
        ));
    }
    refused(
        &project_with_answers(bomb.as_bytes()),
        "CS0103",
        "answers/a.yaml",
    );
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: {}x{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    refused(
        &project_with_answers(deep.as_bytes()),
        "CS0103",
        "nesting deeper than 64 levels",
    );
}

#[test]
fn non_utf8_bytes_are_located() {
    let mut bytes = b"catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: ".to_vec();
    bytes.extend([0x93, 0xfa, 0x96, 0x7b]); // 日本 in Shift_JIS
    bytes.extend(b"\n");
    let project = project_with_answers(&bytes);
    refused(&project, "CS0002", "answers/a.yaml:3:13");
    assert!(
        project
            .run(&["check"])
            .stderr
            .contains("Shift_JIS is not supported")
    );
}

#[test]
fn empty_and_comment_only_files_are_refused() {
    refused(&project_with_answers(b""), "CS0003", "file is empty");
    refused(
        &project_with_answers(b"# nothing yet\n"),
        "CS0003",
        "file is empty",
    );
    let empty_project = Project::empty().file("checksheet.yaml", "");
    refused(&empty_project, "CS0003", "checksheet.yaml");
}

#[test]
fn tabs_are_explained() {
    refused(
        &project_with_answers(b"catalog: mic-cloud-v3\nanswers:\n\tII.1.1.1: x\n"),
        "CS0101",
        "replace the tab characters with spaces",
    );
}

#[test]
fn several_documents_in_one_file_are_refused() {
    refused(
        &project_with_answers(b"catalog: mic-cloud-v3\nanswers: {}\n---\ncatalog: x\n"),
        "CS0101",
        "answers/a.yaml",
    );
}

#[test]
fn huge_files_are_refused_before_reading() {
    let project = project_with_answers(b"catalog: mic-cloud-v3\n");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(project.path().join("answers/a.yaml"))
        .unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // sparse: no disk used
    refused(&project, "CS0103", "over the limit of 67108864 bytes");
}

#[test]
fn wrong_shapes_never_panic() {
    let shapes: &[&str] = &[
        "[]",
        "42",
        "answers: 1\ncatalog: [x]\n",
        "catalog: mic-cloud-v3\nanswers: [a, b]\n",
        "catalog: mic-cloud-v3\nanswers:\n  ? [complex, key]\n  : x\n",
        "catalog: mic-cloud-v3\nanswers:\n  \"\": empty id\n",
        "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: {answer: [[nested]]}\n",
        "\u{feff}catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: {links: [\"https://\"]}\n",
    ];
    for shape in shapes {
        let project = project_with_answers(shape.as_bytes());
        let run = project.run(&["check"]);
        assert_eq!(run.code, 1, "{shape:?}\n{}", run.stderr);
        assert!(
            run.stderr.contains("answers/a.yaml"),
            "{shape:?}: file not named\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "{shape:?}\n{}",
            run.stderr
        );
    }
}

/// tests/fixtures/import/questionnaire.xlsx with `from` replaced by `to` in its first sheet.
fn patched_questionnaire(from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let fixture = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/questionnaire.xlsx"),
    )
    .expect("fixture workbook");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(fixture)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").into_owned();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).expect("entry read");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(text).expect("UTF-8 XML");
            assert!(xml.contains(from), "{from} not in the fixture");
            text = xml.replacen(from, to, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start entry");
        out.write_all(&text).expect("write entry");
    }
    out.finish().expect("zip written").into_inner()
}

/// `import --write-catalog` of `bytes` as `hostile.xlsx` in an empty project.
fn import_new(bytes: &[u8]) -> (Project, crate::harness::Run) {
    let project = Project::empty().bytes("hostile.xlsx", bytes);
    let run = project.run(&[
        "import",
        "hostile.xlsx",
        "--write-catalog",
        "controls/acme.yaml",
        "--out",
        "-",
    ]);
    (project, run)
}

#[track_caller]
fn import_refused(bytes: &[u8], needle: &str) {
    let (project, run) = import_new(bytes);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains(needle), "{}", run.stderr);
    assert!(run.stderr.contains("hostile.xlsx"), "{}", run.stderr);
    assert!(!project.exists("controls"));
}

/// Found by `cargo fuzz run import_xlsx`: a merged range whose end is before its start
/// (`D14:D13`) once made the xlsx reader subtract with overflow. It is read as the range it
/// names, and the import goes on.
#[test]
fn reversed_merged_ranges_are_read_as_the_range_they_name() {
    let (_, run) = import_new(&patched_questionnaire(
        r#"ref="D13:D14""#,
        r#"ref="D14:D13""#,
    ));
    run.code(0);
    assert!(
        run.stderr
            .contains("質問票!D13:D14: the answer cell is merged across 2 rows"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// Found by `cargo fuzz run import_xlsx`: a row number too long for a u32 once made the
/// xlsx reader multiply with overflow. It is refused as a row number, naming it.
#[test]
fn overlong_cell_references_are_refused() {
    import_refused(
        &patched_questionnaire(r#"<row r="1""#, r#"<row r="99999999999""#),
        "a row's number `99999999999` is not a row number",
    );
    import_refused(
        &patched_questionnaire(r#"<c r="A1""#, r#"<c r="A99999999999""#),
        "a cell's reference `A99999999999` is not a cell of a sheet",
    );
}

/// Found by `cargo fuzz run import_xlsx` (artifact `crash-d30818b8…`): a workbook whose
/// `xl/workbook.xml` fails its CRC and whose sheet is corrupt deflate. It is reported as a
/// workbook that cannot be read, by both import paths: exit 2, the file and the damaged
/// part named, a hint, no panic message, nothing written.
#[test]
fn damaged_workbooks_are_reported_naming_the_damaged_part() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/hostile/calamine-panic-corrupt-deflate.xlsx"),
    )
    .expect("fixture workbook");
    let project = Project::empty().bytes("damaged.xlsx", &bytes);
    let commands: [&[&str]; 2] = [
        &["import", "damaged.xlsx", "--layout", "skyarch"],
        &[
            "import",
            "damaged.xlsx",
            "--write-catalog",
            "controls/acme.yaml",
            "--out",
            "-",
        ],
    ];
    for args in commands {
        let run = project.run(args);
        run.code(2);
        for needle in [
            "CS0001",
            "`damaged.xlsx`",
            "xl/workbook.xml",
            "Invalid checksum",
            "help: open it in Excel or LibreOffice",
        ] {
            assert!(run.stderr.contains(needle), "{needle}\n{}", run.stderr);
        }
        for panic_text in ["panicked", "RUST_BACKTRACE", "stack backtrace", "thread '"] {
            assert!(!run.stderr.contains(panic_text), "{}", run.stderr);
        }
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(!project.exists("answers"));
        assert!(!project.exists("controls"));
    }
}

/// A sheet with a cell in the last row and column would be a grid of 17 billion cells: it
/// is refused at the limit, naming the cell, before any grid is allocated.
#[test]
fn huge_sheets_are_refused_naming_the_farthest_cell() {
    let bytes = patched_questionnaire(
        "</sheetData>",
        r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
    );
    import_refused(
        &bytes,
        "sheet `質問票`: its cells reach XFD1048576, 17179869184 cells from A1, over the limit of 4000000",
    );
}

/// A cell longer than Excel's 32,767 characters is refused while it is read, naming the
/// cell, never truncated.
#[test]
fn cells_longer_than_excel_allows_are_refused() {
    let long = "a".repeat(40_000);
    import_refused(
        &patched_questionnaire(
            "</sheetData>",
            &format!(
                r#"<row r="200"><c r="A200" t="inlineStr"><is><t>{long}</t></is></c></row></sheetData>"#
            ),
        ),
        "a text of more than 32767 characters, longer than a cell can hold",
    );
}
