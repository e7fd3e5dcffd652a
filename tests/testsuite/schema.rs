//! The JSON Schemas (`checksheet schema KIND`) checked by an independent validator (the
//! `jsonschema` crate): they accept every YAML file of the repository that the loaders
//! accept, reject the broken fixtures and a table of known-bad snippets, and agree with
//! the loaders on each snippet.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use checksheet::diag::{Code, Diagnostics};
use checksheet::schema::Kind;
use checksheet::source::Sources;
use checksheet::yaml::{self, Node, Value as Yaml};
use serde_json::{Map, Value, json};
use strum::VariantArray;

use crate::harness::Project;

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A validator for one schema, checking `format` (dates) as well; built once per kind.
fn validator(kind: Kind) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<Vec<(Kind, jsonschema::Validator)>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        Kind::VARIANTS
            .iter()
            .map(|&kind| {
                let schema = kind.schema();
                jsonschema::draft7::meta::validate(&schema).unwrap_or_else(|e| {
                    panic!("the {} schema is not valid draft-07: {e}", kind.name())
                });
                let validator = jsonschema::draft7::options()
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("the {} schema does not compile: {e}", kind.name()));
                (kind, validator)
            })
            .collect()
    });
    &all.iter().find(|(k, _)| *k == kind).expect("every kind").1
}

/// Parses YAML with checksheet's own parser. `None`: not valid YAML (an editor's YAML
/// parser reports those itself; no schema is involved).
fn parse(name: &str, text: &str) -> Option<Node<'static>> {
    let mut sources = Sources::default();
    let id = sources.add(name, Path::new(name), text.to_owned());
    yaml::parse(sources.get(id), id).ok().map(Node::into_owned)
}

/// The JSON an editor sees for a YAML node (YAML 1.2 core schema): plain `true`/`false`
/// are booleans, plain numbers are numbers, everything else is a string.
fn to_json(node: &Node) -> Value {
    match &node.value {
        Yaml::Null => Value::Null,
        Yaml::Str(s) => json!(s),
        Yaml::Plain(s) => plain(s),
        Yaml::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.text.to_string(), to_json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn plain(s: &str) -> Value {
    match s {
        "true" | "True" | "TRUE" => return json!(true),
        "false" | "False" | "FALSE" => return json!(false),
        _ => {}
    }
    let numeric = s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
    if numeric {
        if let Ok(n) = s.parse::<i64>() {
            return json!(n);
        }
        if let Ok(n) = s.parse::<f64>() {
            return json!(n);
        }
    }
    json!(s)
}

/// What the schema says about a document: `Ok`, or the instance paths it rejects.
fn schema_verdict(kind: Kind, document: &Value) -> Result<(), Vec<String>> {
    let validator = validator(kind);
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What the file's loader says: `Ok`, or its error messages. An answer with no text
/// (warning CS0404) counts as rejected: the schema flags it.
fn loader_verdict(kind: Kind, node: &Node) -> Result<(), Vec<String>> {
    let mut diags = Diagnostics::default();
    match kind {
        Kind::Project => {
            checksheet::load::project::load_project(node, Path::new("."), &mut diags);
        }
        Kind::Catalog => {
            checksheet::load::catalog::load_catalog(node.clone(), "test", &mut diags);
        }
        Kind::Answers => {
            checksheet::load::answers::load_answer_file(node.clone(), &mut diags);
        }
        Kind::Layout => {
            checksheet::layout::load_layout(node, "test", &mut diags);
        }
    }
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error() || d.code == Code::EmptyAnswer)
        .map(|d| format!("{}: {}", d.code.code(), d.message))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The kind of a YAML file of the repository, by its name and folder.
fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    let in_folder = |folder: &str| path.components().any(|c| c.as_os_str() == folder);
    if name == "checksheet.yaml" {
        Some(Kind::Project)
    } else if name == "layout.yaml" {
        Some(Kind::Layout)
    } else if in_folder("answers") {
        Some(Kind::Answers)
    } else if in_folder("controls") {
        Some(Kind::Catalog)
    } else {
        None
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "dist" || name == "target" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Every YAML file of the repository's projects, catalogs, layouts and fixtures.
fn repository_files() -> Vec<(PathBuf, Kind)> {
    let root = root();
    let mut files = vec![root.join("checksheet.yaml")];
    for folder in [
        "answers",
        "controls",
        "examples",
        "templates",
        "tests/fixtures",
    ] {
        yaml_files(&root.join(folder), &mut files);
    }
    files.sort();
    // Mapping files (`…/mappings/*.yaml`) and thesaurus files (`…/thesaurus/*.yaml`) are
    // checked by their own loaders in mapping.rs and mapping/thesaurus.rs.
    files.retain(|p| {
        !p.components()
            .any(|c| c.as_os_str() == "mappings" || c.as_os_str() == "thesaurus")
    });
    files
        .into_iter()
        .map(|path| {
            let kind = kind_of(path.strip_prefix(&root).unwrap())
                .unwrap_or_else(|| panic!("which file kind is {}?", path.display()));
            (path, kind)
        })
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn the_schemas_are_valid_draft_07_and_printed_by_the_cli() {
    for kind in Kind::VARIANTS.iter().copied() {
        validator(kind);
        let run = Project::empty().run(&["schema", kind.name()]);
        run.code(0);
        let printed: Value = serde_json::from_str(&run.stdout).expect("schema prints JSON");
        assert_eq!(printed, kind.schema(), "{}", kind.name());
        assert!(run.stdout.ends_with("}\n"));
    }
    let run = Project::empty().run(&["schema", "nope"]);
    run.code(2);
    assert!(
        run.stderr.contains("project, catalog, answers, layout"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_schemas_accept_every_file_the_loaders_accept() {
    let files = repository_files();
    let mut checked = BTreeSet::new();
    let mut problems = Vec::new();
    for (path, kind) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let Some(node) = parse(&relative(path), &text) else {
            continue;
        };
        let loader = loader_verdict(*kind, &node);
        let schema = schema_verdict(*kind, &to_json(&node));
        if loader.is_ok() {
            checked.insert((kind.name(), relative(path)));
            if let Err(errors) = schema {
                problems.push(format!("{} ({}): {errors:#?}", relative(path), kind.name()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "rejected by the schema:\n{}",
        problems.join("\n")
    );
    // Every kind is covered, with every example, built-in catalog and layout.
    for expected in [
        ("project", "checksheet.yaml"),
        ("answers", "answers/ii-1-organization.yaml"),
        ("catalog", "controls/mic-cloud-v3.yaml"),
        ("layout", "templates/default/layout.yaml"),
        ("project", "examples/skyarch/checksheet.yaml"),
        (
            "layout",
            "tests/fixtures/build/custom-layout/layouts/acme/layout.yaml",
        ),
    ] {
        let expected = (expected.0, expected.1.to_owned());
        assert!(checked.contains(&expected), "{expected:?} was not checked");
    }
    let outside_check_fixtures = files
        .iter()
        .filter(|(p, _)| !relative(p).starts_with("tests/fixtures/check"))
        .count();
    let checked_outside = checked
        .iter()
        .filter(|(_, p)| !p.starts_with("tests/fixtures/check"))
        .count();
    assert_eq!(
        checked_outside, outside_check_fixtures,
        "every project, catalog, layout and answer file outside tests/fixtures/check loads"
    );
}

/// The broken fixture files whose mistakes a schema can see, with the places it must flag.
#[test]
fn the_schemas_reject_the_broken_fixtures() {
    let cases: &[(&str, Kind, &[&str])] = &[
        (
            "tests/fixtures/check/bad-catalog/controls/acme.yaml",
            Kind::Catalog,
            &[
                "/catalog/url",
                "/groups/0/controls/0/level",
                "/groups/0/controls/2",
                "/groups/1",
                "/groups/1/controls/0/id",
            ],
        ),
        (
            "tests/fixtures/check/bad-project/checksheet.yaml",
            Kind::Project,
            &[
                "/organization",
                "/as_of",
                "/outputs/0/formats/1",
                "/outputs/1/name",
            ],
        ),
        (
            "tests/fixtures/check/bad-values/answers/a.yaml",
            Kind::Answers,
            &[
                "/answers/II.1.1.1/status",
                "/answers/II.1.1.2",
                "/answers/II.1.1.3/reviewed",
                "/answers/II.1.1.3/links/0",
                "/answers/II.1.1.3/links/1",
                "/answers/II.2.1.1/answer",
                "/answers/II.2.1.2",
            ],
        ),
        (
            "tests/fixtures/check/bad-evidence/answers/a.yaml",
            Kind::Answers,
            &[
                "/answers/II.1.1.1/evidence",
                "/answers/II.1.1.2/evidence/1",
                "/answers/II.1.1.2/evidence/2",
                "/answers/II.1.1.2/evidence/3",
                "/answers/II.1.1.3/evidence/0",
                "/answers/II.2.1.1",
            ],
        ),
    ];
    for (file, kind, places) in cases {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let node = parse(file, &text).expect("valid YAML");
        assert!(
            loader_verdict(*kind, &node).is_err(),
            "{file}: the loader accepts it"
        );
        let errors = schema_verdict(*kind, &to_json(&node))
            .expect_err(&format!("{file}: the schema accepts it"));
        let flagged: BTreeSet<&str> = errors
            .iter()
            .map(|e| e.split(": ").next().unwrap())
            .collect();
        for place in *places {
            assert!(
                flagged.contains(place),
                "{file}: {place} not flagged in {errors:#?}"
            );
        }
    }
}

/// Snippets, each checked by the schema and by the loader: `true` = both accept, `false` =
/// both reject. `Stricter` cases are accepted by the loader but flagged by the schema, on
/// purpose (see src/schema.rs).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Expect {
    Valid,
    Invalid,
    Stricter,
}

const PROJECT: &str = "organization: {name: X}\nas_of: 2026-11-01\noutputs: [{layout: default, catalog: mic-cloud-v3}]\n";
const CATALOG: &str = "catalog: {id: acme, title: ACME}\ngroups:\n  - id: \"1\"\n    title: G\n    controls:\n      - {id: \"1.1\", title: T}\n";
const ANSWERS: &str = "catalog: mic-cloud-v3\nanswers:\n  II.1.1.1: 実施しています。\n";
const LAYOUT: &str = "layout: {id: acme}\ntitle: T\ncolumns:\n  - {header: 項番, value: id}\n";

fn snippets() -> Vec<(Kind, String, Expect)> {
    use Expect::*;
    let p = |extra: &str| format!("{PROJECT}{extra}");
    let c = |extra: &str| format!("{CATALOG}{extra}");
    let a = |extra: &str| format!("{ANSWERS}{extra}");
    let l = |extra: &str| format!("{LAYOUT}{extra}");
    let project_outputs = |outputs: &str| {
        format!("organization: {{name: X}}\nas_of: 2026-11-01\noutputs:\n{outputs}")
    };
    let catalog_controls =
        |controls: &str| format!("catalog: {{id: acme, title: ACME}}\ncontrols:\n{controls}");
    let layout_columns =
        |columns: &str| format!("layout: {{id: acme}}\ntitle: T\ncolumns:\n{columns}");
    let group_rows = |rows: &str| format!("{LAYOUT}group_rows:\n{rows}");
    vec![
        // project
        (Kind::Project, p(""), Valid),
        (Kind::Project, p("answers: [answers, more]\ncatalogs: [controls]\nlayouts: [templates]\ndocument: {title: T, preamble: [a, b], notice: N}\n"), Valid),
        (Kind::Project, p("organizaton: {name: X}\n"), Invalid),
        (Kind::Project, "organization: {name: X}\noutputs: []\n".into(), Invalid),
        (Kind::Project, "organization: {name: X}\nas_of: 2026-02-30\noutputs: []\n".into(), Invalid),
        (Kind::Project, "organization: {name: X}\nas_of: 2026-2-1\noutputs: []\n".into(), Invalid),
        (Kind::Project, "organization: {name: X}\nas_of:\noutputs: []\n".into(), Invalid),
        (Kind::Project, "organization: {name: \" \"}\nas_of: 2026-11-01\noutputs: []\n".into(), Invalid),
        (Kind::Project, "organization: {name: X, short: Y}\nas_of: 2026-11-01\noutputs: []\n".into(), Invalid),
        (Kind::Project, "organization: {name: X}\nas_of: 2026-11-01\n".into(), Invalid),
        (Kind::Project, p("answers: answers\n"), Invalid),
        (Kind::Project, p("document: {subtitle: S}\n"), Invalid),
        (Kind::Project, project_outputs("  - {layout: default, catalog: mic-cloud-v3, formats: [xlsx, md, html], name: sample-mic}\n"), Valid),
        (Kind::Project, project_outputs("  - {layout: default, formats: [pdf]}\n"), Invalid),
        (Kind::Project, project_outputs("  - {catalog: mic-cloud-v3}\n"), Invalid),
        (Kind::Project, project_outputs("  - {layout: default, name: ../escape}\n"), Invalid),
        (Kind::Project, project_outputs("  - {layout: default, name: .hidden}\n"), Invalid),
        (Kind::Project, project_outputs("  - {layout: default, file: x}\n"), Invalid),
        // catalogs
        (Kind::Catalog, c(""), Valid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME, publisher: P, url: \"https://example.com/q\", version: 3}\ncontrols: [{id: a, text: T, level: 推奨, refs: {iso27001-2013: [A.5.1.1], mic-cloud-v3: II.1.1.1}}]\n".into(), Valid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME, lang: en}\nquestionnaire:\n  workbook: acme.xlsx\n  labels: {はい: implemented, \"No\": not-implemented}\n  tables:\n    - {sheet: 質問票, header_row: 4, columns: {id: A, question: C, choice: D, answer: E, evidence: F}, questions: 1, fingerprint: 0123456789abcdef}\ncontrols: [{id: a, text: T, cells: {sheet: 質問票, row: 5, question: C, choice: D, answer: E}}]\n".into(), Valid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME, lang: fr}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\nquestionnaire: {labels: {はい: yes}}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\nquestionnaire: {tables: [{sheet: S, header_row: 0, columns: {}, questions: 1, fingerprint: 0123456789abcdef}]}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\nquestionnaire: {tables: [{sheet: S, header_row: 1, columns: {}, questions: 1, fingerprint: XYZ}]}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\ncontrols: [{id: a, title: T, cells: {sheet: S, row: 2, answer: \"1\"}}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\ncontrols: [{id: a, title: T, cells: {sheet: S, row: 2, answr: E}}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: \"acme corp\", title: ACME}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME, url: ftp://example.com}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title:}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME, owner: X}\ncontrols: [{id: a, title: T}]\n".into(), Invalid),
        (Kind::Catalog, catalog_controls("  - {id: a, title: T, level: 高}\n"), Invalid),
        (Kind::Catalog, catalog_controls("  - {id: a}\n"), Invalid),
        (Kind::Catalog, catalog_controls("  - {id: a, title: T, question: Q}\n"), Invalid),
        (Kind::Catalog, catalog_controls("  - {id: \" a\", title: T}\n"), Invalid),
        (Kind::Catalog, catalog_controls("  - {id: a, title: T, refs: [A.5]}\n"), Invalid),
        (Kind::Catalog, catalog_controls("  - {id: 1.10, title: T}\n"), Stricter),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\ngroups: [{id: \"1\", title: G, text: x, note: y, groups: [{id: \"1.1\", title: H, controls: [{id: a, title: T}]}]}]\n".into(), Valid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\ngroups: [{id: \"1\", controls: [{id: a, title: T}]}]\n".into(), Invalid),
        (Kind::Catalog, "catalog: {id: acme, title: ACME}\ngroups: [{id: \"1\", title: G, chapter: 1}]\n".into(), Invalid),
        // answers
        (Kind::Answers, a(""), Valid),
        (Kind::Answers, a("  II.1.1.2: [一行目, 二行目]\n  II.1.1.3:\n    status: not-applicable\n  II.1.1.4:\n    status: partial\n    answer: [a, b]\n    links: [\"https://example.com/a\", \"http://example.com/b\"]\n    reviewed: 2024-02-29\n    note: memo\n"), Valid),
        (Kind::Answers, "catalog: mic-cloud-v3\nanswers:\n".into(), Valid),
        (Kind::Answers, "answers: {II.1.1.1: x}\n".into(), Invalid),
        (Kind::Answers, "catalog: mic-cloud-v3\n".into(), Invalid),
        (Kind::Answers, "catalog: mic-cloud-v3\nanswers: [x]\n".into(), Invalid),
        (Kind::Answers, a("version: 2\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {status: done, answer: x}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {status: implemented, answer: x, comment: y}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, reviewed: 2025-02-29}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, reviewed: 2025/01/01}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, links: \"https://example.com\"}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, links: [example.com]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, links: [\"https://example.com/a<b>\"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, links: [\"https://example.com/a b\"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, links: [\"https://example.com/a\\u3000b\"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, links: [\"https://例え.jp/検索?q=%E3%82%BB\"]}\n"), Valid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [\"https://example.com/a\\\"b\"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2:\n    answer: x\n    links: [\"https://example.com/a\"]\n    evidence: [情報セキュリティ基本方針 第3版, \"https://example.com/policy\", \"HTTP://example.com/p\", ftp-server 手順書, 2024]\n"), Valid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: []}\n"), Valid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: 情報セキュリティ基本方針}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [\"\"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [\"  \"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [www.example.com/policy]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [\"https://\"]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [[nested]]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: x, evidence: [{name: a}]}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {answer: {text: x}}\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: [[nested]]\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2:\n"), Invalid),
        (Kind::Answers, a("  II.1.1.2: {note: only a note}\n"), Invalid),
        (Kind::Answers, a("  \" II.1.1.2\": x\n"), Invalid),
        // layouts
        (Kind::Layout, l(""), Valid),
        (Kind::Layout, l("header: H\nintro: [a]\nnotice: N\nnumbering: {scheme: last-segment, separator: \"-\"}\ncheckbox: \"☐ \"\nsheets: [{name: S, groups: [\"1\"], heading: H, notice: N}]\n"), Valid),
        (Kind::Layout, "layout: {id: Acme}\ntitle: T\ncolumns: [{header: h, value: id}]\n".into(), Invalid),
        (Kind::Layout, "layout: {id: acme}\ncolumns: [{header: h, value: id}]\n".into(), Invalid),
        (Kind::Layout, "layout: {id: acme}\ntitle: T\ncolumns: []\n".into(), Invalid),
        (Kind::Layout, l("footer: F\n"), Invalid),
        (Kind::Layout, layout_columns("  - {header: h, value: refs:iso27001-2013, width: 12.5}\n"), Valid),
        (Kind::Layout, layout_columns("  - {header: h, value: answers}\n"), Invalid),
        (Kind::Layout, format!("unanswered: 個別にご相談ください\n{}", layout_columns("  - {header: h, value: answer}\n")), Valid),
        (Kind::Layout, format!("unanswered: [a, b]\n{}", layout_columns("  - {header: h, value: answer}\n")), Invalid),
        (Kind::Layout, layout_columns("  - {header: 項番, value: id}\n  - {header: 証跡, value: evidence, width: 30, hide_when_empty: true}\n"), Valid),
        (Kind::Layout, layout_columns("  - {header: 証跡, value: evidence, hide_when_empty: false}\n"), Valid),
        (Kind::Layout, layout_columns("  - {header: 証跡, value: evidence, hide_when_empty: maybe}\n"), Invalid),
        (Kind::Layout, layout_columns("  - {header: 証跡, value: evidences}\n"), Invalid),
        (Kind::Layout, layout_columns("  - {header: h, value: \"refs:\"}\n"), Invalid),
        (Kind::Layout, layout_columns("  - {header: h, value: id, width: 0}\n"), Invalid),
        (Kind::Layout, layout_columns("  - {header: h, value: id, width: 256}\n"), Invalid),
        (Kind::Layout, layout_columns("  - {value: id}\n"), Invalid),
        (Kind::Layout, group_rows("  - {depth: 1, text: \"{{ group.title }}\", lead: [x]}\n"), Valid),
        (Kind::Layout, group_rows("  - {depth: 1, hidden: true}\n"), Valid),
        (Kind::Layout, group_rows("  - {depth: 1, hidden: false}\n"), Invalid),
        (Kind::Layout, group_rows("  - {depth: 1}\n"), Invalid),
        (Kind::Layout, group_rows("  - {depth: 0, text: x}\n"), Invalid),
        (Kind::Layout, group_rows("  - {depth: 33, text: x}\n"), Invalid),
        (Kind::Layout, group_rows("  - {depth: 1, text: x, style: bold}\n"), Invalid),
        (Kind::Layout, l("numbering: {scheme: roman}\n"), Invalid),
        (Kind::Layout, l("numbering: {separator: \"-\"}\n"), Invalid),
        (Kind::Layout, l("sheets: [{groups: [\"1\"]}]\n"), Invalid),
        (Kind::Layout, l("sheets: [{name: S, title: T}]\n"), Invalid),
    ]
}

#[test]
fn the_schemas_and_the_loaders_agree_on_known_good_and_bad_snippets() {
    let mut problems = Vec::new();
    for (kind, text, expect) in snippets() {
        let node = parse("snippet.yaml", &text).unwrap_or_else(|| panic!("not YAML: {text}"));
        let schema = schema_verdict(kind, &to_json(&node));
        let loader = loader_verdict(kind, &node);
        let (schema_ok, loader_ok) = match expect {
            Expect::Valid => (true, true),
            Expect::Invalid => (false, false),
            Expect::Stricter => (false, true),
        };
        if schema.is_ok() != schema_ok || loader.is_ok() != loader_ok {
            problems.push(format!(
                "{} snippet, expected {expect:?}:\n{text}schema: {schema:?}\nloader: {loader:?}\n",
                kind.name()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every value a schema offers for completion is one the loader takes.
#[test]
fn every_enumerated_value_loads() {
    let layout = Kind::Layout.schema();
    let values = layout
        .pointer("/properties/columns/items/properties/value/anyOf/0/enum")
        .and_then(Value::as_array)
        .expect("column values");
    let schemes = layout
        .pointer("/properties/numbering/properties/scheme/enum")
        .and_then(Value::as_array)
        .expect("numbering schemes");
    assert!(values.len() >= 8 && schemes.len() == 3);
    for value in values {
        let text = format!(
            "{LAYOUT}  - {{header: h, value: {}}}\n",
            value.as_str().unwrap()
        );
        let node = parse("layout.yaml", &text).unwrap();
        assert_eq!(loader_verdict(Kind::Layout, &node), Ok(()), "{text}");
        assert_eq!(
            schema_verdict(Kind::Layout, &to_json(&node)),
            Ok(()),
            "{text}"
        );
    }
    for scheme in schemes {
        let text = format!(
            "{LAYOUT}numbering: {{scheme: {}}}\n",
            scheme.as_str().unwrap()
        );
        let node = parse("layout.yaml", &text).unwrap();
        assert_eq!(loader_verdict(Kind::Layout, &node), Ok(()), "{text}");
    }
    let answers = Kind::Answers.schema();
    for status in answers["definitions"]["answer"]["properties"]["status"]["enum"]
        .as_array()
        .unwrap()
    {
        let text = format!("{ANSWERS}  X.1: {{status: {}}}\n", status.as_str().unwrap());
        let node = parse("a.yaml", &text).unwrap();
        assert_eq!(loader_verdict(Kind::Answers, &node), Ok(()), "{text}");
    }
}

/// Validates a file written by `init` (used by tests/testsuite/init.rs).
pub fn assert_valid(kind: Kind, name: &str, text: &str) {
    let node = parse(name, text).unwrap_or_else(|| panic!("{name} is not YAML"));
    assert_eq!(loader_verdict(kind, &node), Ok(()), "{name}: loader");
    assert_eq!(
        schema_verdict(kind, &to_json(&node)),
        Ok(()),
        "{name}: schema"
    );
}
