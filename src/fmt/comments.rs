//! Finding comments in a YAML file: a `#` that starts a comment is one at the start of a
//! line or after white space, outside every scalar and key. Scalars' spans come from the
//! parsed tree, so a `#` inside an answer text is never mistaken for a comment.

use crate::source::{SourceFile, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The comment from `#` to the end of the line, trailing spaces removed.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// True when nothing but white space precedes it on its line.
    pub own_line: bool,
}

const BYTE_ORDER_MARK: char = '\u{feff}';

/// Every comment of `file`, in order. `protected` are the byte spans of scalars and keys.
pub fn find_comments(file: &SourceFile, protected: &mut [Span]) -> Vec<Comment> {
    protected.sort_by_key(|s| s.start);
    let inside = |offset: usize| {
        let i = protected.partition_point(|s| s.start <= offset);
        protected[..i]
            .iter()
            .rev()
            .take(64)
            .any(|s| offset >= s.start && offset < s.end)
    };
    let mut comments = Vec::new();
    let mut line_start = 0;
    for (index, line) in file.text.split('\n').enumerate() {
        let mut previous_blank = true;
        for (i, c) in line.char_indices() {
            if c == '#' && previous_blank && !inside(line_start + i) {
                comments.push(Comment {
                    text: line[i..].trim_end().to_owned(),
                    line: index + 1,
                    own_line: line[..i]
                        .trim_start_matches(BYTE_ORDER_MARK)
                        .trim()
                        .is_empty(),
                });
                break;
            }
            // A byte-order mark opening the file is not part of its text: a `#` right
            // after it starts a comment.
            previous_blank =
                c == ' ' || c == '\t' || (line_start == 0 && i == 0 && c == BYTE_ORDER_MARK);
        }
        line_start += line.len() + 1;
    }
    comments
}

/// Comments attached to the lines ("things") of a file, so they travel with them when the
/// file is reordered. `thing_lines` are the 1-based source lines of the things, in order.
#[derive(Debug, Default)]
pub struct Attachments {
    /// Own-line comments before each thing.
    pub leading: Vec<Vec<String>>,
    /// The comment at the end of each thing's line.
    pub inline: Vec<Option<String>>,
    /// Comments after the last thing.
    pub trailer: Vec<String>,
}

pub fn attach(comments: &[Comment], thing_lines: &[usize]) -> Attachments {
    let mut result = Attachments {
        leading: vec![Vec::new(); thing_lines.len()],
        inline: vec![None; thing_lines.len()],
        trailer: Vec::new(),
    };
    for comment in comments {
        if comment.own_line {
            match thing_lines.iter().position(|&l| l > comment.line) {
                Some(i) => result.leading[i].push(comment.text.clone()),
                None => result.trailer.push(comment.text.clone()),
            }
            continue;
        }
        let target = thing_lines
            .iter()
            .position(|&l| l == comment.line)
            .or_else(|| thing_lines.iter().rposition(|&l| l < comment.line));
        match target {
            // A thing has one inline comment. A second one (on a line of its own inside a
            // flow collection: `links: [a,  # one` … `]  # two`) goes on its own line
            // before the next thing, where it reads back as the same comment; joined to
            // the first it would read back as one comment of different text.
            Some(i) if result.inline[i].is_some() => match result.leading.get_mut(i + 1) {
                Some(next) => next.push(comment.text.clone()),
                None => result.trailer.push(comment.text.clone()),
            },
            Some(i) => result.inline[i] = Some(comment.text.clone()),
            None => result
                .leading
                .first_mut()
                .unwrap_or(&mut result.trailer)
                .push(comment.text.clone()),
        }
    }
    result
}
