//! One worksheet's XML, read for what `fill` needs and edited in place: where each row and
//! cell element is (byte ranges), the cells' styles and formulas, the columns' default
//! styles, the sheet's protection and its dropdown lists (data validations, including the
//! ones Excel keeps in its `x14` extension list). An edit splices new cell elements into
//! the original bytes; every other byte of the part stays as it was.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::XmlError;
use super::package::PackageError;
use super::parts::{attr, reference_text};
use super::text::TextError;
use crate::a1::{address, parse_column};
use crate::i18n::Message;
use crate::import::workbook::Merge;
use crate::msg;

/// Why a sheet's XML cannot be read, or edited safely.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The XML cannot be read.
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// The part cannot be read from the package.
    #[error(transparent)]
    Package(#[from] PackageError),
    /// A row's `r` is no row number.
    #[error("{}", self.message().to_text())]
    BadRowNumber { value: String },
    /// Rows past the last row a sheet has.
    #[error("{}", self.message().to_text())]
    RowsPast,
    /// More row elements than a sheet has rows.
    #[error("{}", self.message().to_text())]
    TooManyRows,
    /// More cell elements than import's limit.
    #[error("{}", self.message().to_text())]
    TooManyCells,
    /// A cell's `r` is no cell of a sheet.
    #[error("{}", self.message().to_text())]
    BadCellReference { value: String },
    /// A cell's reference names another row than the row element it is in.
    #[error("{}", self.message().to_text())]
    CellInOtherRow { cell: String, row: u32 },
    /// A row's cells out of column order, or one written twice.
    #[error("{}", self.message().to_text())]
    CellOutOfOrder {
        cell: String,
        before: String,
        row: u32,
    },
    /// A cell's text cannot be read.
    #[error("{}", self.message().to_text())]
    Cell {
        cell: String,
        #[source]
        source: TextError,
    },
    /// The part ends inside its cells: the file is damaged.
    #[error("{}", self.message().to_text())]
    EndsInsideCells,
    /// No `<sheetData>` element.
    #[error("{}", self.message().to_text())]
    NoSheetData,
    /// A cell's start tag cannot be read again, or its attributes cannot be kept.
    #[error("{}", self.message().to_text())]
    StartTag(String),
    /// A cell would be added to a row whose cells have no reference.
    #[error("{}", self.message().to_text())]
    CellWithoutReference { row: u32 },
    /// Two edits of the same cell.
    #[error("{}", self.message().to_text())]
    SameCellTwice,
}

impl SheetError {
    /// What is wrong, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            SheetError::Xml(e) => e.message(),
            SheetError::Package(e) => e.message(),
            SheetError::BadRowNumber { value } => {
                msg!("xlsx-bad-row-number", value = value.as_str())
            }
            SheetError::RowsPast => msg!("xlsx-rows-past", max = MAX_ROWS.to_string()),
            SheetError::TooManyRows => msg!("xlsx-too-many-rows", max = MAX_ROWS.to_string()),
            SheetError::TooManyCells => msg!("xlsx-too-many-cells", max = MAX_CELLS.to_string()),
            SheetError::BadCellReference { value } => {
                msg!("xlsx-bad-cell-reference", value = value.as_str())
            }
            SheetError::CellInOtherRow { cell, row } => msg!(
                "xlsx-cell-in-other-row",
                cell = cell.as_str(),
                row = row.to_string()
            ),
            SheetError::CellOutOfOrder { cell, before, row } => msg!(
                "xlsx-cell-out-of-order",
                cell = cell.as_str(),
                before = before.as_str(),
                row = row.to_string()
            ),
            SheetError::Cell { cell, source } => msg!(
                "xlsx-cell-error",
                cell = cell.as_str(),
                error = source.message()
            ),
            SheetError::EndsInsideCells => msg!("xlsx-ends-inside-cells"),
            SheetError::NoSheetData => msg!("xlsx-no-sheet-data"),
            SheetError::StartTag(why) => msg!("plain", text = why.as_str()),
            SheetError::CellWithoutReference { row } => {
                msg!("xlsx-cell-without-reference", row = row.to_string())
            }
            SheetError::SameCellTwice => msg!("xlsx-same-cell-twice"),
        }
    }
}

/// A cell element of the sheet.
#[derive(Clone, Debug)]
pub struct CellElement {
    pub col: u32,
    /// Byte range of the whole element, from `<c` to the end of `</c>` or `/>`.
    pub range: (usize, usize),
    /// Where its start tag ends (the attributes a rewritten cell keeps are read from the
    /// tag again when it is edited: [`SheetXml::kept_attributes`]).
    pub tag_end: usize,
    pub style: Option<u32>,
    pub has_r: bool,
    pub formula: bool,
    /// The cell's type (`t`): `s` (shared string), `inlineStr`, `str`, `b`, `e`, or empty
    /// for a number.
    pub kind: String,
    /// Its `<v>`, or the text of its inline string.
    pub value: String,
    /// Whether it holds a value: an inline string, a `<v>` with text, or a `<v>` (even an
    /// empty one) of a formula's string result (`t="str"`). A formula cell without one
    /// was saved by a program that does not calculate: its result is unknown.
    pub valued: bool,
}

#[derive(Clone, Debug)]
pub struct RowElement {
    /// 1-based.
    pub row: u32,
    /// Byte range of the start tag (or of the whole element when it is empty: `<row/>`).
    pub start_tag: (usize, usize),
    pub empty: bool,
    /// Where `</row>` starts (for an empty row, the end of its tag).
    pub end_tag_at: usize,
    /// The row's style, when `customFormat` says it applies to its empty cells.
    pub style: Option<u32>,
    /// `hidden="1"`.
    pub hidden: bool,
    pub cells: Vec<CellElement>,
}

/// A dropdown list of a range of cells: where it applies and its list formula.
#[derive(Clone, Debug)]
pub struct Dropdown {
    pub sqref: String,
    /// `"はい,いいえ"` for a list written out, else a reference or a name.
    pub formula: String,
}

impl Dropdown {
    pub fn covers(&self, row: u32, col: u32) -> bool {
        self.sqref
            .split_whitespace()
            .any(|range| range_contains(range, row, col))
    }
}

pub struct SheetXml {
    pub xml: Vec<u8>,
    pub rows: Vec<RowElement>,
    /// Where a new row goes when the sheet has none after it: the start of `</sheetData>`,
    /// or the empty `<sheetData/>` element's range.
    pub sheet_data: Option<SheetData>,
    /// `<col min max style>`: default styles of columns (1-based min, max inclusive).
    pub col_styles: Vec<(u32, u32, u32)>,
    /// `<col min max hidden="1">`: hidden columns (1-based min, max inclusive).
    pub hidden_cols: Vec<(u32, u32)>,
    pub protected: bool,
    pub dropdowns: Vec<Dropdown>,
    /// The namespace prefix the sheet's cells are written with (`x:` for `<x:c>`, as some
    /// writers do), used for the elements fill writes; empty for the default namespace.
    pub prefix: String,
    /// Merged ranges, 0-based.
    pub merges: Vec<Merge>,
    /// The ranges of array formulas (`ref` of `<f t="array">`): their cells show the
    /// formula's results, whatever they hold.
    pub array_ranges: Vec<String>,
    /// Only the first rows were read ([`SheetXml::read_head`]): not to be edited.
    pub partial: bool,
    /// Every row was read (a sheet read whole, or one whose rows all came before the
    /// head's end): its cells can be looked up, though it is edited only when not partial.
    pub complete: bool,
}

#[derive(Clone, Copy, Debug)]
pub enum SheetData {
    EndTagAt(usize),
    Empty(usize, usize),
}

/// `D5` → (5, 3): 1-based row, 0-based column.
pub fn cell_ref(reference: &str) -> Option<(u32, u32)> {
    let reference = reference.trim().trim_start_matches('$');
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let col = parse_column(reference[..split].trim_end_matches('$'))?;
    let row: u32 = reference[split..].parse().ok()?;
    ((1..=MAX_ROWS).contains(&row) && col < 16_384).then_some((row, col))
}

/// Whether `A1` or `A1:B5` (1-based rows) holds the cell.
pub fn range_contains(range: &str, row: u32, col: u32) -> bool {
    let (first, last) = range.split_once(':').unwrap_or((range, range));
    match (cell_ref(first), cell_ref(last)) {
        (Some((r1, c1)), Some((r2, c2))) => {
            (r1.min(r2)..=r1.max(r2)).contains(&row) && (c1.min(c2)..=c1.max(c2)).contains(&col)
        }
        _ => false,
    }
}

/// A cell element's reference (`r`), style (`s`) and type (`t`, empty for a number), read
/// in one pass over its attributes (a sheet has millions of cells).
fn cell_attributes(e: &BytesStart) -> (Option<String>, Option<u32>, String) {
    let (mut reference, mut style, mut kind) = (None, None, String::new());
    for a in e.attributes().flatten() {
        let value = || {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        };
        match a.key.local_name().as_ref() {
            "r" => reference = Some(value()),
            "s" => style = value().trim().parse().ok(),
            "t" => kind = value(),
            _ => {}
        }
    }
    (reference, style, kind)
}

fn number(e: &BytesStart, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.parse().ok())
}

fn is_true(e: &BytesStart, name: &str) -> bool {
    matches!(attr(e, name).as_deref(), Some("1" | "true"))
}

/// A cell's attributes but its type and value metadata, each as ` name="value"` with the
/// value kept escaped as written (a `"` inside single quotes becomes `&quot;`). Duplicate
/// attributes are an error, as in XML.
fn kept_attributes(e: &BytesStart) -> Result<String, SheetError> {
    let mut out = String::new();
    for attribute in e.attributes().with_checks(true) {
        let attribute =
            attribute.map_err(|e| SheetError::StartTag(format!("a cell's attributes: {e}")))?;
        let key: &str = attribute.key.as_ref();
        if matches!(key, "t" | "cm" | "vm") {
            continue;
        }
        let value: &str = attribute.value.as_ref();
        out.push_str(&format!(" {key}=\"{}\"", value.replace('"', "&quot;")));
    }
    Ok(out)
}

impl SheetXml {
    /// A whole sheet, ready to be edited.
    pub fn read(xml: Vec<u8>) -> Result<SheetXml, SheetError> {
        let mut sheet = parse(&xml[..], None)?;
        if sheet.sheet_data.is_none() {
            return Err(SheetError::NoSheetData);
        }
        sheet.xml = xml;
        Ok(sheet)
    }

    /// The cells of a sheet's first `max_row` rows (1-based), read from a stream that is
    /// left as soon as a row after them starts: enough to find a cover's labels without
    /// inflating a large sheet. Such a sheet is [`SheetXml::partial`] and never edited.
    pub fn read_head<R: BufRead>(reader: R, max_row: u32) -> Result<SheetXml, SheetError> {
        let mut sheet = parse(reader, Some(max_row))?;
        sheet.partial = true;
        Ok(sheet)
    }

    /// The row element of a row (1-based). Rows are in order in every workbook seen, so
    /// this is a binary search, with a scan for a sheet whose rows are not.
    pub fn row(&self, row: u32) -> Option<&RowElement> {
        match self.rows.binary_search_by_key(&row, |r| r.row) {
            Ok(i) if self.rows[i].row == row => Some(&self.rows[i]),
            _ => self.rows.iter().find(|r| r.row == row),
        }
    }

    pub fn cell(&self, row: u32, col: u32) -> Option<&CellElement> {
        self.row(row)
            .and_then(|r| r.cells.iter().find(|c| c.col == col))
    }

    /// The style an answer cell has, or would have once written: its own, else its row's,
    /// else its column's.
    pub fn style_of(&self, row: u32, col: u32) -> Option<u32> {
        if let Some(cell) = self.cell(row, col) {
            return cell.style;
        }
        self.row(row).and_then(|r| r.style).or_else(|| {
            self.col_styles
                .iter()
                .find(|(min, max, _)| (*min..=*max).contains(&(col + 1)))
                .map(|(_, _, s)| *s)
        })
    }

    /// True when the cell (1-based row) holds a formula or lies in an array formula's range.
    pub fn is_formula(&self, row: u32, col: u32) -> bool {
        self.cell(row, col).is_some_and(|c| c.formula)
            || self
                .array_ranges
                .iter()
                .any(|r| range_contains(r, row, col))
    }

    /// The merged range holding a cell (0-based row), if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// The attributes a rewritten cell keeps, e.g. ` r="D5" s="3"`: all but its type (`t`)
    /// and value metadata (`cm`, `vm`), each written `name="value"`, read from its start
    /// tag. Duplicate attributes are an error, as in XML.
    pub fn kept_attributes(&self, cell: &CellElement) -> Result<String, SheetError> {
        let tag = self.xml.get(cell.range.0..cell.tag_end).ok_or_else(|| {
            SheetError::StartTag("a cell's start tag is not in the sheet read".to_owned())
        })?;
        match Reader::from_reader(tag).read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => kept_attributes(&e),
            Ok(_) => Err(SheetError::StartTag(
                "a cell's start tag cannot be read again".to_owned(),
            )),
            Err(e) => Err(SheetError::StartTag(format!("a cell's start tag: {e}"))),
        }
    }

    pub fn dropdown(&self, row: u32, col: u32) -> Option<&Dropdown> {
        self.dropdowns.iter().find(|d| d.covers(row, col))
    }

    /// The sheet with each `(row, col, text)` written as an inline string, keeping every
    /// other byte. A cell that exists keeps its attributes (its style) but its type; one
    /// that does not is inserted in column order, taking its row's or column's style.
    pub fn with_texts(&self, edits: &[(u32, u32, String)]) -> Result<Vec<u8>, SheetError> {
        // (position, bytes to remove up to, bytes to insert), applied from the end.
        let mut splices: Vec<(usize, usize, String)> = Vec::new();
        let mut new_rows: Vec<(u32, Vec<(u32, &str)>)> = Vec::new();
        for (row, col, text) in edits {
            let (row, col) = (*row, *col);
            let Some(element) = self.row(row) else {
                match new_rows.iter_mut().find(|(r, _)| *r == row) {
                    Some((_, cells)) => cells.push((col, text)),
                    None => new_rows.push((row, vec![(col, text)])),
                }
                continue;
            };
            if let Some(cell) = element.cells.iter().find(|c| c.col == col) {
                let attributes = self.kept_attributes(cell)?;
                splices.push((
                    cell.range.0,
                    cell.range.1,
                    inline_cell(&self.prefix, &attributes, text),
                ));
                continue;
            }
            if element.cells.iter().any(|c| !c.has_r) {
                return Err(SheetError::CellWithoutReference { row });
            }
            let attributes = new_cell_attributes(row, col, self.style_of(row, col));
            let xml = inline_cell(&self.prefix, &attributes, text);
            if element.empty {
                // `<row r="5"/>` becomes `<row r="5">…</row>`.
                let (s, e) = element.start_tag;
                let tag = String::from_utf8_lossy(&self.xml[s..e]);
                let open = tag.trim_end().strip_suffix("/>").unwrap_or(&tag).to_owned();
                splices.push((s, e, format!("{open}>{xml}</{}row>", self.prefix)));
                continue;
            }
            let at = element
                .cells
                .iter()
                .find(|c| c.col > col)
                .map_or(element.end_tag_at, |c| c.range.0);
            splices.push((at, at, xml));
        }
        // Whole new rows, each before the first row after it.
        new_rows.sort_by_key(|(r, _)| *r);
        for (row, mut cells) in new_rows {
            cells.sort_by_key(|(c, _)| *c);
            let p = &self.prefix;
            let mut xml = format!("<{p}row r=\"{row}\">");
            for (col, text) in cells {
                xml.push_str(&inline_cell(
                    p,
                    &new_cell_attributes(row, col, self.style_of(row, col)),
                    text,
                ));
            }
            xml.push_str(&format!("</{p}row>"));
            match self.rows.iter().find(|r| r.row > row) {
                Some(next) => splices.push((next.start_tag.0, next.start_tag.0, xml)),
                None => match self.sheet_data.ok_or(SheetError::NoSheetData)? {
                    SheetData::EndTagAt(at) => splices.push((at, at, xml)),
                    SheetData::Empty(s, e) => {
                        let tag = String::from_utf8_lossy(&self.xml[s..e]);
                        let open = tag.trim_end().strip_suffix("/>").unwrap_or(&tag).to_owned();
                        splices.push((s, e, format!("{open}>{xml}</{p}sheetData>")));
                    }
                },
            }
        }
        // By position, then in the order planned (several rows may be inserted at one
        // place, already sorted).
        let mut indexed: Vec<(usize, (usize, usize, String))> =
            splices.into_iter().enumerate().collect();
        // An insertion at the place a replacement starts goes first.
        indexed.sort_by_key(|(i, (start, end, _))| (*start, end > start, *i));
        let mut out = Vec::with_capacity(self.xml.len() + edits.len() * 64);
        let mut at = 0;
        for (_, (start, end, text)) in indexed {
            if start < at {
                return Err(SheetError::SameCellTwice);
            }
            out.extend_from_slice(&self.xml[at..start]);
            out.extend_from_slice(text.as_bytes());
            at = end;
        }
        out.extend_from_slice(&self.xml[at..]);
        Ok(out)
    }
}

/// Rows of a sheet: "Total number of rows and columns on a worksheet: 1,048,576 rows by
/// 16,384 columns" (Microsoft, *Excel specifications and limits*).
const MAX_ROWS: u32 = 1_048_576;

/// Most cell elements read from one sheet: import's limit.
const MAX_CELLS: u64 = crate::import::workbook::MAX_SHEET_CELLS;

/// Reads a sheet's XML; with `max_row`, stops at the first row after it.
fn parse<R: BufRead>(input: R, max_row: Option<u32>) -> Result<SheetXml, SheetError> {
    let mut parser = Parser::new(max_row);
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let start = reader.buffer_position() as usize;
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| XmlError::at(&reader, e))?;
        let end = reader.buffer_position() as usize;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if parser.start(e, empty, (start, end))? == Read::Enough {
                    break;
                }
            }
            Event::Text(ref t) => parser.text(t.as_ref())?,
            Event::CData(ref t) => parser.cdata(t.as_ref()),
            Event::GeneralRef(ref r) => parser.reference(r),
            Event::End(ref e) => parser.end(e.local_name().as_ref(), (start, end)),
            Event::Eof => {
                // A part cut short (a damaged file) must not read as a shorter sheet.
                if parser.open_cell.is_some() || parser.in_sheet_data {
                    return Err(SheetError::EndsInsideCells);
                }
                break;
            }
            _ => {}
        }
    }
    Ok(parser.sheet)
}

/// Whether [`parse`] reads on, or has read the rows asked for.
#[derive(PartialEq)]
enum Read {
    On,
    Enough,
}

/// What [`parse`] has read of a sheet so far, and where in the XML it is.
struct Parser {
    /// The sheet read so far (without its XML).
    sheet: SheetXml,
    max_row: Option<u32>,
    in_sheet_data: bool,
    /// The dropdown being read: its sqref and formula so far, and whether it is a list.
    validation: Option<(String, String, bool)>,
    /// The dropdown's text being read: `formula` or `sqref`.
    text_target: Option<&'static str>,
    open_cell: Option<CellElement>,
    /// The row and column an element without a reference is at.
    next_row: u32,
    next_col: u32,
    cell_count: u64,
    /// Inside a cell: reading its `<v>`, or the text of its inline string (not of its
    /// phonetic runs, `<rPh>`).
    in_value: bool,
    in_phonetic: bool,
}

impl Parser {
    fn new(max_row: Option<u32>) -> Parser {
        Parser {
            sheet: SheetXml {
                xml: Vec::new(),
                rows: Vec::new(),
                sheet_data: None,
                col_styles: Vec::new(),
                hidden_cols: Vec::new(),
                protected: false,
                dropdowns: Vec::new(),
                prefix: String::new(),
                merges: Vec::new(),
                array_ranges: Vec::new(),
                partial: false,
                complete: true,
            },
            max_row,
            in_sheet_data: false,
            validation: None,
            text_target: None,
            open_cell: None,
            next_row: 1,
            next_col: 0,
            cell_count: 0,
            in_value: false,
            in_phonetic: false,
        }
    }

    /// A start (or empty) element at `range` of the XML.
    fn start(
        &mut self,
        e: &BytesStart,
        empty: bool,
        range: (usize, usize),
    ) -> Result<Read, SheetError> {
        match e.local_name().as_ref() {
            "sheetData" => {
                let name = e.name();
                let qualified: &str = name.as_ref();
                self.sheet.prefix = qualified
                    .split_once(':')
                    .map_or(String::new(), |(p, _)| format!("{p}:"));
                if empty {
                    self.sheet.sheet_data = Some(SheetData::Empty(range.0, range.1));
                } else {
                    self.in_sheet_data = true;
                }
            }
            "row" => return self.row(e, empty, range),
            "c" => self.cell(e, empty, range)?,
            "f" => {
                if let Some(cell) = self.open_cell.as_mut() {
                    cell.formula = true;
                    if attr(e, "t").as_deref() == Some("array")
                        && let Some(range) = attr(e, "ref")
                    {
                        self.sheet.array_ranges.push(range);
                    }
                } else if self.validation.is_some() {
                    self.text_target = Some("formula");
                }
            }
            "col" => {
                if let (Some(min), Some(max)) = (number(e, "min"), number(e, "max")) {
                    if let Some(style) = number(e, "style") {
                        self.sheet.col_styles.push((min, max, style));
                    }
                    if is_true(e, "hidden") {
                        self.sheet.hidden_cols.push((min, max));
                    }
                }
            }
            "sheetProtection" => self.sheet.protected = is_true(e, "sheet"),
            "dataValidation" => {
                let list = attr(e, "type").as_deref() == Some("list");
                self.validation =
                    (!empty).then(|| (attr(e, "sqref").unwrap_or_default(), String::new(), list));
            }
            "v" | "t" if self.open_cell.is_some() && !self.in_phonetic => {
                // An empty `<v/>` opens no text.
                self.in_value = !empty;
                if let Some(cell) = self.open_cell.as_mut()
                    && cell.kind == "str"
                {
                    cell.valued = true;
                }
            }
            "is" => {
                if let Some(cell) = self.open_cell.as_mut() {
                    cell.valued = true;
                }
            }
            "rPh" if self.open_cell.is_some() => self.in_phonetic = !empty,
            "mergeCell" => {
                if let Some(range) = attr(e, "ref") {
                    let (first, last) = range.split_once(':').unwrap_or((&range, &range));
                    if let (Some((r1, c1)), Some((r2, c2))) = (cell_ref(first), cell_ref(last)) {
                        self.sheet.merges.push(Merge {
                            first_row: r1.min(r2) - 1,
                            first_col: c1.min(c2),
                            last_row: r1.max(r2) - 1,
                            last_col: c1.max(c2),
                        });
                    }
                }
            }
            "formula1" => self.text_target = Some("formula"),
            "sqref" if self.validation.is_some() => self.text_target = Some("sqref"),
            _ => {}
        }
        Ok(Read::On)
    }

    /// A row element: [`Read::Enough`] when it is past the rows asked for.
    fn row(
        &mut self,
        e: &BytesStart,
        empty: bool,
        (start, end): (usize, usize),
    ) -> Result<Read, SheetError> {
        let row = match attr(e, "r") {
            Some(r) => r
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=MAX_ROWS).contains(r))
                .ok_or_else(|| SheetError::BadRowNumber { value: r.clone() })?,
            None if self.next_row <= MAX_ROWS => self.next_row,
            None => return Err(SheetError::RowsPast),
        };
        if self.sheet.rows.len() as u32 >= MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        if self.max_row.is_some_and(|max| row > max) {
            self.sheet.complete = false;
            return Ok(Read::Enough);
        }
        self.next_row = row + 1;
        self.next_col = 0;
        let style = is_true(e, "customFormat").then(|| number(e, "s")).flatten();
        self.sheet.rows.push(RowElement {
            row,
            start_tag: (start, end),
            empty,
            end_tag_at: end,
            style,
            hidden: is_true(e, "hidden"),
            cells: Vec::new(),
        });
        Ok(Read::On)
    }

    /// A cell element: where it is, checked to be in its row and in column order.
    fn cell(
        &mut self,
        e: &BytesStart,
        empty: bool,
        (start, end): (usize, usize),
    ) -> Result<(), SheetError> {
        self.cell_count += 1;
        if self.cell_count > MAX_CELLS {
            return Err(SheetError::TooManyCells);
        }
        let (reference, style, kind) = cell_attributes(e);
        let position = match reference.as_deref() {
            Some(r) => Some(cell_ref(r).ok_or_else(|| SheetError::BadCellReference {
                value: r.to_owned(),
            })?),
            None => None,
        };
        let rows = &mut self.sheet.rows;
        let (col, has_r) = match position {
            Some((cell_row, col)) => {
                let row = rows.last().map_or(0, |r| r.row);
                if cell_row != row {
                    return Err(SheetError::CellInOtherRow {
                        cell: address(cell_row - 1, col),
                        row,
                    });
                }
                (col, true)
            }
            None => (self.next_col, false),
        };
        // A row's cells come in column order, each once (ECMA-376 Part 1, 18.3.1.4 c): a
        // cell written twice would be read as one and filled as the other.
        if let Some(row) = rows.last()
            && let Some(before) = row.cells.last()
            && before.col >= col
        {
            return Err(SheetError::CellOutOfOrder {
                cell: address(row.row.saturating_sub(1), col),
                before: address(row.row.saturating_sub(1), before.col),
                row: row.row,
            });
        }
        self.next_col = col + 1;
        let cell = CellElement {
            col,
            range: (start, end),
            tag_end: end,
            style,
            has_r,
            formula: false,
            kind,
            value: String::new(),
            valued: false,
        };
        if empty {
            if let Some(row) = rows.last_mut() {
                row.cells.push(cell);
            }
        } else {
            self.open_cell = Some(cell);
        }
        Ok(())
    }

    /// Text: of a cell's value (refused past what a cell holds), or of a dropdown.
    fn text(&mut self, text: &str) -> Result<(), SheetError> {
        if self.in_value
            && let Some(cell) = self.open_cell.as_mut()
        {
            cell.value.push_str(text);
            cell.valued |= !text.is_empty();
            super::text::check_length(&cell.value, false).map_err(|source| SheetError::Cell {
                cell: address(self.sheet.rows.last().map_or(1, |r| r.row) - 1, cell.col),
                source,
            })?;
        }
        self.dropdown_text(text);
        Ok(())
    }

    fn cdata(&mut self, text: &str) {
        if self.in_value
            && let Some(cell) = self.open_cell.as_mut()
        {
            cell.value.push_str(text);
            cell.valued |= !text.is_empty();
        }
    }

    /// An entity or character reference (`&amp;`).
    fn reference(&mut self, r: &quick_xml::events::BytesRef) {
        let text = reference_text(r);
        if self.in_value
            && let Some(cell) = self.open_cell.as_mut()
        {
            cell.value.push_str(&text);
            cell.valued = true;
        }
        self.dropdown_text(&text);
    }

    /// Text of the dropdown being read: its formula or its sqref.
    fn dropdown_text(&mut self, text: &str) {
        if let (Some(target), Some(v)) = (self.text_target, self.validation.as_mut()) {
            if target == "formula" {
                v.1.push_str(text);
            } else {
                v.0.push_str(text);
            }
        }
    }

    /// An end element at `range` of the XML.
    fn end(&mut self, name: &str, (start, end): (usize, usize)) {
        match name {
            "sheetData" => {
                self.in_sheet_data = false;
                self.sheet.sheet_data = Some(SheetData::EndTagAt(start));
            }
            "row" => {
                if let Some(row) = self.sheet.rows.last_mut() {
                    row.end_tag_at = start;
                }
            }
            "c" => {
                (self.in_value, self.in_phonetic) = (false, false);
                if let Some(mut cell) = self.open_cell.take() {
                    cell.range.1 = end;
                    if let Some(row) = self.sheet.rows.last_mut() {
                        row.cells.push(cell);
                    }
                }
            }
            "v" | "t" => self.in_value = false,
            "rPh" => self.in_phonetic = false,
            "formula1" | "f" | "sqref" => self.text_target = None,
            "dataValidation" => {
                if let Some((sqref, formula, true)) = self.validation.take() {
                    self.sheet.dropdowns.push(Dropdown { sqref, formula });
                }
            }
            _ => {}
        }
    }
}

fn new_cell_attributes(row: u32, col: u32, style: Option<u32>) -> String {
    match style {
        Some(s) => format!(" r=\"{}\" s=\"{s}\"", address(row - 1, col)),
        None => format!(" r=\"{}\"", address(row - 1, col)),
    }
}

/// `<c … t="inlineStr"><is><t xml:space="preserve">…</t></is></c>`, each element with
/// the sheet's prefix `p`.
fn inline_cell(p: &str, attributes: &str, text: &str) -> String {
    format!(
        "<{p}c{attributes} t=\"inlineStr\"><{p}is><{p}t xml:space=\"preserve\">{}</{p}t></{p}is></{p}c>",
        escape(text)
    )
}

/// Text as XML character data in a spreadsheet string: `&`, `<`, `>` escaped; characters
/// XML 1.0 cannot hold written as `_xHHHH_`, and a literal `_xHHHH_` protected by escaping
/// its underscore (ECMA-376 §22.9.2.19, ST_Xstring).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("_x000D_"),
            '_' if looks_escaped(&chars[i..]) => out.push_str("_x005F_"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("_x{:04X}_", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn looks_escaped(chars: &[char]) -> bool {
    chars.len() >= 7
        && chars[1] == 'x'
        && chars[2..6].iter().all(char::is_ascii_hexdigit)
        && chars[6] == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(data: &str) -> SheetXml {
        SheetXml::read(format!("<worksheet><sheetData>{data}</sheetData></worksheet>").into_bytes())
            .unwrap()
    }

    fn filled(sheet: &SheetXml, edits: &[(u32, u32, &str)]) -> String {
        let edits: Vec<(u32, u32, String)> = edits
            .iter()
            .map(|(r, c, t)| (*r, *c, (*t).to_owned()))
            .collect();
        String::from_utf8(sheet.with_texts(&edits).unwrap()).unwrap()
    }

    #[test]
    fn an_existing_cell_keeps_its_style_and_loses_its_old_value() {
        let s = sheet(r#"<row r="2"><c r="A2" s="4" t="s"><v>7</v></c><c r="B2" s="5"/></row>"#);
        assert_eq!(
            filled(&s, &[(2, 0, "はい"), (2, 1, "a<b & c")]),
            r#"<worksheet><sheetData><row r="2"><c r="A2" s="4" t="inlineStr"><is><t xml:space="preserve">はい</t></is></c><c r="B2" s="5" t="inlineStr"><is><t xml:space="preserve">a&lt;b &amp; c</t></is></c></row></sheetData></worksheet>"#
        );
    }

    #[test]
    fn missing_cells_and_rows_are_inserted_in_order() {
        let s = SheetXml::read(
            br#"<worksheet><cols><col min="3" max="3" style="9"/></cols><sheetData><row r="2"><c r="A2"/><c r="D2"/></row><row r="5" s="2" customFormat="1"/></sheetData></worksheet>"#.to_vec(),
        )
        .unwrap();
        let out = filled(&s, &[(2, 2, "x"), (5, 1, "y"), (3, 2, "z"), (9, 0, "w")]);
        assert_eq!(
            out,
            r#"<worksheet><cols><col min="3" max="3" style="9"/></cols><sheetData><row r="2"><c r="A2"/><c r="C2" s="9" t="inlineStr"><is><t xml:space="preserve">x</t></is></c><c r="D2"/></row><row r="3"><c r="C3" s="9" t="inlineStr"><is><t xml:space="preserve">z</t></is></c></row><row r="5" s="2" customFormat="1"><c r="B5" s="2" t="inlineStr"><is><t xml:space="preserve">y</t></is></c></row><row r="9"><c r="A9" t="inlineStr"><is><t xml:space="preserve">w</t></is></c></row></sheetData></worksheet>"#
        );
    }

    #[test]
    fn an_empty_sheet_data_gets_rows() {
        let s = SheetXml::read(b"<worksheet><sheetData/></worksheet>".to_vec()).unwrap();
        assert_eq!(
            filled(&s, &[(1, 0, "a")]),
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">a</t></is></c></row></sheetData></worksheet>"#
        );
    }

    #[test]
    fn dropdowns_protection_and_formulas_are_read() {
        let s = SheetXml::read(
            br#"<worksheet><sheetData><row r="1"><c r="A1"><f>B1*2</f><v>2</v></c></row></sheetData><sheetProtection sheet="1"/><dataValidations count="1"><dataValidation type="list" sqref="D5:D9 F1"><formula1>"&#12399;&#12356;,No"</formula1></dataValidation></dataValidations><extLst><ext><x14:dataValidations><x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>E5:E9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"#.to_vec(),
        )
        .unwrap();
        assert!(s.protected);
        assert!(s.cell(1, 0).unwrap().formula);
        assert_eq!(s.dropdown(6, 3).unwrap().formula, "\"はい,No\"");
        assert_eq!(s.dropdown(1, 5).unwrap().formula, "\"はい,No\"");
        assert_eq!(s.dropdown(9, 4).unwrap().formula, "Lists!$A$1:$A$3");
        assert!(s.dropdown(10, 4).is_none());
    }

    #[test]
    fn an_empty_value_element_does_not_take_the_next_formula_as_text() {
        let s = SheetXml::read(
            br#"<worksheet><cols><col min="2" max="3" hidden="1"/></cols><sheetData><row r="1" hidden="1"><c r="A1" t="str"><f>X1</f><v/></c><c r="B1" t="str"><f>VLOOKUP(A1,T!A:B,2,0)&amp;""</f><v xml:space="preserve"> Documentation</v></c><c r="C1"><f>1+1</f></c><c r="D1" t="inlineStr"><is><t/></is></c></row></sheetData></worksheet>"#.to_vec(),
        )
        .unwrap();
        let a1 = s.cell(1, 0).unwrap();
        assert_eq!(
            (a1.value.as_str(), a1.valued),
            ("", true),
            "a string result, empty"
        );
        let b1 = s.cell(1, 1).unwrap();
        assert_eq!(b1.value, " Documentation");
        let c1 = s.cell(1, 2).unwrap();
        assert!(
            c1.formula && !c1.valued,
            "a formula saved without its value"
        );
        assert!(s.cell(1, 3).unwrap().valued);
        assert!(s.row(1).unwrap().hidden);
        assert_eq!(s.hidden_cols, [(2, 3)]);
    }

    #[test]
    fn a_sheet_cut_short_is_refused_not_read_as_a_shorter_one() {
        let whole = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>b</t></is></c></row></sheetData></worksheet>"#;
        assert!(SheetXml::read(whole.as_bytes().to_vec()).is_ok());
        for cut in [
            whole.find("<row r=\"2\"").unwrap(),
            whole.find("<is><t>b").unwrap(),
        ] {
            let e = SheetXml::read(whole.as_bytes()[..cut].to_vec())
                .err()
                .expect("refused");
            assert!(matches!(e, SheetError::EndsInsideCells), "{e}");
        }
        // Cut inside a tag: not XML.
        let cut = whole.find("<c r=\"A2\"").unwrap() + 5;
        assert!(SheetXml::read(whole.as_bytes()[..cut].to_vec()).is_err());
        // Reading only the first rows stops before the end, and is not damage.
        assert!(
            SheetXml::read_head(&whole.as_bytes()[..whole.find("<c r=\"A2\"").unwrap()], 1).is_ok()
        );
    }

    #[test]
    fn rows_past_excels_last_row_are_refused_without_overflow() {
        for xml in [
            r#"<worksheet><sheetData><row r="4294967295"/><row/></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1048577"/></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1048576"/><row/></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="XFE1"/></row></sheetData></worksheet>"#,
        ] {
            assert!(SheetXml::read(xml.as_bytes().to_vec()).is_err(), "{xml}");
        }
        let many = format!(
            "<worksheet><sheetData>{}</sheetData></worksheet>",
            "<row r=\"5\" hidden=\"1\"/>".repeat(1_048_577)
        );
        let e = SheetXml::read(many.into_bytes()).err().expect("refused");
        assert!(matches!(e, SheetError::TooManyRows), "{e}");
        assert!(
            e.to_string().contains("more than 1048576 row elements"),
            "{e}"
        );
    }

    #[test]
    fn cdata_texts_are_read() {
        let s = SheetXml::read(
            br#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a < b & c]]></t></is></c></row></sheetData></worksheet>"#.to_vec(),
        )
        .unwrap();
        assert_eq!(s.cell(1, 0).unwrap().value, "a < b & c");
    }

    #[test]
    fn references_that_name_no_cell_are_refused() {
        for xml in [
            r#"<worksheet><sheetData><row r="99999999999"/></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="1A"/></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="0"/></sheetData></worksheet>"#,
        ] {
            assert!(SheetXml::read(xml.as_bytes().to_vec()).is_err(), "{xml}");
        }
    }

    #[test]
    fn a_prefixed_sheet_gets_prefixed_elements() {
        let s = SheetXml::read(
            br#"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData></x:worksheet>"#.to_vec(),
        )
        .unwrap();
        assert_eq!(
            filled(&s, &[(1, 0, "a"), (1, 1, "b"), (2, 0, "c")]),
            r#"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">a</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t xml:space="preserve">b</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t xml:space="preserve">c</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
        );
    }

    #[test]
    fn text_is_escaped_for_spreadsheets() {
        assert_eq!(
            escape("a_x0041_b\u{1b}\r\n"),
            "a_x005F_x0041_b_x001B__x000D_\n"
        );
        assert_eq!(escape("=SUM(A1)"), "=SUM(A1)");
    }
}
