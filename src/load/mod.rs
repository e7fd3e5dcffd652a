//! Loading a project: read every file it names (plus the built-ins), parse, and turn each
//! into validated model types, collecting all diagnostics on the way.

pub mod answers;
pub mod catalog;
pub mod fields;
pub mod layout_files;
pub mod project;
pub mod questionnaire;

use std::fs;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::error::Error;
use crate::files::Boundary;
use crate::i18n::Message;
use crate::layout::Layout;
use crate::model::{Catalog, Project};
use crate::source::{SourceFile, SourceId, Sources, Span, display_path};
use crate::yaml::{self, Node, limits};
use answers::AnswerFile;

/// Below this many bytes in all, a project's files are read on one thread.
const READ_IN_PARALLEL_FROM_BYTES: usize = 1 << 20;

/// The name of the project file inside a project folder.
pub const PROJECT_FILE: &str = "checksheet.yaml";

/// Everything a run has read, validated as far as the files allow.
pub struct Workspace {
    pub sources: Sources,
    pub project: Option<Project>,
    pub project_source: Option<SourceId>,
    pub catalogs: IndexMap<String, Catalog>,
    /// Answer files in the order read, each already shape-checked.
    pub answer_files: Vec<AnswerFile>,
    pub layouts: IndexMap<String, Layout>,
    /// IDs of catalogs whose files had errors: their own diagnostics say why, so answers
    /// naming them are not reported again as naming an unknown catalog.
    pub broken_catalogs: Vec<String>,
    /// IDs of layouts whose files had errors (or, when a file is not even YAML, the name of
    /// its folder): outputs naming them are not reported again as naming an unknown layout.
    pub broken_layouts: Vec<String>,
    /// Mapping files, built-in and the project's (found among its catalogs).
    pub mappings: Vec<crate::mapping::Mapping>,
    /// Thesaurus files for `map suggest`, built-in and the project's (among its catalogs).
    pub thesauri: Vec<crate::mapping::thesaurus::Thesaurus>,
    pub diags: Diagnostics,
    /// Where the project's files may be (none for the built-ins alone): every path it
    /// names or holds must resolve inside.
    pub boundary: Option<Boundary>,
}

/// Finds the project file for a `PROJECT` argument (a folder or a file).
pub fn find_project_file(arg: &Path) -> Result<PathBuf, Error> {
    if arg.is_dir() {
        let file = arg.join(PROJECT_FILE);
        if file.is_file() {
            return Ok(file);
        }
    } else if arg.is_file() {
        return Ok(arg.to_path_buf());
    }
    Err(Error::ProjectNotFound {
        path: arg.to_path_buf(),
    })
}

/// The project file answering for a file: the nearest `checksheet.yaml` in the file's
/// folder or a folder above it, up to `boundary` when given.
pub fn enclosing_project(file: &Path, boundary: Option<&Path>) -> Option<PathBuf> {
    let file = std::path::absolute(file).ok()?;
    for folder in file.parent()?.ancestors() {
        let candidate = folder.join(PROJECT_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if boundary.is_some_and(|b| folder == b) {
            break;
        }
    }
    None
}

impl Workspace {
    fn empty() -> Self {
        Workspace {
            sources: Sources::default(),
            project: None,
            project_source: None,
            catalogs: IndexMap::new(),
            answer_files: Vec::new(),
            layouts: IndexMap::new(),
            broken_catalogs: Vec::new(),
            broken_layouts: Vec::new(),
            mappings: Vec::new(),
            thesauri: Vec::new(),
            diags: Diagnostics::default(),
            boundary: None,
        }
    }

    /// Loads a project and everything it names. Files are read in a fixed order and parsed
    /// together (on every core when large), so reports never depend on scheduling.
    pub fn load(project_arg: &Path) -> Result<Workspace, Error> {
        Workspace::load_within(project_arg, None)
    }

    /// [`Workspace::load`], with the files allowed only inside `root` (a revision written
    /// out to a temporary folder) instead of the project's folder and git repository.
    pub fn load_within(project_arg: &Path, root: Option<&Path>) -> Result<Workspace, Error> {
        let project_file = find_project_file(project_arg)?;
        let (mut ws, project) = Workspace::open_project(&project_file, root)?;
        let Some(project) = project else {
            return Ok(ws);
        };
        for (path, span) in project.layouts.clone() {
            layout_files::load_layout_folder(&mut ws, &path, span);
        }
        let mut data_files = ws.catalog_files(&project);
        for (path, span) in project.answers.clone() {
            if !project.answers_listed && !path.exists() {
                continue;
            }
            for file in ws.yaml_files(&path, span) {
                data_files.push((file, span, DataKind::Answers));
            }
        }
        ws.load_data_files(data_files);
        ws.project = Some(project);
        Ok(ws)
    }

    /// One answer file on its own, as `diff` compares it: checked against the built-in
    /// catalogs and the catalogs of the project it is in (the nearest `checksheet.yaml` in
    /// its folder or above, up to `root` when given), read with that project's boundary.
    /// The project's own answers, layouts and outputs are not loaded, and
    /// [`Workspace::project`] stays `None`; a project whose folder cannot be read is left
    /// out, and the file is checked against the built-ins alone.
    pub fn load_answer_file(file: &Path, root: Option<&Path>) -> Workspace {
        let opened = enclosing_project(file, root)
            .and_then(|project_file| Workspace::open_project(&project_file, root).ok());
        let mut ws = match opened {
            Some((mut ws, project)) => {
                if let Some(project) = project {
                    let catalogs = ws.catalog_files(&project);
                    ws.load_data_files(catalogs);
                }
                ws
            }
            None => Workspace::builtins(),
        };
        if let Some((_, node)) = ws.read_yaml(file, None)
            && let Some(answers) = answers::load_answer_file(node, &mut ws.diags)
        {
            ws.answer_files.push(answers);
        }
        ws
    }

    /// The built-ins and a project file, read inside the project's boundary (its folder
    /// and git repository, or `root` when given): the workspace, and the project when its
    /// file reads and loads (its diagnostics are the workspace's otherwise).
    fn open_project(
        project_file: &Path,
        root: Option<&Path>,
    ) -> Result<(Workspace, Option<Project>), Error> {
        let dir = project_file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let mut ws = Workspace::empty();
        let boundary = match root {
            Some(root) => Boundary::of_folder(root),
            None => Boundary::of_project(&dir),
        };
        ws.boundary = Some(boundary.map_err(|e| Error::read(&dir, e))?);
        let builtins = ws.add_builtin_sources();
        let project_id = ws.read_source(project_file, None);
        let mut ids = builtins.yaml_ids();
        ids.extend(project_id);
        let mut parsed = owned(yaml::parse_many(&ws.sources, &ids));
        ws.add_builtins(builtins, &mut parsed);
        let Some(id) = project_id else {
            return Ok((ws, None));
        };
        let node = match parsed.next() {
            Some(Ok(node)) => node,
            Some(Err(d)) => {
                ws.diags.push(*d);
                return Ok((ws, None));
            }
            None => return Ok((ws, None)),
        };
        ws.project_source = Some(id);
        let project = project::load_project(&node, &dir, &mut ws.diags);
        Ok((ws, project))
    }

    /// The catalog files a project lists, each with where it is listed.
    fn catalog_files(&mut self, project: &Project) -> Vec<(PathBuf, Span, DataKind)> {
        let mut files = Vec::new();
        for (path, span) in project.catalogs.clone() {
            for file in self.yaml_files(&path, span) {
                files.push((file, span, DataKind::Catalog));
            }
        }
        files
    }

    /// Loads only the built-ins (for `list` outside a project).
    pub fn builtins() -> Workspace {
        let mut ws = Workspace::empty();
        let builtins = ws.add_builtin_sources();
        let ids = builtins.yaml_ids();
        let mut parsed = owned(yaml::parse_many(&ws.sources, &ids));
        ws.add_builtins(builtins, &mut parsed);
        ws
    }

    fn add_builtin_sources(&mut self) -> BuiltinSources {
        let catalogs = crate::builtin::catalogs()
            .iter()
            .map(|(path, text)| {
                self.sources.add(
                    format!("builtin:{path}"),
                    Path::new(path),
                    (*text).to_owned(),
                )
            })
            .collect();
        let layouts = layout_files::add_builtin_layout_sources(self);
        BuiltinSources { catalogs, layouts }
    }

    /// Turns the parsed built-ins into catalogs and layouts, taking their results (in the
    /// order of [`BuiltinSources::yaml_ids`]) from `parsed`.
    fn add_builtins(
        &mut self,
        builtins: BuiltinSources,
        parsed: &mut impl Iterator<Item = Result<Node<'static>, Box<Diagnostic>>>,
    ) {
        for (id, result) in builtins.catalogs.into_iter().zip(parsed.by_ref()) {
            self.add_catalog(id, result, true);
        }
        for (layout, result) in builtins.layouts.into_iter().zip(parsed.by_ref()) {
            layout_files::add_layout(self, layout, result, true);
        }
    }

    /// Adds a parsed catalog (or mapping) file, or reports why it cannot be used.
    fn add_catalog(&mut self, id: SourceId, parsed: Result<Node, Box<Diagnostic>>, builtin: bool) {
        let read = read_catalog_file(self.sources.get(id), parsed);
        self.register_catalog(read, builtin);
    }

    /// Adds what a catalog file held, refusing a second catalog of the same ID (a project's
    /// own catalog may replace a built-in one).
    fn register_catalog(&mut self, read: CatalogFile, builtin: bool) {
        self.diags.extend(read.diags);
        let catalog = match read.content {
            CatalogContent::Catalog(catalog) => catalog,
            CatalogContent::Mapping(mapping) => return self.mappings.push(mapping),
            CatalogContent::Thesaurus(thesaurus) => return self.thesauri.push(thesaurus),
            CatalogContent::Broken(ids) => return self.broken_catalogs.extend(ids),
        };
        if let Some(existing) = self.catalogs.get(&catalog.id) {
            let replaces_builtin = existing.origin.starts_with("builtin:") && !builtin;
            if !replaces_builtin {
                let mut d = Diagnostic::new(
                    Code::DuplicateCatalog,
                    crate::msg!("duplicate-catalog", catalog = &catalog.id),
                )
                .help(crate::msg!("duplicate-catalog-help"));
                if let Some(span) = catalog.id_span {
                    d = d.at(span, crate::msg!("label-second-definition"));
                }
                if let Some(span) = existing.id_span {
                    d = d.also(span, crate::msg!("label-first-defined-here"));
                }
                return self.diags.push(d);
            }
        }
        self.catalogs.insert(catalog.id.clone(), catalog);
    }

    /// Reads and parses a YAML file, reporting read and parse errors.
    pub(crate) fn read_yaml(
        &mut self,
        path: &Path,
        listed_at: Option<Span>,
    ) -> Option<(SourceId, Node<'static>)> {
        let id = self.read_source(path, listed_at)?;
        match yaml::parse(self.sources.get(id), id) {
            Ok(node) => Some((id, node.into_owned())),
            Err(d) => {
                self.diags.push(*d);
                None
            }
        }
    }

    /// Reads a file into the sources: refuses over-large files before reading them and
    /// reports the first invalid UTF-8 byte with its line and column.
    pub(crate) fn read_source(&mut self, path: &Path, listed_at: Option<Span>) -> Option<SourceId> {
        let read = read_file(path, self.boundary.as_ref());
        self.add_read(read, listed_at)
    }

    /// Reads the catalog and answer files of a project. Each file is read, parsed and turned
    /// into its model by one job, on every core, so reading one file overlaps parsing
    /// another and no more than one tree per core is alive at a time. Files join the
    /// sources, and their diagnostics the report, in the order given.
    fn load_data_files(&mut self, files: Vec<(PathBuf, Span, DataKind)>) {
        let first = self.sources.len();
        let boundary = self.boundary.as_ref();
        let jobs: Vec<DataJob> = files
            .into_iter()
            .enumerate()
            .map(|(index, (path, listed_at, kind))| DataJob {
                size: fs::metadata(&path)
                    .map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX)),
                path,
                listed_at,
                kind,
                id: SourceId(first + index),
            })
            .collect();
        let loaded = crate::parallel::map_in_order(
            &jobs,
            |job| job.size,
            READ_IN_PARALLEL_FROM_BYTES,
            |job| {
                let read = read_file(&job.path, boundary);
                let ReadFile::Text(file) = &read else {
                    return (read, None);
                };
                let parsed = yaml::parse(file, job.id);
                let content = match job.kind {
                    DataKind::Catalog => ProjectFile::Catalog(read_catalog_file(file, parsed)),
                    DataKind::Answers => {
                        let mut diags = Diagnostics::default();
                        let answers = match parsed {
                            Ok(node) => answers::load_answer_file(node, &mut diags),
                            Err(d) => {
                                diags.push(*d);
                                None
                            }
                        };
                        ProjectFile::Answers(answers, diags)
                    }
                };
                (read, Some(content))
            },
        );
        for (job, (read, content)) in jobs.iter().zip(loaded) {
            // Every job takes the place in the sources its spans were made for; a file that
            // could not be read holds its place empty.
            let placeholder = matches!(read, ReadFile::Failed(..))
                .then(|| SourceFile::new(display_path(&job.path), job.path.clone(), String::new()));
            self.add_read(read, Some(job.listed_at));
            if let Some(empty) = placeholder {
                self.sources.push(empty);
            }
            debug_assert_eq!(self.sources.len(), job.id.0 + 1);
            match content {
                Some(ProjectFile::Catalog(catalog)) => self.register_catalog(catalog, false),
                Some(ProjectFile::Answers(answers, diags)) => {
                    self.diags.extend(diags);
                    self.answer_files.extend(answers);
                }
                None => {}
            }
        }
    }

    /// Adds a file read by [`read_file`], or reports why it could not be read.
    fn add_read(&mut self, read: ReadFile, listed_at: Option<Span>) -> Option<SourceId> {
        let fail = |ws: &mut Self, code: Code, message: Message, hint: Option<Message>| {
            let mut d = Diagnostic::new(code, message);
            if let Some(hint) = hint {
                d = d.help(hint);
            }
            if let Some(span) = listed_at {
                d = d.at(span, crate::msg!("label-listed-here"));
            }
            ws.diags.push(d);
            None
        };
        match read {
            ReadFile::Text(file) => Some(self.sources.push(file)),
            ReadFile::Failed(code, message, hint) => fail(self, code, message, hint),
            ReadFile::NotUtf8 {
                file,
                valid_up_to,
                shown_offset,
            } => {
                let name = file.name.clone();
                let id = self.sources.push(file);
                self.diags.push(
                    Diagnostic::new(Code::NotUtf8, crate::msg!("not-utf8", file = name))
                        .at(
                            Span::new(id, shown_offset, shown_offset + '\u{fffd}'.len_utf8()),
                            crate::msg!("label-invalid-byte", offset = valid_up_to),
                        )
                        .help(crate::msg!("not-utf8-help")),
                );
                None
            }
        }
    }

    /// The YAML files a listed path stands for: the file itself, or every `*.yaml` /
    /// `*.yml` below a folder, in sorted order. Whatever else the folder holds is reported
    /// as not read, and a path leading outside the project is refused.
    pub(crate) fn yaml_files(&mut self, path: &Path, listed_at: Span) -> Vec<PathBuf> {
        let Some(meta) = self.listed_path(path, listed_at, None) else {
            return Vec::new();
        };
        if !meta.is_dir() {
            // A file of any kind: reading it refuses anything but a regular file.
            return vec![path.to_path_buf()];
        }
        let mut files = Vec::new();
        let mut found = Diagnostics::default();
        walk(
            path,
            0,
            self.boundary.as_ref(),
            listed_at,
            &mut files,
            &mut found,
        );
        self.diags.extend(found);
        files.sort();
        files
    }

    /// Checks a path listed in the project file: that it exists and stays inside the
    /// project. Returns what it leads to (links followed), or reports why not.
    pub(crate) fn listed_path(
        &mut self,
        path: &Path,
        listed_at: Span,
        what: Option<Message>,
    ) -> Option<fs::Metadata> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.diags.push(
                    Diagnostic::new(
                        Code::Io,
                        match what {
                            Some(what) => crate::msg!(
                                "listed-path-missing-what",
                                what = what,
                                path = display_path(path)
                            ),
                            None => crate::msg!("listed-path-missing", path = display_path(path)),
                        },
                    )
                    .at(listed_at, crate::msg!("label-listed-here"))
                    .help(crate::msg!("help-paths-relative")),
                );
                return None;
            }
            Err(error) => {
                let e = crate::files::FileError::Io {
                    path: path.to_path_buf(),
                    error,
                };
                self.diags
                    .push(file_error(&e).at(listed_at, crate::msg!("label-listed-here")));
                return None;
            }
        };
        if let Some(boundary) = &self.boundary
            && let Err(e) = boundary.resolve(path)
        {
            self.diags
                .push(file_error(&e).at(listed_at, crate::msg!("label-listed-here")));
            return None;
        }
        Some(meta)
    }
}

/// The diagnostic for a file that was not read.
pub(crate) fn file_error(e: &crate::files::FileError) -> Diagnostic {
    use crate::files::FileError;
    let code = match e {
        FileError::Io { .. } => Code::Io,
        FileError::Outside { .. } | FileError::InGitData { .. } => Code::OutsideProject,
        FileError::NotRegular { .. } => Code::NotRegularFile,
        FileError::TooLarge { .. } => Code::Limit,
    };
    Diagnostic::new(code, e.message()).help(e.hint())
}

/// A warning (a note for hidden entries) that a file or folder in a project's folder is
/// not read.
pub(crate) fn not_read(path: &Path, why: Message, listed_at: Span, help: Message) -> Diagnostic {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let d = Diagnostic::new(
        Code::NotRead,
        crate::msg!("not-read", path = display_path(path), why = why),
    )
    .at(listed_at, crate::msg!("label-in-this-folder"))
    .help(help);
    if hidden {
        d.with_severity(crate::diag::Severity::Note)
    } else {
        d
    }
}

/// A file read from disk and decoded, on any thread, waiting to join a run's sources.
enum ReadFile {
    Text(SourceFile),
    /// Kept (decoded lossily) so the report can show where the first bad byte is.
    NotUtf8 {
        file: SourceFile,
        valid_up_to: usize,
        shown_offset: usize,
    },
    /// The code, the message and the hint.
    Failed(Code, Message, Option<Message>),
}

/// Reads a file: only a regular file (inside the boundary, when given), through a reader
/// that stops at the size limit.
fn read_file(path: &Path, boundary: Option<&Boundary>) -> ReadFile {
    let name = display_path(path);
    let bytes = match crate::files::read_regular(path, boundary, limits::MAX_FILE_BYTES as u64) {
        Ok(bytes) => bytes,
        Err(e) => {
            let d = file_error(&e);
            return ReadFile::Failed(d.code, d.message, d.help);
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => ReadFile::Text(SourceFile::new(name, path.to_path_buf(), text)),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let shown_offset = String::from_utf8_lossy(&e.as_bytes()[..valid_up_to]).len();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            ReadFile::NotUtf8 {
                file: SourceFile::new(name, path.to_path_buf(), text),
                valid_up_to,
                shown_offset,
            }
        }
    }
}

/// What a catalog file holds, read on its own (on any thread), with its diagnostics.
struct CatalogFile {
    content: CatalogContent,
    diags: Diagnostics,
}

enum CatalogContent {
    Catalog(Catalog),
    Mapping(crate::mapping::Mapping),
    Thesaurus(crate::mapping::thesaurus::Thesaurus),
    /// The catalog IDs a broken file was meant to define: answers naming them are not
    /// reported again as naming an unknown catalog.
    Broken(Vec<String>),
}

/// Turns a parsed catalog, mapping or thesaurus file into its model; the tree is freed on return.
fn read_catalog_file(
    file: &crate::source::SourceFile,
    parsed: Result<Node, Box<Diagnostic>>,
) -> CatalogFile {
    let mut diags = Diagnostics::default();
    let node = match parsed {
        Ok(node) => node,
        Err(d) => {
            diags.push(*d);
            // Catalogs are named `<id>.yaml` by convention.
            let stem = file
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned());
            return CatalogFile {
                content: CatalogContent::Broken(stem.into_iter().collect()),
                diags,
            };
        }
    };
    let content = if crate::mapping::is_mapping_file(&node) {
        match crate::mapping::load_mapping(&node, &file.name, &mut diags) {
            Some(mapping) => CatalogContent::Mapping(mapping),
            None => CatalogContent::Broken(Vec::new()),
        }
    } else if crate::mapping::thesaurus::is_thesaurus_file(&node) {
        match crate::mapping::thesaurus::load_thesaurus(&node, &file.name, &mut diags) {
            Some(thesaurus) => CatalogContent::Thesaurus(thesaurus),
            None => CatalogContent::Broken(Vec::new()),
        }
    } else {
        let declared = catalog::declared_id(&node);
        match catalog::load_catalog(node, &file.name, &mut diags) {
            Some(catalog) => CatalogContent::Catalog(catalog),
            None => CatalogContent::Broken(declared.into_iter().collect()),
        }
    };
    CatalogFile { content, diags }
}

/// What a data file of a project holds.
#[derive(Clone, Copy)]
enum DataKind {
    Catalog,
    Answers,
}

/// One catalog or answer file to load, and the place in the sources it will take.
struct DataJob {
    path: PathBuf,
    listed_at: Span,
    kind: DataKind,
    size: usize,
    id: SourceId,
}

/// A project file read in a worker thread.
enum ProjectFile {
    Catalog(CatalogFile),
    Answers(Option<AnswerFile>, Diagnostics),
}

/// The built-in files added to a run's sources, waiting to be parsed.
struct BuiltinSources {
    catalogs: Vec<SourceId>,
    layouts: Vec<layout_files::LayoutSources>,
}

impl BuiltinSources {
    /// The YAML files to parse: catalogs, then layout definitions.
    fn yaml_ids(&self) -> Vec<SourceId> {
        self.catalogs
            .iter()
            .copied()
            .chain(self.layouts.iter().map(|l| l.definition))
            .collect()
    }
}

/// Parsed trees that outlive the borrow of the sources (the built-ins and the project
/// file, which are small), for adding to the workspace that holds those sources.
fn owned(
    parsed: Vec<Result<Node<'_>, Box<Diagnostic>>>,
) -> std::vec::IntoIter<Result<Node<'static>, Box<Diagnostic>>> {
    let owned: Vec<_> = parsed
        .into_iter()
        .map(|result| result.map(Node::into_owned))
        .collect();
    owned.into_iter()
}

/// How deep folders below a listed folder are searched.
const MAX_FOLDER_DEPTH: usize = 32;

/// Collects the YAML files below `dir`, reporting every entry that is not read and why.
fn walk(
    dir: &Path,
    depth: usize,
    boundary: Option<&Boundary>,
    listed_at: Span,
    out: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            let e = crate::files::FileError::Io {
                path: dir.to_path_buf(),
                error,
            };
            return diags.push(file_error(&e).at(listed_at, crate::msg!("label-in-this-folder")));
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            diags.push(not_read(
                &path,
                crate::msg!("not-read-hidden"),
                listed_at,
                crate::msg!("not-read-hidden-help"),
            ));
            continue;
        }
        let Ok(mut kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            if let Some(boundary) = boundary
                && let Err(e) = boundary.resolve(&path)
            {
                diags.push(file_error(&e).at(listed_at, crate::msg!("label-in-this-folder")));
                continue;
            }
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    diags.push(not_read(
                        &path,
                        crate::msg!("not-read-folder-link"),
                        listed_at,
                        crate::msg!("not-read-folder-link-help"),
                    ));
                    continue;
                }
                Ok(meta) => kind = meta.file_type(),
                Err(error) => {
                    let e = crate::files::FileError::Io { path, error };
                    diags.push(file_error(&e).at(listed_at, crate::msg!("label-in-this-folder")));
                    continue;
                }
            }
        }
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if kind.is_dir() {
            if depth + 1 >= MAX_FOLDER_DEPTH {
                diags.push(not_read(
                    &path,
                    crate::msg!("not-read-too-deep", depth = MAX_FOLDER_DEPTH),
                    listed_at,
                    crate::msg!("not-read-too-deep-help"),
                ));
            } else {
                walk(&path, depth + 1, boundary, listed_at, out, diags);
            }
        } else if is_yaml {
            // Special files too: reading them reports what they are.
            out.push(path);
        } else {
            diags.push(not_read(
                &path,
                crate::msg!("not-read-not-yaml"),
                listed_at,
                crate::msg!("not-read-not-yaml-help"),
            ));
        }
    }
}
