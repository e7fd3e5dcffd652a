//! `checksheet completions SHELL` and `checksheet man`: generated from the clap definition.

use crate::harness::Project;

const SUBCOMMANDS: &[&str] = &[
    "build",
    "check",
    "list",
    "init",
    "schema",
    "completions",
    "man",
];

#[test]
fn completion_scripts_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Project::empty().run(&["completions", shell]);
        run.code(0);
        assert!(run.stdout.len() > 500, "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("checksheet"), "{shell}");
        for sub in SUBCOMMANDS {
            assert!(run.stdout.contains(sub), "{shell} completions lack `{sub}`");
        }
    }
    let bash = Project::empty().run(&["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F"), "{bash}");
    // The values of `schema` and `--format` complete too.
    let fish = Project::empty().run(&["completions", "fish"]).stdout;
    assert!(
        fish.contains("project") && fish.contains("github"),
        "{fish}"
    );
    Project::empty().run(&["completions", "tcsh"]).code(2);
    Project::empty().run(&["completions"]).code(2);
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand() {
    let run = Project::empty().run(&["man"]);
    run.code(0);
    assert!(
        run.stdout.starts_with(".ie") || run.stdout.contains(".TH checksheet"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(".TH checksheet"), "{}", run.stdout);
    assert!(run.stdout.contains(".SH SUBCOMMANDS"), "{}", run.stdout);
    for sub in SUBCOMMANDS {
        assert!(
            run.stdout.contains(&format!("checksheet\\-{sub}")),
            "man page lacks `{sub}`"
        );
    }
}
