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
        md.contains(&format!("<br>{}<br><{UNESCAPED}>", WITH_QUERY.replace('&', "&amp;"))),
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
        ("https://example.jp/a\\u3000b", "a full-width space (U+3000, 全角スペース)"),
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
        assert!(run.stderr.contains("answers/demo.yaml:5:"), "{}", run.stderr);
        assert!(run.stderr.contains("percent-encode it as `%"), "{}", run.stderr);
    }
}
