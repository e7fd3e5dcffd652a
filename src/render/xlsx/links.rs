//! The xlsx links sheet: every link the answers give, one clickable row each.
//!
//! A spreadsheet cell holds at most one hyperlink, and a long answer cell that is a link as
//! a whole opens a browser where a reader only meant to select its text. So the answer
//! cells keep their links as text (a cell that is exactly one URL is still a link), and a
//! sheet after the document's own lists each link on a row of its own: the item, which is
//! an in-workbook link to the row of its answer, the control's title, and the link.

use rust_xlsxwriter::{Format as CellFormat, Url, Worksheet, XlsxError};
use strum::VariantArray;

use super::{
    FONT_SIZE, HEADING_SIZE, LINE_HEIGHT, MAX_ROW_HEIGHT, PrintPage, RowKind, RowPlan, Styles,
    TITLE_SIZE, banner_height, text_lines,
};
use crate::layout::ColumnValue;
use crate::model::Lang;
use crate::sheet::{Cell, ColumnHead, Document, EVIDENCE_PREFIX};
use crate::templates::url_runs;

/// The longest hyperlink target Excel follows (Excel specifications and limits: "Length
/// of link in a hyperlink", 2,079 characters); a longer URL is listed as text.
pub(super) const MAX_LINK_CHARS: usize = 2079;

/// One link of one answer, and where that answer is.
pub(super) struct LinkEntry {
    /// The sheet (tab name as written) and the 0-based row of the answer.
    pub sheet: String,
    pub row: u32,
    pub control: String,
    pub title: String,
    pub url: String,
}

/// The links an item row gives, in reading order, each once: URLs in its answer and links
/// cells (a line that is one URL as a whole, else as `url_runs` ends it inside a
/// sentence), then its evidence items that are URLs (as written: the `証跡: ` lines an
/// answer cell shows for them are not read again).
pub(super) fn row_links(
    cells: &[Cell],
    columns: &[ColumnHead],
    evidence: &[String],
) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    let mut add = |url: &str| {
        // `https://` alone (a URL cut short at a character outside ASCII) goes nowhere.
        let has_host = url
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty());
        if has_host && !links.iter().any(|l| l == url) {
            links.push(url.to_owned());
        }
    };
    for (cell, column) in cells.iter().zip(columns) {
        if !matches!(column.value, ColumnValue::Answer | ColumnValue::Links) {
            continue;
        }
        for line in cell.text.split('\n') {
            let shown_evidence = line
                .strip_prefix(EVIDENCE_PREFIX)
                .is_some_and(|item| evidence.iter().any(|e| e == item));
            if shown_evidence {
                continue;
            }
            for (is_url, run) in url_runs(line) {
                if is_url {
                    add(run.trim());
                }
            }
        }
    }
    for item in evidence {
        for (is_url, run) in url_runs(item) {
            if is_url {
                add(run.trim());
            }
        }
    }
    links
}

/// The links sheet's texts in a document's language.
struct Words {
    name: &'static str,
    notice: &'static str,
    headers: [&'static str; 3],
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            name: "リンク一覧",
            notice: "回答に記載したリンクの一覧です。項目をクリックすると、その回答の行に移動します。",
            headers: ["項目", "対策項目", "リンク"],
        },
        Lang::En => Words {
            name: "Links",
            notice: "Every link given in the answers. Click an item to go to its answer.",
            headers: ["Item", "Control", "Link"],
        },
    }
}

/// The name the links sheet wants for its tab, in the document's language.
pub(super) fn sheet_name(lang: Lang) -> &'static str {
    words(lang).name
}

/// Whether a sheet named `name` whose row holds `header` (its first three cells) is the
/// links sheet a build adds: `import` leaves it out, its links being in the answers.
pub fn is_links_sheet(name: &str, header: [&str; 3]) -> bool {
    Lang::VARIANTS.iter().copied().map(words).any(|w| {
        // The tab may carry a suffix that made it unique: `リンク一覧 (2)`.
        name.starts_with(w.name) && header.iter().map(|h| h.trim()).eq(w.headers)
    })
}

/// Column widths in characters: item, control, link.
const WIDTHS: [f64; 3] = [14.0, 44.0, 72.0];

/// An in-workbook link to column A of `row` (0-based) on `sheet`: the name is quoted, a
/// `'` inside it doubled (ECMA-376 Part 1, 18.17.2.3: sheet names in references).
fn internal_target(sheet: &str, row: u32) -> String {
    format!("internal:'{}'!A{}", sheet.replace('\'', "''"), row + 1)
}

/// Writes the links sheet: title, notice, header row (frozen, filtered, repeated on every
/// printed page), then one row per link. Hyperlinks to external URLs are noted for
/// retargeting like every other link of the workbook.
pub(super) fn write_links_sheet(
    ws: &mut Worksheet,
    doc: &Document,
    entries: &[LinkEntry],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let words = words(doc.lang);
    for (col, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let total: f64 = WIDTHS.iter().sum();
    // Row heights as written, for the page breaks.
    let mut rows = RowPlan::default();
    let mut banner = |ws: &mut Worksheet,
                      row: u32,
                      text: &str,
                      (format, size): (&CellFormat, f64)|
     -> Result<(), XlsxError> {
        rows.set(ws, row, banner_height(text, total, size), RowKind::Other)?;
        ws.merge_range(row, 0, row, 2, text, format)?;
        Ok(())
    };
    banner(ws, 0, &doc.title, (&styles.title, TITLE_SIZE))?;
    banner(ws, 1, words.name, (&styles.heading, HEADING_SIZE))?;
    let mut row = 2;
    // The rows that may open the frozen area: the as-of line, the sheet's notice.
    let mut tops = Vec::new();
    // Like every sheet of the document, it says what date it describes.
    if let Some(notice) = &doc.notice {
        tops.push(row);
        banner(ws, row, notice, (&styles.notice, FONT_SIZE))?;
        row += 1;
    }
    if tops.is_empty() {
        tops.push(row);
    }
    banner(ws, row, words.notice, (&styles.notice, FONT_SIZE))?;
    let header_row = row + 2;
    rows.set(ws, header_row, LINE_HEIGHT + 8.0, RowKind::Other)?;
    for (col, header) in words.headers.iter().enumerate() {
        ws.write_string_with_format(header_row, col as u16, *header, &styles.header)?;
    }
    row = header_row + 1;
    for entry in entries {
        // A row's height is set before its cells are written (see [`RowPlan::set`]).
        let lines = [&entry.control, &entry.title, &entry.url]
            .iter()
            .zip(WIDTHS)
            .map(|(text, width)| text_lines(text, width))
            .max()
            .unwrap_or(1);
        let height = (lines as f64 * LINE_HEIGHT + 6.0).min(MAX_ROW_HEIGHT);
        rows.set(ws, row, height, RowKind::Item)?;
        ws.write_url_with_format(
            row,
            0,
            Url::new(internal_target(&entry.sheet, entry.row)).set_text(&entry.control),
            &styles.link,
        )?;
        ws.write_string_with_format(row, 1, &entry.title, &styles.cell)?;
        if entry.url.chars().count() <= MAX_LINK_CHARS {
            ws.write_url_with_format(row, 2, Url::new(&entry.url), &styles.link)?;
            styles.retargets.borrow_mut().note(row, 2, &entry.url);
        } else {
            ws.write_string_with_format(row, 2, &entry.url, &styles.cell)?;
        }
        row += 1;
    }
    super::freeze_above(ws, &rows, tops, header_row)?;
    let page = PrintPage::of(WIDTHS.into_iter());
    ws.set_page_breaks(&rows.page_breaks(header_row, &page))?;
    ws.autofilter(header_row, 0, row - 1, 2)?;
    super::end_rows(ws, row, 2, styles)?;
    super::print_setup(ws, doc, header_row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        let mut cell = Cell::default();
        cell.text = text.into();
        cell
    }

    fn column(value: ColumnValue) -> ColumnHead {
        ColumnHead {
            header: String::new(),
            width: 20.0,
            value,
        }
    }

    #[test]
    fn each_link_of_a_row_once_and_only_real_ones() {
        let columns = [column(ColumnValue::Title), column(ColumnValue::Answer)];
        let evidence = [
            "https://example.jp/監査報告書.pdf".to_owned(),
            "基本方針".to_owned(),
        ];
        let cells = [
            // A title's URL is the guideline's, not an answer's link.
            cell("https://guideline.example/"),
            cell(
                "詳細は https://example.com/a をご覧ください。\nhttps://example.com/a\nhttps://例え.jp/x\n証跡: https://example.jp/監査報告書.pdf\n証跡: 基本方針\n証跡: https://typed.example/b",
            ),
        ];
        assert_eq!(
            row_links(&cells, &columns, &evidence),
            [
                "https://example.com/a",
                "https://例え.jp/x",
                // A `証跡: ` line the answer itself wrote is read as text.
                "https://typed.example/b",
                // Evidence items that are URLs, as written.
                "https://example.jp/監査報告書.pdf",
            ]
        );
        // A URL cut short at a character outside ASCII goes nowhere and is left out.
        assert!(row_links(&[cell("x"), cell("参照: https://例え.jp")], &columns, &[]).is_empty());
    }

    #[test]
    fn the_links_sheet_is_known_by_its_name_and_its_header_row() {
        assert!(is_links_sheet("リンク一覧", ["項目", "対策項目", "リンク"]));
        assert!(is_links_sheet(
            "リンク一覧 (2)",
            ["項目", " 対策項目", "リンク"]
        ));
        assert!(is_links_sheet("Links", ["Item", "Control", "Link"]));
        assert!(!is_links_sheet("リンク一覧", ["項目", "質問", "回答"]));
        assert!(!is_links_sheet("回答", ["項目", "対策項目", "リンク"]));
        assert!(!is_links_sheet("Links", ["項目", "対策項目", "リンク"]));
    }

    #[test]
    fn in_workbook_targets_quote_the_sheet_name() {
        assert_eq!(
            internal_target("O'Brien 表", 4),
            "internal:'O''Brien 表'!A5"
        );
    }
}
