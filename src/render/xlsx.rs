//! xlsx output: a styled, print-ready workbook. Text is always written as strings (a
//! leading `=` is never a formula); document properties carry no build time, so the same
//! input gives byte-identical files.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format as CellFormat, FormatAlign, FormatBorder, Url,
    Workbook, Worksheet, XlsxError,
};

use std::io;
use std::path::Path;

use super::{RenderContext, RenderError, Renderer};
use crate::layout::ColumnValue;
use crate::model::Format;
use crate::sheet::{Cell, Document, Row, Sheet};
use crate::templates::url_runs;

/// A font with Japanese glyphs that Excel on Windows and macOS both have.
const FONT: &str = "Yu Gothic";
const FONT_SIZE: f64 = 10.0;
/// Points per line of 10pt text, and the tallest row Excel allows.
const LINE_HEIGHT: f64 = 14.0;
const MAX_ROW_HEIGHT: f64 = 409.0;

pub struct XlsxRenderer;

impl Renderer for XlsxRenderer {
    fn format(&self) -> Format {
        Format::Xlsx
    }

    fn render(
        &self,
        context: &RenderContext,
        out: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        // The zip container is assembled in memory (it needs to seek); it is a tenth of
        // the size of the text formats.
        let bytes = quietly_caught(|| write_workbook(context.document(), context.scratch()))?
            .map_err(xlsx_error)?;
        out.write_all(&bytes)?;
        Ok(())
    }
}

/// An xlsx writer's error: a failed read or write of its temporary files is an I/O error,
/// anything else a failure to render.
fn xlsx_error(error: XlsxError) -> RenderError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return RenderError::Io(match io.raw_os_error() {
                Some(code) => io::Error::from_raw_os_error(code),
                None => io::Error::new(io.kind(), io.to_string()),
            });
        }
        cause = e.source();
    }
    RenderError::Template(error.to_string())
}

thread_local! {
    /// Set while [`quietly_caught`] runs on this thread: a panic then is caught and
    /// reported as an error, so the panic hook stays quiet.
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs the xlsx writer, a panic inside it becoming an error. Its streaming
/// ("constant memory") worksheets write their rows to a temporary file and panic when that
/// write fails (a full disk, a file-size limit): that is reported as the I/O error it was.
/// The panic hook in place is wrapped once, skipped only for panics on a thread while it
/// runs `f`.
fn quietly_caught<T>(f: impl FnOnce() -> T) -> Result<T, RenderError> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.try_with(std::cell::Cell::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
    let outer = CATCHING.replace(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.set(outer);
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        panic_error(&message)
    })
}

/// The error a panic of the xlsx writer stands for: the OS error it names (`Os { code: 28,
/// …`), or the panic's message.
fn panic_error(message: &str) -> RenderError {
    let code = message.split_once("Os { code: ").and_then(|(_, rest)| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<i32>().ok()
    });
    match code {
        Some(code) => RenderError::Io(io::Error::from_raw_os_error(code)),
        None if message.contains("write") => RenderError::Io(io::Error::other(message.to_owned())),
        None => RenderError::Template(format!("the xlsx writer failed: {message}")),
    }
}

struct Styles {
    title: CellFormat,
    text: CellFormat,
    notice: CellFormat,
    heading: CellFormat,
    header: CellFormat,
    cell: CellFormat,
    center: CellFormat,
    link: CellFormat,
    groups: [CellFormat; 3],
}

impl Styles {
    fn new() -> Styles {
        let base = CellFormat::new()
            .set_font_name(FONT)
            .set_font_size(FONT_SIZE)
            .set_font_charset(128);
        let boxed = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x9E9E9E))
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let group = |fill: u32, font: u32| {
            boxed
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(font))
                .set_align(FormatAlign::VerticalCenter)
        };
        Styles {
            title: base.clone().set_bold().set_font_size(16.0).set_text_wrap(),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            notice: base
                .clone()
                .set_font_color(Color::RGB(0x555555))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            heading: base.clone().set_bold().set_font_size(12.0).set_text_wrap(),
            header: boxed
                .clone()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F4E78))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            cell: boxed.clone(),
            center: boxed.clone().set_align(FormatAlign::Center),
            link: boxed
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            groups: [
                group(0xD9E2F3, 0x1F3864),
                group(0xEDF2F9, 0x1F3864),
                group(0xF7F7F7, 0x333333),
            ],
        }
    }
}

fn write_workbook(document: &Document, scratch: Option<&Path>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    if let Some(folder) = scratch {
        workbook.set_tempdir(folder)?;
    }
    // A fast deflate level: a third of the default level's time, for a file about a fifth
    // larger (measured on 20,000 rows; level 1 gives files three quarters larger).
    workbook.set_zip_compression_level(2);
    let created = document
        .as_of
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok())
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid fixed date"));
    let properties = DocProperties::new()
        .set_title(&document.title)
        .set_company(&document.organization)
        .set_author(&document.organization)
        .set_subject(&document.catalog_title)
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let styles = Styles::new();
    let mut used_names: Vec<String> = Vec::new();
    for (index, sheet) in document.sheets.iter().enumerate() {
        // Rows are written top to bottom, so each sheet streams to a temporary file
        // instead of holding every cell in memory.
        let worksheet = workbook.add_worksheet_with_constant_memory()?;
        let name = sheet_name(&sheet.name, index, &used_names);
        worksheet.set_name(&name)?;
        used_names.push(name);
        write_sheet(worksheet, document, sheet, index == 0, &styles)?;
    }
    workbook.save_to_buffer()
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, index: usize, used: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').to_owned();
    let mut name: String = if cleaned.is_empty() {
        format!("Sheet{}", index + 1)
    } else {
        cleaned
    };
    name = name.chars().take(31).collect();
    let mut candidate = name.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&candidate)) {
        let suffix = format!(" ({n})");
        candidate = name
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    candidate
}

fn write_sheet(
    ws: &mut Worksheet,
    doc: &Document,
    sheet: &Sheet,
    first: bool,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let last_col = (doc.columns.len().max(1) - 1) as u16;
    let total_width: f64 = doc.columns.iter().map(|c| c.width).sum();
    for (col, column) in doc.columns.iter().enumerate() {
        ws.set_column_width(col as u16, column.width)?;
    }
    let mut row: u32 = 0;
    let banner = |ws: &mut Worksheet,
                  text: &str,
                  format: &CellFormat,
                  row: &mut u32|
     -> Result<(), XlsxError> {
        if last_col > 0 {
            ws.merge_range(*row, 0, *row, last_col, text, format)?;
        } else {
            ws.write_string_with_format(*row, 0, text, format)?;
        }
        let lines = text_lines(text, total_width);
        ws.set_row_height(
            *row,
            (lines as f64 * LINE_HEIGHT + 4.0).clamp(LINE_HEIGHT + 4.0, MAX_ROW_HEIGHT),
        )?;
        *row += 1;
        Ok(())
    };
    banner(ws, &doc.title, &styles.title, &mut row)?;
    ws.set_row_height(0, 26.0)?;
    banner(ws, &doc.organization, &styles.text, &mut row)?;
    if let Some(notice) = &doc.notice {
        banner(ws, notice, &styles.notice, &mut row)?;
    }
    if first {
        // Several paragraphs read as a bulleted list, as in Markdown and HTML.
        let bullet = if doc.intro.len() > 1 { "・" } else { "" };
        for paragraph in &doc.intro {
            banner(ws, &format!("{bullet}{paragraph}"), &styles.text, &mut row)?;
        }
    }
    if let Some(heading) = &sheet.heading {
        row += 1;
        banner(ws, heading, &styles.heading, &mut row)?;
    }
    if let Some(notice) = &sheet.notice {
        banner(ws, notice, &styles.notice, &mut row)?;
    }
    row += 1;
    let header_row = row;
    for (col, column) in doc.columns.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, &column.header, &styles.header)?;
    }
    let header_lines = doc
        .columns
        .iter()
        .map(|c| text_lines(&c.header, c.width))
        .max()
        .unwrap_or(1);
    ws.set_row_height(row, header_lines as f64 * LINE_HEIGHT + 8.0)?;
    row += 1;
    for item in &sheet.rows {
        match item {
            Row::Group {
                depth,
                lead,
                text,
                intro,
                ..
            } => {
                let format = &styles.groups[(depth - 1).min(2)];
                let lead_count = (lead.len() as u16).min(last_col);
                for (col, value) in lead.iter().take(lead_count as usize).enumerate() {
                    ws.write_string_with_format(row, col as u16, value, format)?;
                }
                if lead_count < last_col {
                    ws.merge_range(row, lead_count, row, last_col, text, format)?;
                } else {
                    ws.write_string_with_format(row, last_col, text, format)?;
                }
                let widths: f64 = doc
                    .columns
                    .iter()
                    .skip(lead_count as usize)
                    .map(|c| c.width)
                    .sum();
                let lines = text_lines(text, widths).max(
                    lead.iter()
                        .map(|l| text_lines(l, doc.columns[0].width))
                        .max()
                        .unwrap_or(1),
                );
                ws.set_row_height(row, (lines as f64 * LINE_HEIGHT + 6.0).min(MAX_ROW_HEIGHT))?;
                row += 1;
                if let Some(intro) = intro {
                    if last_col > 0 {
                        ws.merge_range(row, 0, row, last_col, intro, &styles.cell)?;
                    } else {
                        ws.write_string_with_format(row, 0, intro, &styles.cell)?;
                    }
                    ws.set_row_height(
                        row,
                        (text_lines(intro, total_width) as f64 * LINE_HEIGHT + 6.0)
                            .min(MAX_ROW_HEIGHT),
                    )?;
                    row += 1;
                }
            }
            Row::Item { cells, .. } => {
                let mut lines = 1;
                for (col, (cell, column)) in cells.iter().zip(&doc.columns).enumerate() {
                    let centered = matches!(
                        column.value,
                        ColumnValue::Level
                            | ColumnValue::Status
                            | ColumnValue::Number
                            | ColumnValue::Id
                    );
                    write_cell(
                        ws,
                        row,
                        col as u16,
                        cell,
                        if centered {
                            &styles.center
                        } else {
                            &styles.cell
                        },
                        styles,
                    )?;
                    lines = lines.max(text_lines(&cell.text, column.width));
                }
                ws.set_row_height(row, (lines as f64 * LINE_HEIGHT + 6.0).min(MAX_ROW_HEIGHT))?;
                row += 1;
            }
        }
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    if row > header_row + 1 {
        ws.autofilter(header_row, 0, row - 1, last_col)?;
    }
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    let header_text = doc.header.as_deref().unwrap_or(&doc.title);
    ws.set_header(format!(
        "&L&8{}&R&8{}",
        escape_header(header_text),
        escape_header(&doc.organization)
    ));
    ws.set_footer("&C&8&P / &N");
    Ok(())
}

/// Writes a cell as a string. A cell that is exactly one URL becomes a clickable link;
/// longer texts stay plain strings so they wrap in every spreadsheet application.
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: &CellFormat,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let text = cell.text.trim();
    let whole_url = text.starts_with("http")
        && matches!(url_runs(text).as_slice(), [(true, url)] if url.len() == text.len() && url.len() <= 2079);
    if whole_url {
        ws.write_url_with_format(row, col, Url::new(text), &styles.link)?;
    } else {
        ws.write_string_with_format(row, col, &*cell.text, format)?;
    }
    Ok(())
}

/// `&` starts a code in Excel headers and footers; double it to print it.
fn escape_header(text: &str) -> String {
    text.replace('&', "&&").chars().take(200).collect()
}

/// Estimated wrapped lines of `text` in a column `width` characters wide, for merged rows
/// (which spreadsheet applications do not fit to their content). Full-width characters
/// are about 1.7 column units in Yu Gothic and in LibreOffice's CJK fallback fonts.
fn text_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let (ascii, wide) = ascii_and_wide_chars(line.as_bytes());
            // In tenths of a column unit, so that the sum is exact.
            let tenths = 10 * ascii + 17 * wide;
            ((tenths as f64 / 10.0 / usable).ceil() as usize).max(1)
        })
        .sum()
}

/// How many ASCII and how many other characters UTF-8 `bytes` hold, counted eight bytes
/// at a time: a byte below 0x80 is an ASCII character, a byte `10xxxxxx` continues a
/// character, any other byte starts one.
fn ascii_and_wide_chars(bytes: &[u8]) -> (usize, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut ascii, mut continuations) = (0, 0);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        ascii += 8 - (word & HIGH).count_ones() as usize;
        // Bit 7 set and bit 6 clear: `word << 1` brings each byte's bit 6 to its bit 7.
        continuations += (word & !(word << 1) & HIGH).count_ones() as usize;
    }
    for &byte in chunks.remainder() {
        ascii += usize::from(byte < 0x80);
        continuations += usize::from(byte & 0xC0 == 0x80);
    }
    (ascii, bytes.len() - continuations - ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_a_failed_write_is_the_os_error_it_names() {
        let error = panic_error(
            "Couldn't write to xml file: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }",
        );
        match error {
            RenderError::Io(e) => assert_eq!(e.raw_os_error(), Some(28)),
            other => panic!("{other:?}"),
        }
        assert_eq!(panic_error("Couldn't write to xml file").exit_code(), 2);
        assert!(matches!(
            panic_error("index out of bounds"),
            RenderError::Template(_)
        ));
    }

    #[test]
    fn a_panic_inside_the_writer_is_caught() {
        let caught = quietly_caught(|| -> u8 {
            panic!("Couldn't write to xml file: Os {{ code: 27, kind: FileTooLarge }}")
        });
        assert!(matches!(caught, Err(RenderError::Io(e)) if e.raw_os_error() == Some(27)));
        assert_eq!(quietly_caught(|| 7).unwrap(), 7);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let used = vec!["センター・設備".to_owned()];
        assert_eq!(sheet_name("センター・設備", 1, &used), "センター・設備 (2)");
        assert_eq!(sheet_name("a/b[c]", 0, &[]), "abc");
        assert_eq!(sheet_name("", 2, &[]), "Sheet3");
        assert_eq!(sheet_name(&"x".repeat(40), 0, &[]).len(), 31);
    }

    #[test]
    fn wrapped_lines_count_full_width_wider() {
        assert_eq!(text_lines("あいうえお", 10.0), 1);
        assert_eq!(text_lines("あいうえおかきくけこ", 10.0), 2);
        assert_eq!(text_lines("a\nb", 10.0), 2);
        // Ten full-width characters are exactly 17 units: one line of 17, not two.
        assert_eq!(text_lines(&"あ".repeat(10), 18.0), 1);
        assert_eq!(text_lines(&"あ".repeat(11), 18.0), 2);
        assert_eq!(text_lines("aあ", 3.7), 1);
    }

    #[test]
    fn characters_are_counted_eight_bytes_at_a_time_as_one_by_one() {
        for text in [
            "",
            "abc",
            "あいう",
            "aあbいcうdえeおf",
            "𠮷野家のカレー 2024年 ½ €",
            "x\u{7f}\u{80}é漢字テスト…",
        ] {
            for repeat in [1, 2, 3, 5, 9] {
                let text = text.repeat(repeat);
                let ascii = text.chars().filter(char::is_ascii).count();
                let wide = text.chars().count() - ascii;
                assert_eq!(
                    ascii_and_wide_chars(text.as_bytes()),
                    (ascii, wide),
                    "{text}"
                );
            }
        }
    }
}
