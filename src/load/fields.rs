//! Reading the fields of a YAML mapping against a file format: unknown fields, missing
//! fields and wrong types become diagnostics, collected rather than thrown.

use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::model::Text;
use crate::source::Span;
use crate::yaml::{Key, Node, Value};

/// The fields of one mapping, checked against the names `what` allows.
pub struct Fields<'a> {
    entries: Vec<(&'a Key<'a>, &'a Node<'a>)>,
    span: Span,
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// Checks that `node` is a mapping whose keys are all in `allowed`. Unknown keys are
    /// reported (with the closest allowed name) and skipped.
    pub fn new(
        node: &'a Node<'a>,
        what: &'static str,
        allowed: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let Value::Map(entries) = &node.value else {
            diags.push(wrong_type(node, what, "a mapping"));
            return None;
        };
        let mut kept = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if allowed.contains(&&*key.text) {
                kept.push((key, value));
            } else {
                let mut d = Diagnostic::new(
                    Code::UnknownField,
                    format!("unknown field `{}` in {what}", key.text),
                )
                .at(key.span, "not a field of this format");
                d = match did_you_mean(&key.text, allowed.iter().copied()) {
                    Some(name) => {
                        let help = crate::diag::did_you_mean_help(&key.text, name);
                        let then = if help.ends_with('?') { " " } else { "; " };
                        d.help(format!(
                            "{help}{then}allowed fields: {}",
                            allowed.join(", ")
                        ))
                    }
                    None => d.help(format!("allowed fields: {}", allowed.join(", "))),
                };
                diags.push(d);
            }
        }
        Some(Fields {
            entries: kept,
            span: node.span,
            what,
        })
    }

    pub fn get(&self, name: &str) -> Option<&'a Node<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == name)
            .map(|(_, v)| *v)
    }

    pub fn key_span(&self, name: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == name)
            .map(|(k, _)| k.span)
    }

    /// A required field; reports it missing.
    pub fn require(&self, name: &str, diags: &mut Diagnostics) -> Option<&'a Node<'a>> {
        let node = self.get(name);
        if node.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::MissingField,
                    format!("missing field `{name}` in {}", self.what),
                )
                .at(
                    Span::new(self.span.source, self.span.start, self.span.start),
                    format!("{} starts here", self.what),
                )
                .help(format!("add `{name}:`")),
            );
        }
        node
    }

    /// An optional text field (null counts as absent).
    pub fn text(&self, name: &str, diags: &mut Diagnostics) -> Option<(String, Span)> {
        self.get(name)
            .and_then(|node| text_of(node, self.what, name, diags))
    }

    /// An optional long text field, made shareable ([`Text`]) as it is read.
    pub fn shared_text(&self, name: &str, diags: &mut Diagnostics) -> Option<Text> {
        self.get(name)
            .and_then(|node| text_as(node, self.what, name, diags))
            .map(|(text, _)| text)
    }

    /// A required text field.
    pub fn required_text(&self, name: &str, diags: &mut Diagnostics) -> Option<(String, Span)> {
        let node = self.require(name, diags)?;
        // `name:` with no value is as empty as `name: ""`, not absent.
        let text = match node.value {
            Value::Null => (String::new(), node.span),
            _ => text_of(node, self.what, name, diags)?,
        };
        if text.0.trim().is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{name}` in {} is empty", self.what),
                )
                .at(node.span, "empty")
                .help(format!("give `{name}` a value")),
            );
            return None;
        }
        Some(text)
    }

    /// An optional list of texts; a single text is not accepted in its place.
    pub fn text_list(&self, name: &str, diags: &mut Diagnostics) -> Vec<(String, Span)> {
        let Some(node) = self.get(name) else {
            return Vec::new();
        };
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| text_of(item, self.what, name, diags))
                .collect(),
            _ => {
                diags.push(wrong_type(
                    node,
                    &format!("`{name}` in {}", self.what),
                    "a list of texts",
                ));
                Vec::new()
            }
        }
    }
}

/// The text of a scalar node; numbers and booleans are taken as spelled.
pub fn text_of(
    node: &Node,
    what: &str,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(String, Span)> {
    text_as(node, what, name, diags)
}

/// [`text_of`], made into any owned text type in one copy.
pub fn text_as<T: for<'s> From<&'s str>>(
    node: &Node,
    what: &str,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(T, Span)> {
    match &node.value {
        Value::Str(s) | Value::Plain(s) => Some((T::from(s), node.span)),
        Value::Null => None,
        _ => {
            diags.push(wrong_type(node, &format!("`{name}` in {what}"), "text"));
            None
        }
    }
}

pub fn wrong_type(node: &Node, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        Code::WrongType,
        format!("{what} must be {expected}, found {}", node.value.kind()),
    )
    .at(node.span, format!("expected {expected}"))
    .help(wrong_type_help(expected))
}

/// How to write a value of the `expected` shape in YAML.
fn wrong_type_help(expected: &str) -> String {
    if expected.starts_with("a list") {
        "write a list, even of one item: a `- item` line for each, indented under the key, \
         or `[first, second]` on one line"
            .to_owned()
    } else if expected == "a mapping" {
        "write `key: value` lines, indented under it".to_owned()
    } else if expected == "a whole number" {
        "write the number in digits without quotes, e.g. `3`".to_owned()
    } else if expected == "text" {
        "write the text on the line after the key; quote it (`\"[…]\"`) when it starts with \
         `[`, `{`, `-`, `&` or `*`, or join a list's items into one text"
            .to_owned()
    } else {
        format!("write {expected} here; `checksheet schema` prints every file format")
    }
}

/// Checks an ID: non-empty, no surrounding space, no line breaks or control characters.
pub fn check_id(id: &str, span: Span, what: &str, diags: &mut Diagnostics) -> bool {
    let bad = id.is_empty() || id.trim() != id || id.chars().any(|c| c.is_control());
    if bad {
        diags.push(
            Diagnostic::new(
                Code::InvalidId,
                format!("invalid {what} ID `{}`", id.escape_debug()),
            )
            .at(
                span,
                "IDs must be non-empty, without surrounding spaces or line breaks",
            )
            .help("write the ID as printed in the guideline, e.g. `II.1.1.1` or `1-1`"),
        );
    }
    !bad
}

/// Parses a `YYYY-MM-DD` calendar date.
pub fn parse_date(
    text: &str,
    span: Span,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<jiff::civil::Date> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match (well_formed, text.parse::<jiff::civil::Date>()) {
        (true, Ok(date)) => Some(date),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidDate,
                    format!("`{text}` is not a valid date for {what}"),
                )
                .at(span, "expected a real calendar date, YYYY-MM-DD")
                .help("write e.g. 2026-11-01"),
            );
            None
        }
    }
}

/// Checks an absolute http(s) URL.
pub fn check_url(text: &str, span: Span, diags: &mut Diagnostics) -> bool {
    // `https:example.jp` and `https:/example.jp` parse as `https://example.jp/`, but no
    // reader, HTML page or spreadsheet takes them for links: the `//` is required.
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && url::Url::parse(text)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if !ok {
        diags.push(
            Diagnostic::new(
                Code::InvalidUrl,
                format!("`{text}` is not an absolute http(s) URL"),
            )
            .at(span, "not a link customers can open")
            .help("write the full address, e.g. https://example.com/security"),
        );
        return false;
    }
    // White space, `<`, `>` and `"` end a link in HTML and Markdown, and a control
    // character is never one: such a link would open a shorter address than written.
    if let Some(c) = text.chars().find(|c| !crate::templates::link_char(*c)) {
        let escaped: String = c.to_string().bytes().map(|b| format!("%{b:02X}")).collect();
        diags.push(
            Diagnostic::new(
                Code::InvalidUrl,
                format!(
                    "`{}` holds {}, which cannot be part of a link",
                    text.escape_debug(),
                    crate::chars::describe(c)
                ),
            )
            .at(span, "a link cannot hold this character")
            .help(format!(
                "percent-encode it as `{escaped}` (the address the browser opens is the same)"
            )),
        );
        return false;
    }
    true
}
