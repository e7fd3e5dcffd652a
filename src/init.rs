//! `checksheet init [DIR]`: a new project that `check` and `build` accept as it is —
//! `checksheet.yaml`, an example answer file for the MIC guideline, a `.gitignore` for
//! `dist/`, and the JSON Schemas of every file kind in `.checksheet/schema/`, which the
//! YAML files name in a `# yaml-language-server: $schema=…` comment so that editors
//! complete field names and statuses.
//!
//! Nothing is overwritten: if any of the files exists, nothing is written.

use std::path::{Path, PathBuf};

use strum::VariantArray;

use crate::error::Error;
use crate::load::PROJECT_FILE;
use crate::schema::{Kind, SCHEMA_DIR};

/// The catalog the example answer file answers.
const EXAMPLE_CATALOG: &str = "mic-cloud-v3";

/// The `yaml-language-server` comment that points editors at a schema, for a file
/// `depth` folders below the project folder.
pub fn schema_comment(kind: Kind, depth: usize) -> String {
    format!(
        "# yaml-language-server: $schema={}{SCHEMA_DIR}/{}\n",
        "../".repeat(depth),
        kind.file_name()
    )
}

/// The files of a new project: (path relative to the project folder, contents).
pub fn files(as_of: jiff::civil::Date) -> Vec<(String, String)> {
    let mut files = vec![
        (PROJECT_FILE.to_owned(), project_file(as_of)),
        (
            format!("answers/{EXAMPLE_CATALOG}.yaml"),
            answer_file(as_of),
        ),
        (
            ".gitignore".to_owned(),
            "# checksheet build writes here; the YAML is the source\n/dist/\n".to_owned(),
        ),
    ];
    for kind in Kind::VARIANTS.iter().copied() {
        files.push((format!("{SCHEMA_DIR}/{}", kind.file_name()), kind.to_json()));
    }
    files
}

fn project_file(as_of: jiff::civil::Date) -> String {
    let mut text = schema_comment(Kind::Project, 0);
    text.push_str(&format!(
        r#"# A checksheet project: `checksheet check` validates it, `checksheet build` writes the
# documents to dist/. Field reference: `checksheet schema project`, or hover in your editor.
organization:
  name: サンプル株式会社            # your company
  short_name: サンプル              # optional: for column headers such as "サンプル 実施内容"
  service: サンプルクラウド         # optional: the service the answers describe
  # contact: 情報セキュリティ室 山田太郎  # optional: the respondent `checksheet fill` writes (回答者)
as_of: {as_of}                 # the date the answers describe
answers: [answers]                # files or folders of answers
# catalogs: [controls]            # your customers' own questionnaires: controls/<id>.yaml
#   (`checksheet import customer.xlsx --write-catalog controls/<id>.yaml` writes one)
# layouts: [templates]            # your own layouts: templates/<id>/layout.yaml
#   (editor schemas for those: .checksheet/schema/catalog.json and layout.json)
document:
  title: サンプルクラウド セキュリティチェックシート
  notice: 本資料は予告なく変更修正されます。
outputs:
  - layout: default               # one row per control; `checksheet list layouts` shows all
    catalog: {EXAMPLE_CATALOG}
    formats: [xlsx, md, html]
"#,
    ));
    text
}

fn answer_file(as_of: jiff::civil::Date) -> String {
    let mut text = schema_comment(Kind::Answers, 1);
    text.push_str(&format!(
        r#"# Answers to the MIC cloud guideline, keyed by control ID (`checksheet list controls
# {EXAMPLE_CATALOG}` lists them). Split answers over as many files as you like.
catalog: {EXAMPLE_CATALOG}
answers:
  "II.1.1.1":
    status: implemented  # implemented | partial | planned | not-implemented | not-applicable
    answer: |-
      当社の情報セキュリティ基本方針を制定し、全従業員に周知しています。
      基本方針は当社Webサイトで公開しています。
    links:
      - https://www.example.com/security/policy/
    evidence:  # 証跡: the documents (or URLs) that back the answer
      - 情報セキュリティ基本方針 第3版
    reviewed: {as_of}
    note: 社内メモ：出力には出ません。
  "II.1.1.2": 基本方針は年1回見直し、改定時は社内ポータルで通知しています。
  "II.1.1.3":
    status: partial
    answer:
      - 基本方針の原本は文書管理システムで版管理しています。
      - 編集権限を情報セキュリティ委員会事務局に限定しています。
"#
    ));
    text
}

/// Writes a new project dated `as_of` into `dir` (created if missing) and returns the
/// files written. Nothing is written when any of the files exists already
/// ([`Error::ProjectExists`] lists them all); every file is staged and renamed into place
/// ([`crate::write::all_or_none`]), so none is replaced even in a race.
pub fn init(dir: &Path, as_of: jiff::civil::Date) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<(PathBuf, String)> = files(as_of)
        .into_iter()
        .map(|(path, contents)| (dir.join(path), contents))
        .collect();
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(path, _)| path.clone())
        .filter(|path| path.exists())
        .collect();
    if !existing.is_empty() {
        return Err(Error::ProjectExists {
            dir: dir.to_path_buf(),
            files: existing,
        });
    }
    crate::write::all_or_none(&files, false, None)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_yaml_file_names_its_schema_by_a_relative_path() {
        for (path, text) in files(jiff::civil::date(2026, 11, 1)) {
            if !path.ends_with(".yaml") {
                continue;
            }
            let first = text.lines().next().unwrap();
            let target = first
                .strip_prefix("# yaml-language-server: $schema=")
                .unwrap_or_else(|| panic!("{path}: first line is {first}"));
            let resolved = Path::new(&path).parent().unwrap().join(target);
            let normal: PathBuf = resolved.components().fold(PathBuf::new(), |mut p, c| {
                match c {
                    std::path::Component::ParentDir => {
                        p.pop();
                    }
                    other => p.push(other),
                }
                p
            });
            assert!(
                normal.starts_with(SCHEMA_DIR),
                "{path}: {target} resolves to {}",
                normal.display()
            );
        }
    }
}
