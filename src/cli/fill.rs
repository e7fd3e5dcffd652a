//! `checksheet fill`: loads and validates the project, fills the workbook through
//! [`crate::fill`], prints the report and writes the result — through a temporary file
//! renamed into place, never over the input, never over an existing file without
//! `--force`, and not at all when anything is in error or with `--check`.

use std::fs;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::diag::{Code, Diagnostic};
use crate::error::Error;
use crate::fill::{self, FillInput, Filled};
use crate::i18n::Message;
use crate::msg;
use crate::pipeline;
use crate::report::{self, ReportFormat};
use crate::source::display_path;

/// How `fill` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FillFormat {
    Human,
    Json,
}

/// The arguments of `checksheet fill`.
#[derive(Debug, clap::Args)]
pub struct FillArgs {
    /// The customer's workbook (.xlsx or .xlsm), as the catalog was imported from
    pub workbook: PathBuf,
    /// The catalog imported from this workbook (`import --write-catalog`)
    #[arg(long)]
    pub catalog: String,
    /// Project folder, or the path of its checksheet.yaml
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    /// Where to write the filled workbook (default: PROJECT/dist/<the workbook's name>)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Replace what the workbook's answer cells already hold (an earlier answer, a placeholder); without it such cells are kept and reported
    #[arg(long)]
    pub overwrite: bool,
    /// Write nothing; exit 1 while a question would be left empty, keep its choice empty, or is not in the catalog (for CI)
    #[arg(long)]
    pub check: bool,
    /// How to print the report and diagnostics
    #[arg(long, value_enum, default_value = "human")]
    pub format: FillFormat,
}

/// Fills the workbook and writes the result (unless `--check` or an error): exit code 1
/// when anything is in error, or with `--check` while a question is left open.
pub fn run(args: &FillArgs) -> Result<Outcome, Error> {
    let json = args.format == FillFormat::Json;
    let format = if json {
        ReportFormat::Json
    } else {
        ReportFormat::Human
    };
    let (mut checked, _) = pipeline::check(&args.project)?;
    let mut diags = std::mem::take(&mut checked.diags);
    let ws = &checked.workspace;
    // Mapped answers that differ are listed as conflicts in the report (and stop the
    // write); any other error of the project stops here, before anything else is said.
    let stops = |d: &Diagnostic| d.is_error() && d.code != Code::DerivationConflict;
    if diags.iter().any(stops) {
        report::report(&diags, &ws.sources, format);
        report::say(&msg!("fill-needs-valid-project"));
        return Ok(Outcome::failed_if(true));
    }
    let Some(catalog) = ws.catalogs.get(&args.catalog) else {
        report::report(&diags, &ws.sources, format);
        let known: Vec<&str> = ws.catalogs.keys().map(String::as_str).collect();
        return Err(Error::Refused(msg!(
            "fill-no-catalog",
            catalog = &args.catalog,
            catalogs = known.join(", ")
        )));
    };
    let Some(project) = &ws.project else {
        return Err(Error::Refused(msg!("fill-needs-project")));
    };
    let (derived, derive_diags) = fill::derived_answers(ws, &checked.plan, catalog);
    diags.extend(derive_diags);
    let bytes =
        crate::files::read_regular(&args.workbook, None, fill::package::MAX_WORKBOOK_BYTES)?;
    let out = args.out.clone().unwrap_or_else(|| {
        let name = args
            .workbook
            .file_name()
            .map_or_else(|| "filled.xlsx".into(), |n| n.to_owned());
        project.root.join("dist").join(name)
    });
    if same_file(&out, &args.workbook) {
        return Err(Error::Refused(msg!(
            "fill-out-is-input",
            path = display_path(&out)
        )));
    }
    if !args.check {
        check_output(&args.workbook, &out, args.force).map_err(Error::Refused)?;
    }
    let answers = fill::project_answers(&checked.plan, &derived, catalog);
    let name = args.workbook.file_name().map_or_else(
        || display_path(&args.workbook),
        |n| n.to_string_lossy().into_owned(),
    );
    let input = FillInput {
        name: &name,
        catalog,
        answers: &answers.answers,
        conflicts: &answers.conflicts,
        organization: &project.organization,
        date: project.as_of.to_string(),
        overwrite: args.overwrite,
    };
    let filled = fill::fill(bytes, &input)?;
    let mut found = diags;
    for d in &filled.diags {
        found.push(d.clone());
    }
    if !json {
        report::report(&found, &ws.sources, format);
    }
    let failed = filled.has_errors() || found.has_errors();
    let write = !args.check && !failed;
    if write {
        write_workbook(&out, &filled.bytes, args.force)?;
    }
    if json {
        let diagnostics = report::render_json(&found, &ws.sources, crate::i18n::lang());
        report::output(&json_report(&filled, &diagnostics, write.then_some(&out)));
    } else {
        report::output(&filled.report_text());
        report::say(&filled.summary());
        if write {
            report::say(&msg!("wrote", path = display_path(&out)));
        } else if failed {
            report::say(&msg!("fill-failed"));
        }
    }
    // What `--check` fails on: a question left empty, a choice left empty, a question the
    // catalog does not have.
    Ok(Outcome::failed_if(
        failed || (args.check && filled.open_count() > 0),
    ))
}

/// Writes the filled workbook atomically, creating its folder: replacing a file only with
/// `force`.
fn write_workbook(out: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    crate::write::all_or_none(&[(out.to_path_buf(), bytes)], force, None)
}

/// The output must keep the workbook's kind (an `.xlsm` stays an `.xlsm`: Excel refuses a
/// file whose extension and content disagree), and may replace only a regular file, and
/// only with `--force`.
fn check_output(input: &Path, out: &Path, force: bool) -> Result<(), Message> {
    let extension = |p: &Path| {
        p.extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    if extension(input) != extension(out) {
        return Err(msg!(
            "fill-out-extension",
            path = display_path(out),
            extension = extension(input)
        ));
    }
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.file_type().is_file() => {
            Err(msg!("fill-out-not-regular", path = display_path(out)))
        }
        Ok(_) if !force => Err(msg!("import-file-exists", path = display_path(out))),
        Ok(_) => Ok(()),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The `--format json` report: the diagnostics (as `report::render_json` gives them), the
/// questions, the vendor fields, the unknown questions, the summary and the file written.
fn json_report(filled: &Filled, diagnostics: &str, written: Option<&PathBuf>) -> String {
    let diagnostics: serde_json::Value =
        serde_json::from_str(diagnostics).unwrap_or(serde_json::Value::Null);
    let value = serde_json::json!({
        "diagnostics": diagnostics,
        "questions": filled.questions,
        "vendor_fields": filled.vendor,
        "unknown_questions": filled
            .unknown
            .iter()
            .map(|(at, text)| serde_json::json!({ "at": at, "text": text }))
            .collect::<Vec<_>>(),
        "summary": filled.summary().to_text(),
        "written": written.map(|p| display_path(p)),
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    )
}
