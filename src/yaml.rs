//! Reading YAML into a spanned tree, with the limits that keep hostile files harmless.
//!
//! serde-saphyr parses (rejecting duplicate keys, budgeting aliases and depth); this module
//! keeps every node's span and the original spelling of plain scalars (`1.10` stays
//! `1.10`), so the loaders can check shapes themselves and report every problem at once.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Code, Diagnostic};
use crate::source::{SourceFile, SourceId, Span};

/// The limits a YAML file must stay within. Each breach is reported naming the limit.
pub mod limits {
    /// Largest YAML file read, in bytes.
    pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
    /// Deepest nesting of mappings and sequences.
    pub const MAX_DEPTH: usize = 64;
    /// Most alias uses (`*name`) in one file.
    pub const MAX_ALIASES: usize = 1_000;
    /// Most events replayed by alias expansion in one file.
    pub const MAX_REPLAYED_EVENTS: usize = 100_000;
    /// Most YAML nodes in one file.
    pub const MAX_NODES: usize = 20_000_000;
    /// Most parser events in one file (a 64 MiB file of short scalars stays below it).
    pub const MAX_EVENTS: usize = 40_000_000;
}

/// A YAML node with its place in the file.
#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

/// A map key: always text, kept as spelled.
#[derive(Clone, Debug)]
pub struct Key {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Value {
    Null,
    /// A string scalar (quoted, block or plain text).
    Str(String),
    /// A plain scalar YAML would read as a number or boolean, kept as spelled.
    Plain(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

impl Value {
    /// The YAML type as users name it, for "expected a mapping, found a list".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Str(_) => "text",
            Value::Plain(_) => "a number or boolean",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses one file. A file that is not valid YAML, or breaks a limit, or is empty, gives
/// exactly one diagnostic (the parser cannot go on past a syntax error).
pub fn parse(file: &SourceFile, source: SourceId) -> Result<Node, Box<Diagnostic>> {
    let text = file.text.as_str();
    let whole = Span::new(source, 0, 0);
    if text.len() > limits::MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::new(
                Code::Limit,
                format!(
                    "file is {} bytes, over the limit of {} bytes",
                    text.len(),
                    limits::MAX_FILE_BYTES
                ),
            )
            .at(whole, "file too large")
            .help("split the answers into several files (e.g. one per chapter)"),
        ));
    }
    if is_blank(text) {
        return Err(Box::new(
            Diagnostic::new(Code::EmptyFile, "file is empty")
                .at(whole, "no YAML content here")
                .help("write the file's content, or remove the file"),
        ));
    }
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: limits::MAX_DEPTH,
            max_aliases: limits::MAX_ALIASES,
            max_nodes: limits::MAX_NODES,
            max_events: limits::MAX_EVENTS,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits::MAX_REPLAYED_EVENTS,
        },
    };
    let raw: Spanned<RawNode> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|error| Box::new(yaml_error(file, source, &error)))?;
    let node = convert(raw, file, source);
    if matches!(node.value, Value::Null) {
        return Err(Box::new(
            Diagnostic::new(
                Code::EmptyFile,
                "file has no content (the document is null)",
            )
            .at(node.span, "empty document")
            .help("write the file's content, or remove the file"),
        ));
    }
    Ok(node)
}

fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

fn yaml_error(file: &SourceFile, source: SourceId, error: &serde_saphyr::Error) -> Diagnostic {
    let error = error.without_snippet();
    let full = error.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full.clone(),
    };
    let span = match error.location() {
        Some(location) => {
            let start = file.offset_of(location.line() as usize, location.column() as usize);
            Span::new(source, start, start)
        }
        None => Span::new(source, 0, 0),
    };
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return Diagnostic::new(Code::DuplicateKey, format!("duplicate key `{key}`"))
            .at(span, "this key appears earlier in the same mapping")
            .help("a key may appear once per mapping: merge the two entries, or rename one");
    }
    let lower = message.to_lowercase();
    if lower.contains("documents") {
        return Diagnostic::new(Code::YamlSyntax, "the file holds more than one YAML document")
            .at(span, "a second document starts here")
            .help("a checksheet file holds one YAML document: remove the `---` separator or split the file");
    }
    if lower.contains("budget")
        || lower.contains("recursion limit")
        || lower.contains("alias") && lower.contains("limit")
    {
        let limit = if lower.contains("recursion") || lower.contains("depth") {
            format!("nesting deeper than {} levels", limits::MAX_DEPTH)
        } else if lower.contains("events") && !lower.contains("replay") {
            format!("more than {} YAML events", limits::MAX_EVENTS)
        } else if lower.contains("nodes") {
            format!("more than {} YAML nodes", limits::MAX_NODES)
        } else if lower.contains("alias") || lower.contains("replay") {
            format!(
                "alias expansion beyond {} aliases or {} replayed events",
                limits::MAX_ALIASES,
                limits::MAX_REPLAYED_EVENTS
            )
        } else {
            "a parser budget".to_owned()
        };
        return Diagnostic::new(Code::Limit, format!("file exceeds the limit of {limit}"))
            .at(span, "limit reached here")
            .help(format!("checksheet refuses files this large or deep ({message}); write the content out plainly"));
    }
    let mut diagnostic =
        Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {message}")).at(span, "here");
    if lower.contains("tab") {
        diagnostic =
            diagnostic.help("YAML indents with spaces; replace the tab characters with spaces");
    } else if lower.contains("multiple documents") || lower.contains("more than one document") {
        diagnostic = diagnostic
            .help("a checksheet file holds one YAML document: remove the `---` separator");
    }
    diagnostic
}

fn span_of<T>(spanned: &Spanned<T>, source: SourceId, file: &SourceFile) -> Span {
    let location = spanned.referenced;
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => Span::new(source, start as usize, (start + len) as usize),
        _ => {
            let start = file.offset_of(location.line() as usize, location.column() as usize);
            Span::new(source, start, start)
        }
    }
}

fn convert(raw: Spanned<RawNode>, file: &SourceFile, source: SourceId) -> Node {
    let span = span_of(&raw, source, file);
    let value = match raw.value {
        RawNode::Null => Value::Null,
        RawNode::Str(text) => Value::Str(text),
        RawNode::Plain => Value::Plain(file.slice(span).trim().to_owned()),
        RawNode::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|n| convert(n, file, source))
                .collect(),
        ),
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, node)| {
                    let key_span = span_of(&key, source, file);
                    (
                        Key {
                            text: key.value,
                            span: key_span,
                        },
                        convert(node, file, source),
                    )
                })
                .collect(),
        ),
    };
    Node { span, value }
}

/// What serde-saphyr hands back before spans are tied to a source file.
enum RawNode {
    Null,
    Str(String),
    Plain,
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_bool<E>(self, _: bool) -> Result<RawNode, E> {
        Ok(RawNode::Plain)
    }
    fn visit_i64<E>(self, _: i64) -> Result<RawNode, E> {
        Ok(RawNode::Plain)
    }
    fn visit_u64<E>(self, _: u64) -> Result<RawNode, E> {
        Ok(RawNode::Plain)
    }
    fn visit_i128<E>(self, _: i128) -> Result<RawNode, E> {
        Ok(RawNode::Plain)
    }
    fn visit_u128<E>(self, _: u128) -> Result<RawNode, E> {
        Ok(RawNode::Plain)
    }
    fn visit_f64<E>(self, _: f64) -> Result<RawNode, E> {
        Ok(RawNode::Plain)
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<RawNode, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(entry) = map.next_entry::<Spanned<String>, Spanned<RawNode>>()? {
            entries.push(entry);
        }
        Ok(RawNode::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;
    use std::path::Path;

    fn parse_text(text: &str) -> Result<Node, Box<Diagnostic>> {
        let mut sources = Sources::default();
        let id = sources.add("t.yaml", Path::new("t.yaml"), text.to_owned());
        parse(sources.get(id), id)
    }

    #[test]
    fn plain_scalars_keep_their_spelling() {
        let node = parse_text("a: 1.10\nb: 007\nc: yes\n\"1.10\": x\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        let shown: Vec<_> = entries
            .iter()
            .map(|(k, v)| match &v.value {
                Value::Plain(s) | Value::Str(s) => format!("{}={}", k.text, s),
                other => format!("{}:{}", k.text, other.kind()),
            })
            .collect();
        assert_eq!(shown, ["a=1.10", "b=007", "c=yes", "1.10=x"]);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let d = parse_text("answers:\n  a: 1\n  a: 2\n").unwrap_err();
        assert_eq!(d.code, Code::DuplicateKey);
    }

    #[test]
    fn alias_bombs_and_deep_nesting_hit_limits() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(", ")
            ));
        }
        assert_eq!(parse_text(&bomb).unwrap_err().code, Code::Limit);
        let deep = format!("a: {}1{}\n", "[".repeat(500), "]".repeat(500));
        assert_eq!(parse_text(&deep).unwrap_err().code, Code::Limit);
    }

    #[test]
    fn empty_and_comment_only_files_are_refused() {
        for text in ["", "\n\n", "# only a comment\n", "---\n"] {
            assert_eq!(
                parse_text(text).unwrap_err().code,
                Code::EmptyFile,
                "{text:?}"
            );
        }
    }
}
