//! Which files a project may make `checksheet` read: only regular files, only inside the
//! project's folder or its git repository, and every other entry of its folders reported.
//! The harness kills a run after 30 s, so a run that waits on a pipe fails the test.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::harness::{Project, Run};

const PROJECT: &str = "organization: {name: テスト株式会社}\nas_of: 2026-11-01\noutputs:\n  - {layout: default, catalog: mic-cloud-v3}\n";
const ANSWERS: &str = "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: 実施しています。\n";

const LAYOUT: &str = "layout: {id: mine}\ntitle: x\ncolumns:\n  - {header: 項番, value: id}\n";

fn project() -> Project {
    Project::empty()
        .file("checksheet.yaml", PROJECT)
        .file("answers/a.yaml", ANSWERS)
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// `check` and `build` both exit 1 with `code` and every `needle`, and write nothing.
#[track_caller]
fn refused(project: &Project, code: &str, needles: &[&str]) -> Run {
    let mut last = None;
    for command in ["check", "build"] {
        let run = project.run(&[command]);
        assert_eq!(run.code, 1, "{command}: exit 1 expected\n{}", run.stderr);
        assert!(
            run.stderr.contains(code),
            "{command}: {code}\n{}",
            run.stderr
        );
        for needle in needles {
            assert!(
                run.stderr.contains(needle),
                "{command}: `{needle}`\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        last = Some(run);
    }
    assert!(!project.exists("dist"));
    last.unwrap()
}

#[test]
fn a_named_pipe_among_the_answers_is_refused_without_waiting_for_a_writer() {
    let project = project();
    mkfifo(&project.path().join("answers/pipe.yaml"));
    refused(
        &project,
        "CS0005",
        &["`answers/pipe.yaml` is a named pipe (FIFO), not a regular file"],
    );
}

#[test]
fn a_named_pipe_as_a_layout_template_is_refused() {
    let project = project().file("layouts/mine/layout.yaml", LAYOUT);
    mkfifo(&project.path().join("layouts/mine/checksheet.md.j2"));
    let project = project.file(
        "checksheet.yaml",
        &PROJECT.replace("outputs:", "layouts: [layouts]\noutputs:"),
    );
    refused(
        &project,
        "CS0005",
        &["`layouts/mine/checksheet.md.j2` is a named pipe (FIFO)"],
    );
}

#[test]
fn a_link_to_a_device_is_refused_before_it_is_read() {
    let project = project();
    symlink("/dev/zero", project.path().join("answers/zero.yaml")).unwrap();
    refused(
        &project,
        "CS0004",
        &["`answers/zero.yaml` resolves to `/dev/zero`, outside the project"],
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_listed_proc_file_is_refused_and_the_environment_never_printed() {
    let project = project().file(
        "checksheet.yaml",
        &PROJECT.replace(
            "outputs:",
            "answers: [answers, /proc/self/environ]\noutputs:",
        ),
    );
    let secret = "CHECKSHEET_TEST_SECRET_VALUE_0123456789";
    for format in ["human", "json", "github"] {
        let output = assert_cmd::Command::cargo_bin("checksheet")
            .unwrap()
            .args(["check", "--format", format])
            .current_dir(project.path())
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .env("CI_TOKEN", secret)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{all}");
        assert!(
            !all.contains(secret),
            "{format}: the environment leaked\n{all}"
        );
        assert!(all.contains("CS0004"), "{all}");
        assert!(all.contains("/proc/self/environ"), "{all}");
    }
}

#[test]
fn a_link_out_of_the_project_is_refused_unless_the_git_repository_holds_it() {
    let outer = Project::empty()
        .file("shared/answers.yaml", ANSWERS)
        .file("project/checksheet.yaml", PROJECT);
    let root = outer.path();
    std::fs::create_dir(root.join("project/answers")).unwrap();
    symlink(
        root.join("shared/answers.yaml"),
        root.join("project/answers/a.yaml"),
    )
    .unwrap();
    let run = outer.run(&["check", "project"]);
    run.code(1);
    assert!(run.stderr.contains("CS0004"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`project/answers/a.yaml` resolves to `")
            && run
                .stderr
                .contains("shared/answers.yaml`, outside the project"),
        "{}",
        run.stderr
    );
    // The same link inside a git repository that holds both folders is read.
    std::fs::create_dir(root.join(".git")).unwrap();
    let run = outer.run(&["check", "project"]);
    assert!(!run.stderr.contains("CS0004"), "{}", run.stderr);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

#[test]
fn a_listed_folder_outside_the_project_is_refused() {
    let outer = Project::empty()
        .file(
            "elsewhere/catalog.yaml",
            "catalog: {id: x, title: x}\ngroups: []\n",
        )
        .file(
            "project/checksheet.yaml",
            &PROJECT.replace("outputs:", "catalogs: [../elsewhere]\noutputs:"),
        )
        .file("project/answers/a.yaml", ANSWERS);
    let run = outer.run(&["check", "project"]);
    run.code(1);
    assert!(
        run.stderr.contains("CS0004")
            && run.stderr.contains("`project/../elsewhere` resolves to `"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_project_file_linked_from_outside_is_never_quoted() {
    let outer = Project::empty().file(
        "secret.txt",
        "token: CHECKSHEET_TEST_SECRET_VALUE\nnot: [valid yaml\n",
    );
    std::fs::create_dir(outer.path().join("project")).unwrap();
    symlink(
        outer.path().join("secret.txt"),
        outer.path().join("project/checksheet.yaml"),
    )
    .unwrap();
    let run = outer.run(&["check", "project", "--format", "json"]);
    run.code(1);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("CS0004"), "{all}");
    assert!(!all.contains("CHECKSHEET_TEST_SECRET_VALUE"), "{all}");
}

#[test]
fn what_a_folder_holds_is_read_or_reported() {
    let project = project()
        .file("answers/notes.txt", "メモ")
        .file("answers/.gitkeep", "")
        .file(
            "answers/team/b.yml",
            "catalog: mic-cloud-v3\nanswers:\n  II.1.1.2: 実施しています。\n",
        )
        .file("elsewhere/c.yaml", "catalog: mic-cloud-v3\nanswers: {}\n");
    symlink(
        project.path().join("elsewhere"),
        project.path().join("answers/linked"),
    )
    .unwrap();
    let run = project.run(&["check"]);
    run.code(0);
    for needle in [
        "warning[CS0006]: `answers/notes.txt` is not read: only `*.yaml` and `*.yml` files are read",
        "warning[CS0006]: `answers/linked` is not read: it is a link to a folder",
        "note[CS0006]: `answers/.gitkeep` is not read",
    ] {
        assert!(run.stderr.contains(needle), "`{needle}`\n{}", run.stderr);
    }
    // The subfolder's file is read: its answer is there, not reported missing.
    assert!(!run.stderr.contains("team"), "{}", run.stderr);
    let strict = project.run(&["check", "--deny-warnings"]);
    strict.code(1);
}

#[test]
fn what_a_layout_folder_holds_besides_its_files_is_reported() {
    let project = project()
        .file(
            "checksheet.yaml",
            &PROJECT.replace("outputs:", "layouts: [layouts]\noutputs:"),
        )
        .file("layouts/mine/layout.yaml", LAYOUT)
        .file("layouts/mine/README.md", "# mine")
        .file("layouts/drafts/notes.md", "x");
    let run = project.run(&["check"]);
    run.code(0);
    for needle in [
        "`layouts/mine/README.md` is not read: a layout folder holds only layout.yaml",
        "`layouts/drafts` is not read: it is not a layout folder",
    ] {
        assert!(run.stderr.contains(needle), "`{needle}`\n{}", run.stderr);
    }
}

#[test]
fn a_git_folder_is_never_read_even_inside_the_repository() {
    let outer = Project::empty()
        .file(
            ".git/config",
            "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic CHECKSHEET_TEST_TOKEN\n",
        )
        .file(
            "project/checksheet.yaml",
            &PROJECT.replace("outputs:", "answers: [answers, ../.git/config]\noutputs:"),
        )
        .file("project/answers/a.yaml", ANSWERS);
    symlink(
        outer.path().join(".git/config"),
        outer.path().join("project/answers/linked.yaml"),
    )
    .unwrap();
    let run = outer.run(&["check", "project", "--format", "json"]);
    run.code(1);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains("CHECKSHEET_TEST_TOKEN"), "{all}");
    assert_eq!(all.matches("\"code\": \"CS0004\"").count(), 2, "{all}");
    assert!(all.contains("inside a git repository's own data"), "{all}");
}

/// A project's `dist` that is a link out of the project (one a pull request can add) is not
/// written through; a `dist` link inside the project, or `--out`, is.
#[cfg(unix)]
#[test]
fn a_dist_link_out_of_the_project_is_not_written_through() {
    let outside = tempfile::tempdir().unwrap();
    let project = Project::demo();
    std::os::unix::fs::symlink(outside.path(), project.path().join("dist")).unwrap();
    let run = project.run(&["build"]);
    run.code(2);
    assert!(
        run.stderr.contains("the output folder `dist` resolves to")
            && run.stderr.contains("outside the project"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

    let project = Project::demo();
    std::fs::create_dir(project.path().join("public")).unwrap();
    std::os::unix::fs::symlink("public", project.path().join("dist")).unwrap();
    project.run(&["build"]).code(0);
    assert!(project.exists("public/default-demo.xlsx"));
}

/// Two of a project's files defining the same catalog are refused, both located; a project
/// catalog with a built-in one's ID replaces it without complaint.
#[test]
fn a_catalog_defined_twice_is_refused_and_a_built_in_one_may_be_replaced() {
    let catalog = "catalog: {id: acme, title: ACME}\ncontrols:\n  - {id: Q1, text: 質問}\n";
    let twice = Project::empty()
        .file(
            "checksheet.yaml",
            "organization: {name: テスト株式会社}\nas_of: 2026-11-01\ncatalogs: [controls]\noutputs:\n  - {layout: default, catalog: acme}\n",
        )
        .file("controls/a.yaml", catalog)
        .file("controls/b.yaml", catalog);
    let run = twice.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr.contains("catalog `acme` is defined twice"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("controls/a.yaml") && run.stderr.contains("controls/b.yaml"),
        "{}",
        run.stderr
    );
    let replaced = Project::empty()
        .file(
            "checksheet.yaml",
            "organization: {name: テスト株式会社}\nas_of: 2026-11-01\ncatalogs: [controls]\noutputs:\n  - {layout: default, catalog: mic-cloud-v3, formats: [md]}\n",
        )
        .file(
            "controls/mic.yaml",
            "catalog: {id: mic-cloud-v3, title: 自社版}\ncontrols:\n  - {id: X1, title: 自社の項目, text: 質問}\n",
        );
    replaced.run(&["build"]).code(0);
    let md = replaced.read("dist/default-mic-cloud-v3.md");
    assert!(
        md.contains("自社の項目") && !md.contains("II.1.1.1"),
        "{md}"
    );
}

/// Folders are searched 32 levels deep: a file deeper than that is reported, not read
/// silently and not skipped silently.
#[test]
fn a_file_in_folders_nested_too_deep_is_reported() {
    let mut deep = String::from("controls");
    for i in 0..40 {
        deep.push_str(&format!("/{i}"));
    }
    let project = project()
        .file(
            "checksheet.yaml",
            &PROJECT.replace("outputs:", "catalogs: [controls]\noutputs:"),
        )
        .file(
            &format!("{deep}/x.yaml"),
            "catalog: {id: x, title: x}\ngroups: []\n",
        )
        .file(
            "controls/0/1/ok.yaml",
            "catalog: {id: ok, title: ok}\ngroups: []\n",
        );
    let run = project.run(&["check"]);
    assert!(
        run.stderr
            .contains("folders are searched 32 levels deep at most"),
        "{}",
        run.stderr
    );
    run.code(0);
    // The first folder past the limit is named, at the 32nd level below the listed one.
    let named: String = (0..32).map(|i| format!("/{i}")).collect();
    assert!(
        run.stderr
            .contains(&format!("`controls{named}` is not read")),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("ok.yaml"), "{}", run.stderr);
}
