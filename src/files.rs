//! Reading a project's files safely. A project's files may come from anyone (a pull
//! request runs `checksheet check` in CI), so every file a project names or holds is:
//! - **inside the project**: its path, with every symbolic link followed, must lie in the
//!   project's folder or in the git repository that holds it ([`Boundary`]);
//! - **a regular file**: the opened handle is checked, so a named pipe, a device (a link to
//!   `/dev/zero`), a socket or a folder is refused instead of read;
//! - **read through a bounded reader**: at most the size limit is read, whatever size the
//!   file system reports (files under `/proc` report 0).
//!
//! A refused file is never read, so no error can quote its content.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::source::display_path;

/// Where a project's files may be: its folder, and the git repository that holds it.
#[derive(Clone, Debug)]
pub struct Boundary {
    /// The project's folder, with every link resolved.
    project: PathBuf,
    /// The top folder of the git repository holding the project, when there is one.
    repository: Option<PathBuf>,
}

/// Why a file of a project was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read `{shown}`: {error}", shown = display_path(path))]
    Io { path: PathBuf, error: io::Error },
    #[error(
        "`{shown}` resolves to `{resolved}`, outside the project",
        shown = display_path(path),
        resolved = resolved.display()
    )]
    Outside {
        path: PathBuf,
        resolved: PathBuf,
        /// The folders files may be in, as shown to users.
        allowed: crate::i18n::Message,
    },
    #[error(
        "`{shown}` resolves to `{resolved}`, inside a git repository's own data (`.git`)",
        shown = display_path(path),
        resolved = resolved.display()
    )]
    InGitData { path: PathBuf, resolved: PathBuf },
    #[error("`{shown}`{target} is {kind}, not a regular file",
        shown = display_path(path),
        target = resolved.as_ref().map(|r| format!(" (which resolves to `{}`)", r.display())).unwrap_or_default()
    )]
    NotRegular {
        path: PathBuf,
        /// Where a link led, when the path was one.
        resolved: Option<PathBuf>,
        kind: &'static str,
    },
    #[error("`{shown}` is over the limit of {limit} bytes", shown = display_path(path))]
    TooLarge { path: PathBuf, limit: u64 },
}

impl FileError {
    /// What went wrong, for the report (the `Display` form, as a message).
    pub fn message(&self) -> crate::i18n::Message {
        use crate::msg;
        match self {
            FileError::Io { path, error } => {
                msg!(
                    "file-cannot-read",
                    path = display_path(path),
                    error = error.to_string()
                )
            }
            FileError::Outside { path, resolved, .. } => msg!(
                "file-outside",
                path = display_path(path),
                resolved = resolved.display().to_string()
            ),
            FileError::InGitData { path, resolved } => msg!(
                "file-in-git-data",
                path = display_path(path),
                resolved = resolved.display().to_string()
            ),
            FileError::NotRegular {
                path,
                resolved,
                kind,
            } => {
                let kind = kind_message(kind);
                match resolved {
                    Some(resolved) => msg!(
                        "file-not-regular-link",
                        path = display_path(path),
                        resolved = resolved.display().to_string(),
                        kind = kind
                    ),
                    None => msg!("file-not-regular", path = display_path(path), kind = kind),
                }
            }
            FileError::TooLarge { path, limit } => {
                msg!("file-too-large", path = display_path(path), limit = *limit)
            }
        }
    }

    /// What would be right, for the report.
    pub fn hint(&self) -> crate::i18n::Message {
        use crate::msg;
        match self {
            FileError::Io { .. } => msg!("help-paths-relative"),
            FileError::Outside { allowed, .. } => {
                msg!("file-outside-help", allowed = allowed.clone())
            }
            FileError::InGitData { .. } => msg!("file-in-git-data-help"),
            FileError::NotRegular { .. } => msg!("file-not-regular-help"),
            FileError::TooLarge { .. } => msg!("file-too-large-help"),
        }
    }
}

/// A kind of file [`kind_of`] names, as a message.
fn kind_message(kind: &str) -> crate::i18n::Message {
    use crate::msg;
    match kind {
        "a named pipe (FIFO)" => msg!("file-kind-fifo"),
        "a character device" => msg!("file-kind-char-device"),
        "a block device" => msg!("file-kind-block-device"),
        "a socket" => msg!("file-kind-socket"),
        "a folder" => msg!("file-kind-folder"),
        "a symbolic link" => msg!("file-kind-link"),
        "a regular file" => msg!("file-kind-regular"),
        _ => msg!("file-kind-special"),
    }
}

impl Boundary {
    /// The boundary of a project in `project_dir`: that folder, and the repository found
    /// by looking for `.git` in it and the folders above it.
    pub fn of_project(project_dir: &Path) -> io::Result<Boundary> {
        let project = fs::canonicalize(project_dir)?;
        let repository = project
            .ancestors()
            .find(|folder| fs::symlink_metadata(folder.join(".git")).is_ok())
            .map(Path::to_path_buf);
        Ok(Boundary {
            project,
            repository,
        })
    }

    /// A boundary of one folder (e.g. a revision written out by `diff --git`).
    pub fn of_folder(folder: &Path) -> io::Result<Boundary> {
        Ok(Boundary {
            project: fs::canonicalize(folder)?,
            repository: None,
        })
    }

    fn allowed(&self) -> crate::i18n::Message {
        use crate::msg;
        match &self.repository {
            Some(repo) if repo != &self.project => msg!(
                "allowed-folder-and-repository",
                folder = self.project.display().to_string(),
                repository = repo.display().to_string()
            ),
            _ => msg!(
                "allowed-folder",
                folder = self.project.display().to_string()
            ),
        }
    }

    /// Resolves `path` (every link followed) and checks that it stays inside; returns
    /// where it leads.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, FileError> {
        let resolved = fs::canonicalize(path).map_err(|error| FileError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        let inside = [Some(&self.project), self.repository.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|root| resolved.strip_prefix(root).ok());
        if let Some(relative) = inside {
            if relative.components().any(|c| c.as_os_str() == ".git") {
                return Err(FileError::InGitData {
                    path: path.to_path_buf(),
                    resolved,
                });
            }
            Ok(resolved)
        } else {
            Err(FileError::Outside {
                path: path.to_path_buf(),
                resolved,
                allowed: self.allowed(),
            })
        }
    }
}

/// The error for `path`, which is (or, through a link, leads to `resolved`, which is) not a
/// regular file.
fn not_regular(path: &Path, resolved: Option<PathBuf>, meta: &fs::Metadata) -> FileError {
    let linked = resolved
        .filter(|_| fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()))
        .filter(|r| r != path);
    FileError::NotRegular {
        path: path.to_path_buf(),
        resolved: linked,
        kind: kind_of(meta.file_type()),
    }
}

/// What kind of file system entry a file type is, in words.
pub fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Reads a regular file of at most `limit` bytes: inside `boundary` when one is given,
/// refused without being read when it is anything else than a regular file.
pub fn read_regular(
    path: &Path,
    boundary: Option<&Boundary>,
    limit: u64,
) -> Result<Vec<u8>, FileError> {
    let resolved = match boundary {
        Some(boundary) => Some(boundary.resolve(path)?),
        None => None,
    };
    let io = |error| FileError::Io {
        path: path.to_path_buf(),
        error,
    };
    // Opening a named pipe for reading waits for a writer, and opening a terminal may make
    // it this process's: neither happens with these flags. They change nothing for a
    // regular file.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let target = resolved.as_deref().unwrap_or(path);
    let file = match options.open(target) {
        Ok(file) => file,
        // A socket cannot be opened at all (ENXIO): it is named as what it is.
        Err(_) if fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            let meta = fs::metadata(target).map_err(io)?;
            return Err(not_regular(path, resolved, &meta));
        }
        Err(error) => return Err(io(error)),
    };
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(not_regular(path, resolved, &meta));
    }
    // The reported size only sizes the buffer; the reader stops one byte past the limit.
    let hint = meta.len().min(limit) as usize;
    let mut bytes = Vec::with_capacity(hint.saturating_add(1));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_larger_than_the_limit_is_refused_whatever_its_reported_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_regular(&path, None, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&path, None, 9),
            Err(FileError::TooLarge { limit: 9, .. })
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn proc_files_reporting_no_size_are_bounded() {
        // /proc/self/maps reports a size of 0 and holds more than 16 bytes.
        assert_eq!(fs::metadata("/proc/self/maps").unwrap().len(), 0);
        assert!(matches!(
            read_regular(Path::new("/proc/self/maps"), None, 16),
            Err(FileError::TooLarge { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_project_and_devices_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        fs::create_dir(&project).unwrap();
        fs::write(dir.path().join("secret.yaml"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.yaml"), project.join("a.yaml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", project.join("zero.yaml")).unwrap();
        let boundary = Boundary::of_folder(&project).unwrap();
        let outside = read_regular(&project.join("a.yaml"), Some(&boundary), 100).unwrap_err();
        assert!(matches!(outside, FileError::Outside { .. }), "{outside}");
        assert!(outside.to_string().contains("secret.yaml"), "{outside}");
        let socket = std::os::unix::net::UnixListener::bind(project.join("s.yaml")).unwrap();
        let refused = read_regular(&project.join("s.yaml"), None, 100).unwrap_err();
        assert!(
            matches!(
                refused,
                FileError::NotRegular {
                    kind: "a socket",
                    ..
                }
            ),
            "{refused}"
        );
        drop(socket);
        let device = read_regular(&project.join("zero.yaml"), None, 100).unwrap_err();
        assert!(
            matches!(
                device,
                FileError::NotRegular {
                    kind: "a character device",
                    ..
                }
            ),
            "{device}"
        );
    }
}
