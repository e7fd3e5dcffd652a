//! Mappings between catalogs: derived answers, conflicts, validation, suggestions.

use std::collections::HashMap;

use crate::harness::Project;

/// Cells of the Markdown table row whose first cell is `id`.
fn md_row(md: &str, id: &str) -> Vec<String> {
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| {id} |")))
        .unwrap_or_else(|| panic!("no row {id}"));
    line.trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().to_owned())
        .collect()
}

#[test]
fn the_root_project_answers_the_light2_sheet_from_its_mic_answers() {
    let project = Project::copy_of(".");
    let run = project.run(&["build"]);
    run.code(0);
    assert!(run.stderr.contains("note[CS0410]: 67 answers of catalog light2-meti2013 are derived through mappings: 67 from mic-cloud-v3"), "{}", run.stderr);
    let monocone = project.read("dist/monocone.md");
    let mic = project.read("dist/default-mic-cloud-v3.md");
    // Every light2 control with a mic-cloud-v3 ref shows that control's answer.
    let catalog =
        std::fs::read_to_string(project.path().join("controls/light2-meti2013.yaml")).unwrap();
    let mut checked = 0;
    let mut chapter_of: HashMap<String, String> = HashMap::new();
    let mut current = String::new();
    for line in catalog.lines() {
        let trimmed = line.trim_start();
        if let Some(id) = trimmed.strip_prefix("- id: \"") {
            current = id.trim_end_matches('"').to_owned();
        }
        if let Some(rest) = trimmed.strip_prefix("refs: {mic-cloud-v3: [\"") {
            let mic_id = rest.split('"').next().unwrap().to_owned();
            chapter_of.insert(current.clone(), mic_id);
        }
    }
    assert_eq!(chapter_of.len(), 67);
    let mut sections = monocone.split("\n## ").skip(1);
    for section in sections.by_ref() {
        let chapter = section.split('.').next().unwrap().to_owned();
        for line in section
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| 項目") && !l.starts_with("| ---"))
        {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            let id = if chapter == "8"
                && section.contains(&format!("| {} | {}", cells[0], cells[1]))
                && cells[1] != "SLA"
                && cells[1] != "責任"
            {
                format!("8.s2.{}", cells[0])
            } else {
                format!("{chapter}.{}", cells[0])
            };
            if let Some(mic_id) = chapter_of.get(&id) {
                let source = md_row(&mic, mic_id);
                assert_eq!(
                    cells[3], source[5],
                    "{id} should show the answer of {mic_id}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "only {checked} derived items compared");
    let coverage = project.run(&["list", "coverage"]);
    assert!(
        coverage
            .stdout
            .contains("answered      67 / 86    (77.9%, 67 derived through mappings)"),
        "{}",
        coverage.stdout
    );
    assert!(
        coverage.stdout.contains("open       7.5, 13.1"),
        "{}",
        coverage.stdout
    );
}

#[test]
fn differing_mapped_answers_are_a_conflict_never_resolved() {
    let project = Project::fixture("mapping", "conflict");
    let run = project.run(&["build"]);
    run.code(1);
    assert!(
        run.stderr.contains("error[CS0411]: control `Q2` of catalog acme maps to answers that differ in answer: mic-cloud-v3 `II.1.1.2`, mic-cloud-v3 `II.1.1.3`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("answers/mic.yaml:6:3"),
        "both sources are located:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("answers/mic.yaml:7:3"),
        "{}",
        run.stderr
    );
    assert!(!project.exists("dist"));
    let agreed_text = project.read("answers/mic.yaml").replace(
        "文書管理システムで保護しています。",
        "年1回見直しています。",
    );
    let agreed = project.file("answers/mic.yaml", &agreed_text);
    agreed.run(&["build"]).code(0);
    let md = agreed.read("dist/default-acme.md");
    assert_eq!(
        md_row(&md, "Q1")[5],
        "基本方針を定めています。<br>（mic-cloud-v3 II.1.1.1 の回答を転用）"
    );
    assert_eq!(
        md_row(&md, "Q2")[5],
        "年1回見直しています。<br>（mic-cloud-v3 II.1.1.2、II.1.1.3 の回答を転用）"
    );
    assert_eq!(
        md_row(&md, "Q3")[5],
        "",
        "a suggested pair carries no answer"
    );
}

#[test]
fn mapped_answers_must_agree_on_their_evidence() {
    let project = Project::fixture("mapping", "conflict");
    let text = project.read("answers/mic.yaml").replace(
        "  \"II.1.1.3\": 文書管理システムで保護しています。\n",
        "  \"II.1.1.3\":\n    answer: 年1回見直しています。\n    evidence: [情報セキュリティ基本方針 第3版]\n",
    );
    let differ = project.file("answers/mic.yaml", &text);
    let run = differ.run(&["build"]);
    run.code(1);
    assert!(
        run.stderr.contains("error[CS0411]: control `Q2` of catalog acme maps to answers that differ in evidence: mic-cloud-v3 `II.1.1.2`, mic-cloud-v3 `II.1.1.3`"),
        "{}",
        run.stderr
    );
    assert!(!differ.exists("dist"));
    // The same evidence on both: the derived answer shows it.
    let agreed = differ.file(
        "answers/mic.yaml",
        &text.replace(
            "  \"II.1.1.2\": 年1回見直しています。\n",
            "  \"II.1.1.2\":\n    answer: 年1回見直しています。\n    evidence: [情報セキュリティ基本方針 第3版]\n",
        ),
    );
    agreed.run(&["build"]).code(0);
    let md = agreed.read("dist/default-acme.md");
    let row = md_row(&md, "Q2");
    assert_eq!(
        row[5],
        "年1回見直しています。<br>（mic-cloud-v3 II.1.1.2、II.1.1.3 の回答を転用）"
    );
    assert_eq!(row[6], "情報セキュリティ基本方針 第3版");
}

#[test]
fn derivation_follows_the_policy() {
    let project = Project::fixture("mapping", "conflict").file(
        "controls/mappings/acme--mic-cloud-v3.yaml",
        "mapping: {from: acme, to: mic-cloud-v3}\npairs: []\n",
    );
    let config = project.read("checksheet.yaml");
    let warn = project.file("checksheet.yaml", &config.replace("allow", "warn"));
    let run = warn.run(&["check"]);
    run.code(0);
    assert!(run.stderr.contains("warning[CS0410]: control `Q1` of catalog acme takes the answer of mic-cloud-v3 `II.1.1.1`"), "{}", run.stderr);
    warn.run(&["check", "--deny-warnings"]).code(1);
    let off = warn.file("checksheet.yaml", &config.replace("allow", "off"));
    let run = off.run(&["check"]);
    assert!(!run.stderr.contains("CS0410"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("3 controls of catalog acme have no answer"),
        "{}",
        run.stderr
    );
}

#[test]
fn both_ends_of_a_mapping_must_exist() {
    let project = Project::fixture("mapping", "conflict").file(
        "controls/mappings/bad.yaml",
        "mapping:\n  from: acme\n  to: mic-cloud-3\npairs:\n  - {from: Q9, to: [II.1.1.1]}\n",
    ).file(
        "controls/mappings/acme--iso.yaml",
        "mapping: {from: acme, to: iso27001-2013}\npairs:\n  - {from: Q1, to: [A.5.1.1, A.5.1.3]}\n",
    ).file(
        "controls/mappings/acme--status.yaml",
        "mapping: {from: acme, to: mic-cloud-v3}\npairs:\n  - {from: Q2, to: [II.1.1.2], status: maybe}\n",
    );
    let run = project.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("error[CS0409]: mapping names unknown catalog `mic-cloud-3`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `mic-cloud-v3`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("mapping names `A.5.1.3`, which catalog iso27001-2013 does not have"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown pair status `maybe`"),
        "{}",
        run.stderr
    );
}

#[test]
fn suggestions_are_written_for_review_and_mostly_right() {
    let project = Project::empty();
    let run = project.run(&[
        "map",
        "suggest",
        "light2-meti2013",
        "mic-cloud-v3",
        "--top",
        "1",
        "--out",
        "mappings/light2--mic.yaml",
    ]);
    run.code(0);
    assert!(
        run.stderr.contains("wrote mappings/light2--mic.yaml"),
        "{}",
        run.stderr
    );
    let text = project.read("mappings/light2--mic.yaml");
    assert!(text.contains("status: suggested"));
    // Compare the suggestions with the mic-cloud-v3 refs recorded by hand in the catalog.
    let catalog = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("controls/light2-meti2013.yaml"),
    )
    .unwrap();
    let mut expected: HashMap<String, String> = HashMap::new();
    let mut current = String::new();
    for line in catalog.lines().map(str::trim_start) {
        if let Some(id) = line.strip_prefix("- id: \"") {
            current = id.trim_end_matches('"').to_owned();
        }
        if let Some(rest) = line.strip_prefix("refs: {mic-cloud-v3: [\"") {
            expected.insert(current.clone(), rest.split('"').next().unwrap().to_owned());
        }
    }
    let suggested: HashMap<String, String> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- {from: \""))
        .map(|l| {
            let from = l.split('"').next().unwrap().to_owned();
            let to = l
                .split("to: [\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned();
            (from, to)
        })
        .collect();
    let agree = expected
        .iter()
        .filter(|(from, to)| suggested.get(*from) == Some(to))
        .count();
    assert!(
        agree * 100 >= expected.len() * 90,
        "only {agree} of {} suggestions match the recorded refs",
        expected.len()
    );
    let again = project.run(&[
        "map",
        "suggest",
        "light2-meti2013",
        "mic-cloud-v3",
        "--out",
        "mappings/light2--mic.yaml",
    ]);
    again.code(2);
    assert!(again.stderr.contains("pass --force"), "{}", again.stderr);
    // The file is a valid mapping; a suggested pair carries no answer until confirmed.
    // 7.5 has no recorded ref, so only the suggestion could give it II.7.1.5's answer.
    assert_eq!(
        suggested.get("7.5").map(String::as_str),
        Some("II.7.1.5"),
        "{text}"
    );
    let project = project
        .file(
            "checksheet.yaml",
            "organization: {name: テスト株式会社}\nas_of: 2026-11-01\ncatalogs: [mappings]\npolicy: {derived_answers: allow, unanswered: off}\noutputs:\n  - {layout: monocone, formats: [md]}\n",
        )
        .file("answers/mic.yaml", "catalog: mic-cloud-v3\nanswers:\n  \"II.7.1.5\": 暗号化方針に従っています。\n");
    project.run(&["build"]).code(0);
    assert!(
        !project
            .read("dist/monocone.md")
            .contains("暗号化方針に従っています。")
    );
    let confirmed = text.replace(
        "{from: \"7.5\", to: [\"II.7.1.5\"], status: suggested",
        "{from: \"7.5\", to: [\"II.7.1.5\"], status: confirmed",
    );
    assert_ne!(confirmed, text);
    let project = project.file("mappings/light2--mic.yaml", &confirmed);
    project.run(&["build"]).code(0);
    assert!(project.read("dist/monocone.md").contains("| 5 | 匿名化 |"));
    assert!(
        project
            .read("dist/monocone.md")
            .contains("暗号化方針に従っています。")
    );
}
