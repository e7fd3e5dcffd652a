//! Project policy (unanswered 基本 controls, stale or missing reviews) and coverage.

use crate::harness::Project;

const PARTIAL: &str = "catalog: demo\nanswers:\n  \"1.10\":\n    status: implemented\n    answer: 教育しています。\n    reviewed: 2026-03-01\n  \"2-2\": 対象外です。\n";

fn with_policy(policy: &str) -> Project {
    let project = Project::demo();
    let config = project.read("checksheet.yaml") + policy;
    project
        .file("checksheet.yaml", &config)
        .file("answers/demo.yaml", PARTIAL)
}

#[test]
fn unanswered_basic_controls_can_be_errors() {
    let project = with_policy("policy:\n  unanswered: warning\n  unanswered_basic: error\n");
    let run = project.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr.contains(
            "error[CS0406]: 2 基本 controls of catalog demo have no answer: `1.1`, `2-1`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("CS0405"),
        "no 推奨 or level-less control is open:\n{}",
        run.stderr
    );
    project.run(&["build"]).code(1);
    assert!(!project.exists("dist"));
}

#[test]
fn by_default_unanswered_controls_only_warn() {
    let run = with_policy("").run(&["check"]);
    run.code(0);
    assert!(run.stderr.contains("warning[CS0406]"), "{}", run.stderr);
}

#[test]
fn policy_can_silence_unanswered_controls() {
    let run = with_policy("policy:\n  unanswered: off\n").run(&["check", "--deny-warnings"]);
    run.code(0);
}

#[test]
fn stale_and_missing_reviews_follow_the_policy() {
    let project = with_policy(
        "policy:\n  unanswered: off\n  review_within_days: 30\n  stale_review: error\n  missing_review: warning\n",
    );
    let run = project.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr.contains("error[CS0407]: control `1.10` was last reviewed 2026-03-01, 31 days before as_of 2026-04-01"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning[CS0408]: control `2-2` has no `reviewed` date"),
        "{}",
        run.stderr
    );
    let fresh = with_policy(
        "policy:\n  unanswered: off\n  review_within_days: 31\n  stale_review: error\n",
    );
    fresh.run(&["check"]).code(0);
}

#[test]
fn bad_policy_values_are_reported() {
    let run =
        with_policy("policy:\n  unanswered: fatal\n  review_within_days: soon\n  stale: error\n")
            .run(&["check"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("`policy.unanswered` must be off, warning or error, not `fatal`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`policy.review_within_days` must be a whole number of days"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown field `stale` in `policy`"),
        "{}",
        run.stderr
    );
}

#[test]
fn coverage_counts_by_level_and_status() {
    let project = with_policy("");
    let run = project.run(&["list", "coverage"]);
    run.code(0);
    insta::assert_snapshot!("coverage-text", run.stdout);
    let json = project.run(&["list", "coverage", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report[0]["catalog"], "demo");
    assert_eq!(report[0]["total"], 4);
    assert_eq!(report[0]["answered"], 2);
    assert_eq!(report[0]["unanswered"][0]["id"], "1.1");
    assert_eq!(report[0]["unanswered"][0]["level"], "基本");
}
