//! Writing outputs: a failed write is an I/O error naming the file (exit 2), never a panic
//! and never a partial file; files staged by a build that was killed are removed by the
//! next build, and nothing else is.
#![cfg(unix)]

use std::os::unix::process::CommandExt;
use std::path::Path;

use crate::harness::{Project, Run};

/// The repository's MIC answers (121 controls: each sheet's rows are more than the limit
/// below) built in the given formats.
fn mic_project(formats: &str) -> Project {
    Project::empty().with_copy_of("answers", "answers").file(
        "checksheet.yaml",
        &format!(
            "organization: {{name: テスト株式会社}}\nas_of: 2026-11-01\noutputs:\n  - {{layout: default, catalog: mic-cloud-v3, formats: [{formats}]}}\n"
        ),
    )
}

/// Runs `checksheet ARGS` in `dir` with files limited to `bytes` (`RLIMIT_FSIZE`) and
/// `SIGXFSZ` ignored, so a write past the limit fails with `EFBIG` as on a full disk.
fn run_with_file_limit(dir: &Path, args: &[&str], bytes: u64) -> Run {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("checksheet"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let output = assert_cmd::Command::from_std(command)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("run checksheet");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[track_caller]
fn write_failed(project: &Project, outputs: &[&str]) {
    let run = run_with_file_limit(project.path(), &["build"], 16 * 1024);
    run.code(2);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("CS0602"),
        "not a template error\n{}",
        run.stderr
    );
    for output in outputs {
        let needle = format!("error[CS0603]: cannot write `dist/{output}`: File too large");
        assert!(run.stderr.contains(&needle), "`{needle}`\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("build failed: nothing was written"),
        "{}",
        run.stderr
    );
    // Only what was there before: no output, no staged file.
    let left: Vec<_> = project
        .outputs("dist")
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["dist/keep.txt"], "{}", run.stderr);
}

#[test]
fn a_streamed_xlsx_sheet_over_the_file_size_limit_is_an_io_error_not_a_panic() {
    let project = mic_project("xlsx").file("dist/keep.txt", "mine");
    write_failed(&project, &["default-mic-cloud-v3.xlsx"]);
}

#[test]
fn template_outputs_over_the_file_size_limit_are_io_errors() {
    let project = mic_project("md, html").file("dist/keep.txt", "mine");
    write_failed(
        &project,
        &["default-mic-cloud-v3.md", "default-mic-cloud-v3.html"],
    );
}

/// The ID of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn flock(path: &Path) -> std::fs::File {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path).unwrap();
    // SAFETY: flock on a descriptor this function owns.
    assert_eq!(
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) },
        0
    );
    file
}

#[test]
fn files_staged_by_a_killed_build_are_removed_by_the_next_and_nothing_else() {
    let dead = dead_pid();
    let stale = format!(".checksheet-{dead}-Ab12Cd.xlsx");
    let stale_plain = format!(".checksheet-{dead}-Zz9Yx8");
    // A build still running: this test's own process, holding the lock.
    let live = format!(".checksheet-{}-Qw34Er.html", std::process::id());
    // A dead process's name, but someone holds the lock (a build in another PID namespace).
    let locked = format!(".checksheet-{dead}-Lk56Mn.md");
    let project = Project::demo()
        .file(&format!("dist/{stale}"), "half a workbook")
        .file(&format!("dist/{stale_plain}"), "half an answer file")
        .file(&format!("dist/{live}"), "being written")
        .file(&format!("dist/{locked}"), "being written")
        .file("dist/.checksheet-notes", "the user's")
        .file(
            &format!("dist/.checksheet-{dead}-notes1.txt"),
            "the user's too",
        )
        .file("dist/notes.md", "the user's");
    let _live_lock = flock(&project.path().join("dist").join(&live));
    let _held = flock(&project.path().join("dist").join(&locked));
    let run = project.run(&["build"]);
    run.code(0);
    for removed in [&stale, &stale_plain] {
        assert!(!project.exists(&format!("dist/{removed}")), "{removed}");
        assert!(
            run.stderr.contains(&format!(
                "removed dist/{removed}, left by a build that was stopped"
            )),
            "{}",
            run.stderr
        );
    }
    for kept in [
        &live,
        &locked,
        &".checksheet-notes".to_owned(),
        &format!(".checksheet-{dead}-notes1.txt"),
        &"notes.md".to_owned(),
    ] {
        assert!(
            project.exists(&format!("dist/{kept}")),
            "{kept} was removed"
        );
    }
    assert!(
        project.exists("dist/default-demo.xlsx"),
        "{:?}",
        project.outputs("dist")
    );
}
