//! The xlsx as a package: what README.md ("What the outputs look like") promises of every
//! built workbook, read from its XML parts rather than from a spreadsheet application — a
//! frozen header row with a filter, A4 landscape fitted to the page width with the header
//! row repeated and page numbers, Yu Gothic, title and company in the file's properties,
//! clickable links, and no time of the build anywhere: the same project builds the same
//! bytes, and the only date in the package is the project's `as_of`.
//!
//! Sheet names are read from each workbook, never assumed.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::harness::Project;

/// One element of a part: its local name, attributes (by local name), its own text, its
/// parent and the `<c>` cell it is inside (by index into the part's elements).
#[derive(Debug)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    parent: Option<usize>,
    cell: Option<usize>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

fn attributes(e: &BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("a well-formed attribute");
            let key = a.key.local_name().as_ref().to_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("an attribute value")
                .into_owned();
            (key, value)
        })
        .collect()
}

fn entity(name: &str) -> String {
    match name {
        "amp" => "&".to_owned(),
        "lt" => "<".to_owned(),
        "gt" => ">".to_owned(),
        "quot" => "\"".to_owned(),
        "apos" => "'".to_owned(),
        other => {
            let code = other
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| other.strip_prefix('#').map(str::parse::<u32>))
                .unwrap_or_else(|| panic!("unknown entity &{other};"))
                .unwrap();
            char::from_u32(code).unwrap().to_string()
        }
    }
}

/// Every element of an XML part, in document order.
fn elements(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let start = |e: &BytesStart, out: &mut Vec<Element>, open: &[usize]| {
            let parent = open.last().copied();
            let name = e.local_name().as_ref().to_owned();
            let cell = parent.and_then(|p| {
                if out[p].name == "c" {
                    Some(p)
                } else {
                    out[p].cell
                }
            });
            out.push(Element {
                name,
                attrs: attributes(e),
                text: String::new(),
                parent,
                cell,
            });
            out.len() - 1
        };
        match event {
            Event::Start(e) => {
                let index = start(&e, &mut out, &open);
                open.push(index);
            }
            Event::Empty(e) => {
                start(&e, &mut out, &open);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&top) = open.last() {
                    out[top].text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&top) = open.last() {
                    out[top].text.push_str(&entity(r.as_ref()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

struct Package {
    parts: BTreeMap<String, String>,
}

impl Package {
    fn open(bytes: &[u8]) -> Package {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
        let mut parts = BTreeMap::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().expect("a part name").into_owned();
            let mut text = String::new();
            file.read_to_string(&mut text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            parts.insert(name, text);
        }
        Package { parts }
    }

    fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}: {:?}", self.parts.keys()))
    }

    fn xml(&self, name: &str) -> Vec<Element> {
        elements(self.part(name))
    }

    /// Relationship id → target of a part's relationships.
    fn relationships(&self, name: &str) -> HashMap<String, String> {
        self.xml(name)
            .into_iter()
            .filter(|e| e.name == "Relationship")
            .map(|e| (e.attrs["Id"].clone(), e.attrs["Target"].clone()))
            .collect()
    }
}

/// `C47` → 47; `$8` → 8.
fn row_of(reference: &str) -> u32 {
    reference
        .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '$')
        .parse()
        .unwrap_or_else(|_| panic!("a cell reference: {reference}"))
}

/// A cell text that is exactly one URL (as README promises to link).
fn one_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.chars().any(char::is_whitespace)
}

/// Checks one built workbook against README's promises; returns how many cells hold one URL.
fn check_workbook(name: &str, bytes: &[u8], as_of: &str, organization: &str) -> usize {
    let package = Package::open(bytes);

    // Properties: the document's title and the company.
    let core = package.xml("docProps/core.xml");
    let title = core
        .iter()
        .find(|e| e.name == "title")
        .map(|e| e.text.clone())
        .unwrap_or_default();
    assert!(!title.trim().is_empty(), "{name}: no title in core.xml");
    let app = package.xml("docProps/app.xml");
    let company = app
        .iter()
        .find(|e| e.name == "Company")
        .map(|e| e.text.as_str());
    assert_eq!(company, Some(organization), "{name}: Company in app.xml");
    for date in ["created", "modified"] {
        let value = core
            .iter()
            .find(|e| e.name == date)
            .unwrap_or_else(|| panic!("{name}: no dcterms:{date}"));
        assert!(
            value.text.starts_with(&format!("{as_of}T")),
            "{name}: dcterms:{date} is {}, not as_of {as_of}",
            value.text
        );
    }

    // The font of every written cell.
    let styles = package.xml("xl/styles.xml");
    let child_of = |parent: &str, name: &str| -> Vec<&Element> {
        styles
            .iter()
            .filter(|e| e.name == name && e.parent.is_some_and(|p| styles[p].name == parent))
            .collect()
    };
    let fonts: Vec<String> = child_of("fonts", "font")
        .iter()
        .map(|font| {
            let index = styles.iter().position(|e| std::ptr::eq(e, *font)).unwrap();
            styles
                .iter()
                .find(|e| e.name == "name" && e.parent == Some(index))
                .and_then(|e| e.attr("val"))
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let xf_fonts: Vec<&str> = child_of("cellXfs", "xf")
        .iter()
        .map(|xf| fonts[xf.attr("fontId").unwrap_or("0").parse::<usize>().unwrap()].as_str())
        .collect();

    let workbook = package.xml("xl/workbook.xml");
    let workbook_rels = package.relationships("xl/_rels/workbook.xml.rels");
    let sheets: Vec<&Element> = workbook.iter().filter(|e| e.name == "sheet").collect();
    assert!(!sheets.is_empty(), "{name}: no sheets");
    let mut urls = 0;
    let mut title_shown = false;
    for (index, sheet) in sheets.iter().enumerate() {
        let tab = sheet.attr("name").unwrap();
        let target = &workbook_rels[sheet.attr("id").expect("r:id")];
        let path = format!("xl/{}", target.trim_start_matches("/xl/"));
        let xml = package.xml(&path);
        let find = |element: &str| xml.iter().find(|e| e.name == element);
        let at = format!("{name} sheet `{tab}`");

        // Rows once each, in ascending order (ECMA-376 Part 1, 18.3.1.73): Excel repairs
        // (and warns about) a part with a row written twice.
        let rows: Vec<u32> = xml
            .iter()
            .filter(|e| e.name == "row")
            .map(|e| e.attr("r").expect("row number").parse().unwrap())
            .collect();
        assert!(
            rows.windows(2).all(|w| w[0] < w[1]),
            "{at}: rows out of order or written twice: {:?}",
            rows.windows(2).find(|w| w[0] >= w[1])
        );

        // The header row frozen, with a filter starting at it.
        let pane = find("pane").unwrap_or_else(|| panic!("{at}: no pane"));
        assert_eq!(pane.attr("state"), Some("frozen"), "{at}: {pane:?}");
        assert_eq!(pane.attr("xSplit"), None, "{at}: only rows are frozen");
        // The view may open below the title block (`topLeftCell` of the sheet view): the
        // frozen rows are counted from there, and the last of them is the header row.
        let view_top = find("sheetView")
            .and_then(|e| e.attr("topLeftCell"))
            .map_or(1, row_of);
        let frozen: u32 = pane.attr("ySplit").unwrap().parse().unwrap();
        assert!(frozen >= 1, "{at}");
        let header = view_top - 1 + frozen;
        assert_eq!(
            pane.attr("topLeftCell").map(row_of),
            Some(header + 1),
            "{at}"
        );
        let filter = find("autoFilter").unwrap_or_else(|| panic!("{at}: no filter"));
        let range = filter.attr("ref").unwrap();
        assert_eq!(
            row_of(range.split(':').next().unwrap()),
            header,
            "{at}: the filter starts at the frozen header row: {range}"
        );

        // A4 landscape, one page wide, as many pages tall as it takes.
        let setup = find("pageSetup").unwrap_or_else(|| panic!("{at}: no pageSetup"));
        assert_eq!(setup.attr("paperSize"), Some("9"), "{at}: A4");
        assert_eq!(setup.attr("orientation"), Some("landscape"), "{at}");
        // fitToWidth defaults to 1 in the file format.
        assert_eq!(setup.attr("fitToWidth").unwrap_or("1"), "1", "{at}");
        assert_eq!(setup.attr("fitToHeight"), Some("0"), "{at}");
        assert_eq!(
            find("pageSetUpPr").and_then(|e| e.attr("fitToPage")),
            Some("1"),
            "{at}: fitted to the page"
        );
        // Page numbers in the footer.
        let footer = find("oddFooter").map(|e| e.text.as_str()).unwrap_or("");
        assert!(footer.contains("&P"), "{at}: footer {footer:?}");

        // The header row repeated on every printed page.
        let titles: Vec<&Element> = workbook
            .iter()
            .filter(|e| {
                e.name == "definedName"
                    && e.attr("name") == Some("_xlnm.Print_Titles")
                    && e.attr("localSheetId") == Some(&index.to_string())
            })
            .collect();
        assert_eq!(titles.len(), 1, "{at}: print titles");
        assert!(
            titles[0].text.ends_with(&format!("!${header}:${header}")),
            "{at}: print titles {} are not row {header}",
            titles[0].text
        );

        // Every written cell in Yu Gothic; a cell that is one URL is a link to it.
        let rels_path = path.replace("worksheets/", "worksheets/_rels/") + ".rels";
        let links: HashMap<String, String> = if package.parts.contains_key(&rels_path) {
            package.relationships(&rels_path)
        } else {
            HashMap::new()
        };
        let hyperlinks: HashMap<&str, &str> = xml
            .iter()
            .filter(|e| e.name == "hyperlink")
            .map(|e| (e.attr("ref").unwrap(), e.attr("id").unwrap_or("")))
            .collect();
        for (i, cell) in xml.iter().enumerate().filter(|(_, e)| e.name == "c") {
            let reference = cell.attr("r").unwrap();
            let text: String = xml
                .iter()
                .filter(|e| e.name == "t" && e.cell == Some(i))
                .map(|e| e.text.as_str())
                .collect();
            assert_ne!(
                cell.attr("t"),
                Some("s"),
                "{at} {reference}: inline strings"
            );
            if text.is_empty() {
                continue;
            }
            if index == 0 && text == title {
                title_shown = true;
            }
            let style: usize = cell.attr("s").unwrap_or("0").parse().unwrap();
            assert_eq!(
                xf_fonts[style], "Yu Gothic",
                "{at} {reference}: {text:?} is not in Yu Gothic"
            );
            if one_url(&text) {
                urls += 1;
                let id = hyperlinks
                    .get(reference)
                    .unwrap_or_else(|| panic!("{at} {reference}: {text} is not a link"));
                assert_eq!(
                    links.get(*id).map(String::as_str),
                    Some(text.as_str()),
                    "{at} {reference}: the link's target is the URL as written"
                );
            }
        }
    }

    assert!(
        title_shown,
        "{name}: the title in core.xml, {title:?}, is not the first sheet's title"
    );

    // No time of the build: every entry's time is zip's earliest (1980-01-01 00:00), and
    // the only dates in the parts are the project's as_of.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let time = file.last_modified().expect("a modification time");
        assert_eq!(
            (
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute()
            ),
            (1980, 1, 1, 0, 0),
            "{name}: {} has a time of its own",
            file.name().unwrap_or_default()
        );
    }
    for (part, text) in &package.parts {
        let bytes = text.as_bytes();
        for at in 0..bytes.len().saturating_sub(13) {
            let w = &bytes[at..at + 13];
            let date_time = w[..4].iter().all(u8::is_ascii_digit)
                && w[4] == b'-'
                && w[5..7].iter().all(u8::is_ascii_digit)
                && w[7] == b'-'
                && w[8..10].iter().all(u8::is_ascii_digit)
                && w[10] == b'T'
                && w[11..13].iter().all(u8::is_ascii_digit);
            if date_time {
                assert_eq!(
                    &text[at..at + 10],
                    as_of,
                    "{name}: {part} holds a date that is not as_of"
                );
            }
        }
    }
    urls
}

/// `organization.name` and `as_of` of a project's checksheet.yaml.
fn project_facts(project: &Project) -> (String, String) {
    let config: serde_json::Value =
        serde_saphyr::from_str(&project.read("checksheet.yaml")).expect("checksheet.yaml");
    (
        config["as_of"].as_str().expect("as_of").to_owned(),
        config["organization"]["name"]
            .as_str()
            .expect("organization.name")
            .to_owned(),
    )
}

/// The root project and every example, and the demo with answers that are one URL.
fn projects() -> Vec<(String, Project)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut root = Project::empty().file(
        "checksheet.yaml",
        &std::fs::read_to_string(repo.join("checksheet.yaml")).unwrap(),
    );
    for entry in std::fs::read_dir(repo.join("answers")).unwrap().flatten() {
        let name = format!("answers/{}", entry.file_name().to_string_lossy());
        root = root.file(&name, &std::fs::read_to_string(entry.path()).unwrap());
    }
    let mut projects = vec![("the root project".to_owned(), root)];
    let mut examples: Vec<_> = std::fs::read_dir(repo.join("examples"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("checksheet.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    examples.sort();
    assert!(examples.len() >= 5, "{examples:?}");
    for example in examples {
        let project = Project::copy_of(&format!("examples/{example}"));
        projects.push((format!("examples/{example}"), project));
    }
    let demo = Project::demo();
    let answers = demo.read("answers/demo.yaml").replace(
        "    answer: 対象外です。\n",
        "    answer: https://example.com/security/policy\n",
    );
    assert!(
        answers.contains("/security/policy"),
        "the demo's answer to 2-2"
    );
    projects.push((
        "the demo".to_owned(),
        demo.file("answers/demo.yaml", &answers),
    ));
    projects
}

#[test]
fn every_workbook_keeps_readmes_promises_and_no_build_time() {
    let projects = projects();
    for (_, project) in &projects {
        project.run(&["build", "--out", "first"]).code(0);
    }
    // Built again a second later: any clock in the package would now read differently.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut workbooks = 0;
    let mut urls = 0;
    for (name, project) in &projects {
        project.run(&["build", "--out", "second"]).code(0);
        let first = project.outputs("first");
        let second = project.outputs("second");
        let names = |files: &[(std::path::PathBuf, Vec<u8>)]| -> Vec<std::ffi::OsString> {
            files
                .iter()
                .map(|(path, _)| path.file_name().unwrap().to_owned())
                .collect()
        };
        assert_eq!(names(&first), names(&second), "{name}: the same files");
        for ((path, a), (_, b)) in first.iter().zip(&second) {
            assert!(a == b, "{name}: {} differs between builds", path.display());
        }
        let (as_of, organization) = project_facts(project);
        for (path, bytes) in &first {
            if path.extension().is_some_and(|e| e == "xlsx") {
                let label = format!("{name}: {}", path.display());
                urls += check_workbook(&label, bytes, &as_of, &organization);
                workbooks += 1;
            }
        }
    }
    assert!(workbooks >= 6, "{workbooks} workbooks built");
    assert!(urls >= 1, "no cell that is one URL was checked");
}

#[test]
fn a_workbook_with_a_clock_in_it_is_caught() {
    // The check itself: a package whose properties carry another date fails it.
    let project = Project::demo();
    project.run(&["build"]).code(0);
    let (as_of, organization) = project_facts(&project);
    let xlsx = project
        .outputs("dist")
        .into_iter()
        .find(|(path, _)| path.extension().is_some_and(|e| e == "xlsx"))
        .expect("an xlsx")
        .1;
    check_workbook("the demo", &xlsx, &as_of, &organization);
    let result =
        std::panic::catch_unwind(|| check_workbook("the demo", &xlsx, "1999-12-31", &organization));
    assert!(result.is_err(), "a date other than as_of is noticed");
    let result = std::panic::catch_unwind(|| check_workbook("the demo", &xlsx, &as_of, "別の会社"));
    assert!(result.is_err(), "another company is noticed");
}
