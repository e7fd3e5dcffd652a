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
