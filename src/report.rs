//! The reporter: the only place that prints diagnostics. Three forms: `human`
//! (rustc-style snippets), `json` (for tools) and `github` (workflow annotations).

use std::io::{IsTerminal, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Label, Severity};
use crate::source::{SourceFile, Sources};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
    Github,
}

/// Colours only on a terminal, and never when `NO_COLOR` is set.
pub fn use_color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints the diagnostics in the chosen form: human and github to stderr, json to stdout.
pub fn report(diags: &Diagnostics, sources: &Sources, format: ReportFormat) {
    match format {
        ReportFormat::Human => {
            let color = use_color(std::io::stderr().is_terminal());
            let text = render_human(diags, sources, color);
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
        ReportFormat::Json => {
            let text = render_json(diags, sources);
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
        ReportFormat::Github => {
            let text = render_github(diags, sources);
            let _ = std::io::stdout().write_all(text.as_bytes());
            let summary = summary_line(diags);
            if !summary.is_empty() {
                let _ = writeln!(std::io::stderr(), "{summary}");
            }
        }
    }
}

/// A short status line for the end of a run (no diagnostics: empty).
pub fn summary_line(diags: &Diagnostics) -> String {
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => String::new(),
        (0, w) => format!("{} found", plural(w, "warning")),
        (e, 0) => format!("{} found", plural(e, "error")),
        (e, w) => format!("{} and {} found", plural(e, "error"), plural(w, "warning")),
    }
}

/// Prints one line of progress or result to stderr (build summaries, written files).
pub fn status(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Prints command output to stdout (listings, formatted data).
pub fn output(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Most lines of source shown for one label.
const MAX_SNIPPET_LINES: usize = 4;

struct Excerpt<'a> {
    name: &'a str,
    text: &'a str,
    line_start: usize,
    start: usize,
    end: usize,
}

fn excerpt<'a>(file: &'a SourceFile, label: &Label) -> Excerpt<'a> {
    let start_lc = file.line_col(label.span.start);
    let last_line = file
        .line_col(label.span.end)
        .line
        .min(start_lc.line + MAX_SNIPPET_LINES - 1);
    let from = file.offset_of(start_lc.line, 1);
    let to = file.text[file.offset_of(last_line, 1)..]
        .find('\n')
        .map_or(file.text.len(), |i| file.offset_of(last_line, 1) + i);
    let start = label.span.start.clamp(from, to) - from;
    let end = label.span.end.clamp(from, to) - from;
    Excerpt {
        name: &file.name,
        text: &file.text[from..to],
        line_start: start_lc.line,
        start,
        end: end.max(start),
    }
}

pub fn render_human(diags: &Diagnostics, sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags.iter() {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = || {
            level
                .clone()
                .primary_title(d.message.as_str())
                .id(d.code.code())
        };
        let mut labels: Vec<(&Label, bool)> = d.primary.iter().map(|l| (l, true)).collect();
        labels.extend(d.secondary.iter().map(|l| (l, false)));
        let excerpts: Vec<(Excerpt, &Label, bool)> = labels
            .iter()
            .map(|(l, primary)| (excerpt(sources.get(l.span.source), l), *l, *primary))
            .collect();
        let mut group = None;
        for (ex, label, primary) in &excerpts {
            let kind = if *primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let snippet = Snippet::source(ex.text)
                .line_start(ex.line_start)
                .path(ex.name)
                .fold(true)
                .annotation(kind.span(ex.start..ex.end).label(label.message.as_str()));
            group = Some(match group.take() {
                None => title().element(snippet),
                Some(g) => Group::element(g, snippet),
            });
        }
        let mut group = group.unwrap_or_else(|| Group::with_title(title()));
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_line: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

fn json_location<'a>(label: &'a Label, sources: &'a Sources) -> JsonLocation<'a> {
    let file = sources.get(label.span.source);
    let (start, end) = (
        file.line_col(label.span.start),
        file.line_col(label.span.end),
    );
    JsonLocation {
        file: &file.name,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        message: &label.message,
    }
}

fn source_line<'a>(label: &Label, sources: &'a Sources) -> &'a str {
    let file = sources.get(label.span.source);
    let line = file.line_col(label.span.start).line;
    let from = file.offset_of(line, 1);
    file.text[from..].lines().next().unwrap_or("")
}

pub fn render_json(diags: &Diagnostics, sources: &Sources) -> String {
    let items: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d: &Diagnostic| JsonDiagnostic {
            code: d.code.code(),
            severity: d.severity.as_str(),
            message: &d.message,
            location: d.primary.as_ref().map(|l| json_location(l, sources)),
            source_line: d.primary.as_ref().map(|l| source_line(l, sources)),
            related: d
                .secondary
                .iter()
                .map(|l| json_location(l, sources))
                .collect(),
            help: d.help.as_deref(),
        })
        .collect();
    let value = serde_json::json!({
        "errors": diags.error_count(),
        "warnings": diags.warning_count(),
        "diagnostics": items,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub fn render_github(diags: &Diagnostics, sources: &Sources) -> String {
    fn data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(text: &str) -> String {
        data(text).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for d in diags.iter() {
        let mut props = Vec::new();
        if let Some(label) = &d.primary {
            let loc = json_location(label, sources);
            props.push(format!("file={}", property(loc.file)));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
            props.push(format!("endLine={}", loc.end_line));
        }
        props.push(format!("title={}", property(d.code.code())));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        // GitHub's workflow commands are error, warning and notice.
        let command = match d.severity {
            Severity::Note => "notice",
            other => other.as_str(),
        };
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}
