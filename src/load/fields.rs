//! Reading the fields of a YAML mapping against a file format ([`crate::formats`]):
//! unknown fields, missing fields and wrong types become diagnostics, collected rather
//! than thrown.

use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::formats::Object;
use crate::i18n::Message;
use crate::model::Text;
use crate::msg;
use crate::source::Span;
use crate::yaml::{Key, Node, Value};

/// The fields of one mapping, checked against its format.
pub struct Fields<'a> {
    entries: Vec<(&'a Key<'a>, &'a Node<'a>)>,
    span: Span,
    what: Message,
    format: &'static Object,
}

impl<'a> Fields<'a> {
    /// Checks that `node` is a mapping of `format`: unknown keys are reported (with the
    /// closest field name) and skipped, and the format's required fields that are not
    /// there are reported missing.
    pub fn new(
        node: &'a Node<'a>,
        what: Message,
        format: &'static Object,
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let Value::Map(entries) = &node.value else {
            diags.push(wrong_type(node, what, msg!("expected-mapping")));
            return None;
        };
        let mut kept = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if format.field(&key.text).is_some() {
                kept.push((key, value));
            } else {
                let allowed: Vec<&str> = format.names().collect();
                let mut d = Diagnostic::new(
                    Code::UnknownField,
                    msg!("unknown-field", field = &key.text, what = what.clone()),
                )
                .at(key.span, msg!("label-not-a-field"));
                d = match did_you_mean(&key.text, allowed.iter().copied()) {
                    Some(name) => {
                        let suggestion = crate::diag::did_you_mean_help(&key.text, name);
                        let folded = if suggestion.id() == "help-did-you-mean" {
                            "no"
                        } else {
                            "yes"
                        };
                        d.help(msg!(
                            "help-did-you-mean-fields",
                            suggestion = suggestion,
                            folded = folded,
                            fields = allowed.join(", ")
                        ))
                    }
                    None => d.help(msg!("help-allowed-fields", fields = allowed.join(", "))),
                };
                diags.push(d);
            }
        }
        let fields = Fields {
            entries: kept,
            span: node.span,
            what,
            format,
        };
        for field in format.fields.iter().filter(|f| f.required) {
            if fields.get(field.name).is_none() {
                diags.push(fields.missing(field.name));
            }
        }
        Some(fields)
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

    /// A field that must be there. A field the format requires was reported missing by
    /// [`Fields::new`]; one required only here (by another field's value) is reported now.
    pub fn require(&self, name: &str, diags: &mut Diagnostics) -> Option<&'a Node<'a>> {
        let node = self.get(name);
        if node.is_none() && !self.format.is_required(name) {
            diags.push(self.missing(name));
        }
        node
    }

    /// "`name` is missing in `what`", at the start of the mapping.
    fn missing(&self, name: &str) -> Diagnostic {
        Diagnostic::new(
            Code::MissingField,
            msg!("missing-field", field = name, what = self.what.clone()),
        )
        .at(
            Span::new(self.span.source, self.span.start, self.span.start),
            msg!("label-starts-here", what = self.what.clone()),
        )
        .help(msg!("missing-field-help", field = name))
    }

    /// An optional text field (null counts as absent).
    pub fn text(&self, name: &str, diags: &mut Diagnostics) -> Option<(String, Span)> {
        self.get(name)
            .and_then(|node| text_of(node, &self.what, name, diags))
    }

    /// An optional long text field, made shareable ([`Text`]) as it is read.
    pub fn shared_text(&self, name: &str, diags: &mut Diagnostics) -> Option<Text> {
        self.get(name)
            .and_then(|node| text_as(node, &self.what, name, diags))
            .map(|(text, _)| text)
    }

    /// A required text field.
    pub fn required_text(&self, name: &str, diags: &mut Diagnostics) -> Option<(String, Span)> {
        let node = self.require(name, diags)?;
        // `name:` with no value is as empty as `name: ""`, not absent.
        let text = match node.value {
            Value::Null => (String::new(), node.span),
            _ => text_of(node, &self.what, name, diags)?,
        };
        if text.0.trim().is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    msg!("field-empty", field = name, what = self.what.clone()),
                )
                .at(node.span, msg!("label-empty"))
                .help(msg!("field-empty-help", field = name)),
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
                .filter_map(|item| text_of(item, &self.what, name, diags))
                .collect(),
            _ => {
                diags.push(wrong_type(
                    node,
                    msg!("what-key-in", key = name, what = self.what.clone()),
                    msg!("expected-list-of-texts"),
                ));
                Vec::new()
            }
        }
    }
}

/// The text of a scalar node; numbers and booleans are taken as spelled.
pub fn text_of(
    node: &Node,
    what: &Message,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(String, Span)> {
    text_as(node, what, name, diags)
}

/// [`text_of`], made into any owned text type in one copy.
pub fn text_as<T: for<'s> From<&'s str>>(
    node: &Node,
    what: &Message,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(T, Span)> {
    match &node.value {
        Value::Str(s) | Value::Plain(s) => Some((T::from(s), node.span)),
        Value::Null => None,
        _ => {
            diags.push(wrong_type(
                node,
                msg!("what-key-in", key = name, what = what.clone()),
                msg!("expected-text"),
            ));
            None
        }
    }
}

/// "`what` must be `expected`": `what` a `what-…` message (the thing read), `expected` an
/// `expected-…` one (the YAML shape it must have).
pub fn wrong_type(node: &Node, what: Message, expected: Message) -> Diagnostic {
    let help = wrong_type_help(&expected);
    Diagnostic::new(
        Code::WrongType,
        msg!(
            "wrong-type",
            what = what,
            expected = expected.clone(),
            found = msg!("yaml-kind", kind = node.value.kind_key())
        ),
    )
    .at(node.span, msg!("label-expected", expected = expected))
    .help(help)
}

fn wrong_type_help(expected: &Message) -> Message {
    match expected.id() {
        id if id.starts_with("expected-list") => msg!("wrong-type-list-help"),
        "expected-mapping" => msg!("wrong-type-mapping-help"),
        "expected-whole-number" => msg!("wrong-type-number-help"),
        "expected-text" => msg!("wrong-type-text-help"),
        _ => msg!("wrong-type-help", expected = expected.clone()),
    }
}

/// Checks an ID: non-empty, no surrounding space, no line breaks, control, bidirectional or
/// zero-width characters (an ID is compared as written; one such character makes another
/// ID that looks the same).
pub fn check_id(id: &str, span: Span, what: Message, diags: &mut Diagnostics) -> bool {
    let bad = id.is_empty()
        || id.trim() != id
        || id
            .chars()
            .any(|c| c.is_control() || crate::chars::is_hidden_control(c));
    if bad {
        diags.push(
            Diagnostic::new(
                Code::InvalidId,
                msg!(
                    "invalid-id",
                    what = what,
                    id = id.escape_debug().to_string()
                ),
            )
            .at(span, msg!("label-invalid-id"))
            .help(msg!("invalid-id-help")),
        );
    }
    !bad
}

/// Parses a `YYYY-MM-DD` calendar date.
pub fn parse_date(
    text: &str,
    span: Span,
    what: Message,
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
                    msg!("invalid-date", text = text, what = what),
                )
                .at(span, msg!("label-expected-date"))
                .help(msg!("invalid-date-help")),
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
            Diagnostic::new(Code::InvalidUrl, msg!("invalid-url", text = text))
                .at(span, msg!("label-not-a-link"))
                .help(msg!("invalid-url-help")),
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
                msg!(
                    "url-bad-char",
                    text = text.escape_debug().to_string(),
                    char = crate::chars::describe(c)
                ),
            )
            .at(span, msg!("label-url-bad-char"))
            .help(msg!("url-bad-char-help", escaped = escaped)),
        );
        return false;
    }
    true
}
