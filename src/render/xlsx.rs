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

mod links;
use links::LinkEntry;
pub use links::is_links_sheet;

/// A font with Japanese glyphs that Excel on Windows and macOS both have.
const FONT: &str = "Yu Gothic";
const FONT_SIZE: f64 = 10.0;
/// The sizes of the title and of a sheet's heading.
const TITLE_SIZE: f64 = 16.0;
const HEADING_SIZE: f64 = 12.0;
/// Points per line of text in Yu Gothic, for each point of font size: Excel's default row
/// for its default font, Yu Gothic 11 pt, is 18.75 pt (the standard row height since
/// Excel 2016, when Yu Gothic replaced MS PGothic and the row grew from 13.5 pt), and Word
/// needs a line pitch of about 1.67 × the size for the Yu fonts not to skip a grid line.
/// Excel draws wrapped lines at that pitch, so a row set to fewer points per line clips
/// the last lines of a tall cell. LibreOffice, which falls back to another CJK font with
/// tighter lines, shows the same rows a little airier.
const LINE_PER_POINT: f64 = 18.75 / 11.0;
/// Points per line of 10 pt text: [`line_height`] of [`FONT_SIZE`].
const LINE_HEIGHT: f64 = 17.25;
/// The tallest row Excel allows (Excel specifications and limits: row height 409 points).
const MAX_ROW_HEIGHT: f64 = 409.0;

/// Points per line of `size`-point text: [`LINE_PER_POINT`] rounded up to a whole pixel
/// (0.75 pt at 96 pixels per inch), as rows are drawn in whole pixels.
fn line_height(size: f64) -> f64 {
    (size * LINE_PER_POINT / 0.75).ceil() * 0.75
}

/// The height of a row of `size`-point text across columns `width` characters wide (of the
/// 10 pt font): its lines and 4 points of padding, within Excel's limits.
fn banner_height(text: &str, width: f64, size: f64) -> f64 {
    let lines = text_lines(text, width * FONT_SIZE / size) as f64;
    let line = line_height(size);
    (lines * line + 4.0).clamp(line + 4.0, MAX_ROW_HEIGHT)
}

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
    RenderError::Template(crate::msg!("plain", text = error.to_string()))
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
        None => RenderError::Template(crate::msg!("writer-failed", message = message)),
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
    /// Link targets to set back to the URL as written (see [`Retargets`]).
    retargets: std::cell::RefCell<Retargets>,
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
            title: base
                .clone()
                .set_bold()
                .set_font_size(TITLE_SIZE)
                .set_text_wrap(),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            notice: base
                .clone()
                .set_font_color(Color::RGB(0x555555))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            heading: base
                .clone()
                .set_bold()
                .set_font_size(HEADING_SIZE)
                .set_text_wrap(),
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
            retargets: Default::default(),
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
    let mut link_entries: Vec<LinkEntry> = Vec::new();
    for (index, sheet) in document.sheets.iter().enumerate() {
        // Rows are written top to bottom, so each sheet streams to a temporary file
        // instead of holding every cell in memory.
        let worksheet = workbook.add_worksheet_with_constant_memory()?;
        let name = sheet_name(&sheet.name, index, &used_names);
        worksheet.set_name(&name)?;
        styles.retargets.borrow_mut().sheet = index;
        let place = SheetPlace {
            name: &name,
            first: index == 0,
        };
        write_sheet(
            worksheet,
            document,
            sheet,
            place,
            &styles,
            &mut link_entries,
        )?;
        used_names.push(name);
    }
    if !link_entries.is_empty() {
        let index = document.sheets.len();
        let worksheet = workbook.add_worksheet_with_constant_memory()?;
        let name = sheet_name(links::sheet_name(document.lang), index, &used_names);
        worksheet.set_name(&name)?;
        styles.retargets.borrow_mut().sheet = index;
        links::write_links_sheet(worksheet, document, &link_entries, &styles)?;
    }
    let bytes = workbook.save_to_buffer()?;
    styles
        .retargets
        .into_inner()
        .apply(bytes)
        .map_err(XlsxError::ParameterError)
}

/// Link targets as the answers write them. rust_xlsxwriter percent-escapes `%`, `[`, `]`,
/// `^`, `` ` ``, `{`, `}` (and white space, `<`, `>`, `"`, which a link never holds here) in
/// a link's target unless the target already holds an escape of one of those characters:
/// `https://example.jp/search?q=%E3%82%BB` would open `…q=%25E3%2582%25BB`. Every link is
/// noted by sheet and cell while the sheets are written; once the workbook is saved, each
/// sheet's hyperlink relationships — which rust_xlsxwriter writes in cell order — are set
/// back to the URL as written wherever the target found is the one it was predicted to
/// write for that cell.
#[derive(Default)]
struct Retargets {
    /// The sheet being written (0-based).
    sheet: usize,
    /// Per sheet, by cell: (the target rust_xlsxwriter writes, the URL as written).
    links: Vec<std::collections::BTreeMap<(u32, u16), (String, String)>>,
    /// Whether any target differs from the URL as written.
    needed: bool,
}

impl Retargets {
    fn note(&mut self, row: u32, col: u16, url: &str) {
        // The relationship holds the part before `#`; the fragment goes to `location`.
        let target = url.split('#').next().unwrap_or(url);
        let written = xlsxwriter_target(target);
        self.needed |= written != target;
        if self.links.len() <= self.sheet {
            self.links.resize_with(self.sheet + 1, Default::default);
        }
        self.links[self.sheet].insert((row, col), (written, target.to_owned()));
    }

    fn apply(self, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        use std::io::{Cursor, Read, Write};
        use zip::write::SimpleFileOptions;
        use zip::{CompressionMethod, ZipArchive, ZipWriter};
        if !self.needed {
            return Ok(bytes);
        }
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).map_err(|e| e.to_string())?;
        let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
        for index in 0..zip.len() {
            let name = zip
                .by_index_raw(index)
                .map_err(|e| e.to_string())?
                .name()
                .map_err(|e| e.to_string())?
                .into_owned();
            let sheet = name
                .strip_prefix("xl/worksheets/_rels/sheet")
                .and_then(|rest| rest.strip_suffix(".xml.rels"))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.links.get(n.checked_sub(1)?))
                .filter(|links| links.values().any(|(written, target)| written != target));
            let Some(links) = sheet else {
                let file = zip.by_index_raw(index).map_err(|e| e.to_string())?;
                out.raw_copy_file(file).map_err(|e| e.to_string())?;
                continue;
            };
            let mut file = zip.by_index(index).map_err(|e| e.to_string())?;
            let mut xml = String::new();
            file.read_to_string(&mut xml).map_err(|e| e.to_string())?;
            let xml = retarget_relationships(&xml, links.values());
            let mut options = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(2));
            if let Some(time) = file.last_modified() {
                options = options.last_modified_time(time);
            }
            drop(file);
            out.start_file(name.as_str(), options)
                .map_err(|e| e.to_string())?;
            out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
        }
        Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
    }
}

/// A sheet's relationships with the targets of its hyperlinks, in order, set to the URLs
/// as written. A hyperlink whose target is not the one predicted is left as it is.
fn retarget_relationships<'a>(
    xml: &str,
    mut links: impl Iterator<Item = &'a (String, String)>,
) -> String {
    let attribute = |url: &str| {
        format!(
            "Target=\"{}\"",
            url.replace('&', "&amp;").replace('"', "&quot;")
        )
    };
    let mut out = String::with_capacity(xml.len() + 64);
    let mut pieces = xml.split("<Relationship ");
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str("<Relationship ");
        let end = piece.find('>').unwrap_or(piece.len());
        let is_hyperlink = piece[..end].contains("/relationships/hyperlink\"");
        match is_hyperlink.then(|| links.next()).flatten() {
            Some((written, target)) if written != target => {
                let (from, to) = (attribute(written), attribute(target));
                match piece[..end].find(&from) {
                    Some(at) => {
                        out.push_str(&piece[..at]);
                        out.push_str(&to);
                        out.push_str(&piece[at + from.len()..]);
                    }
                    None => out.push_str(piece),
                }
            }
            _ => out.push_str(piece),
        }
    }
    out
}

/// The relationship target rust_xlsxwriter 0.102 writes for `url` (its `Url::is_escaped`
/// and `escape_url`): the URL as it is when it holds one of the escapes below, else with
/// each of the characters they stand for escaped.
fn xlsxwriter_target(url: &str) -> String {
    const KNOWN: [&str; 11] = [
        "%20", "%25", "%22", "%60", "%3C", "%3E", "%5B", "%5D", "%5E", "%7B", "%7D",
    ];
    let upper = url.to_ascii_uppercase();
    if url.contains('%') && KNOWN.iter().any(|k| upper.contains(k)) {
        return url.to_owned();
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3c"),
            '>' => out.push_str("%3e"),
            '[' => out.push_str("%5b"),
            ']' => out.push_str("%5d"),
            '^' => out.push_str("%5e"),
            '`' => out.push_str("%60"),
            '{' => out.push_str("%7b"),
            '}' => out.push_str("%7d"),
            c => out.push(c),
        }
    }
    out
}

/// Most characters of a sheet (tab) name, and the characters a name may not hold. Excel
/// refuses a name that is blank, longer than 31 characters, holds any of `/ \ ? * : [ ]`,
/// begins or ends with an apostrophe, or is `History` (Microsoft Support, "Rename a
/// worksheet"), and compares names without regard to case.
const SHEET_NAME_CHARS: usize = 31;
const SHEET_NAME_FORBIDDEN: &str = "[]:*?/\\";

/// A valid, unique sheet name for `wanted` (a title): the forbidden characters and line
/// breaks left out, a name too long cut with `…`, and ` (2)`, ` (3)` … added to a name the
/// workbook has already.
fn sheet_name(wanted: &str, index: usize, used: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !SHEET_NAME_FORBIDDEN.contains(*c))
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches('\'').trim().to_owned();
    let name: String = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
        format!("Sheet{}", index + 1)
    } else {
        cleaned
    };
    let cut = |name: &str, room: usize| -> String {
        if name.chars().count() <= room {
            return name.to_owned();
        }
        let kept: String = name.chars().take(room - 1).collect();
        format!("{}…", kept.trim_end().trim_end_matches('\''))
    };
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    let mut candidate = cut(&name, SHEET_NAME_CHARS);
    let mut n = 2;
    while used.iter().any(|u| same(u, &candidate)) {
        let suffix = format!(" ({n})");
        candidate = cut(&name, SHEET_NAME_CHARS - suffix.chars().count()) + &suffix;
        n += 1;
    }
    candidate
}

/// A sheet's tab name, and whether it is the document's first sheet (which alone shows the
/// introduction).
struct SheetPlace<'a> {
    name: &'a str,
    first: bool,
}

/// Writes one sheet of the document, adding the links its answers give to `link_entries`.
fn write_sheet(
    ws: &mut Worksheet,
    doc: &Document,
    sheet: &Sheet,
    place: SheetPlace,
    styles: &Styles,
    link_entries: &mut Vec<LinkEntry>,
) -> Result<(), XlsxError> {
    for (col, column) in doc.columns.iter().enumerate() {
        ws.set_column_width(col as u16, column.width)?;
    }
    let mut w = SheetWriter {
        ws,
        doc,
        styles,
        last_col: (doc.columns.len().max(1) - 1) as u16,
        total_width: doc.columns.iter().map(|c| c.width).sum(),
        row: 0,
        rows: RowPlan::default(),
    };
    let frozen_from = w.top(sheet, place.first)?;
    let header_row = w.header()?;
    for item in &sheet.rows {
        match item {
            Row::Group {
                depth,
                lead,
                text,
                intro,
                ..
            } => w.group(*depth, lead, text, intro.as_deref())?,
            Row::Item {
                id,
                cells,
                evidence,
                ..
            } => {
                for url in links::row_links(cells, &doc.columns, evidence) {
                    link_entries.push(LinkEntry {
                        sheet: place.name.to_owned(),
                        row: w.row,
                        control: id.to_string(),
                        title: control_title(cells, &doc.columns),
                        url,
                    });
                }
                w.item(cells)?;
            }
        }
    }
    let SheetWriter {
        ws,
        rows,
        row,
        last_col,
        ..
    } = w;
    // The header row stays in view while scrolling. When the rows above it (title,
    // preamble, notice) are short they stay in view too; when they would take more than
    // FROZEN_BUDGET of the screen, the sheet opens scrolled down so that only the notice
    // (or the sheet's heading, or its notice) and the header row are frozen, or the
    // header row alone: the rows above are there (Unfreeze Panes shows them) and on the
    // first printed page.
    freeze_above(ws, &rows, frozen_from, header_row)?;
    let page = PrintPage::of(doc.columns.iter().map(|c| c.width));
    ws.set_page_breaks(&rows.page_breaks(header_row, &page))?;
    if row > header_row + 1 {
        ws.autofilter(header_row, 0, row - 1, last_col)?;
    }
    end_rows(ws, row, last_col, styles)?;
    print_setup(ws, doc, header_row)
}

/// One sheet being written, row by row: where the next row goes, and the height and kind
/// of every row written (for the frozen area and the page breaks).
struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    doc: &'a Document,
    styles: &'a Styles,
    last_col: u16,
    /// The width of all columns together, in characters.
    total_width: f64,
    row: u32,
    rows: RowPlan,
}

impl SheetWriter<'_> {
    /// A text across every column, as high as its lines at `size` points need.
    fn banner(&mut self, text: &str, (format, size): (&CellFormat, f64)) -> Result<(), XlsxError> {
        self.across(text, format)?;
        let height = banner_height(text, self.total_width, size);
        self.rows.set(self.ws, self.row, height, RowKind::Other)?;
        self.row += 1;
        Ok(())
    }

    /// Writes `text` across every column of the current row (merged when there are several).
    fn across(&mut self, text: &str, format: &CellFormat) -> Result<(), XlsxError> {
        if self.last_col > 0 {
            self.ws
                .merge_range(self.row, 0, self.row, self.last_col, text, format)?;
        } else {
            self.ws
                .write_string_with_format(self.row, 0, text, format)?;
        }
        Ok(())
    }

    /// The rows above the table: title, company, the introduction on the first sheet, the
    /// notice, the sheet's heading and notice. Returns the rows that may open a frozen
    /// area above the header row, first to last: the notice (the as-of date, after the
    /// introduction so that it stays next to the table), the sheet's heading, its notice.
    fn top(&mut self, sheet: &Sheet, first: bool) -> Result<Vec<u32>, XlsxError> {
        let (doc, styles) = (self.doc, self.styles);
        let body = |format| (format, FONT_SIZE);
        self.banner(&doc.title, (&styles.title, TITLE_SIZE))?;
        self.banner(&doc.organization, body(&styles.text))?;
        if first {
            // Several paragraphs read as a bulleted list, as in Markdown and HTML.
            let bullet = if doc.intro.len() > 1 { "・" } else { "" };
            for paragraph in &doc.intro {
                self.banner(&format!("{bullet}{paragraph}"), body(&styles.text))?;
            }
        }
        let mut frozen_from = Vec::new();
        if let Some(notice) = &doc.notice {
            frozen_from.push(self.row);
            self.banner(notice, body(&styles.notice))?;
        }
        if let Some(heading) = &sheet.heading {
            self.row += 1;
            frozen_from.push(self.row);
            self.banner(heading, (&styles.heading, HEADING_SIZE))?;
        }
        if let Some(notice) = &sheet.notice {
            frozen_from.push(self.row);
            self.banner(notice, body(&styles.notice))?;
        }
        self.row += 1;
        Ok(frozen_from)
    }

    /// The header row of the table; returns its row.
    fn header(&mut self) -> Result<u32, XlsxError> {
        let header_row = self.row;
        for (col, column) in self.doc.columns.iter().enumerate() {
            self.ws.write_string_with_format(
                header_row,
                col as u16,
                &column.header,
                &self.styles.header,
            )?;
        }
        let header_lines = self
            .doc
            .columns
            .iter()
            .map(|c| text_lines(&c.header, c.width))
            .max()
            .unwrap_or(1);
        let height = header_lines as f64 * LINE_HEIGHT + 8.0;
        self.rows.set(self.ws, header_row, height, RowKind::Other)?;
        self.row += 1;
        Ok(header_row)
    }

    /// A group's heading row (its lead cells, then its text across the rest), and its
    /// introduction across every column when it has one.
    fn group(
        &mut self,
        depth: usize,
        lead: &[String],
        text: &str,
        intro: Option<&str>,
    ) -> Result<(), XlsxError> {
        let (doc, styles, last_col, row) = (self.doc, self.styles, self.last_col, self.row);
        let format = &styles.groups[(depth - 1).min(2)];
        let lead_count = (lead.len() as u16).min(last_col);
        for (col, value) in lead.iter().take(lead_count as usize).enumerate() {
            self.ws
                .write_string_with_format(row, col as u16, value, format)?;
        }
        if lead_count < last_col {
            self.ws
                .merge_range(row, lead_count, row, last_col, text, format)?;
        } else {
            self.ws
                .write_string_with_format(row, last_col, text, format)?;
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
        let height = (lines as f64 * LINE_HEIGHT + 6.0).min(MAX_ROW_HEIGHT);
        self.rows.set(self.ws, row, height, RowKind::Heading)?;
        self.row += 1;
        if let Some(intro) = intro {
            self.across(intro, &styles.cell)?;
            let height = (text_lines(intro, self.total_width) as f64 * LINE_HEIGHT + 6.0)
                .min(MAX_ROW_HEIGHT);
            self.rows.set(self.ws, self.row, height, RowKind::Heading)?;
            self.row += 1;
        }
        Ok(())
    }

    /// An item's row: one cell per column, as high as its tallest cell.
    fn item(&mut self, cells: &[crate::sheet::Cell]) -> Result<(), XlsxError> {
        let (doc, styles, row) = (self.doc, self.styles, self.row);
        let mut lines = 1;
        for (col, (cell, column)) in cells.iter().zip(&doc.columns).enumerate() {
            let centered = matches!(
                column.value,
                ColumnValue::Level | ColumnValue::Status | ColumnValue::Number | ColumnValue::Id
            );
            let format = if centered {
                &styles.center
            } else {
                &styles.cell
            };
            write_cell(self.ws, row, col as u16, cell, format, styles)?;
            lines = lines.max(text_lines(&cell.text, column.width));
        }
        let height = (lines as f64 * LINE_HEIGHT + 6.0).min(MAX_ROW_HEIGHT);
        self.rows.set(self.ws, row, height, RowKind::Item)?;
        self.row += 1;
        Ok(())
    }
}

/// How every sheet prints: A4 landscape fitted to the page width, the header row repeated
/// on each page, the document's title and company in the page header, page numbers below.
fn print_setup(ws: &mut Worksheet, doc: &Document, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_margins(
        MARGIN_LEFT_RIGHT,
        MARGIN_LEFT_RIGHT,
        MARGIN_TOP_BOTTOM,
        MARGIN_TOP_BOTTOM,
        0.3,
        0.3,
    );
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

/// Ends a sheet whose rows stop before `row`: an empty, unstyled-looking cell in a row of
/// default height after them, and a print area that leaves it out. rust_xlsxwriter 0.102's
/// streaming ("constant memory") sheets write the `<row>` element of their last row twice
/// when that row has a height of its own (`flush_last_row` flushes the current row, then
/// its row options again), which makes the part invalid (ECMA-376 Part 1, 18.3.1.73: rows
/// in ascending order, each once); a last row without options is written once.
fn end_rows(ws: &mut Worksheet, row: u32, last_col: u16, styles: &Styles) -> Result<(), XlsxError> {
    ws.write_blank(row, 0, &styles.text)?;
    ws.set_print_area(0, 0, row.saturating_sub(1), last_col)?;
    Ok(())
}

/// Freezes the rows down to `header_row`, from the first of row 0 and then `tops` whose
/// rows take at most [`FROZEN_BUDGET`]; when none does, the sheet opens scrolled down to
/// the header row, which alone is frozen.
fn freeze_above(
    ws: &mut Worksheet,
    rows: &RowPlan,
    tops: Vec<u32>,
    header_row: u32,
) -> Result<(), XlsxError> {
    let frozen_top = std::iter::once(0)
        .chain(tops)
        .find(|&top| rows.height(top, header_row + 1) <= FROZEN_BUDGET)
        .unwrap_or(header_row);
    if frozen_top == 0 {
        ws.set_freeze_panes(header_row + 1, 0)?;
    } else {
        ws.set_top_left_cell(frozen_top, 0)?;
        // In a frozen pane, `ySplit` is the number of rows shown above the split, counted
        // from the view's top-left cell (ECMA-376 Part 1, 18.3.1.66 pane).
        ws.set_freeze_panes(header_row + 1 - frozen_top, 0)?;
        ws.set_freeze_panes_top_cell(header_row + 1, 0)?;
    }
    Ok(())
}

/// Page margins, in inches: 0.4 at the sides, 0.6 at the top and bottom (the header and
/// footer sit 0.3 from the edge, inside them).
const MARGIN_LEFT_RIGHT: f64 = 0.4;
const MARGIN_TOP_BOTTOM: f64 = 0.6;
/// A4 is 210 × 297 mm (ISO 216), in points of 1/72 inch (25.4 mm): landscape, 841.89 wide
/// and 595.28 high.
const A4_LONG_PT: f64 = 297.0 / 25.4 * 72.0;
const A4_SHORT_PT: f64 = 210.0 / 25.4 * 72.0;
/// The height of a row whose height is not set: 15 points for the workbook's default font
/// (Calibri 11, rust_xlsxwriter's `Normal` style).
const DEFAULT_ROW_HEIGHT: f64 = 15.0;
/// The most manual page breaks a sheet may have (Excel specifications and limits: "Page
/// breaks: 1,026 horizontal and vertical"; rust_xlsxwriter refuses more than 1,023).
const MAX_PAGE_BREAKS: usize = 1023;
/// Most points the frozen rows at the top of a sheet may take: about a fifth of the rows
/// a laptop screen shows at 100% (a 1080-pixel-high screen shows about 600 points of
/// cells), so that the table keeps most of the window.
const FROZEN_BUDGET: f64 = 120.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RowKind {
    /// Title, notice, preamble, blank rows, the header row.
    Other,
    /// A group row, or a group's intro paragraph under it.
    Heading,
    Item,
}

/// The heights (points) and kinds of a sheet's rows, as written.
#[derive(Default)]
struct RowPlan {
    heights: Vec<f64>,
    kinds: Vec<RowKind>,
}

impl RowPlan {
    /// Sets a row's height on the sheet and records it.
    fn set(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        height: f64,
        kind: RowKind,
    ) -> Result<(), XlsxError> {
        ws.set_row_height(row, height)?;
        let at = row as usize;
        if self.heights.len() <= at {
            self.heights.resize(at + 1, DEFAULT_ROW_HEIGHT);
            self.kinds.resize(at + 1, RowKind::Other);
        }
        self.heights[at] = height;
        self.kinds[at] = kind;
        Ok(())
    }

    /// The height of rows `from..to`.
    fn height(&self, from: u32, to: u32) -> f64 {
        (from..to)
            .map(|r| {
                self.heights
                    .get(r as usize)
                    .copied()
                    .unwrap_or(DEFAULT_ROW_HEIGHT)
            })
            .sum()
    }

    /// The first row of every page after the first (up to Excel's [`MAX_PAGE_BREAKS`]; the
    /// application breaks the pages after those itself), as manual page breaks: each page
    /// holds the rows that fit in `page` (with the header row, `header_row`, repeated at
    /// its top), and a run of group headings whose first item would not fit on the page
    /// starts the next one, so that no heading is left alone at the foot of a page. Every
    /// break is given, so the spreadsheet application adds none of its own where the
    /// estimate is right or a little high; a row taller than a page gets a page of its own.
    fn page_breaks(&self, header_row: u32, page: &PrintPage) -> Vec<u32> {
        let rows = self.heights.len();
        let repeated = self
            .heights
            .get(header_row as usize)
            .copied()
            .unwrap_or(0.0);
        let first_body = header_row as usize + 1;
        let mut breaks = Vec::new();
        let mut used = self.heights[..first_body.min(rows)].iter().sum::<f64>();
        let mut on_page = 0;
        for r in first_body..rows {
            let starts_run =
                self.kinds[r] == RowKind::Heading && self.kinds[r - 1] != RowKind::Heading;
            // The rows that must share a page with row r: a run of headings and the first
            // row under them, or the row alone.
            let together: f64 = if starts_run {
                let mut end = r;
                while end < rows && self.kinds[end] == RowKind::Heading {
                    end += 1;
                }
                self.heights[r..(end + 1).min(rows)].iter().sum()
            } else {
                self.heights[r]
            };
            let fits_alone = repeated + together <= page.height;
            let needed = if fits_alone {
                together
            } else {
                self.heights[r]
            };
            if on_page > 0 && used + needed > page.height {
                if breaks.len() == MAX_PAGE_BREAKS {
                    break;
                }
                breaks.push(r as u32);
                used = repeated;
                on_page = 0;
            }
            used += self.heights[r];
            on_page += 1;
        }
        breaks
    }
}

/// The printable height of a page, in the sheet's points: A4 landscape less the top and
/// bottom margins, divided by the scale that fits the columns to the page's width.
struct PrintPage {
    height: f64,
}

impl PrintPage {
    /// The page of a sheet whose columns are `widths` characters wide.
    fn of(widths: impl Iterator<Item = f64>) -> PrintPage {
        // A column `w` characters wide is `w * 7 + 5` pixels for the default font's 7-pixel
        // digit (ECMA-376 Part 1, 18.3.1.13 col: width), at 96 pixels per inch, so 0.75
        // points a pixel.
        let columns_pt: f64 = widths.map(|w| (w * 7.0 + 5.0) * 0.75).sum();
        let printable_width = A4_LONG_PT - 2.0 * MARGIN_LEFT_RIGHT * 72.0;
        // Fit to width scales down (never up), to a whole percentage, rounded down.
        let scale = if columns_pt > printable_width {
            ((printable_width / columns_pt) * 100.0).floor() / 100.0
        } else {
            1.0
        };
        // Row heights are set in points but drawn in whole pixels, and applications differ
        // a little in how they scale: a page is taken as 3% shorter than it is, so that
        // their own breaks never come before the ones given.
        PrintPage {
            height: (A4_SHORT_PT - 2.0 * MARGIN_TOP_BOTTOM * 72.0) / scale.max(0.1) * 0.97,
        }
    }
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
        styles.retargets.borrow_mut().note(row, col, text);
    } else {
        ws.write_string_with_format(row, col, &*cell.text, format)?;
    }
    Ok(())
}

/// The control's title as an item row shows it: its title column, else its question or
/// text column, else nothing.
fn control_title(cells: &[Cell], columns: &[crate::sheet::ColumnHead]) -> String {
    let find = |wanted: &dyn Fn(&ColumnValue) -> bool| {
        cells
            .iter()
            .zip(columns)
            .find(|(_, c)| wanted(&c.value))
            .map(|(cell, _)| cell.text.to_string())
    };
    find(&|v| *v == ColumnValue::Title)
        .or_else(|| find(&|v| matches!(v, ColumnValue::Question | ColumnValue::Text)))
        .unwrap_or_default()
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
    fn page_breaks_stop_at_excels_limit() {
        // 40,000 item rows of 100 points: about ten thousand pages.
        let rows = RowPlan {
            heights: vec![100.0; 40_001],
            kinds: std::iter::once(RowKind::Other)
                .chain(std::iter::repeat_n(RowKind::Item, 40_000))
                .collect(),
        };
        let page = PrintPage { height: 500.0 };
        let breaks = rows.page_breaks(0, &page);
        assert_eq!(breaks.len(), MAX_PAGE_BREAKS);
        assert_eq!(&breaks[..2], &[5, 9]);
    }

    #[test]
    fn lines_are_as_tall_as_excel_draws_yu_gothic() {
        // Excel's default row for Yu Gothic 11 pt.
        assert_eq!(line_height(11.0), 18.75);
        assert_eq!(line_height(FONT_SIZE), LINE_HEIGHT);
        const { assert!(LINE_HEIGHT >= FONT_SIZE * 1.7) };
        assert_eq!(line_height(TITLE_SIZE), 27.75);
        // A title of two lines at 16 pt gets two 16 pt lines, not two 10 pt ones.
        let wide = "あ".repeat(50);
        assert_eq!(banner_height(&wide, 100.0, TITLE_SIZE), 2.0 * 27.75 + 4.0);
        assert_eq!(banner_height(&wide, 100.0, FONT_SIZE), LINE_HEIGHT + 4.0);
    }

    #[test]
    fn link_targets_are_set_back_to_the_urls_as_written() {
        assert_eq!(
            xlsxwriter_target("https://example.jp/?q=%E3%82%BB"),
            "https://example.jp/?q=%25E3%2582%25BB"
        );
        // A target holding an escape rust_xlsxwriter knows is left as it is.
        assert_eq!(
            xlsxwriter_target("https://x.jp/a%20b?q=%E3"),
            "https://x.jp/a%20b?q=%E3"
        );
        assert_eq!(
            xlsxwriter_target("https://x.jp/{a}"),
            "https://x.jp/%7ba%7d"
        );
        let rel = |id: u32, target: &str| {
            format!(
                "<Relationship Id=\"rId{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{target}\" TargetMode=\"External\"/>"
            )
        };
        let written = "https://example.jp/?q=%E3&x=1";
        let already = "https://example.jp/?q=%25E3&x=1";
        let links = [
            (xlsxwriter_target(written), written.to_owned()),
            (xlsxwriter_target(already), already.to_owned()),
        ];
        // Both cells' links have the same target in the saved workbook; each is set back
        // to its own URL by its place.
        let saved = format!(
            "<Relationships>{}{}</Relationships>",
            rel(1, "https://example.jp/?q=%25E3&amp;x=1"),
            rel(2, "https://example.jp/?q=%25E3&amp;x=1")
        );
        assert_eq!(
            retarget_relationships(&saved, links.iter()),
            format!(
                "<Relationships>{}{}</Relationships>",
                rel(1, "https://example.jp/?q=%E3&amp;x=1"),
                rel(2, "https://example.jp/?q=%25E3&amp;x=1")
            )
        );
    }

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
        assert_eq!(sheet_name(&"x".repeat(40), 0, &[]).chars().count(), 31);
        assert_eq!(
            sheet_name(
                "クラウドサービス提供における情報セキュリティ対策ガイドライン（第3版）",
                0,
                &[]
            ),
            "クラウドサービス提供における情報セキュリティ対策ガイドライン…"
        );
        let long = "クラウドサービス提供における情報セキュリティ対策ガイドライン…".to_owned();
        let second = sheet_name(
            "クラウドサービス提供における情報セキュリティ対策ガイドライン（第3版）",
            1,
            &[long],
        );
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("… (2)"), "{second}");
        assert_eq!(sheet_name("'Q&A'", 0, &[]), "Q&A");
        assert_eq!(sheet_name("History", 3, &[]), "Sheet4");
        assert_eq!(sheet_name("a\nb:c", 0, &[]), "a bc");
        assert_eq!(sheet_name("Ａ", 1, &["ａ".to_owned()]), "Ａ (2)");
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
        // A cell's padding takes one column unit: ten ASCII characters fill a column 11
        // wide, not one 10 wide.
        assert_eq!(text_lines("abcdefghij", 11.0), 1);
        assert_eq!(text_lines("abcdefghij", 10.0), 2);
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
