//! Command-line behaviour: exit codes, help, listings.

use crate::harness::Project;

#[test]
fn a_missing_project_cannot_run() {
    let run = Project::empty().run(&["check", "no-such-folder"]);
    run.code(2);
    assert!(
        run.stderr.contains("no project at `no-such-folder`"),
        "{}",
        run.stderr
    );
    Project::empty().run(&["build"]).code(2);
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    Project::empty().run(&["build", "--no-such-flag"]).code(2);
    Project::empty().run(&["frobnicate"]).code(2);
    let help = Project::empty().run(&["--help"]);
    help.code(0);
    assert!(help.stdout.contains("build") && help.stdout.contains("check"));
}

#[test]
fn an_unwritable_output_folder_cannot_run() {
    let project = Project::demo().file("blocker", "a file where the output folder should be");
    let run = project.run(&["build", "--out", "blocker/dist"]);
    run.code(2);
    assert!(
        run.stderr.contains("cannot create output folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn list_shows_builtin_catalogs_layouts_and_controls() {
    let catalogs = Project::empty().run(&["list", "catalogs"]);
    catalogs.code(0);
    assert!(
        catalogs.stdout.contains("mic-cloud-v3\t121 controls"),
        "{}",
        catalogs.stdout
    );
    let layouts = Project::empty().run(&["list", "layouts"]);
    assert!(layouts.stdout.lines().any(|l| l.starts_with("default\t")));
    let controls = Project::empty().run(&["list", "controls", "mic-cloud-v3"]);
    let lines: Vec<&str> = controls.stdout.lines().collect();
    assert_eq!(lines.len(), 121);
    assert_eq!(lines[0], "II.1.1.1\t基本\t方針の作成・承認・配布");
    assert!(lines[120].starts_with("III.2.3.4\t"));
    Project::empty().run(&["list", "controls", "nope"]).code(2);
    let project_catalogs = Project::demo().run(&["list", "catalogs", "--project", "."]);
    assert!(
        project_catalogs.stdout.contains("demo\t4 controls"),
        "{}",
        project_catalogs.stdout
    );
}
