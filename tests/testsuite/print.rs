//! How the xlsx reads on screen and on paper, from the sheet XML itself: the frozen area
//! leaves room for the table, and manual page breaks keep group headings with the rows
//! they head.

use std::io::Read;

use crate::harness::Project;

/// A4 landscape (ISO 216: 210 × 297 mm) less the layouts' 0.6-inch top and bottom
/// margins, in points.
const PRINTABLE_HEIGHT: f64 = 210.0 / 25.4 * 72.0 - 2.0 * 0.6 * 72.0;
/// Most points the frozen rows may take (see docs/layouts.md).
const FROZEN_BUDGET: f64 = 120.0;

struct SheetXml {
    /// Row heights in points, 0-based; rows not written are 15 points.
    heights: Vec<f64>,
    /// Rows (0-based) that hold a merge reaching the last column below the header row:
    /// group headings and their intro paragraphs.
    headings: Vec<usize>,
    header_row: usize,
    breaks: Vec<usize>,
    /// `topLeftCell` of the sheet view (0-based row), `ySplit` of the frozen pane.
    view_top: usize,
    frozen_rows: usize,
    /// Column widths as written (characters).
    widths: Vec<f64>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

fn row_of(cell: &str) -> usize {
    cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse::<usize>()
        .unwrap()
        - 1
}

fn sheets(bytes: &[u8]) -> Vec<SheetXml> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    for n in 1.. {
        let Ok(mut part) = zip.by_name(&format!("xl/worksheets/sheet{n}.xml")) else {
            break;
        };
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        let tags: Vec<&str> = xml.split('<').collect();
        let mut heights = Vec::new();
        let mut widths = Vec::new();
        let mut merges = Vec::new();
        let mut breaks = Vec::new();
        let (mut view_top, mut frozen_rows) = (0, 0);
        for tag in &tags {
            if tag.starts_with("row ") {
                let r = attr(tag, "r").unwrap().parse::<usize>().unwrap() - 1;
                heights.resize(r + 1, 15.0);
                heights[r] = attr(tag, "ht").map_or(15.0, |h| h.parse().unwrap());
            } else if tag.starts_with("col ") {
                widths.push(attr(tag, "width").unwrap().parse::<f64>().unwrap());
            } else if tag.starts_with("mergeCell ") {
                let range = attr(tag, "ref").unwrap();
                let (from, to) = range.split_once(':').unwrap();
                merges.push((row_of(from), to.to_owned()));
            } else if tag.starts_with("brk ") {
                // `id` is the last row (1-based) before the break: the 0-based first row
                // of the next page.
                breaks.push(attr(tag, "id").unwrap().parse::<usize>().unwrap());
            } else if tag.starts_with("sheetView ") {
                view_top = attr(tag, "topLeftCell").map_or(0, row_of);
            } else if tag.starts_with("pane ") {
                frozen_rows = attr(tag, "ySplit").unwrap().parse().unwrap();
            }
        }
        let header_row = tags
            .iter()
            .find(|t| t.starts_with("autoFilter "))
            .map(|t| row_of(attr(t, "ref").unwrap().split(':').next().unwrap()))
            .expect("an autofilter on the header row");
        let last_col: String = tags
            .iter()
            .find(|t| t.starts_with("autoFilter "))
            .map(|t| attr(t, "ref").unwrap().split(':').nth(1).unwrap())
            .unwrap()
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        let headings = merges
            .iter()
            .filter(|(row, to)| {
                *row > header_row && to.trim_end_matches(|c: char| c.is_ascii_digit()) == last_col
            })
            .map(|(row, _)| *row)
            .collect();
        out.push(SheetXml {
            heights,
            headings,
            header_row,
            breaks,
            view_top,
            frozen_rows,
            widths,
        });
    }
    out
}

fn built(folder: &str, file: &str) -> Vec<SheetXml> {
    let project = Project::copy_of(folder);
    project.run(&["build"]).code(0);
    sheets(&project.read_bytes(&format!("dist/{file}")))
}

/// Every built-in layout: the examples and the repository's project (`default`).
const WORKBOOKS: &[(&str, &str)] = &[
    ("examples/monocone", "monocone.xlsx"),
    ("examples/kingoftime", "mic-annex2.xlsx"),
    ("examples/skyarch", "skyarch.xlsx"),
    ("examples/melcol", "melcol.xlsx"),
    (".", "default-mic-cloud-v3.xlsx"),
];

#[test]
fn the_frozen_rows_leave_room_for_the_table() {
    for (example, file) in WORKBOOKS {
        for (n, sheet) in built(example, file).iter().enumerate() {
            let frozen: f64 = sheet.heights[sheet.view_top..sheet.view_top + sheet.frozen_rows]
                .iter()
                .sum();
            assert!(
                frozen <= FROZEN_BUDGET,
                "{example} sheet {n}: {frozen} points frozen"
            );
            // The header row is the last frozen row: it stays in view.
            assert_eq!(
                sheet.view_top + sheet.frozen_rows,
                sheet.header_row + 1,
                "{example} sheet {n}"
            );
        }
    }
    // monocone's title and preamble are taller than the budget: the sheet opens at the
    // as-of line right above the header row, and only those rows are frozen.
    let project = Project::copy_of("examples/monocone");
    project.run(&["build"]).code(0);
    let bytes = project.read_bytes("dist/monocone.xlsx");
    let monocone = &sheets(&bytes)[0];
    assert!(monocone.view_top > 0);
    assert!(monocone.frozen_rows < monocone.header_row);
    let cells = crate::harness::xlsx_cells(&bytes);
    let top = cells
        .iter()
        .find(|c| c.1 == monocone.view_top && c.2 == 0)
        .map(|c| c.3.as_str())
        .unwrap_or_default();
    assert!(top.contains("時点の情報に基づきます。"), "{top}");
}

#[test]
fn page_breaks_keep_headings_with_their_rows() {
    for (example, file) in WORKBOOKS {
        for (n, sheet) in built(example, file).iter().enumerate() {
            let rows = sheet.heights.len();
            if sheet.heights.iter().sum::<f64>() > PRINTABLE_HEIGHT {
                assert!(
                    !sheet.breaks.is_empty(),
                    "{example} sheet {n}: no page breaks"
                );
            }
            // Fit to width: the columns' points (`w * 7 + 5` pixels of 0.75 points for a
            // width `w` as written less rust_xlsxwriter's 0.71 padding, ECMA-376 18.3.1.13)
            // over A4's printable width.
            let columns: f64 = sheet
                .widths
                .iter()
                .map(|w| ((w - 0.7109375) * 7.0 + 5.0) * 0.75)
                .sum();
            let width = 297.0 / 25.4 * 72.0 - 2.0 * 0.4 * 72.0;
            let scale = if columns > width {
                (width / columns * 100.0).floor() / 100.0
            } else {
                1.0
            };
            let mut starts = vec![0];
            starts.extend(&sheet.breaks);
            starts.push(rows);
            for page in starts.windows(2) {
                let (from, to) = (page[0], page[1]);
                let repeated = if from > 0 {
                    sheet.heights[sheet.header_row]
                } else {
                    0.0
                };
                let height: f64 = repeated + sheet.heights[from..to].iter().sum::<f64>();
                assert!(
                    height <= PRINTABLE_HEIGHT / scale || to == from + 1,
                    "{example} sheet {n}: rows {from}..{to} take {height} points, over a page"
                );
                if to < rows {
                    assert!(
                        !sheet.headings.contains(&(to - 1)),
                        "{example} sheet {n}: the page of rows {from}..{to} ends with a heading"
                    );
                }
            }
        }
    }
}
