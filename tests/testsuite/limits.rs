//! A project's own templates are bounded: a template that loops for ever or writes without
//! end fails with an error naming the layout, the template and the limit (exit 1), and
//! nothing is written. The harness kills a run after 30 s, so a template that is not
//! stopped fails the test.

use crate::harness::{Project, Run};

/// The custom-layout fixture with its Markdown template replaced.
fn with_md_template(template: &str) -> Project {
    Project::fixture("build", "custom-layout").file("layouts/acme/checksheet.md.j2", template)
}

#[track_caller]
fn stopped(project: &Project, command: &str, needles: &[&str]) -> Run {
    let run = project.run(&[command]);
    run.code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for needle in needles {
        assert!(run.stderr.contains(needle), "`{needle}`\n{}", run.stderr);
    }
    assert!(project.outputs("dist").is_empty(), "nothing is written");
    run
}

#[test]
fn a_template_with_nested_loops_runs_out_of_steps() {
    let project = with_md_template(
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
    );
    stopped(
        &project,
        "build",
        &[
            "error[CS0602]: cannot render acme-demo.md: template `checksheet.md.j2` of layout `acme` ran more than",
            "steps, the limit for this document",
        ],
    );
}

#[test]
fn a_template_doubling_a_text_is_stopped_at_the_size_limit() {
    let project = with_md_template(
        "{% set ns = namespace(s=\"x\") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{{ ns.s }}{% endfor %}",
    );
    stopped(
        &project,
        "build",
        &[
            "template `checksheet.md.j2` of layout `acme` wrote more than",
            "bytes, the limit for this document",
        ],
    );
}

#[test]
fn the_limits_grow_with_the_document() {
    // A template doing for each row what the built-in one does, and more, is not stopped.
    let project = with_md_template(
        "{% for sheet in doc.sheets %}{% for row in sheet.rows %}{% for i in range(50) %}{{ row.id }}{% endfor %}\n{% endfor %}{% endfor %}",
    );
    project.run(&["build"]).code(0);
    assert!(project.exists("dist/acme-demo.md"));
}

#[test]
fn a_layout_text_template_is_bounded_in_check_too() {
    let layout = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/build/custom-layout/layouts/acme/layout.yaml"),
    )
    .unwrap();
    let looping = Project::fixture("build", "custom-layout").file(
        "layouts/acme/layout.yaml",
        &layout.replace(
            "title: \"ACME 回答書 — {{ organization.name }}\"",
            "title: \"{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\"",
        ),
    );
    for command in ["check", "build"] {
        stopped(
            &looping,
            command,
            &[
                "error[CS0503]: layout `acme`: template `{% for i in range(100000)",
                "ran more than 100000 steps, the limit for one text",
            ],
        );
    }
    let long = Project::fixture("build", "custom-layout").file(
        "layouts/acme/layout.yaml",
        &layout.replace(
            "title: \"ACME 回答書 — {{ organization.name }}\"",
            "title: \"{{ 'x' * 1000000 }}\"",
        ),
    );
    stopped(
        &long,
        "check",
        &["wrote more than 262144 bytes, the limit for one text"],
    );
}

#[test]
fn a_layouts_text_templates_share_a_budget_for_the_document() {
    // Each group row stays under the limit for one text; the catalog's 39 groups together
    // go over what its 160 rows allow.
    let row = "{% for i in range(25000) %}{% endfor %}{{ group.title }}";
    let project = Project::empty()
        .file(
            "checksheet.yaml",
            "organization: {name: テスト株式会社}\nas_of: 2026-11-01\nlayouts: [layouts]\noutputs:\n  - {layout: heavy, catalog: mic-cloud-v3, formats: [md]}\n",
        )
        .file(
            "layouts/heavy/layout.yaml",
            &format!(
                "layout: {{id: heavy}}\ntitle: x\ncolumns:\n  - {{header: 項番, value: id}}\ngroup_rows:\n  - {{depth: 1, text: \"{row}\"}}\n  - {{depth: 2, text: \"{row}\"}}\n  - {{depth: 3, text: \"{row}\"}}\n"
            ),
        );
    let run = stopped(
        &project,
        "check",
        &["the limit for all of this document's texts together"],
    );
    assert_eq!(
        run.stderr.matches("error[CS0503]").count(),
        1,
        "reported once\n{}",
        run.stderr
    );
}

#[test]
fn a_template_building_a_huge_text_in_memory_is_stopped_at_its_memory_budget() {
    // Forty doublings take forty steps and write a few bytes, but would need a terabyte.
    let doubling = "{% set ns = namespace(s=\"x\") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}";
    let project = with_md_template(doubling);
    let run = stopped(
        &project,
        "build",
        &[
            "error[CS0602]: template `checksheet.md.j2` of layout `acme` took more than",
            "bytes of memory, the limit for this document",
            "build failed: nothing was written",
        ],
    );
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
    assert!(
        !project.exists("dist"),
        "the folder the build made is gone too"
    );
    // A layout text doing the same, in `check`.
    let layout = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/build/custom-layout/layouts/acme/layout.yaml"),
    )
    .unwrap();
    let text = Project::fixture("build", "custom-layout").file(
        "layouts/acme/layout.yaml",
        &layout.replace(
            "title: \"ACME 回答書 — {{ organization.name }}\"",
            &format!("title: '{doubling}'"),
        ),
    );
    stopped(&text, "check", &["bytes of memory, the limit for one text"]);
}
