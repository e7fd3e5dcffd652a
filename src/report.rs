//! The reporter: the only place that prints diagnostics. Three forms: `human`
//! (rustc-style snippets), `json` (for tools) and `github` (workflow annotations).
//!
//! Diagnostics and status lines are messages (`crate::i18n`): they become text here, in the
//! run's language. Codes, severities and the JSON fields never change with the language.

use std::io::{IsTerminal, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Label, Severity};
use crate::i18n::{Lang, Message, lang};
use crate::msg;
use crate::source::{SourceFile, Sources};

/// How diagnostics are printed (`--format`); the names are strum's (`human`, `json`,
/// `github`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[strum(serialize_all = "lowercase")]
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
    let lang = lang();
    match format {
        ReportFormat::Human => {
            let color = use_color(std::io::stderr().is_terminal());
            let text = render_human(diags, sources, color, lang);
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
        ReportFormat::Json => {
            let text = render_json(diags, sources, lang);
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
        ReportFormat::Github => {
            let text = render_github(diags, sources, lang);
            let _ = std::io::stdout().write_all(text.as_bytes());
            if let Some(summary) = summary(diags) {
                say(&summary);
            }
        }
    }
}

/// A short status line for the end of a run ("2 errors and 1 warning found"); `None`
/// without errors or warnings.
pub fn summary(diags: &Diagnostics) -> Option<Message> {
    match (diags.error_count(), diags.warning_count()) {
        (0, 0) => None,
        (0, warnings) => Some(msg!("summary-warnings", warnings = warnings)),
        (errors, 0) => Some(msg!("summary-errors", errors = errors)),
        (errors, warnings) => Some(msg!(
            "summary-errors-warnings",
            errors = errors,
            warnings = warnings
        )),
    }
}

/// Prints one line of progress or result to stderr, in the run's language (build
/// summaries, written files).
pub fn say(line: &Message) {
    let _ = writeln!(std::io::stderr(), "{}", line.to_text());
}

/// Prints text already in the run's language to stderr, as it is.
pub fn say_text(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Prints a command's fatal error to stderr: `error: …` (`エラー: …`).
pub fn say_error(message: &Message) {
    say(&msg!("error-line", message = message.clone()));
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

pub fn render_human(diags: &Diagnostics, sources: &Sources, color: bool, lang: Lang) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // The levels' names in the run's language (English: annotate-snippets' own).
    let names = [
        msg!("level-error"),
        msg!("level-warning"),
        msg!("level-note"),
        msg!("level-help"),
    ]
    .map(|name| name.text(lang));
    let named = |level: Level<'static>, name: &str| match lang {
        Lang::En => level,
        Lang::Ja => level.with_name(Some(name.to_owned())),
    };
    let help_level = named(Level::HELP, &names[3]);
    let mut out = String::new();
    for d in diags.iter() {
        let level = match d.severity {
            Severity::Error => named(Level::ERROR, &names[0]),
            Severity::Warning => named(Level::WARNING, &names[1]),
            Severity::Note => named(Level::NOTE, &names[2]),
        };
        let message = d.message.text(lang);
        let title = || {
            level
                .clone()
                .primary_title(message.as_str())
                .id(d.code.code())
        };
        let mut labels: Vec<(&Label, bool)> = d.primary.iter().map(|l| (l, true)).collect();
        labels.extend(d.secondary.iter().map(|l| (l, false)));
        let excerpts: Vec<(Excerpt, String, bool)> = labels
            .iter()
            .map(|(l, primary)| {
                (
                    excerpt(sources.get(l.span.source), l),
                    l.message.text(lang),
                    *primary,
                )
            })
            .collect();
        let help = d.help.as_ref().map(|h| h.text(lang));
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
                .annotation(kind.span(ex.start..ex.end).label(label.as_str()));
            group = Some(match group.take() {
                None => title().element(snippet),
                Some(g) => Group::element(g, snippet),
            });
        }
        let mut group = group.unwrap_or_else(|| Group::with_title(title()));
        if let Some(help) = &help {
            group = group.element(help_level.clone().message(help.as_str()));
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
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_line: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
}

fn json_location<'a>(label: &'a Label, sources: &'a Sources, lang: Lang) -> JsonLocation<'a> {
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
        message: label.message.text(lang),
    }
}

fn source_line<'a>(label: &Label, sources: &'a Sources) -> &'a str {
    let file = sources.get(label.span.source);
    let line = file.line_col(label.span.start).line;
    let from = file.offset_of(line, 1);
    file.text[from..].lines().next().unwrap_or("")
}

pub fn render_json(diags: &Diagnostics, sources: &Sources, lang: Lang) -> String {
    let items: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d: &Diagnostic| JsonDiagnostic {
            code: d.code.code(),
            severity: d.severity.as_str(),
            message: d.message.text(lang),
            location: d.primary.as_ref().map(|l| json_location(l, sources, lang)),
            source_line: d.primary.as_ref().map(|l| source_line(l, sources)),
            related: d
                .secondary
                .iter()
                .map(|l| json_location(l, sources, lang))
                .collect(),
            help: d.help.as_ref().map(|h| h.text(lang)),
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
pub fn render_github(diags: &Diagnostics, sources: &Sources, lang: Lang) -> String {
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
            let loc = json_location(label, sources, lang);
            props.push(format!("file={}", property(loc.file)));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
            props.push(format!("endLine={}", loc.end_line));
        }
        props.push(format!("title={}", property(d.code.code())));
        let mut message = d.message.text(lang);
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(&msg!("github-help", help = help.clone()).text(lang));
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
