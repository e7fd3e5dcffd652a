//! The four vendor examples: each builds, and every item of its catalog appears in order in
//! the xlsx (read back with calamine), the Markdown and the HTML, with the example's own
//! answer. Expected values are read from the example's YAML here, not through the loader.

use std::fs;
use std::path::Path;

use crate::harness::{Project, xlsx_cells};

struct Example {
    name: &'static str,
    catalog: &'static str,
    stem: &'static str,
    /// How the layout numbers items: `None` shows the ID, `Some(sep)` its last segment.
    separator: Option<&'static str>,
    number_column: usize,
    answer_column: usize,
    checkbox: &'static str,
    items: usize,
    sheets: &'static [usize],
}

const EXAMPLES: &[Example] = &[
    Example {
        name: "monocone",
        catalog: "light2-meti2013",
        stem: "monocone",
        separator: Some("."),
        number_column: 0,
        answer_column: 3,
        checkbox: "・",
        items: 86,
        sheets: &[86],
    },
    Example {
        name: "skyarch",
        catalog: "skyarch",
        stem: "skyarch",
        separator: None,
        number_column: 0,
        answer_column: 3,
        checkbox: "☐ ",
        items: 36,
        sheets: &[36],
    },
    Example {
        name: "melcol",
        catalog: "melcol",
        stem: "melcol",
        separator: Some("-"),
        number_column: 0,
        answer_column: 2,
        checkbox: "・",
        items: 80,
        sheets: &[29, 41, 10],
    },
    Example {
        name: "kingoftime",
        catalog: "mic-cloud-v3",
        stem: "mic-annex2",
        separator: None,
        number_column: 1,
        answer_column: 5,
        checkbox: "・",
        items: 121,
        sheets: &[121],
    },
];

type Yaml = serde_json::Value;

fn read_yaml(path: &Path) -> Yaml {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Control IDs of a catalog in document order (a group's controls, then its subgroups).
fn control_ids(catalog: &Yaml) -> Vec<String> {
    fn walk(group: &Yaml, out: &mut Vec<String>) {
        for control in group["controls"].as_array().into_iter().flatten() {
            out.push(control["id"].as_str().expect("string id").to_owned());
        }
        for child in group["groups"].as_array().into_iter().flatten() {
            walk(child, out);
        }
    }
    let mut ids = Vec::new();
    walk(catalog, &mut ids);
    ids
}

/// The answer text a layout shows for one answer value.
fn answer_text(value: &Yaml, checkbox: &str) -> String {
    match value {
        Yaml::String(text) => text.clone(),
        Yaml::Array(items) => items
            .iter()
            .map(|i| format!("{checkbox}{}", i.as_str().unwrap().replace('\n', "\n  ")))
            .collect::<Vec<_>>()
            .join("\n"),
        Yaml::Object(fields) => {
            let mut text = fields
                .get("answer")
                .map(|a| answer_text(a, checkbox))
                .unwrap_or_default();
            for link in fields
                .get("links")
                .and_then(Yaml::as_array)
                .into_iter()
                .flatten()
            {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(link.as_str().unwrap());
            }
            text
        }
        other => panic!("unexpected answer {other:?}"),
    }
}

#[test]
fn every_example_reproduces_its_items_in_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in EXAMPLES {
        let catalog = read_yaml(
            &root
                .join("controls")
                .join(format!("{}.yaml", example.catalog)),
        );
        let ids = control_ids(&catalog);
        assert_eq!(ids.len(), example.items, "{}: catalog size", example.name);
        let mut answers = serde_json::Map::new();
        let mut files: Vec<_> =
            fs::read_dir(root.join("examples").join(example.name).join("answers"))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
        files.sort();
        for file in files {
            let yaml = read_yaml(&file);
            for (id, value) in yaml["answers"].as_object().unwrap() {
                assert!(
                    answers.insert(id.clone(), value.clone()).is_none(),
                    "{id} answered twice"
                );
            }
        }
        assert_eq!(
            answers.len(),
            example.items,
            "{}: every item answered",
            example.name
        );

        let project = Project::copy_of(&format!("examples/{}", example.name));
        let run = project.run(&["check", "--deny-warnings"]);
        run.code(0);
        project.run(&["build"]).code(0);

        let expected: Vec<(String, String)> = ids
            .iter()
            .map(|id| {
                let number = match example.separator {
                    Some(sep) => id.rsplit(sep).next().unwrap().to_owned(),
                    None => id.clone(),
                };
                (number, answer_text(&answers[id.as_str()], example.checkbox))
            })
            .collect();

        // xlsx: walk every row of every sheet; each expected item must come, in order.
        let cells = xlsx_cells(&project.read_bytes(&format!("dist/{}.xlsx", example.stem)));
        let mut rows: Vec<(String, usize, Vec<String>)> = Vec::new();
        for (sheet, row, column, value, _) in cells {
            if rows.last().is_none_or(|(s, r, _)| *s != sheet || *r != row) {
                rows.push((sheet.clone(), row, Vec::new()));
            }
            let cells = &mut rows.last_mut().unwrap().2;
            cells.resize(cells.len().max(column + 1), String::new());
            cells[column] = value;
        }
        let mut next = 0;
        let mut per_sheet: Vec<(String, usize)> = Vec::new();
        for (sheet, _, cells) in &rows {
            let Some((number, answer)) = expected.get(next) else {
                break;
            };
            let get = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
            if get(example.number_column) == number && get(example.answer_column) == answer {
                next += 1;
                match per_sheet.last_mut() {
                    Some((s, n)) if s == sheet => *n += 1,
                    _ => per_sheet.push((sheet.clone(), 1)),
                }
            }
        }
        assert_eq!(
            next,
            example.items,
            "{}: xlsx item {} ({:?}) missing or out of order",
            example.name,
            next + 1,
            expected.get(next)
        );
        let counts: Vec<usize> = per_sheet.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, example.sheets, "{}: items per sheet", example.name);

        let md = project.read(&format!("dist/{}.md", example.stem));
        let tables = md.lines().filter(|l| l.starts_with("| ---")).count();
        let body_rows = md
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
            .count()
            - tables;
        assert_eq!(
            body_rows, example.items,
            "{}: markdown item rows",
            example.name
        );
        let mut md_next = 0;
        for line in md.lines() {
            let cell = line
                .strip_prefix("| ")
                .and_then(|l| l.split(" | ").nth(example.number_column));
            if let Some((number, _)) = expected.get(md_next)
                && cell == Some(number.as_str())
            {
                md_next += 1;
            }
        }
        assert_eq!(
            md_next, example.items,
            "{}: markdown items in order",
            example.name
        );

        let html = project.read(&format!("dist/{}.html", example.stem));
        assert_eq!(
            html.matches("<tr class=\"item\"").count(),
            example.items,
            "{}: html item rows",
            example.name
        );
        for id in &ids {
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "{}: no anchor for {id}",
                example.name
            );
        }
    }
}

/// Markdown as GitHub shows it: heading levels go down one at a time (a layout hiding a
/// depth of group rows does not leave a gap), and short columns hold word joiners so that
/// they are not narrowed to one character per line beside long answers.
#[test]
fn markdown_headings_step_by_one_and_short_columns_do_not_break() {
    let mut pages = Vec::new();
    for name in ["monocone", "skyarch", "melcol", "kingoftime"] {
        let project = Project::copy_of(&format!("examples/{name}"));
        project.run(&["build"]).code(0);
        for entry in fs::read_dir(project.path().join("dist")).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                pages.push((name, fs::read_to_string(entry.path()).unwrap()));
            }
        }
    }
    let root = Project::copy_of(".");
    root.run(&["build"]).code(0);
    let default_md = root.read("dist/default-mic-cloud-v3.md");
    pages.push(("root", default_md.clone()));
    pages.push(("root", root.read("dist/monocone.md")));
    for (name, md) in &pages {
        let mut last = 0;
        for line in md.lines() {
            let level = line.chars().take_while(|c| *c == '#').count();
            if level == 0 || !line[level..].starts_with(' ') {
                continue;
            }
            assert!(
                level <= last + 1,
                "{name}: `{line}` comes after a level-{last} heading"
            );
            last = level;
        }
    }
    let wj = '\u{2060}';
    assert!(
        default_md.contains(&format!("| 区{wj}分 | 状{wj}況 |")),
        "short headers are joined"
    );
    assert!(default_md.contains(&format!("| 基{wj}本 | 実{wj}施{wj}済 |")));
    // IDs stay as they are, so that copying one gives the ID.
    assert!(default_md.contains("| II.1.1.1 |"));
}
