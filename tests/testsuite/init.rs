//! `checksheet init`: a new project that `check`, `build` and `fmt --check` accept, whose
//! YAML files point editors at the schemas it writes, and that never overwrites a file.

use std::path::Path;

use checksheet::schema::Kind;
use strum::VariantArray;

use crate::harness::Project;
use crate::schema::assert_valid;

const WRITTEN: &[&str] = &[
    "checksheet.yaml",
    "answers/mic-cloud-v3.yaml",
    ".gitignore",
    ".checksheet/schema/project.json",
    ".checksheet/schema/catalog.json",
    ".checksheet/schema/answers.json",
    ".checksheet/schema/layout.json",
];

#[test]
fn init_writes_a_project_that_checks_and_builds() {
    let project = Project::empty();
    let run = project.run(&["init", "new"]);
    run.code(0);
    for file in WRITTEN {
        assert!(project.exists(&format!("new/{file}")), "{file} not written");
        assert!(
            run.stderr.contains(&format!("created new/{file}")),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("next: checksheet check new"),
        "{}",
        run.stderr
    );
    assert!(
        project
            .read("new/.gitignore")
            .lines()
            .any(|l| l == "/dist/")
    );

    let check = project.run(&["check", "new", "--format", "json"]);
    check.code(0);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{}", check.stdout);

    project.run(&["build", "new"]).code(0);
    for ext in ["xlsx", "md", "html"] {
        assert!(project.exists(&format!("new/dist/default-mic-cloud-v3.{ext}")));
    }
    let md = project.read("new/dist/default-mic-cloud-v3.md");
    assert!(md.contains("情報セキュリティ基本方針"), "{md}");
    // The example answers are already in the form `checksheet fmt` writes.
    project.run(&["fmt", "new", "--check"]).code(0);
}

#[test]
fn init_yaml_files_name_the_schemas_it_writes() {
    let project = Project::empty();
    project.run(&["init"]).code(0);
    for (file, kind) in [
        ("checksheet.yaml", Kind::Project),
        ("answers/mic-cloud-v3.yaml", Kind::Answers),
    ] {
        let text = project.read(file);
        let first = text.lines().next().unwrap();
        let schema = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{file} starts with {first}"));
        assert!(
            !schema.starts_with('/'),
            "{file}: the schema path must be relative"
        );
        let target = Path::new(file).parent().unwrap().join(schema);
        let written: serde_json::Value =
            serde_json::from_str(&project.read(target.to_str().unwrap())).unwrap();
        assert_eq!(written, kind.schema(), "{file} → {schema}");
        assert_valid(kind, file, &text);
    }
    for kind in Kind::VARIANTS.iter().copied() {
        let file = format!(".checksheet/schema/{}.json", kind.name());
        let printed = project.run(&["schema", kind.name()]);
        assert_eq!(project.read(&file), printed.stdout, "{file}");
    }
}

#[test]
fn init_never_overwrites_a_file() {
    let project = Project::empty().file("checksheet.yaml", "mine\n");
    let run = project.run(&["init"]);
    run.code(2);
    assert!(
        run.stderr
            .contains("a file exists already: checksheet.yaml")
            && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read("checksheet.yaml"), "mine\n");
    assert!(!project.exists("answers") && !project.exists(".checksheet"));

    // A second init over a first one: every file is named, none is touched.
    let project = Project::empty();
    project.run(&["init", "p"]).code(0);
    let before = project.read("p/answers/mic-cloud-v3.yaml");
    let again = project.run(&["init", "p"]);
    again.code(2);
    for file in WRITTEN {
        assert!(
            again.stderr.contains(&format!("p/{file}")),
            "{}",
            again.stderr
        );
    }
    assert_eq!(project.read("p/answers/mic-cloud-v3.yaml"), before);

    // An unwritable place cannot run either.
    let blocked = Project::empty().file("blocker", "a file where the folder should be");
    blocked.run(&["init", "blocker/new"]).code(2);
}

/// A new project sets `document.notice`; its sheets still say what date they describe,
/// in every format and in every built-in layout.
#[test]
fn a_new_projects_sheets_say_their_date() {
    let project = Project::empty();
    project.run(&["init", "new"]).code(0);
    let config = project.read("new/checksheet.yaml");
    let as_of = config
        .lines()
        .find_map(|l| l.strip_prefix("as_of: "))
        .and_then(|rest| rest.split_whitespace().next())
        .expect("init writes as_of")
        .to_owned();
    let parts: Vec<u32> = as_of.split('-').map(|p| p.parse().unwrap()).collect();
    // Layouts say the day (`default`) or only the month (`melcol`, as its vendor does).
    let dated = |text: &str| {
        [
            format!(
                "本資料は{}年{}月{}日時点の情報に基づきます。",
                parts[0], parts[1], parts[2]
            ),
            format!(
                "本資料は{}年{}月時点の情報に基づきます。",
                parts[0], parts[1]
            ),
            format!(
                "本資料は{}年{:02}月時点の情報に基づきます。",
                parts[0], parts[1]
            ),
        ]
        .iter()
        .any(|line| text.contains(line.as_str()))
    };
    let line = "本資料は…時点の情報に基づきます。";
    let config = config.replace(
        "outputs:\n",
        "policy:\n  unanswered: off\n  unanswered_basic: off\noutputs:\n  - layout: monocone\n  - layout: skyarch\n  - layout: melcol\n  - layout: mic-annex2\n",
    );
    let project = project.file("new/checksheet.yaml", &config);
    project.run(&["build", "new"]).code(0);
    for name in [
        "default-mic-cloud-v3",
        "monocone",
        "skyarch",
        "melcol",
        "mic-annex2",
    ] {
        let md = project.read(&format!("new/dist/{name}.md"));
        assert!(dated(&md), "{name}.md lacks {line}:\n{md}");
        let html = project.read(&format!("new/dist/{name}.html"));
        assert!(dated(&html), "{name}.html lacks {line}");
        let cells =
            crate::harness::xlsx_cells(&project.read_bytes(&format!("new/dist/{name}.xlsx")));
        let sheets: std::collections::BTreeSet<&str> = cells.iter().map(|c| c.0.as_str()).collect();
        for sheet in sheets {
            assert!(
                cells.iter().any(|c| c.0 == sheet && dated(&c.3)),
                "{name}.xlsx sheet {sheet} lacks {line}"
            );
        }
        // The project's own notice is still there.
        assert!(md.contains("予告なく変更修正"), "{name}.md");
    }
}
