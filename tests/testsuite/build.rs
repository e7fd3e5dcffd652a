//! `checksheet build`: outputs, escaping, reproducibility, atomicity.

use crate::harness::{Project, xlsx_cells, xlsx_grid};

#[test]
fn demo_outputs_match_snapshots() {
    let project = Project::demo();
    let run = project.run(&["build"]);
    run.code(0);
    assert!(
        run.stderr.contains("wrote dist/default-demo.xlsx"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("demo-md", project.read("dist/default-demo.md"));
    insta::assert_snapshot!("demo-html", project.read("dist/default-demo.html"));
    insta::assert_snapshot!(
        "demo-xlsx",
        xlsx_grid(&project.read_bytes("dist/default-demo.xlsx"))
    );
}

#[test]
fn internal_notes_are_never_rendered() {
    let project = Project::demo();
    project.run(&["build"]).code(0);
    for file in ["dist/default-demo.md", "dist/default-demo.html"] {
        assert!(
            !project.read(file).contains("社内メモ"),
            "{file} leaks the internal note"
        );
    }
    let grid = xlsx_grid(&project.read_bytes("dist/default-demo.xlsx"));
    assert!(!grid.contains("社内メモ"));
}

#[test]
fn text_is_data_in_every_format() {
    let project = Project::demo();
    project.run(&["build"]).code(0);
    let html = project.read("dist/default-demo.html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    let md = project.read("dist/default-demo.md");
    assert!(
        md.contains("RPO \\| RTO は 1h \\| 24h です。"),
        "pipes escaped and kept"
    );
    assert!(
        md.contains("方針を制定し公開しています。<br>RPO"),
        "line breaks kept in the cell"
    );
    assert!(md.contains("&lt;script&gt;"));
    let bytes = project.read_bytes("dist/default-demo.xlsx");
    let formula = xlsx_cells(&bytes)
        .into_iter()
        .find(|(_, _, _, value, _)| value.starts_with("=HYPERLINK"))
        .expect("the =HYPERLINK answer is in the workbook");
    assert!(
        formula.4,
        "a leading = is written as a string, not a formula: {formula:?}"
    );
    let sheet_xml = unzip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        !sheet_xml.contains("<f>"),
        "no formula cells in the worksheet"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let project = Project::demo();
    project.run(&["build", "--out", "first"]).code(0);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    project.run(&["build", "--out", "second"]).code(0);
    let first = project.outputs("first");
    let second = project.outputs("second");
    assert_eq!(first.len(), 3);
    let names = |files: &[(std::path::PathBuf, Vec<u8>)]| -> Vec<std::ffi::OsString> {
        files
            .iter()
            .map(|(path, _)| path.file_name().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&first), names(&second), "the same files");
    for ((_, a), (name, b)) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between builds", name.display());
    }
}

#[test]
fn a_failed_build_leaves_earlier_outputs_untouched() {
    let project = Project::demo();
    project.run(&["build"]).code(0);
    let before = project.outputs("dist");
    let broken = project.file(
        "answers/demo.yaml",
        "catalog: demo\nanswers:\n  \"1.1\":\n    status: done\n",
    );
    let run = broken.run(&["build"]);
    run.code(1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        broken.outputs("dist"),
        before,
        "outputs changed after a failed build"
    );
}

#[test]
fn an_over_long_cell_is_refused_naming_the_control() {
    let long = "あ".repeat(33_000);
    let project = Project::demo().file(
        "answers/demo.yaml",
        &format!("catalog: demo\nanswers:\n  \"2-2\": {long}\n"),
    );
    let run = project.run(&["build"]);
    run.code(1);
    assert!(
        run.stderr.contains("error[CS0601]: control `2-2`"),
        "{}",
        &run.stderr[..run.stderr.len().min(600)]
    );
    assert!(run.stderr.contains("33000 characters"));
    assert!(!project.exists("dist"));
}

#[test]
fn outputs_are_readable_files() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let project = Project::demo();
        project.run(&["build"]).code(0);
        let mode = std::fs::metadata(project.path().join("dist/default-demo.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
        let leftovers: Vec<_> = project
            .outputs("dist")
            .into_iter()
            .filter(|(p, _)| p.to_string_lossy().contains(".checksheet-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left behind: {leftovers:?}"
        );
    }
}

#[test]
fn the_repository_root_project_builds_all_formats() {
    let project = Project::copy_of(".");
    let run = project.run(&["build"]);
    run.code(0);
    let outputs = project.outputs("dist");
    let names: Vec<String> = outputs
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "dist/default-mic-cloud-v3.html",
            "dist/default-mic-cloud-v3.md",
            "dist/default-mic-cloud-v3.xlsx",
            "dist/monocone.html",
            "dist/monocone.md",
            "dist/monocone.xlsx",
        ]
    );
    let md = project.read("dist/default-mic-cloud-v3.md");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| II.") || l.starts_with("| III."))
            .count(),
        121
    );
    let cells = xlsx_cells(&project.read_bytes("dist/default-mic-cloud-v3.xlsx"));
    let ids: Vec<&str> = cells
        .iter()
        .filter(|c| {
            // The links sheet names the controls whose answers give links again.
            c.0 != "リンク一覧"
                && c.2 == 0
                && (c.3.starts_with("II.") || c.3.starts_with("III."))
                && c.3.matches('.').count() == 3
        })
        .map(|c| c.3.as_str())
        .collect();
    assert_eq!(ids.len(), 121);
    assert_eq!(ids[0], "II.1.1.1");
    assert_eq!(ids[120], "III.2.3.4");
}

/// One file of a zip archive (xlsx) as text.
fn unzip_entry(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsx is a zip");
    let mut entry = archive.by_name(name).expect("entry exists");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8 xml");
    text
}

/// Outputs stream into temporary files beside their targets; when one format fails to
/// render, the others are not put in place, no temporary file is left behind, and an
/// output folder the build created is removed again.
#[test]
fn a_render_failure_writes_nothing_and_leaves_no_temporary_files() {
    let project = Project::fixture("build", "custom-layout").file(
        "layouts/acme/checksheet.md.j2",
        "# {{ doc.title }}\n{{ doc.title | circled }}\n",
    );
    let run = project.run(&["build"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0602]: cannot render acme-demo.md"),
        "{}",
        run.stderr
    );
    assert!(!project.exists("dist"), "the folder the build made is gone");

    let before = "an earlier build's output\n";
    let project = project.file("dist/acme-demo.html", before);
    project.run(&["build"]).code(1);
    let left: Vec<String> = std::fs::read_dir(project.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["acme-demo.html"],
        "no temporary or partial file is left"
    );
    assert_eq!(project.read("dist/acme-demo.html"), before);
}

/// A build frees the text of files no diagnostic points into before rendering; the files
/// its warnings point into are still quoted in the report.
#[test]
fn a_successful_build_still_quotes_the_lines_its_warnings_point_at() {
    let project = Project::demo().file(
        "answers/demo.yaml",
        "catalog: demo\nanswers:\n  \"1.1\": 回答\n",
    );
    let run = project.run(&["build"]);
    run.code(0);
    assert!(run.stderr.contains("warning[CS0405]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> checksheet.yaml:8:5"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("8 |   - layout: default"),
        "{}",
        run.stderr
    );
    assert_eq!(project.outputs("dist").len(), 3);
}

/// The demo with evidence on two answers (one of them a list answer).
fn demo_with_evidence() -> Project {
    let project = Project::demo();
    let answers = project
        .read("answers/demo.yaml")
        .replace(
            "    links: [https://example.com/policy]\n",
            "    links: [https://example.com/policy]\n    evidence:\n      - 情報セキュリティ基本方針 第3版\n      - https://example.com/evidence/policy.pdf\n",
        )
        .replace(
            "      - <script>alert(1)</script> は無害化されます。\n",
            "      - <script>alert(1)</script> は無害化されます。\n    evidence: [暗号化設定手順書]\n",
        );
    project.file("answers/demo.yaml", &answers)
}

#[test]
fn the_default_layout_shows_evidence_in_its_own_column_only_when_there_is_some() {
    let plain = Project::demo();
    plain.run(&["build"]).code(0);
    for file in ["dist/default-demo.md", "dist/default-demo.html"] {
        assert!(!plain.read(file).contains("証跡"), "{file}");
    }
    let project = demo_with_evidence();
    project.run(&["build"]).code(0);

    // Word joiners keep the short columns on one line (see examples.rs).
    let md = project.read("dist/default-demo.md").replace('\u{2060}', "");
    assert!(
        md.contains("| 項番 | 対策項目 | 対策内容 | 区分 | 状況 | デモ 回答 | 証跡 |"),
        "{md}"
    );
    let row = |id: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| {id} |")))
            .unwrap_or_else(|| panic!("no row {id}"))
            .to_owned()
    };
    assert!(
        row("1.1").ends_with(
            "<br>https://example.com/policy | 情報セキュリティ基本方針 第3版<br>https://example.com/evidence/policy.pdf |"
        ),
        "{}",
        row("1.1")
    );
    assert!(
        row("2-1").ends_with("| 暗号化設定手順書 |"),
        "{}",
        row("2-1")
    );
    assert!(row("1.10").ends_with("|  |"), "{}", row("1.10"));
    assert!(!md.contains("証跡: "), "no evidence after the answer text");

    let html = project.read("dist/default-demo.html");
    assert!(html.contains("<th scope=\"col\">証跡</th>"), "{html}");
    assert!(html.contains(
        "<td>情報セキュリティ基本方針 第3版<br>\n<a href=\"https://example.com/evidence/policy.pdf\" rel=\"noopener\">https://example.com/evidence/policy.pdf</a></td>"
    ), "{html}");
    assert!(html.contains("<td>暗号化設定手順書</td>"));
    assert!(!html.contains("証跡: "));

    let cells = xlsx_cells(&project.read_bytes("dist/default-demo.xlsx"));
    let header = cells
        .iter()
        .find(|c| c.3 == "証跡")
        .expect("an evidence header");
    let row_of = |id: &str| {
        cells
            .iter()
            .find(|c| c.2 == 0 && c.3 == id)
            .unwrap_or_else(|| panic!("no row {id}"))
            .1
    };
    let at = |row: usize| {
        cells
            .iter()
            .find(|c| c.1 == row && c.2 == header.2)
            .map(|c| c.3.as_str())
    };
    assert_eq!(header.2, 6, "after the answer column");
    assert_eq!(
        at(row_of("1.1")),
        Some("情報セキュリティ基本方針 第3版\nhttps://example.com/evidence/policy.pdf")
    );
    assert_eq!(at(row_of("2-1")), Some("暗号化設定手順書"));
    assert_eq!(at(row_of("1.10")), None);
}

#[test]
fn a_layout_without_an_evidence_column_shows_it_after_the_answer() {
    let project = demo_with_evidence()
        .file(
            "layouts/plain/layout.yaml",
            "layout: {id: plain}\ntitle: T\ncolumns:\n  - {header: No, value: id, width: 8}\n  - {header: 質問, value: question}\n  - {header: 回答, value: answer, width: 50}\n",
        )
        .file(
            "checksheet.yaml",
            "organization: {name: デモ株式会社}\nas_of: 2026-04-01\ncatalogs: [controls]\nlayouts: [layouts]\noutputs:\n  - {layout: plain, catalog: demo}\n",
        );
    let run = project.run(&["build"]);
    run.code(0);
    let md = project.read("dist/plain-demo.md");
    assert!(md.contains(
        "方針を制定し公開しています。<br>RPO \\| RTO は 1h \\| 24h です。<br>https://example.com/policy<br>証跡: 情報セキュリティ基本方針 第3版<br>証跡: https://example.com/evidence/policy.pdf |"
    ), "{md}");
    let html = project.read("dist/plain-demo.html");
    assert!(html.contains(
        "<br>\n証跡: 情報セキュリティ基本方針 第3版<br>\n証跡: <a href=\"https://example.com/evidence/policy.pdf\" rel=\"noopener\">https://example.com/evidence/policy.pdf</a></td>"
    ), "{html}");
    // A list answer: after its items and links.
    assert!(
        html.contains("</ul><div class=\"evidence\">証跡: 暗号化設定手順書</div></td>"),
        "{html}"
    );
    let cells = xlsx_cells(&project.read_bytes("dist/plain-demo.xlsx"));
    assert!(cells.iter().any(|c| c.3.ends_with(
        "https://example.com/policy\n証跡: 情報セキュリティ基本方針 第3版\n証跡: https://example.com/evidence/policy.pdf"
    )));
    assert!(
        cells
            .iter()
            .any(|c| c.3.ends_with("無害化されます。\n証跡: 暗号化設定手順書"))
    );
}
