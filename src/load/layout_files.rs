//! Finding layouts: built-in ones from the embedded `templates/`, and a project's own from
//! the folders its `layouts` field lists. Checks every template's syntax up front.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::layout::load_layout;
use crate::load::{Workspace, file_error, not_read};
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

/// Loads the layouts a project lists: a folder with `layout.yaml`, or a folder of such
/// folders. Every other file or folder in them is reported as not read.
pub fn load_layout_folder(ws: &mut Workspace, path: &Path, listed_at: Span) {
    let Some(meta) = ws.listed_path(path, listed_at, Some(crate::msg!("what-layout-folder")))
    else {
        return;
    };
    if !meta.is_dir() {
        ws.diags.push(
            Diagnostic::new(
                Code::Io,
                crate::msg!("layout-folder-not-folder", path = display_path(path)),
            )
            .at(listed_at, crate::msg!("label-listed-here"))
            .help(crate::msg!("layout-folder-not-folder-help")),
        );
        return;
    }
    let mut folders = Vec::new();
    if exists(&path.join(LAYOUT_FILE)) {
        folders.push(path.to_path_buf());
    } else {
        match fs::read_dir(path) {
            Ok(entries) => {
                let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
                entries.sort();
                for entry in entries {
                    if exists(&entry.join(LAYOUT_FILE)) {
                        folders.push(entry);
                    } else {
                        ws.diags.push(not_read(
                            &entry,
                            crate::msg!("not-read-not-layout-folder", file = LAYOUT_FILE),
                            listed_at,
                            crate::msg!("not-read-not-layout-folder-help"),
                        ));
                    }
                }
            }
            Err(error) => {
                let e = crate::files::FileError::Io {
                    path: path.to_path_buf(),
                    error,
                };
                ws.diags
                    .push(file_error(&e).at(listed_at, crate::msg!("label-listed-here")));
            }
        }
    }
    for folder in folders {
        report_unread_layout_files(ws, &folder, listed_at);
        let Some(id) = ws.read_source(&folder.join(LAYOUT_FILE), Some(listed_at)) else {
            continue;
        };
        let mut templates = Vec::new();
        for file in TEMPLATE_FILES {
            let template = folder.join(file);
            if exists(&template)
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

/// Whether anything (a file, a folder, a link, a pipe) is at `path`: reading it says
/// whether it can be read.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Reports the files of a layout folder that are not its definition or templates.
fn report_unread_layout_files(ws: &mut Workspace, folder: &Path, listed_at: Span) {
    let Ok(entries) = fs::read_dir(folder) else {
        // Reading its layout.yaml reports why the folder cannot be read.
        return;
    };
    let mut unread: Vec<_> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            name != LAYOUT_FILE && !TEMPLATE_FILES.iter().any(|t| name == *t)
        })
        .map(|e| e.path())
        .collect();
    unread.sort();
    for path in unread {
        ws.diags.push(not_read(
            &path,
            crate::msg!(
                "not-read-in-layout-folder",
                file = LAYOUT_FILE,
                templates = TEMPLATE_FILES.join(" and ")
            ),
            listed_at,
            crate::msg!("not-read-in-layout-folder-help"),
        ));
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
        Err(d) => {
            // The file is not YAML: its folder's name stands for its ID.
            let folder = ws.sources.get(id).path.parent().and_then(|p| p.file_name());
            if let Some(folder) = folder {
                ws.broken_layouts
                    .push(folder.to_string_lossy().into_owned());
            }
            return ws.diags.push(*d);
        }
    };
    let origin = ws.sources.get(id).name.clone();
    let Some((mut layout, sources)) = load_layout(&node, &origin, &mut ws.diags) else {
        ws.broken_layouts
            .extend(crate::load::catalog::header_id(&node, "layout"));
        return;
    };
    let before = ws.diags.error_count();
    for (text, span) in sources.into_iter().filter(|_| !builtin) {
        if let Err(e) = templates::check_syntax(&text) {
            ws.diags.push(
                Diagnostic::new(
                    Code::InvalidLayout,
                    crate::msg!("invalid-template", error = templates::describe(&e)),
                )
                .at(span, crate::msg!("label-in-this-template"))
                .help(crate::msg!("invalid-template-help")),
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
                    crate::msg!(
                        "invalid-template-file",
                        file = file.as_str(),
                        error = templates::describe(&e)
                    ),
                )
                .at(Span::new(tid, start, start), crate::msg!("label-here")),
            );
        }
        layout.templates.insert(file, text);
    }
    if ws.diags.error_count() > before {
        ws.broken_layouts.push(layout.id);
        return;
    }
    if let Some(existing) = ws.layouts.get(&layout.id)
        && (builtin || !existing.origin.starts_with("builtin:"))
    {
        let first = existing.origin.clone();
        ws.diags.push(
            Diagnostic::new(
                Code::InvalidLayout,
                crate::msg!("duplicate-layout", layout = &layout.id),
            )
            .at(Span::new(id, 0, 0), crate::msg!("label-second-definition"))
            .help(crate::msg!("duplicate-layout-help", first = first)),
        );
        return;
    }
    ws.layouts.insert(layout.id.clone(), layout);
}
