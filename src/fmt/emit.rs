//! Canonical YAML for scalars and keys: plain where that is unambiguous in every YAML
//! version, double-quoted where it is not, literal blocks for multi-line text.

/// A field name: plain when safe, else double-quoted.
pub fn key(text: &str) -> String {
    if plain_safe(text) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// A control ID: always double-quoted, so `1.10` and `2` stay text in every YAML reader
/// and every ID looks the same in a diff.
pub fn id(text: &str) -> String {
    double_quoted(text)
}

/// A scalar value written after `key:` or `- ` at `indent` spaces: multi-line text becomes
/// a literal block (`|-`), everything else plain or double-quoted.
pub fn value(text: &str, indent: usize) -> String {
    if text.contains('\n') && block_safe(text) {
        return literal_block(text, indent);
    }
    if plain_safe(text) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// A scalar inside a flow mapping (`{sheet: 質問票, row: 5}`): plain when safe there too
/// (no `,` `[` `]` `{` `}`), else double-quoted; never a block.
pub fn flow_value(text: &str) -> String {
    if plain_safe(text) && !text.contains([',', '[', ']', '{', '}']) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// True when a plain scalar reads back as this exact string in YAML 1.1 and 1.2 alike.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.contains('\n') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') || text.contains('\t') {
        return false;
    }
    if text.chars().any(|c| {
        c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}'
    }) {
        return false;
    }
    !looks_typed(text)
}

/// Scalars a YAML parser (1.1 or 1.2) would read as null, a boolean or a number.
fn looks_typed(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | ".inf"
            | "-.inf"
            | "+.inf"
            | ".nan"
    ) {
        return true;
    }
    let body = text
        .strip_prefix(['+', '-'])
        .unwrap_or(text)
        .replace('_', "");
    let radix = |prefix: &str, radix: u32| {
        body.strip_prefix(prefix)
            .is_some_and(|digits| !digits.is_empty() && u128::from_str_radix(digits, radix).is_ok())
    };
    let sexagesimal = body.contains(':')
        && body
            .split(':')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit() || c == '.'));
    body.parse::<f64>().is_ok()
        || radix("0x", 16)
        || radix("0o", 8)
        || radix("0b", 2)
        || sexagesimal
}

/// Literal blocks hold any text without control characters (tabs are fine) whose lines
/// do not end in spaces (editors strip those; a quoted string keeps them safe).
fn block_safe(text: &str) -> bool {
    !text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || c == '\u{feff}'
            || c == '\u{85}'
            || c == '\u{2028}'
            || c == '\u{2029}'
    }) && !text.lines().any(|l| l.ends_with(' ') || l.ends_with('\t'))
        && !text.starts_with('\n')
}

fn literal_block(text: &str, indent: usize) -> String {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if text.starts_with(' ') { "2" } else { "" };
    let pad = " ".repeat(indent + 2);
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut out = format!("|{indicator}{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_look_like_numbers_are_quoted() {
        assert_eq!(key("II.1.1.1"), "II.1.1.1");
        assert_eq!(key("1-1"), "1-1");
        assert_eq!(key("1.10"), "\"1.10\"");
        assert_eq!(key("2"), "\"2\"");
        assert_eq!(key("yes"), "\"yes\"");
        assert_eq!(key("0x1F"), "\"0x1F\"");
    }

    #[test]
    fn text_that_would_change_meaning_is_quoted() {
        assert_eq!(
            value("当社ISMSに基づき、実施しています。", 4),
            "当社ISMSに基づき、実施しています。"
        );
        assert_eq!(value("=HYPERLINK(\"x\")", 4), "=HYPERLINK(\"x\")");
        assert_eq!(value("1e3", 4), "\"1e3\"");
        assert_eq!(value("10:30", 4), "\"10:30\"");
        assert_eq!(value("- 箇条書き", 4), "\"- 箇条書き\"");
        assert_eq!(value("RPO: 1h", 4), "\"RPO: 1h\"");
        assert_eq!(value(" 先頭の空白", 4), "\" 先頭の空白\"");
        assert_eq!(value("", 4), "\"\"");
        assert_eq!(value("2026-10-01", 4), "2026-10-01");
    }

    #[test]
    fn text_with_a_line_or_paragraph_separator_is_never_plain() {
        for separator in ['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}'] {
            let text = format!("前{separator}後");
            assert!(!plain_safe(&text), "{:?}", separator);
            assert!(value(&text, 4).starts_with('"'), "{:?}", separator);
        }
    }

    #[test]
    fn multi_line_text_becomes_a_literal_block() {
        assert_eq!(value("一行目\n二行目", 4), "|-\n      一行目\n      二行目");
        assert_eq!(
            value("一行目\n\n三行目\n", 2),
            "|\n    一行目\n\n    三行目"
        );
        assert_eq!(value("末尾に空白 \n次", 2), "\"末尾に空白 \\n次\"");
    }
}
