//! `checksheet check` over every broken project in `tests/fixtures/check/`: each case's
//! exit code and full report are a snapshot (`snapshots/testsuite__check__<case>.snap`).

use std::fs;
use std::path::Path;

use crate::harness::Project;

fn cases() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut names: Vec<String> = fs::read_dir(root)
        .expect("tests/fixtures/check exists")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_broken_fixture_is_reported_with_file_line_and_hint() {
    let cases = cases();
    assert!(cases.len() >= 9, "fixtures missing: {cases:?}");
    for case in cases {
        let project = Project::fixture("check", &case);
        let run = project.run(&["check"]);
        assert_eq!(run.code, 1, "{case}: expected exit 1\n{}", run.stderr);
        assert!(
            run.stderr.contains("error["),
            "{case}: no error reported\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(" --> "),
            "{case}: no file:line:column\n{}",
            run.stderr
        );
        insta::assert_snapshot!(case.clone(), format!("exit: {}\n{}", run.code, run.stderr));
        let json = project.run(&["check", "--format", "json"]);
        let report: serde_json::Value =
            serde_json::from_str(&json.stdout).expect("valid JSON on stdout");
        let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
        assert_eq!(
            diagnostics.len(),
            run.stderr.matches("error[").count() + run.stderr.matches("warning[").count(),
            "{case}: the JSON report has the text report's diagnostics"
        );
        for d in diagnostics {
            assert!(
                d["location"]["line"].as_u64().is_some_and(|line| line > 0),
                "{case}: {} has no line: {d}",
                d["code"]
            );
            assert!(
                d["help"]
                    .as_str()
                    .is_some_and(|help| !help.trim().is_empty()),
                "{case}: {} has no hint: {d}",
                d["code"]
            );
        }
        let build = project.run(&["build"]);
        assert_eq!(build.code, 1, "{case}: build must fail too");
        assert!(
            !project.exists("dist"),
            "{case}: a failed build wrote outputs"
        );
    }
}

#[test]
fn a_tab_is_located_at_its_own_column() {
    for (answers, line, column) in [
        ("catalog: mic-cloud-v3\nanswers:\n\tII.1.1.1: 回答\n", 3, 1),
        (
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1:\n  \t- 回答\n",
            4,
            3,
        ),
        // The parser stops at the end of the line before: the tab is on the next.
        (
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1:\n    answer: 回答\n  \t status: implemented\n",
            5,
            3,
        ),
        (
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1:\n    evidence:\n    - a\n   \t- b\n",
            6,
            4,
        ),
    ] {
        let project = Project::fixture("check", "tabs").file("answers/a.yaml", answers);
        let run = project.run(&["check", "--format", "json"]);
        run.code(1);
        let report: serde_json::Value =
            serde_json::from_str(&run.stdout).expect("valid JSON on stdout");
        let d = &report["diagnostics"][0];
        assert_eq!(d["code"], "CS0101", "{d}");
        assert_eq!(d["location"]["line"], line, "{answers:?}: {d}");
        assert_eq!(d["location"]["column"], column, "{answers:?}: {d}");
        let text = project.run(&["check"]);
        assert!(
            text.stderr
                .contains(&format!(" --> answers/a.yaml:{line}:{column}\n")),
            "{}",
            text.stderr
        );
    }
}

#[test]
fn an_unknown_layout_is_pointed_at_by_its_name() {
    let run = Project::fixture("check", "bad-project").run(&["check", "--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("valid JSON on stdout");
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CS0501")
        .expect("an unknown-layout diagnostic");
    let source = d["source_line"].as_str().unwrap();
    let column = d["location"]["column"].as_u64().unwrap() as usize;
    assert_eq!(
        &source[column - 1..],
        "defualt",
        "the location is the name, not the list item: {d}"
    );
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let run = Project::fixture("check", "bad-values").run(&["check"]);
    let errors = run.stderr.matches("error[").count();
    assert!(
        errors >= 6,
        "expected every error at once, got {errors}\n{}",
        run.stderr
    );
}

#[test]
fn json_report_names_code_file_line_column_and_source_line() {
    let run = Project::fixture("check", "unknown-control").run(&["check", "--format", "json"]);
    run.code(1);
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("valid JSON on stdout");
    assert_eq!(report["errors"], 2);
    let first = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CS0402")
        .expect("an unknown-control diagnostic");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["location"]["file"], "answers/a.yaml");
    assert_eq!(first["location"]["line"], 4);
    assert_eq!(first["location"]["column"], 3);
    assert_eq!(first["source_line"], "  II.1.1.9: 実施しています。");
    assert!(first["help"].as_str().unwrap().contains("did you mean"));
}

#[test]
fn github_format_prints_workflow_annotations() {
    let run = Project::fixture("check", "duplicate-answer").run(&["check", "--format", "github"]);
    run.code(1);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("an ::error line");
    assert!(
        line.starts_with("::error file=answers/team-b.yaml,line=4,col=3,endLine=4,title=CS0403::"),
        "{line}"
    );
    assert!(
        line.contains("%0Ahelp: "),
        "help joined with an escaped newline: {line}"
    );
    let warned = Project::demo()
        .file(
            "answers/demo.yaml",
            "catalog: demo\nanswers:\n  \"1.1\": 回答\n",
        )
        .run(&["check", "--format", "github"]);
    warned.code(0);
    assert!(
        warned
            .stdout
            .starts_with("::warning file=checksheet.yaml,line=8,col=5,"),
        "{}",
        warned.stdout
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let project = Project::demo().file(
        "answers/demo.yaml",
        "catalog: demo\nanswers:\n  \"1.1\": 回答\n",
    );
    project.run(&["check"]).code(0);
    let denied = project.run(&["check", "--deny-warnings"]);
    denied.code(1);
    assert!(denied.stderr.contains("warning[CS0405]"));
    project.run(&["build", "--deny-warnings"]).code(1);
    assert!(!project.exists("dist"));
}

#[test]
fn ids_keep_their_exact_spelling() {
    let project = Project::demo();
    let run = project.run(&["check"]);
    run.code(0);
    let unknown = project
        .file(
            "answers/extra.yaml",
            "catalog: demo\nanswers:\n  1.100: x\n",
        )
        .run(&["check"]);
    unknown.code(1);
    assert!(
        unknown.stderr.contains("unknown control ID `1.100`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_catalog_that_does_not_parse_is_reported_once() {
    let project = Project::demo().file(
        "controls/demo.yaml",
        "catalog:\n  id: demo\n\ttitle: タブ\n",
    );
    let run = project.run(&["check"]);
    run.code(1);
    assert_eq!(
        run.stderr.matches("error[CS0101]").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches(" --> controls/demo.yaml:").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error[").count(),
        1,
        "the parse error alone:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("CS0401"),
        "no follow-on unknown-catalog errors:\n{}",
        run.stderr
    );
}

/// Catalog and answer files are loaded on every core; one that cannot be read keeps its
/// place, so the errors of the files after it still point into those files.
#[cfg(unix)]
#[test]
fn an_unreadable_file_does_not_shift_the_reports_of_the_files_after_it() {
    let project = Project::demo().file(
        "answers/zz-late.yaml",
        "catalog: demo\nanswers:\n  \"9.9\":\n    status: implemented\n    answer: ない管理策\n",
    );
    std::os::unix::fs::symlink(
        project.path().join("nowhere.yaml"),
        project.path().join("answers/aa-dangling.yaml"),
    )
    .expect("symlink");
    let run = project.run(&["check"]);
    run.code(1);
    assert!(run.stderr.contains("aa-dangling.yaml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> answers/zz-late.yaml:3:3"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("  \"9.9\":"), "{}", run.stderr);
}

#[test]
fn an_answer_file_for_a_catalog_no_folder_lists_says_where_catalogs_go() {
    let p = Project::demo().file(
        "answers/imported-globex.yaml",
        "catalog: globex-questionnaire\nanswers: {}\n",
    );
    let run = p.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0401]: unknown catalog `globex-questionnaire`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("listed under `catalogs:` in checksheet.yaml"),
        "{}",
        run.stderr
    );
}
