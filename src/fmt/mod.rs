//! `checksheet fmt`: answer files in canonical form — controls in catalog order, fields in
//! a fixed order, two-space indentation, plain scalars only where unambiguous, multi-line
//! answers as literal blocks — so that two people editing different controls never make a
//! noisy diff.
//!
//! Nothing is lost: every comment travels with the line it annotates, and a formatted file
//! is only written after it has been parsed again and found to hold exactly the same
//! answers and the same comments as the original.

mod comments;
pub(crate) mod emit;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::i18n::Message;
use crate::load::answers::{AnswerFile, load_answer_file};
use crate::model::{Answer, Catalog};
use crate::source::{SourceFile, SourceId, Sources, Span};
use crate::yaml::{self, Node, Value};
use comments::{attach, find_comments};

/// Fields of an answer, in the order `fmt` writes them: the answer format's.
const FIELD_ORDER: &crate::formats::Object = &crate::formats::ANSWER;

/// Why an answer file's canonical form could not be made, or not proven to hold the same
/// answers and comments as the file: the file is reported and left unchanged.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file does not parse (its parse error's message).
    #[error("{0}")]
    Parse(Message),
    /// The file is not a mapping.
    #[error("{}", self.message())]
    NotAMapping,
    /// `catalog` is not a scalar.
    #[error("{}", self.message())]
    CatalogNotText,
    /// `answers` is neither a mapping nor empty.
    #[error("{}", self.message())]
    AnswersNotAMapping,
    /// A top-level field other than `catalog` and `answers`.
    #[error("{}", self.message())]
    UnexpectedField { field: String },
    /// An item of a list that is not a scalar.
    #[error("{}", self.message())]
    ItemNotText,
    /// A field of an answer holding a mapping.
    #[error("{}", self.message())]
    FieldHoldsMapping { field: String },
    /// The canonical text does not parse again (its parse error's message).
    #[error("{}", self.message())]
    CanonicalDoesNotParse(Message),
    /// The canonical text holds other answers than the file.
    #[error("{}", self.message())]
    WouldChangeAnswer,
    /// The canonical text holds other comments than the file.
    #[error("{}", self.message())]
    WouldLoseComment,
}

impl FormatError {
    /// What went wrong, as a message in the user's language.
    pub fn message(&self) -> Message {
        match self {
            FormatError::Parse(message) => message.clone(),
            FormatError::NotAMapping => crate::msg!("format-not-a-mapping"),
            FormatError::CatalogNotText => crate::msg!("format-catalog-not-text"),
            FormatError::AnswersNotAMapping => crate::msg!("format-answers-not-a-mapping"),
            FormatError::UnexpectedField { field } => {
                crate::msg!("format-unexpected-field", field = field)
            }
            FormatError::ItemNotText => crate::msg!("format-item-not-text"),
            FormatError::FieldHoldsMapping { field } => {
                crate::msg!("format-field-holds-mapping", field = field)
            }
            FormatError::CanonicalDoesNotParse(message) => {
                crate::msg!("format-canonical-does-not-parse", message = message.clone())
            }
            FormatError::WouldChangeAnswer => crate::msg!("format-would-change-answer"),
            FormatError::WouldLoseComment => crate::msg!("format-would-lose-comment"),
        }
    }
}

/// One answer file and its canonical text.
pub struct Formatted {
    pub path: PathBuf,
    pub name: String,
    pub original: String,
    pub formatted: String,
}

impl Formatted {
    pub fn changed(&self) -> bool {
        self.original != self.formatted
    }
}

/// Formats every answer file of a loaded project. Files whose canonical form could not be
/// proven identical in content are reported and left out.
pub fn format_files(
    sources: &Sources,
    files: &[AnswerFile],
    catalogs: &indexmap::IndexMap<String, Catalog>,
    diags: &mut Diagnostics,
) -> Vec<Formatted> {
    let mut out = Vec::new();
    for file in files {
        let id = file.catalog_span.source;
        let source = sources.get(id);
        let order: HashMap<&str, usize> = catalogs
            .get(&file.catalog)
            .map(|c| {
                c.controls()
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| (c.id.as_str(), i))
                    .collect()
            })
            .unwrap_or_default();
        match format_text(source, id, &order) {
            Ok(formatted) => out.push(Formatted {
                path: source.path.clone(),
                name: source.name.clone(),
                original: source.text.clone(),
                formatted,
            }),
            Err(error) => diags.push(
                Diagnostic::new(
                    Code::Format,
                    crate::msg!(
                        "cannot-format",
                        file = &source.name,
                        message = error.message()
                    ),
                )
                .at(Span::new(id, 0, 0), crate::msg!("label-left-unchanged"))
                .help(crate::msg!("cannot-format-help")),
            ),
        }
    }
    out
}

/// A line of the canonical file: its source line (for comments) and how to write it.
struct Thing {
    line: usize,
}

struct Entry {
    id: String,
    thing: usize,
    value: EntryValue,
    rank: usize,
}

enum EntryValue {
    Null,
    Scalar(String),
    Items(Vec<(String, usize)>),
    Fields(Vec<Field>),
}

struct Field {
    name: String,
    thing: usize,
    value: FieldValue,
}

enum FieldValue {
    Null,
    Scalar(String),
    Items(Vec<(String, usize)>),
}

struct Parsed {
    things: Vec<Thing>,
    catalog: Option<(String, usize)>,
    answers_thing: Option<usize>,
    entries: Vec<Entry>,
    protected: Vec<Span>,
}

fn scalar(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) | Value::Plain(s) => Some(s.to_string()),
        _ => None,
    }
}

impl Parsed {
    fn new(
        file: &SourceFile,
        root: &Node,
        order: &HashMap<&str, usize>,
    ) -> Result<Parsed, FormatError> {
        let mut parsed = Parsed {
            things: Vec::new(),
            catalog: None,
            answers_thing: None,
            entries: Vec::new(),
            protected: Vec::new(),
        };
        let Value::Map(top) = &root.value else {
            return Err(FormatError::NotAMapping);
        };
        for (key, value) in top {
            parsed.protected.push(key.span);
            let thing = parsed.thing(file, key.span);
            match &*key.text {
                "catalog" => {
                    parsed.protect(value);
                    let catalog = scalar(value).ok_or(FormatError::CatalogNotText)?;
                    parsed.catalog = Some((catalog, thing));
                }
                "answers" => {
                    parsed.answers_thing = Some(thing);
                    match &value.value {
                        Value::Map(entries) => {
                            for (key, value) in entries {
                                parsed.protected.push(key.span);
                                let thing = parsed.thing(file, key.span);
                                let value = parsed.entry_value(file, value)?;
                                let rank = order.get(&*key.text).copied().unwrap_or(usize::MAX);
                                parsed.entries.push(Entry {
                                    id: key.text.to_string(),
                                    thing,
                                    value,
                                    rank,
                                });
                            }
                        }
                        Value::Null => {}
                        _ => return Err(FormatError::AnswersNotAMapping),
                    }
                }
                other => {
                    return Err(FormatError::UnexpectedField {
                        field: other.to_owned(),
                    });
                }
            }
        }
        Ok(parsed)
    }

    fn thing(&mut self, file: &SourceFile, span: Span) -> usize {
        self.things.push(Thing {
            line: file.line_col(span.start).line,
        });
        self.things.len() - 1
    }

    /// Marks a node's scalars as text in which `#` is not a comment.
    fn protect(&mut self, node: &Node) {
        match &node.value {
            Value::Str(_) | Value::Plain(_) => self.protected.push(node.span),
            Value::Seq(items) => items.iter().for_each(|i| self.protect(i)),
            Value::Map(entries) => {
                for (k, v) in entries {
                    self.protected.push(k.span);
                    self.protect(v);
                }
            }
            Value::Null => {}
        }
    }

    fn items(
        &mut self,
        file: &SourceFile,
        items: &[Node],
    ) -> Result<Vec<(String, usize)>, FormatError> {
        items
            .iter()
            .map(|item| {
                self.protect(item);
                let text = scalar(item).ok_or(FormatError::ItemNotText)?;
                Ok((text, self.thing(file, item.span)))
            })
            .collect()
    }

    fn entry_value(&mut self, file: &SourceFile, node: &Node) -> Result<EntryValue, FormatError> {
        Ok(match &node.value {
            Value::Null => EntryValue::Null,
            Value::Str(_) | Value::Plain(_) => {
                self.protect(node);
                EntryValue::Scalar(scalar(node).unwrap_or_default())
            }
            Value::Seq(items) => EntryValue::Items(self.items(file, items)?),
            Value::Map(fields) => {
                let mut out = Vec::new();
                for (key, value) in fields {
                    self.protected.push(key.span);
                    let thing = self.thing(file, key.span);
                    let value = match &value.value {
                        Value::Null => FieldValue::Null,
                        Value::Seq(items) => FieldValue::Items(self.items(file, items)?),
                        Value::Str(_) | Value::Plain(_) => {
                            self.protect(value);
                            FieldValue::Scalar(scalar(value).unwrap_or_default())
                        }
                        Value::Map(_) => {
                            return Err(FormatError::FieldHoldsMapping {
                                field: key.text.to_string(),
                            });
                        }
                    };
                    out.push(Field {
                        name: key.text.to_string(),
                        thing,
                        value,
                    });
                }
                let rank = |f: &Field| {
                    FIELD_ORDER
                        .position(&f.name)
                        .unwrap_or(FIELD_ORDER.fields.len())
                };
                out.sort_by_key(rank);
                EntryValue::Fields(out)
            }
        })
    }
}

/// The canonical text of one answer file; an error if it cannot be proven lossless.
pub fn format_text(
    file: &SourceFile,
    id: SourceId,
    order: &HashMap<&str, usize>,
) -> Result<String, FormatError> {
    let root = yaml::parse(file, id).map_err(|d| FormatError::Parse(d.message))?;
    let mut parsed = Parsed::new(file, &root, order)?;
    let comments = find_comments(file, &mut parsed.protected);
    let lines: Vec<usize> = parsed.things.iter().map(|t| t.line).collect();
    let attached = attach(&comments, &lines);
    let mut out = Writer {
        text: String::new(),
        attached: &attached,
    };
    if let Some((catalog, thing)) = &parsed.catalog {
        out.line(0, *thing, &format!("catalog: {}", emit::value(catalog, 0)));
    }
    if let Some(thing) = parsed.answers_thing {
        if parsed.entries.is_empty() {
            out.line(0, thing, "answers: {}");
        } else {
            out.line(0, thing, "answers:");
        }
    }
    parsed.entries.sort_by_key(|e| e.rank);
    for entry in &parsed.entries {
        out.entry(entry);
    }
    for comment in &attached.trailer {
        out.text.push_str(comment);
        out.text.push('\n');
    }
    verify(file, id, &out.text, comments)?;
    Ok(out.text)
}

struct Writer<'a> {
    text: String,
    attached: &'a comments::Attachments,
}

impl Writer<'_> {
    /// Writes a thing: its leading comments, then its (possibly multi-line) text with the
    /// inline comment at the end of the first line.
    fn line(&mut self, indent: usize, thing: usize, content: &str) {
        let pad = " ".repeat(indent);
        for comment in &self.attached.leading[thing] {
            self.text.push_str(&pad);
            self.text.push_str(comment);
            self.text.push('\n');
        }
        let (first, rest) = content
            .split_once('\n')
            .map_or((content, None), |(f, r)| (f, Some(r)));
        self.text.push_str(&pad);
        self.text.push_str(first);
        if let Some(comment) = &self.attached.inline[thing] {
            self.text.push_str("  ");
            self.text.push_str(comment);
        }
        self.text.push('\n');
        if let Some(rest) = rest {
            self.text.push_str(rest);
            self.text.push('\n');
        }
    }

    /// Writes one answer under `answers:`, its fields in [`FIELD_ORDER`].
    fn entry(&mut self, entry: &Entry) {
        let key = emit::id(&entry.id);
        match &entry.value {
            EntryValue::Null => self.line(2, entry.thing, &format!("{key}:")),
            EntryValue::Scalar(text) => {
                self.line(2, entry.thing, &format!("{key}: {}", emit::value(text, 2)))
            }
            EntryValue::Items(items) => {
                self.line(2, entry.thing, &format!("{key}:"));
                self.items(4, items);
            }
            EntryValue::Fields(fields) => {
                self.line(2, entry.thing, &format!("{key}:"));
                for field in fields {
                    self.field(field);
                }
            }
        }
    }

    /// Writes one field of an answer.
    fn field(&mut self, field: &Field) {
        let name = emit::key(&field.name);
        match &field.value {
            FieldValue::Null => self.line(4, field.thing, &format!("{name}:")),
            FieldValue::Scalar(text) => {
                self.line(4, field.thing, &format!("{name}: {}", emit::value(text, 4)))
            }
            FieldValue::Items(items) if items.is_empty() => {
                self.line(4, field.thing, &format!("{name}: []"))
            }
            FieldValue::Items(items) => {
                self.line(4, field.thing, &format!("{name}:"));
                self.items(6, items);
            }
        }
    }

    fn items(&mut self, indent: usize, items: &[(String, usize)]) {
        for (text, thing) in items {
            self.line(indent, *thing, &format!("- {}", emit::value(text, indent)));
        }
    }
}

/// Parses the formatted text again: it must hold the same answers and the same comments.
fn verify(
    original: &SourceFile,
    id: SourceId,
    formatted: &str,
    comments: Vec<comments::Comment>,
) -> Result<(), FormatError> {
    let mut sources = Sources::default();
    let new_id = sources.add(original.name.clone(), &original.path, formatted.to_owned());
    let new_file = sources.get(new_id);
    let new_root =
        yaml::parse(new_file, new_id).map_err(|d| FormatError::CanonicalDoesNotParse(d.message))?;
    let old_root = yaml::parse(original, id).map_err(|d| FormatError::Parse(d.message))?;
    let summary = |root: Node| {
        let mut diags = Diagnostics::default();
        load_answer_file(root, &mut diags).map(|f| {
            let mut answers: Vec<String> = f.answers.iter().map(|a| describe(a)).collect();
            answers.sort();
            (f.catalog, answers)
        })
    };
    if summary(old_root) != summary(new_root.clone()) {
        return Err(FormatError::WouldChangeAnswer);
    }
    let mut parsed = Parsed::new(new_file, &new_root, &HashMap::new())?;
    let mut before: Vec<String> = comments.into_iter().map(|c| c.text).collect();
    let mut after: Vec<String> = find_comments(new_file, &mut parsed.protected)
        .into_iter()
        .map(|c| c.text)
        .collect();
    before.sort();
    after.sort();
    if before != after {
        return Err(FormatError::WouldLoseComment);
    }
    Ok(())
}

fn describe(answer: &Answer) -> String {
    format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        answer.control,
        answer.status,
        answer.body,
        answer.links,
        answer.evidence,
        answer.reviewed,
        answer.note
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fmt(text: &str, order: &[&str]) -> Result<String, FormatError> {
        let mut sources = Sources::default();
        let id = sources.add("a.yaml", Path::new("a.yaml"), text.to_owned());
        let order: HashMap<&str, usize> =
            order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        format_text(sources.get(id), id, &order)
    }

    const MESSY: &str = "# 回答ファイル（第1章）\nanswers:\n    # 方針は毎年見直す\n    II.1.1.2: {answer: \"見直しています。\", status: implemented}   # 2026年度\n    II.1.1.1:\n        note: 社内メモ # 担当: 情報システム部\n        answer: 'RPO | RTO # ハッシュはコメントではない'\n        status: partial\n    \"1.10\": [一つ目, \"二つ目\"]\ncatalog: mic-cloud-v3\n# 末尾のコメント\n";

    #[test]
    fn reorders_requotes_and_keeps_every_comment() {
        let out = fmt(MESSY, &["II.1.1.1", "II.1.1.2", "1.10"]).unwrap();
        assert_eq!(
            out,
            "catalog: mic-cloud-v3\n# 回答ファイル（第1章）\nanswers:\n  \"II.1.1.1\":\n    status: partial\n    answer: \"RPO | RTO # ハッシュはコメントではない\"\n    note: 社内メモ  # 担当: 情報システム部\n  # 方針は毎年見直す\n  \"II.1.1.2\":  # 2026年度\n    status: implemented\n    answer: 見直しています。\n  \"1.10\":\n    - 一つ目\n    - 二つ目\n# 末尾のコメント\n"
        );
    }

    #[test]
    fn formatting_is_idempotent() {
        let once = fmt(MESSY, &["II.1.1.1", "II.1.1.2", "1.10"]).unwrap();
        let twice = fmt(&once, &["II.1.1.1", "II.1.1.2", "1.10"]).unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn multi_line_answers_become_literal_blocks() {
        let out = fmt("catalog: x\nanswers:\n  a: \"一行目\\n二行目\"\n", &["a"]).unwrap();
        assert_eq!(
            out,
            "catalog: x\nanswers:\n  \"a\": |-\n    一行目\n    二行目\n"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;

    /// Text with the characters that make YAML quoting hard.
    fn tricky_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("回答".to_owned()),
                Just("\n".to_owned()),
                Just(" ".to_owned()),
                Just("#".to_owned()),
                Just(": ".to_owned()),
                Just("- ".to_owned()),
                Just("\"".to_owned()),
                Just("'".to_owned()),
                Just("|".to_owned()),
                Just("=".to_owned()),
                Just("\t".to_owned()),
                Just("1.10".to_owned()),
                Just("yes".to_owned()),
                Just("~".to_owned()),
                Just("https://example.com/a#b".to_owned()),
                "[a-zA-Z0-9ぁ-ん]{1,6}",
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    fn answer_file() -> impl Strategy<Value = String> {
        let entry = (
            prop_oneof![
                Just("II.1.1.1"),
                Just("1.10"),
                Just("1.1"),
                Just("2"),
                Just("1-1"),
                Just("yes"),
                Just("a b")
            ],
            prop_oneof![
                tricky_text().prop_map(|t| serde_json::to_string(&t).unwrap()),
                proptest::collection::vec(tricky_text(), 1..4).prop_map(|items| format!(
                    "[{}]",
                    items
                        .iter()
                        .map(|i| serde_json::to_string(i).unwrap())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                (tricky_text(), tricky_text()).prop_map(|(a, n)| format!(
                    "{{note: {}, answer: {}, status: partial}}",
                    serde_json::to_string(&n).unwrap(),
                    serde_json::to_string(&a).unwrap()
                )),
            ],
            proptest::option::of("[a-zぁ-ん #:]{0,10}"),
        );
        proptest::collection::vec(entry, 0..6).prop_map(|entries| {
            let mut seen = std::collections::HashSet::new();
            let mut text = String::from("catalog: demo\nanswers:\n");
            for (id, value, comment) in entries {
                if !seen.insert(id) {
                    continue;
                }
                if let Some(comment) = &comment {
                    text.push_str(&format!("  # {comment}\n"));
                }
                text.push_str(&format!(
                    "  {}: {value}\n",
                    serde_json::to_string(id).unwrap()
                ));
            }
            if seen.is_empty() {
                text = "catalog: demo\nanswers: {}\n".to_owned();
            }
            text
        })
    }

    proptest! {
        #[test]
        fn fmt_is_lossless_and_idempotent(text in answer_file()) {
            let order: HashMap<&str, usize> = ["yes", "2", "1.10", "1.1", "1-1", "II.1.1.1", "a b"].iter().enumerate().map(|(i, id)| (*id, i)).collect();
            let mut sources = Sources::default();
            let id = sources.add("p.yaml", Path::new("p.yaml"), text.clone());
            let once = format_text(sources.get(id), id, &order);
            prop_assert!(once.is_ok(), "{:?} for\n{}", once.err(), text);
            let once = once.unwrap();
            let id2 = sources.add("p.yaml", Path::new("p.yaml"), once.clone());
            let twice = format_text(sources.get(id2), id2, &order).unwrap();
            prop_assert_eq!(&once, &twice);
            // Lossless, as an independent reader sees it: the same data, every comment kept.
            let data = |t: &str| serde_saphyr::from_str::<serde_json::Value>(t).unwrap();
            prop_assert_eq!(data(&text), data(&once), "formatted:\n{}", once);
            for comment in text.lines().map(str::trim).filter(|l| l.starts_with('#')) {
                prop_assert!(
                    once.lines().any(|l| l.trim() == comment),
                    "comment {:?} lost:\n{}", comment, once
                );
            }
        }
    }
}

/// Writes answers as a canonical answer file (the form `fmt` produces), in the order given:
/// the short form for an answer that is only text or only a list, fields otherwise.
pub fn render_answer_file(catalog: &str, answers: &[Answer]) -> String {
    let mut out = format!("catalog: {}\n", emit::value(catalog, 0));
    if answers.is_empty() {
        out.push_str("answers: {}\n");
        return out;
    }
    out.push_str("answers:\n");
    let items = |out: &mut String, indent: usize, items: &[String]| {
        for item in items {
            out.push_str(&format!(
                "{}- {}\n",
                " ".repeat(indent),
                emit::value(item, indent)
            ));
        }
    };
    for answer in answers {
        let key = emit::id(&answer.control);
        let plain = answer.status.is_none()
            && answer.links.is_empty()
            && answer.evidence.is_empty()
            && answer.reviewed.is_none()
            && answer.note.is_none();
        match (&answer.body, plain) {
            (Some(crate::model::AnswerBody::Text(text)), true) => {
                out.push_str(&format!("  {key}: {}\n", emit::value(text, 2)))
            }
            (Some(crate::model::AnswerBody::Items(list)), true) => {
                out.push_str(&format!("  {key}:\n"));
                items(&mut out, 4, list);
            }
            (None, true) => out.push_str(&format!("  {key}: \"\"\n")),
            _ => {
                out.push_str(&format!("  {key}:\n"));
                if let Some(status) = answer.status {
                    out.push_str(&format!("    status: {}\n", status.key()));
                }
                match &answer.body {
                    Some(crate::model::AnswerBody::Text(text)) => {
                        out.push_str(&format!("    answer: {}\n", emit::value(text, 4)))
                    }
                    Some(crate::model::AnswerBody::Items(list)) => {
                        out.push_str("    answer:\n");
                        items(&mut out, 6, list);
                    }
                    None => {}
                }
                if !answer.links.is_empty() {
                    out.push_str("    links:\n");
                    items(&mut out, 6, &answer.links);
                }
                if !answer.evidence.is_empty() {
                    out.push_str("    evidence:\n");
                    items(&mut out, 6, &answer.evidence);
                }
                if let Some(date) = answer.reviewed {
                    out.push_str(&format!("    reviewed: {date}\n"));
                }
                if let Some(note) = &answer.note {
                    out.push_str(&format!("    note: {}\n", emit::value(note, 4)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod render_tests {
    use super::*;
    use crate::model::{AnswerBody, Status};

    use std::path::Path;

    fn answer(id: &str, body: Option<AnswerBody>, status: Option<Status>) -> Answer {
        Answer {
            control: id.to_owned(),
            status,
            body,
            links: Vec::new(),
            evidence: Vec::new(),
            reviewed: None,
            note: None,
            span: None,
        }
    }

    #[test]
    fn rendered_files_are_already_canonical() {
        let answers = vec![
            answer(
                "1.10",
                Some(AnswerBody::Text("=SUM(A1)\n二行目".into())),
                None,
            ),
            answer(
                "1-1",
                Some(AnswerBody::Items(vec!["一つ目".into(), " 先頭空白".into()])),
                None,
            ),
            answer(
                "II.1.1.1",
                Some(AnswerBody::Text("実施しています。".into())),
                Some(Status::Partial),
            ),
        ];
        let text = render_answer_file("demo", &answers);
        let mut sources = Sources::default();
        let id = sources.add("r.yaml", Path::new("r.yaml"), text.clone());
        let order: HashMap<&str, usize> = [("1.10", 0), ("1-1", 1), ("II.1.1.1", 2)]
            .into_iter()
            .collect();
        assert_eq!(format_text(sources.get(id), id, &order).unwrap(), text);
        assert!(
            text.contains("  \"1.10\": |-\n    =SUM(A1)\n    二行目\n"),
            "{text}"
        );
    }

    #[test]
    fn an_answer_with_any_field_besides_its_text_is_written_in_full() {
        // Only an answer with nothing but its text (or list) is written as `id: text`;
        // each other field alone keeps the long form, or it would be lost.
        type Edit = fn(&mut Answer);
        let edits: [(&str, Edit); 4] = [
            ("links", |a| a.links = vec!["https://example.com/a".into()]),
            ("evidence", |a| a.evidence = vec!["規程集".into()]),
            ("reviewed", |a| {
                a.reviewed = Some(jiff::civil::date(2026, 10, 1))
            }),
            ("note", |a| a.note = Some("社内メモ".into())),
        ];
        for (field, edit) in edits {
            let mut one = answer("a", Some(AnswerBody::Text("回答".into())), None);
            edit(&mut one);
            let text = render_answer_file("demo", &[one]);
            assert!(
                text.contains(&format!("\n    {field}:")) && text.contains("\n    answer: 回答\n"),
                "{field}:\n{text}"
            );
        }
        let plain = answer("a", Some(AnswerBody::Text("回答".into())), None);
        assert!(render_answer_file("demo", &[plain]).contains("\n  \"a\": 回答\n"));
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;
    use std::path::Path;

    fn fmt(text: &str) -> Result<String, FormatError> {
        let mut sources = Sources::default();
        let id = sources.add("e.yaml", Path::new("e.yaml"), text.to_owned());
        format_text(sources.get(id), id, &HashMap::new())
    }

    #[test]
    fn files_that_cannot_be_formatted_say_why() {
        assert!(matches!(
            fmt("catalog: x\nanswers: 3\n"),
            Err(FormatError::AnswersNotAMapping)
        ));
        assert!(matches!(
            fmt("catalog: x\nextra: 1\n"),
            Err(FormatError::UnexpectedField { field }) if field == "extra"
        ));
        assert!(matches!(
            fmt("catalog: x\nanswers:\n  a:\n    note: {deep: 1}\n"),
            Err(FormatError::FieldHoldsMapping { field }) if field == "note"
        ));
        assert!(matches!(fmt("- a\n"), Err(FormatError::NotAMapping)));
        let error = FormatError::UnexpectedField {
            field: "extra".into(),
        };
        assert_eq!(
            error.message().text(crate::i18n::Lang::En),
            "unexpected field `extra`"
        );
    }
}
