//! Writing files so that a reader never sees half of one: every file `checksheet` writes
//! (build outputs, answer files from `import` and `fmt`, a new project from `init`, a
//! filled workbook, a mapping file) is staged in a temporary file beside its target,
//! synced where people wrote it, and renamed into place. The one place that stages,
//! names, locks and cleans up those temporary files.
//!
//! Errors are [`Error::Write`] / [`Error::CreateFolder`] / [`Error::Exists`], naming the
//! target file, never the temporary one.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use strum::VariantArray;

use crate::error::Error;
use crate::model::Format;

/// The start of the name of every file `checksheet` stages before renaming it into place:
/// `.checksheet-<pid>-<random>[.<ext>]`.
const STAGED_PREFIX: &str = ".checksheet-";
/// How many random letters and digits follow the process ID.
const STAGED_RANDOM: usize = 6;

/// A new staged file in `dir`, named after this process and locked (`flock`) for as long
/// as it is open: a later run can tell that the build that made it is gone, even when it
/// was killed, and remove it ([`remove_stale_staged`]).
pub fn new_staged(dir: &Path, extension: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let temp = tempfile::Builder::new()
        .prefix(&format!("{STAGED_PREFIX}{}-", std::process::id()))
        .rand_bytes(STAGED_RANDOM)
        .suffix(extension)
        .tempfile_in(dir)?;
    lock(temp.as_file(), true)?;
    Ok(temp)
}

/// Takes the exclusive lock of a file (`flock` on Unix); `wait` or fail at once when
/// another holds it.
fn lock(file: &fs::File, wait: bool) -> std::io::Result<()> {
    if wait {
        file.lock()
    } else {
        file.try_lock().map_err(std::io::Error::from)
    }
}

/// The process ID a staged file's name carries, when the name is one `checksheet` gives:
/// `.checksheet-<pid>-<six letters or digits>`, then nothing or an output's extension.
fn staged_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(STAGED_PREFIX)?;
    let (pid, rest) = rest.split_once('-')?;
    let (random, extension) = rest.split_at_checked(STAGED_RANDOM)?;
    let is_random = random.bytes().all(|b| b.is_ascii_alphanumeric());
    let is_extension = extension.is_empty()
        || Format::VARIANTS
            .iter()
            .any(|f| extension.strip_prefix('.') == Some(f.extension()));
    (is_random && is_extension && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether a process with this ID runs (or may: one of another user's).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Signal 0 only checks that the process exists.
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(error) => error != rustix::io::Errno::SRCH,
    }
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// Removes from `dir` the files earlier builds staged and never renamed (a build killed
/// while it wrote): only regular files named as `checksheet` names them, whose process is
/// gone and whose lock nobody holds — never a file a running build is writing, nor any
/// other file. Returns what was removed.
pub fn remove_stale_staged(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = staged_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid == std::process::id()
            || process_alive(pid)
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let path = entry.path();
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        // The lock is held while the file is removed, so no other run takes it meanwhile.
        let Ok(file) = options.open(&path) else {
            continue;
        };
        if lock(&file, false).is_ok() && fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
    removed
}

/// Replaces one existing file atomically, keeping its permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let temp = stage(folder_of(path), bytes, permissions).map_err(|e| Error::write(path, e))?;
    temp.persist(path)
        .map(|_| ())
        .map_err(|e| Error::write(path, e.error))
}

/// Writes every file or none: refuses an existing target unless `replace` (naming the
/// first one, with `hint` saying how to replace it), creates missing folders, stages every
/// file beside its target, then renames them into place.
pub fn all_or_none<B: AsRef<[u8]>>(
    files: &[(PathBuf, B)],
    replace: bool,
    hint: Option<crate::i18n::Message>,
) -> Result<(), Error> {
    if !replace && let Some((path, _)) = files.iter().find(|(path, _)| path.exists()) {
        return Err(Error::Exists {
            path: path.clone(),
            hint,
        });
    }
    let mut staged = Vec::new();
    for (path, bytes) in files {
        let dir = folder_of(path);
        fs::create_dir_all(dir).map_err(|source| Error::CreateFolder {
            path: dir.to_path_buf(),
            source,
        })?;
        let permissions = fs::metadata(path).ok().map(|m| m.permissions());
        let temp = stage(dir, bytes.as_ref(), permissions).map_err(|e| Error::write(path, e))?;
        staged.push((temp, path));
    }
    for (temp, path) in staged {
        let persisted = if replace {
            temp.persist(path).map(|_| ())
        } else {
            temp.persist_noclobber(path).map(|_| ())
        };
        persisted.map_err(|e| Error::write(path, e.error))?;
    }
    Ok(())
}

/// The folder a file is written in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary file in `dir` holding `bytes`, synced, with the given permissions (default
/// rw-r--r--), ready to be renamed over its target.
fn stage(
    dir: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let temp = new_staged(dir, "")?;
    // Through the file itself: its errors are the operating system's, as they are.
    temp.as_file().write_all(bytes)?;
    seal(&temp, permissions)?;
    Ok(temp)
}

/// Syncs a staged file and gives it its permissions (default rw-r--r--).
fn seal(
    temp: &tempfile::NamedTempFile,
    permissions: Option<fs::Permissions>,
) -> std::io::Result<()> {
    temp.as_file().sync_all()?;
    match permissions {
        Some(p) => temp.as_file().set_permissions(p),
        None => readable_by_all(temp.as_file()),
    }
}

/// Temporary files are created private; outputs are ordinary files (rw-r--r--).
#[cfg(unix)]
pub fn readable_by_all(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_: &fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_checksheet_gives_are_staged_files() {
        assert_eq!(staged_pid(".checksheet-4242-aB3dE9.xlsx"), Some(4242));
        assert_eq!(staged_pid(".checksheet-4242-aB3dE9"), Some(4242));
        for name in [
            ".checksheet-4242-aB3dE9.txt",
            ".checksheet-4242-aB3d.md",
            ".checksheet-42x-aB3dE9.md",
            ".checksheet--aB3dE9.md",
            ".checksheet-notes",
            "checksheet-4242-aB3dE9.md",
            ".checksheet-4242-aB3dE9.md.bak",
        ] {
            assert_eq!(staged_pid(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_staged_file_is_locked_while_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let temp = new_staged(dir.path(), ".md").unwrap();
        let name = temp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(staged_pid(&name), Some(std::process::id()));
        let other = fs::File::open(temp.path()).unwrap();
        assert!(lock(&other, false).is_err(), "held by the staged file");
        drop(temp);
        assert!(!dir.path().join(&name).exists());
    }

    /// A process that is surely gone: a child that ran and was waited for.
    #[cfg(unix)]
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[cfg(unix)]
    #[test]
    fn only_unlocked_files_of_gone_processes_are_removed_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let alive = std::os::unix::process::parent_id();
        let own = std::process::id();
        let name = |pid: u32, tail: &str| format!(".checksheet-{pid}-aB3dE9{tail}");
        // Unlocked, as a file of a run on a file system without locks would be.
        for (pid, tail) in [(dead, ".md"), (alive, ".md"), (own, ".md"), (dead, "")] {
            fs::write(dir.path().join(name(pid, tail)), b"staged").unwrap();
        }
        fs::create_dir(dir.path().join(name(dead, ".html"))).unwrap();
        fs::write(dir.path().join("notes.md"), b"not staged").unwrap();
        let removed = remove_stale_staged(dir.path());
        let mut expected = vec![
            dir.path().join(name(dead, "")),
            dir.path().join(name(dead, ".md")),
        ];
        expected.sort();
        assert_eq!(removed, expected);
        for kept in [name(alive, ".md"), name(own, ".md"), name(dead, ".html")] {
            assert!(dir.path().join(&kept).exists(), "{kept} is kept");
        }
        assert!(dir.path().join("notes.md").exists());
    }

    #[test]
    fn all_or_none_refuses_an_existing_file_unless_told_to_replace_it() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old.yaml"), dir.path().join("sub/new.yaml"));
        fs::write(&old, b"kept").unwrap();
        let files = [(new.clone(), b"new".as_slice()), (old.clone(), b"replaced")];
        match all_or_none(&files, false, None) {
            Err(Error::Exists { path, .. }) => assert_eq!(path, old),
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read(&old).unwrap(), b"kept");
        assert!(!new.exists(), "nothing is written when one file is refused");
        all_or_none(&files, true, None).unwrap();
        assert_eq!(fs::read(&old).unwrap(), b"replaced");
        assert_eq!(fs::read(&new).unwrap(), b"new");
    }
}
