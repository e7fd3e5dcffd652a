//! The YAML file formats, each described once: for every mapping of a project file,
//! catalog, answer file, layout, mapping file and thesaurus, its fields in order, whether
//! each is required, its shape and what it means.
//!
//! The loaders read through these tables ([`crate::load::fields::Fields`] rejects unknown
//! fields with a "did you mean" and reports missing required ones), [`crate::schema`]
//! builds the JSON Schemas editors use from them, and `fmt` writes an answer's fields in
//! [`ANSWER`]'s order. A new field is added here, then read in its loader.

use crate::load::questionnaire::MAX_ROW;

/// One mapping of a file format: its fields, in the order they are documented and written.
#[derive(Debug)]
pub struct Object {
    /// What the mapping is (the schema's description; empty for a file's top level).
    pub description: &'static str,
    pub fields: &'static [Field],
    /// A rule across fields, beyond each field's own.
    pub rule: Rule,
}

/// One field of a mapping.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    /// Reported missing when absent (a field required only with another is [`Rule`]'s or
    /// the loader's).
    pub required: bool,
    pub shape: Shape,
    /// What the field means, for editors (the schema's description).
    pub description: &'static str,
}

/// What a field's value looks like.
#[derive(Debug)]
pub enum Shape {
    /// A text (numbers and booleans are taken as spelled); null counts as absent. Required
    /// texts must not be blank.
    Text,
    /// A list of texts (a single text is not accepted in its place).
    TextList,
    /// A list of paths or IDs, written as strings.
    Strings,
    /// One ID, or a list of them.
    Ids,
    /// A list of lists of words.
    WordLists,
    /// Catalog IDs to control IDs to lists of words (a thesaurus's `keywords`).
    KeywordMap,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An ID of this kind.
    Id(IdKind),
    /// A whole number in a range.
    Integer { min: u32, max: Option<u32> },
    /// A number in a range.
    Number { min: u32, max: u32 },
    /// `true` or `false`.
    Flag,
    /// A column letter, `A` to `XFD`.
    ColumnLetter,
    /// A mapping of this format.
    Object(&'static Object),
    /// A list of mappings of this format.
    List {
        of: &'static Object,
        /// Whether an empty value (null) is allowed.
        nullable: bool,
        /// Whether the list must have at least one item.
        non_empty: bool,
    },
    /// A list of `group`s or `control`s, recursive formats shared by catalogs.
    Definitions(Definition),
    /// One `cells` mapping ([`CELLS`]).
    Cells,
    /// A shape of its own, described by the schema and checked by the loader.
    Special(Special),
}

/// The kinds of ID.
#[derive(Clone, Copy, Debug)]
pub enum IdKind {
    /// A group or control ID: no surrounding white space, no control characters.
    Item,
    /// A catalog ID: ASCII letters, digits, `.`, `_` and `-`.
    Catalog,
    /// A layout ID: lowercase ASCII letters, digits and `-`.
    Layout,
}

/// The recursive formats of a catalog.
#[derive(Clone, Copy, Debug)]
pub enum Definition {
    Group,
    Control,
}

impl Definition {
    /// The name of its definition in the catalog schema.
    pub fn name(self) -> &'static str {
        match self {
            Definition::Group => "group",
            Definition::Control => "control",
        }
    }
}

/// Shapes of one field each.
#[derive(Clone, Copy, Debug)]
pub enum Special {
    /// A layout ID an output names (required text, built-in layouts offered).
    LayoutName,
    /// A catalog ID a layout or output names (built-in catalogs offered).
    CatalogName,
    /// The catalog an answer file answers: a catalog ID, built-in catalogs offered.
    AnsweredCatalog,
    /// An output's `formats`: a list of format names.
    Formats,
    /// An output's file stem.
    OutputName,
    /// A policy rule's level: `off`, `warning` or `error`.
    PolicyLevel,
    /// `policy.derived_answers`: `off`, `warn` or `allow`.
    DerivePolicy,
    /// An absolute http(s) URL.
    Url,
    /// A catalog's language.
    Lang,
    /// A control's level.
    Level,
    /// Cross-references: scheme to IDs.
    Refs,
    /// A questionnaire's label map: label to status.
    Labels,
    /// A table's fingerprint: 16 hex digits.
    Fingerprint,
    /// An answer's status.
    Status,
    /// An answer's text: a text or a list of lines.
    AnswerText,
    /// An answer's links: absolute http(s) URLs.
    Links,
    /// An answer's evidence: document names or URLs.
    Evidence,
    /// An answer file's answers: control ID to answer.
    Answers,
    /// What a layout's column shows.
    ColumnValue,
    /// A layout's numbering scheme.
    NumberingScheme,
}

/// A rule across the fields of one mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    None,
    /// A catalog needs `groups` or `controls`.
    GroupsOrControls,
    /// A control needs a `title` or a `text`.
    TitleOrText,
    /// An answer needs an `answer` or a `status`, or is one of the short forms.
    Answer,
    /// A group row style needs a `text` unless it is `hidden`.
    TextUnlessHidden,
}

impl Object {
    /// The field names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone + use<> {
        let fields: &'static [Field] = self.fields;
        fields.iter().map(|f| f.name)
    }

    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        let fields: &'static [Field] = self.fields;
        fields.iter().find(|f| f.name == name)
    }

    /// The place of `name` among the fields.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Whether `name` is a field that must always be there.
    pub fn is_required(&self, name: &str) -> bool {
        self.field(name).is_some_and(|f| f.required)
    }
}

const fn field(name: &'static str, shape: Shape, description: &'static str) -> Field {
    Field {
        name,
        required: false,
        shape,
        description,
    }
}

const fn required(name: &'static str, shape: Shape, description: &'static str) -> Field {
    Field {
        name,
        required: true,
        shape,
        description,
    }
}

const fn object(description: &'static str, fields: &'static [Field]) -> Object {
    Object {
        description,
        fields,
        rule: Rule::None,
    }
}

// ---- the project file (checksheet.yaml) ----------------------------------------------

/// `checksheet.yaml`.
pub static PROJECT: Object = object(
    "",
    &[
        required("organization", Shape::Object(&ORGANIZATION), ""),
        required(
            "as_of",
            Shape::Date,
            "The date the answers describe: a real calendar date, YYYY-MM-DD.",
        ),
        field(
            "answers",
            Shape::Strings,
            "Answer files or folders, relative to this file (default: [answers]).",
        ),
        field(
            "catalogs",
            Shape::Strings,
            "More catalog files or folders (the built-in catalogs are always there).",
        ),
        field(
            "layouts",
            Shape::Strings,
            "More layout folders (the built-in layouts are always there).",
        ),
        field("document", Shape::Object(&DOCUMENT), ""),
        required(
            "outputs",
            Shape::List {
                of: &OUTPUT,
                nullable: false,
                non_empty: false,
            },
            "The documents `checksheet build` writes.",
        ),
        field("policy", Shape::Object(&POLICY), ""),
    ],
);

/// `organization:` of the project.
pub static ORGANIZATION: Object = object(
    "Who answers.",
    &[
        required(
            "name",
            Shape::Text,
            "The company name, e.g. サンプル株式会社.",
        ),
        field(
            "short_name",
            Shape::Text,
            "A short name for column headers such as \"{short} 実施内容\".",
        ),
        field("service", Shape::Text, "The service the answers describe."),
        field(
            "contact",
            Shape::Text,
            "The person who answers (回答者 / 担当者), written by `fill` where a questionnaire asks for the respondent.",
        ),
    ],
);

/// `document:` of the project.
pub static DOCUMENT: Object = object(
    "Texts shown around the table by layouts.",
    &[
        field(
            "title",
            Shape::Text,
            "The document title (overrides the layout's).",
        ),
        field(
            "preamble",
            Shape::TextList,
            "Paragraphs or bullet lines shown before the table, in order.",
        ),
        field(
            "notice",
            Shape::Text,
            "A notice line, e.g. 本資料は予告なく変更修正されます。 It follows the layout's as-of line (本資料は…時点の情報に基づきます。) unless it names the as-of year and month itself.",
        ),
    ],
);

/// One item of the project's `outputs:`.
pub static OUTPUT: Object = object(
    "One output: a layout, the catalog it shows, and its formats.",
    &[
        required(
            "layout",
            Shape::Special(Special::LayoutName),
            "The layout's ID: a built-in one (`checksheet list layouts`) or one of the project's `layouts`.",
        ),
        field(
            "catalog",
            Shape::Special(Special::CatalogName),
            "The catalog to show (required for the generic `default` layout; others know theirs).",
        ),
        field(
            "formats",
            Shape::Special(Special::Formats),
            "The formats to write (default: all three).",
        ),
        field(
            "name",
            Shape::Special(Special::OutputName),
            "The output file stem (default: the layout ID, or layout-catalog). ASCII letters, digits, `.`, `_` and `-`, not starting with `.`.",
        ),
    ],
);

/// `policy:` of the project.
pub static POLICY: Object = object(
    "How strictly completeness and freshness are checked: off, warning or error for each rule.",
    &[
        field(
            "unanswered",
            Shape::Special(Special::PolicyLevel),
            "Controls of an output's catalog without an answer (sets `unanswered_basic` too).",
        ),
        field(
            "unanswered_basic",
            Shape::Special(Special::PolicyLevel),
            "Unanswered 基本 (basic) controls.",
        ),
        field(
            "review_within_days",
            Shape::Integer {
                min: 1,
                max: Some(36500),
            },
            "Answers whose `reviewed` date is more than this many days before `as_of` are stale: a whole number from 1 to 36500.",
        ),
        field(
            "stale_review",
            Shape::Special(Special::PolicyLevel),
            "Answers reviewed longer ago than `review_within_days`.",
        ),
        field(
            "missing_review",
            Shape::Special(Special::PolicyLevel),
            "Answers of an output's catalog without a `reviewed` date.",
        ),
        field(
            "derived_answers",
            Shape::Special(Special::DerivePolicy),
            "Whether an output's unanswered control takes the answer of the controls it maps to in another catalog the project answers.",
        ),
    ],
);

// ---- catalogs (controls/<catalog-id>.yaml) -------------------------------------------

/// A catalog file.
pub static CATALOG: Object = Object {
    description: "",
    fields: &[
        required("catalog", Shape::Object(&CATALOG_HEADER), ""),
        field("questionnaire", Shape::Object(&QUESTIONNAIRE), ""),
        field(
            "groups",
            Shape::Definitions(Definition::Group),
            "The groups (chapters), a tree.",
        ),
        field(
            "controls",
            Shape::Definitions(Definition::Control),
            "Controls outside any group (rare).",
        ),
    ],
    rule: Rule::GroupsOrControls,
};

/// `catalog:`, a catalog's header.
pub static CATALOG_HEADER: Object = object(
    "The catalog's header.",
    &[
        required(
            "id",
            Shape::Id(IdKind::Catalog),
            "The catalog ID answers and outputs name: ASCII letters, digits, `.`, `_` and `-`.",
        ),
        required("title", Shape::Text, "The catalog's title."),
        field(
            "publisher",
            Shape::Text,
            "Who publishes the guideline or questionnaire.",
        ),
        field(
            "url",
            Shape::Special(Special::Url),
            "Where it is published: an absolute http(s) URL.",
        ),
        field(
            "version",
            Shape::Text,
            "The guideline's version or edition.",
        ),
        field(
            "lang",
            Shape::Special(Special::Lang),
            "The language the catalog is written in; the default layout's headers follow it.",
        ),
    ],
);

/// A group of a catalog.
pub static GROUP: Object = object(
    "A group (chapter, section): its groups and/or controls.",
    &[
        required(
            "id",
            Shape::Id(IdKind::Item),
            "A group ID, unique among the catalog's groups, written as printed (quote IDs that look like numbers: \"1\").",
        ),
        required("title", Shape::Text, "The group's title."),
        field(
            "text",
            Shape::Text,
            "An intro text shown under the heading.",
        ),
        field(
            "note",
            Shape::Text,
            "A cross-reference note shown with the heading.",
        ),
        field(
            "refs",
            Shape::Special(Special::Refs),
            "Cross-references: a scheme (e.g. iso27001-2013, mic-cloud-v3) to a list of IDs.",
        ),
        field(
            "groups",
            Shape::Definitions(Definition::Group),
            "Sub-groups.",
        ),
        field(
            "controls",
            Shape::Definitions(Definition::Control),
            "The controls (questions) of this group.",
        ),
    ],
);

/// A control of a catalog.
pub static CONTROL: Object = Object {
    description: "A control (question): needs a title or a text, or both.",
    fields: &[
        required(
            "id",
            Shape::Id(IdKind::Item),
            "A control ID, unique in the catalog, written as printed (quote IDs that look like numbers: \"1.10\").",
        ),
        field("title", Shape::Text, "A short title (対策項目 / 項目)."),
        field(
            "text",
            Shape::Text,
            "The requirement or question (対策内容 / 確認内容).",
        ),
        field(
            "level",
            Shape::Special(Special::Level),
            "The level: 基本 or 推奨.",
        ),
        field(
            "refs",
            Shape::Special(Special::Refs),
            "Cross-references: a scheme (e.g. iso27001-2013, mic-cloud-v3) to a list of IDs.",
        ),
        field(
            "cells",
            Shape::Cells,
            "Where the question lives in the customer's workbook.",
        ),
    ],
    rule: Rule::TitleOrText,
};

/// `cells:` of a control.
pub static CELLS: Object = object(
    "Where the question lives in the customer's workbook (written by import, read by fill).",
    &[
        required("sheet", Shape::Text, "The worksheet's name."),
        required(
            "row",
            Shape::Integer {
                min: 1,
                max: Some(MAX_ROW),
            },
            "The question's row, 1-based as Excel shows it.",
        ),
        field("question", Shape::ColumnLetter, QUESTION_COLUMN),
        field("choice", Shape::ColumnLetter, CHOICE_COLUMN),
        field("answer", Shape::ColumnLetter, ANSWER_COLUMN),
        field("evidence", Shape::ColumnLetter, EVIDENCE_COLUMN),
    ],
);

const QUESTION_COLUMN: &str = "The question column.";
const CHOICE_COLUMN: &str =
    "The choice column (はい/いいえ …): the answer's status, through `questionnaire.labels`.";
const ANSWER_COLUMN: &str = "The free-text answer column (補足 / コメント): the answer's text.";
const EVIDENCE_COLUMN: &str = "The evidence column (証跡 / 根拠資料).";

/// `questionnaire:` of a catalog imported from a customer's workbook.
pub static QUESTIONNAIRE: Object = object(
    "What import read from the customer's workbook, for writing answers back into it (`checksheet fill`).",
    &[
        field(
            "workbook",
            Shape::Text,
            "The workbook's file name (informational).",
        ),
        field(
            "labels",
            Shape::Special(Special::Labels),
            "The label map: each choice the questionnaire offers, as it spells it, and the status it means. The first choice of a status is the one fill writes.",
        ),
        field(
            "tables",
            Shape::List {
                of: &QUESTIONNAIRE_TABLE,
                nullable: true,
                non_empty: false,
            },
            "The tables import read, one per header row.",
        ),
    ],
);

/// One of `questionnaire.tables`.
pub static QUESTIONNAIRE_TABLE: Object = object(
    "A table of the workbook.",
    &[
        required("sheet", Shape::Text, "The worksheet's name."),
        required(
            "header_row",
            Shape::Integer {
                min: 1,
                max: Some(MAX_ROW),
            },
            "The header row, 1-based.",
        ),
        required("columns", Shape::Object(&QUESTIONNAIRE_COLUMNS), ""),
        required(
            "questions",
            Shape::Integer { min: 0, max: None },
            "How many questions import read.",
        ),
        required(
            "fingerprint",
            Shape::Special(Special::Fingerprint),
            "FNV-1a 64 of the question texts, 16 hex digits (written by import).",
        ),
    ],
);

/// `columns:` of a questionnaire table: the column of each role.
pub static QUESTIONNAIRE_COLUMNS: Object = object(
    "The table's columns by role.",
    &[
        field("id", Shape::ColumnLetter, "The ID column."),
        field(
            "category",
            Shape::ColumnLetter,
            "The category (分類) column.",
        ),
        field("question", Shape::ColumnLetter, QUESTION_COLUMN),
        field("choice", Shape::ColumnLetter, CHOICE_COLUMN),
        field("answer", Shape::ColumnLetter, ANSWER_COLUMN),
        field("evidence", Shape::ColumnLetter, EVIDENCE_COLUMN),
    ],
);

// ---- answer files (answers/**/*.yaml) -------------------------------------------------

/// An answer file.
pub static ANSWER_FILE: Object = object(
    "",
    &[
        required(
            "catalog",
            Shape::Special(Special::AnsweredCatalog),
            "The ID of the catalog these answers are for.",
        ),
        required(
            "answers",
            Shape::Special(Special::Answers),
            "Control ID → answer. Quote IDs that look like numbers (\"1.10\" is not \"1.1\"). A control answered twice, in one file or across files, is an error.",
        ),
    ],
);

/// One answer in its full form; `fmt` writes its fields in this order.
pub static ANSWER: Object = Object {
    description: "One answer. Short forms: just the answer text, or a list of lines; the full form is a mapping with `answer` and/or `status`.",
    fields: &[
        field(
            "status",
            Shape::Special(Special::Status),
            "How far the control is implemented.",
        ),
        field(
            "answer",
            Shape::Special(Special::AnswerText),
            "The answer customers read: a text (use `|-` for several lines), or a list with one line each (checkbox lines where the layout has them).",
        ),
        field(
            "links",
            Shape::Special(Special::Links),
            "Links shown with the answer: absolute http(s) URLs.",
        ),
        field(
            "evidence",
            Shape::Special(Special::Evidence),
            "Evidence (証跡) backing the answer: document names (e.g. `情報セキュリティ基本方針 第3版`) or absolute http(s) URLs.",
        ),
        field(
            "reviewed",
            Shape::Date,
            "When the answer was last reviewed: a real calendar date, YYYY-MM-DD.",
        ),
        field(
            "note",
            Shape::Text,
            "An internal note for reviewers: never rendered.",
        ),
    ],
    rule: Rule::Answer,
};

// ---- layouts (templates/<layout-id>/layout.yaml) --------------------------------------

/// A layout file.
pub static LAYOUT_FILE: Object = object(
    "",
    &[
        required("layout", Shape::Object(&LAYOUT_HEADER), ""),
        required(
            "title",
            Shape::Text,
            "The document title (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "header",
            Shape::Text,
            "The running page header (xlsx print header) (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "intro",
            Shape::TextList,
            "Paragraphs before the table (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "notice",
            Shape::Text,
            "A notice line (a minijinja template, see docs/layouts.md).",
        ),
        required(
            "columns",
            Shape::List {
                of: &LAYOUT_COLUMN,
                nullable: false,
                non_empty: true,
            },
            "The table's columns, left to right.",
        ),
        field(
            "group_rows",
            Shape::List {
                of: &GROUP_ROW,
                nullable: false,
                non_empty: false,
            },
            "How group rows look, per depth.",
        ),
        field("numbering", Shape::Object(&NUMBERING), ""),
        field(
            "checkbox",
            Shape::Text,
            "The prefix of each item of a list answer (default \"・\"), e.g. \"☐ \".",
        ),
        field(
            "sheets",
            Shape::List {
                of: &SHEET,
                nullable: false,
                non_empty: false,
            },
            "The sheets (xlsx) or parts (md, html); default: one with every group.",
        ),
        field(
            "derived_note",
            Shape::Text,
            "A line added under an answer taken from a mapped control of another catalog; it sees `source.catalog` and `source.controls` (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "unanswered",
            Shape::Text,
            "What the answer cell of a control without an answer shows (e.g. 個別にご相談ください); without it the cell is empty (a minijinja template, see docs/layouts.md).",
        ),
    ],
);

/// `layout:`, a layout's header.
pub static LAYOUT_HEADER: Object = object(
    "The layout's header.",
    &[
        required(
            "id",
            Shape::Id(IdKind::Layout),
            "The layout ID outputs name: lowercase ASCII letters, digits and `-` (at most 64).",
        ),
        field("description", Shape::Text, "What the layout reproduces."),
        field(
            "catalog",
            Shape::Special(Special::CatalogName),
            "The catalog this layout is made for, if any.",
        ),
    ],
);

/// One of a layout's `columns:`.
pub static LAYOUT_COLUMN: Object = object(
    "One column of the table.",
    &[
        required(
            "header",
            Shape::Text,
            "The column's header text (a minijinja template, see docs/layouts.md).",
        ),
        required(
            "value",
            Shape::Special(Special::ColumnValue),
            "What the column shows for each control; `refs:<scheme>` shows the control's refs of that scheme.",
        ),
        field(
            "width",
            Shape::Number { min: 1, max: 255 },
            "The width in characters (xlsx), 1 to 255 (default 20).",
        ),
        field(
            "hide_when_empty",
            Shape::Flag,
            "true: the column is left out of a document in which no item has anything in it (e.g. an `evidence` column where no answer gives evidence).",
        ),
    ],
);

/// One of a layout's `group_rows:`.
pub static GROUP_ROW: Object = Object {
    description: "How group rows of one depth look; deeper groups use the deepest style above.",
    fields: &[
        required(
            "depth",
            Shape::Integer {
                min: 1,
                max: Some(32),
            },
            "The group depth this style is for (1 = top-level groups), 1 to 32.",
        ),
        field(
            "text",
            Shape::Text,
            "The row's text (required unless `hidden`); sees `group` (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "lead",
            Shape::TextList,
            "Cells before the merged text cell (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "hidden",
            Shape::Flag,
            "true: groups of this depth get no row of their own.",
        ),
    ],
    rule: Rule::TextUnlessHidden,
};

/// `numbering:` of a layout.
pub static NUMBERING: Object = object(
    "How the `number` column is derived from a control ID.",
    &[
        required(
            "scheme",
            Shape::Special(Special::NumberingScheme),
            "The numbering scheme.",
        ),
        field(
            "separator",
            Shape::Text,
            "The separator for `last-segment` (default `.`).",
        ),
    ],
);

/// One of a layout's `sheets:`.
pub static SHEET: Object = object(
    "One sheet or part.",
    &[
        required(
            "name",
            Shape::Text,
            "The sheet name (xlsx: at most 31 characters) (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "groups",
            Shape::Strings,
            "The top-level group IDs on this sheet (default: all).",
        ),
        field(
            "heading",
            Shape::Text,
            "A heading above the sheet's table (a minijinja template, see docs/layouts.md).",
        ),
        field(
            "notice",
            Shape::Text,
            "The sheet's notice line (a minijinja template, see docs/layouts.md).",
        ),
    ],
);

// ---- mapping files and thesauri (no schema) -------------------------------------------

/// A mapping file (`controls/mappings/<from>--<to>.yaml`): pairs of controls of two
/// catalogs.
pub static MAPPING_FILE: Object = object(
    "",
    &[
        required("mapping", Shape::Object(&MAPPING_HEADER), ""),
        required(
            "pairs",
            Shape::List {
                of: &MAPPING_PAIR,
                nullable: true,
                non_empty: false,
            },
            "The pairs: a control of `from` and the controls of `to` that ask the same question.",
        ),
    ],
);

/// `mapping:`, a mapping file's header.
pub static MAPPING_HEADER: Object = object(
    "The mapping's header.",
    &[
        required(
            "from",
            Shape::Id(IdKind::Catalog),
            "The catalog whose controls are mapped.",
        ),
        required(
            "to",
            Shape::Id(IdKind::Catalog),
            "The catalog whose controls they map to.",
        ),
        field("description", Shape::Text, "What the mapping covers."),
    ],
);

/// One of a mapping file's `pairs:`.
pub static MAPPING_PAIR: Object = object(
    "One pair.",
    &[
        required("from", Shape::Id(IdKind::Item), "A control of `from`."),
        field(
            "to",
            Shape::Ids,
            "The controls of `to` it maps to, one or a list (required; an empty list maps to none).",
        ),
        field(
            "status",
            Shape::Text,
            "`confirmed` (the default: answers are derived through the pair) or `suggested` (written by `map suggest`, for a person to review).",
        ),
        field(
            "score",
            Shape::Text,
            "How close `map suggest` found the texts, 0 to 1 (informational).",
        ),
    ],
);

/// A thesaurus file (any file with a top-level `thesaurus:` in a folder of `catalogs:`):
/// the words `map suggest` folds, groups or ignores.
pub static THESAURUS_FILE: Object = object(
    "",
    &[
        required("thesaurus", Shape::Object(&THESAURUS_HEADER), ""),
        field(
            "spellings",
            Shape::WordLists,
            "Lists of spellings of one word; the first is the one the others are rewritten to.",
        ),
        field(
            "terms",
            Shape::WordLists,
            "Lists of words that mean the same (Japanese and English); the first names the group.",
        ),
        field(
            "ignore",
            Shape::Strings,
            "Words that carry no meaning for matching.",
        ),
        field(
            "facts",
            Shape::Strings,
            "Words by which a question asks for a company's facts or commercial terms, which no control answers.",
        ),
        field(
            "keywords",
            Shape::KeywordMap,
            "Per catalog and control, the words a customer's questionnaire uses when asking what the control asks (practices, tools, everyday terms); `map suggest` matches them like the control's own text.",
        ),
    ],
);

/// `thesaurus:`, a thesaurus file's header.
pub static THESAURUS_HEADER: Object = object(
    "The thesaurus's header.",
    &[field(
        "description",
        Shape::Text,
        "What the thesaurus holds.",
    )],
);
