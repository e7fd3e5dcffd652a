//! The package parts `fill` reads besides the sheets: where each worksheet's XML is
//! (`workbook.xml` and its relationships), the workbook's defined names (a dropdown list
//! may name one), which cell styles are unlocked (`styles.xml`), and the one edit made
//! outside the sheets: asking Excel and LibreOffice to recalculate on load (`calcPr`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::{WorkbookError, XmlError};
use super::package::Package;

/// A worksheet of the workbook: its name and the path of its XML part.
#[derive(Clone, Debug)]
pub struct SheetPart {
    pub name: String,
    pub path: String,
    /// `state="hidden"` or `veryHidden`: no cover labels are looked for there.
    pub hidden: bool,
    /// A chart sheet (a chart filling a tab): it has no cells.
    pub chart: bool,
}

pub struct WorkbookParts {
    pub workbook_path: String,
    pub sheets: Vec<SheetPart>,
    /// Defined names, keyed by the sheet index they are scoped to (`localSheetId`; `None`
    /// for the workbook) and their name in lower case, as Excel compares names without
    /// regard to case (`Choices` → `Lists!$A$1:$A$3`).
    pub names: HashMap<(Option<usize>, String), String>,
    /// The shared strings part, when the workbook has one.
    pub shared_strings: Option<String>,
    /// `<workbookPr date1904="1">`: date serials count from 1904-01-01 (old Mac workbooks).
    pub date1904: bool,
}

/// An attribute by local name (`r:id` → `id`), unescaped.
pub fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
    })
}

/// Calls `f` with every start or empty element of an XML text and with the text inside
/// elements (for defined names).
fn walk(xml: &[u8], mut f: impl FnMut(XmlItem)) -> Result<(), XmlError> {
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => f(XmlItem::Start(&e)),
            Ok(Event::Empty(e)) => f(XmlItem::Start(&e)),
            Ok(Event::Text(t)) => f(XmlItem::Text(t.as_ref())),
            Ok(Event::GeneralRef(r)) => f(XmlItem::Text(&reference_text(&r))),
            Ok(Event::End(e)) => f(XmlItem::End(e.local_name().as_ref())),
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(XmlError::at(&reader, e)),
            Ok(_) => {}
        }
    }
}

/// The text an entity or character reference stands for (`&amp;` → `&`, `&#12399;` →
/// `は`); an unknown entity stands for nothing.
pub fn reference_text(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_owned()
}

enum XmlItem<'a> {
    Start(&'a BytesStart<'a>),
    Text(&'a str),
    End(&'a str),
}

impl WorkbookParts {
    pub fn read(package: &Package) -> Result<WorkbookParts, WorkbookError> {
        let root_rels = package.read("_rels/.rels")?;
        let mut workbook_path = None;
        walk(&root_rels, |item| {
            if let XmlItem::Start(e) = item
                && e.local_name().as_ref() == "Relationship"
                && attr(e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
            {
                workbook_path = attr(e, "Target").map(|t| t.trim_start_matches('/').to_owned());
            }
        })
        .map_err(|source| WorkbookError::PartInvalid {
            part: "_rels/.rels".to_owned(),
            source,
        })?;
        let workbook_path = workbook_path.unwrap_or_else(|| "xl/workbook.xml".to_owned());
        let folder = workbook_path
            .rsplit_once('/')
            .map_or(String::new(), |(f, _)| format!("{f}/"));
        let file = workbook_path
            .rsplit_once('/')
            .map_or(&*workbook_path, |(_, f)| f);
        let rels_path = format!("{folder}_rels/{file}.rels");
        let rels = package.read(&rels_path)?;
        let mut targets = HashMap::new();
        let mut shared_strings = None;
        let resolve = |t: &str| match t.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("{folder}{t}"),
        };
        walk(&rels, |item| {
            if let XmlItem::Start(e) = item
                && e.local_name().as_ref() == "Relationship"
                && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
            {
                let kind = attr(e, "Type").unwrap_or_default();
                if kind.ends_with("/sharedStrings") {
                    shared_strings = Some(resolve(&target));
                }
                targets.insert(id, (target, kind.ends_with("/chartsheet")));
            }
        })
        .map_err(|source| WorkbookError::PartInvalid {
            part: rels_path.clone(),
            source,
        })?;
        let xml = package.read(&workbook_path)?;
        let mut sheets = Vec::new();
        let mut names = HashMap::new();
        let mut in_name: Option<(String, Option<usize>)> = None;
        let mut name_text = String::new();
        let mut date1904 = false;
        walk(&xml, |item| match item {
            XmlItem::Start(e) => match e.local_name().as_ref() {
                "workbookPr" => {
                    date1904 = matches!(attr(e, "date1904").as_deref(), Some("1" | "true"));
                }
                "sheet" => {
                    let target = attr(e, "id").and_then(|id| targets.get(&id));
                    let hidden = attr(e, "state").is_some_and(|s| s != "visible");
                    if let (Some(name), Some((target, chart))) = (attr(e, "name"), target) {
                        sheets.push(SheetPart {
                            name,
                            path: resolve(target),
                            hidden,
                            chart: *chart,
                        });
                    }
                }
                "definedName" => {
                    let scope = attr(e, "localSheetId").and_then(|i| i.parse::<usize>().ok());
                    in_name = attr(e, "name").map(|n| (n.to_lowercase(), scope));
                    name_text.clear();
                }
                _ => {}
            },
            XmlItem::Text(t) => {
                if in_name.is_some() {
                    name_text.push_str(t);
                }
            }
            XmlItem::End("definedName") => {
                if let Some((name, scope)) = in_name.take() {
                    names.insert((scope, name), name_text.clone());
                }
            }
            XmlItem::End(_) => {}
        })
        .map_err(|source| WorkbookError::PartInvalid {
            part: workbook_path.clone(),
            source,
        })?;
        Ok(WorkbookParts {
            workbook_path,
            sheets,
            names,
            shared_strings: shared_strings.filter(|p| package.has(p)),
            date1904,
        })
    }
}

/// The path of the styles part (`xl/styles.xml` in every workbook seen).
pub fn styles_path(package: &Package, parts: &WorkbookParts) -> Option<String> {
    let folder = parts
        .workbook_path
        .rsplit_once('/')
        .map_or(String::new(), |(f, _)| format!("{f}/"));
    let path = format!("{folder}styles.xml");
    package.has(&path).then_some(path)
}

/// For each cell format (`cellXfs`, by index: a cell's `s`), whether it is locked. A
/// format without `<protection locked="0"/>` is locked, as in Excel (ECMA-376 §18.8.33).
pub fn locked_formats(styles: &[u8]) -> Result<Vec<bool>, XmlError> {
    let mut locked = Vec::new();
    let mut in_cell_xfs = false;
    walk(styles, |item| match item {
        XmlItem::Start(e) => match e.local_name().as_ref() {
            "cellXfs" => in_cell_xfs = true,
            "xf" if in_cell_xfs => locked.push(true),
            "protection" if in_cell_xfs => {
                if let Some(last) = locked.last_mut() {
                    *last = !matches!(attr(e, "locked").as_deref(), Some("0" | "false"));
                }
            }
            _ => {}
        },
        XmlItem::End("cellXfs") => in_cell_xfs = false,
        _ => {}
    })?;
    Ok(locked)
}

/// For each cell format (`cellXfs`, by index: a cell's `s`), its number format: the id
/// (`numFmtId`, 0 `General` when absent) and, for an id the workbook defines in `numFmts`,
/// its format code. Built-in ids (0–163, ECMA-376 §18.8.30) have no code here.
pub fn number_formats(styles: &[u8]) -> Result<Vec<(u32, Option<String>)>, XmlError> {
    let mut codes: HashMap<u32, String> = HashMap::new();
    let mut formats = Vec::new();
    let (mut in_cell_xfs, mut in_num_fmts) = (false, false);
    walk(styles, |item| match item {
        XmlItem::Start(e) => match e.local_name().as_ref() {
            "numFmts" => in_num_fmts = true,
            // Only the workbook's formats: a conditional format's (`dxfs`) may reuse an id.
            "numFmt" if in_num_fmts => {
                if let (Some(id), Some(code)) = (
                    attr(e, "numFmtId").and_then(|i| i.trim().parse().ok()),
                    attr(e, "formatCode"),
                ) {
                    codes.insert(id, code);
                }
            }
            "cellXfs" => in_cell_xfs = true,
            "xf" if in_cell_xfs => formats.push(
                attr(e, "numFmtId")
                    .and_then(|i| i.trim().parse::<u32>().ok())
                    .unwrap_or(0),
            ),
            _ => {}
        },
        XmlItem::End("cellXfs") => in_cell_xfs = false,
        XmlItem::End("numFmts") => in_num_fmts = false,
        _ => {}
    })?;
    Ok(formats
        .into_iter()
        .map(|id| (id, codes.get(&id).cloned()))
        .collect())
}

/// `workbook.xml` asking for a full calculation when the file is opened, so that formulas
/// over the filled cells (scores, a summary of COUNTIFs) show fresh values: the `calcPr`
/// element gets `fullCalcOnLoad="1"` (ECMA-376 §18.2.2), added where the schema's order
/// puts it (with the workbook's namespace prefix) when the workbook has none. The element
/// is written again from its parsed attributes, so any legal spelling of the old ones
/// gives well-formed XML. `None` when it already asks for it.
pub fn with_full_calc_on_load(xml: &[u8]) -> Result<Option<Vec<u8>>, XmlError> {
    let mut reader = Reader::from_reader(xml);
    // Where a new calcPr goes: after the last of these elements (CT_Workbook's order).
    let before_calc = [
        "fileVersion",
        "fileSharing",
        "workbookPr",
        "workbookProtection",
        "bookViews",
        "sheets",
        "functionGroups",
        "externalReferences",
        "definedNames",
    ];
    let mut depth = 0usize;
    let mut insert_at = None;
    let mut prefix = String::new();
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| XmlError::at(&reader, e))?;
        let end = reader.buffer_position() as usize;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if depth == 0 {
                    let name = e.name();
                    let qualified: &str = name.as_ref();
                    prefix = qualified
                        .split_once(':')
                        .map_or(String::new(), |(p, _)| format!("{p}:"));
                }
                if depth == 1 && e.local_name().as_ref() == "calcPr" {
                    if matches!(attr(e, "fullCalcOnLoad").as_deref(), Some("1" | "true")) {
                        return Ok(None);
                    }
                    let name = e.name();
                    let qualified: &str = name.as_ref();
                    let mut tag = format!("<{qualified}");
                    for attribute in e.attributes().with_checks(true) {
                        let attribute = attribute.map_err(|source| XmlError::Attribute {
                            of: Some("calcPr"),
                            source,
                        })?;
                        let key: &str = attribute.key.as_ref();
                        if key == "fullCalcOnLoad" {
                            continue;
                        }
                        let value: &str = attribute.value.as_ref();
                        tag.push_str(&format!(" {key}=\"{}\"", value.replace('"', "&quot;")));
                    }
                    tag.push_str(if empty {
                        " fullCalcOnLoad=\"1\"/>"
                    } else {
                        " fullCalcOnLoad=\"1\">"
                    });
                    let mut out = Vec::with_capacity(xml.len() + 24);
                    out.extend_from_slice(&xml[..start]);
                    out.extend_from_slice(tag.as_bytes());
                    out.extend_from_slice(&xml[end..]);
                    return Ok(Some(out));
                }
                if empty {
                    if depth == 1 && before_calc.contains(&e.local_name().as_ref()) {
                        insert_at = Some(end);
                    }
                } else {
                    depth += 1;
                }
            }
            Event::End(ref e) => {
                if depth == 2 && before_calc.contains(&e.local_name().as_ref()) {
                    insert_at = Some(end);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let at = insert_at.ok_or(XmlError::NoSheets)?;
    let mut out = Vec::with_capacity(xml.len() + 40);
    out.extend_from_slice(&xml[..at]);
    out.extend_from_slice(format!("<{prefix}calcPr fullCalcOnLoad=\"1\"/>").as_bytes());
    out.extend_from_slice(&xml[at..]);
    Ok(Some(out))
}

/// Checks that an edited part is well-formed XML with no attribute written twice, before
/// it is written into the package.
pub fn check_well_formed(xml: &[u8]) -> Result<(), XmlError> {
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    let attributes = |e: &BytesStart| {
        e.attributes()
            .with_checks(true)
            .try_for_each(|a| a.map(drop))
            .map_err(|source| XmlError::Attribute { of: None, source })
    };
    loop {
        match reader.read_event().map_err(|e| XmlError::at(&reader, e))? {
            Event::Start(e) => {
                depth += 1;
                attributes(&e)?;
            }
            Event::Empty(e) => attributes(&e)?,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if depth == 0 => return Ok(()),
            Event::Eof => return Err(XmlError::EndsInsideElement),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calc_pr_is_added_after_defined_names_or_sheets() {
        let xml = br#"<workbook><sheets><sheet name="A" sheetId="1"/></sheets><definedNames><definedName name="x">A!$A$1</definedName></definedNames><extLst/></workbook>"#;
        let out = with_full_calc_on_load(xml).unwrap().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<workbook><sheets><sheet name="A" sheetId="1"/></sheets><definedNames><definedName name="x">A!$A$1</definedName></definedNames><calcPr fullCalcOnLoad="1"/><extLst/></workbook>"#
        );
        let xml = br#"<workbook><sheets><sheet name="A" sheetId="1"/></sheets></workbook>"#;
        let out = with_full_calc_on_load(xml).unwrap().unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains(r#"</sheets><calcPr fullCalcOnLoad="1"/></workbook>"#)
        );
    }

    #[test]
    fn an_existing_calc_pr_gets_the_flag_once() {
        let xml = br#"<workbook><sheets/><calcPr calcId="191029"/></workbook>"#;
        let out = String::from_utf8(with_full_calc_on_load(xml).unwrap().unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<workbook><sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#
        );
        let xml = br#"<workbook><sheets/><calcPr fullCalcOnLoad="0" calcId="1"/></workbook>"#;
        let out = String::from_utf8(with_full_calc_on_load(xml).unwrap().unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>"#
        );
        let xml = br#"<workbook><sheets/><calcPr fullCalcOnLoad="1"/></workbook>"#;
        assert!(with_full_calc_on_load(xml).unwrap().is_none());
        let xml = br#"<workbook><sheets/><calcPr calcId="1" /></workbook>"#;
        let out = String::from_utf8(with_full_calc_on_load(xml).unwrap().unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>"#
        );
    }

    #[test]
    fn formats_are_locked_unless_they_say_otherwise() {
        let styles = br#"<styleSheet><cellStyleXfs><xf><protection locked="0"/></xf></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf applyProtection="1"><protection locked="0"/></xf><xf><alignment wrapText="1"/></xf></cellXfs></styleSheet>"#;
        assert_eq!(locked_formats(styles).unwrap(), vec![true, false, true]);
    }
}

#[cfg(test)]
mod number_format_tests {
    use super::*;

    #[test]
    fn a_conditional_formats_number_format_does_not_replace_the_workbooks() {
        let styles = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs><dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="yyyy/m/d"/></dxf></dxfs></styleSheet>"#;
        assert_eq!(
            number_formats(styles).unwrap(),
            [(0, None), (164, Some("0.00".to_owned()))]
        );
    }
}
