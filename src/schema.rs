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
//! `check`. The fields, their order, shapes, required ones and descriptions are those of
//! [`crate::formats`], which the loaders read through too; `tests/testsuite/schema.rs`
//! checks the schemas with an independent validator.

use serde_json::{Map, Value, json};
use strum::VariantArray;

use crate::formats::{self, Definition, IdKind, Object, Rule, Shape, Special};
use crate::load::Workspace;
use crate::model::{DerivePolicy, Format, Lang, Level, PolicyLevel, Status};

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

    /// The format of the file's top level.
    pub fn format(self) -> &'static Object {
        match self {
            Kind::Project => &formats::PROJECT,
            Kind::Catalog => &formats::CATALOG,
            Kind::Answers => &formats::ANSWER_FILE,
            Kind::Layout => &formats::LAYOUT_FILE,
        }
    }

    /// The formats the file's schema defines once and refers to (`#/definitions/<name>`).
    fn definitions(self) -> Vec<(&'static str, &'static Object)> {
        match self {
            Kind::Catalog => vec![
                ("group", &formats::GROUP),
                ("control", &formats::CONTROL),
                ("cells", &formats::CELLS),
            ],
            Kind::Answers => vec![("answer", &formats::ANSWER)],
            Kind::Project | Kind::Layout => Vec::new(),
        }
    }

    /// The schema's title.
    fn title(self) -> &'static str {
        match self {
            Kind::Project => "checksheet project (checksheet.yaml)",
            Kind::Catalog => "checksheet catalog (controls/<catalog-id>.yaml)",
            Kind::Answers => "checksheet answers (answers/**/*.yaml)",
            Kind::Layout => "checksheet layout (templates/<layout-id>/layout.yaml)",
        }
    }

    /// What the file is.
    fn description(self) -> &'static str {
        match self {
            Kind::Project => {
                "A checksheet project: who answers, as of when, and which documents to build. See docs/formats.md."
            }
            Kind::Catalog => {
                "A catalog: a guideline's or questionnaire's controls in groups. A catalog needs `groups` or `controls`. See docs/formats.md."
            }
            Kind::Answers => "Answers to one catalog, keyed by control ID. See docs/formats.md.",
            Kind::Layout => {
                "A layout: the columns, group rows, numbering and sheets of a document. See docs/layouts.md."
            }
        }
    }

    /// The schema as a JSON value.
    pub fn schema(self) -> Value {
        let definitions = self.definitions();
        let definitions = (!definitions.is_empty()).then(|| {
            Value::Object(
                definitions
                    .iter()
                    .map(|(name, format)| ((*name).to_owned(), object_schema(format)))
                    .collect(),
            )
        });
        document(
            self.title(),
            self.description(),
            object_schema(self.format()),
            definitions,
        )
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

// ---- from the file formats -----------------------------------------------------------

/// The schema of a mapping of `format`: its fields in order, its required ones, and the
/// rule across its fields.
fn object_schema(format: &Object) -> Value {
    let required: Vec<&str> = format
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let properties = format
        .fields
        .iter()
        .map(|f| (f.name, field_schema(f)))
        .collect();
    let mut schema = object(format.description, &required, properties);
    match format.rule {
        Rule::None => {}
        Rule::GroupsOrControls => {
            schema["anyOf"] = json!([{ "required": ["groups"] }, { "required": ["controls"] }]);
        }
        Rule::TitleOrText => schema["anyOf"] = json!([given("title"), given("text")]),
        Rule::Answer => {
            // The short forms share this definition: keywords of one type (`items`,
            // `properties`, `required`) do not apply to values of another.
            schema["type"] = json!(["string", "number", "boolean", "array", "object"]);
            schema["items"] = json!({ "type": TEXT_TYPES });
            schema["anyOf"] = json!([given("answer"), given("status")]);
        }
        Rule::TextUnlessHidden => {
            schema["if"] =
                json!({ "required": ["hidden"], "properties": { "hidden": { "const": true } } });
            schema["else"] = json!({
                "required": ["text"],
                "properties": { "text": { "type": TEXT_TYPES, "pattern": "\\S" } },
            });
        }
    }
    schema
}

/// The schema of one field's value.
fn field_schema(field: &formats::Field) -> Value {
    let description = field.description;
    match &field.shape {
        Shape::Text if field.required => required_text(description),
        Shape::Text => opt_text(description),
        Shape::TextList => text_list(description),
        Shape::Strings => string_list(description, json!({ "type": "string" })),
        Shape::Ids => json!({
            "description": description,
            "type": ["string", "array"],
            "items": { "type": "string" },
        }),
        Shape::WordLists => string_list(
            description,
            json!({ "type": "array", "items": { "type": "string" } }),
        ),
        Shape::KeywordMap => json!({
            "description": description,
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": { "type": "array", "items": { "type": "string" } },
            },
        }),
        Shape::Date => date(description),
        Shape::Id(kind) => id(description, id_pattern(*kind)),
        Shape::Integer { min, max } => {
            let mut schema =
                json!({ "description": description, "type": "integer", "minimum": min });
            if let Some(max) = max {
                schema["maximum"] = json!(max);
            }
            schema
        }
        Shape::Number { min, max } => json!({
            "description": description,
            "type": "number",
            "minimum": min,
            "maximum": max,
        }),
        Shape::Flag => json!({ "description": description, "type": ["boolean", "null"] }),
        Shape::ColumnLetter => {
            json!({ "description": description, "type": "string", "pattern": COLUMN_PATTERN })
        }
        Shape::Object(format) => object_schema(format),
        Shape::List {
            of,
            nullable,
            non_empty,
        } => {
            let mut schema = json!({
                "description": description,
                "type": if *nullable { json!(["array", "null"]) } else { json!("array") },
            });
            if *non_empty {
                schema["minItems"] = json!(1);
            }
            schema["items"] = object_schema(of);
            schema
        }
        Shape::Definitions(definition) => json!({
            "description": description,
            "type": "array",
            "items": { "$ref": definition_ref(*definition) },
        }),
        // Draft-07 ignores the siblings of `$ref`: the definition describes itself.
        Shape::Cells => json!({ "$ref": "#/definitions/cells" }),
        Shape::Special(special) => special_schema(*special, description),
    }
}

fn definition_ref(definition: Definition) -> String {
    format!("#/definitions/{}", definition.name())
}

fn id_pattern(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Item => ID_PATTERN,
        IdKind::Catalog => CATALOG_ID_PATTERN,
        IdKind::Layout => LAYOUT_ID_PATTERN,
    }
}

/// `` `value`: what it means `` for each value, as editors show them.
fn described<T: Copy + Into<&'static str>>(
    values: &[T],
    what: impl Fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    values
        .iter()
        .map(|v| {
            let name: &'static str = (*v).into();
            (name, format!("`{name}`: {}", what(*v)))
        })
        .collect()
}

fn special_schema(special: Special, description: &str) -> Value {
    let builtins = Builtins::load();
    match special {
        Special::LayoutName => with_examples(required_text(description), &builtins.layouts),
        Special::CatalogName => with_examples(
            json!({ "description": description, "type": ["string", "null"] }),
            &builtins.catalogs,
        ),
        Special::AnsweredCatalog => {
            with_examples(id(description, CATALOG_ID_PATTERN), &builtins.catalogs)
        }
        Special::Formats => {
            let formats = described(Format::VARIANTS, |f| match f {
                Format::Xlsx => "an Excel workbook",
                Format::Md => "a Markdown document",
                Format::Html => "a self-contained HTML page",
            });
            json!({
                "description": description,
                "type": ["array", "null"],
                "items": enumeration("An output format.", &formats),
            })
        }
        Special::OutputName => json!({
            "description": description,
            "type": ["string", "null"],
            "pattern": OUTPUT_NAME_PATTERN,
        }),
        Special::PolicyLevel => {
            let levels = described(PolicyLevel::VARIANTS, |l| match l {
                PolicyLevel::Off => "not reported",
                PolicyLevel::Warning => "reported; fails only with --deny-warnings",
                PolicyLevel::Error => "reported and fails check and build",
            });
            enumeration(description, &levels)
        }
        Special::DerivePolicy => {
            let policies = described(DerivePolicy::VARIANTS, |p| match p {
                DerivePolicy::Off => "never (the default)",
                DerivePolicy::Warn => "yes, with a warning for each derived answer",
                DerivePolicy::Allow => "yes, with one note per catalog",
            });
            enumeration(description, &policies)
        }
        Special::Url => json!({
            "description": description,
            "type": ["string", "null"],
            "pattern": LINK_PATTERN,
        }),
        Special::Lang => {
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
            enumeration(description, &langs)
        }
        Special::Level => {
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
            enumeration(description, &levels)
        }
        Special::Refs => json!({
            "description": description,
            "type": "object",
            "additionalProperties": {
                "description": "The IDs this group or control refers to in that scheme.",
                "type": ["string", "array"],
                "items": { "type": "string" },
            },
        }),
        Special::Labels => {
            let statuses: Vec<(&str, String)> = Status::VARIANTS
                .iter()
                .map(|s| (s.key(), format!("{}: {}", s.key(), s.label())))
                .collect();
            json!({
                "description": description,
                "type": ["object", "null"],
                "additionalProperties": enumeration("A status.", &statuses),
            })
        }
        Special::Fingerprint => {
            json!({ "description": description, "type": "string", "pattern": "^[0-9a-f]{16}$" })
        }
        Special::Status => {
            let statuses: Vec<(&str, String)> = Status::VARIANTS
                .iter()
                .map(|s| (s.key(), format!("{} (shown as {})", s.key(), s.label())))
                .collect();
            enumeration(description, &statuses)
        }
        Special::AnswerText => json!({
            "description": description,
            "type": ["string", "number", "boolean", "array", "null"],
            "items": { "type": TEXT_TYPES },
        }),
        Special::Links => string_list(description, link()),
        Special::Evidence => string_list(description, evidence()),
        Special::Answers => json!({
            "description": description,
            "type": ["object", "null"],
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": { "$ref": "#/definitions/answer" },
        }),
        Special::ColumnValue => {
            let values = crate::layout::ColumnValue::described()
                .iter()
                .map(|(v, d)| (*v, format!("`{v}`: {d}")))
                .collect::<Vec<_>>();
            json!({
                "description": description,
                "anyOf": [
                    enumeration("A column value.", &values),
                    { "type": "string", "pattern": "^refs:.", "description": "`refs:<scheme>`: the control's refs of that scheme, one per line" },
                ],
            })
        }
        Special::NumberingScheme => {
            let schemes = crate::layout::Numbering::described()
                .iter()
                .map(|(v, d)| (*v, format!("`{v}`: {d}")))
                .collect::<Vec<_>>();
            enumeration(description, &schemes)
        }
    }
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

    /// Every object of every schema, paired with the file format it comes from. A new
    /// object in a schema makes this test fail until it is paired here.
    fn field_lists() -> Vec<(Kind, &'static str, &'static Object)> {
        use crate::formats as f;
        vec![
            (Kind::Project, "", &f::PROJECT),
            (Kind::Project, "/properties/organization", &f::ORGANIZATION),
            (Kind::Project, "/properties/document", &f::DOCUMENT),
            (Kind::Project, "/properties/outputs/items", &f::OUTPUT),
            (Kind::Project, "/properties/policy", &f::POLICY),
            (Kind::Catalog, "", &f::CATALOG),
            (Kind::Catalog, "/properties/catalog", &f::CATALOG_HEADER),
            (Kind::Catalog, "/definitions/group", &f::GROUP),
            (Kind::Catalog, "/definitions/control", &f::CONTROL),
            (Kind::Catalog, "/definitions/cells", &f::CELLS),
            (
                Kind::Catalog,
                "/properties/questionnaire",
                &f::QUESTIONNAIRE,
            ),
            (
                Kind::Catalog,
                "/properties/questionnaire/properties/tables/items",
                &f::QUESTIONNAIRE_TABLE,
            ),
            (
                Kind::Catalog,
                "/properties/questionnaire/properties/tables/items/properties/columns",
                &f::QUESTIONNAIRE_COLUMNS,
            ),
            (Kind::Answers, "", &f::ANSWER_FILE),
            (Kind::Answers, "/definitions/answer", &f::ANSWER),
            (Kind::Layout, "", &f::LAYOUT_FILE),
            (Kind::Layout, "/properties/layout", &f::LAYOUT_HEADER),
            (Kind::Layout, "/properties/columns/items", &f::LAYOUT_COLUMN),
            (Kind::Layout, "/properties/group_rows/items", &f::GROUP_ROW),
            (Kind::Layout, "/properties/numbering", &f::NUMBERING),
            (Kind::Layout, "/properties/sheets/items", &f::SHEET),
        ]
    }

    #[test]
    fn schema_objects_are_the_formats() {
        for (kind, pointer, format) in field_lists() {
            let schema = kind.schema();
            assert_eq!(
                properties(&schema, pointer),
                format.names().collect::<Vec<_>>(),
                "{} schema at `{pointer}` and its format differ",
                kind.name()
            );
            let required: Vec<&str> = format
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name)
                .collect();
            let listed = schema.pointer(pointer).unwrap().get("required");
            assert_eq!(
                listed.cloned().unwrap_or(json!([])),
                json!(required),
                "{} schema at `{pointer}`: required fields",
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
