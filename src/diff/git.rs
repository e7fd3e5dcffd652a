//! Reading a project as it was at a git revision: the files it needs are written from the
//! revision's tree into a temporary folder (with `git ls-tree` and `git cat-file --batch`,
//! never touching the repository's index or working tree), which is then loaded like any
//! project.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use tempfile::TempDir;

use crate::i18n::Message;
use crate::load::{PROJECT_FILE, Workspace};

/// A git failure that stops the command (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// git could not be started or waited for.
    #[error("{}", self.message())]
    CannotRun {
        #[source]
        source: std::io::Error,
    },
    /// A git command failed: its arguments, exit status and what it wrote to stderr
    /// (which is what the user is shown).
    #[error("{}", self.message())]
    Failed {
        command: String,
        status: ExitStatus,
        stderr: String,
    },
    /// The current folder cannot be read.
    #[error("{}", self.message())]
    NoCurrentFolder {
        #[source]
        source: std::io::Error,
    },
    /// A path with more `..` than folders above it.
    #[error("{}", self.message())]
    OutsideRoot { path: PathBuf },
    /// A path outside any git repository (`source`: why `git rev-parse` said so).
    #[error("{}", self.message())]
    NotARepository {
        path: PathBuf,
        #[source]
        source: Box<GitError>,
    },
    /// Text that cannot name a revision (empty, or starting with `-`).
    #[error("{}", self.message())]
    NotARevision { revision: String },
    /// A revision git does not know.
    #[error("{}", self.message())]
    UnknownRevision { revision: String },
    /// Two commits without a common ancestor (for `A...B`).
    #[error("{}", self.message())]
    NoMergeBase { a: String, b: String },
    /// The temporary folder a revision is written to cannot be made.
    #[error("{}", self.message())]
    TemporaryFolder {
        #[source]
        source: std::io::Error,
    },
    /// A file of a revision cannot be written to the temporary folder.
    #[error("{}", self.message())]
    TemporaryFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `git cat-file` takes no input.
    #[error("{}", self.message())]
    CannotWrite,
    /// `git cat-file` gives no output.
    #[error("{}", self.message())]
    CannotRead,
    /// `git cat-file` answered something else than blobs: what it was.
    #[error("{}", self.message())]
    UnexpectedAnswer { what: String },
    /// A blob `git cat-file` sent is shorter than it said.
    #[error("{}", self.message())]
    BlobEndsEarly,
    /// `git cat-file` failed after sending the blobs.
    #[error("{}", self.message())]
    CatFileFailed { status: ExitStatus },
    /// The project of a revision could not be loaded to find the files it lists.
    #[error("{}", self.message())]
    Load(Box<crate::error::Error>),
}

impl GitError {
    /// What went wrong, as a message in the user's language.
    pub fn message(&self) -> Message {
        let display = crate::source::display_path;
        match self {
            GitError::CannotRun { source } => {
                crate::msg!("git-cannot-run", error = source.to_string())
            }
            GitError::Failed { stderr, .. } => crate::msg!("plain", text = stderr),
            GitError::NoCurrentFolder { source } => {
                crate::msg!("git-no-current-folder", error = source.to_string())
            }
            GitError::OutsideRoot { path } => crate::msg!("git-outside-root", path = display(path)),
            GitError::NotARepository { path, source } => crate::msg!(
                "git-not-a-repository",
                path = display(path),
                error = source.message()
            ),
            GitError::NotARevision { revision } => {
                crate::msg!("git-not-a-revision", revision = revision)
            }
            GitError::UnknownRevision { revision } => {
                crate::msg!("git-unknown-revision", revision = revision)
            }
            GitError::NoMergeBase { a, b } => crate::msg!("git-no-merge-base", a = a, b = b),
            GitError::TemporaryFolder { source } => {
                crate::msg!("git-no-temporary-folder", error = source.to_string())
            }
            GitError::TemporaryFile { source, .. } => {
                crate::msg!("git-no-temporary-file", error = source.to_string())
            }
            GitError::CannotWrite => crate::msg!("git-cannot-write"),
            GitError::CannotRead => crate::msg!("git-cannot-read"),
            GitError::UnexpectedAnswer { what } => {
                crate::msg!("git-unexpected-answer", what = what)
            }
            GitError::BlobEndsEarly => crate::msg!("git-blob-ends-early"),
            GitError::CatFileFailed { .. } => crate::msg!("git-cat-file-failed"),
            GitError::Load(e) => e.message(),
        }
    }
}

/// What git functions return.
type GitResult<T> = Result<T, GitError>;

fn git(dir: &Path, args: &[&str]) -> GitResult<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| GitError::CannotRun { source })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed {
            command: format!("git {}", args.join(" ")),
            status: output.status,
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

fn git_text(dir: &Path, args: &[&str]) -> GitResult<String> {
    let out = git(dir, args)?;
    Ok(String::from_utf8_lossy(&out)
        .trim_end_matches('\n')
        .to_owned())
}

/// The repository a path is in, and the path relative to its top folder.
pub struct Located {
    /// A folder inside the repository to run git in.
    pub dir: PathBuf,
    /// The path relative to the repository's top folder, with `/` separators (`""`: the
    /// top folder itself). The path need not exist in the working tree.
    pub relative: String,
}

/// Finds the repository of `path` (relative to the working directory) and its path in it.
pub fn locate(path: &Path) -> GitResult<Located> {
    let cwd = std::env::current_dir().map_err(|source| GitError::NoCurrentFolder { source })?;
    let absolute = normalize(&cwd.join(path)).ok_or_else(|| GitError::OutsideRoot {
        path: path.to_path_buf(),
    })?;
    let mut base = absolute.clone();
    let mut rest: Vec<String> = Vec::new();
    while !base.is_dir() {
        let Some(name) = base.file_name() else {
            break;
        };
        rest.push(name.to_string_lossy().into_owned());
        base.pop();
    }
    let prefix =
        git_text(&base, &["rev-parse", "--show-prefix"]).map_err(|e| GitError::NotARepository {
            path: path.to_path_buf(),
            source: Box::new(e),
        })?;
    let mut relative = prefix.trim_end_matches('/').to_owned();
    for name in rest.iter().rev() {
        if !relative.is_empty() {
            relative.push('/');
        }
        relative.push_str(name);
    }
    Ok(Located {
        dir: base,
        relative,
    })
}

/// Resolves a revision to a commit ID, or says it is unknown.
pub fn resolve(dir: &Path, rev: &str) -> GitResult<String> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(GitError::NotARevision {
            revision: rev.to_owned(),
        });
    }
    git_text(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| GitError::UnknownRevision {
        revision: rev.to_owned(),
    })
}

/// The best common ancestor of two commits (for `A...B`).
pub fn merge_base(dir: &Path, a: &str, b: &str) -> GitResult<String> {
    git_text(dir, &["merge-base", a, b]).map_err(|_| GitError::NoMergeBase {
        a: a.to_owned(),
        b: b.to_owned(),
    })
}

/// The files of one commit, materialised on demand into a temporary folder.
pub struct Snapshot {
    dir: PathBuf,
    /// Every regular file of the commit: path → blob ID.
    blobs: BTreeMap<String, String>,
    written: HashSet<String>,
    temp: TempDir,
}

impl Snapshot {
    pub fn new(dir: &Path, commit: &str) -> GitResult<Snapshot> {
        let listing = git(dir, &["ls-tree", "-r", "-z", "--full-tree", commit])?;
        let mut blobs = BTreeMap::new();
        for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut parts = meta.split(' ');
            let (mode, kind, oid) = (parts.next(), parts.next(), parts.next());
            // Regular files only: no symlinks (120000), no submodules.
            if kind == Some("blob")
                && mode != Some("120000")
                && let Some(oid) = oid
                && safe_relative(path)
            {
                blobs.insert(path.to_owned(), oid.to_owned());
            }
        }
        let temp = tempfile::Builder::new()
            .prefix("checksheet-diff-")
            .tempdir()
            .map_err(|source| GitError::TemporaryFolder { source })?;
        Ok(Snapshot {
            dir: dir.to_path_buf(),
            blobs,
            written: HashSet::new(),
            temp,
        })
    }

    /// The folder that stands for the repository's top folder.
    pub fn root(&self) -> &Path {
        self.temp.path()
    }

    pub fn is_file(&self, relative: &str) -> bool {
        self.blobs.contains_key(relative)
    }

    pub fn is_dir(&self, relative: &str) -> bool {
        let folder = format!("{relative}/");
        relative.is_empty()
            || self
                .blobs
                .range(folder.clone()..)
                .next()
                .is_some_and(|(p, _)| p.starts_with(&folder))
    }

    /// Writes the file `relative`, or every file below the folder `relative`.
    pub fn materialize(&mut self, relative: &str) -> GitResult<()> {
        let folder = format!("{relative}/");
        let wanted: Vec<(String, String)> = self
            .blobs
            .iter()
            .filter(|(p, _)| relative.is_empty() || *p == relative || p.starts_with(&folder))
            .filter(|(p, _)| !self.written.contains(*p))
            .map(|(p, o)| (p.clone(), o.clone()))
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let temp = self.temp.path().to_path_buf();
        let mut paths = wanted.iter().map(|(p, _)| p.as_str());
        cat_blobs(&self.dir, wanted.iter().map(|(_, o)| o.as_str()), |blob| {
            let path = paths.next().expect("a path per blob");
            let target = temp.join(path);
            let fail = |source: std::io::Error| GitError::TemporaryFile {
                path: target.clone(),
                source,
            };
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(fail)?;
            }
            match blob {
                Blob::Read(bytes) => fs::write(&target, bytes).map_err(fail),
                // A file over the loader's limit is written as a sparse file of its
                // size, its bytes left unread: the loader refuses it by its size, as it
                // refuses the file in the work tree.
                Blob::TooLarge(size) => fs::File::create(&target)
                    .and_then(|f| f.set_len(size))
                    .map_err(fail),
            }
        })?;
        self.written.extend(wanted.into_iter().map(|(p, _)| p));
        Ok(())
    }

    /// Writes a project (its `checksheet.yaml` at `project_file`) and every file and
    /// folder it lists — answers, catalogs, layouts — wherever they are in the tree.
    pub fn materialize_project(&mut self, project_file: &str) -> GitResult<()> {
        self.materialize(project_file)?;
        let ws =
            Workspace::load_within(&self.temp.path().join(project_file), Some(self.temp.path()))
                .map_err(|e| GitError::Load(Box::new(e)))?;
        let Some(project) = ws.project else {
            // A broken project file: loading it again reports why.
            return Ok(());
        };
        let listed = project
            .answers
            .iter()
            .chain(&project.catalogs)
            .chain(&project.layouts);
        for (path, _) in listed {
            if let Some(relative) = path
                .strip_prefix(self.temp.path())
                .ok()
                .and_then(normalize_relative)
            {
                self.materialize(&relative)?;
            }
        }
        Ok(())
    }

    /// The project file answering for an answer file: the nearest `checksheet.yaml` in
    /// the file's folder or a folder above it.
    pub fn enclosing_project(&self, relative: &str) -> Option<String> {
        let mut folder = relative;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            let candidate = format!("{parent}/{PROJECT_FILE}");
            if self.is_file(&candidate) {
                return Some(candidate);
            }
            folder = parent;
        }
        self.is_file(PROJECT_FILE).then(|| PROJECT_FILE.to_owned())
    }
}

/// A blob as `cat_blobs` hands it on.
enum Blob<'a> {
    Read(&'a [u8]),
    /// Larger than a project file may be (its size in bytes): not read.
    TooLarge(u64),
}

/// Reads blobs with one `git cat-file --batch`, in the order asked, handing each to `each`
/// as it comes: one blob at a time in memory, and none larger than a project file may be.
fn cat_blobs<'a>(
    dir: &Path,
    oids: impl Iterator<Item = &'a str>,
    mut each: impl FnMut(Blob) -> GitResult<()>,
) -> GitResult<()> {
    let input: String = oids.map(|o| format!("{o}\n")).collect();
    let count = input.lines().count();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| GitError::CannotRun { source })?;
    let mut stdin = child.stdin.take().ok_or(GitError::CannotWrite)?;
    // Written from another thread: git answers while it reads, and a full pipe would
    // otherwise stop both sides.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let stdout = child.stdout.take().ok_or(GitError::CannotRead)?;
    let mut reader = BufReader::new(stdout);
    let mut bytes = Vec::new();
    let broken = |what: &str| GitError::UnexpectedAnswer {
        what: what.to_owned(),
    };
    for _ in 0..count {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| broken(&e.to_string()))?;
        let size: usize = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| broken(header.trim_end()))?;
        if size > crate::yaml::limits::MAX_FILE_BYTES {
            let skipped = std::io::copy(&mut (&mut reader).take(size as u64), &mut std::io::sink())
                .map_err(|e| broken(&e.to_string()))?;
            if skipped != size as u64 {
                return Err(GitError::BlobEndsEarly);
            }
            each(Blob::TooLarge(size as u64))?;
        } else {
            bytes.resize(size, 0);
            reader
                .read_exact(&mut bytes)
                .map_err(|e| broken(&e.to_string()))?;
            each(Blob::Read(&bytes))?;
        }
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| broken(&e.to_string()))?;
    }
    let _ = writer.join();
    let status = child
        .wait()
        .map_err(|source| GitError::CannotRun { source })?;
    if !status.success() {
        return Err(GitError::CatFileFailed { status });
    }
    Ok(())
}

/// A path from git is relative, without `.` or `..` parts.
fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// `a/b/../c` → `a/c`; `None` if it leaves the top folder.
fn normalize_relative(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// Removes `.` and `..` parts of an absolute path without touching the file system.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_normalized_inside_the_tree() {
        assert_eq!(
            normalize_relative(Path::new("proj/../shared/controls")),
            Some("shared/controls".to_owned())
        );
        assert_eq!(normalize_relative(Path::new("../outside")), None);
        assert!(safe_relative("answers/a.yaml"));
        assert!(!safe_relative("../a.yaml"));
    }
}
