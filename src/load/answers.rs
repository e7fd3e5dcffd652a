//! Answer files (`answers/**/*.yaml`): raw YAML to validated [`Answer`]s for one catalog.
//!
//! Cross-file checks (the catalog exists, the control exists, nobody answers twice) are in
//! [`crate::validate`]; this module checks one file's shape.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::fields::{Fields, check_id, check_url, parse_date, text_as, text_of, wrong_type};
use crate::model::{Answer, AnswerBody, Status};
use crate::source::Span;
use crate::yaml::{Node, Value};

pub const FILE_FIELDS: &[&str] = &["catalog", "answers"];
pub const ANSWER_FIELDS: &[&str] = &["status", "answer", "links", "evidence", "reviewed", "note"];

/// One answer file: the catalog it answers and its answers in file order.
pub struct AnswerFile {
    pub catalog: String,
    pub catalog_span: Span,
    pub answers: Vec<std::sync::Arc<Answer>>,
}

/// Reads an answer file, consuming its tree: each answer's part of the tree is freed once
/// read, so a large file never holds its whole tree and its whole model at once.
pub fn load_answer_file(mut root: Node<'_>, diags: &mut Diagnostics) -> Option<AnswerFile> {
    let fields = Fields::new(&root, "an answer file", FILE_FIELDS, diags)?;
    let catalog = fields.required_text("catalog", diags);
    fields.require("answers", diags)?;
    let answers_node = root.take("answers")?;
    let answers = match answers_node.value {
        Value::Map(entries) => {
            let mut answers = Vec::with_capacity(entries.len());
            for (key, node) in entries {
                if check_id(&key.text, key.span, "control", diags) {
                    answers.extend(read_answer(&key.text, key.span, &node, diags));
                }
            }
            answers
        }
        Value::Null => Vec::new(),
        _ => {
            diags.push(
                wrong_type(
                    &answers_node,
                    "`answers`",
                    "a mapping of control ID to answer",
                )
                .help("write `answers:` then one `\"<control ID>\": <answer>` line per control"),
            );
            return None;
        }
    };
    let (catalog, catalog_span) = catalog?;
    Some(AnswerFile {
        catalog,
        catalog_span,
        answers: answers.into_iter().map(std::sync::Arc::new).collect(),
    })
}

fn read_answer(id: &str, key_span: Span, node: &Node, diags: &mut Diagnostics) -> Option<Answer> {
    let mut answer = Answer {
        control: id.to_owned(),
        status: None,
        body: None,
        links: Vec::new(),
        evidence: Vec::new(),
        reviewed: None,
        note: None,
        span: key_span,
    };
    match &node.value {
        Value::Str(_) | Value::Plain(_) | Value::Seq(_) => answer.body = read_body(node, id, diags),
        Value::Null => {
            diags.push(
                Diagnostic::new(
                    Code::EmptyAnswer,
                    format!("control `{id}` has an empty answer"),
                )
                .at(key_span, "no answer given")
                .help("write the answer, or remove the line until it is answered"),
            );
            return None;
        }
        Value::Map(_) => {
            let fields = Fields::new(node, "an answer", ANSWER_FIELDS, diags)?;
            answer.status = fields.text("status", diags).and_then(|(text, span)| {
                let status = Status::parse(&text);
                if status.is_none() {
                    let keys: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
                    let hint = match crate::diag::did_you_mean(&text, keys.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`? allowed: {}", keys.join(" | ")),
                        None => format!("allowed: {}", keys.join(" | ")),
                    };
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            format!("unknown status `{text}` for control `{id}`"),
                        )
                        .at(span, "not a status")
                        .help(hint),
                    );
                }
                status
            });
            answer.body = fields.get("answer").and_then(|n| read_body(n, id, diags));
            answer.links = fields
                .text_list("links", diags)
                .into_iter()
                .filter(|(u, span)| check_url(u, *span, diags))
                .map(|(u, _)| u)
                .collect();
            answer.evidence = fields
                .text_list("evidence", diags)
                .into_iter()
                .filter(|(e, span)| {
                    warn_hidden(e, *span, id, "evidence", diags);
                    check_evidence(e, *span, id, diags)
                })
                .map(|(e, _)| e)
                .collect();
            answer.reviewed = fields
                .text("reviewed", diags)
                .and_then(|(text, span)| parse_date(&text, span, "`reviewed`", diags));
            answer.note = fields.text("note", diags).map(|t| t.0);
            if answer.body.is_none() && answer.status.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::EmptyAnswer,
                        format!("control `{id}` has neither `answer` nor `status`"),
                    )
                    .at(key_span, "nothing to show for this control")
                    .help("add `answer:` with the text customers should read"),
                );
            }
        }
    }
    Some(answer)
}

/// An evidence item: a document name, or an absolute http(s) URL where it looks like one.
fn check_evidence(text: &str, span: Span, id: &str, diags: &mut Diagnostics) -> bool {
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!("an `evidence` item of control `{id}` is empty"),
            )
            .at(span, "empty")
            .help("name the document (e.g. `情報セキュリティ基本方針 第3版`) or give its URL, or remove the item"),
        );
        return false;
    }
    if looks_like_url(text) {
        return check_url(text, span, diags);
    }
    true
}

/// Whether an evidence item is meant as a URL (and must then be a valid one).
pub fn looks_like_url(text: &str) -> bool {
    ["http://", "https://", "www."].iter().any(|p| {
        text.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

fn read_body(node: &Node, id: &str, diags: &mut Diagnostics) -> Option<AnswerBody> {
    match &node.value {
        Value::Seq(items) => {
            let texts: Vec<String> = items
                .iter()
                .filter_map(|item| {
                    let (text, span) = text_of(item, "the answer list", "answer", diags)?;
                    warn_hidden(&text, span, id, "answer", diags);
                    Some(text)
                })
                .collect();
            Some(AnswerBody::Items(texts))
        }
        _ => text_as::<crate::model::Text>(node, &format!("the answer to `{id}`"), "answer", diags)
            .map(|(text, span)| {
                warn_hidden(&text, span, id, "answer", diags);
                AnswerBody::Text(text)
            }),
    }
}

/// Warns about a control character or bidirectional override in a text customers read:
/// invisible, it can hide, reorder or (on a terminal) erase what a reviewer sees. The
/// outputs leave such characters out.
pub(crate) fn warn_hidden(text: &str, span: Span, id: &str, field: &str, diags: &mut Diagnostics) {
    if !crate::chars::may_hide(text) {
        return;
    }
    let found: Vec<char> = text
        .chars()
        .filter(|c| crate::chars::is_hidden_control(*c))
        .fold(Vec::new(), |mut seen, c| {
            if !seen.contains(&c) {
                seen.push(c);
            }
            seen
        });
    let Some(first) = found.first() else {
        return;
    };
    let named: Vec<String> = found.iter().map(|c| crate::chars::describe(*c)).collect();
    diags.push(
        Diagnostic::new(
            Code::HiddenControl,
            format!(
                "the {field} of control `{id}` holds {}: {} a reader would not see",
                named.join(", "),
                if found.len() == 1 {
                    "a character"
                } else {
                    "characters"
                }
            ),
        )
        .at(
            span,
            format!("{} in this text", crate::chars::describe(*first)),
        )
        .help(
            "delete it (it may have come from a copy of a terminal or a web page); the \
             outputs leave it out, and `checksheet diff` shows it as `\\u{…}`",
        ),
    );
}
