//! Characters a reader cannot see or tells apart from others: their names, and how
//! `checksheet` shows them.
//!
//! - Look-alikes (a full-width space, a no-break space, a full-width colon, a zero-width
//!   space …) break YAML on lines that look right; a YAML error names the one on its line.
//! - Control characters (ESC, CR, the other C0 and C1 characters) and bidirectional
//!   overrides can hide or reorder what a reviewer reads: `check` warns about them in
//!   answers, `diff` shows them escaped (`\u{1b}`), and the outputs never carry them raw.

use std::borrow::Cow;

/// A character YAML does not treat as what it looks like, with its names and what to type
/// instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookAlike {
    pub english: &'static str,
    pub japanese: &'static str,
    /// What to type instead: ASCII text, or empty for "delete it".
    pub instead: &'static str,
}

/// The look-alike characters YAML errors name.
pub fn look_alike(c: char) -> Option<LookAlike> {
    let (english, japanese, instead) = match c {
        '\u{3000}' => ("full-width space", "全角スペース", " "),
        '\u{a0}' => ("no-break space", "ノーブレークスペース", " "),
        '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
            ("typographic space", "特殊な空白", " ")
        }
        '\u{ff1a}' => ("full-width colon", "全角コロン", ":"),
        '\u{ff03}' => ("full-width number sign", "全角シャープ", "#"),
        '\u{ff0d}' => ("full-width hyphen-minus", "全角ハイフン", "-"),
        '\u{2010}' => ("hyphen", "ハイフン", "-"),
        '\u{2011}' => ("non-breaking hyphen", "改行しないハイフン", "-"),
        '\u{2012}' => ("figure dash", "数字幅ダッシュ", "-"),
        '\u{2013}' => ("en dash", "エンダッシュ", "-"),
        '\u{2014}' => ("em dash", "エムダッシュ", "-"),
        '\u{2015}' => ("horizontal bar", "水平線", "-"),
        '\u{2212}' => ("minus sign", "マイナス記号", "-"),
        '\u{30fc}' => ("katakana prolonged sound mark", "長音記号", "-"),
        '\u{ff5e}' => ("full-width tilde", "全角チルダ", "~"),
        '\u{200b}' => ("zero-width space", "ゼロ幅スペース", ""),
        '\u{200c}' => ("zero-width non-joiner", "ゼロ幅非接合子", ""),
        '\u{200d}' => ("zero-width joiner", "ゼロ幅接合子", ""),
        '\u{2060}' => ("word joiner", "ワードジョイナー", ""),
        '\u{feff}' => ("byte-order mark", "BOM", ""),
        _ => return None,
    };
    Some(LookAlike {
        english,
        japanese,
        instead,
    })
}

/// Whether `c` is a hyphen-like character that a list item (`- `) might have been typed with.
fn hyphen_like(c: char) -> bool {
    look_alike(c).is_some_and(|l| l.instead == "-")
}

/// The look-alike character on a line of YAML that most likely broke it, with its byte
/// offset in the line. Only places where YAML reads structure are looked at: the
/// indentation, a hyphen-like list marker, a full-width colon where the key's `:` goes, a
/// space-like character right after a key's `:`, and a zero-width character or
/// byte-order mark anywhere (they have no use in an answer). Inside quotes nothing is
/// looked at.
pub fn structural_look_alike(line: &str) -> Option<(usize, char)> {
    let content = line.char_indices().find(|(_, c)| {
        !(*c == ' ' || *c == '\t' || look_alike(*c).is_some_and(|l| l.instead == " "))
    });
    // Indentation: anything but spaces and tabs before the first character of content.
    let indent_end = content.map_or(line.len(), |(i, _)| i);
    if let Some((i, c)) = line[..indent_end]
        .char_indices()
        .find(|(_, c)| *c != ' ' && *c != '\t')
    {
        return Some((i, c));
    }
    let (start, first) = content?;
    let after_first = &line[start + first.len_utf8()..];
    if hyphen_like(first) && after_first.starts_with([' ', '\u{3000}']) {
        return Some((start, first));
    }
    // A list item's `-` followed by a space-like character instead of a space.
    if first == '-'
        && let Some(c) = after_first.chars().next()
        && look_alike(c).is_some_and(|l| l.instead == " ")
    {
        return Some((start + 1, c));
    }
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if previous == ' ' || previous == ':' => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous == ' ' => break,
            (None, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}') => {
                return Some((i, c));
            }
            (None, '\u{ff1a}') if !line[..i].contains(": ") => return Some((i, c)),
            (None, c) if previous == ':' && look_alike(c).is_some_and(|l| l.instead == " ") => {
                return Some((i, c));
            }
            _ => {}
        }
        previous = c;
    }
    None
}

/// Whether `c` is a character an answer should not hold because a reader would not see
/// it, or would see text it changes: a C0 control other than tab and line feed (ESC, CR,
/// NUL …), DEL, a C1 control, or a bidirectional embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069).
/// Whether `text` may hold a character [`is_hidden_control`] names, or U+FFFE / U+FFFF:
/// a test of its UTF-8 bytes (every answer of a project passes here), exact except that a
/// `true` still needs a look at the characters.
pub fn may_hide(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most texts have none of the lead bytes below: a branch-free pass over 64-byte blocks
    // (which the compiler vectorizes) clears them before any byte is looked at in turn.
    let suspect = |block: &[u8]| {
        block.iter().fold(false, |seen, &b| {
            seen | ((b < 0x20) & (b != b'\t') & (b != b'\n'))
                | (b == 0x7F)
                | (b == 0xC2)
                | (b == 0xE2)
                | (b == 0xEF)
        })
    };
    if !bytes.chunks(64).any(suspect) {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0x00..=0x08 | 0x0B..=0x1F | 0x7F => true,
        // U+0080–U+009F (C1 controls).
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        // U+2000–U+207F (the bidi embeddings, overrides and isolates).
        0xE2 => matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
        // U+FEC0–U+FEFF (U+FEFF), U+FFC0–U+FFFF (U+FFFE, U+FFFF).
        0xEF => matches!(bytes.get(i + 1), Some(0xBB | 0xBF)),
        _ => false,
    })
}

pub fn is_hidden_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}' | '\u{feff}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The Unicode name of a hidden control character, where it has a well-known one.
fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "BACKSPACE",
        '\u{b}' => "VERTICAL TAB",
        '\u{c}' => "FORM FEED",
        '\u{d}' => "CARRIAGE RETURN",
        '\u{1b}' => "ESCAPE",
        '\u{7f}' => "DELETE",
        '\u{85}' => "NEXT LINE",
        '\u{9b}' => "CONTROL SEQUENCE INTRODUCER",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// `U+001B ESCAPE (\u{1b})`: a character by code point, name and escape.
pub fn describe(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    if let Some(l) = look_alike(c) {
        return format!("a {} ({code}, {})", l.english, l.japanese);
    }
    match control_name(c) {
        Some(name) => format!("{code} {name} (`{}`)", c.escape_unicode()),
        None if c.is_control() || is_hidden_control(c) => {
            format!("{code} (`{}`)", c.escape_unicode())
        }
        None => format!("`{c}` ({code})"),
    }
}

/// `text` with every hidden control character written as its escape (`\u{1b}`), so that
/// it shows on a terminal or in a review instead of acting on it. A backslash stays as
/// it is; the escapes can be told apart from typed text only by their use of `\u{…}`.
pub fn escape_hidden(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` without the characters XML 1.0 forbids (C0 controls other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF) and without the other hidden control characters:
/// what a workbook, page or Markdown file may hold. Line breaks and tabs stay.
pub fn strip_hidden(text: &str) -> Cow<'_, str> {
    let drop = |c: char| is_hidden_control(c) || matches!(c, '\u{fffe}' | '\u{ffff}');
    if !may_hide(text) || !text.chars().any(drop) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !drop(*c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_never_misses_a_hidden_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_hidden_control(c) || matches!(c, '\u{fffe}' | '\u{ffff}') {
                let text = format!("設問{c}です");
                assert!(may_hide(&text), "U+{:04X}", c as u32);
            }
        }
        assert!(!may_hide(
            "当社は（ISO/IEC 27001）に基づき、\t年1回「見直し」します。\n"
        ));
    }

    #[test]
    fn look_alikes_are_found_where_yaml_reads_structure() {
        // A full-width space as indentation.
        assert_eq!(
            structural_look_alike("\u{3000}II.1.1.1: x"),
            Some((0, '\u{3000}'))
        );
        assert_eq!(
            structural_look_alike("  \u{3000}status: x"),
            Some((2, '\u{3000}'))
        );
        // After a key's colon, and a full-width colon as the key's colon.
        assert_eq!(
            structural_look_alike("  status:\u{3000}x"),
            Some((9, '\u{3000}'))
        );
        assert_eq!(
            structural_look_alike("  status:\u{a0}x"),
            Some((9, '\u{a0}'))
        );
        assert_eq!(
            structural_look_alike("  status\u{ff1a} x"),
            Some((8, '\u{ff1a}'))
        );
        // A list item typed with a full-width hyphen, and a zero-width space.
        assert_eq!(
            structural_look_alike("    \u{ff0d} a"),
            Some((4, '\u{ff0d}'))
        );
        assert_eq!(
            structural_look_alike("    -\u{3000}a"),
            Some((5, '\u{3000}'))
        );
        assert_eq!(
            structural_look_alike("  a\u{200b}: x"),
            Some((3, '\u{200b}'))
        );
        // Not inside an answer's text, quoted or after the key's `: `.
        assert_eq!(
            structural_look_alike("  answer: 回答\u{3000}です：はい"),
            None
        );
        assert_eq!(structural_look_alike("  answer: \"a\u{200b}\""), None);
        assert_eq!(structural_look_alike("  - ーー"), None);
        assert_eq!(structural_look_alike("  answer: x  # メモ\u{200b}"), None);
    }

    #[test]
    fn hidden_controls_are_named_escaped_and_stripped() {
        assert_eq!(describe('\u{1b}'), "U+001B ESCAPE (`\\u{1b}`)");
        assert_eq!(
            describe('\u{202e}'),
            "U+202E RIGHT-TO-LEFT OVERRIDE (`\\u{202e}`)"
        );
        assert_eq!(
            describe('\u{3000}'),
            "a full-width space (U+3000, 全角スペース)"
        );
        assert_eq!(describe('<'), "`<` (U+003C)");
        assert_eq!(escape_hidden("a\u{1b}[2Jb\tc\n"), "a\\u{1b}[2Jb\tc\n");
        assert_eq!(strip_hidden("a\u{1b}b\r\u{85}\u{2066}c\n\td"), "abc\n\td");
        assert!(matches!(escape_hidden("普通の回答"), Cow::Borrowed(_)));
        for c in ['\t', '\n', ' ', 'あ', '\u{3000}'] {
            assert!(!is_hidden_control(c), "{c:?}");
        }
        for c in [
            '\u{0}', '\r', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}', '\u{202a}', '\u{2069}',
        ] {
            assert!(is_hidden_control(c), "{c:?}");
        }
    }
}
