//! The `fill` command: loads and validates the project, fills the workbook through
//! [`crate::fill`], prints the report and writes the result — through a temporary file
//! renamed into place, never over the input, never over an existing file without
//! `--force`, and not at all when anything is in error or with `--check`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::cannot_run;
use crate::diag::{Code, Diagnostics};
use crate::fill::{self, FillInput, Outcome};
use crate::i18n::Message;
use crate::pipeline;
use crate::report::{self, ReportFormat};
use crate::source::display_path;

/// How `fill` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FillFormat {
    Human,
    Json,
}

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

pub fn run(args: &FillArgs) -> u8 {
    let json = args.format == FillFormat::Json;
    let format = if json {
        ReportFormat::Json
    } else {
        ReportFormat::Human
    };
    let (mut checked, _) = match pipeline::check(&args.project) {
        Ok(c) => c,
        Err(e) => return cannot_run(&e.message()),
    };
    let mut diags = std::mem::take(&mut checked.diags);
    let ws = &checked.workspace;
    // Mapped answers that differ are listed as conflicts in the report (and stop the
    // write); any other error of the project stops here, before anything else is said.
    let stops = |d: &crate::diag::Diagnostic| d.is_error() && d.code != Code::DerivationConflict;
    if diags.iter().any(stops) {
        report::report(&diags, &ws.sources, format);
        report::say(&crate::msg!("fill-needs-valid-project"));
        return 1;
    }
    let Some(catalog) = ws.catalogs.get(&args.catalog) else {
        report::report(&diags, &ws.sources, format);
        let known: Vec<&str> = ws.catalogs.keys().map(String::as_str).collect();
        return cannot_run(&crate::msg!(
            "fill-no-catalog",
            catalog = &args.catalog,
            catalogs = known.join(", ")
        ));
    };
    let Some(project) = &ws.project else {
        return cannot_run(&crate::msg!("fill-needs-project"));
    };
    let mut derive_diags = Diagnostics::default();
    let derived = crate::validate::derive_for(ws, &checked.plan, catalog, &mut derive_diags);
    // An output's catalog was derived by validation already, with the same reports.
    if !checked.plan.derived.contains_key(&catalog.id) {
        diags.extend(derive_diags);
    }
    let bytes = match read_bounded(&args.workbook) {
        Ok(b) => b,
        Err(e) => return cannot_run(&e),
    };
    let out = args.out.clone().unwrap_or_else(|| {
        let root = &project.root;
        let name = args
            .workbook
            .file_name()
            .map_or_else(|| "filled.xlsx".into(), |n| n.to_owned());
        root.join("dist").join(name)
    });
    if same_file(&out, &args.workbook) {
        return cannot_run(&crate::msg!("fill-out-is-input", path = display_path(&out)));
    }
    if !args.check
        && let Err(why) = check_output(&args.workbook, &out, args.force)
    {
        return cannot_run(&why);
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
    let filled = match fill::fill(bytes, &input) {
        Ok(f) => f,
        Err(e) => return cannot_run(&crate::msg!("plain", text = e.to_string())),
    };
    let mut found = diags;
    for d in &filled.diags {
        found.push(d.clone());
    }
    if !json {
        report::report(&found, &ws.sources, format);
    }
    // What `--check` fails on: a question left empty, a choice left empty, a question the
    // catalog does not have.
    let open = filled
        .questions
        .iter()
        .filter(|q| q.outcome == Outcome::Empty || q.choice_left_empty)
        .count()
        + filled.unknown.len();
    let write = !args.check && !filled.has_errors() && !found.has_errors();
    if write {
        let files = [(out.clone(), &filled.bytes)];
        if let Err(e) = crate::write::all_or_none(&files, args.force, None) {
            return cannot_run(&e.message());
        }
    }
    if json {
        let diagnostics = report::render_json(&found, &ws.sources, crate::i18n::lang());
        report::output(&json_report(&filled, &diagnostics, write.then_some(&out)));
    } else {
        report::output(&human_report(&filled));
        report::say(&count_line(&filled));
        if write {
            report::say(&crate::msg!("wrote", path = display_path(&out)));
        } else if filled.has_errors() || found.has_errors() {
            report::say(&crate::msg!("fill-failed"));
        }
    }
    u8::from(filled.has_errors() || found.has_errors() || (args.check && open > 0))
}

/// Reads the workbook, refusing what is not a regular file or is over the size limit
/// (whatever size the file system reports), without waiting on a pipe.
fn read_bounded(path: &Path) -> Result<Vec<u8>, Message> {
    crate::files::read_regular(path, None, fill::package::MAX_WORKBOOK_BYTES)
        .map_err(|e| e.message())
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
        return Err(crate::msg!(
            "fill-out-extension",
            path = display_path(out),
            extension = extension(input)
        ));
    }
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.file_type().is_file() => Err(crate::msg!(
            "fill-out-not-regular",
            path = display_path(out)
        )),
        Ok(_) if !force => Err(crate::msg!("import-file-exists", path = display_path(out))),
        Ok(_) => Ok(()),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn outcome_word(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Filled => crate::msg!("fill-outcome-filled"),
        Outcome::Derived { catalog, controls } => crate::msg!(
            "fill-outcome-derived",
            catalog = catalog,
            controls = controls.join(", ")
        ),
        Outcome::Empty => crate::msg!("fill-outcome-empty"),
        Outcome::Conflict => crate::msg!("fill-outcome-conflict"),
        Outcome::NotFound => crate::msg!("fill-outcome-not-found"),
    }
    .to_text()
}

fn human_report(filled: &fill::Filled) -> String {
    let mut out = String::new();
    for q in &filled.questions {
        let cells: Vec<String> = q
            .written
            .iter()
            .map(|(at, text)| {
                let short: String = text.chars().take(24).collect();
                let more = if short.len() < text.len() { "…" } else { "" };
                format!("{at} = {}{more}", short.replace('\n', "⏎"))
            })
            .collect();
        out.push_str(&format!(
            "{:<10} {}  {}{}{}\n",
            q.control,
            q.at,
            outcome_word(&q.outcome),
            if q.choice_left_empty && q.outcome != Outcome::Empty {
                crate::msg!("fill-choice-left-empty").to_text()
            } else {
                String::new()
            },
            if cells.is_empty() {
                String::new()
            } else {
                format!(": {}", cells.join("; "))
            }
        ));
    }
    for (at, text) in &filled.unknown {
        let short: String = text.chars().take(40).collect();
        let line = crate::msg!("fill-report-unknown", at = at.as_str(), text = short);
        out.push_str(&format!("?          {}\n", line.to_text()));
    }
    for v in &filled.vendor {
        match &v.value {
            Some(value) => out.push_str(&format!("{} ({}) = {value}\n", v.at, v.label)),
            None => {
                let line = crate::msg!("fill-report-vendor-empty", at = &v.at, label = &v.label);
                out.push_str(&format!("{}\n", line.to_text()));
            }
        }
    }
    out
}

fn count_line(filled: &fill::Filled) -> Message {
    let count =
        |f: &dyn Fn(&Outcome) -> bool| filled.questions.iter().filter(|q| f(&q.outcome)).count();
    let choice_empty = filled
        .questions
        .iter()
        .filter(|q| q.choice_left_empty && q.outcome != Outcome::Empty)
        .count();
    crate::msg!(
        "fill-count",
        questions = filled.questions.len(),
        filled = count(&|o| *o == Outcome::Filled),
        derived = count(&|o| matches!(o, Outcome::Derived { .. })),
        empty = count(&|o| *o == Outcome::Empty),
        conflicts = count(&|o| *o == Outcome::Conflict),
        not_found = count(&|o| *o == Outcome::NotFound),
        vendor = filled.vendor.iter().filter(|v| v.value.is_some()).count(),
        choice_empty = choice_empty,
        unknown = filled.unknown.len()
    )
}

fn json_report(filled: &fill::Filled, diagnostics: &str, written: Option<&PathBuf>) -> String {
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
        "summary": count_line(filled).to_text(),
        "written": written.map(|p| display_path(p)),
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    )
}
