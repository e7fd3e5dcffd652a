//! `checksheet completions SHELL` and `checksheet man`: generated from the clap definition.

use checksheet::cli::Cli;
use clap::CommandFactory;

use crate::harness::Project;

/// Every subcommand of the clap definition, nested ones (`list catalogs`, `map suggest`)
/// by their own name, with the names of their parents.
fn subcommands() -> Vec<(String, Option<String>)> {
    let cli = Cli::command();
    let mut names = Vec::new();
    for sub in cli.get_subcommands() {
        names.push((sub.get_name().to_owned(), None));
        for nested in sub.get_subcommands() {
            names.push((
                nested.get_name().to_owned(),
                Some(sub.get_name().to_owned()),
            ));
        }
    }
    assert!(
        names.iter().filter(|(_, parent)| parent.is_none()).count() >= 11,
        "the definition's subcommands: {names:?}"
    );
    names
}

/// `word` stands alone somewhere in `text`: not part of a longer name or option
/// (`check` in `--check` or `checksheet` does not count).
fn has_word(text: &str, word: &str) -> bool {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(part_of_name)
            && !text[at + word.len()..]
                .chars()
                .next()
                .is_some_and(part_of_name)
    })
}

#[test]
fn whole_words_are_told_from_parts_of_names() {
    assert!(has_word("opts=\"build check list\"", "check"));
    assert!(!has_word("--check checksheet check-x", "check"));
}

#[test]
fn completion_scripts_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Project::empty().run(&["completions", shell]);
        run.code(0);
        assert!(run.stdout.len() > 500, "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("checksheet"), "{shell}");
        for (sub, parent) in subcommands() {
            assert!(
                has_word(&run.stdout, &sub),
                "{shell} completions lack `{sub}` (of {parent:?})"
            );
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
    // The page lists the top-level subcommands (`checksheet-list`); the nested ones are
    // in their parent's own help.
    for (sub, _) in subcommands()
        .into_iter()
        .filter(|(_, parent)| parent.is_none())
    {
        assert!(
            has_word(&run.stdout, &format!("checksheet\\-{sub}")),
            "man page lacks `{sub}`"
        );
    }
}
