//! What stops a run: the one error type library functions return when a command cannot go
//! on, as opposed to problems in the input, which are [`crate::diag::Diagnostic`]s with
//! stable codes and never stop a run by themselves.
//!
//! Every variant names what it concerns (a path, a workbook) and keeps the operating
//! system's `io::Error` as its source. [`Error::exit_code`] is the command's exit code:
//! 2 when the command could not run (a missing project, a full disk, bad arguments), 1 when
//! the project itself must change (a layout's template failed). Only the command layer
//! (`crate::cli`) turns an `Error` into text, with [`Error::message`].

use std::io;
use std::path::PathBuf;

use crate::i18n::Message;
use crate::msg;
use crate::source::display_path;

/// Why a command stopped. See the module documentation for the exit codes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No project file at the path given (neither a folder holding `checksheet.yaml` nor
    /// the path of a project file).
    #[error("{}", self.message())]
    ProjectNotFound { path: PathBuf },
    /// A file or folder could not be read.
    #[error("{}", self.message())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file could not be written (a full disk, no permission, a lost folder).
    #[error("{}", self.message())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A folder could not be created.
    #[error("{}", self.message())]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The output folder of a build could not be created.
    #[error("{}", self.message())]
    CreateOutputFolder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file the command would write exists, and replacing it was not asked for.
    #[error("{}", self.message())]
    Exists {
        path: PathBuf,
        /// What replaces it, when anything does (e.g. `--force`).
        hint: Option<Message>,
    },
    /// `init` found files of a project in the folder already: nothing was written.
    #[error("{}", self.message())]
    ProjectExists { dir: PathBuf, files: Vec<PathBuf> },
    /// A catalog named on the command line that neither the built-ins nor the project have.
    #[error("{}", self.message())]
    UnknownCatalog { id: String, known: Vec<String> },
    /// A file of the project was refused before reading (a link out of the project, a
    /// device, over the size limit) or could not be read.
    #[error(transparent)]
    File(#[from] crate::files::FileError),
    /// An output could not be rendered or written.
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    /// A customer's workbook could not be filled at all.
    #[error(transparent)]
    Fill(#[from] crate::fill::FillError),
    /// Arguments that cannot work (an unknown catalog, options out of range), or a
    /// workbook that cannot be read: the message says which and what to do.
    #[error("{0}")]
    Refused(Message),
    /// `diff` could not compare (a path with nothing to compare, git failing, an unknown
    /// revision).
    #[error(transparent)]
    Diff(#[from] crate::diff::DiffError),
    /// An input that cannot be used at all (a workbook that cannot be read), described as
    /// a diagnostic with its code and hint; the command layer reports it as one.
    #[error("{}", self.message())]
    Diagnosed(Box<crate::diag::Diagnostic>),
}

impl Error {
    /// The exit code of a run this stops: 1 when the project must change (a layout's
    /// template failed), 2 when the command could not run.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Render(e) => e.exit_code(),
            _ => 2,
        }
    }

    /// What went wrong, as a message in the user's language.
    pub fn message(&self) -> Message {
        let io = |e: &io::Error| e.to_string();
        match self {
            Error::ProjectNotFound { path } => msg!(
                "project-not-found",
                path = display_path(path),
                file = crate::load::PROJECT_FILE
            ),
            Error::Read { path, source } => msg!(
                "file-cannot-read",
                path = display_path(path),
                error = io(source)
            ),
            Error::Write { path, source } => msg!(
                "cannot-write-file",
                path = display_path(path),
                error = io(source)
            ),
            Error::CreateFolder { path, source } => msg!(
                "cannot-create-folder",
                path = display_path(path),
                error = io(source)
            ),
            Error::CreateOutputFolder { path, source } => msg!(
                "cannot-create-output-folder",
                path = display_path(path),
                error = io(source)
            ),
            Error::Exists { path, hint: None } => {
                msg!("file-exists", path = display_path(path))
            }
            Error::Exists {
                path,
                hint: Some(hint),
            } => msg!("file-exists-hint", path = display_path(path), hint = hint),
            Error::ProjectExists { dir, files } => msg!(
                "init-files-exist",
                dir = display_path(dir),
                count = files.len(),
                files = files
                    .iter()
                    .map(|f| display_path(f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Error::UnknownCatalog { id, known } => msg!(
                "unknown-catalog-known",
                catalog = id.as_str(),
                catalogs = known.join(", ")
            ),
            Error::File(e) => e.message(),
            Error::Render(e) => e.message(),
            Error::Fill(e) => e.message(),
            Error::Refused(message) => message.clone(),
            Error::Diff(e) => e.message(),
            Error::Diagnosed(d) => d.located_message(),
        }
    }

    /// A write error naming `path`.
    pub fn write(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    /// A read error naming `path`.
    pub fn read(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Read {
            path: path.into(),
            source,
        }
    }
}

impl From<Message> for Error {
    fn from(message: Message) -> Error {
        Error::Refused(message)
    }
}
