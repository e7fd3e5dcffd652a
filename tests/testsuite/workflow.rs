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
