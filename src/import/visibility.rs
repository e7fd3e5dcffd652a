//! What calamine does not report, read from the sheet XML, sheets in workbook order: hidden
//! rows and columns (`<row hidden="1">`, `<col min max hidden="1">`), dropdown lists (data
//! validations of type `list`, also those Excel keeps in the `x14` extension), formula
//! cells that hold no cached value, and the workbook's defined names (which a dropdown's
//! list may name).

use std::collections::{BTreeSet, HashMap};
use std::io::{BufReader, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The hidden rows and columns (0-based) of one sheet, and the last row and column that
/// hold a cell (to refuse huge sheets before they are read).
#[derive(Debug, Default)]
pub struct Hidden {
    pub rows: BTreeSet<u32>,
    pub cols: BTreeSet<u32>,
    pub extent: (u32, u32),
    /// Why the sheet is refused before calamine reads it: a merged range whose end comes
    /// before its start (`A3:C2`), or a cell reference too long for any sheet
    /// (`A99999999999`); calamine's arithmetic on either overflows.
    pub refused: Option<String>,
    /// Dropdown lists: the cells they cover and their source (`"a,b"`, a range or a name).
    pub validations: Vec<Validation>,
    /// Formula cells (0-based row, column) saved without a value.
    pub no_value: Vec<(u32, u32)>,
    /// Every formula cell (0-based row, column).
    pub formulas: Vec<(u32, u32)>,
}

/// A dropdown (a `list` data validation): the ranges it covers (0-based, inclusive: first
/// row, first column, last row, last column) and its `formula1` as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validation {
    pub ranges: Vec<(u32, u32, u32, u32)>,
    pub formula: String,
}

impl Validation {
    pub fn covers(&self, row: u32, col: u32) -> bool {
        self.ranges
            .iter()
            .any(|&(r1, c1, r2, c2)| (r1..=r2).contains(&row) && (c1..=c2).contains(&col))
    }
}

/// `A1:B3 D5` → ranges (0-based, inclusive).
fn sqref_ranges(sqref: &str) -> Vec<(u32, u32, u32, u32)> {
    sqref
        .split_whitespace()
        .filter_map(|part| {
            let (a, b) = part.split_once(':').unwrap_or((part, part));
            let (r1, c1) = cell_position(a)?;
            let (r2, c2) = cell_position(b)?;
            Some((r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)))
        })
        .collect()
}

/// A reference (`r` or `ref`) with more than 3 letters or 7 digits in a part.
fn is_overlong(reference: &str) -> bool {
    reference.split(':').any(|part| {
        part.bytes().filter(u8::is_ascii_alphabetic).count() > 3
            || part.bytes().filter(u8::is_ascii_digit).count() > 7
    })
}

/// Why calamine must not read a sheet with this element, if it must not.
fn refusal(e: &BytesStart) -> Option<String> {
    let reference = match e.local_name().as_ref() {
        "row" | "c" => attr(e, "r")?,
        "dimension" | "mergeCell" => attr(e, "ref")?,
        _ => return None,
    };
    if is_overlong(&reference) {
        Some(format!("its cell reference `{reference}` is too long"))
    } else if e.local_name().as_ref() == "mergeCell" && is_reversed(&reference) {
        Some(format!(
            "its merged range `{reference}` ends before it starts"
        ))
    } else {
        None
    }
}

/// `A3:C2`: a range whose last row or column is before its first.
fn is_reversed(range: &str) -> bool {
    let Some((first, last)) = range.split_once(':') else {
        return false;
    };
    match (cell_position(first), cell_position(last)) {
        (Some((r1, c1)), Some((r2, c2))) => r2 < r1 || c2 < c1,
        _ => false,
    }
}

/// `D12` → (11, 3).
fn cell_position(reference: &str) -> Option<(u32, u32)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let col = super::workbook::parse_column(&reference[..split])?;
    let row: u32 = reference[split..].parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

/// Largest sheet XML scanned for hidden rows (uncompressed).
const MAX_XML_BYTES: u64 = 512 * 1024 * 1024;

/// One entry per worksheet, in the order the workbook lists its sheets. `None` when the
/// package cannot be read this way (the cells are still read by calamine).
pub fn read<R: Read + Seek>(reader: R) -> Option<(Vec<Hidden>, HashMap<String, String>)> {
    let mut zip = zip::ZipArchive::new(reader).ok()?;
    let parts = parts(&mut zip)?;
    let out = parts
        .sheets
        .iter()
        .map(|path| scan(&mut zip, path.as_deref()))
        .collect();
    Some((out, parts.names))
}

/// Where a workbook's sheets are in its package, and its defined names.
#[derive(Debug, Default)]
pub struct Parts {
    /// The XML part of each sheet, in workbook order (`None` when it cannot be found).
    pub sheets: Vec<Option<String>>,
    pub names: HashMap<String, String>,
}

/// The sheets' parts and the defined names of an opened package.
pub fn parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Option<Parts> {
    let workbook_path = office_document(zip).unwrap_or_else(|| "xl/workbook.xml".to_owned());
    let folder = workbook_path
        .rsplit_once('/')
        .map_or(String::new(), |(f, _)| format!("{f}/"));
    let rels_path = format!("{folder}_rels/{}.rels", file_name(&workbook_path));
    let targets = relationships(zip, &rels_path)?;
    let mut sheets = Vec::new();
    let mut names = HashMap::new();
    let mut name: Option<String> = None;
    for_each_event(zip, &workbook_path, |event| match event {
        Piece::Open(e) if e.local_name().as_ref() == "sheet" => sheets.push(attr(e, "id")),
        Piece::Open(e) if e.local_name().as_ref() == "definedName" => {
            name = attr(e, "name");
        }
        Piece::Text(t) => {
            if let Some(n) = &name {
                names
                    .entry(n.clone())
                    .or_insert_with(String::new)
                    .push_str(&t.get());
            }
        }
        Piece::Close("definedName") => name = None,
        _ => {}
    })?;
    let sheets = sheets
        .into_iter()
        .map(|rel| {
            rel.and_then(|id| targets.get(&id))
                .map(|t| resolve(&folder, t))
        })
        .collect();
    Some(Parts { sheets, names })
}

/// One sheet's part read (nothing when there is none).
pub fn scan<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, path: Option<&str>) -> Hidden {
    let mut hidden = Hidden::default();
    if let Some(path) = path {
        scan_sheet(zip, path, &mut hidden);
    }
    hidden
}

/// The uncompressed size of a part (0 when it is missing), to share sheets among threads.
pub fn size<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, path: Option<&str>) -> u64 {
    path.and_then(|p| zip.by_name(p).ok().map(|f| f.size()))
        .unwrap_or(0)
}

/// Reads one sheet's XML into `hidden`.
fn scan_sheet<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, path: &str, hidden: &mut Hidden) {
    // The cell being read: its position, whether it has a formula and a value.
    let mut cell: Option<((u32, u32), bool, bool)> = None;
    let mut string_result = false;
    let mut in_value = false;
    // The data validation being read, and which of its texts is open.
    let mut validation: Option<(bool, Validation, String)> = None;
    let mut text_of: Option<&'static str> = None;
    // Hidden column ranges, expanded once the last used column is known (a range to
    // column XFD would otherwise be 16,384 entries).
    let mut col_ranges: Vec<(u32, u32)> = Vec::new();
    let _ = for_each_event(zip, path, |event| match event {
        Piece::Open(e) => {
            let local = e.local_name();
            let local = local.as_ref();
            if hidden.refused.is_none() && matches!(local, "dimension" | "mergeCell") {
                hidden.refused = refusal(e);
            }
            match local {
                "row" => {
                    let r = attr(e, "r");
                    if let Some(r) = &r
                        && hidden.refused.is_none()
                        && is_overlong(r)
                    {
                        hidden.refused = Some(format!("its cell reference `{r}` is too long"));
                    }
                    if is_true(attr(e, "hidden"))
                        && let Some(r) = r.and_then(|r| r.parse::<u32>().ok())
                    {
                        hidden.rows.insert(r.saturating_sub(1));
                    }
                }
                "c" => {
                    let (mut r, mut t) = (None, None);
                    for a in e.attributes().flatten() {
                        match a.key.local_name().as_ref() {
                            "r" => r = Some(a.value.as_ref().to_owned()),
                            "t" => t = Some(a.value.as_ref() == "str"),
                            _ => {}
                        }
                    }
                    if let Some(r) = &r
                        && hidden.refused.is_none()
                        && is_overlong(r)
                    {
                        hidden.refused = Some(format!("its cell reference `{r}` is too long"));
                    }
                    if let Some((row, col)) = r.as_deref().and_then(cell_position) {
                        hidden.extent = (hidden.extent.0.max(row), hidden.extent.1.max(col));
                        cell = Some(((row, col), false, false));
                        string_result = t.unwrap_or(false);
                    }
                }
                "f" => {
                    if let Some(c) = &mut cell {
                        c.1 = true;
                    }
                }
                // A value: `<v>` with text, or an inline string; a string result may be
                // empty (`t="str"`), a `<v/>` of any other type is no value.
                "v" => {
                    in_value = true;
                    if let Some(c) = &mut cell
                        && string_result
                    {
                        c.2 = true;
                    }
                }
                "is" => {
                    if let Some(c) = &mut cell {
                        c.2 = true;
                    }
                }
                "col" if is_true(attr(e, "hidden")) => {
                    let min = attr(e, "min").and_then(|v| v.parse::<u32>().ok());
                    let max = attr(e, "max").and_then(|v| v.parse::<u32>().ok());
                    if let (Some(min), Some(max)) = (min, max) {
                        col_ranges.push((min.saturating_sub(1), max.min(16_384)));
                    }
                }
                "dataValidation" => {
                    let list = attr(e, "type").as_deref() == Some("list");
                    let ranges = attr(e, "sqref").map_or_else(Vec::new, |r| sqref_ranges(&r));
                    validation = Some((
                        list,
                        Validation {
                            ranges,
                            formula: String::new(),
                        },
                        String::new(),
                    ));
                }
                "formula1" if validation.is_some() => text_of = Some("formula1"),
                "sqref" if validation.is_some() => text_of = Some("sqref"),
                _ => {}
            }
        }
        Piece::Text(t) => {
            if in_value
                && !t.is_empty()
                && let Some(c) = &mut cell
            {
                c.2 = true;
            }
            if let (Some(which), Some((_, v, sqref))) = (text_of, &mut validation) {
                match which {
                    "formula1" => v.formula.push_str(&t.get()),
                    _ => sqref.push_str(&t.get()),
                }
            }
        }
        Piece::Close(local) => match local {
            "c" => {
                if let Some((at, true, has_value)) = cell {
                    hidden.formulas.push(at);
                    if !has_value {
                        hidden.no_value.push(at);
                    }
                }
                cell = None;
            }
            "formula1" | "sqref" => text_of = None,
            "v" => in_value = false,
            "dataValidation" => {
                if let Some((true, mut v, sqref)) = validation.take() {
                    v.ranges.extend(sqref_ranges(&sqref));
                    if !v.ranges.is_empty() && !v.formula.trim().is_empty() {
                        hidden.validations.push(v);
                    }
                }
                validation = None;
            }
            _ => {}
        },
    });
    let last = hidden.extent.1 + 1;
    for (min, max) in col_ranges {
        hidden.cols.extend(min..max.min(last));
    }
}

/// What [`for_each_event`] passes on: an element opened (or empty), text (entities
/// resolved), an element closed (its local name).
enum Piece<'a> {
    Open(&'a BytesStart<'a>),
    Text(Text<'a>),
    Close(&'a str),
}

/// A text of the XML, decoded only when asked for.
enum Text<'a> {
    Raw(&'a quick_xml::events::BytesText<'a>),
    Plain(&'a str),
}

impl Text<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Text::Raw(t) => t.is_empty(),
            Text::Plain(t) => t.is_empty(),
        }
    }

    fn get(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Text::Raw(t) => t.xml_content(quick_xml::XmlVersion::Implicit1_0),
            Text::Plain(t) => std::borrow::Cow::Borrowed(t),
        }
    }
}

/// Calls `f` with the elements, texts and ends of an XML part of the package.
fn for_each_event<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
    mut f: impl FnMut(Piece),
) -> Option<()> {
    let file = zip.by_name(path).ok()?;
    if file.size() > MAX_XML_BYTES {
        return None;
    }
    let mut reader = Reader::from_reader(BufReader::new(file.take(MAX_XML_BYTES)));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(Piece::Open(&e)),
            Ok(Event::Empty(e)) => {
                f(Piece::Open(&e));
                f(Piece::Close(e.local_name().as_ref()));
            }
            Ok(Event::End(e)) => f(Piece::Close(e.local_name().as_ref())),
            Ok(Event::Text(t)) => f(Piece::Text(Text::Raw(&t))),
            Ok(Event::CData(t)) => f(Piece::Text(Text::Plain(&t.into_inner()))),
            Ok(Event::GeneralRef(r)) => {
                let text = crate::fill::parts::reference_text(&r);
                f(Piece::Text(Text::Plain(&text)));
            }
            Ok(Event::Eof) => return Some(()),
            Err(_) => return None,
            Ok(_) => {}
        }
        buf.clear();
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, f)| f)
}

fn resolve(folder: &str, target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("{folder}{target}"),
    }
}

fn is_true(value: Option<String>) -> bool {
    matches!(value.as_deref(), Some("1" | "true"))
}

/// An attribute by local name (`r:id` → `id`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
    })
}

fn office_document<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Option<String> {
    let mut found = None;
    for_each_element(zip, "_rels/.rels", |e| {
        if e.local_name().as_ref() == "Relationship"
            && attr(e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
        {
            found = attr(e, "Target").map(|t| t.trim_start_matches('/').to_owned());
        }
    })?;
    found
}

fn relationships<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
) -> Option<HashMap<String, String>> {
    let mut map = HashMap::new();
    for_each_element(zip, path, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            map.insert(id, target);
        }
    })?;
    Some(map)
}

/// Calls `f` with every start or empty element of an XML part of the package.
fn for_each_element<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
    mut f: impl FnMut(&BytesStart),
) -> Option<()> {
    for_each_event(zip, path, |piece| {
        if let Piece::Open(e) = piece {
            f(e);
        }
    })
}
