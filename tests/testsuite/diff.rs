//! `checksheet diff`: two versions of one project (`fixtures/diff/old` and `new`) differ
//! by an added control (2.3), a removed one (1.3), a status change (1.2), text changes
//! (1.1, 2.4: a list answer), links, evidence, review date and note changes (2.2), evidence
//! of an added control (2.3), and a control
//! moved to another file in another form with the same answer (2.1, not a change).
//! Outputs in each format are snapshots; git revisions are read from a temporary repo.

use std::path::Path;
use std::process::Command;

use crate::harness::{Project, Run};

fn versions() -> Project {
    Project::copy_of("tests/fixtures/diff")
}

#[test]
fn text_output_shows_each_kind_of_change_in_catalog_order() {
    let run = versions().run(&["diff", "old", "new"]);
    run.code(0);
    assert!(!run.stdout.contains('\x1b'), "NO_COLOR: no escapes");
    insta::assert_snapshot!("text", run.stdout);
    let order: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(order, ["1.1", "1.2", "1.3", "2.2", "2.3", "2.4"]);
}

/// Text output without the `file:line` of each control.
fn without_locations(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.split("  ")
                .filter(|p| !p.contains(".yaml:"))
                .collect::<Vec<_>>()
                .join("  ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_control_moved_to_another_file_is_not_a_change() {
    let run = versions().run(&["diff", "old", "new"]);
    assert!(!run.stdout.contains("2.1"), "{}", run.stdout);
    // Reformatting and reordering a file changes nothing either.
    let project = versions().file(
        "new/answers/organization.yaml",
        "catalog: demo\nanswers:\n  \"2.1\": 通信はTLS 1.2以上で暗号化しています。\n  \"1.2\": {status: implemented, answer: 情報セキュリティ委員会を設置しています。}\n  \"1.1\":\n    answer: |-\n      情報セキュリティ方針を策定し、当社Webサイトで公開しています。\n      RPO | RTO は 1h | 12h です。\n    status: implemented\n",
    );
    let again = project.run(&["diff", "old", "new"]);
    assert_eq!(
        without_locations(&again.stdout),
        without_locations(&run.stdout)
    );
}

#[test]
fn markdown_output_is_a_table_per_catalog_with_inline_changes() {
    let run = versions().run(&["diff", "old", "new", "--format", "markdown"]);
    run.code(0);
    insta::assert_snapshot!("markdown", run.stdout);
    let md = &run.stdout;
    assert!(md.starts_with("<!-- checksheet-diff -->\n"));
    assert!(md.contains("方針を<del>制</del><ins>策</ins>定し"), "{md}");
    assert!(md.contains("RPO \\| RTO"), "`|` is escaped: {md}");
    assert!(md.contains("&lt;重大&gt;"), "`<`, `>` are escaped: {md}");
    // Internal notes: that one changed, never what it says.
    assert!(md.contains("internal note, not shown"), "{md}");
    assert!(!md.contains("監査対応"), "{md}");
    let same = versions().run(&["diff", "old", "old", "--format", "md"]);
    same.code(0);
    assert!(same.stdout.contains("No differences."), "{}", same.stdout);
}

#[test]
fn json_output_has_both_sides_and_the_character_diff() {
    let run = versions().run(&["diff", "old", "new", "--format", "json"]);
    run.code(0);
    insta::assert_snapshot!("json", run.stdout);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(
        value["summary"],
        serde_json::json!({"added": 1, "removed": 1, "changed": 4})
    );
    let controls = value["catalogs"][0]["controls"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = controls
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("1.1", "changed"),
            ("1.2", "changed"),
            ("1.3", "removed"),
            ("2.2", "changed"),
            ("2.3", "added"),
            ("2.4", "changed"),
        ]
    );
    assert_eq!(controls[1]["changed"], serde_json::json!(["status"]));
    assert_eq!(controls[3]["new"]["note"], "監査対応済み");
    assert!(controls[5]["new"]["answer"].is_array(), "a list answer");
}

#[test]
fn exit_code_is_1_with_exit_code_only_when_answers_differ() {
    let project = versions();
    project.run(&["diff", "old", "new"]).code(0);
    project.run(&["diff", "old", "new", "--exit-code"]).code(1);
    let same = project.run(&["diff", "old", "old", "--exit-code"]);
    same.code(0);
    assert_eq!(same.stdout, "");
    assert!(
        same.stderr.contains("no differences between old and old"),
        "{}",
        same.stderr
    );
    project
        .run(&["diff", "old", "old", "--exit-code", "--format", "json"])
        .code(0);
}

#[test]
fn colours_only_when_asked_never_when_piped_or_in_markdown() {
    let project = versions();
    let coloured = project.run(&["diff", "old", "new", "--color", "always"]);
    assert!(
        coloured
            .stdout
            .contains("\x1b[31m制\x1b[0m\x1b[32m策\x1b[0m"),
        "{}",
        coloured.stdout
    );
    let plain = project.run(&["diff", "old", "new", "--color", "never"]);
    assert!(!plain.stdout.contains('\x1b'));
    // The harness sets NO_COLOR and pipes stdout: `auto` is plain.
    assert!(!project.run(&["diff", "old", "new"]).stdout.contains('\x1b'));
    let md = project.run(&["diff", "old", "new", "--format", "md", "--color", "always"]);
    assert!(!md.stdout.contains('\x1b'), "Markdown is never coloured");
}

#[test]
fn answer_files_are_compared_with_their_projects_catalogs() {
    let run = versions().run(&[
        "diff",
        "old/answers/technology.yaml",
        "new/answers/technology.yaml",
    ]);
    run.code(0);
    // Within one file, 2.1 moved out (removed) and 2.3 is new.
    let heads: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .collect();
    assert_eq!(heads.len(), 4, "{}", run.stdout);
    assert!(heads[0].starts_with("  - 2.1  暗号化"), "{}", run.stdout);
    assert!(
        heads[2].starts_with("  + 2.3  バックアップ"),
        "{}",
        run.stdout
    );
    // An answer file outside any project is checked against the built-in catalogs.
    let lone = Project::empty()
        .file(
            "a.yaml",
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: 実施しています。\n",
        )
        .file(
            "b.yaml",
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: 一部実施しています。\n",
        );
    let run = lone.run(&["diff", "a.yaml", "b.yaml"]);
    run.code(0);
    assert!(
        run.stdout.contains("{+一部+}実施しています。"),
        "{}",
        run.stdout
    );
}

#[test]
fn errors_in_either_side_are_reported_like_check_and_exit_1() {
    let project = versions().file(
        "new/answers/extra.yaml",
        "catalog: demo\nanswers:\n  \"9.9\": 存在しない項目\n",
    );
    let run = project.run(&["diff", "old", "new", "--exit-code"]);
    run.code(1);
    assert_eq!(run.stdout, "", "nothing is compared");
    assert!(run.stderr.contains("error[CS0402]"), "{}", run.stderr);
    assert!(
        run.stderr.contains(" --> new/answers/extra.yaml:3:3"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("new: 1 error found"), "{}", run.stderr);
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let project = versions();
    for args in [&["diff"][..], &["diff", "old"]] {
        let run = project.run(args);
        run.code(2);
        assert!(
            run.stderr.contains("checksheet diff OLD NEW"),
            "{}",
            run.stderr
        );
    }
    let missing = project.run(&["diff", "old", "nowhere"]);
    missing.code(2);
    assert!(
        missing
            .stderr
            .contains("no project or answer file at `nowhere`"),
        "{}",
        missing.stderr
    );
    let not_project = project.run(&["diff", "old", "old/controls"]);
    not_project.code(2);
    assert!(
        not_project.stderr.contains("no project at `old/controls`"),
        "{}",
        not_project.stderr
    );
    project
        .run(&["diff", "old", "new", "--format", "xml"])
        .code(2);
    let too_many = project.run(&["diff", "--git", "HEAD", "old", "new"]);
    too_many.code(2);
    assert!(
        too_many.stderr.contains("at most one PATH"),
        "{}",
        too_many.stderr
    );
    let no_repo = project.run(&["diff", "--git", "HEAD", "old"]);
    no_repo.code(2);
    assert!(
        no_repo.stderr.contains("not in a git repository"),
        "{}",
        no_repo.stderr
    );
}

// ---------------------------------------------------------------------------------------
// git revisions

/// Runs git in `dir` with a fixed identity and no user or system configuration.
fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Checksheet Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Checksheet Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repository whose first commit has the old answers in `sheets/`, with the new answers
/// in the working tree.
fn repository() -> Project {
    let project = Project::empty().file("README.md", "not part of the project\n");
    let root = project.path();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/old"),
        &root.join("sheets"),
    );
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "old answers"]);
    std::fs::remove_dir_all(root.join("sheets/answers")).unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/new/answers"),
        &root.join("sheets/answers"),
    );
    project
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `checksheet` in a subfolder of a project's folder.
fn run_in(project: &Project, folder: &str, args: &[&str]) -> Run {
    let output = assert_cmd::Command::cargo_bin("checksheet")
        .unwrap()
        .args(args)
        .current_dir(project.path().join(folder))
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn git_revision_against_the_working_tree() {
    let repo = repository();
    let run = repo.run(&["diff", "--git", "HEAD", "sheets"]);
    run.code(0);
    insta::assert_snapshot!("git-head", run.stdout);
    // The same differences as comparing the two folders, only the names differ.
    let folders = versions().run(&["diff", "old", "new"]);
    let body = |text: &str| without_locations(text.split_once('\n').unwrap().1);
    assert_eq!(body(&run.stdout), body(&folders.stdout));
    // From inside the project, PATH defaults to `.`.
    let inside = run_in(&repo, "sheets", &["diff", "--git", "HEAD", "--exit-code"]);
    inside.code(1);
    assert!(
        inside
            .stdout
            .contains("- 1.3  教育  HEAD:sheets/answers/organization.yaml:11"),
        "removed answers are located in the revision: {}",
        inside.stdout
    );
    // One answer file at a revision, with its project's catalogs from that revision.
    let file = run_in(
        &repo,
        "sheets/answers",
        &[
            "diff",
            "--git",
            "HEAD",
            "technology.yaml",
            "--format",
            "json",
        ],
    );
    file.code(0);
    let value: serde_json::Value = serde_json::from_str(&file.stdout).unwrap();
    assert_eq!(
        value["summary"],
        serde_json::json!({"added": 1, "removed": 1, "changed": 2})
    );
}

#[test]
fn two_revisions_and_a_merge_base() {
    let repo = repository();
    let root = repo.path();
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "new answers"]);
    let clean = repo.run(&["diff", "--git", "HEAD", "sheets", "--exit-code"]);
    clean.code(0);
    assert!(
        clean
            .stderr
            .contains("no differences between HEAD and the working tree")
    );
    let range = repo.run(&["diff", "--git", "HEAD~1..HEAD", "sheets", "--format", "md"]);
    range.code(0);
    assert!(
        range
            .stdout
            .contains("### Checksheet answers: `HEAD~1` → `HEAD`"),
        "{}",
        range.stdout
    );
    assert!(
        range.stdout.contains("6 controls differ"),
        "{}",
        range.stdout
    );
    // A branch that changes one answer, compared with its merge base with main.
    git(root, &["checkout", "-q", "-b", "topic", "HEAD~1"]);
    repo_edit(root, "sheets/answers/organization.yaml", "制定し", "定め");
    git(root, &["commit", "-q", "-am", "topic"]);
    let base = repo.run(&[
        "diff",
        "--git",
        "main...topic",
        "sheets",
        "--format",
        "json",
    ]);
    base.code(0);
    let value: serde_json::Value = serde_json::from_str(&base.stdout).unwrap();
    assert_eq!(value["new"], "topic");
    assert_eq!(
        value["summary"],
        serde_json::json!({"added": 0, "removed": 0, "changed": 1})
    );
    let direct = repo.run(&["diff", "--git", "main..topic", "sheets", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&direct.stdout).unwrap();
    assert_eq!(
        value["summary"],
        serde_json::json!({"added": 1, "removed": 1, "changed": 4}),
        "main has moved on"
    );
}

fn repo_edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn errors_at_a_revision_name_the_revision() {
    let repo = repository();
    let root = repo.path();
    repo_edit(
        root,
        "sheets/answers/organization.yaml",
        "\"1.2\":",
        "\"1.20\":",
    );
    git(root, &["commit", "-q", "-am", "broken"]);
    repo_edit(
        root,
        "sheets/answers/organization.yaml",
        "\"1.20\":",
        "\"1.2\":",
    );
    let run = repo.run(&["diff", "--git", "HEAD", "sheets"]);
    run.code(1);
    assert!(run.stderr.contains("error[CS0402]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(" --> HEAD:sheets/answers/organization.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("checksheet-diff-"),
        "no temporary paths: {}",
        run.stderr
    );
}

#[test]
fn unknown_revisions_and_missing_projects_cannot_run() {
    let repo = repository();
    let run = repo.run(&["diff", "--git", "no-such-branch", "sheets"]);
    run.code(2);
    assert!(
        run.stderr.contains("unknown git revision `no-such-branch`"),
        "{}",
        run.stderr
    );
    repo.run(&["diff", "--git", "HEAD..nope", "sheets"]).code(2);
    let nowhere = repo.run(&["diff", "--git", "HEAD", "nowhere"]);
    nowhere.code(2);
    assert!(
        nowhere
            .stderr
            .contains("`nowhere` is neither at HEAD nor in the working tree"),
        "{}",
        nowhere.stderr
    );
    let top = repo.run(&["diff", "--git", "HEAD"]);
    top.code(2);
    assert!(
        top.stderr.contains("no project in the top folder of HEAD"),
        "{}",
        top.stderr
    );
}

#[test]
fn a_project_new_since_the_revision_is_all_added() {
    let repo = repository();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/new"),
        &repo.path().join("more"),
    );
    let run = repo.run(&["diff", "--git", "HEAD", "more", "--format", "json"]);
    run.code(0);
    assert!(
        run.stderr.contains("`more` is not at HEAD"),
        "{}",
        run.stderr
    );
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        value["summary"],
        serde_json::json!({"added": 6, "removed": 0, "changed": 0})
    );
}

/// `--color auto` (the default) on a terminal: coloured, unless `NO_COLOR` is set. The
/// terminal is a pseudo-terminal made by util-linux's `script`.
#[cfg(target_os = "linux")]
#[test]
fn colours_on_a_terminal_unless_no_color() {
    let project = versions();
    let binary = assert_cmd::cargo::cargo_bin("checksheet");
    let on_terminal = |no_color: Option<&str>| {
        let mut command = std::process::Command::new("script");
        command
            .args(["-q", "-e", "-c"])
            .arg(format!("'{}' diff old new", binary.display()))
            .arg("/dev/null")
            .current_dir(project.path())
            .env_remove("NO_COLOR")
            .stdin(std::process::Stdio::null());
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        let output = command
            .output()
            .expect("util-linux's `script` runs the command on a pseudo-terminal");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let coloured = on_terminal(None);
    assert!(
        coloured.contains("\x1b[31m制\x1b[0m\x1b[32m策\x1b[0m"),
        "{coloured}"
    );
    let plain = on_terminal(Some("1"));
    assert!(plain.contains("制"), "{plain}");
    assert!(!plain.contains('\x1b'), "NO_COLOR on a terminal: {plain}");
}

/// A file in a revision larger than a project file may be is refused by its size, as in
/// the work tree, without its bytes being read into memory; the files around it are read.
#[test]
fn a_revisions_file_over_the_size_limit_is_refused_by_its_size() {
    let repo = repository();
    let root = repo.path();
    let big = root.join("sheets/answers/big.yaml");
    let mut text = String::from("catalog: demo\nanswers:\n  \"2-2\": \"");
    text.push_str(&"あ".repeat(22 * 1024 * 1024 + 1));
    text.push_str("\"\n");
    assert!(text.len() > 64 * 1024 * 1024);
    std::fs::write(&big, &text).unwrap();
    drop(text);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "a large file"]);
    std::fs::remove_file(&big).unwrap();
    let run = repo.run(&["diff", "--git", "HEAD", "sheets"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("HEAD:sheets/answers/big.yaml")
            && run.stderr.contains("over the limit of 67108864 bytes"),
        "{}",
        run.stderr
    );
}
