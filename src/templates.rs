//! The minijinja environment: every template filter `checksheet` offers is registered
//! here, in one place. Layout text templates render as plain text (renderers escape);
//! `*.html.j2` templates auto-escape HTML.

use minijinja::{AutoEscape, Environment, Error, ErrorKind, Value};

/// Limits on a layout's own file templates (`checksheet.md.j2`, `checksheet.html.j2`), which
/// come from the project and so may be anyone's: a template with nested loops, or one that
/// writes a text again and again, would otherwise run for hours or fill the disk. Both
/// limits grow with the document, so that a template doing for each row what the built-in
/// ones do is never stopped, however large the catalog: the built-in HTML template takes
/// about 215 steps and 700 bytes a row (a 2,000-control project: 429,333 steps, 1.4 MB),
/// a tenth of the steps and a fifth of the bytes allowed. Built-in templates run without
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileLimits {
    /// Template steps (minijinja's fuel: about one per instruction).
    pub fuel: u64,
    /// Bytes written.
    pub output_bytes: u64,
    /// Bytes of memory the template's thread may hold while it renders.
    pub memory_bytes: u64,
}

impl FileLimits {
    /// Steps for any document, plus steps per row and per cell.
    pub const BASE_FUEL: u64 = 5_000_000;
    pub const FUEL_PER_ROW: u64 = 1_000;
    pub const FUEL_PER_CELL: u64 = 250;
    /// Bytes for any document (16 MiB), plus bytes per row and per byte of text.
    pub const BASE_OUTPUT: u64 = 16 << 20;
    pub const OUTPUT_PER_ROW: u64 = 2 << 10;
    pub const OUTPUT_PER_TEXT_BYTE: u64 = 8;
    /// Memory for any document (256 MiB), plus twice the bytes it may write.
    pub const BASE_MEMORY: u64 = 256 << 20;
    /// Why the limits exist, for error messages.
    pub const WHY: &str = "a project's own templates are bounded so that a runaway template fails fast instead of running for hours or filling the disk";

    /// The limits for a document: grown by its rows, cells and text.
    pub fn for_document(document: &crate::sheet::Document) -> FileLimits {
        let (mut rows, mut cells, mut text) = (0u64, 0u64, 0u64);
        for sheet in &document.sheets {
            for row in &sheet.rows {
                rows += 1;
                match row {
                    crate::sheet::Row::Group { text: t, lead, .. } => {
                        text += t.len() as u64 + lead.iter().map(|l| l.len() as u64).sum::<u64>();
                    }
                    crate::sheet::Row::Item { cells: c, .. } => {
                        cells += c.len() as u64;
                        text += c.iter().map(|c| c.text.len() as u64).sum::<u64>();
                    }
                }
            }
        }
        let output_bytes = Self::BASE_OUTPUT
            .saturating_add(rows.saturating_mul(Self::OUTPUT_PER_ROW))
            .saturating_add(text.saturating_mul(Self::OUTPUT_PER_TEXT_BYTE));
        FileLimits {
            fuel: Self::BASE_FUEL
                .saturating_add(rows.saturating_mul(Self::FUEL_PER_ROW))
                .saturating_add(cells.saturating_mul(Self::FUEL_PER_CELL)),
            output_bytes,
            memory_bytes: Self::BASE_MEMORY.saturating_add(output_bytes.saturating_mul(2)),
        }
    }
}

/// Limits on a layout's text templates (title, column headers, group rows, notes), which
/// `check` renders too: each render may take [`TEXT_FUEL`] steps and write
/// [`TEXT_OUTPUT_BYTES`] (more than an xlsx cell holds), and all of a document's together
/// [`TEXT_BASE_FUEL`] plus [`TEXT_FUEL_PER_ROW`] per row. The built-in layouts' texts take
/// a few dozen steps each.
pub const TEXT_FUEL: u64 = 100_000;
pub const TEXT_OUTPUT_BYTES: u64 = 256 << 10;
/// Memory one text's rendering may hold (see [`crate::memory`]).
pub const TEXT_MEMORY_BYTES: u64 = 64 << 20;
pub const TEXT_BASE_FUEL: u64 = 1_000_000;
pub const TEXT_FUEL_PER_ROW: u64 = 1_000;

/// An environment with the checksheet filters and no templates.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.contains(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_keep_trailing_newline(true);
    // Most cells need no escaping: those are passed on as they are, not copied.
    env.add_filter("md_cell", |value: Value| {
        unless_unchanged(value, |t| md_escape(t, true))
    });
    env.add_filter("md_text", |value: Value| {
        unless_unchanged(value, |t| md_escape(t, false))
    });
    env.add_filter("md_row", md_row);
    env.add_filter("autolink", |text: &str| {
        Value::from_safe_string(html_autolink(text))
    });
    env.add_filter("circled", circled);
    env.add_filter("anchor", |text: &str| anchor(text));
    env.add_filter("css_string", |text: &str| {
        Value::from_safe_string(css_string(text))
    });
    env
}

/// `escape(text)` of a string value, or the value itself when escaping would leave the text
/// as it is (no byte Markdown or HTML treats specially).
fn unless_unchanged(value: Value, escape: impl Fn(&str) -> String) -> Result<Value, Error> {
    match value.as_str() {
        Some(text) if !has_ascii_punctuation_or_control(text) => Ok(value),
        Some(text) => Ok(Value::from(escape(text))),
        None => Err(Error::new(
            ErrorKind::InvalidOperation,
            "value is not a string",
        )),
    }
}

/// Whether `text` has any ASCII byte that is not a letter, a digit or a space: the only
/// bytes an escaper here ever replaces.
fn has_ascii_punctuation_or_control(text: &str) -> bool {
    next_ascii(text.as_bytes(), 0, |b| {
        !b.is_ascii_alphanumeric() && b != b' '
    })
    .is_some()
}

/// The first position from `from` on holding an ASCII byte that `wanted` accepts. Japanese
/// text is mostly multi-byte characters, whose bytes are all above 0x7F: eight such bytes
/// are passed over at a time.
fn next_ascii(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if word & HIGH_BITS == HIGH_BITS {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        if byte.is_ascii() && wanted(byte) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// One Markdown table row, `| a | b |`, from a list of texts or of cells (their `text`),
/// each escaped as `md_cell` does. One call per row instead of a loop in the template:
/// a large table renders in a third of the time.
fn md_row(cells: Value, keep: Option<Vec<usize>>) -> Result<String, Error> {
    let keep = keep.unwrap_or_default();
    let mut row = String::from("|");
    let mut column = 0;
    let mut push = |text: &str| {
        row.push(' ');
        let joined;
        let text = if keep.contains(&column) {
            joined = unbreakable(text);
            joined.as_str()
        } else {
            text
        };
        if has_ascii_punctuation_or_control(text) {
            row.push_str(&md_escape(text, true));
        } else {
            row.push_str(text);
        }
        row.push_str(" |");
        column += 1;
    };
    if let Some(texts) = crate::render::view::cell_texts(&cells) {
        texts.for_each(push);
        return Ok(row);
    }
    for cell in cells.try_iter()? {
        let text = match cell.as_str() {
            Some(_) => cell,
            None => cell.get_attr("text")?,
        };
        let Some(text) = text.as_str() else {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "md_row takes a list of texts or of cells",
            ));
        };
        push(text);
    }
    Ok(row)
}

/// The word joiner (U+2060): no line break on either side of it (Unicode Standard Annex
/// #14, Unicode Line Breaking Algorithm, class WJ), and nothing shown.
const WORD_JOINER: char = '\u{2060}';

/// A short text that a renderer must not break across lines (a status, a level, a column
/// header such as 区分): a word joiner between every two characters where a break could
/// come next to a character that is not ASCII (Japanese breaks between any two
/// characters). ASCII text (`II.1.1.1`, `1-1`) is left as it is, so that IDs copied from
/// the page are the IDs; so are texts longer than 24 characters or of several lines.
pub fn unbreakable(text: &str) -> String {
    if text.chars().count() > 24 || text.contains('\n') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = previous {
            let breakable = !p.is_ascii() || !c.is_ascii();
            if breakable && !p.is_whitespace() && !c.is_whitespace() {
                out.push(WORD_JOINER);
            }
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Checks a template's syntax without rendering it.
pub fn check_syntax(source: &str) -> Result<(), Error> {
    let env = environment();
    env.template_from_str(source).map(|_| ())
}

/// A short description of a template error (without minijinja's debug dump).
pub fn describe(error: &Error) -> String {
    match error.detail() {
        Some(detail) => format!("{detail} ({})", error.kind()),
        None => error.kind().to_string(),
    }
}

/// `①` for 1 … `⑳` for 20; other numbers as digits.
fn circled(n: i64) -> Result<String, Error> {
    match n {
        1..=20 => Ok(char::from_u32(0x2460 + (n as u32) - 1)
            .map(String::from)
            .unwrap_or_default()),
        _ if n >= 0 => Ok(n.to_string()),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            "circled takes a number from 0",
        )),
    }
}

/// An HTML id for a control or group ID: the ID itself, whitespace replaced by `_`.
pub fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// A quoted CSS string for `content:` (e.g. an HTML page's running print header): quotes,
/// backslashes, line breaks, control characters and `<` `>` `&` are escaped, so the text can
/// neither end the string nor the `<style>` element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' => out.push_str(&format!("\\{:X} ", c as u32)),
            '\n' => out.push_str("\\A "),
            c if c.is_control() => out.push_str(&format!("\\{:X} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Splits text into runs, marking the http(s) URLs in it.
///
/// A line that holds one URL and nothing else (spaces around it aside) is a link as a
/// whole, exactly as written — percent escapes and characters outside ASCII
/// (`https://例え.jp/検索?q=セキュリティ`) included — up to the end of the line. A URL inside
/// a sentence ends at the first white space, character outside ASCII, `<`, `>`, `"` or
/// Japanese bracket or punctuation, and a `.`, `,`, `)`, `;` or `:` ending it is left out.
pub fn url_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = find_url_start(rest) {
        if start > 0 {
            runs.push((false, &rest[..start]));
        }
        let tail = &rest[start..];
        if let Some(end) = whole_line_url(text, consumed + start) {
            runs.push((true, &tail[..end]));
            rest = &tail[end..];
            consumed = text.len() - rest.len();
            continue;
        }
        let mut end = tail
            .char_indices()
            .find(|(_, c)| {
                c.is_whitespace()
                    || matches!(c, '<' | '>' | '"' | '「' | '」' | '（' | '）' | '、' | '。')
                    || !c.is_ascii()
            })
            .map_or(tail.len(), |(i, _)| i);
        while end > 0 && matches!(tail.as_bytes()[end - 1], b'.' | b',' | b')' | b';' | b':') {
            if tail.as_bytes()[end - 1] == b')' && tail[..end].contains('(') {
                break;
            }
            end -= 1;
        }
        runs.push((true, &tail[..end]));
        rest = &tail[end..];
        consumed = text.len() - rest.len();
    }
    if !rest.is_empty() {
        runs.push((false, rest));
    }
    runs
}

/// Whether a character can be part of a link: never white space, a control character,
/// `<`, `>` or `"` (which end a link in HTML and Markdown and are refused in `links`).
pub fn link_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || crate::chars::is_hidden_control(c)
        || matches!(c, '<' | '>' | '"'))
}

/// The length of the URL starting at `at` when it is the only thing on its line (spaces
/// and tabs around it aside).
fn whole_line_url(text: &str, at: usize) -> Option<usize> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..at]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
    {
        return None;
    }
    let tail = &text[at..];
    let line = &tail[..tail.find('\n').unwrap_or(tail.len())];
    let url = line.trim_end_matches([' ', '\t']);
    url.chars().all(link_char).then_some(url.len())
}

fn find_url_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&bytes[from..], b"http") {
        let at = from + i;
        let tail = &bytes[at..];
        if (tail.starts_with(b"https://") || tail.starts_with(b"http://")) && tail.len() > 8 {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Appends `text` to `out`, replacing every character `replace` has a replacement for. Only
/// ASCII characters are ever replaced, so the scan goes byte by byte: the bytes of a
/// multi-byte UTF-8 character are all above 0x7F and pass through untouched.
fn escape_into(out: &mut String, text: &str, replace: impl Fn(u8) -> Option<&'static str>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while let Some(i) = next_ascii(bytes, at, |b| replace(b).is_some()) {
        out.push_str(&text[from..i]);
        out.push_str(replace(bytes[i]).unwrap_or_default());
        from = i + 1;
        at = i + 1;
    }
    out.push_str(&text[from..]);
}

fn html_entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Escapes HTML and turns URLs into links; line breaks become `<br>`.
pub fn html_autolink(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 16);
    for (is_url, run) in url_runs(text) {
        if is_url {
            out.push_str("<a href=\"");
            escape_into(&mut out, run, html_entity);
            out.push_str("\" rel=\"noopener\">");
            escape_into(&mut out, run, html_entity);
            out.push_str("</a>");
        } else {
            escape_into(&mut out, run, |b| match b {
                b'\n' => Some("<br>\n"),
                _ => html_entity(b),
            });
        }
    }
    out
}

pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, html_entity);
    out
}

/// Escapes text for Markdown. In a table cell, `|` is escaped and line breaks become
/// `<br>` so the row stays one line; elsewhere line breaks are kept as hard breaks.
pub fn md_escape(text: &str, in_cell: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (is_url, run) in url_runs(text) {
        // A link with characters outside ASCII is written as an autolink, `<…>`, which
        // CommonMark ends only at `>`: a bare URL would be cut where a renderer's idea of
        // a URL ends.
        let angled = is_url && !run.is_ascii();
        if angled {
            out.push('<');
        }
        escape_into(&mut out, run, |b| match b {
            b'|' => Some("\\|"),
            b'\n' if in_cell => Some("<br>"),
            b'\n' => Some("  \n"),
            b'\r' => Some(""),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'&' => Some("&amp;"),
            _ if is_url => None,
            b'\\' => Some("\\\\"),
            b'*' => Some("\\*"),
            b'_' => Some("\\_"),
            b'`' => Some("\\`"),
            b'[' => Some("\\["),
            b']' => Some("\\]"),
            b'#' => Some("\\#"),
            b'~' => Some("\\~"),
            b'!' => Some("\\!"),
            _ => None,
        });
        if angled {
            out.push('>');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_in_japanese_text() {
        let runs = url_runs("SLAを公開しています。 https://www.example.jp/faq/sla。詳細");
        assert_eq!(runs[1], (true, "https://www.example.jp/faq/sla"));
        assert_eq!(runs[2], (false, "。詳細"));
    }

    #[test]
    fn html_is_escaped_and_links_made() {
        assert_eq!(
            html_autolink("<script>x</script>\nhttps://a.example/b?c=1&d=2"),
            "&lt;script&gt;x&lt;/script&gt;<br>\n<a href=\"https://a.example/b?c=1&amp;d=2\" rel=\"noopener\">https://a.example/b?c=1&amp;d=2</a>"
        );
    }

    #[test]
    fn markdown_cells_keep_pipes_and_breaks() {
        assert_eq!(
            md_escape("RPO | RTO\n次の行 *x*", true),
            "RPO \\| RTO<br>次の行 \\*x\\*"
        );
        assert_eq!(
            md_escape("https://a.example/x_y", true),
            "https://a.example/x_y"
        );
    }

    #[test]
    fn css_strings_cannot_escape() {
        assert_eq!(
            css_string("A \"社\"\n</style>"),
            "\"A \\22 社\\22 \\A \\3C /style\\3E \""
        );
        assert_eq!(css_string("a\\b"), "\"a\\5C b\"");
    }

    /// The escapers character by character, as the output formats define them.
    fn reference_md(text: &str, in_cell: bool) -> String {
        let mut out = String::new();
        for (is_url, run) in url_runs(text) {
            let angled = is_url && !run.is_ascii();
            if angled {
                out.push('<');
            }
            for c in run.chars() {
                match c {
                    '|' => out.push_str("\\|"),
                    '\n' if in_cell => out.push_str("<br>"),
                    '\n' => out.push_str("  \n"),
                    '\r' => {}
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' if !is_url => {
                        out.push('\\');
                        out.push(c);
                    }
                    _ => out.push(c),
                }
            }
            if angled {
                out.push('>');
            }
        }
        out
    }

    fn reference_html(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&quot;".to_owned(),
                '\'' => "&#39;".to_owned(),
                c => c.to_string(),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn escapers_match_their_character_by_character_definition(
            text in "([a-z あ漢|*_`#~!\\[\\]<>&\"'\\\\\r\n.:/]|https://ex.jp/a_b|http://x.y/)*"
        ) {
            proptest::prop_assert_eq!(md_escape(&text, true), reference_md(&text, true));
            proptest::prop_assert_eq!(md_escape(&text, false), reference_md(&text, false));
            proptest::prop_assert_eq!(html_escape(&text), reference_html(&text));
            let linked: String = url_runs(&text)
                .into_iter()
                .map(|(is_url, run)| {
                    let escaped = reference_html(run);
                    if is_url {
                        format!("<a href=\"{escaped}\" rel=\"noopener\">{escaped}</a>")
                    } else {
                        escaped.replace('\n', "<br>\n")
                    }
                })
                .collect();
            proptest::prop_assert_eq!(html_autolink(&text), linked);
            // The Markdown filters pass such text on unchanged, without escaping it.
            if !has_ascii_punctuation_or_control(&text) {
                proptest::prop_assert_eq!(md_escape(&text, true), text.clone());
                proptest::prop_assert_eq!(md_escape(&text, false), text.clone());
            }
        }
    }

    #[test]
    fn md_row_makes_one_escaped_table_row() {
        let env = environment();
        let render = |source: &str| env.render_str(source, minijinja::context! {});
        assert_eq!(
            render(r#"{{ ["a|b", "行1\n行2", "漢字"] | md_row }}"#).unwrap(),
            "| a\\|b | 行1<br>行2 | 漢字 |"
        );
        assert_eq!(
            render(r#"{{ [{"text": "x*y"}, {"text": ""}] | md_row }}"#).unwrap(),
            "| x\\*y |  |"
        );
        assert_eq!(render("{{ [] | md_row }}").unwrap(), "|");
        // Columns named by index are not broken across lines.
        assert_eq!(
            render(r#"{{ ["1-1", "実施済", "長い回答", "II.1.1.1"] | md_row([0, 1, 3]) }}"#)
                .unwrap(),
            "| 1-1 | 実\u{2060}施\u{2060}済 | 長い回答 | II.1.1.1 |"
        );
        assert!(render("{{ [1, 2] | md_row }}").is_err());
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1).unwrap(), "①");
        assert_eq!(circled(3).unwrap(), "③");
        assert_eq!(circled(21).unwrap(), "21");
    }
}
