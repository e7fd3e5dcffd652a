//! Reading YAML into a spanned tree, with the limits that keep hostile files harmless.
//!
//! granit-parser (the YAML 1.2 parser underneath serde-saphyr) turns the text into events
//! with byte spans; this module builds them into a [`Node`] tree in one pass, without
//! recursion. Plain scalars keep their spelling (`1.10` stays `1.10`). Duplicate keys, alias
//! bombs, deep nesting and oversized files are refused here, each naming the limit, so the
//! loaders only ever see a tree that is safe to walk.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError, Tag};

use crate::diag::{Code, Diagnostic};
use crate::source::{SourceFile, SourceId, Sources, Span};

/// The limits a YAML file must stay within. Each breach is reported naming the limit.
pub mod limits {
    /// Largest YAML file read, in bytes.
    pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
    /// Deepest nesting of mappings and sequences.
    pub const MAX_DEPTH: usize = 64;
    /// Most alias uses (`*name`) in one file.
    pub const MAX_ALIASES: usize = 1_000;
    /// Most nodes copied by alias expansion in one file.
    pub const MAX_REPLAYED_EVENTS: usize = 100_000;
    /// Most YAML nodes in one file.
    pub const MAX_NODES: usize = 20_000_000;
    /// Most parser events in one file (a 64 MiB file of short scalars stays below it).
    pub const MAX_EVENTS: usize = 40_000_000;
}

/// A YAML node with its place in the file. Its text borrows from the file wherever the
/// file spells it out as is (most scalars), so a tree costs little beyond its shape.
#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

/// A map key: always text, kept as spelled.
#[derive(Clone, Debug)]
pub struct Key<'a> {
    pub text: Cow<'a, str>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Value<'a> {
    Null,
    /// A string scalar (quoted, block or plain text).
    Str(Cow<'a, str>),
    /// A plain scalar YAML would read as a number or boolean, kept as spelled.
    Plain(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Key<'a>, Node<'a>)>),
}

impl Node<'_> {
    /// The same tree owning its text, for keeping beyond the life of the file's text.
    pub fn into_owned(self) -> Node<'static> {
        Node {
            span: self.span,
            value: match self.value {
                Value::Null => Value::Null,
                Value::Str(text) => Value::Str(Cow::Owned(text.into_owned())),
                Value::Plain(text) => Value::Plain(Cow::Owned(text.into_owned())),
                Value::Seq(items) => Value::Seq(items.into_iter().map(Node::into_owned).collect()),
                Value::Map(entries) => Value::Map(
                    entries
                        .into_iter()
                        .map(|(key, value)| {
                            let key = Key {
                                text: Cow::Owned(key.text.into_owned()),
                                span: key.span,
                            };
                            (key, value.into_owned())
                        })
                        .collect(),
                ),
            },
        }
    }
}

impl<'a> Node<'a> {
    /// Takes the value of `key` out of a mapping, leaving null in its place, so that a
    /// loader can consume a large part of a tree and free it as it goes.
    pub fn take(&mut self, key: &str) -> Option<Node<'a>> {
        let Value::Map(entries) = &mut self.value else {
            return None;
        };
        let (_, node) = entries.iter_mut().find(|(k, _)| k.text == key)?;
        let span = node.span;
        Some(std::mem::replace(
            node,
            Node {
                span,
                value: Value::Null,
            },
        ))
    }
}

impl Value<'_> {
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
pub fn parse(file: &SourceFile, source: SourceId) -> Result<Node<'_>, Box<Diagnostic>> {
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
    // YAML takes a lone carriage return for a line break; editors, terminals and `git diff`
    // show what follows it on the same line (after a comment, it would look commented out).
    let bytes = text.as_bytes();
    if let Some(at) = memchr::memchr_iter(b'\r', bytes).find(|&i| bytes.get(i + 1) != Some(&b'\n'))
    {
        return Err(Box::new(
            Diagnostic::new(
                Code::LookAlike,
                "a carriage return (U+000D) without a line feed after it: YAML reads a line break here, but editors and `git diff` show what follows on the same line",
            )
            .at(Span::new(source, at, at + 1), "hidden line break")
            .help("save the file with LF (or CRLF) line endings, and check the lines around it"),
        ));
    }
    let node = TreeBuilder::new(file, source).build()?;
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

/// Below this many bytes in all, files are parsed on one thread (starting threads costs more).
const PARALLEL_FROM_BYTES: usize = 256 * 1024;

/// Parses several files, on every core when they are large enough to gain from it. The
/// results come back in the order of `ids`, so reports do not depend on scheduling.
pub fn parse_many<'a>(
    sources: &'a Sources,
    ids: &[SourceId],
) -> Vec<Result<Node<'a>, Box<Diagnostic>>> {
    crate::parallel::map_in_order(
        ids,
        |&id| sources.get(id).text.len(),
        PARALLEL_FROM_BYTES,
        |&id| parse(sources.get(id), id),
    )
}

fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// A mapping with more entries than this checks duplicate keys through a hash set.
const LINEAR_KEY_SCAN: usize = 16;

/// A collection being filled, innermost last on the builder's stack. A collection's span is
/// where it opens (empty for block collections), so reports about it show one line. Its
/// items wait on the builder's shared stacks from index `first` on, and move into a vector
/// of their exact size when it closes (most mappings hold two or three entries).
enum Frame<'a> {
    Seq {
        start: Span,
        anchor: usize,
        first: usize,
        nodes: usize,
    },
    Map {
        start: Span,
        anchor: usize,
        first: usize,
        nodes: usize,
        /// The key read, waiting for its value.
        key: Option<PendingKey<'a>>,
        /// Values of `<<` merge keys, applied when the mapping ends.
        merges: Vec<Node<'a>>,
        /// Keys seen, once the mapping outgrows a linear scan.
        seen: Option<HashSet<Cow<'a, str>>>,
    },
}

struct PendingKey<'a> {
    key: Key<'a>,
    merge: bool,
}

/// A finished node and how many nodes it holds (itself included), for the alias budget.
struct Built<'a> {
    node: Node<'a>,
    nodes: usize,
    anchor: usize,
}

/// Builds the tree from parser events, enforcing every limit as it goes.
struct TreeBuilder<'a> {
    file: &'a SourceFile,
    source: SourceId,
    stack: Vec<Frame<'a>>,
    /// Items of the open sequences, innermost last.
    items: Vec<Node<'a>>,
    /// Entries of the open mappings, innermost last.
    entries: Vec<(Key<'a>, Node<'a>)>,
    anchors: HashMap<usize, (Node<'a>, usize)>,
    aliases: usize,
    replayed: usize,
    nodes: usize,
    events: usize,
    documents: usize,
    root: Option<Node<'a>>,
}

impl<'a> TreeBuilder<'a> {
    fn new(file: &'a SourceFile, source: SourceId) -> Self {
        TreeBuilder {
            file,
            source,
            stack: Vec::new(),
            items: Vec::new(),
            entries: Vec::new(),
            anchors: HashMap::new(),
            aliases: 0,
            replayed: 0,
            nodes: 0,
            events: 0,
            documents: 0,
            root: None,
        }
    }

    fn build(mut self) -> Result<Node<'a>, Box<Diagnostic>> {
        let options = granit_parser::options! {
            emit_comments: false,
            flow_nesting_limit: limits::MAX_DEPTH + 1,
            block_nesting_limit: limits::MAX_DEPTH + 1,
        };
        let text = self.file.text.as_str();
        for item in Parser::new_from_str_with_options(text, options) {
            let (event, span) = item.map_err(|error| self.scan_error(&error))?;
            self.events += 1;
            if self.events > limits::MAX_EVENTS {
                return Err(self.limit(
                    span.start.byte_offset().unwrap_or(0),
                    format!("more than {} YAML events", limits::MAX_EVENTS),
                ));
            }
            let start = span.start.byte_offset().unwrap_or(0);
            let end = span.end.byte_offset().unwrap_or(start).max(start);
            match event {
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(Box::new(
                            Diagnostic::new(
                                Code::YamlSyntax,
                                "the file holds more than one YAML document",
                            )
                            .at(self.span(start, end), "a second document starts here")
                            .help(
                                "a checksheet file holds one YAML document: remove the `---` \
                             separator or split the file",
                            ),
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    self.scalar(value, style, anchor, tag.as_deref(), start, end)?;
                }
                Event::SequenceStart(_, anchor, _) => {
                    self.open(start, end)?;
                    self.stack.push(Frame::Seq {
                        start: self.span(start, end),
                        anchor,
                        first: self.items.len(),
                        nodes: 0,
                    });
                }
                Event::MappingStart(_, anchor, _) => {
                    self.open(start, end)?;
                    self.stack.push(Frame::Map {
                        start: self.span(start, end),
                        anchor,
                        first: self.entries.len(),
                        nodes: 0,
                        key: None,
                        merges: Vec::new(),
                        seen: None,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(end)?,
                Event::Alias(id) => self.alias(id, start, end)?,
                _ => {}
            }
        }
        let end = self.file.text.len();
        Ok(match self.root.take() {
            Some(root) => root,
            None => self.null_at(end),
        })
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.source, start, end)
    }

    fn null_at(&self, offset: usize) -> Node<'a> {
        Node {
            span: self.span(offset, offset),
            value: Value::Null,
        }
    }

    fn limit(&self, offset: usize, what: String) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::new(Code::Limit, format!("file exceeds the limit of {what}"))
                .at(self.span(offset, offset), "limit reached here")
                .help("checksheet refuses files this large or deep; write the content out plainly"),
        )
    }

    fn count_nodes(&mut self, added: usize, offset: usize) -> Result<(), Box<Diagnostic>> {
        self.nodes += added;
        if self.nodes > limits::MAX_NODES {
            return Err(self.limit(
                offset,
                format!("more than {} YAML nodes", limits::MAX_NODES),
            ));
        }
        Ok(())
    }

    /// Checks a collection may open here: the depth limit, and that it is not a map key.
    fn open(&mut self, start: usize, end: usize) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() >= limits::MAX_DEPTH {
            return Err(self.limit(
                start,
                format!("nesting deeper than {} levels", limits::MAX_DEPTH),
            ));
        }
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(self.complex_key(start, end));
        }
        Ok(())
    }

    fn complex_key(&self, start: usize, end: usize) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::new(Code::YamlSyntax, "a mapping key is a list or a mapping")
                .at(self.span(start, end), "this key is not text")
                .help("checksheet keys are text, such as a control ID or a field name"),
        )
    }

    fn scalar(
        &mut self,
        value: Cow<'a, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        start: usize,
        end: usize,
    ) -> Result<(), Box<Diagnostic>> {
        self.count_nodes(1, start)?;
        let plain = style == ScalarStyle::Plain;
        let forced_text = tag.is_some_and(|t| t.is_yaml_core_schema_tag("str"));
        if let Some(Frame::Map {
            key: slot @ None, ..
        }) = self.stack.last_mut()
        {
            let key = Key {
                text: value,
                span: Span::new(self.source, start, end),
            };
            let merge = plain && !forced_text && key.text == "<<";
            let node = Node {
                span: key.span,
                value: Value::Str(key.text.clone()),
            };
            *slot = Some(PendingKey { key, merge });
            if anchor != 0 {
                self.anchors.insert(anchor, (node, 1));
            }
            return Ok(());
        }
        let value = if !plain || forced_text {
            Value::Str(value)
        } else {
            match resolve_plain(&value) {
                PlainKind::Null => Value::Null,
                PlainKind::Other => Value::Plain(value),
                PlainKind::Text => Value::Str(value),
            }
        };
        let node = Node {
            span: self.span(start, end),
            value,
        };
        self.finish(Built {
            node,
            nodes: 1,
            anchor,
        })
    }

    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<(), Box<Diagnostic>> {
        self.aliases += 1;
        if self.aliases > limits::MAX_ALIASES {
            return Err(self.limit(start, format!("more than {} aliases", limits::MAX_ALIASES)));
        }
        let Some((node, nodes)) = self.anchors.get(&id) else {
            return Err(Box::new(
                Diagnostic::new(Code::YamlSyntax, "alias to an unknown anchor")
                    .at(self.span(start, end), "no anchor of this name before here"),
            ));
        };
        let (mut node, nodes) = (node.clone(), *nodes);
        // Reports about the copy point at the alias; its parts keep the anchor's spans.
        node.span = self.span(start, end);
        self.replayed += nodes;
        if self.replayed > limits::MAX_REPLAYED_EVENTS {
            return Err(self.limit(
                start,
                format!(
                    "alias expansion beyond {} copied nodes",
                    limits::MAX_REPLAYED_EVENTS
                ),
            ));
        }
        self.count_nodes(nodes, start)?;
        if let Some(Frame::Map {
            key: slot @ None, ..
        }) = self.stack.last_mut()
        {
            let text = match node.value {
                Value::Str(text) | Value::Plain(text) => text,
                Value::Null => Cow::Borrowed(""),
                Value::Seq(_) | Value::Map(_) => return Err(self.complex_key(start, end)),
            };
            *slot = Some(PendingKey {
                key: Key {
                    text,
                    span: Span::new(self.source, start, end),
                },
                merge: false,
            });
            return Ok(());
        }
        self.finish(Built {
            node,
            nodes,
            anchor: 0,
        })
    }

    fn close(&mut self, end: usize) -> Result<(), Box<Diagnostic>> {
        let built = match self.stack.pop() {
            Some(Frame::Seq {
                start,
                anchor,
                first,
                nodes,
            }) => Built {
                node: Node {
                    span: start,
                    value: Value::Seq(self.items.drain(first..).collect()),
                },
                nodes: nodes + 1,
                anchor,
            },
            Some(Frame::Map {
                start,
                anchor,
                first,
                nodes,
                merges,
                ..
            }) => {
                let mut entries: Vec<_> = self.entries.drain(first..).collect();
                if !merges.is_empty() {
                    self.merge(&mut entries, merges)?;
                }
                Built {
                    node: Node {
                        span: start,
                        value: Value::Map(entries),
                    },
                    nodes: nodes + 1,
                    anchor,
                }
            }
            None => return Ok(()),
        };
        self.count_nodes(1, end)?;
        self.finish(built)
    }

    /// Applies `<<` merge keys: entries of the merged mappings that the mapping does not
    /// already have, earlier merges first.
    fn merge(
        &self,
        entries: &mut Vec<(Key<'a>, Node<'a>)>,
        merges: Vec<Node<'a>>,
    ) -> Result<(), Box<Diagnostic>> {
        let mut present: HashSet<Cow<'a, str>> =
            entries.iter().map(|(k, _)| k.text.clone()).collect();
        for merged in merges {
            let sources = match merged.value {
                Value::Map(_) => vec![merged],
                Value::Seq(items) if items.iter().all(|i| matches!(i.value, Value::Map(_))) => {
                    items
                }
                _ => {
                    return Err(Box::new(
                        Diagnostic::new(
                            Code::YamlSyntax,
                            "a merge key `<<` must hold a mapping or a list of mappings",
                        )
                        .at(merged.span, "not a mapping")
                        .help("write `<<: *anchor` where the anchor names a mapping"),
                    ));
                }
            };
            for source in sources {
                if let Value::Map(merged_entries) = source.value {
                    for (key, value) in merged_entries {
                        if present.insert(key.text.clone()) {
                            entries.push((key, value));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Hands a finished node to its parent (or makes it the root).
    fn finish(&mut self, built: Built<'a>) -> Result<(), Box<Diagnostic>> {
        if built.anchor != 0 {
            self.anchors
                .insert(built.anchor, (built.node.clone(), built.nodes));
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some(built.node);
                Ok(())
            }
            Some(Frame::Seq { nodes, .. }) => {
                *nodes += built.nodes;
                self.items.push(built.node);
                Ok(())
            }
            Some(Frame::Map {
                first,
                nodes,
                key,
                merges,
                seen,
                ..
            }) => {
                let Some(PendingKey { key, merge }) = key.take() else {
                    // Keys are taken by `scalar` and `alias`; collections as keys are refused.
                    return Ok(());
                };
                *nodes += built.nodes + 1;
                if merge {
                    merges.push(built.node);
                    return Ok(());
                }
                let earlier = match seen {
                    Some(set) => {
                        if set.contains(&key.text) {
                            self.entries[*first..]
                                .iter()
                                .find(|(k, _)| k.text == key.text)
                        } else {
                            set.insert(key.text.clone());
                            None
                        }
                    }
                    None => {
                        let found = self.entries[*first..]
                            .iter()
                            .find(|(k, _)| k.text == key.text);
                        if found.is_none() && self.entries.len() - *first >= LINEAR_KEY_SCAN {
                            let mut set: HashSet<Cow<'a, str>> = self.entries[*first..]
                                .iter()
                                .map(|(k, _)| k.text.clone())
                                .collect();
                            set.insert(key.text.clone());
                            *seen = Some(set);
                        }
                        found
                    }
                };
                if let Some((first_written, _)) = earlier {
                    return Err(Box::new(Diagnostic::new(
                        Code::DuplicateKey,
                        format!("duplicate key `{}`", key.text),
                    )
                    .at(key.span, "this key appears earlier in the same mapping")
                    .also(first_written.span, "first written here")
                    .help(
                        "a key may appear once per mapping: merge the two entries, or rename one",
                    )));
                }
                self.entries.push((key, built.node));
                Ok(())
            }
        }
    }

    /// A parse error on a line that holds a look-alike or invisible character where YAML
    /// reads structure (see [`crate::chars::structural_look_alike`]): the character named,
    /// pointed at, and what to type instead. The error's line is looked at first, then the
    /// lines above it back to the previous blank line (the parser often stops one key after
    /// the line it could not read).
    fn look_alike_error(&self, offset: usize, parser_said: &str) -> Option<Box<Diagnostic>> {
        let text = &self.file.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        for _ in 0..4 {
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            let line = &text[line_start..line_end];
            // A byte-order mark opening the file is no part of its text.
            let skip = if line_start == 0 && line.starts_with('\u{feff}') {
                3
            } else {
                0
            };
            if let Some((at, c)) = crate::chars::structural_look_alike(&line[skip..]) {
                let start = line_start + skip + at;
                let name = crate::chars::look_alike(c)?;
                let expected = match name.instead {
                    " " => "where YAML expects a space",
                    ":" => "where YAML expects a key's `:`",
                    "-" => "where YAML expects a list item's `-`",
                    "#" => "where YAML expects a comment's `#`",
                    "~" => "where YAML expects `~`",
                    _ => "that is invisible and that YAML does not read as white space",
                };
                let help = match name.instead {
                    "" => format!(
                        "delete the invisible {} (U+{:04X}) — it has no width, so select the \
                         text around it and retype it",
                        name.english, c as u32
                    ),
                    typed => format!(
                        "type a half-width `{typed}` (半角) instead of the {} (U+{:04X}){}",
                        name.english,
                        c as u32,
                        if typed == ":" {
                            ", followed by a space"
                        } else {
                            ""
                        }
                    ),
                };
                return Some(Box::new(
                    Diagnostic::new(
                        Code::LookAlike,
                        format!(
                            "invalid YAML: line {} holds {} {expected} (the parser said: \
                             {parser_said})",
                            self.file.line_col(start).line,
                            crate::chars::describe(c),
                        ),
                    )
                    .at(
                        self.span(start, start + c.len_utf8()),
                        format!("{} (U+{:04X}) / {}", name.english, c as u32, name.japanese),
                    )
                    .help(help),
                ));
            }
            if line_start == 0 || (line.trim().is_empty() && line_start < offset) {
                return None;
            }
            line_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        }
        None
    }

    /// The tab the parser complains about: it reports the place after the tab, the next
    /// token, or the end of the line before. The last tab before `offset` on its line, else
    /// the first tab after it on that line or the next.
    fn tab_at(&self, offset: usize) -> Option<Span> {
        let text = &self.file.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let next_end = text
            .get(line_end + 1..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| line_end + 1 + i);
        let tab = text[line_start..offset]
            .rfind('\t')
            .map(|i| line_start + i)
            .or_else(|| text[offset..next_end].find('\t').map(|i| offset + i))?;
        Some(self.span(tab, tab + 1))
    }

    fn scan_error(&self, error: &ScanError) -> Box<Diagnostic> {
        let marker = error.marker();
        let offset = marker
            .byte_offset()
            .unwrap_or_else(|| self.file.offset_of(marker.line(), marker.col() + 1));
        let span = self.span(offset, offset);
        let message = error.info();
        match error.kind() {
            ErrorKind::RecursionLimitExceeded => self.limit(
                offset,
                format!("nesting deeper than {} levels", limits::MAX_DEPTH),
            ),
            ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabInIndentation
            | ErrorKind::TabAtBlockScalarStart => Box::new(
                Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {message}"))
                    .at(self.tab_at(offset).unwrap_or(span), "tab here")
                    .help("YAML indents with spaces; replace the tab characters with spaces"),
            ),
            _ if message.contains("found a tab") && self.tab_at(offset).is_some() => Box::new(
                Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {message}"))
                    .at(self.tab_at(offset).unwrap_or(span), "tab here")
                    .help("YAML indents with spaces; replace the tab characters with spaces"),
            ),
            ErrorKind::UnknownAnchor => Box::new(
                Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {message}"))
                    .at(span, "here")
                    .help("define the anchor (`&name`) before the alias (`*name`) that uses it"),
            ),
            _ => self.look_alike_error(offset, &message).unwrap_or_else(|| {
                Box::new(
                    Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {message}"))
                        .at(span, "here")
                        .help(
                            "check the quotes, brackets and indentation on and above this line; \
                         text containing `: ` or ` #` needs quotes",
                        ),
                )
            }),
        }
    }
}

enum PlainKind {
    Null,
    /// A number or boolean under the YAML 1.2 core schema.
    Other,
    Text,
}

/// Resolves a plain scalar by the YAML 1.2 core schema (so `yes` and `no` are text).
fn resolve_plain(text: &str) -> PlainKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return PlainKind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return PlainKind::Other,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return PlainKind::Other,
        _ => {}
    }
    let bytes = text.as_bytes();
    if let Some(rest) = text.strip_prefix("0x") {
        return kind_if(!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    if let Some(rest) = text.strip_prefix("0o") {
        return kind_if(!rest.is_empty() && rest.bytes().all(|b| (b'0'..=b'7').contains(&b)));
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let from = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let whole = digits(&mut i);
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let fraction = digits(&mut i);
        if whole == 0 && fraction == 0 {
            return PlainKind::Text;
        }
    } else if whole == 0 {
        return PlainKind::Text;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return PlainKind::Text;
        }
    }
    kind_if(i == bytes.len())
}

fn kind_if(number: bool) -> PlainKind {
    if number {
        PlainKind::Other
    } else {
        PlainKind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse_text(text: &str) -> Result<Node<'static>, Box<Diagnostic>> {
        let mut sources = Sources::default();
        let id = sources.add("t.yaml", Path::new("t.yaml"), text.to_owned());
        parse(sources.get(id), id).map(Node::into_owned)
    }

    fn shown(node: &Node) -> String {
        match &node.value {
            Value::Null => "~".to_owned(),
            Value::Str(s) => format!("{s:?}"),
            Value::Plain(s) => format!("#{s}"),
            Value::Seq(items) => {
                format!(
                    "[{}]",
                    items.iter().map(shown).collect::<Vec<_>>().join(", ")
                )
            }
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.text, shown(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    #[test]
    fn plain_scalars_keep_their_spelling() {
        let node =
            parse_text("a: 1.10\nb: 007\nc: yes\n\"1.10\": x\nd: ~\ne: 1e3\nf: 1.2.3\n").unwrap();
        assert_eq!(
            shown(&node),
            r#"{a: #1.10, b: #007, c: "yes", 1.10: "x", d: ~, e: #1e3, f: "1.2.3"}"#
        );
    }

    #[test]
    fn core_schema_resolution() {
        for (text, expected) in [
            ("true", "#true"),
            ("False", "#False"),
            ("-12", "#-12"),
            ("+.5", "#+.5"),
            ("1.", "#1."),
            (".", "\".\""),
            ("0x1F", "#0x1F"),
            ("0o17", "#0o17"),
            ("0o8", "\"0o8\""),
            ("-.inf", "#-.inf"),
            ("1e", "\"1e\""),
            ("A.1", "\"A.1\""),
            ("no", "\"no\""),
            ("!!str 12", "\"12\""),
            ("'12'", "\"12\""),
        ] {
            let node = parse_text(&format!("k: {text}\n")).unwrap();
            assert_eq!(shown(&node), format!("{{k: {expected}}}"), "{text}");
        }
    }

    #[test]
    fn spans_point_at_the_source() {
        let mut sources = Sources::default();
        let text = "a:\n  b: \"x y\"\n  c: |\n    line\n";
        let id = sources.add("t.yaml", Path::new("t.yaml"), text.to_owned());
        let file = sources.get(id);
        let node = parse(file, id).unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let Value::Map(inner) = &entries[0].1.value else {
            panic!()
        };
        assert_eq!(file.slice(entries[0].0.span), "a");
        assert_eq!(file.slice(inner[0].0.span), "b");
        assert_eq!(file.slice(inner[0].1.span), "\"x y\"");
        assert!(file.slice(inner[1].1.span).contains("line"));
    }

    #[test]
    fn duplicate_keys_are_refused_in_small_and_large_mappings() {
        let d = parse_text("answers:\n  a: 1\n  a: 2\n").unwrap_err();
        assert_eq!(d.code, Code::DuplicateKey);
        assert_eq!(d.secondary.len(), 1);
        let mut big: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        big.push_str("k57: again\n");
        let d = parse_text(&big).unwrap_err();
        assert_eq!(d.code, Code::DuplicateKey);
        assert!(d.message.contains("k57"), "{}", d.message);
        // Quoted and plain spellings of one ID are the same key.
        let d = parse_text("\"1\": a\n1: b\n").unwrap_err();
        assert_eq!(d.code, Code::DuplicateKey);
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let node = parse_text(
            "base: &b {status: implemented, answer: x}\nc1:\n  <<: *b\n  answer: y\nc2: *b\nl: [&s one, *s]\n",
        )
        .unwrap();
        assert_eq!(
            shown(&node),
            r#"{base: {status: "implemented", answer: "x"}, c1: {answer: "y", status: "implemented"}, c2: {status: "implemented", answer: "x"}, l: ["one", "one"]}"#
        );
        let d = parse_text("a: *nowhere\n").unwrap_err();
        assert_eq!(d.code, Code::YamlSyntax);
        let d = parse_text("a: 1\n<<: x\n").unwrap_err();
        assert!(d.message.contains("merge key"), "{}", d.message);
    }

    #[test]
    fn complex_keys_are_refused() {
        for text in ["[a, b]: c\n", "? {a: 1}\n: c\n", "x: &k [1]\n*k : 2\n"] {
            let d = parse_text(text).unwrap_err();
            assert_eq!(d.code, Code::YamlSyntax, "{text}");
        }
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
        let mut block = String::new();
        for depth in 0..100 {
            block.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
        }
        assert_eq!(parse_text(&block).unwrap_err().code, Code::Limit);
        let many: String = (0..1001).map(|i| format!("a{i}: *x\n")).collect();
        let d = parse_text(&format!("x: &x 1\n{many}")).unwrap_err();
        assert_eq!(d.code, Code::Limit);
    }

    /// Whether serde-saphyr, reading the same text on its own, sees the same data.
    fn same_as_serde_saphyr(node: &Node, other: &serde_json::Value) -> bool {
        use serde_json::Value as J;
        match (&node.value, other) {
            (Value::Null, J::Null) => true,
            (Value::Str(a), J::String(b)) => a == b,
            (Value::Plain(_), J::Number(_) | J::Bool(_)) => true,
            (Value::Seq(a), J::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_as_serde_saphyr(x, y))
            }
            (Value::Map(a), J::Object(b)) => {
                a.len() == b.len()
                    && a.iter().all(|(k, v)| {
                        b.get(&*k.text)
                            .is_some_and(|other| same_as_serde_saphyr(v, other))
                    })
            }
            _ => false,
        }
    }

    #[test]
    fn agrees_with_serde_saphyr_on_every_repository_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pending: Vec<_> = [
            "checksheet.yaml",
            "answers",
            "controls",
            "templates",
            "examples",
            "tests/fixtures",
        ]
        .iter()
        .map(|p| root.join(p))
        .collect();
        let (mut compared, mut refused) = (0, 0);
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let ours = parse_text(&text);
            let theirs: Result<serde_json::Value, _> = serde_saphyr::from_str(&text);
            match (ours, theirs) {
                (Ok(ours), Ok(theirs)) => {
                    assert!(
                        same_as_serde_saphyr(&ours, &theirs),
                        "{} reads differently",
                        path.display()
                    );
                    compared += 1;
                }
                (Err(_), Err(_)) => refused += 1,
                (Err(d), Ok(_)) if d.code == Code::EmptyFile => refused += 1,
                (ours, theirs) => panic!(
                    "{}: checksheet {:?}, serde-saphyr {:?}",
                    path.display(),
                    ours.err().map(|d| d.message),
                    theirs.err().map(|e| e.to_string())
                ),
            }
        }
        assert!(
            compared > 50 && refused > 0,
            "{compared} compared, {refused} refused"
        );
    }

    #[test]
    fn parse_many_keeps_the_order_of_its_inputs() {
        let mut sources = Sources::default();
        let ids: Vec<_> = (0..6)
            .map(|i| {
                // Sizes vary so the largest-first schedule differs from the input order.
                let body: String = (0..(i * 7919 % 5 + 1) * 20_000)
                    .map(|k| format!("k{k}: v{i}\n"))
                    .collect();
                sources.add(format!("{i}.yaml"), Path::new("x"), body)
            })
            .collect();
        let parsed = parse_many(&sources, &ids);
        for (i, node) in parsed.into_iter().enumerate() {
            let node = node.unwrap();
            assert_eq!(node.span.source, ids[i]);
            let Value::Map(entries) = node.value else {
                panic!()
            };
            assert!(matches!(&entries[0].1.value, Value::Str(s) if *s == format!("v{i}")));
        }
    }

    #[test]
    fn second_documents_are_refused() {
        let d = parse_text("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(d.message.contains("more than one"), "{}", d.message);
    }

    #[test]
    fn empty_and_comment_only_files_are_refused() {
        for text in ["", "\n\n", "# only a comment\n", "---\n", "~\n"] {
            assert_eq!(
                parse_text(text).unwrap_err().code,
                Code::EmptyFile,
                "{text:?}"
            );
        }
    }
}
