//! Answer files (`answers/**/*.yaml`): raw YAML to validated [`Answer`]s for one catalog.
//!
//! Cross-file checks (the catalog exists, the control exists, nobody answers twice) are in
//! [`crate::validate`]; this module checks one file's shape.

use strum::VariantArray;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::formats;
use crate::load::fields::{Fields, check_id, check_url, parse_date, text_as, text_of, wrong_type};
use crate::model::{Answer, AnswerBody, Status};
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// One answer file: the catalog it answers and its answers in file order.
pub struct AnswerFile {
    pub catalog: String,
    pub catalog_span: Span,
    pub answers: Vec<std::sync::Arc<Answer>>,
}

/// Reads an answer file, consuming its tree: each answer's part of the tree is freed once
/// read, so a large file never holds its whole tree and its whole model at once.
pub fn load_answer_file(mut root: Node<'_>, diags: &mut Diagnostics) -> Option<AnswerFile> {
    let fields = Fields::new(
        &root,
        msg!("what-answer-file"),
        &formats::ANSWER_FILE,
        diags,
    )?;
    let catalog = fields.required_text("catalog", diags);
    fields.require("answers", diags)?;
    let answers_node = root.take("answers")?;
    let answers = match answers_node.value {
        Value::Map(entries) => {
            let mut answers = Vec::with_capacity(entries.len());
            for (key, node) in entries {
                if check_id(&key.text, key.span, msg!("noun-control"), diags) {
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
                    msg!("what-key", key = "answers"),
                    msg!("expected-mapping-of-control-id-to-answer"),
                )
                .help(msg!("answers-mapping-help")),
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
                Diagnostic::new(Code::EmptyAnswer, msg!("empty-answer", control = id))
                    .at(key_span, msg!("label-no-answer-given"))
                    .help(msg!("empty-answer-help")),
            );
            return None;
        }
        Value::Map(_) => {
            let fields = Fields::new(node, msg!("what-answer"), &formats::ANSWER, diags)?;
            answer.status = fields.text("status", diags).and_then(|(text, span)| {
                let status = text.parse::<Status>().ok();
                if status.is_none() {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            msg!("unknown-status", status = &text, control = id),
                        )
                        .at(span, msg!("label-not-a-status"))
                        .help(status_hint(&text)),
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
            answer.reviewed = fields.text("reviewed", diags).and_then(|(text, span)| {
                parse_date(&text, span, msg!("what-key", key = "reviewed"), diags)
            });
            answer.note = fields.text("note", diags).map(|t| t.0);
            if answer.body.is_none() && answer.status.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::EmptyAnswer,
                        msg!("answer-without-content", control = id),
                    )
                    .at(key_span, msg!("label-nothing-to-show"))
                    .help(msg!("answer-without-content-help")),
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
            Diagnostic::new(Code::InvalidValue, msg!("empty-evidence", control = id))
                .at(span, msg!("label-empty"))
                .help(msg!("empty-evidence-help")),
        );
        return false;
    }
    if looks_like_url(text) {
        return check_url(text, span, diags);
    }
    true
}

/// The hint for a status that is not a key: a label the sheets print for a status (`実施済`,
/// `Implemented`) or a choice of the built-in label maps (`はい`, `○`) names the key it
/// stands for, "did you mean `implemented` (実施済)?"; else the closest key, if any.
fn status_hint(text: &str) -> crate::i18n::Message {
    let keys: Vec<&str> = Status::VARIANTS.iter().map(|s| s.key()).collect();
    let allowed = keys.join(" | ");
    let trimmed = text.trim();
    let labelled = Status::VARIANTS
        .iter()
        .copied()
        .find(|s| {
            s.label() == trimmed
                || crate::sheet::status_label(*s, crate::model::Lang::En)
                    .eq_ignore_ascii_case(trimmed)
        })
        .or_else(|| crate::labels::built_in_status(trimmed));
    if let Some(status) = labelled {
        return msg!(
            "status-label-help",
            key = status.key(),
            label = status.label(),
            allowed = allowed
        );
    }
    match crate::diag::did_you_mean(text, keys.iter().copied()) {
        Some(key) => msg!("status-did-you-mean-help", key = key, allowed = allowed),
        None => msg!("status-allowed-help", allowed = allowed),
    }
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
                    let (text, span) = text_of(item, &msg!("what-answer-list"), "answer", diags)?;
                    warn_hidden(&text, span, id, "answer", diags);
                    Some(text)
                })
                .collect();
            Some(AnswerBody::Items(texts))
        }
        _ => text_as::<crate::model::Text>(
            node,
            &msg!("what-answer-to", control = id),
            "answer",
            diags,
        )
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
    let named: Vec<crate::i18n::Message> =
        found.iter().map(|c| crate::chars::describe(*c)).collect();
    diags.push(
        Diagnostic::new(
            Code::HiddenControl,
            msg!(
                "hidden-control",
                field = field,
                control = id,
                chars = crate::i18n::Arg::List(named),
                count = found.len()
            ),
        )
        .at(
            span,
            msg!(
                "label-hidden-control",
                char = crate::chars::describe(*first)
            ),
        )
        .help(msg!("hidden-control-help")),
    );
}

#[cfg(test)]
mod tests {
    use super::status_hint;
    use crate::i18n::Lang;

    const ALLOWED: &str = "implemented | partial | planned | not-implemented | not-applicable";

    #[test]
    fn a_status_label_of_the_sheets_names_its_key() {
        let hint = status_hint("実施済");
        assert_eq!(
            hint.text(Lang::En),
            format!("did you mean `implemented` (実施済)? allowed: {ALLOWED}")
        );
        assert_eq!(
            hint.text(Lang::Ja),
            format!("`implemented` (実施済) のことですか? 使える値: {ALLOWED}")
        );
        let cases = [
            ("一部実施", "partial", "一部実施"),
            ("実施予定", "planned", "実施予定"),
            ("未実施", "not-implemented", "未実施"),
            ("対象外", "not-applicable", "対象外"),
            ("実施済み", "implemented", "実施済"),
            ("はい", "implemented", "実施済"),
            ("Not implemented", "not-implemented", "未実施"),
        ];
        for (given, key, label) in cases {
            assert_eq!(
                status_hint(given).text(Lang::En),
                format!("did you mean `{key}` ({label})? allowed: {ALLOWED}"),
                "{given}"
            );
        }
        assert_eq!(
            status_hint("implemnted").text(Lang::En),
            format!("did you mean `implemented`? allowed: {ALLOWED}")
        );
        assert_eq!(
            status_hint("zzz").text(Lang::Ja),
            format!("使える値: {ALLOWED}")
        );
    }
}
