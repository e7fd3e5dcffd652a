//! `.ci/run`, the one CI script, and what keeps it from drifting: the pinned toolchain, the
//! fuzz crate's own lock file, the steps CONTRIBUTING.md lists, `$CHROMIUM`.
//!
//! The script itself runs here with every tool it calls replaced by a stub that records
//! its command line, so the steps it takes are checked without building anything.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_toolchain_is_pinned_to_one_release_with_rustfmt_and_clippy() {
    let toml = read("rust-toolchain.toml");
    let channel = toml
        .lines()
        .find_map(|line| line.trim().strip_prefix("channel = "))
        .expect("rust-toolchain.toml names a channel")
        .trim_matches('"');
    let parts: Vec<&str> = channel.split('.').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
        "the channel is an exact release (1.xx.y), not `stable`: {channel}"
    );
    let components = toml
        .lines()
        .find_map(|line| line.trim().strip_prefix("components = "))
        .expect("rust-toolchain.toml lists components");
    for component in ["\"rustfmt\"", "\"clippy\""] {
        assert!(
            components.contains(component),
            "{component} in {components}"
        );
    }
}

/// `name → versions` of a Cargo.lock.
fn locked_versions(lock: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut versions: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let Some(v) = line.strip_prefix("version = ")
            && let Some(n) = name.take()
        {
            versions
                .entry(n)
                .or_default()
                .insert(v.trim_matches('"').to_owned());
        }
    }
    versions
}

#[test]
fn the_fuzz_crate_is_locked_to_the_libraries_the_product_ships_with() {
    let fuzz = locked_versions(&read("fuzz/Cargo.lock"));
    let root = locked_versions(&read("Cargo.lock"));
    assert!(
        fuzz.contains_key("libfuzzer-sys"),
        "fuzz/Cargo.lock is the fuzz crate's"
    );
    for (name, versions) in &fuzz {
        if let Some(shipped) = root.get(name) {
            assert!(
                versions.is_subset(shipped),
                "fuzz/Cargo.lock has {name} {versions:?}, Cargo.lock {shipped:?}: copy Cargo.lock into fuzz/ and run cargo check there"
            );
        }
    }
    let ignore = std::fs::read_to_string(repo("fuzz/.gitignore")).unwrap_or_default();
    assert!(
        !ignore.lines().any(|line| line.trim() == "Cargo.lock"),
        "fuzz/Cargo.lock is committed, not ignored"
    );
}

/// `.ci/run` copied into a folder of its own, every tool it calls a stub that appends its
/// command line to `log`.
struct Sandbox {
    dir: tempfile::TempDir,
}

const STUBS: &[&str] = &[
    "rustup",
    "rustc",
    "cargo",
    "npm",
    "node",
    "soffice",
    "java",
    "pdfinfo",
    "pdftotext",
    "apt-get",
    "sudo",
];

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".ci")).unwrap();
        std::fs::create_dir_all(root.join("examples/one")).unwrap();
        std::fs::copy(repo(".ci/run"), root.join(".ci/run")).unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let log = dir.path().join("log");
        let stub = |path: &Path, name: &str| {
            let body = format!(
                "#!/bin/sh\necho \"{name} $*\" >> '{}'\n{}",
                log.display(),
                match name {
                    "fc-list" => "echo 'Noto Sans CJK JP:style=Regular'\n",
                    "sudo" => "exec \"$@\"\n",
                    _ => "",
                }
            );
            std::fs::write(path, body).unwrap();
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        };
        for name in STUBS.iter().chain(&["fc-list"]) {
            stub(&bin.join(name), name);
        }
        let release = dir.path().join("target/release");
        std::fs::create_dir_all(&release).unwrap();
        stub(&release.join("checksheet"), "checksheet");
        stub(&dir.path().join("chromium"), "chromium");
        Sandbox { dir }
    }

    /// Runs the script with `CHROMIUM` set (or unset); its exit status and the logged
    /// command lines.
    fn run(&self, chromium: Option<&str>) -> (bool, Vec<String>) {
        let _ = std::fs::remove_file(self.dir.path().join("log"));
        let mut command = Command::new("bash");
        command
            .arg(self.dir.path().join("repo/.ci/run"))
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", self.dir.path().join("bin").display()),
            )
            .env("CARGO_TARGET_DIR", self.dir.path().join("target"))
            .env_remove("CHROMIUM");
        if let Some(chromium) = chromium {
            command.env("CHROMIUM", chromium);
        }
        let output = command.output().expect("bash runs .ci/run");
        let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
        (
            output.status.success(),
            log.lines().map(str::to_owned).collect(),
        )
    }
}

/// The command of each row of CONTRIBUTING.md's table of CI steps (its first code span,
/// where that is a command), without a leading `VAR=value`.
fn documented_steps() -> Vec<String> {
    let page = read("CONTRIBUTING.md");
    let start = page
        .find("## The commands CI runs")
        .expect("the CI section");
    let table = page[start..]
        .lines()
        .skip_while(|line| !line.starts_with("| step |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'));
    let mut steps = Vec::new();
    for row in table {
        let Some(code) = row.split('`').nth(1) else {
            continue;
        };
        let command = code
            .split(' ')
            .skip_while(|word| word.contains('='))
            .collect::<Vec<_>>()
            .join(" ");
        if STUBS
            .iter()
            .any(|tool| command.starts_with(&format!("{tool} ")))
        {
            steps.push(command);
        }
    }
    steps
}

#[test]
fn ci_runs_the_steps_contributing_lists_in_their_order() {
    let steps = documented_steps();
    assert!(steps.len() >= 8, "the table lists CI's commands: {steps:?}");
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("cargo check --manifest-path fuzz/Cargo.toml --locked")),
        "{steps:?}"
    );
    let sandbox = Sandbox::new();
    let chromium = sandbox.dir.path().join("chromium");
    let (ok, log) = sandbox.run(Some(chromium.to_str().unwrap()));
    assert!(ok, "{log:#?}");
    let mut at = 0;
    for step in &steps {
        match log[at..]
            .iter()
            .position(|line| line.starts_with(step.as_str()))
        {
            Some(found) => at += found + 1,
            None => panic!("`{step}` is not run (after line {at}) by .ci/run: {log:#?}"),
        }
    }
    assert!(
        log.iter()
            .any(|line| line == "checksheet build examples/one/"),
        "every example is built: {log:#?}"
    );
}

#[test]
fn ci_uses_the_chromium_it_is_given_and_installs_none() {
    let sandbox = Sandbox::new();
    let chromium = sandbox.dir.path().join("chromium");
    let (ok, log) = sandbox.run(Some(chromium.to_str().unwrap()));
    assert!(ok, "{log:#?}");
    assert!(
        !log.iter().any(|line| line.starts_with("apt-get")),
        "nothing to install when every tool is there: {log:#?}"
    );

    let missing = sandbox.dir.path().join("no-such-chromium");
    let (ok, log) = sandbox.run(Some(missing.to_str().unwrap()));
    assert!(
        !ok,
        "a $CHROMIUM that is not an executable stops CI before it installs or tests anything"
    );
    assert!(
        !log.iter()
            .any(|line| line.starts_with("apt-get") || line.starts_with("cargo test")),
        "{log:#?}"
    );
}
