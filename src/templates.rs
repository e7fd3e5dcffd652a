//! The minijinja environment: every template filter `checksheet` offers is registered
//! here, in one place. Layout text templates render as plain text (renderers escape);
//! `*.html.j2` templates auto-escape HTML.

use minijinja::{AutoEscape, Environment, Error, ErrorKind, Value};

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
    env.add_filter("md_cell", |text: &str| md_escape(text, true));
    env.add_filter("md_text", |text: &str| md_escape(text, false));
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
pub fn url_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(start) = find_url_start(rest) {
        if start > 0 {
            runs.push((false, &rest[..start]));
        }
        let tail = &rest[start..];
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
    }
    if !rest.is_empty() {
        runs.push((false, rest));
    }
    runs
}

fn find_url_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("http") {
        let at = from + i;
        let tail = &text[at..];
        if (tail.starts_with("https://") || tail.starts_with("http://")) && tail.len() > 8 {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// Escapes HTML and turns URLs into links; line breaks become `<br>`.
pub fn html_autolink(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (is_url, run) in url_runs(text) {
        if is_url {
            let escaped = html_escape(run);
            out.push_str(&format!(
                "<a href=\"{escaped}\" rel=\"noopener\">{escaped}</a>"
            ));
        } else {
            out.push_str(&html_escape(run).replace('\n', "<br>\n"));
        }
    }
    out
}

pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown. In a table cell, `|` is escaped and line breaks become
/// `<br>` so the row stays one line; elsewhere line breaks are kept as hard breaks.
pub fn md_escape(text: &str, in_cell: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (is_url, run) in url_runs(text) {
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

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1).unwrap(), "①");
        assert_eq!(circled(3).unwrap(), "③");
        assert_eq!(circled(21).unwrap(), "21");
    }
}
