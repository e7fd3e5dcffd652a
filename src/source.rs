//! Source files read during a run, and byte spans into them.
//!
//! Every diagnostic points into a [`Sources`] entry, so the reporter can show the file,
//! the line, the column and the offending line long after parsing is done.

use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub usize);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(source: SourceId, start: usize, end: usize) -> Self {
        Span {
            source,
            start,
            end: end.max(start),
        }
    }
}

/// One file's name (as shown to the user) and text.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, worked out the first time a position is shown: a run
    /// without diagnostics never needs it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A position as a person reads it: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: String, path: PathBuf, text: String) -> Self {
        SourceFile {
            name,
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// Line and column of a byte offset (clamped into the file).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[line_starts[line]..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and character column.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let end_of_line = rest.find('\n').unwrap_or(rest.len());
        rest[..end_of_line]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + end_of_line, |(i, _)| start + i)
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Text of the span, clamped to character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.clamp(span.start)..self.clamp(span.end)]
    }
}

/// Every file a run has read, in the order read.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, path: &Path, text: String) -> SourceId {
        self.files
            .push(SourceFile::new(name.into(), path.to_path_buf(), text));
        SourceId(self.files.len() - 1)
    }

    /// Adds a file made elsewhere (e.g. read on another thread).
    pub fn push(&mut self, file: SourceFile) -> SourceId {
        self.files.push(file);
        SourceId(self.files.len() - 1)
    }

    /// How many files have been added (the next file's ID is `SourceId(len)`).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Frees the text of every file none of `quoted` points into, keeping its name and
    /// path: a report quotes only the files its diagnostics point into, and a large
    /// project's files are a fifth of its memory.
    pub fn release_unquoted<'a>(&mut self, quoted: impl IntoIterator<Item = &'a Span>) {
        let mut keep = vec![false; self.files.len()];
        for span in quoted {
            if let Some(k) = keep.get_mut(span.source.0) {
                *k = true;
            }
        }
        for (file, keep) in self.files.iter_mut().zip(keep) {
            if !keep {
                file.text = String::new();
                file.line_starts = std::sync::OnceLock::new();
            }
        }
    }

    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn files(&self) -> impl Iterator<Item = (SourceId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (SourceId(i), f))
    }
}

/// A file name as shown to users: relative to the working directory when possible,
/// with `/` separators so reports look the same on every machine.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = shown.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("./").map(str::to_owned).unwrap_or(text);
    visible_name(&text)
}

/// A name (of a file, a sheet) as a terminal may print it: a line break, escape sequence or
/// bidirectional override in it is shown escaped (`\u{1b}`), never acted on.
pub fn visible_name(name: &str) -> String {
    crate::chars::escape_hidden(name)
        .replace('\n', "\\u{a}")
        .replace('\t', "\\u{9}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_shown_without_what_a_terminal_would_act_on() {
        assert_eq!(
            display_path(Path::new("answers/de\nmo\u{1b}[2J\u{202e}x.yaml")),
            "answers/de\\u{a}mo\\u{1b}[2J\\u{202e}x.yaml"
        );
        assert_eq!(
            display_path(Path::new("answers/回答.yaml")),
            "answers/回答.yaml"
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut sources = Sources::default();
        let id = sources.add("a.yaml", Path::new("a.yaml"), "ab\n日本語: x\n".to_owned());
        let file = sources.get(id);
        let offset = file.text.find('x').unwrap();
        assert_eq!(file.line_col(offset), LineCol { line: 2, column: 6 });
        assert_eq!(file.offset_of(2, 6), offset);
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn only_quoted_files_keep_their_text() {
        let mut sources = Sources::default();
        let quoted = sources.add("a.yaml", Path::new("a.yaml"), "a: 1\nb: 2\n".to_owned());
        let other = sources.add("b.yaml", Path::new("b.yaml"), "c: 3\n".to_owned());
        let span = Span::new(quoted, 5, 6);
        sources.release_unquoted([&span]);
        assert_eq!(
            sources.get(quoted).line_col(5),
            LineCol { line: 2, column: 1 }
        );
        assert_eq!(sources.get(quoted).slice(span), "b");
        assert!(sources.get(other).text.is_empty());
        assert_eq!(sources.get(other).name, "b.yaml");
    }
}
