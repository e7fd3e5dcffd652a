//! The three forms of a comparison: text for a terminal (coloured, or with `[-…-]{+…+}`
//! markers when colours are off), Markdown for a pull-request comment, and JSON.
//!
//! Internal notes: text and JSON show them (they are for the people and tools working on
//! the answers); Markdown, meant to be posted where it may travel further, says only that
//! a note was added, removed or changed, never its text.

use serde::Serialize;

use super::compare::{
    CatalogDiff, Comparison, ControlDiff, Counts, Entry, Field, Kind, Op, Segment, body_text,
    char_diff,
};
use crate::model::AnswerBody;

/// The hidden first line of the Markdown, for workflows that update their own comment.
pub const MARKDOWN_MARKER: &str = "<!-- checksheet-diff -->";

/// A message of the diff's text and Markdown in the run's language (`crate::i18n`): the
/// words around the answers, which are shown as they are.
fn say(message: crate::i18n::Message) -> String {
    message.to_text()
}

/// "3 controls differ (1 added, 1 removed, 1 changed)".
fn summary(counts: Counts) -> String {
    let mut parts = Vec::new();
    for (n, kind) in [
        (counts.added, "added"),
        (counts.removed, "removed"),
        (counts.changed, "changed"),
    ] {
        if n > 0 {
            parts.push(crate::msg!("diff-count", count = n, kind = kind));
        }
    }
    say(crate::msg!(
        "diff-summary",
        count = counts.total(),
        parts = crate::i18n::Arg::List(parts)
    ))
}

/// `added`, `removed` or `changed`, in the run's language.
fn kind_word(kind: &str) -> String {
    say(crate::msg!("diff-kind", kind = kind))
}

/// How changes inside a text are marked.
struct Marks<'a> {
    delete: (&'a str, &'a str),
    insert: (&'a str, &'a str),
    /// What a line break becomes (with the indentation that follows it).
    newline: &'a str,
    escape: fn(&str) -> String,
}

/// A diffed text with deletions and insertions marked; a deleted or inserted line break
/// shows as `↵` so it can be seen.
fn marked(segments: &[Segment], marks: &Marks) -> String {
    let mut out = String::new();
    for segment in segments {
        let (open, close) = match segment.op {
            Op::Equal => {
                let lines: Vec<String> = segment.text.split('\n').map(marks.escape).collect();
                out.push_str(&lines.join(marks.newline));
                continue;
            }
            Op::Delete => marks.delete,
            Op::Insert => marks.insert,
        };
        let pieces: Vec<&str> = segment.text.split('\n').collect();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                out.push_str(marks.newline);
            }
            let mut shown = (marks.escape)(piece);
            if i + 1 < pieces.len() {
                shown.push('↵');
            }
            if !shown.is_empty() {
                out.push_str(open);
                out.push_str(&shown);
                out.push_str(close);
            }
        }
    }
    out
}

fn diff_of(old: Option<&str>, new: Option<&str>) -> Vec<Segment> {
    char_diff(old.unwrap_or(""), new.unwrap_or(""))
}

fn answer_text(entry: Option<&Entry>) -> Option<String> {
    entry.and_then(|e| e.body.as_ref()).map(body_text)
}

fn status_key(entry: Option<&Entry>) -> Option<&'static str> {
    entry.and_then(|e| e.status).map(|s| s.key())
}

/// Links removed and added, in order; both empty when only the order changed.
fn link_changes<'a>(old: &'a [String], new: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
    let removed = old
        .iter()
        .filter(|l| !new.contains(l))
        .map(String::as_str)
        .collect();
    let added = new
        .iter()
        .filter(|l| !old.contains(l))
        .map(String::as_str)
        .collect();
    (removed, added)
}

/// The links or the evidence of one side (empty for other fields).
fn list_of(entry: Option<&Entry>, field: Field) -> &[String] {
    match (entry, field) {
        (Some(e), Field::Links) => &e.links,
        (Some(e), Field::Evidence) => &e.evidence,
        _ => &[],
    }
}

/// The fields a control shows: the changed ones, or every field it has when it was added
/// or removed.
fn shown_fields(control: &ControlDiff) -> Vec<Field> {
    if control.kind == Kind::Changed {
        return control.changed.clone();
    }
    let Some(entry) = control.new.as_ref().or(control.old.as_ref()) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    if entry.status.is_some() {
        fields.push(Field::Status);
    }
    if entry.body.is_some() {
        fields.push(Field::Answer);
    }
    if !entry.links.is_empty() {
        fields.push(Field::Links);
    }
    if !entry.evidence.is_empty() {
        fields.push(Field::Evidence);
    }
    if entry.reviewed.is_some() {
        fields.push(Field::Reviewed);
    }
    if entry.note.is_some() {
        fields.push(Field::Note);
    }
    fields
}

// ---------------------------------------------------------------------------------------
// Text

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The indentation of a field, and the line break and indentation before a value's
/// further lines (aligned under its first line).
const FIELD_INDENT: &str = "      ";
const VALUE_BREAK: &str = "\n                ";

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    /// A whole value (of an added or removed control), one colour per line.
    fn whole(&self, code: &str, text: &str) -> String {
        text.split('\n')
            .map(|line| self.paint(code, line))
            .collect::<Vec<_>>()
            .join(VALUE_BREAK)
    }

    fn marks(&self) -> Marks<'static> {
        if self.color {
            Marks {
                delete: (RED, RESET),
                insert: (GREEN, RESET),
                newline: VALUE_BREAK,
                escape: str::to_owned,
            }
        } else {
            Marks {
                delete: ("[-", "-]"),
                insert: ("{+", "+}"),
                newline: VALUE_BREAK,
                escape: str::to_owned,
            }
        }
    }
}

/// The comparison with every control character and bidirectional override in its texts
/// written as its escape (`\u{1b}`): on a terminal an escape sequence could recolour, move
/// or erase what a reviewer reads, and in a pull request comment it would be invisible.
/// Both sides are escaped alike, so a change that is only such a character still shows.
fn visible(comparison: &Comparison) -> std::borrow::Cow<'_, Comparison> {
    use crate::chars::{escape_hidden, is_hidden_control};
    let hidden = |t: &str| t.chars().any(is_hidden_control);
    let entry_hidden = |e: &Entry| {
        e.links.iter().chain(&e.evidence).any(|t| hidden(t))
            || e.note.as_deref().is_some_and(hidden)
            || e.reviewed.as_deref().is_some_and(hidden)
            || e.location.as_ref().is_some_and(|l| hidden(&l.file))
            || match &e.body {
                Some(AnswerBody::Text(t)) => hidden(t),
                Some(AnswerBody::Items(items)) => items.iter().any(|t| hidden(t)),
                None => false,
            }
    };
    let any = hidden(&comparison.old_label)
        || hidden(&comparison.new_label)
        || comparison.catalogs.iter().any(|c| {
            hidden(&c.id)
                || hidden(&c.title)
                || c.controls.iter().any(|d| {
                    hidden(&d.id)
                        || hidden(&d.title)
                        || d.old.as_ref().is_some_and(entry_hidden)
                        || d.new.as_ref().is_some_and(entry_hidden)
                })
        });
    if !any {
        return std::borrow::Cow::Borrowed(comparison);
    }
    let esc = |t: &mut String| {
        if let std::borrow::Cow::Owned(e) = escape_hidden(t) {
            *t = e;
        }
    };
    let esc_entry = |e: &mut Entry| {
        e.links
            .iter_mut()
            .chain(e.evidence.iter_mut())
            .for_each(esc);
        e.note.iter_mut().for_each(esc);
        e.reviewed.iter_mut().for_each(esc);
        e.location.iter_mut().for_each(|l| esc(&mut l.file));
        match &mut e.body {
            Some(AnswerBody::Text(t)) => {
                if let std::borrow::Cow::Owned(escaped) = escape_hidden(t) {
                    *t = escaped.into();
                }
            }
            Some(AnswerBody::Items(items)) => items.iter_mut().for_each(esc),
            None => {}
        }
    };
    let mut copy = comparison.clone();
    esc(&mut copy.old_label);
    esc(&mut copy.new_label);
    for catalog in &mut copy.catalogs {
        esc(&mut catalog.id);
        esc(&mut catalog.title);
        for control in &mut catalog.controls {
            esc(&mut control.id);
            esc(&mut control.title);
            control.old.iter_mut().for_each(esc_entry);
            control.new.iter_mut().for_each(esc_entry);
        }
    }
    std::borrow::Cow::Owned(copy)
}

/// Text for a terminal: a line per control (`+` added, `-` removed, `~` changed) with
/// where it is written, then the fields that differ. Empty when nothing differs.
pub fn text(comparison: &Comparison, color: bool) -> String {
    let comparison = &*visible(comparison);
    if comparison.is_empty() {
        return String::new();
    }
    let p = Painter { color };
    let mut out = p.paint(
        BOLD,
        &format!(
            "{} → {}: {}",
            text_label(&comparison.old_label),
            text_label(&comparison.new_label),
            summary(comparison.counts())
        ),
    );
    out.push('\n');
    for catalog in &comparison.catalogs {
        out.push('\n');
        out.push_str(&p.paint(BOLD, &format!("{}  {}", catalog.id, catalog.title)));
        out.push('\n');
        for control in &catalog.controls {
            text_control(&mut out, control, &p);
        }
    }
    out
}

/// A side's label as the text output shows it: `working tree` in the run's language.
fn text_label(label: &str) -> String {
    if label == super::WORKING_TREE {
        say(crate::msg!("diff-working-tree-label"))
    } else {
        label.to_owned()
    }
}

fn text_control(out: &mut String, control: &ControlDiff, p: &Painter) {
    let (sign, code, entry) = match control.kind {
        Kind::Added => ("+", GREEN, control.new.as_ref()),
        Kind::Removed => ("-", RED, control.old.as_ref()),
        Kind::Changed => ("~", YELLOW, control.new.as_ref()),
    };
    let mut head = format!("  {} {}", p.paint(code, sign), p.paint(BOLD, &control.id));
    if !control.title.is_empty() {
        head.push_str("  ");
        head.push_str(&control.title);
    }
    if let Some(location) = entry.and_then(|e| e.location.as_ref()) {
        head.push_str("  ");
        head.push_str(&p.paint(DIM, &format!("{}:{}", location.file, location.line)));
    }
    out.push_str(&head);
    out.push('\n');
    let (old, new) = (control.old.as_ref(), control.new.as_ref());
    for field in shown_fields(control) {
        let value = match control.kind {
            Kind::Changed => text_change(field, old, new, p),
            _ => text_whole(field, entry, code, p),
        };
        out.push_str(&format!("{FIELD_INDENT}{:<10}{value}\n", field.name()));
    }
}

fn text_whole(field: Field, entry: Option<&Entry>, code: &str, p: &Painter) -> String {
    let Some(entry) = entry else {
        return String::new();
    };
    let text = match field {
        Field::Status => status_key(Some(entry)).unwrap_or_default().to_owned(),
        Field::Answer => answer_text(Some(entry)).unwrap_or_default(),
        Field::Links | Field::Evidence => list_of(Some(entry), field).join("\n"),
        Field::Reviewed => entry.reviewed.clone().unwrap_or_default(),
        Field::Note => entry.note.clone().unwrap_or_default(),
    };
    p.whole(code, &text)
}

fn text_change(field: Field, old: Option<&Entry>, new: Option<&Entry>, p: &Painter) -> String {
    let none = say(crate::msg!("diff-none"));
    let arrow = |o: Option<&str>, n: Option<&str>| {
        format!(
            "{} → {}",
            p.paint(RED, o.unwrap_or(&none)),
            p.paint(GREEN, n.unwrap_or(&none))
        )
    };
    match field {
        Field::Status => arrow(status_key(old), status_key(new)),
        Field::Reviewed => arrow(
            old.and_then(|e| e.reviewed.as_deref()),
            new.and_then(|e| e.reviewed.as_deref()),
        ),
        Field::Answer => marked(
            &diff_of(answer_text(old).as_deref(), answer_text(new).as_deref()),
            &p.marks(),
        ),
        Field::Note => marked(
            &diff_of(
                old.and_then(|e| e.note.as_deref()),
                new.and_then(|e| e.note.as_deref()),
            ),
            &p.marks(),
        ),
        Field::Links | Field::Evidence => {
            let (old_links, new_links) = (list_of(old, field), list_of(new, field));
            let (removed, added) = link_changes(old_links, new_links);
            if removed.is_empty() && added.is_empty() {
                return say(crate::msg!("diff-reordered", list = new_links.join(" ")));
            }
            let marks = p.marks();
            let mut lines: Vec<String> = removed
                .iter()
                .map(|l| format!("{}{l}{}", marks.delete.0, marks.delete.1))
                .collect();
            lines.extend(
                added
                    .iter()
                    .map(|l| format!("{}{l}{}", marks.insert.0, marks.insert.1)),
            );
            lines.join(VALUE_BREAK)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Markdown

/// Text safe in a GitHub table cell (one mechanism for every Markdown the tool writes).
fn md_escape(text: &str) -> String {
    crate::templates::md_escape(text, true)
}

/// A code span holding `text` exactly (in a table cell: `|` still needs its backslash).
fn md_code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!(
        "{fence}{pad}{}{pad}{fence}",
        text.replace('|', "\\|").replace('\n', " ")
    )
}

fn md_label(label: &str) -> String {
    if label == super::WORKING_TREE {
        say(crate::msg!("diff-working-tree"))
    } else {
        md_code(label)
    }
}

const MD_MARKS: Marks<'static> = Marks {
    delete: ("<del>", "</del>"),
    insert: ("<ins>", "</ins>"),
    newline: "<br>",
    escape: md_escape,
};

/// Markdown for a pull-request comment: a table per catalog, a row per control, changes
/// inside texts as `<del>`/`<ins>` (which GitHub shows struck through and underlined,
/// also inside Japanese text where `~~`/`**` would not close next to punctuation).
pub fn markdown(comparison: &Comparison) -> String {
    let comparison = &*visible(comparison);
    let heading = say(crate::msg!(
        "diff-md-heading",
        old = md_label(&comparison.old_label),
        new = md_label(&comparison.new_label)
    ));
    let mut out = format!("{MARKDOWN_MARKER}\n### {heading}\n\n");
    if comparison.is_empty() {
        out.push_str(&say(crate::msg!("diff-md-no-differences")));
        out.push('\n');
        return out;
    }
    out.push_str(&say(crate::msg!(
        "diff-md-summary",
        summary = summary(comparison.counts())
    )));
    out.push('\n');
    let mut omitted = 0;
    for catalog in &comparison.catalogs {
        omitted += md_catalog(&mut out, catalog, omitted > 0);
    }
    if omitted > 0 {
        out.push('\n');
        out.push_str(&say(crate::msg!("diff-md-omitted", count = omitted)));
        out.push('\n');
    }
    out
}

/// GitHub refuses comments longer than 65,536 characters; rows stop before that, leaving
/// room for the closing note.
const MARKDOWN_LIMIT: usize = 65_000;

/// Adds a catalog's table; returns how many controls did not fit under the size limit.
fn md_catalog(out: &mut String, catalog: &CatalogDiff, full: bool) -> usize {
    let head = format!(
        "\n#### {} {}\n\n| {} |\n| --- | --- | --- |\n",
        md_code(&catalog.id),
        md_escape(&catalog.title),
        say(crate::msg!("diff-md-columns"))
    );
    let mut length = out.chars().count();
    let mut omitted = 0;
    let mut started = false;
    for control in &catalog.controls {
        let row = md_row(control);
        let needed = row.chars().count() + if started { 0 } else { head.chars().count() };
        if full || omitted > 0 || length + needed > MARKDOWN_LIMIT {
            omitted += 1;
            continue;
        }
        if !started {
            out.push_str(&head);
            started = true;
        }
        out.push_str(&row);
        length += needed;
    }
    omitted
}

fn md_row(control: &ControlDiff) -> String {
    let kind = kind_word(match control.kind {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Changed => "changed",
    });
    let entry = match control.kind {
        Kind::Removed => control.old.as_ref(),
        _ => control.new.as_ref(),
    };
    let details: Vec<String> = shown_fields(control)
        .into_iter()
        .map(|field| {
            let value = match control.kind {
                Kind::Changed => md_change(field, control.old.as_ref(), control.new.as_ref()),
                _ => md_whole(field, entry),
            };
            format!("**{}:** {value}", field.name())
        })
        .collect();
    let mut name = md_code(&control.id);
    if !control.title.is_empty() {
        name.push(' ');
        name.push_str(&md_escape(&control.title));
    }
    format!("| {name} | {kind} | {} |\n", details.join("<br>"))
}

/// `_(internal note, not shown)_`: a note's text never goes into a comment.
fn internal() -> String {
    say(crate::msg!("diff-md-internal"))
}

fn md_whole(field: Field, entry: Option<&Entry>) -> String {
    let Some(entry) = entry else {
        return String::new();
    };
    match field {
        Field::Status => md_code(status_key(Some(entry)).unwrap_or_default()),
        Field::Answer => md_text(&answer_text(Some(entry)).unwrap_or_default()),
        Field::Links | Field::Evidence => list_of(Some(entry), field)
            .iter()
            .map(|l| md_escape(l))
            .collect::<Vec<_>>()
            .join("<br>"),
        Field::Reviewed => entry.reviewed.clone().unwrap_or_default(),
        Field::Note => internal(),
    }
}

fn md_text(text: &str) -> String {
    text.split('\n')
        .map(md_escape)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn md_change(field: Field, old: Option<&Entry>, new: Option<&Entry>) -> String {
    let arrow = |o: Option<String>, n: Option<String>| {
        let none = || say(crate::msg!("diff-none"));
        format!("{} → {}", o.unwrap_or_else(none), n.unwrap_or_else(none))
    };
    match field {
        Field::Status => arrow(status_key(old).map(md_code), status_key(new).map(md_code)),
        Field::Reviewed => arrow(
            old.and_then(|e| e.reviewed.clone()),
            new.and_then(|e| e.reviewed.clone()),
        ),
        Field::Answer => marked(
            &diff_of(answer_text(old).as_deref(), answer_text(new).as_deref()),
            &MD_MARKS,
        ),
        Field::Note => {
            let had = old.is_some_and(|e| e.note.is_some());
            let has = new.is_some_and(|e| e.note.is_some());
            let what = match (had, has) {
                (false, _) => "added",
                (_, false) => "removed",
                _ => "changed",
            };
            format!("{} {}", kind_word(what), internal())
        }
        Field::Links | Field::Evidence => {
            let (old_links, new_links) = (list_of(old, field), list_of(new, field));
            let (removed, added) = link_changes(old_links, new_links);
            if removed.is_empty() && added.is_empty() {
                let list: Vec<String> = new_links.iter().map(|l| md_escape(l)).collect();
                return say(crate::msg!("diff-reordered", list = list.join("<br>")));
            }
            let mut lines: Vec<String> = removed
                .iter()
                .map(|l| format!("<del>{}</del>", md_escape(l)))
                .collect();
            lines.extend(added.iter().map(|l| format!("<ins>{}</ins>", md_escape(l))));
            lines.join("<br>")
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct JsonComparison<'a> {
    old: &'a str,
    new: &'a str,
    summary: Counts,
    catalogs: Vec<JsonCatalog<'a>>,
}

#[derive(Serialize)]
struct JsonCatalog<'a> {
    id: &'a str,
    title: &'a str,
    controls: Vec<JsonControl<'a>>,
}

#[derive(Serialize)]
struct JsonControl<'a> {
    id: &'a str,
    title: &'a str,
    kind: Kind,
    /// The fields that differ (for `changed`).
    changed: &'a [Field],
    old: Option<JsonEntry<'a>>,
    new: Option<JsonEntry<'a>>,
    /// The character-level diff of the answer text, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    answer_diff: Option<Vec<Segment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note_diff: Option<Vec<Segment>>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    status: Option<&'static str>,
    /// A string, or a list of strings for a list answer.
    answer: Option<serde_json::Value>,
    links: &'a [String],
    evidence: &'a [String],
    reviewed: Option<&'a str>,
    note: Option<&'a str>,
}

fn json_entry(entry: &Entry) -> JsonEntry<'_> {
    JsonEntry {
        file: entry.location.as_ref().map(|l| l.file.as_str()),
        line: entry.location.as_ref().map(|l| l.line),
        status: entry.status.map(|s| s.key()),
        answer: entry.body.as_ref().map(|b| match b {
            AnswerBody::Text(t) => serde_json::Value::from(&**t),
            AnswerBody::Items(items) => serde_json::Value::from(items.clone()),
        }),
        links: &entry.links,
        evidence: &entry.evidence,
        reviewed: entry.reviewed.as_deref(),
        note: entry.note.as_deref(),
    }
}

/// Every difference with both sides in full, for tools.
pub fn json(comparison: &Comparison) -> String {
    let catalogs = comparison
        .catalogs
        .iter()
        .map(|catalog| JsonCatalog {
            id: &catalog.id,
            title: &catalog.title,
            controls: catalog
                .controls
                .iter()
                .map(|c| {
                    let (old, new) = (c.old.as_ref(), c.new.as_ref());
                    let answer_diff = c
                        .changed
                        .contains(&Field::Answer)
                        .then(|| diff_of(answer_text(old).as_deref(), answer_text(new).as_deref()));
                    let note_diff = c.changed.contains(&Field::Note).then(|| {
                        diff_of(
                            old.and_then(|e| e.note.as_deref()),
                            new.and_then(|e| e.note.as_deref()),
                        )
                    });
                    JsonControl {
                        id: &c.id,
                        title: &c.title,
                        kind: c.kind,
                        changed: &c.changed,
                        old: old.map(json_entry),
                        new: new.map(json_entry),
                        answer_diff,
                        note_diff,
                    }
                })
                .collect(),
        })
        .collect();
    let value = JsonComparison {
        old: &comparison.old_label,
        new: &comparison.new_label,
        summary: comparison.counts(),
        catalogs,
    };
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_break_a_table_or_start_html() {
        assert_eq!(
            md_escape("RPO | RTO <script> *a* & `b`"),
            "RPO \\| RTO &lt;script&gt; \\*a\\* &amp; \\`b\\`"
        );
        assert_eq!(md_code("a|b"), "`a\\|b`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`x"), "`` `x ``");
    }

    #[test]
    fn markdown_stays_under_githubs_comment_limit() {
        use crate::diff::compare::{CatalogDiff, Comparison, ControlDiff};
        let entry = Entry {
            status: None,
            body: Some(AnswerBody::Text("長い回答。".repeat(100).into())),
            links: Vec::new(),
            evidence: Vec::new(),
            reviewed: None,
            note: None,
            location: None,
        };
        let controls = (0..200)
            .map(|i| ControlDiff {
                id: format!("C-{i}"),
                title: String::new(),
                kind: Kind::Added,
                old: None,
                new: Some(entry.clone()),
                changed: Vec::new(),
            })
            .collect();
        let comparison = Comparison {
            old_label: "a".into(),
            new_label: "b".into(),
            catalogs: vec![CatalogDiff {
                id: "x".into(),
                title: "X".into(),
                controls,
            }],
        };
        let md = markdown(&comparison);
        assert!(md.chars().count() <= 65_536, "{}", md.chars().count());
        let shown = md.matches("| added |").count();
        assert!(shown > 50 && shown < 200, "{shown}");
        assert!(
            md.contains(&format!(
                "… and {} more controls not shown here",
                200 - shown
            )),
            "{}",
            &md[md.len() - 300..]
        );
    }

    #[test]
    fn inserted_line_breaks_are_visible() {
        let segments = char_diff("一行目二行目", "一行目\n二行目");
        assert_eq!(marked(&segments, &MD_MARKS), "一行目<ins>↵</ins><br>二行目");
    }
}
