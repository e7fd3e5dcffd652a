//! Writing what an import found: the answer file (in the canonical form `fmt` writes) and a
//! new catalog, each parsed back and compared before anything is written, then written
//! through temporary files renamed into place — never over an existing file unless forced.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::a1::column_name;
use crate::diag::Diagnostics;
use crate::fmt::emit;
use crate::load::answers::load_answer_file;
use crate::load::catalog::load_catalog;
use crate::load::questionnaire::column_roles;
use crate::model::{Answer, Catalog, Control, Group, Lang, Questionnaire};
use crate::source::{Sources, display_path};
use crate::yaml;

/// The answer file's text, proven to read back as exactly these answers.
pub fn answer_file(catalog: &str, answers: &[Answer]) -> Result<String, String> {
    let text = crate::fmt::render_answer_file(catalog, answers);
    let mut sources = Sources::default();
    let id = sources.add("imported.yaml", Path::new("imported.yaml"), text.clone());
    let root = yaml::parse(sources.get(id), id).map_err(|d| d.message.to_text())?;
    let mut diags = Diagnostics::default();
    let file = load_answer_file(root, &mut diags)
        .ok_or_else(|| "the answer file does not read back".to_owned())?;
    let describe = |a: &Answer| {
        format!(
            "{}|{:?}|{:?}|{:?}|{:?}|{:?}",
            a.control, a.status, a.body, a.links, a.evidence, a.note
        )
    };
    let wanted: Vec<String> = answers.iter().map(describe).collect();
    let read: Vec<String> = file.answers.iter().map(|a| describe(a)).collect();
    if file.catalog != catalog || wanted != read {
        let first = wanted
            .iter()
            .zip(&read)
            .find(|(a, b)| a != b)
            .map_or_else(|| "the number of answers".to_owned(), |(a, _)| a.clone());
        return Err(format!("the answer file would change an answer: {first}"));
    }
    Ok(text)
}

/// A catalog file's text, proven to read back as this catalog. `comment` goes on top.
pub fn catalog_file(catalog: &Catalog, comment: &str) -> Result<String, String> {
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str("catalog:\n");
    out.push_str(&format!("  id: {}\n", emit::value(&catalog.id, 2)));
    out.push_str(&format!("  title: {}\n", emit::value(&catalog.title, 2)));
    if catalog.lang != Lang::default() {
        out.push_str(&format!("  lang: {}\n", catalog.lang.as_str()));
    }
    if let Some(questionnaire) = &catalog.questionnaire {
        write_questionnaire(&mut out, questionnaire);
    }
    if !catalog.groups.is_empty() {
        out.push_str("groups:\n");
        for group in &catalog.groups {
            write_group(&mut out, group, 2);
        }
    }
    if !catalog.controls.is_empty() {
        out.push_str("controls:\n");
        for control in &catalog.controls {
            write_control(&mut out, control, 2);
        }
    }
    let mut sources = Sources::default();
    let id = sources.add("catalog.yaml", Path::new("catalog.yaml"), out.clone());
    let root = yaml::parse(sources.get(id), id).map_err(|d| d.message.to_text())?;
    let mut diags = Diagnostics::default();
    let read = load_catalog(root, "catalog.yaml", &mut diags).ok_or_else(|| {
        let first = diags
            .iter()
            .next()
            .map_or(String::new(), |d| d.message.to_text());
        format!("the catalog does not read back: {first}")
    })?;
    if outline(&read) != outline(catalog) {
        return Err("the catalog file would change a group or control".to_owned());
    }
    Ok(out)
}

/// Everything a catalog says (but where it was read from), as lines, for comparison.
fn outline(catalog: &Catalog) -> Vec<String> {
    fn control(c: &Control) -> String {
        format!(
            "control {:?} {:?} {:?} {:?} {:?} {:?}",
            c.id,
            c.title,
            c.text,
            c.level,
            c.refs,
            c.cells.as_ref().map(|r| (&r.sheet, r.row, r.columns))
        )
    }
    fn group(g: &Group, out: &mut Vec<String>) {
        out.push(format!(
            "group {:?} {:?} {:?} {:?} {:?}",
            g.id, g.title, g.text, g.note, g.refs
        ));
        for c in &g.controls {
            out.push(control(c));
        }
        for child in &g.groups {
            group(child, out);
        }
        out.push("end".to_owned());
    }
    let questionnaire = catalog.questionnaire.as_ref().map(|q| {
        let tables: Vec<_> = q
            .tables
            .iter()
            .map(|t| {
                (
                    &t.sheet,
                    t.header_row,
                    t.columns,
                    t.questions,
                    &t.fingerprint,
                )
            })
            .collect();
        format!("{:?} {:?} {:?}", q.workbook, q.labels, tables)
    });
    let mut out = vec![format!(
        "catalog {:?} {:?} {:?} {:?}",
        catalog.id, catalog.title, catalog.lang, questionnaire
    )];
    for c in &catalog.controls {
        out.push(control(c));
    }
    for g in &catalog.groups {
        group(g, &mut out);
    }
    out
}

/// A list item at `dash` spaces whose keys are at `dash + 2`.
fn write_group(out: &mut String, group: &Group, dash: usize) {
    let pad = " ".repeat(dash);
    let keys = dash + 2;
    let kpad = " ".repeat(keys);
    out.push_str(&format!("{pad}- id: {}\n", emit::id(&group.id)));
    out.push_str(&format!(
        "{kpad}title: {}\n",
        emit::value(&group.title, keys)
    ));
    if let Some(text) = &group.text {
        out.push_str(&format!("{kpad}text: {}\n", emit::value(text, keys)));
    }
    if !group.controls.is_empty() {
        out.push_str(&format!("{kpad}controls:\n"));
        for control in &group.controls {
            write_control(out, control, keys + 2);
        }
    }
    if !group.groups.is_empty() {
        out.push_str(&format!("{kpad}groups:\n"));
        for child in &group.groups {
            write_group(out, child, keys + 2);
        }
    }
}

fn write_control(out: &mut String, control: &Control, dash: usize) {
    let pad = " ".repeat(dash);
    let keys = dash + 2;
    let kpad = " ".repeat(keys);
    out.push_str(&format!("{pad}- id: {}\n", emit::id(&control.id)));
    if let Some(title) = &control.title {
        out.push_str(&format!("{kpad}title: {}\n", emit::value(title, keys)));
    }
    if let Some(text) = &control.text {
        out.push_str(&format!("{kpad}text: {}\n", emit::value(text, keys)));
    }
    if let Some(cells) = &control.cells {
        let mut parts = vec![
            format!("sheet: {}", emit::flow_value(&cells.sheet)),
            format!("row: {}", cells.row),
        ];
        parts.extend(
            column_roles(&cells.columns)
                .into_iter()
                .filter(|(role, _)| crate::formats::CELLS.field(role).is_some())
                .filter_map(|(role, col)| col.map(|c| format!("{role}: {}", column_name(c)))),
        );
        out.push_str(&format!("{kpad}cells: {{{}}}\n", parts.join(", ")));
    }
}

/// The `questionnaire:` section: the workbook's name, its label map and its tables.
fn write_questionnaire(out: &mut String, questionnaire: &Questionnaire) {
    out.push_str("questionnaire:\n");
    if let Some(workbook) = &questionnaire.workbook {
        out.push_str(&format!("  workbook: {}\n", emit::value(workbook, 2)));
    }
    if !questionnaire.labels.is_empty() {
        out.push_str("  labels:\n");
        for (label, status) in &questionnaire.labels {
            out.push_str(&format!("    {}: {}\n", emit::key(label), status.key()));
        }
    }
    if !questionnaire.tables.is_empty() {
        out.push_str("  tables:\n");
        for table in &questionnaire.tables {
            out.push_str(&format!("    - sheet: {}\n", emit::value(&table.sheet, 6)));
            out.push_str(&format!("      header_row: {}\n", table.header_row));
            let columns: Vec<String> = column_roles(&table.columns)
                .into_iter()
                .filter_map(|(role, col)| col.map(|c| format!("{role}: {}", column_name(c))))
                .collect();
            out.push_str(&format!("      columns: {{{}}}\n", columns.join(", ")));
            out.push_str(&format!("      questions: {}\n", table.questions));
            out.push_str(&format!(
                "      fingerprint: {}\n",
                emit::value(&table.fingerprint, 6)
            ));
        }
    }
}

/// Writes every file or none: refuses existing targets unless `force`, stages each file
/// in its folder, then renames them into place.
pub fn write_files(files: &[(PathBuf, String)], force: bool) -> Result<(), crate::i18n::Message> {
    if !force {
        for (path, _) in files {
            if path.exists() {
                return Err(crate::msg!("import-file-exists", path = display_path(path)));
            }
        }
    }
    let mut staged = Vec::new();
    for (path, text) in files {
        let shown = display_path(path);
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| {
            crate::msg!(
                "cannot-create-folder",
                path = display_path(dir),
                error = e.to_string()
            )
        })?;
        let temp = stage(dir, text.as_bytes()).map_err(|e| {
            crate::msg!(
                "cannot-write-file",
                path = shown.as_str(),
                error = e.to_string()
            )
        })?;
        staged.push((temp, path));
    }
    for (temp, path) in staged {
        let result = if force {
            temp.persist(path).map(|_| ())
        } else {
            temp.persist_noclobber(path).map(|_| ())
        };
        result.map_err(|e| {
            crate::msg!(
                "cannot-write-file",
                path = display_path(path),
                error = e.error.to_string()
            )
        })?;
    }
    Ok(())
}

fn stage(dir: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".checksheet-import-")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    Ok(temp)
}
