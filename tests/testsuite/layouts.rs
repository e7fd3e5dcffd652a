//! Layouts are data: a project adds its own without touching Rust.

use crate::harness::{Project, xlsx_grid};

#[test]
fn a_project_layout_from_a_fixture_builds_in_all_formats() {
    let project = Project::fixture("build", "custom-layout");
    let run = project.run(&["build"]);
    run.code(0);
    let md = project.read("dist/acme-demo.md");
    assert!(
        md.starts_with("ACME 回答書 — デモ株式会社\n"),
        "the layout's own Markdown template is used:\n{md}"
    );
    assert!(
        md.contains("[Q-2-1] 通信を暗号化していますか。 → [x] TLS 1.2 以上を使用しています。"),
        "{md}"
    );
    let grid = xlsx_grid(&project.read_bytes("dist/acme-demo.xlsx"));
    insta::assert_snapshot!("custom-layout-xlsx", grid);
    let html = project.read("dist/acme-demo.html");
    assert!(
        html.contains("<th scope=\"col\">質問番号</th>"),
        "the default HTML template serves layouts without one"
    );
}

#[test]
fn a_broken_layout_template_is_reported_in_its_file() {
    let project = Project::fixture("build", "custom-layout").file(
        "layouts/acme/checksheet.md.j2",
        "{% for row in doc.sheets %}\n{{ row.name }\n{% endfor %}\n",
    );
    let run = project.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0503]: invalid template `checksheet.md.j2`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("layouts/acme/checksheet.md.j2:2"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_column_value_is_reported_with_the_allowed_ones() {
    let project = Project::fixture("build", "custom-layout");
    let layout = project
        .read("layouts/acme/layout.yaml")
        .replace("value: question", "value: questoin");
    let run = project
        .file("layouts/acme/layout.yaml", &layout)
        .run(&["check"]);
    run.code(1);
    assert!(
        run.stderr.contains("unknown column value `questoin`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("allowed: id, number, title"),
        "{}",
        run.stderr
    );
}

/// Built-in templates are not syntax-checked at start-up; here they get every check a
/// project's own layout gets, by listing a copy of the repository's `templates/` as project
/// layouts.
#[test]
fn built_in_layouts_pass_the_checks_a_project_layout_gets() {
    let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let project = Project::empty()
        .with_copy_of("templates", "templates")
        .file(
            "checksheet.yaml",
            "organization: {name: デモ株式会社}\nas_of: 2026-11-01\nlayouts: [templates]\noutputs:\n  - {layout: default, catalog: mic-cloud-v3, formats: [md]}\n",
        );
    let run = project.run(&["check"]);
    run.code(0);
    assert!(!run.stderr.contains("CS0006"), "{}", run.stderr);
    // A template broken the same way is caught, so the test above can fail.
    let broken = Project::empty()
        .file(
            "checksheet.yaml",
            "organization: {name: デモ株式会社}\nas_of: 2026-11-01\nlayouts: [layouts]\noutputs:\n  - {layout: monocone, catalog: light2-meti2013, formats: [md]}\n",
        )
        .file(
            "layouts/monocone/layout.yaml",
            &std::fs::read_to_string(templates.join("monocone/layout.yaml"))
                .unwrap()
                .replacen("{{", "{{ {", 1),
        );
    let run = broken.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr.contains("error[CS0503]: invalid template"),
        "{}",
        run.stderr
    );
}

/// A layout's `unanswered` text fills the answer cell of a control without an answer, in
/// every format, and reads back as no answer.
#[test]
fn a_layout_says_what_an_unanswered_cell_shows() {
    let layout = "layout:\n  id: consult\ntitle: \"{{ organization.name }} 回答\"\nunanswered: \"個別にご相談ください（{{ organization.name }}）\"\ncolumns:\n  - {header: 項番, value: id}\n  - {header: 状況, value: status}\n  - {header: 回答, value: answer}\n";
    let answers = "catalog: demo\nanswers:\n  \"1.1\": 方針を制定しています。\n  \"2-2\":\n    status: implemented\n    answer: 対応しています。\n";
    let project = Project::demo()
        .file("layouts/consult/layout.yaml", layout)
        .file("answers/demo.yaml", answers)
        .file(
            "checksheet.yaml",
            "organization:\n  name: デモ株式会社\nas_of: 2026-04-01\ncatalogs: [controls]\nlayouts: [layouts]\npolicy:\n  unanswered: off\n  unanswered_basic: off\noutputs:\n  - layout: consult\n    catalog: demo\n  - layout: default\n    catalog: demo\n    formats: [md]\n",
        );
    project.run(&["build"]).code(0);
    let shown = "個別にご相談ください（デモ株式会社）";
    let md = project.read("dist/consult-demo.md");
    for id in ["1.10", "2-1"] {
        assert!(md.contains(&format!("| {id} |  | {shown} |")), "{md}");
    }
    assert!(md.contains("| 1.1 |  | 方針を制定しています。 |"), "{md}");
    assert!(project.read("dist/consult-demo.html").contains(shown));
    let grid = xlsx_grid(&project.read_bytes("dist/consult-demo.xlsx"));
    assert_eq!(grid.matches(shown).count(), 2, "{grid}");
    // Layouts without it leave the cell empty, as before.
    assert!(!project.read("dist/default-demo.md").contains(shown));
    // Read back, the text is no answer.
    project
        .run(&[
            "import",
            "dist/consult-demo.xlsx",
            "--layout",
            "consult",
            "--catalog",
            "demo",
            "--project",
            ".",
            "--out",
            "back.yaml",
        ])
        .code(0);
    let back = project.read("back.yaml");
    assert!(!back.contains("ご相談"), "{back}");
    assert!(back.contains("\"2-2\""), "{back}");
}

/// A project layout with errors is reported for them alone, not also as a layout that does
/// not exist.
#[test]
fn a_broken_layout_is_not_also_an_unknown_one() {
    for (what, edit) in [
        (
            "template",
            (
                "{{ organization.name }}の回答",
                "{{ organization.name }の回答",
            ),
        ),
        ("width", ("width: 8}", "width: 0}")),
    ] {
        let project = Project::fixture("build", "custom-layout");
        let layout = project.read("layouts/acme/layout.yaml");
        assert!(layout.contains(edit.0), "{what}");
        let project = project.file("layouts/acme/layout.yaml", &layout.replace(edit.0, edit.1));
        let run = project.run(&["check"]);
        run.code(1);
        assert!(run.stderr.contains("error[CS0"), "{what}: {}", run.stderr);
        assert!(!run.stderr.contains("CS0501"), "{what}: {}", run.stderr);
    }
    let project = Project::fixture("build", "custom-layout")
        .file("layouts/acme/layout.yaml", "layout: [not, a, mapping\n");
    let run = project.run(&["check"]);
    run.code(1);
    assert!(run.stderr.contains("CS0101"), "{}", run.stderr);
    assert!(!run.stderr.contains("CS0501"), "{}", run.stderr);
}

/// A layout made for one catalog builds an output that names that catalog, and refuses one
/// that names another, saying which.
#[test]
fn an_output_may_name_its_layout_s_own_catalog_but_no_other() {
    let project = |catalog: &str| {
        Project::empty().file(
            "checksheet.yaml",
            &format!(
                "organization: {{name: テスト株式会社}}\nas_of: 2026-11-01\noutputs:\n  - {{layout: mic-annex2, catalog: {catalog}, formats: [md]}}\n"
            ),
        )
    };
    let same = project("mic-cloud-v3").run(&["check"]);
    same.code(0);
    assert!(
        !same.stderr.contains("is made for catalog"),
        "{}",
        same.stderr
    );
    let other = project("light2-meti2013").run(&["check"]);
    other.code(1);
    assert!(
        other.stderr.contains(
            "layout `mic-annex2` is made for catalog `mic-cloud-v3`, not `light2-meti2013`"
        ),
        "{}",
        other.stderr
    );
}

/// A layout's sheets may name only top-level groups the catalog has: one that names a
/// group the catalog lacks is refused at that name, the others pass.
#[test]
fn a_sheet_naming_a_group_the_catalog_lacks_is_refused() {
    let project = Project::fixture("build", "custom-layout");
    let layout = project.read("layouts/acme/layout.yaml");
    let with_sheets = |groups: &str| {
        format!("{layout}sheets:\n  - name: \"{{{{ group.title }}}}\"\n    groups: [{groups}]\n")
    };
    let project = project.file("layouts/acme/layout.yaml", &with_sheets("\"1\", \"2\""));
    let run = project.run(&["check"]);
    run.code(0);
    let project = project.file("layouts/acme/layout.yaml", &with_sheets("\"1\", \"9\""));
    let run = project.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr.contains(
            "layout `acme` puts group `9` on a sheet, but catalog `demo` has no such top-level group"
        ),
        "{}",
        run.stderr
    );
}

/// A depth whose group rows are hidden still lets the depths below it show theirs: the
/// groups under a hidden part are one level deeper, not at its level.
#[test]
fn groups_under_a_hidden_depth_keep_their_own_rows() {
    let project = Project::fixture("build", "custom-layout");
    let layout = project.read("layouts/acme/layout.yaml");
    let hidden = layout.replace(
        "  - depth: 1\n    text: \"第{{ group.id }}部 {{ group.title }}\"\n",
        "  - {depth: 1, hidden: true}\n",
    );
    assert_ne!(hidden, layout);
    let project = project.file("layouts/acme/layout.yaml", &hidden);
    project.run(&["build", "--out", "out"]).code(0);
    let md = project.read("out/acme-demo.md");
    assert!(!md.contains("第2部"), "{md}");
    assert!(md.contains("　通信"), "the depth-2 row of group 2.1:\n{md}");
}

/// Answers given as checkbox lines are marked as such in HTML (a list of checks, not of
/// items), as the layout's `checkbox` asks.
#[test]
fn checkbox_answers_are_a_list_of_checks_in_html() {
    let project = Project::copy_of("examples/skyarch");
    project.run(&["build", "--out", "out"]).code(0);
    let html = std::fs::read_dir(project.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("an html output");
    assert!(html.contains("<ul class=\"checks\">"), "no checkbox list");
}
