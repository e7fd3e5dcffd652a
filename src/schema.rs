//! JSON Schemas (draft-07) of the four file kinds, for editors: `checksheet schema KIND`
//! prints one, `checksheet init` writes them into a new project, and a
//! `# yaml-language-server: $schema=…` comment at the top of a YAML file points VS Code
//! (and any editor using yaml-language-server) at it, which then completes field names,
//! statuses and levels and underlines mistakes while typing.
//!
//! The schemas describe what the loaders in [`crate::load`] and [`crate::layout`] accept:
//! the same field names (every object has `additionalProperties: false`), the same required
//! fields, values and forms. Where they are deliberately stricter, it is where the file
//! format asks for a spelling the loaders tolerate: IDs, output names, paths, links and
//! dates must be YAML strings (quote IDs that look like numbers); `width`, `depth` and
//! `review_within_days` must be YAML numbers and `hidden` a boolean; list items and
//! enumerated values (`status`, `level`, …) may not be left empty; and an answer with no
//! text (warning CS0404) is flagged. Cross-file rules (unknown or duplicate IDs) stay with
//! `check`. The unit tests below fail if a loader's field list and its schema drift apart;
//! `tests/testsuite/schema.rs` checks the schemas with an independent validator.

use serde_json::{Map, Value, json};
use strum::VariantArray;

use crate::load::Workspace;
use crate::model::{Format, Lang, Level, Status};

/// The file kinds that have a schema. Their names (`project`, `catalog`, …) are strum's;
/// each variant's doc comment is the help of the value (`checksheet schema KIND`), read
/// through [`strum::EnumMessage`].
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    /// `checksheet.yaml`
    Project,
    /// `controls/<catalog-id>.yaml`
    Catalog,
    /// `answers/**/*.yaml`
    Answers,
    /// `templates/<layout-id>/layout.yaml`
    Layout,
}

impl Kind {
    /// The name on the command line and of the schema file (`project` → `project.json`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The schema file's name inside a project's schema folder.
    pub fn file_name(self) -> String {
        format!("{}.json", self.name())
    }

    /// The schema as a JSON value.
    pub fn schema(self) -> Value {
        let builtins = Builtins::load();
        match self {
            Kind::Project => project(builtins),
            Kind::Catalog => catalog(),
            Kind::Answers => answers(builtins),
            Kind::Layout => layout(builtins),
        }
    }

    /// The schema as pretty-printed JSON with a final line break (what `schema` prints
    /// and `init` writes); the same for every run of the same version.
    pub fn to_json(self) -> String {
        serde_json::to_string_pretty(&self.schema()).unwrap_or_default() + "\n"
    }
}

/// Where `init` puts the schemas, relative to the project folder.
pub const SCHEMA_DIR: &str = ".checksheet/schema";

/// The IDs of the built-in catalogs and layouts, offered as completions.
struct Builtins {
    catalogs: Vec<String>,
    layouts: Vec<String>,
}

impl Builtins {
    /// Loaded once per process: the built-ins are compiled in and never change.
    fn load() -> &'static Builtins {
        static BUILTINS: std::sync::OnceLock<Builtins> = std::sync::OnceLock::new();
        BUILTINS.get_or_init(|| {
            let ws = Workspace::builtins();
            Builtins {
                catalogs: ws.catalogs.keys().cloned().collect(),
                layouts: ws.layouts.keys().cloned().collect(),
            }
        })
    }
}

// ---- building blocks ----------------------------------------------------------------

/// A control or group ID: what `check_id` accepts (non-empty, no surrounding white space,
/// no line breaks or control characters).
const ID_PATTERN: &str = r"^[^\s\u0000-\u001f\u007f-\u009f](?:[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f])?$";
/// A catalog ID: ASCII letters, digits, `.`, `_` and `-`.
const CATALOG_ID_PATTERN: &str = "^[A-Za-z0-9._-]+$";
/// A layout ID: lowercase ASCII letters, digits and `-`, not starting with `-`, ≤ 64.
const LAYOUT_ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,63}$";
/// An output name: a plain file name that cannot leave the output folder.
const OUTPUT_NAME_PATTERN: &str = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$";
/// A date written YYYY-MM-DD (the loaders also check it is a real calendar date).
const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// An absolute http(s) URL with a host, without white space, `<`, `>`, `"` or control
/// characters (which would end the link in HTML or Markdown).
const LINK_PATTERN: &str = "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s<>\"\\x00-\\x1f\\x7f-\\x9f]+[^\\s<>\"\\x00-\\x1f\\x7f-\\x9f]*$";
/// The start of an evidence item meant as a URL (`looks_like_url` of the answers loader).
const EVIDENCE_URL_PATTERN: &str = "^([Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.)";
/// Scalars the loaders read as text: numbers and booleans are taken as spelled.
/// A column letter, A to XFD (the loader also checks the range).
const COLUMN_PATTERN: &str = "^[A-Za-z]{1,3}$";
const TEXT_TYPES: [&str; 3] = ["string", "number", "boolean"];

/// Optional free text: an empty value (null) counts as absent.
fn opt_text(description: &str) -> Value {
    json!({ "description": description, "type": ["string", "number", "boolean", "null"] })
}

/// Required free text that must not be empty or blank.
fn required_text(description: &str) -> Value {
    json!({ "description": description, "type": TEXT_TYPES, "pattern": "\\S" })
}

/// An optional list of texts (a single text is not accepted in its place).
fn text_list(description: &str) -> Value {
    json!({
        "description": description,
        "type": ["array", "null"],
        "items": { "type": TEXT_TYPES },
    })
}

/// An optional list of strings (paths, IDs).
fn string_list(description: &str, item: Value) -> Value {
    json!({ "description": description, "type": ["array", "null"], "items": item })
}

fn date(description: &str) -> Value {
    json!({
        "description": description,
        "type": "string",
        "format": "date",
        "pattern": DATE_PATTERN,
    })
}

fn id(description: &str, pattern: &str) -> Value {
    json!({ "description": description, "type": "string", "pattern": pattern })
}

fn link() -> Value {
    json!({
        "description": "An absolute http(s) URL, e.g. https://example.com/security",
        "type": "string",
        "pattern": LINK_PATTERN,
    })
}

/// An evidence item: a document name, not blank; one that starts like a URL (`http://`,
/// `https://`, `www.`) must be an absolute http(s) URL.
fn evidence() -> Value {
    json!({
        "description": "A document name, or an absolute http(s) URL (a text starting with http://, https:// or www. must be one).",
        "type": TEXT_TYPES,
        "pattern": "\\S",
        "if": { "type": "string", "pattern": EVIDENCE_URL_PATTERN },
        "then": { "pattern": LINK_PATTERN },
    })
}

/// An enumeration with a description per value (shown by editors in completion lists).
fn enumeration(description: &str, values: &[(&str, String)]) -> Value {
    let names: Vec<&str> = values.iter().map(|(v, _)| *v).collect();
    let descriptions: Vec<&str> = values.iter().map(|(_, d)| d.as_str()).collect();
    json!({
        "description": description,
        "type": "string",
        "enum": names,
        "enumDescriptions": descriptions,
    })
}

/// A mapping with exactly these fields (in the loader's order); unknown fields are errors.
fn object(description: &str, required: &[&str], properties: Vec<(&str, Value)>) -> Value {
    let mut props = Map::new();
    for (name, schema) in properties {
        props.insert(name.to_owned(), schema);
    }
    let mut schema = json!({
        "description": description,
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// A sub-schema that holds when `field` is there with a value (not null); values other
/// than mappings pass it. Written with `not` rather than `properties`, so that editors do
/// not offer the field twice.
fn given(field: &str) -> Value {
    json!({
        "required": [field],
        "not": {
            "type": "object",
            "required": [field],
            "properties": { field: { "type": "null" } },
        },
    })
}

/// The top of a schema file.
fn document(title: &str, description: &str, body: Value, definitions: Option<Value>) -> Value {
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": title,
    });
    let Value::Object(top) = &mut schema else {
        unreachable!("json! of an object is an object")
    };
    if let Value::Object(body) = body {
        for (key, value) in body {
            top.insert(key, value);
        }
    }
    top.insert("description".into(), json!(description));
    if let Some(definitions) = definitions {
        top.insert("definitions".into(), definitions);
    }
    schema
}

fn with_examples(mut schema: Value, examples: &[String]) -> Value {
    if !examples.is_empty() {
        schema["examples"] = json!(examples);
    }
    schema
}

// ---- the four file kinds ------------------------------------------------------------

fn project(builtins: &Builtins) -> Value {
    let formats: Vec<(&str, String)> = Format::VARIANTS
        .iter()
        .map(|f| {
            let what = match f {
                Format::Xlsx => "an Excel workbook",
                Format::Md => "a Markdown document",
                Format::Html => "a self-contained HTML page",
            };
            (f.extension(), format!("`{}`: {what}", f.extension()))
        })
        .collect();
    let output = object(
        "One output: a layout, the catalog it shows, and its formats.",
        &["layout"],
        vec![
            (
                "layout",
                with_examples(
                    required_text(
                        "The layout's ID: a built-in one (`checksheet list layouts`) or one of the project's `layouts`.",
                    ),
                    &builtins.layouts,
                ),
            ),
            (
                "catalog",
                with_examples(
                    json!({
                        "description": "The catalog to show (required for the generic `default` layout; others know theirs).",
                        "type": ["string", "null"],
                    }),
                    &builtins.catalogs,
                ),
            ),
            (
                "formats",
                json!({
                    "description": "The formats to write (default: all three).",
                    "type": ["array", "null"],
                    "items": enumeration("An output format.", &formats),
                }),
            ),
            (
                "name",
                json!({
                    "description": "The output file stem (default: the layout ID, or layout-catalog). ASCII letters, digits, `.`, `_` and `-`, not starting with `.`.",
                    "type": ["string", "null"],
                    "pattern": OUTPUT_NAME_PATTERN,
                }),
            ),
        ],
    );
    let body = object(
        "",
        &["organization", "as_of", "outputs"],
        vec![
            (
                "organization",
                object(
                    "Who answers.",
                    &["name"],
                    vec![
                        (
                            "name",
                            required_text("The company name, e.g. サンプル株式会社."),
                        ),
                        (
                            "short_name",
                            opt_text(
                                "A short name for column headers such as \"{short} 実施内容\".",
                            ),
                        ),
                        ("service", opt_text("The service the answers describe.")),
                        (
                            "contact",
                            opt_text(
                                "The person who answers (回答者 / 担当者), written by `fill` where a questionnaire asks for the respondent.",
                            ),
                        ),
                    ],
                ),
            ),
            (
                "as_of",
                date("The date the answers describe: a real calendar date, YYYY-MM-DD."),
            ),
            (
                "answers",
                string_list(
                    "Answer files or folders, relative to this file (default: [answers]).",
                    json!({ "type": "string" }),
                ),
            ),
            (
                "catalogs",
                string_list(
                    "More catalog files or folders (the built-in catalogs are always there).",
                    json!({ "type": "string" }),
                ),
            ),
            (
                "layouts",
                string_list(
                    "More layout folders (the built-in layouts are always there).",
                    json!({ "type": "string" }),
                ),
            ),
            (
                "document",
                object(
                    "Texts shown around the table by layouts.",
                    &[],
                    vec![
                        (
                            "title",
                            opt_text("The document title (overrides the layout's)."),
                        ),
                        (
                            "preamble",
                            text_list(
                                "Paragraphs or bullet lines shown before the table, in order.",
                            ),
                        ),
                        (
                            "notice",
                            opt_text(
                                "A notice line, e.g. 本資料は予告なく変更修正されます。 It follows the layout's as-of line (本資料は…時点の情報に基づきます。) unless it names the as-of year and month itself.",
                            ),
                        ),
                    ],
                ),
            ),
            (
                "outputs",
                json!({
                    "description": "The documents `checksheet build` writes.",
                    "type": "array",
                    "items": output,
                }),
            ),
            ("policy", policy()),
        ],
    );
    document(
        "checksheet project (checksheet.yaml)",
        "A checksheet project: who answers, as of when, and which documents to build. See docs/formats.md.",
        body,
        None,
    )
}

/// The project's rules for completeness and freshness.
fn policy() -> Value {
    let levels: Vec<(&str, String)> = [
        ("off", "not reported"),
        ("warning", "reported; fails only with --deny-warnings"),
        ("error", "reported and fails check and build"),
    ]
    .iter()
    .map(|(v, d)| (*v, format!("`{v}`: {d}")))
    .collect();
    let level = |what: &str| enumeration(what, &levels);
    object(
        "How strictly completeness and freshness are checked: off, warning or error for each rule.",
        &[],
        vec![
            (
                "unanswered",
                level(
                    "Controls of an output's catalog without an answer (sets `unanswered_basic` too).",
                ),
            ),
            (
                "unanswered_basic",
                level("Unanswered 基本 (basic) controls."),
            ),
            (
                "review_within_days",
                json!({
                    "description": "Answers whose `reviewed` date is more than this many days before `as_of` are stale: a whole number from 1 to 36500.",
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 36500,
                }),
            ),
            (
                "stale_review",
                level("Answers reviewed longer ago than `review_within_days`."),
            ),
            (
                "missing_review",
                level("Answers of an output's catalog without a `reviewed` date."),
            ),
            (
                "derived_answers",
                enumeration(
                    "Whether an output's unanswered control takes the answer of the controls it maps to in another catalog the project answers.",
                    &[
                        ("off", "`off`: never (the default)".to_owned()),
                        (
                            "warn",
                            "`warn`: yes, with a warning for each derived answer".to_owned(),
                        ),
                        (
                            "allow",
                            "`allow`: yes, with one note per catalog".to_owned(),
                        ),
                    ],
                ),
            ),
        ],
    )
}

fn refs() -> Value {
    json!({
        "description": "Cross-references: a scheme (e.g. iso27001-2013, mic-cloud-v3) to a list of IDs.",
        "type": "object",
        "additionalProperties": {
            "description": "The IDs this group or control refers to in that scheme.",
            "type": ["string", "array"],
            "items": { "type": "string" },
        },
    })
}

fn catalog() -> Value {
    let levels: Vec<(&str, String)> = Level::VARIANTS
        .iter()
        .map(|l| {
            let what = match l {
                Level::Basic => "basic: a measure every provider should take",
                Level::Recommended => "recommended: a measure to take where it fits",
            };
            (l.as_str(), format!("{}: {what}", l.as_str()))
        })
        .collect();
    let langs: Vec<(&str, String)> = Lang::VARIANTS
        .iter()
        .map(|l| {
            let what = match l {
                Lang::Ja => "Japanese (the default)",
                Lang::En => "English",
            };
            (l.as_str(), format!("{}: {what}", l.as_str()))
        })
        .collect();
    let group_id = "A group ID, unique among the catalog's groups, written as printed (quote IDs that look like numbers: \"1\").";
    let control_id = "A control ID, unique in the catalog, written as printed (quote IDs that look like numbers: \"1.10\").";
    let group = object(
        "A group (chapter, section): its groups and/or controls.",
        &["id", "title"],
        vec![
            ("id", id(group_id, ID_PATTERN)),
            ("title", required_text("The group's title.")),
            ("text", opt_text("An intro text shown under the heading.")),
            (
                "note",
                opt_text("A cross-reference note shown with the heading."),
            ),
            ("refs", refs()),
            (
                "groups",
                json!({
                    "description": "Sub-groups.",
                    "type": "array",
                    "items": { "$ref": "#/definitions/group" },
                }),
            ),
            (
                "controls",
                json!({
                    "description": "The controls (questions) of this group.",
                    "type": "array",
                    "items": { "$ref": "#/definitions/control" },
                }),
            ),
        ],
    );
    let mut control = object(
        "A control (question): needs a title or a text, or both.",
        &["id"],
        vec![
            ("id", id(control_id, ID_PATTERN)),
            ("title", opt_text("A short title (対策項目 / 項目).")),
            (
                "text",
                opt_text("The requirement or question (対策内容 / 確認内容)."),
            ),
            ("level", enumeration("The level: 基本 or 推奨.", &levels)),
            ("refs", refs()),
            ("cells", json!({ "$ref": "#/definitions/cells" })),
        ],
    );
    control["anyOf"] = json!([given("title"), given("text")]);
    let mut body = object(
        "",
        &["catalog"],
        vec![
            (
                "catalog",
                object(
                    "The catalog's header.",
                    &["id", "title"],
                    vec![
                        (
                            "id",
                            id(
                                "The catalog ID answers and outputs name: ASCII letters, digits, `.`, `_` and `-`.",
                                CATALOG_ID_PATTERN,
                            ),
                        ),
                        ("title", required_text("The catalog's title.")),
                        (
                            "publisher",
                            opt_text("Who publishes the guideline or questionnaire."),
                        ),
                        (
                            "url",
                            json!({
                                "description": "Where it is published: an absolute http(s) URL.",
                                "type": ["string", "null"],
                                "pattern": LINK_PATTERN,
                            }),
                        ),
                        ("version", opt_text("The guideline's version or edition.")),
                        (
                            "lang",
                            enumeration(
                                "The language the catalog is written in; the default layout's headers follow it.",
                                &langs,
                            ),
                        ),
                    ],
                ),
            ),
            ("questionnaire", questionnaire()),
            (
                "groups",
                json!({
                    "description": "The groups (chapters), a tree.",
                    "type": "array",
                    "items": { "$ref": "#/definitions/group" },
                }),
            ),
            (
                "controls",
                json!({
                    "description": "Controls outside any group (rare).",
                    "type": "array",
                    "items": { "$ref": "#/definitions/control" },
                }),
            ),
        ],
    );
    body["anyOf"] = json!([{ "required": ["groups"] }, { "required": ["controls"] }]);
    document(
        "checksheet catalog (controls/<catalog-id>.yaml)",
        "A catalog: a guideline's or questionnaire's controls in groups. A catalog needs `groups` or `controls`. See docs/formats.md.",
        body,
        Some(json!({ "group": group, "control": control, "cells": cells() })),
    )
}

/// A column letter as Excel names it (`A` to `XFD`).
fn column_letter(description: &str) -> Value {
    json!({ "description": description, "type": "string", "pattern": COLUMN_PATTERN })
}

fn row_number(description: &str) -> Value {
    json!({ "description": description, "type": "integer", "minimum": 1, "maximum": crate::load::questionnaire::MAX_ROW })
}

/// The column properties of `columns` (tables) or `cells` (controls), in the loader's order.
fn column_properties(roles: &[&'static str]) -> Vec<(&'static str, Value)> {
    roles
        .iter()
        .map(|role| {
            let what = match *role {
                "id" => "The ID column.",
                "category" => "The category (分類) column.",
                "question" => "The question column.",
                "choice" => "The choice column (はい/いいえ …): the answer's status, through `questionnaire.labels`.",
                "answer" => "The free-text answer column (補足 / コメント): the answer's text.",
                _ => "The evidence column (証跡 / 根拠資料).",
            };
            (*role, column_letter(what))
        })
        .collect()
}

fn cells() -> Value {
    use crate::load::questionnaire::CELLS_FIELDS;
    let mut properties = vec![
        ("sheet", required_text("The worksheet's name.")),
        (
            "row",
            row_number("The question's row, 1-based as Excel shows it."),
        ),
    ];
    properties.extend(column_properties(&CELLS_FIELDS[2..]));
    object(
        "Where the question lives in the customer's workbook (written by import, read by fill).",
        &["sheet", "row"],
        properties,
    )
}

fn questionnaire() -> Value {
    use crate::load::questionnaire::COLUMN_FIELDS;
    let statuses: Vec<(&str, String)> = Status::VARIANTS
        .iter()
        .map(|s| (s.key(), format!("{}: {}", s.key(), s.label())))
        .collect();
    object(
        "What import read from the customer's workbook, for writing answers back into it (`checksheet fill`).",
        &[],
        vec![
            (
                "workbook",
                opt_text("The workbook's file name (informational)."),
            ),
            (
                "labels",
                json!({
                    "description": "The label map: each choice the questionnaire offers, as it spells it, and the status it means. The first choice of a status is the one fill writes.",
                    "type": ["object", "null"],
                    "additionalProperties": enumeration("A status.", &statuses),
                }),
            ),
            (
                "tables",
                json!({
                    "description": "The tables import read, one per header row.",
                    "type": ["array", "null"],
                    "items": object(
                        "A table of the workbook.",
                        &["sheet", "header_row", "columns", "questions", "fingerprint"],
                        vec![
                            ("sheet", required_text("The worksheet's name.")),
                            ("header_row", row_number("The header row, 1-based.")),
                            (
                                "columns",
                                object("The table's columns by role.", &[], column_properties(COLUMN_FIELDS)),
                            ),
                            ("questions", json!({ "description": "How many questions import read.", "type": "integer", "minimum": 0 })),
                            (
                                "fingerprint",
                                json!({ "description": "FNV-1a 64 of the question texts, 16 hex digits (written by import).", "type": "string", "pattern": "^[0-9a-f]{16}$" }),
                            ),
                        ],
                    ),
                }),
            ),
        ],
    )
}

fn answers(builtins: &Builtins) -> Value {
    let statuses: Vec<(&str, String)> = Status::VARIANTS
        .iter()
        .map(|s| (s.key(), format!("{} (shown as {})", s.key(), s.label())))
        .collect();
    let body_text = "The answer customers read: a text (use `|-` for several lines), or a list with one line each (checkbox lines where the layout has them).";
    let mut answer = object(
        "One answer. Short forms: just the answer text, or a list of lines; the full form is a mapping with `answer` and/or `status`.",
        &[],
        vec![
            (
                "status",
                enumeration("How far the control is implemented.", &statuses),
            ),
            (
                "answer",
                json!({
                    "description": body_text,
                    "type": ["string", "number", "boolean", "array", "null"],
                    "items": { "type": TEXT_TYPES },
                }),
            ),
            (
                "links",
                string_list(
                    "Links shown with the answer: absolute http(s) URLs.",
                    link(),
                ),
            ),
            (
                "evidence",
                string_list(
                    "Evidence (証跡) backing the answer: document names (e.g. `情報セキュリティ基本方針 第3版`) or absolute http(s) URLs.",
                    evidence(),
                ),
            ),
            (
                "reviewed",
                date("When the answer was last reviewed: a real calendar date, YYYY-MM-DD."),
            ),
            (
                "note",
                opt_text("An internal note for reviewers: never rendered."),
            ),
        ],
    );
    // The short forms share this definition: keywords of one type (`items`,
    // `properties`, `required`) do not apply to values of another.
    answer["type"] = json!(["string", "number", "boolean", "array", "object"]);
    answer["items"] = json!({ "type": TEXT_TYPES });
    answer["anyOf"] = json!([given("answer"), given("status")]);
    let body = object(
        "",
        &["catalog", "answers"],
        vec![
            (
                "catalog",
                with_examples(
                    id(
                        "The ID of the catalog these answers are for.",
                        CATALOG_ID_PATTERN,
                    ),
                    &builtins.catalogs,
                ),
            ),
            (
                "answers",
                json!({
                    "description": "Control ID → answer. Quote IDs that look like numbers (\"1.10\" is not \"1.1\"). A control answered twice, in one file or across files, is an error.",
                    "type": ["object", "null"],
                    "propertyNames": { "pattern": ID_PATTERN },
                    "additionalProperties": { "$ref": "#/definitions/answer" },
                }),
            ),
        ],
    );
    document(
        "checksheet answers (answers/**/*.yaml)",
        "Answers to one catalog, keyed by control ID. See docs/formats.md.",
        body,
        Some(json!({ "answer": answer })),
    )
}

fn layout(builtins: &Builtins) -> Value {
    let column_values: Vec<(&str, String)> = [
        ("id", "the control ID as written"),
        ("number", "the display number, by `numbering`"),
        ("title", "the control's title (対策項目)"),
        ("text", "the control's text (対策内容 / 確認内容)"),
        ("question", "the text, or the title where there is none"),
        ("level", "基本 / 推奨"),
        (
            "status",
            "the answer's status as a label (実施済, 一部実施, …)",
        ),
        (
            "answer",
            "the answer text or list, then its links (where no column shows them) and its evidence (where no column shows it)",
        ),
        (
            "evidence",
            "the answer's evidence (証跡), one document or URL per line",
        ),
        ("links", "the answer's links, one URL per line"),
    ]
    .iter()
    .map(|(v, d)| (*v, format!("`{v}`: {d}")))
    .collect();
    let schemes: Vec<(&str, String)> = [
        ("id", "the control ID as written (default)"),
        (
            "last-segment",
            "the part after the last `separator` (`4.10` → `10`)",
        ),
        (
            "sequential",
            "1, 2, 3 … restarting at every top-level group",
        ),
    ]
    .iter()
    .map(|(v, d)| (*v, format!("`{v}`: {d}")))
    .collect();
    let template = |what: &str| format!("{what} (a minijinja template, see docs/layouts.md).");
    let column = object(
        "One column of the table.",
        &["header", "value"],
        vec![
            (
                "header",
                required_text(&template("The column's header text")),
            ),
            (
                "value",
                json!({
                    "description": "What the column shows for each control; `refs:<scheme>` shows the control's refs of that scheme.",
                    "anyOf": [
                        enumeration("A column value.", &column_values),
                        { "type": "string", "pattern": "^refs:.", "description": "`refs:<scheme>`: the control's refs of that scheme, one per line" },
                    ],
                }),
            ),
            (
                "width",
                json!({
                    "description": "The width in characters (xlsx), 1 to 255 (default 20).",
                    "type": "number",
                    "minimum": 1,
                    "maximum": 255,
                }),
            ),
            (
                "hide_when_empty",
                json!({
                    "description": "true: the column is left out of a document in which no item has anything in it (e.g. an `evidence` column where no answer gives evidence).",
                    "type": ["boolean", "null"],
                }),
            ),
        ],
    );
    let mut group_row = object(
        "How group rows of one depth look; deeper groups use the deepest style above.",
        &["depth"],
        vec![
            (
                "depth",
                json!({
                    "description": "The group depth this style is for (1 = top-level groups), 1 to 32.",
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 32,
                }),
            ),
            (
                "text",
                opt_text(&template(
                    "The row's text (required unless `hidden`); sees `group`",
                )),
            ),
            (
                "lead",
                text_list(&template("Cells before the merged text cell")),
            ),
            (
                "hidden",
                json!({
                    "description": "true: groups of this depth get no row of their own.",
                    "type": ["boolean", "null"],
                }),
            ),
        ],
    );
    group_row["if"] =
        json!({ "required": ["hidden"], "properties": { "hidden": { "const": true } } });
    group_row["else"] = json!({
        "required": ["text"],
        "properties": { "text": { "type": TEXT_TYPES, "pattern": "\\S" } },
    });
    let body = object(
        "",
        &["layout", "title", "columns"],
        vec![
            (
                "layout",
                object(
                    "The layout's header.",
                    &["id"],
                    vec![
                        (
                            "id",
                            id(
                                "The layout ID outputs name: lowercase ASCII letters, digits and `-` (at most 64).",
                                LAYOUT_ID_PATTERN,
                            ),
                        ),
                        ("description", opt_text("What the layout reproduces.")),
                        (
                            "catalog",
                            with_examples(
                                json!({
                                    "description": "The catalog this layout is made for, if any.",
                                    "type": ["string", "null"],
                                }),
                                &builtins.catalogs,
                            ),
                        ),
                    ],
                ),
            ),
            ("title", required_text(&template("The document title"))),
            (
                "header",
                opt_text(&template("The running page header (xlsx print header)")),
            ),
            ("intro", text_list(&template("Paragraphs before the table"))),
            ("notice", opt_text(&template("A notice line"))),
            (
                "columns",
                json!({
                    "description": "The table's columns, left to right.",
                    "type": "array",
                    "minItems": 1,
                    "items": column,
                }),
            ),
            (
                "group_rows",
                json!({
                    "description": "How group rows look, per depth.",
                    "type": "array",
                    "items": group_row,
                }),
            ),
            (
                "numbering",
                object(
                    "How the `number` column is derived from a control ID.",
                    &["scheme"],
                    vec![
                        ("scheme", enumeration("The numbering scheme.", &schemes)),
                        (
                            "separator",
                            opt_text("The separator for `last-segment` (default `.`)."),
                        ),
                    ],
                ),
            ),
            (
                "checkbox",
                opt_text("The prefix of each item of a list answer (default \"・\"), e.g. \"☐ \"."),
            ),
            (
                "sheets",
                json!({
                    "description": "The sheets (xlsx) or parts (md, html); default: one with every group.",
                    "type": "array",
                    "items": object(
                        "One sheet or part.",
                        &["name"],
                        vec![
                            ("name", required_text(&template("The sheet name (xlsx: at most 31 characters)"))),
                            (
                                "groups",
                                string_list(
                                    "The top-level group IDs on this sheet (default: all).",
                                    json!({ "type": "string" }),
                                ),
                            ),
                            ("heading", opt_text(&template("A heading above the sheet's table"))),
                            ("notice", opt_text(&template("The sheet's notice line"))),
                        ],
                    ),
                }),
            ),
            (
                "derived_note",
                opt_text(&template(
                    "A line added under an answer taken from a mapped control of another catalog; it sees `source.catalog` and `source.controls`",
                )),
            ),
            (
                "unanswered",
                opt_text(&template(
                    "What the answer cell of a control without an answer shows (e.g. 個別にご相談ください); without it the cell is empty",
                )),
            ),
        ],
    );
    document(
        "checksheet layout (templates/<layout-id>/layout.yaml)",
        "A layout: the columns, group rows, numbering and sheets of a document. See docs/layouts.md.",
        body,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The property names of the object at `pointer` in a schema, in order.
    fn properties(schema: &Value, pointer: &str) -> Vec<String> {
        let object = schema
            .pointer(pointer)
            .unwrap_or_else(|| panic!("no {pointer} in the schema"));
        assert_eq!(
            object["additionalProperties"],
            json!(false),
            "{pointer}: unknown fields must be rejected"
        );
        object["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{pointer} has no properties"))
            .keys()
            .cloned()
            .collect()
    }

    /// Every object of every schema, paired with the loader's field list for it. A new
    /// field in a loader, or a new object in a schema, makes this test fail until the
    /// other side follows.
    fn field_lists() -> Vec<(Kind, &'static str, &'static [&'static str])> {
        use crate::layout as l;
        use crate::load::{answers as a, catalog as c, project as p, questionnaire as q};
        vec![
            (Kind::Project, "", p::PROJECT_FIELDS),
            (
                Kind::Project,
                "/properties/organization",
                p::ORGANIZATION_FIELDS,
            ),
            (Kind::Project, "/properties/document", p::DOCUMENT_FIELDS),
            (Kind::Project, "/properties/outputs/items", p::OUTPUT_FIELDS),
            (Kind::Project, "/properties/policy", p::POLICY_FIELDS),
            (Kind::Catalog, "", c::CATALOG_FIELDS),
            (Kind::Catalog, "/properties/catalog", c::HEADER_FIELDS),
            (Kind::Catalog, "/definitions/group", c::GROUP_FIELDS),
            (Kind::Catalog, "/definitions/control", c::CONTROL_FIELDS),
            (Kind::Catalog, "/definitions/cells", q::CELLS_FIELDS),
            (
                Kind::Catalog,
                "/properties/questionnaire",
                q::QUESTIONNAIRE_FIELDS,
            ),
            (
                Kind::Catalog,
                "/properties/questionnaire/properties/tables/items",
                q::TABLE_FIELDS,
            ),
            (
                Kind::Catalog,
                "/properties/questionnaire/properties/tables/items/properties/columns",
                q::COLUMN_FIELDS,
            ),
            (Kind::Answers, "", a::FILE_FIELDS),
            (Kind::Answers, "/definitions/answer", a::ANSWER_FIELDS),
            (Kind::Layout, "", l::LAYOUT_FILE_FIELDS),
            (Kind::Layout, "/properties/layout", l::LAYOUT_FIELDS),
            (Kind::Layout, "/properties/columns/items", l::COLUMN_FIELDS),
            (
                Kind::Layout,
                "/properties/group_rows/items",
                l::GROUP_ROW_FIELDS,
            ),
            (Kind::Layout, "/properties/numbering", l::NUMBERING_FIELDS),
            (Kind::Layout, "/properties/sheets/items", l::SHEET_FIELDS),
        ]
    }

    #[test]
    fn schema_fields_are_the_loaders_fields() {
        for (kind, pointer, fields) in field_lists() {
            let schema = kind.schema();
            assert_eq!(
                properties(&schema, pointer),
                fields.to_vec(),
                "{} schema at `{pointer}` and the loader's field list differ",
                kind.name()
            );
        }
    }

    /// Finds every object schema (one with `properties`) by JSON pointer.
    fn objects(value: &Value, pointer: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                // Object schemas have `type` and `properties`; the `anyOf`/`if`/`else`
                // parts that only require or restrict a field have no `type`, and a `not`
                // (see `given`) describes what is refused, not a part of the format.
                if map.contains_key("properties") && map.contains_key("type") {
                    out.push(pointer.clone());
                }
                for (key, child) in map {
                    if key != "not" {
                        objects(child, format!("{pointer}/{key}"), out);
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    objects(child, format!("{pointer}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_object_of_a_schema_is_checked_against_a_loader() {
        let lists = field_lists();
        for kind in Kind::VARIANTS.iter().copied() {
            let mut found = Vec::new();
            objects(&kind.schema(), String::new(), &mut found);
            let mut expected: Vec<String> = lists
                .iter()
                .filter(|(k, _, _)| *k == kind)
                .map(|(_, p, _)| p.to_string())
                .collect();
            found.sort();
            expected.sort();
            assert_eq!(found, expected, "{} schema objects", kind.name());
        }
    }

    #[test]
    fn enumerations_are_the_models() {
        let answers = Kind::Answers.schema();
        let statuses: Vec<&str> = Status::VARIANTS.iter().map(|s| s.key()).collect();
        assert_eq!(
            answers["definitions"]["answer"]["properties"]["status"]["enum"],
            json!(statuses)
        );
        let descriptions =
            &answers["definitions"]["answer"]["properties"]["status"]["enumDescriptions"];
        for (i, status) in Status::VARIANTS.iter().enumerate() {
            assert!(descriptions[i].as_str().unwrap().contains(status.label()));
        }
        let levels: Vec<&str> = Level::VARIANTS.iter().map(|l| l.as_str()).collect();
        assert_eq!(
            Kind::Catalog.schema()["definitions"]["control"]["properties"]["level"]["enum"],
            json!(levels)
        );
        let formats: Vec<&str> = Format::VARIANTS.iter().map(|f| f.extension()).collect();
        assert_eq!(
            Kind::Project
                .schema()
                .pointer("/properties/outputs/items/properties/formats/items/enum")
                .unwrap(),
            &json!(formats)
        );
    }

    #[test]
    fn schemas_are_draft_07_and_stable() {
        for kind in Kind::VARIANTS.iter().copied() {
            let schema = kind.schema();
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
            assert_eq!(schema["additionalProperties"], json!(false));
            assert_eq!(kind.to_json(), kind.to_json());
            assert!(kind.to_json().ends_with("}\n"));
        }
    }
}
