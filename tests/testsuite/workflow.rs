//! docs/github-actions.md: its workflow is valid YAML with the documented steps, and every
//! `checksheet` command it runs is one the command line accepts.

use std::path::Path;

use checksheet::cli::Cli;
use checksheet::source::Sources;
use checksheet::yaml::{self, Node, Value};
use clap::Parser;

/// The first ```yaml block of the page.
fn workflow() -> String {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/github-actions.md"),
    )
    .expect("docs/github-actions.md");
    let start = page.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + page[start..].find("\n```").expect("the block ends");
    page[start..=end].to_owned()
}

fn get<'a>(node: &'a Node<'a>, key: &str) -> Option<&'a Node<'a>> {
    let Value::Map(entries) = &node.value else {
        return None;
    };
    entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v)
}

fn text<'a>(node: &'a Node<'_>) -> &'a str {
    match &node.value {
        Value::Str(s) | Value::Plain(s) => s,
        other => panic!("expected text, found {}", other.kind()),
    }
}

#[test]
fn the_documented_workflow_runs_real_commands() {
    let text_of_workflow = workflow();
    let mut sources = Sources::default();
    let id = sources.add("workflow.yml", Path::new("workflow.yml"), text_of_workflow);
    let root = yaml::parse(sources.get(id), id).expect("the workflow is valid YAML");
    let on = get(&root, "on").expect("on:");
    assert!(get(on, "push").is_some() && get(on, "pull_request").is_some());
    let jobs = get(&root, "jobs").expect("jobs:");
    let Value::Map(jobs) = &jobs.value else {
        panic!("jobs is a mapping")
    };
    let mut runs = Vec::new();
    let mut uses = Vec::new();
    for (_, job) in jobs {
        let Some(Node {
            value: Value::Seq(steps),
            ..
        }) = get(job, "steps")
        else {
            panic!("every job has steps")
        };
        for step in steps {
            if let Some(run) = get(step, "run") {
                let condition = get(step, "if").map(text).unwrap_or("").to_owned();
                runs.push((text(run).to_owned(), condition));
            }
            if let Some(action) = get(step, "uses") {
                let path = get(step, "with").and_then(|w| get(w, "path")).map(text);
                uses.push((text(action).to_owned(), path.map(str::to_owned)));
            }
        }
    }
    let mut commands = Vec::new();
    for (run, condition) in &runs {
        for line in run.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("checksheet ") {
                let words: Vec<&str> = rest
                    .split_whitespace()
                    .take_while(|w| !matches!(*w, ">" | ">>" | "|" | "&&" | "||" | ";"))
                    .collect();
                let args: Vec<&str> = std::iter::once("checksheet").chain(words).collect();
                if let Err(e) = Cli::try_parse_from(&args) {
                    panic!("`{line}` is not a valid command line:\n{e}");
                }
                commands.push((args[1..].join(" "), condition.clone()));
            }
        }
    }
    let on_pull_requests = |command: &str| {
        commands.iter().any(|(c, condition)| {
            c == command && condition == "github.event_name == 'pull_request'"
        })
    };
    assert!(on_pull_requests("check --format github"), "{commands:?}");
    assert!(
        on_pull_requests("diff --git origin/${{ github.base_ref }} --format markdown"),
        "{commands:?}"
    );
    assert!(
        commands
            .iter()
            .any(|(c, condition)| c == "build" && condition.is_empty()),
        "build runs on every event: {commands:?}"
    );
    assert!(
        uses.iter().any(
            |(action, path)| action.starts_with("actions/upload-artifact@")
                && path.as_deref() == Some("dist/*.xlsx")
        ),
        "{uses:?}"
    );
    assert!(
        runs.iter()
            .any(|(run, _)| run.contains("gh pr comment") && run.contains("--body-file")),
        "the diff is posted as a comment"
    );
}

/// The file at the repository's root, parsed with checksheet's own YAML reader.
fn root_yaml(name: &str) -> (Sources, checksheet::source::SourceId) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut sources = Sources::default();
    let id = sources.add(name, Path::new(name), text);
    (sources, id)
}

/// The `checksheet` command lines of a shell script, with shell variables and quotes
/// replaced by sample values, each checked against the command line's definition.
fn checksheet_commands(script: &str, values: &[(&str, &str)]) -> Vec<String> {
    let mut commands = Vec::new();
    for line in script.lines() {
        let Some(rest) = line.trim().strip_prefix("checksheet ") else {
            continue;
        };
        let mut rest = rest.replace('"', "");
        for (variable, value) in values {
            rest = rest.replace(variable, value);
        }
        assert!(!rest.contains('$'), "an unknown variable in `{line}`");
        let words: Vec<&str> = rest
            .split_whitespace()
            .take_while(|w| !matches!(*w, ">" | ">>" | "|" | "&&" | "||" | ";"))
            .collect();
        let args: Vec<&str> = std::iter::once("checksheet").chain(words).collect();
        if let Err(e) = Cli::try_parse_from(&args) {
            panic!("`{line}` is not a valid command line:\n{e}");
        }
        commands.push(args[1..].join(" "));
    }
    commands
}

#[test]
fn the_pre_commit_hooks_run_real_commands() {
    let (sources, id) = root_yaml(".pre-commit-hooks.yaml");
    let root = yaml::parse(sources.get(id), id).expect("valid YAML");
    let Value::Seq(hooks) = &root.value else {
        panic!("a list of hooks")
    };
    let mut ids = Vec::new();
    for hook in hooks {
        let hook_id = text(get(hook, "id").expect("id")).to_owned();
        assert!(get(hook, "name").is_some(), "{hook_id}: name");
        let language = text(get(hook, "language").expect("language"));
        assert!(
            matches!(language, "rust" | "system"),
            "{hook_id}: {language}"
        );
        // The commands take a project, not the staged files.
        assert_eq!(
            get(hook, "pass_filenames").map(text),
            Some("false"),
            "{hook_id}"
        );
        let entry = text(get(hook, "entry").expect("entry"));
        let commands = checksheet_commands(entry, &[]);
        assert_eq!(commands.len(), 1, "{hook_id}: {entry}");
        // A project path given as `args:` goes after the entry.
        let with_path = format!("{entry} security");
        checksheet_commands(&with_path, &[]);
        ids.push((hook_id, commands[0].clone()));
    }
    assert_eq!(
        ids,
        [
            ("checksheet-check".to_owned(), "check".to_owned()),
            ("checksheet-fmt".to_owned(), "fmt --check".to_owned()),
        ]
    );
}

#[test]
fn the_action_installs_checksheet_and_runs_real_commands() {
    let (sources, id) = root_yaml("action.yml");
    let root = yaml::parse(sources.get(id), id).expect("valid YAML");
    let runs = get(&root, "runs").expect("runs:");
    assert_eq!(get(runs, "using").map(text), Some("composite"));
    let inputs = get(&root, "inputs").expect("inputs:");
    assert!(get(inputs, "project").is_some());
    let Some(Node {
        value: Value::Seq(steps),
        ..
    }) = get(runs, "steps")
    else {
        panic!("steps")
    };
    let values = [
        ("$PROJECT", "."),
        ("$BASE", "main"),
        ("$RUNNER_TEMP/answers-diff.md", "/tmp/answers-diff.md"),
    ];
    let mut commands = Vec::new();
    let mut scripts = Vec::new();
    for step in steps {
        if let Some(run) = get(step, "run") {
            // Composite steps name their shell.
            assert!(get(step, "shell").is_some(), "{}", text(run));
            scripts.push(text(run).to_owned());
            commands.extend(checksheet_commands(text(run), &values));
        }
    }
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\"")),
        "installs checksheet from the action's own ref: {scripts:?}"
    );
    for expected in [
        "check . --format github",
        "check . --format github --deny-warnings",
        "fmt . --check",
        "diff --git origin/main . --format markdown",
    ] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected}: {commands:?}"
        );
    }
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("gh pr comment") && s.contains("--edit-last")),
        "the diff is posted as a comment"
    );
}
