//! A small builder over fixture folders: copy a fixture (or start empty) into a temporary
//! folder, add or overwrite files, run the binary there, inspect what it printed and wrote.

use std::path::{Path, PathBuf};
use std::{fs, str};

use assert_cmd::Command;
use tempfile::TempDir;

/// A project in a temporary folder.
pub struct Project {
    dir: TempDir,
}

/// What one run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// An empty folder.
    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of `tests/fixtures/<stage>/<case>/`.
    pub fn fixture(stage: &str, case: &str) -> Project {
        let project = Project::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(stage)
            .join(case);
        assert!(from.is_dir(), "no fixture {}", from.display());
        copy_dir(&from, project.path());
        project
    }

    /// A copy of a folder of the repository (e.g. `examples/skyarch`, or `.` without dist).
    pub fn copy_of(relative: &str) -> Project {
        let project = Project::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        copy_dir(&from, project.path());
        project
    }

    /// A small valid project: one catalog `demo` (two groups, four controls), answers, and a
    /// generic-layout output in all formats.
    pub fn demo() -> Project {
        Project::fixture("build", "demo")
    }

    /// Adds a copy of a folder of the repository at `to` (a project may read only files
    /// inside it).
    pub fn with_copy_of(self, relative: &str, to: &str) -> Project {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        copy_dir(&from, &self.path().join(to));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(self, path: &str, contents: &str) -> Project {
        self.bytes(path, contents.as_bytes())
    }

    pub fn bytes(self, path: &str, contents: &[u8]) -> Project {
        let target = self.path().join(path);
        fs::create_dir_all(target.parent().expect("a file has a parent")).expect("create folders");
        fs::write(target, contents).expect("write fixture file");
        self
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.path().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub fn read_bytes(&self, path: &str) -> Vec<u8> {
        fs::read(self.path().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.path().join(path).exists()
    }

    /// Runs `checksheet ARGS` in the project folder, without colours, in English (the
    /// locale variables fixed: see [`LOCALE`]).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(args, &[])
    }

    /// Runs `checksheet ARGS` with the locale variables of [`LOCALE`] changed by `vars`
    /// (`None`: unset).
    pub fn run_in(&self, args: &[&str], vars: &[(&str, Option<&str>)]) -> Run {
        let mut command = Command::cargo_bin("checksheet").expect("the binary is built");
        command
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .timeout(std::time::Duration::from_secs(30));
        for (name, value) in LOCALE.iter().chain(vars) {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        let output = command.output().expect("run checksheet");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Every file below `dist/` with its bytes, sorted.
    pub fn outputs(&self, dir: &str) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(self.path().join(dir))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(self.path()).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                )
            })
            .collect()
    }
}

/// The locale every run of the suite starts from, whatever the developer's: no `LC_ALL`
/// or `LC_MESSAGES`, `LANG=C` (English messages).
pub const LOCALE: [(&str, Option<&str>); 3] =
    [("LC_ALL", None), ("LC_MESSAGES", None), ("LANG", Some("C"))];

impl Run {
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read fixture folder").flatten() {
        let path = entry.path();
        let name = entry.file_name();
        // Build products, and fuzzing corpora that change while a fuzzer runs.
        if ["dist", "target", ".git", "node_modules", "fuzz"]
            .iter()
            .any(|n| name == *n)
        {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            fs::copy(&path, to.join(&name)).expect("copy fixture file");
        }
    }
}

/// The cells of every sheet of an xlsx file, read with calamine, as a text grid:
/// `Sheet name` then one line per row, cells separated by ` | `, line breaks as `⏎`.
pub fn xlsx_grid(bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a valid xlsx");
    let mut out = String::new();
    for name in workbook.sheet_names().clone() {
        let range = workbook.worksheet_range(&name).expect("a sheet");
        out.push_str(&format!("## {name}\n"));
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.to_string().replace('\n', "⏎"))
                .collect();
            out.push_str(cells.join(" | ").trim_end_matches([' ', '|']));
            out.push('\n');
        }
    }
    out
}

/// The cells of an xlsx file as (sheet, row, column, value, is_string).
pub fn xlsx_cells(bytes: &[u8]) -> Vec<(String, usize, usize, String, bool)> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a valid xlsx");
    let mut cells = Vec::new();
    for name in workbook.sheet_names().clone() {
        let range = workbook.worksheet_range(&name).expect("a sheet");
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !matches!(cell, Data::Empty) {
                    cells.push((
                        name.clone(),
                        r,
                        c,
                        cell.to_string(),
                        matches!(cell, Data::String(_)),
                    ));
                }
            }
        }
    }
    cells
}
