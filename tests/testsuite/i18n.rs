//! Messages in Japanese: the language chosen by `--lang`, then `LC_ALL`, `LC_MESSAGES`,
//! `LANG`; real diagnostics printed in Japanese (human and JSON) are snapshots; codes and
//! JSON fields never change with the language.

use crate::harness::Project;

const JA: &[(&str, Option<&str>)] = &[("LANG", Some("ja_JP.UTF-8"))];

/// A project whose answer gives a status as the sheets print it (`実施済`).
fn status_label_project() -> Project {
    Project::empty()
        .file(
            "checksheet.yaml",
            "organization: {name: テスト株式会社}\nas_of: 2026-11-01\noutputs:\n  - layout: default\n    catalog: mic-cloud-v3\npolicy: {unanswered: off, unanswered_basic: off}\n",
        )
        .file(
            "answers/mic.yaml",
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1:\n    status: 実施済\n    answer: 実施しています。\n",
        )
}

#[test]
fn the_locale_chooses_japanese_and_lc_all_wins_over_lang() {
    let project = Project::fixture("check", "bad-values");
    let english = project.run(&["check"]);
    assert!(
        english
            .stderr
            .contains("error[CS0204]: unknown status `implemnted`")
    );
    assert!(
        english.stderr.trim_end().ends_with(" found"),
        "{}",
        english.stderr
    );

    let japanese = project.run_in(&["check"], JA);
    assert_eq!(japanese.code, english.code);
    assert!(
        japanese
            .stderr
            .contains("エラー[CS0204]: 管理策 `II.1.1.1` の状況 `implemnted` は不明な値です"),
        "{}",
        japanese.stderr
    );
    assert!(
        japanese
            .stderr
            .contains("ヒント: `implemented` のことですか?")
    );
    assert!(
        japanese.stderr.trim_end().ends_with(" 件"),
        "{}",
        japanese.stderr
    );

    // LC_ALL overrides LANG; LC_MESSAGES comes between them.
    let c_over_ja = project.run_in(
        &["check"],
        &[("LANG", Some("ja_JP.UTF-8")), ("LC_ALL", Some("C"))],
    );
    assert_eq!(c_over_ja.stderr, english.stderr);
    let messages = project.run_in(&["check"], &[("LC_MESSAGES", Some("ja_JP.UTF-8"))]);
    assert_eq!(messages.stderr, japanese.stderr);
    let empty_lc_all = project.run_in(
        &["check"],
        &[("LC_ALL", Some("")), ("LANG", Some("ja_JP.UTF-8"))],
    );
    assert_eq!(empty_lc_all.stderr, japanese.stderr);
}

#[test]
fn lang_flag_wins_over_the_locale() {
    let project = Project::fixture("check", "bad-values");
    let english = project.run(&["check"]);
    let japanese = project.run_in(&["check"], JA);
    assert_eq!(
        project.run(&["check", "--lang", "ja"]).stderr,
        japanese.stderr
    );
    assert_eq!(
        project.run(&["--lang", "ja", "check"]).stderr,
        japanese.stderr
    );
    assert_eq!(
        project.run_in(&["check", "--lang", "en"], JA).stderr,
        english.stderr
    );
    let bad = project.run(&["check", "--lang", "fr"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn broken_projects_are_reported_in_japanese() {
    for case in [
        "bad-values",
        "bad-project",
        "duplicate-key",
        "look-alike-characters",
        "unknown-catalog",
        "unknown-control",
    ] {
        let project = Project::fixture("check", case);
        let run = project.run_in(&["check"], JA);
        assert_eq!(run.code, 1, "{case}");
        insta::assert_snapshot!(
            format!("ja-{case}"),
            format!("exit: {}\n{}", run.code, run.stderr)
        );
    }
}

#[test]
fn json_and_github_reports_keep_codes_and_fields_with_japanese_text() {
    let project = Project::fixture("check", "unknown-catalog");
    let english = project.run(&["check", "--format", "json"]);
    let japanese = project.run_in(&["check", "--format", "json"], JA);
    insta::assert_snapshot!("ja-json-unknown-catalog", japanese.stdout.clone());
    let en: serde_json::Value = serde_json::from_str(&english.stdout).unwrap();
    let ja: serde_json::Value = serde_json::from_str(&japanese.stdout).unwrap();
    assert_eq!(en["errors"], ja["errors"]);
    assert_eq!(en["warnings"], ja["warnings"]);
    let (en, ja) = (
        en["diagnostics"].as_array().unwrap(),
        ja["diagnostics"].as_array().unwrap(),
    );
    assert_eq!(en.len(), ja.len());
    for (e, j) in en.iter().zip(ja) {
        assert_eq!(e["code"], j["code"]);
        assert_eq!(e["severity"], j["severity"]);
        assert_eq!(e["location"]["line"], j["location"]["line"]);
        assert_eq!(
            e.as_object().unwrap().keys().collect::<Vec<_>>(),
            j.as_object().unwrap().keys().collect::<Vec<_>>()
        );
        assert_ne!(e["message"], j["message"]);
    }
    let github = project.run_in(&["check", "--format", "github"], JA);
    assert!(
        github.stdout.starts_with("::error file="),
        "{}",
        github.stdout
    );
    assert!(
        github.stdout.contains("title=CS0401::"),
        "{}",
        github.stdout
    );
    assert!(github.stdout.contains("%0Aヒント: "), "{}", github.stdout);
    assert!(github.stderr.contains("エラー 1 件"), "{}", github.stderr);
}

#[test]
fn a_status_spelled_as_the_sheets_print_it_names_its_key() {
    let project = status_label_project();
    let english = project.run(&["check"]);
    assert_eq!(english.code, 1, "{}", english.stderr);
    assert!(
        english
            .stderr
            .contains("help: did you mean `implemented` (実施済)?"),
        "{}",
        english.stderr
    );
    let japanese = project.run_in(&["check"], JA);
    assert!(
        japanese
            .stderr
            .contains("ヒント: `implemented` (実施済) のことですか?"),
        "{}",
        japanese.stderr
    );
    insta::assert_snapshot!("ja-status-label", japanese.stderr);
}

#[test]
fn command_lines_are_in_japanese() {
    let project = Project::demo();
    let check = project.run_in(&["check"], JA);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = project.run_in(&["build"], JA);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("を書き出しました"),
        "{}",
        build.stderr
    );
    assert!(!build.stderr.contains("wrote "), "{}", build.stderr);
    let fmt = project.run_in(&["fmt", "--check"], JA);
    assert!(fmt.stderr.contains("回答ファイル"), "{}", fmt.stderr);
    let missing = Project::empty().run_in(&["check"], JA);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("エラー: `.` にプロジェクトがありません。"),
        "{}",
        missing.stderr
    );
    let english = Project::empty().run(&["check"]);
    assert!(
        english.stderr.starts_with("error: no project at `.`"),
        "{}",
        english.stderr
    );
}

#[test]
fn help_is_in_the_chosen_language() {
    let project = Project::empty();
    let english = project.run(&["--help"]);
    assert!(
        english
            .stdout
            .contains("Validate the project without writing anything")
    );
    let japanese = project.run_in(&["--help"], JA);
    assert_eq!(japanese.code, 0);
    assert!(
        japanese
            .stdout
            .contains("プロジェクトを検証します (何も書き出しません)"),
        "{}",
        japanese.stdout
    );
    let flag = project.run(&["fill", "--help", "--lang", "ja"]);
    assert!(
        flag.stdout.contains("顧客のブック (.xlsx か .xlsm)"),
        "{}",
        flag.stdout
    );
    let c = project.run_in(
        &["--help"],
        &[("LANG", Some("ja_JP.UTF-8")), ("LC_ALL", Some("C"))],
    );
    assert_eq!(c.stdout, english.stdout);
}

#[test]
fn clap_s_own_words_and_argument_errors_follow_the_language() {
    let project = Project::empty();
    let japanese = project.run_in(&["build", "--help"], JA);
    japanese.code(0);
    for words in [
        "使い方: checksheet build",
        "引数:",
        "オプション:",
        "[既定値: .]",
    ] {
        assert!(
            japanese.stdout.contains(words),
            "{words}: {}",
            japanese.stdout
        );
    }
    for english in ["Usage:", "Options:", "Print help", "[default:"] {
        assert!(!japanese.stdout.contains(english), "{}", japanese.stdout);
    }
    let mistake = project.run_in(&["bulid"], JA);
    mistake.code(2);
    assert!(
        mistake
            .stderr
            .starts_with("エラー: 'bulid' というコマンドはありません"),
        "{}",
        mistake.stderr
    );
    assert!(
        mistake
            .stderr
            .contains("ヒント: よく似たコマンドがあります: 'build'")
    );
    let english = project.run(&["bulid"]);
    english.code(2);
    assert!(
        english
            .stderr
            .starts_with("error: unrecognized subcommand 'bulid'"),
        "{}",
        english.stderr
    );
    assert!(
        english
            .stderr
            .contains("tip: a similar subcommand exists: 'build'")
    );
    // `--lang` decides even when it comes after the mistake.
    let flag = project.run(&["build", "--format", "xml", "--lang", "ja"]);
    flag.code(2);
    assert!(
        flag.stderr.contains("[指定できる値: human, json, github]"),
        "{}",
        flag.stderr
    );
}
