//! The inverse of [`crate::sheet`]'s answer cell: the text of an answer cell back into an
//! answer's body and links, and a status label back into a status.
//!
//! A list answer is rendered as one `<prefix>item` line per item (an item's own line breaks
//! continue on lines indented by two spaces), then the links, one per line. So when a cell
//! starts with the list prefix and every line is an item line, a continuation or (after the
//! items) a URL, it is read back as that list and those links, exactly. A text answer's
//! links are indistinguishable from URL lines at the end of its text: they stay part of the
//! text unless the caller asks for trailing URL lines to become links.

use strum::VariantArray;

use crate::model::{AnswerBody, Status};

/// What one answer cell holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerCell {
    pub body: Option<AnswerBody>,
    pub links: Vec<String>,
}

/// A line that is a link `checksheet` accepts: an absolute http(s) URL, nothing else.
/// An evidence cell's lines (証跡 / 根拠資料), one document or URL each, blank lines left out.
pub fn evidence_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn is_link(line: &str) -> bool {
    !line.is_empty()
        && !line.chars().any(char::is_whitespace)
        && (line.starts_with("http://") || line.starts_with("https://"))
        && url::Url::parse(line).is_ok_and(|u| u.host().is_some())
}

/// Reads an answer cell. `list_prefix`: the prefix of list items (a layout's checkbox), or
/// `None` to read every cell as text. `split_links`: URL lines at the end of a text answer
/// become links.
pub fn invert(text: &str, list_prefix: Option<&str>, split_links: bool) -> AnswerCell {
    if text.is_empty() {
        return AnswerCell::default();
    }
    if let Some(prefix) = list_prefix.filter(|p| !p.is_empty())
        && let Some(list) = read_list(text, prefix)
    {
        return list;
    }
    if split_links {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut keep = lines.len() - lines.iter().rev().take_while(|l| is_link(l)).count();
        // Links follow a line break only after a non-empty text: "\nhttps://a" is text.
        if keep > 0 && lines[..keep].join("\n").is_empty() {
            keep += 1;
        }
        if keep < lines.len() {
            let links = lines[keep..].iter().map(|l| (*l).to_owned()).collect();
            let body = (keep > 0).then(|| AnswerBody::Text(lines[..keep].join("\n").into()));
            return AnswerCell { body, links };
        }
    }
    AnswerCell {
        body: Some(AnswerBody::Text(text.into())),
        links: Vec::new(),
    }
}

fn read_list(text: &str, prefix: &str) -> Option<AnswerCell> {
    if !text.starts_with(prefix) {
        return None;
    }
    let mut items: Vec<String> = Vec::new();
    let mut links = Vec::new();
    for line in text.split('\n') {
        if !links.is_empty() {
            if !is_link(line) {
                return None;
            }
            links.push(line.to_owned());
        } else if let Some(item) = line.strip_prefix(prefix) {
            items.push(item.to_owned());
        } else if let Some(rest) = line.strip_prefix("  ") {
            let last = items.last_mut()?;
            last.push('\n');
            last.push_str(rest);
        } else if is_link(line) {
            links.push(line.to_owned());
        } else {
            return None;
        }
    }
    Some(AnswerCell {
        body: Some(AnswerBody::Items(items)),
        links,
    })
}

/// A status cell: empty is no status; a label (実施済 …, or Implemented … of an English
/// document) or a key (implemented …) is that status; anything else is an error saying what is allowed.
pub fn status(text: &str) -> Result<Option<Status>, crate::i18n::Message> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Status::VARIANTS
        .iter()
        .copied()
        .find(|s| {
            s.label() == text
                || s.key() == text
                || crate::sheet::status_label(*s, crate::model::Lang::En) == text
        })
        .map(Some)
        .ok_or_else(|| {
            let labels: Vec<&str> = Status::VARIANTS.iter().map(|s| s.label()).collect();
            crate::msg!("import-allowed-or-empty", value = labels.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Option<AnswerBody> {
        Some(AnswerBody::Text(t.into()))
    }

    fn items(list: &[&str]) -> Option<AnswerBody> {
        Some(AnswerBody::Items(
            list.iter().map(|s| (*s).to_owned()).collect(),
        ))
    }

    #[test]
    fn lists_come_back_with_their_links() {
        let cell = invert(
            "☐ 一つ目\n☐ 二つ目\n  続き\n  https://example.com/in-item\nhttps://example.com/a",
            Some("☐ "),
            false,
        );
        assert_eq!(
            cell.body,
            items(&["一つ目", "二つ目\n続き\nhttps://example.com/in-item"])
        );
        assert_eq!(cell.links, vec!["https://example.com/a"]);
    }

    #[test]
    fn text_that_is_not_a_list_stays_text() {
        let cell = invert("☐ 一つ目\n説明", Some("☐ "), false);
        assert_eq!(cell.body, text("☐ 一つ目\n説明"));
        assert_eq!(invert("・a\n・b", None, false).body, text("・a\n・b"));
        assert_eq!(invert("", Some("☐ "), true), AnswerCell::default());
    }

    #[test]
    fn trailing_urls_become_links_only_when_asked() {
        let t = "本文\nhttps://example.com/x\nhttps://example.com/y";
        assert_eq!(invert(t, None, false).body, text(t));
        let split = invert(t, None, true);
        assert_eq!(split.body, text("本文"));
        assert_eq!(split.links.len(), 2);
        let only = invert("https://example.com/x", None, true);
        assert_eq!(only.body, None);
        assert_eq!(
            invert("本文 https://example.com/x", None, true).links.len(),
            0
        );
        let leading = invert("\nhttps://example.com/x\nhttps://example.com/y", None, true);
        assert_eq!(leading.body, text("\nhttps://example.com/x"));
        assert_eq!(leading.links, vec!["https://example.com/y"]);
    }

    #[test]
    fn status_labels_and_keys() {
        assert_eq!(status("実施済"), Ok(Some(Status::Implemented)));
        assert_eq!(status(" not-applicable "), Ok(Some(Status::NotApplicable)));
        assert_eq!(status(""), Ok(None));
        assert!(status("済").is_err());
    }
}
