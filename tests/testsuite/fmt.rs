//! `checksheet fmt`: canonical answer files, every comment kept, content unchanged.

use crate::harness::Project;

const MESSY: &str = "answers/chapter2.yaml";

fn comments(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.find("  #")
                .map(|i| l[i + 2..].trim())
                .or_else(|| l.trim_start().starts_with('#').then(|| l.trim()))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn check_lists_files_that_would_change_and_changes_nothing() {
    let project = Project::fixture("fmt", "messy");
    let before = project.read(MESSY);
    let run = project.run(&["fmt", "--check"]);
    run.code(1);
    assert_eq!(run.stdout, "answers/chapter2.yaml\n");
    assert!(
        run.stderr.contains("1 answer file(s) would be reformatted"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read(MESSY), before);
}

#[test]
fn fmt_orders_by_catalog_keeps_comments_and_is_idempotent() {
    let project = Project::fixture("fmt", "messy");
    let before = project.read(MESSY);
    let run = project.run(&["fmt"]);
    run.code(0);
    assert!(run.stderr.contains("formatted answers/chapter2.yaml"));
    let after = project.read(MESSY);
    insta::assert_snapshot!("fmt-messy", after);
    assert_eq!(
        comments(&before),
        comments(&after),
        "a comment was lost or changed"
    );
    let ids: Vec<&str> = after
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| &l[3..11])
        .collect();
    assert_eq!(ids, ["II.1.1.1", "II.2.1.1", "II.2.1.2"], "catalog order");
    project.run(&["fmt", "--check"]).code(0);
    project.run(&["fmt"]).code(0);
    assert_eq!(project.read(MESSY), after, "idempotent");
}

#[test]
fn formatting_never_changes_what_is_built() {
    let project = Project::fixture("fmt", "messy");
    project.run(&["build", "--out", "before"]).code(0);
    project.run(&["fmt"]).code(0);
    project.run(&["build", "--out", "after"]).code(0);
    let before = project.outputs("before");
    let after = project.outputs("after");
    assert_eq!(before.len(), 3);
    let names = |files: &[(std::path::PathBuf, Vec<u8>)]| -> Vec<std::ffi::OsString> {
        files
            .iter()
            .map(|(path, _)| path.file_name().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&before), names(&after), "the same files");
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        assert!(a == b, "{} changed after fmt", name.display());
    }
}

#[test]
fn an_invalid_project_is_not_touched() {
    let project = Project::fixture("fmt", "messy").file(
        "answers/broken.yaml",
        "catalog: mic-cloud-v3\nanswers:\n  II.9.9.9: x\n",
    );
    let before = project.read(MESSY);
    let run = project.run(&["fmt"]);
    run.code(1);
    assert!(
        run.stderr.contains("fix the errors above first"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read(MESSY), before);
}

#[test]
fn the_repository_keeps_its_answer_files_canonical() {
    for folder in [
        ".",
        "examples/monocone",
        "examples/skyarch",
        "examples/melcol",
        "examples/kingoftime",
    ] {
        let run = Project::copy_of(folder).run(&["fmt", "--check"]);
        assert_eq!(
            run.code, 0,
            "{folder}: run `checksheet fmt {folder}`\n{}",
            run.stdout
        );
    }
}

#[test]
fn evidence_goes_right_after_links_with_its_comments() {
    let project = Project::fixture("fmt", "messy").file(
        "answers/evidence.yaml",
        "catalog: mic-cloud-v3\nanswers:\n  II.10.1.1:\n    note: メモ\n    evidence:  # 監査で提示する\n      - 情報セキュリティ基本方針 第3版\n      - \"https://example.com/policy\"\n    reviewed: 2026-01-15\n    links: [\"https://example.com/a\"]\n    answer: 基本方針を定めています。\n    status: implemented\n",
    );
    project.run(&["fmt"]).code(0);
    assert_eq!(
        project.read("answers/evidence.yaml"),
        "catalog: mic-cloud-v3\nanswers:\n  \"II.10.1.1\":\n    status: implemented\n    answer: 基本方針を定めています。\n    links:\n      - https://example.com/a\n    evidence:  # 監査で提示する\n      - 情報セキュリティ基本方針 第3版\n      - https://example.com/policy\n    reviewed: 2026-01-15\n    note: メモ\n"
    );
    project.run(&["fmt", "--check"]).code(0);
}

#[test]
fn two_comments_in_a_flow_list_are_both_kept() {
    let project = Project::fixture("fmt", "messy").file(
        "answers/links.yaml",
        "catalog: mic-cloud-v3\nanswers:\n  II.10.1.1:\n    links: [\n      \"https://example.com/a\"  # 公開ページ\n      ,  # 規程\n    ]\n  II.10.1.2: 実施しています。\n",
    );
    let run = project.run(&["fmt"]);
    run.code(0);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    assert_eq!(
        project.read("answers/links.yaml"),
        "catalog: mic-cloud-v3\nanswers:\n  \"II.10.1.1\":\n    links:\n      - https://example.com/a  # 公開ページ\n  # 規程\n  \"II.10.1.2\": 実施しています。\n"
    );
    project.run(&["fmt", "--check"]).code(0);
}

#[test]
fn a_byte_order_mark_is_dropped_and_the_first_comment_kept() {
    let project = Project::fixture("fmt", "messy").file(
        "answers/bom.yaml",
        "\u{feff}# 第10章の回答\ncatalog: mic-cloud-v3\nanswers:\n  II.10.1.1: 実施しています。  # 確認済み\n",
    );
    let run = project.run(&["fmt", "--check"]);
    run.code(1);
    assert!(run.stdout.contains("answers/bom.yaml"), "{}", run.stdout);
    project.run(&["fmt"]).code(0);
    assert_eq!(
        project.read("answers/bom.yaml"),
        "# 第10章の回答\ncatalog: mic-cloud-v3\nanswers:\n  \"II.10.1.1\": 実施しています。  # 確認済み\n"
    );
    project.run(&["fmt", "--check"]).code(0);
}

/// `fmt` writes each file anew and renames it into place: never in place, so a reader (or a
/// crash) never sees half a file, and a hard link to the old file keeps the old text.
#[cfg(unix)]
#[test]
fn files_are_replaced_by_rename_never_rewritten_in_place() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let project = Project::fixture("fmt", "messy");
    let path = project.path().join(MESSY);
    let before = project.read(MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let old_inode = std::fs::metadata(&path).unwrap().ino();
    // A hard link outside the answer folders shares the file's inode.
    std::fs::hard_link(&path, project.path().join("kept.yaml.orig")).unwrap();
    let listing = |project: &Project| {
        let mut names: Vec<_> = std::fs::read_dir(project.path().join("answers"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        names
    };
    let files_before = listing(&project);

    project.run(&["fmt"]).code(0);
    let after = project.read(MESSY);
    assert_ne!(after, before, "the fixture is reformatted");
    let metadata = std::fs::metadata(&path).unwrap();
    assert_ne!(
        metadata.ino(),
        old_inode,
        "a new file took the old one's name"
    );
    assert_eq!(metadata.mode() & 0o777, 0o640, "its permissions are kept");
    assert_eq!(
        project.read("kept.yaml.orig"),
        before,
        "the old file was not written over"
    );
    assert_eq!(listing(&project), files_before, "no temporary file left");
}

/// An answer file that is a link to another file of the project is formatted where it
/// leads: the link stays a link, and the two names keep showing one file.
#[cfg(unix)]
#[test]
fn a_linked_answer_file_is_formatted_through_its_link() {
    let project = Project::fixture("fmt", "messy");
    let root = project.path();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::rename(root.join(MESSY), root.join("shared/chapter2.yaml")).unwrap();
    std::os::unix::fs::symlink("../shared/chapter2.yaml", root.join(MESSY)).unwrap();
    project.run(&["fmt"]).code(0);
    let link = std::fs::symlink_metadata(root.join(MESSY)).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(project.read(MESSY), project.read("shared/chapter2.yaml"));
    project.run(&["fmt", "--check"]).code(0);
}
