//! Cell texts as the sheet's XML holds them: the shared strings table (without phonetic
//! runs, `<rPh>`, which Japanese workbooks carry for furigana) and the `_xHHHH_` escapes
//! of spreadsheet strings (ECMA-376 §22.9.2.19).

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::error::XmlError;
use super::package::PackageError;
use super::parts::reference_text;
use super::sheet::SheetXml;
use crate::i18n::Message;
use crate::msg;

/// Most shared strings read (a bound for hostile workbooks; Excel itself has no limit
/// below the sheet's cell count, which import limits to 4,000,000).
pub const MAX_SHARED_STRINGS: usize = 4_000_000;

/// Most characters a cell holds: "Total number of characters that a cell can contain:
/// 32,767" (Microsoft, *Excel specifications and limits*). A longer text is refused while
/// it is read, not truncated.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Bytes of XML text past which a cell's text is over [`MAX_CELL_CHARS`] whatever it holds:
/// a character takes at most 7 bytes as written (`_xHHHH_`).
const MAX_CELL_XML_BYTES: usize = MAX_CELL_CHARS * 7;

/// Why a cell's or a shared string's text cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A text longer than a cell can hold ([`MAX_CELL_CHARS`]); `begins` is its start.
    #[error("{}", self.message().to_text())]
    TooLong { begins: String },
    /// More than [`MAX_SHARED_STRINGS`] shared strings.
    #[error("{}", self.message().to_text())]
    TooManySharedStrings,
    /// One shared string (by index) cannot be read.
    #[error("{}", self.message().to_text())]
    SharedString {
        index: usize,
        #[source]
        source: Box<TextError>,
    },
    /// The XML of the shared strings part cannot be read.
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// The part ends inside a string.
    #[error("{}", self.message().to_text())]
    EndsInsideString,
    /// The part cannot be read from the package.
    #[error(transparent)]
    Package(#[from] PackageError),
}

impl TextError {
    /// What is wrong, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            TextError::TooLong { begins } => msg!(
                "xlsx-text-too-long",
                max = MAX_CELL_CHARS.to_string(),
                begins = begins.as_str()
            ),
            TextError::TooManySharedStrings => msg!(
                "xlsx-too-many-shared-strings",
                max = MAX_SHARED_STRINGS.to_string()
            ),
            TextError::SharedString { index, source } => msg!(
                "xlsx-shared-string-error",
                index = index.to_string(),
                error = source.message()
            ),
            TextError::Xml(e) => e.message(),
            TextError::EndsInsideString => msg!("xlsx-ends-inside-string"),
            TextError::Package(e) => e.message(),
        }
    }
}

/// Refuses a text (as read so far, `decoded` or not) longer than a cell can hold.
pub fn check_length(text: &str, decoded: bool) -> Result<(), TextError> {
    let over = if decoded {
        text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS
    } else {
        text.len() > MAX_CELL_XML_BYTES
    };
    if over {
        return Err(TextError::TooLong {
            begins: text.chars().take(30).collect(),
        });
    }
    Ok(())
}

/// The shared strings table (`sharedStrings.xml`), by index.
pub fn shared_strings<R: BufRead>(input: R) -> Result<Vec<String>, TextError> {
    let mut strings = Vec::new();
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let (mut in_item, mut in_text, mut in_phonetic) = (false, false, false);
    let mut current = String::new();
    // The error of the string being read (the next index).
    let at = |index: usize| {
        move |e: TextError| TextError::SharedString {
            index,
            source: Box::new(e),
        }
    };
    loop {
        buf.clear();
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| XmlError::at(&reader, e))?
        {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => {
                    in_item = true;
                    current.clear();
                }
                "rPh" => in_phonetic = true,
                "t" if in_item && !in_phonetic => in_text = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => {
                if strings.len() >= MAX_SHARED_STRINGS {
                    return Err(TextError::TooManySharedStrings);
                }
                strings.push(String::new());
            }
            Event::Text(t) if in_text => {
                current.push_str(t.as_ref());
                check_length(&current, false).map_err(at(strings.len()))?;
            }
            Event::GeneralRef(r) if in_text => current.push_str(&reference_text(&r)),
            Event::CData(t) if in_text => {
                let text: &str = t.as_ref();
                current.push_str(text);
                check_length(&current, false).map_err(at(strings.len()))?;
            }
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    in_item = false;
                    if strings.len() >= MAX_SHARED_STRINGS {
                        return Err(TextError::TooManySharedStrings);
                    }
                    let text = decode(&current).into_owned();
                    check_length(&text, true).map_err(at(strings.len()))?;
                    strings.push(text);
                }
                "rPh" => in_phonetic = false,
                "t" => in_text = false,
                _ => {}
            },
            Event::Eof if in_item => return Err(TextError::EndsInsideString),
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

/// `_xHHHH_` escapes decoded (`_x000D_` → CR, `_x005F_` → `_`).
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains("_x") {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '_'
            && i + 6 < chars.len()
            && chars[i + 1] == 'x'
            && chars[i + 2..i + 6].iter().all(char::is_ascii_hexdigit)
            && chars[i + 6] == '_'
        {
            let hex: String = chars[i + 2..i + 6].iter().collect();
            if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push(c);
                i += 7;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    Cow::Owned(out)
}

/// A sheet's cell texts, with the workbook's shared strings: what `fill` compares and
/// searches (question texts, cover labels, dropdown lists).
pub struct Texts<'a> {
    pub sheet: &'a SheetXml,
    pub shared: &'a [String],
}

impl Texts<'_> {
    /// The text of a cell (1-based row): a string as written, a number or a boolean as
    /// stored; empty for an empty cell or an error.
    pub fn text(&self, row: u32, col: u32) -> Cow<'_, str> {
        let Some(cell) = self.sheet.cell(row, col) else {
            return Cow::Borrowed("");
        };
        match cell.kind.as_str() {
            "s" => cell
                .value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| self.shared.get(i))
                .map_or(Cow::Borrowed(""), |s| Cow::Borrowed(s.as_str())),
            "inlineStr" | "str" => decode(&cell.value),
            "b" => Cow::Borrowed(if cell.value.trim() == "1" {
                "TRUE"
            } else {
                "FALSE"
            }),
            "e" => Cow::Borrowed(""),
            _ => Cow::Borrowed(cell.value.as_str()),
        }
    }

    /// The last row holding a cell (1-based), 0 for none.
    pub fn height(&self) -> u32 {
        self.sheet.rows.iter().map(|r| r.row).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_skip_phonetic_runs_and_join_rich_runs() {
        let xml = r#"<sst><si><t>情報</t><rPh sb="0" eb="2"><t>ジョウホウ</t></rPh></si><si><r><t>a</t></r><r><rPr/><t xml:space="preserve"> &amp; b</t></r></si><si/><si><t>x_x000D_y</t></si></sst>"#;
        assert_eq!(
            shared_strings(xml.as_bytes()).unwrap(),
            ["情報", "a & b", "", "x\ry"]
        );
    }

    #[test]
    fn texts_longer_than_a_cell_can_hold_are_refused() {
        let fits = format!("<sst><si><t>{}</t></si></sst>", "あ".repeat(MAX_CELL_CHARS));
        assert_eq!(
            shared_strings(fits.as_bytes()).unwrap()[0].chars().count(),
            MAX_CELL_CHARS
        );
        let over = format!(
            "<sst><si><t>x</t></si><si><t>{}</t></si></sst>",
            "a".repeat(MAX_CELL_CHARS + 1)
        );
        let e = shared_strings(over.as_bytes()).unwrap_err().to_string();
        assert!(
            e.starts_with("shared string 1: a text of more than 32767 characters"),
            "{e}"
        );
        // Refused while streaming, long before a huge text is held whole.
        let huge = format!("<sst><si><t>{}", "a".repeat(MAX_CELL_CHARS * 8));
        assert!(shared_strings(huge.as_bytes()).is_err());
        let escaped = format!(
            "<sst><si><t>{}</t></si></sst>",
            "_x0041_".repeat(MAX_CELL_CHARS)
        );
        assert_eq!(
            shared_strings(escaped.as_bytes()).unwrap()[0].len(),
            MAX_CELL_CHARS
        );
    }

    #[test]
    fn cdata_and_damage_in_shared_strings() {
        let xml = "<sst><si><t><![CDATA[x < y]]></t></si></sst>";
        assert_eq!(shared_strings(xml.as_bytes()).unwrap(), ["x < y"]);
        assert!(shared_strings("<sst><si><t>cut".as_bytes()).is_err());
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(decode("a_x005F_x0041_b"), "a_x0041_b");
        assert_eq!(decode("_x001B_"), "\u{1b}");
        assert_eq!(decode("no_xZZZZ_"), "no_xZZZZ_");
    }
}
