//! Text that could mislead a reader: link targets, look-alike and invisible characters in
//! YAML, control characters in answers.

use crate::harness::Project;

/// One file of a zip archive (xlsx) as text.
fn unzip_entry(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsx is a zip");
    let mut entry = archive.by_name(name).expect("entry exists");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8 xml");
    text
}

/// The `Target`s of a worksheet's relationships.
fn rels_targets(bytes: &[u8]) -> Vec<String> {
    let rels = unzip_entry(bytes, "xl/worksheets/_rels/sheet1.xml.rels");
    rels.split("Target=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("closing quote")].replace("&amp;", "&"))
        .collect()
}

const ESCAPED: &str = "https://example.jp/search?q=%E3%82%BB%E3%82%AD";
const UNESCAPED: &str = "https://例え.jp/検索?q=セキュリティ";
const WITH_QUERY: &str = "https://example.jp/a?x=1&y=%E3%81%82";

fn linked_demo() -> Project {
    Project::demo().file(
        "answers/demo.yaml",
        &format!(
            "catalog: demo\nanswers:\n  \"1.1\": {ESCAPED}\n  \"1.10\": {UNESCAPED}\n  \"2-1\":\n    answer: 詳細は次のページです。\n    links:\n      - {WITH_QUERY}\n      - {UNESCAPED}\n  \"2-2\": \"{WITH_QUERY}\"\n"
        ),
    )
}

#[test]
fn link_targets_are_the_urls_as_written_in_every_format() {
    let project = linked_demo();
    project.run(&["build"]).code(0);

    let xlsx = project.read_bytes("dist/default-demo.xlsx");
    let targets = rels_targets(&xlsx);
    for url in [ESCAPED, UNESCAPED, WITH_QUERY] {
        assert!(
            targets.iter().any(|t| t == url),
            "xlsx link target of {url}: {targets:?}"
        );
    }
    assert!(
        targets.iter().all(|t| !t.contains("%25")),
        "escaped twice: {targets:?}"
    );

    let html = project.read("dist/default-demo.html");
    for url in [ESCAPED, UNESCAPED, &WITH_QUERY.replace('&', "&amp;")] {
        assert!(
            html.contains(&format!("<a href=\"{url}\" rel=\"noopener\">{url}</a>")),
            "html link of {url}"
        );
    }
    assert!(!html.contains("%25E3"));
    assert!(
        !html.contains("<a href=\"https://\""),
        "a link cut short at the first character outside ASCII"
    );

    let md = project.read("dist/default-demo.md");
    assert!(md.contains(&format!("| {ESCAPED} |")), "{md}");
    assert!(md.contains(&format!("<{UNESCAPED}>")), "{md}");
    assert!(
        md.contains(&format!(
            "<br>{}<br><{UNESCAPED}>",
            WITH_QUERY.replace('&', "&amp;")
        )),
        "{md}"
    );
    assert!(!md.contains("%25E3"));
}

#[test]
fn a_link_that_html_or_markdown_would_cut_short_is_refused() {
    for (url, shown) in [
        ("https://example.jp/a<b>", "`<` (U+003C)"),
        ("https://example.jp/a\\\"b", "`\"` (U+0022)"),
        ("https://example.jp/a b", "` ` (U+0020)"),
        (
            "https://example.jp/a\\u3000b",
            "a full-width space (U+3000, 全角スペース)",
        ),
    ] {
        let project = Project::demo().file(
            "answers/demo.yaml",
            &format!(
                "catalog: demo\nanswers:\n  \"1.1\":\n    answer: 公開しています。\n    links: [\"{url}\"]\n"
            ),
        );
        let run = project.run(&["check"]);
        run.code(1);
        assert!(run.stderr.contains("error[CS0206]"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("holds {shown}, which cannot be part of a link")),
            "{url}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("answers/demo.yaml:5:"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("percent-encode it as `%"),
            "{}",
            run.stderr
        );
    }
}

/// Every control character and bidirectional override that must never reach a reader raw.
const HIDDEN: [char; 7] = [
    '\u{1b}', '\r', '\u{7}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
];

fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| HIDDEN.contains(&c))
}

/// An answer with an escape sequence that clears a terminal, a carriage return, a bell,
/// C1 controls and bidirectional overrides (written with YAML escapes).
const HIDDEN_ANSWER: &str = "\"1.1\": \"暗号化しています\\e[2J\\r\\a。\\N\\x9b\\u202eabc\\u2066d\"";

#[test]
fn control_characters_are_warned_about_and_never_rendered() {
    let project = Project::demo().file(
        "answers/demo.yaml",
        &format!("catalog: demo\nanswers:\n  {HIDDEN_ANSWER}\n  \"1.10\":\n    answer: [\"一つ目\\e]0;x\\a\"]\n    evidence: [\"規程\\u202e\"]\n"),
    );
    let run = project.run(&["check"]);
    run.code(0);
    assert!(
        run.stderr.contains(
            "warning[CS0412]: the answer of control `1.1` holds U+001B ESCAPE (`\\u{1b}`), U+000D CARRIAGE RETURN (`\\u{d}`), U+0007 BEL (`\\u{7}`), U+0085 NEXT LINE (`\\u{85}`), U+009B CONTROL SEQUENCE INTRODUCER (`\\u{9b}`), U+202E RIGHT-TO-LEFT OVERRIDE (`\\u{202e}`), U+2066 LEFT-TO-RIGHT ISOLATE (`\\u{2066}`): characters a reader would not see"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("answers/demo.yaml:3:10"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the answer of control `1.10` holds U+001B ESCAPE"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the evidence of control `1.10` holds U+202E"),
        "{}",
        run.stderr
    );
    assert!(!has_hidden(&run.stderr), "the report itself is raw");

    project.run(&["build"]).code(0);
    for (page, shown) in [
        ("dist/default-demo.md", "暗号化しています\\[2J。abcd"),
        ("dist/default-demo.html", "暗号化しています[2J。abcd"),
    ] {
        let text = project.read(page);
        assert!(!has_hidden(&text), "{page} holds a control character");
        assert!(text.contains(shown), "{page}");
    }
    let xlsx = project.read_bytes("dist/default-demo.xlsx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&xlsx[..])).unwrap();
    for index in 0..archive.len() {
        use std::io::Read;
        let mut part = archive.by_index(index).unwrap();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        // XML 1.0 allows tab, line feed and carriage return only of the C0 controls; an
        // `_x001B_` escape would become the character again in Excel.
        assert!(
            !text
                .chars()
                .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                    || HIDDEN.contains(&c)
                    || c == '\u{fffe}'),
            "{} holds a control character",
            part.name().unwrap()
        );
        assert!(
            !text.contains("_x001B_") && !text.contains("_x000D_"),
            "{}",
            part.name().unwrap()
        );
    }
}

#[test]
fn diff_shows_control_characters_escaped() {
    let project = Project::demo()
        .file("old/checksheet.yaml", &Project::demo().read("checksheet.yaml"))
        .file("old/controls/demo.yaml", &Project::demo().read("controls/demo.yaml"))
        .file("old/answers/demo.yaml", "catalog: demo\nanswers:\n  \"1.1\": 暗号化しています。\n")
        .file("new/checksheet.yaml", &Project::demo().read("checksheet.yaml"))
        .file("new/controls/demo.yaml", &Project::demo().read("controls/demo.yaml"))
        .file(
            "new/answers/demo.yaml",
            &format!("catalog: demo\nanswers:\n  {HIDDEN_ANSWER}\n  \"2-2\":\n    answer: \"対象外\\e[8m\"\n    links: [https://example.jp/]\n"),
        );
    for (format, bracket) in [("text", "["), ("markdown", "\\[")] {
        let run = project.run(&["diff", "old", "new", "--format", format, "--color", "never"]);
        run.code(0);
        assert!(!has_hidden(&run.stdout), "{format}: {:?}", run.stdout);
        for shown in ["u{1b}{bracket}2J", "u{202e}abc", "u{1b}{bracket}8m"] {
            let shown = shown.replace("{bracket}", bracket);
            assert!(
                run.stdout.contains(&shown),
                "{format}: {shown} in {}",
                run.stdout
            );
        }
    }
    let colored = project.run(&["diff", "old", "new", "--color", "always"]);
    assert!(colored.stdout.contains("\\u{1b}[2J"), "{}", colored.stdout);
    assert!(
        !colored.stdout.contains("\u{1b}[2J"),
        "an answer's escape sequence ran"
    );
}

#[test]
fn the_html_page_carries_a_policy_that_allows_only_its_own_script_and_style() {
    let project = Project::demo();
    project.run(&["build"]).code(0);
    let html = project.read("dist/default-demo.html");
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("a Content-Security-Policy meta element");
    let policy = &html[start..];
    let policy = &policy[policy.find("content=\"").unwrap() + 9..];
    let policy = &policy[..policy.find('"').unwrap()];
    let directives: Vec<&str> = policy.split("; ").collect();
    assert_eq!(directives[0], "default-src 'none'", "{policy}");
    for (directive, tag) in [("script-src", "<script>"), ("style-src", "<style>")] {
        let sources = directives
            .iter()
            .find_map(|d| d.strip_prefix(&format!("{directive} ")))
            .unwrap_or_else(|| panic!("no {directive} in {policy}"));
        assert_eq!(
            sources
                .split(' ')
                .filter(|s| s.starts_with("'sha256-"))
                .count(),
            html.matches(tag).count(),
            "one hash per inline {tag}: {policy}"
        );
        assert!(
            !sources.contains("unsafe") && !sources.contains("http"),
            "{policy}"
        );
        assert!(start < html.find(tag).unwrap(), "the policy comes first");
    }
    assert!(
        policy.ends_with("base-uri 'none'; form-action 'none'"),
        "{policy}"
    );
    // What the policy would refuse is not in the page.
    assert!(!html.contains(" style=\""), "a style attribute");
    assert!(!html.contains(" onclick="), "an event handler attribute");
}

#[test]
fn control_characters_in_the_project_s_texts_are_left_out_of_the_outputs() {
    let project = Project::demo();
    let yaml = project
        .read("checksheet.yaml")
        .replace("  name: デモ株式会社", "  name: \"デモ\\e[2J株式会社\"")
        .replace(
            "as_of:",
            "document: {title: \"題\\u202e名\", notice: \"注\\a意\", preamble: [\"前\\x01文\"]}\nas_of:",
        );
    let project = project.file("checksheet.yaml", &yaml);
    project.run(&["build"]).code(0);
    for page in ["dist/default-demo.md", "dist/default-demo.html"] {
        let text = project.read(page);
        assert!(
            !text
                .chars()
                .any(|c| (c < ' ' && c != '\n') || HIDDEN.contains(&c)),
            "{page} holds a control character"
        );
        for shown in ["2J株式会社", "題名", "注意", "前文"] {
            assert!(text.contains(shown), "{page}: {shown}");
        }
    }
}

/// The `<hyperlink>`s of a worksheet part: (cell, relationship id, in-workbook location).
fn hyperlinks(xml: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let attr = |tag: &str, name: &str| {
        tag.split_once(&format!(" {name}=\""))
            .map(|(_, rest)| rest[..rest.find('"').expect("closing quote")].replace("&apos;", "'"))
    };
    xml.split("<hyperlink ")
        .skip(1)
        .map(|rest| {
            let tag = format!(" {}", &rest[..rest.find('>').expect("end of tag")]);
            (
                attr(&tag, "ref").expect("ref"),
                attr(&tag, "r:id"),
                attr(&tag, "location"),
            )
        })
        .collect()
}

/// The `Target`s of one worksheet's relationships, by id.
fn rels_by_id(bytes: &[u8], sheet: usize) -> std::collections::HashMap<String, String> {
    let rels = unzip_entry(bytes, &format!("xl/worksheets/_rels/sheet{sheet}.xml.rels"));
    rels.split("<Relationship ")
        .skip(1)
        .map(|tag| {
            let get = |name: &str| {
                let (_, rest) = tag.split_once(&format!("{name}=\"")).expect("attribute");
                rest[..rest.find('"').expect("closing quote")].replace("&amp;", "&")
            };
            (get("Id"), get("Target"))
        })
        .collect()
}

const EVIDENCE_URL: &str = "https://example.jp/監査報告書.pdf";
const IN_SENTENCE: &str = "https://example.com/sla";

#[test]
fn every_link_of_every_answer_is_clickable_on_the_links_sheet() {
    let project = Project::demo().file(
        "answers/demo.yaml",
        &format!(
            "catalog: demo\nanswers:\n  \"1.1\": {ESCAPED}\n  \"1.10\":\n    answer: 詳細は {IN_SENTENCE} をご覧ください。\n    evidence: [\"{EVIDENCE_URL}\", 情報セキュリティ基本方針]\n  \"2-1\":\n    answer: 詳細は次のページです。\n    links:\n      - {WITH_QUERY}\n      - {UNESCAPED}\n"
        ),
    );
    project.run(&["build"]).code(0);
    let xlsx = project.read_bytes("dist/default-demo.xlsx");
    let workbook = unzip_entry(&xlsx, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"リンク一覧\""),
        "a links sheet after the document's own: {workbook}"
    );
    let cells = crate::harness::xlsx_cells(&xlsx);
    let main = cells[0].0.clone();
    let on_links = |row: usize, col: usize| {
        cells
            .iter()
            .find(|c| c.0 == "リンク一覧" && c.1 == row && c.2 == col)
            .map(|c| c.3.clone())
            .unwrap_or_default()
    };
    let targets = rels_by_id(&xlsx, 2);
    let links = hyperlinks(&unzip_entry(&xlsx, "xl/worksheets/sheet2.xml"));
    // Each link once, in the order of the answers, with its control.
    let expected = [
        ("1.1", ESCAPED),
        ("1.10", IN_SENTENCE),
        ("1.10", EVIDENCE_URL),
        ("2-1", WITH_QUERY),
        ("2-1", UNESCAPED),
    ];
    let header = cells
        .iter()
        .find(|c| c.0 == "リンク一覧" && c.2 == 2 && c.3 == "リンク")
        .map(|c| c.1)
        .expect("the links sheet's header row");
    for (n, (control, url)) in expected.iter().enumerate() {
        let row = header + 1 + n;
        assert_eq!(on_links(row, 0), *control, "row {row}");
        assert_eq!(on_links(row, 2), *url, "row {row}");
        // The URL is a link to itself, as written.
        let url_cell = format!("C{}", row + 1);
        let (_, id, _) = links
            .iter()
            .find(|(cell, _, _)| *cell == url_cell)
            .unwrap_or_else(|| panic!("{url_cell} is not a link: {links:?}"));
        assert_eq!(
            targets.get(id.as_deref().unwrap()).map(String::as_str),
            Some(*url)
        );
        // The item links to the row of its answer on the document's sheet.
        let item_cell = format!("A{}", row + 1);
        let (_, _, location) = links
            .iter()
            .find(|(cell, _, _)| *cell == item_cell)
            .unwrap_or_else(|| panic!("{item_cell} is not a link: {links:?}"));
        let location = location.clone().expect("an in-workbook link");
        let (sheet, reference) = location.rsplit_once('!').unwrap();
        assert_eq!(sheet, format!("'{main}'"));
        let answer_row: usize = reference[1..].parse::<usize>().unwrap() - 1;
        assert!(
            cells
                .iter()
                .any(|c| c.0 == main && c.1 == answer_row && c.3 == *control),
            "{location} is not the row of {control}"
        );
    }
    assert_eq!(
        on_links(header + 1 + expected.len(), 2),
        "",
        "no other link"
    );
    // The evidence document that is not a URL is not a link.
    assert!(
        !cells
            .iter()
            .any(|c| c.0 == "リンク一覧" && c.3 == "情報セキュリティ基本方針")
    );
    // Like every sheet, it says what date it describes.
    assert!(
        cells
            .iter()
            .any(|c| c.0 == "リンク一覧" && c.3.contains("時点の情報に基づきます。"))
    );

    // The workbook imports back as it did without the sheet, which is left out in a note.
    let run = project.run(&[
        "import",
        "dist/default-demo.xlsx",
        "--layout",
        "default",
        "--catalog",
        "demo",
        "--project",
        ".",
        "--out",
        "back.yaml",
    ]);
    run.code(0);
    assert!(
        run.stderr
            .contains("sheet `リンク一覧` is the links sheet of a build"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_document_without_links_has_no_links_sheet() {
    let project = Project::demo().file(
        "answers/demo.yaml",
        "catalog: demo\nanswers:\n  \"1.1\": 方針を定めています。\n",
    );
    project.run(&["build"]).code(0);
    let workbook = unzip_entry(
        &project.read_bytes("dist/default-demo.xlsx"),
        "xl/workbook.xml",
    );
    assert_eq!(workbook.matches("<sheet ").count(), 1, "{workbook}");
}

#[test]
fn an_english_documents_links_sheet_is_in_english() {
    let project = Project::demo();
    let catalog = project.read("controls/demo.yaml").replace(
        "  title: デモ質問票\n",
        "  title: Demo questionnaire\n  lang: en\n",
    );
    let project = project.file("controls/demo.yaml", &catalog);
    project.run(&["build"]).code(0);
    let cells = crate::harness::xlsx_cells(&project.read_bytes("dist/default-demo.xlsx"));
    for text in ["Item", "Control", "Link", "https://example.com/policy"] {
        assert!(
            cells.iter().any(|c| c.0 == "Links" && c.3 == text),
            "{text} on the `Links` sheet"
        );
    }
}

/// A layout with a `links` column: the links leave the answer cell for it, a cell holding
/// one link is that link, and `import --layout` reads them back.
#[test]
fn a_links_column_holds_the_links_and_imports_back() {
    let project = Project::fixture("build", "custom-layout");
    let layout = project
        .read("layouts/acme/layout.yaml")
        .replace(
            "  - {header: 状況, value: status, width: 10}\n",
            "  - {header: 状況, value: status, width: 10}\n  - {header: 参考URL, value: links, width: 40}\n",
        );
    let answers = format!(
        "catalog: demo\nanswers:\n  \"1.1\":\n    status: implemented\n    answer: 方針を公開しています。\n    links: [\"{ESCAPED}\"]\n  \"1.10\":\n    status: partial\n    answer: 年1回実施しています。\n    links: [\"{WITH_QUERY}\", \"{UNESCAPED}\"]\n"
    );
    let project = project
        .file("layouts/acme/layout.yaml", &layout)
        .file("answers/demo.yaml", &answers);
    project.run(&["build"]).code(0);
    let xlsx = project.read_bytes("dist/acme-demo.xlsx");
    let cells = crate::harness::xlsx_cells(&xlsx);
    let main = cells[0].0.clone();
    let cell = |text: &str| {
        cells
            .iter()
            .find(|c| c.0 == main && c.3 == text)
            .unwrap_or_else(|| panic!("no cell {text:?} in {cells:?}"))
    };
    // The answer cell holds the text alone; the links column the links.
    cell("方針を公開しています。");
    let one = cell(ESCAPED);
    assert_eq!(one.2, 4);
    cell(&format!("{WITH_QUERY}\n{UNESCAPED}"));
    let reference = format!("E{}", one.1 + 1);
    let links = hyperlinks(&unzip_entry(&xlsx, "xl/worksheets/sheet1.xml"));
    let (_, id, _) = links
        .iter()
        .find(|(cell, _, _)| *cell == reference)
        .unwrap_or_else(|| panic!("{reference} is not a link: {links:?}"));
    assert_eq!(
        rels_by_id(&xlsx, 1)
            .get(id.as_deref().unwrap())
            .map(String::as_str),
        Some(ESCAPED)
    );

    let run = project.run(&[
        "import",
        "dist/acme-demo.xlsx",
        "--layout",
        "acme",
        "--catalog",
        "demo",
        "--project",
        ".",
        "--out",
        "back.yaml",
    ]);
    run.code(0);
    let back = project.read("back.yaml");
    for url in [ESCAPED, WITH_QUERY, UNESCAPED] {
        assert!(back.contains(url), "{url} back:\n{back}");
    }
    assert!(
        !back.contains("方針を公開しています。\n      https"),
        "{back}"
    );
}

/// A lone carriage return is a line break to YAML but not to a reviewer: an answer after a
/// comment would look commented out.
#[test]
fn a_lone_carriage_return_in_yaml_is_an_error_at_its_place() {
    let project = Project::demo().file(
        "answers/demo.yaml",
        "catalog: demo\nanswers:\n  \"1.1\": 方針を制定しています。  # reviewed\r  \"1.10\": 実施していません\n",
    );
    let run = project.run(&["check"]);
    run.code(1);
    assert!(run.stderr.contains("error[CS0104]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a carriage return (U+000D) without a line feed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("answers/demo.yaml:3:"),
        "{}",
        run.stderr
    );
    // CRLF line endings are fine.
    let project = Project::demo().file(
        "answers/demo.yaml",
        "catalog: demo\r\nanswers:\r\n  \"1.1\": 方針を制定しています。\r\n",
    );
    assert!(!project.run(&["check"]).stderr.contains("CS0104"));
}

#[test]
fn links_without_slashes_or_with_invisible_characters_are_refused() {
    for (link, said) in [
        ("https:evil.example", "is not an absolute http(s) URL"),
        ("https:/evil.example/x", "is not an absolute http(s) URL"),
        (
            "https://exa\\u200bmple.com/",
            "which cannot be part of a link",
        ),
        (
            "https://example.com/\\u202e/gpj.exe",
            "which cannot be part of a link",
        ),
    ] {
        let project = Project::demo().file(
            "answers/demo.yaml",
            &format!(
                "catalog: demo\nanswers:\n  \"1.1\":\n    answer: x\n    links: [\"{link}\"]\n"
            ),
        );
        let run = project.run(&["check"]);
        run.code(1);
        assert!(
            run.stderr.contains("error[CS0206]"),
            "{link}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(said), "{link}: {}", run.stderr);
    }
}

/// A catalog's titles and texts reach customers as answers do: their hidden characters are
/// named, and left out of every output; an ID with one is refused.
#[test]
fn hidden_characters_in_a_catalog_are_named_and_left_out() {
    let project = Project::demo();
    let catalog = project
        .read("controls/demo.yaml")
        .replace("title: 方針", "title: \"方\\u202eく針\\e[2J\"")
        .replace(
            "text: 従業員教育を実施していますか。",
            "text: \"従業員\\u200b教育を実施していますか。\"",
        );
    let project = project.file("controls/demo.yaml", &catalog);
    let run = project.run(&["check"]);
    run.code(0);
    assert!(
        run.stderr
            .contains("warning[CS0412]: the title of control `1.1` holds"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the text of control `1.10` holds"),
        "{}",
        run.stderr
    );
    project.run(&["build"]).code(0);
    for file in ["dist/default-demo.md", "dist/default-demo.html"] {
        let text = project.read(file);
        for hidden in ['\u{202e}', '\u{1b}', '\u{200b}'] {
            assert!(!text.contains(hidden), "{file}: {hidden:?}");
        }
        assert!(text.contains("方く針"), "{file}");
    }
    let with_bad_id = Project::demo();
    let catalog = with_bad_id
        .read("controls/demo.yaml")
        .replace("- id: \"1.1\"", "- id: \"1.1\\u200b\"");
    let run = with_bad_id
        .file("controls/demo.yaml", &catalog)
        .run(&["check"]);
    run.code(1);
    assert!(run.stderr.contains("error[CS0207]"), "{}", run.stderr);
}

/// The links sheet is laid out like the document's sheets: its filter covers its header and
/// every link row, its rows are tall enough for their text.
#[test]
fn the_links_sheet_filters_all_its_rows_and_fits_their_text() {
    let long = format!("https://example.com/{}", "a".repeat(300));
    let project = Project::demo().file(
        "answers/demo.yaml",
        &format!(
            "catalog: demo\nanswers:\n  \"1.1\": {ESCAPED}\n  \"1.10\":\n    answer: x\n    links: [\"{long}\"]\n"
        ),
    );
    project.run(&["build"]).code(0);
    let xml = unzip_entry(
        &project.read_bytes("dist/default-demo.xlsx"),
        "xl/worksheets/sheet2.xml",
    );
    let attr = |tag: &str, name: &str| -> Option<String> {
        let (_, rest) = tag.split_once(&format!(" {name}=\""))?;
        Some(rest[..rest.find('"')?].to_owned())
    };
    let filter = xml.split("<autoFilter ").nth(1).expect("a filter");
    // Rows with a height of their own: the title block, the header row, one per link.
    let heights: std::collections::BTreeMap<u32, f64> = xml
        .split("<row ")
        .skip(1)
        .filter_map(|tag| {
            let tag = format!(" {}", &tag[..tag.find('>').unwrap()]);
            Some((
                attr(&tag, "r")?.parse().unwrap(),
                attr(&tag, "ht")?.parse().unwrap(),
            ))
        })
        .collect();
    let (&last, _) = heights.iter().next_back().unwrap();
    let header = last - 2;
    assert_eq!(
        attr(&format!(" {filter}"), "ref").unwrap(),
        format!("A{header}:C{last}")
    );
    // The header row: one line of 17.25 points and its padding, in whole pixels.
    assert_eq!(heights[&header], 25.5);
    // A one-line link row, and the long link wrapped over several lines of 17.25 points.
    assert_eq!(heights[&(header + 1)], 17.25 + 6.0);
    let lines = (heights[&last] - 6.0) / 17.25;
    assert!(lines >= 4.0 && lines.fract() == 0.0, "{}", heights[&last]);
}
