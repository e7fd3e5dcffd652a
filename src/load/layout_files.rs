//! Finding layouts: built-in ones from the embedded `templates/`, and a project's own from
//! the folders its `layouts` field lists. Checks every template's syntax up front.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::layout::load_layout;
use crate::load::Workspace;
use crate::source::{SourceId, Span, display_path};
use crate::templates;

/// The layout definition inside a layout folder.
pub const LAYOUT_FILE: &str = "layout.yaml";
/// Template files a layout may add (the rest come from the `default` layout).
pub const TEMPLATE_FILES: &[&str] = &["checksheet.md.j2", "checksheet.html.j2"];

/// A layout's files in a run's sources: its definition and the templates it adds.
pub struct LayoutSources {
    pub definition: SourceId,
    pub templates: Vec<(String, SourceId)>,
}

/// Adds the built-in layouts' files to the sources, to be parsed with the other built-ins.
pub fn add_builtin_layout_sources(ws: &mut Workspace) -> Vec<LayoutSources> {
    let mut folders: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (path, text) in crate::builtin::layout_files() {
        if let Some((folder, file)) = path.rsplit_once('/') {
            folders.entry(folder).or_default().push((file, text));
        }
    }
    let mut layouts = Vec::new();
    for (folder, files) in folders {
        let Some((_, definition)) = files.iter().find(|(f, _)| *f == LAYOUT_FILE) else {
            continue;
        };
        let name = format!("builtin:{folder}/{LAYOUT_FILE}");
        let definition = ws
            .sources
            .add(name, Path::new(folder), (*definition).to_owned());
        let mut templates = Vec::new();
        for (file, text) in files.iter().filter(|(f, _)| TEMPLATE_FILES.contains(f)) {
            let tid = ws.sources.add(
                format!("builtin:{folder}/{file}"),
                Path::new(folder),
                (*text).to_owned(),
            );
            templates.push((file.to_string(), tid));
        }
        layouts.push(LayoutSources {
            definition,
            templates,
        });
    }
    layouts
}

/// Loads the layouts a project lists: a folder with `layout.yaml`, or a folder of such folders.
pub fn load_layout_folder(ws: &mut Workspace, path: &Path, listed_at: Span) {
    if !path.is_dir() {
        ws.diags.push(
            Diagnostic::new(
                Code::Io,
                format!("layout folder `{}` does not exist", display_path(path)),
            )
            .at(listed_at, "listed here")
            .help("paths are relative to the folder of checksheet.yaml"),
        );
        return;
    }
    let mut folders = Vec::new();
    if path.join(LAYOUT_FILE).is_file() {
        folders.push(path.to_path_buf());
    } else if let Ok(entries) = fs::read_dir(path) {
        folders.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.join(LAYOUT_FILE).is_file()),
        );
        folders.sort();
    }
    for folder in folders {
        let Some(id) = ws.read_source(&folder.join(LAYOUT_FILE), Some(listed_at)) else {
            continue;
        };
        let mut templates = Vec::new();
        for file in TEMPLATE_FILES {
            let template = folder.join(file);
            if template.is_file()
                && let Some(tid) = ws.read_source(&template, Some(listed_at))
            {
                templates.push((file.to_string(), tid));
            }
        }
        let parsed = crate::yaml::parse(ws.sources.get(id), id).map(crate::yaml::Node::into_owned);
        let sources = LayoutSources {
            definition: id,
            templates,
        };
        add_layout(ws, sources, parsed, false);
    }
}

/// Adds a parsed layout, checking its templates' syntax first. Built-in templates are
/// checked by the test suite instead, so start-up does not compile them on every run.
pub fn add_layout(
    ws: &mut Workspace,
    files: LayoutSources,
    parsed: Result<crate::yaml::Node<'static>, Box<Diagnostic>>,
    builtin: bool,
) {
    let LayoutSources {
        definition: id,
        templates: extra,
    } = files;
    let node = match parsed {
        Ok(node) => node,
        Err(d) => return ws.diags.push(*d),
    };
    let origin = ws.sources.get(id).name.clone();
    let Some((mut layout, sources)) = load_layout(&node, &origin, &mut ws.diags) else {
        return;
    };
    let before = ws.diags.error_count();
    for (text, span) in sources.into_iter().filter(|_| !builtin) {
        if let Err(e) = templates::check_syntax(&text) {
            ws.diags.push(
                Diagnostic::new(Code::InvalidLayout, format!("invalid template: {}", templates::describe(&e)))
                    .at(span, "in this template")
                    .help("templates use minijinja (Jinja2) syntax, e.g. \"{{ organization.name }} 実施内容\""),
            );
        }
    }
    for (file, tid) in extra {
        let text = ws.sources.get(tid).text.clone();
        if !builtin && let Err(e) = templates::check_syntax(&text) {
            let line = e.line().unwrap_or(1);
            let start = ws.sources.get(tid).offset_of(line, 1);
            ws.diags.push(
                Diagnostic::new(
                    Code::InvalidLayout,
                    format!("invalid template `{file}`: {}", templates::describe(&e)),
                )
                .at(Span::new(tid, start, start), "here"),
            );
        }
        layout.templates.insert(file, text);
    }
    if ws.diags.error_count() > before {
        return;
    }
    if let Some(existing) = ws.layouts.get(&layout.id)
        && (builtin || !existing.origin.starts_with("builtin:"))
    {
        let first = existing.origin.clone();
        ws.diags.push(
            Diagnostic::new(
                Code::InvalidLayout,
                format!("layout `{}` is defined twice", layout.id),
            )
            .at(Span::new(id, 0, 0), "second definition")
            .help(format!(
                "the first is {first}; give each layout its own `layout.id`"
            )),
        );
        return;
    }
    ws.layouts.insert(layout.id.clone(), layout);
}
