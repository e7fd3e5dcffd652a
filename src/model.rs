//! The validated model every later stage works from: project, catalogs, answers.
//!
//! Nothing here is raw YAML. Loaders build these types once, after every check; renderers
//! read only these (through [`crate::sheet`]).

use std::path::PathBuf;

use indexmap::IndexMap;
use jiff::civil::Date;

use crate::source::Span;

/// A long text of the model (a control's wording, an answer). Shared, not copied, by the
/// documents that show it: at 200,000 controls the copies were a fifth of a build's memory.
pub type Text = std::sync::Arc<str>;

/// Cross-references of a group or control: scheme (e.g. `iso27001-2013`) to IDs.
pub type Refs = IndexMap<String, Vec<String>>;

/// A control's level (`level:` in catalogs). Its names (`基本`, `推奨`) are strum's: parse
/// with `str::parse`, list with [`strum::VariantArray::VARIANTS`].
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
pub enum Level {
    #[serde(rename = "基本")]
    #[strum(serialize = "基本")]
    Basic,
    #[serde(rename = "推奨")]
    #[strum(serialize = "推奨")]
    Recommended,
}

impl Level {
    /// The name written in catalogs and shown in documents.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How far a control is implemented (`status:` in answer files). Its names
/// (`implemented`, `not-applicable`, …) are strum's: parse with `str::parse`, list with
/// [`strum::VariantArray::VARIANTS`].
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Status {
    Implemented,
    Partial,
    Planned,
    NotImplemented,
    NotApplicable,
}

impl Status {
    /// The spelling used in answer files.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The label shown to customers.
    pub fn label(self) -> &'static str {
        match self {
            Status::Implemented => "実施済",
            Status::Partial => "一部実施",
            Status::Planned => "実施予定",
            Status::NotImplemented => "未実施",
            Status::NotApplicable => "対象外",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Control {
    pub id: String,
    pub title: Option<Text>,
    pub text: Option<Text>,
    pub level: Option<Level>,
    pub refs: Refs,
    pub span: Option<Span>,
    /// Where the question lives in the customer's workbook it was imported from (`cells:`).
    pub cells: Option<CellRef>,
}

/// The language a catalog is written in (`catalog.lang`): the `default` layout's headers
/// and labels follow it.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The language's tag as written in catalogs (`ja`, `en`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Columns of a questionnaire's cells, 0-based (`A` is 0), each present only where the
/// questionnaire has that column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellColumns {
    pub id: Option<u32>,
    pub category: Option<u32>,
    pub question: Option<u32>,
    /// The choice cell (はい/いいえ/該当なし …): the answer's status, through the label map.
    pub choice: Option<u32>,
    /// The free-text cell: the answer's text.
    pub answer: Option<u32>,
    /// The evidence cell (証跡 / 根拠資料 / Evidence).
    pub evidence: Option<u32>,
}

/// Where one question of a customer's workbook lives (a control's `cells:`): its sheet, its
/// row (1-based, as Excel shows it) and the columns of its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRef {
    pub sheet: String,
    pub row: u32,
    pub columns: CellColumns,
    pub span: Option<Span>,
}

/// One table of a customer's workbook, as import read it (`questionnaire.tables`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionTable {
    pub sheet: String,
    /// The header row, 1-based.
    pub header_row: u32,
    pub columns: CellColumns,
    /// How many questions import read from this table.
    pub questions: u32,
    /// [`crate::labels::fingerprint`] of the table's question texts, in order.
    pub fingerprint: String,
    pub span: Option<Span>,
}

/// What a catalog imported from a customer's workbook records about that workbook
/// (`questionnaire:`), so that answers can be written back into it (`checksheet fill`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Questionnaire {
    /// The file name the catalog was imported from (informational).
    pub workbook: Option<String>,
    /// The label map: each choice the questionnaire offers and the status it means, in the
    /// order written (the first label of a status is the one written back).
    pub labels: IndexMap<String, Status>,
    pub tables: Vec<QuestionTable>,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub note: Option<String>,
    pub refs: Refs,
    pub groups: Vec<Group>,
    pub controls: Vec<Control>,
}

#[derive(Clone, Debug)]
pub struct Catalog {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub version: Option<String>,
    pub lang: Lang,
    /// Set when the catalog was imported from a customer's workbook.
    pub questionnaire: Option<Box<Questionnaire>>,
    pub groups: Vec<Group>,
    /// Top-level controls not in any group (allowed, rare).
    pub controls: Vec<Control>,
    /// Where the catalog came from, for messages: a file name or `builtin:<id>`.
    pub origin: String,
    pub id_span: Option<Span>,
}

impl Catalog {
    /// Every control in document order.
    pub fn controls(&self) -> Vec<&Control> {
        fn walk<'a>(group: &'a Group, out: &mut Vec<&'a Control>) {
            out.extend(group.controls.iter());
            for g in &group.groups {
                walk(g, out);
            }
        }
        let mut out: Vec<&Control> = self.controls.iter().collect();
        for g in &self.groups {
            walk(g, &mut out);
        }
        out
    }
}

/// The text of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerBody {
    Text(Text),
    Items(Vec<String>),
}

impl AnswerBody {
    pub fn is_blank(&self) -> bool {
        match self {
            AnswerBody::Text(t) => t.trim().is_empty(),
            AnswerBody::Items(items) => items.iter().all(|i| i.trim().is_empty()),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Answer {
    pub control: String,
    pub status: Option<Status>,
    pub body: Option<AnswerBody>,
    pub links: Vec<String>,
    /// Evidence (証跡): names of the documents, or URLs, that back the answer.
    pub evidence: Vec<String>,
    pub reviewed: Option<Date>,
    /// Internal note: kept for reviewers, never rendered.
    pub note: Option<String>,
    pub span: Span,
}

/// The answers given to one catalog, from every file that answers it, keyed by control ID.
#[derive(Clone, Debug, Default)]
pub struct AnswerSet {
    pub answers: IndexMap<String, std::sync::Arc<Answer>>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Organization {
    pub name: String,
    pub short_name: Option<String>,
    pub service: Option<String>,
    /// The person who answers questionnaires (回答者 / 担当者 / Respondent), for `fill`.
    pub contact: Option<String>,
}

/// Texts a project gives its documents (title, preamble, notice).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct DocumentTexts {
    pub title: Option<String>,
    pub preamble: Vec<String>,
    pub notice: Option<String>,
}

/// An output format (`formats:` of an output); its name is its file extension.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Xlsx,
    Md,
    Html,
}

impl Format {
    /// The file extension, also the format's name in `formats:`.
    pub fn extension(self) -> &'static str {
        self.into()
    }
}

/// One requested output: a layout, the catalog it shows, and its formats.
#[derive(Clone, Debug)]
pub struct OutputSpec {
    pub layout: String,
    pub catalog: Option<String>,
    pub formats: Vec<Format>,
    pub name: Option<String>,
    /// The output's list item.
    pub span: Span,
    /// The layout's name as written after `layout:`.
    pub layout_span: Span,
}

/// What a policy rule does when it finds something: nothing, a warning, or an error.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum PolicyLevel {
    Off,
    Warning,
    Error,
}

/// Whether unanswered controls take answers through mappings (`policy.derived_answers`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum DerivePolicy {
    Off,
    /// Derive, with a warning for each derived answer.
    Warn,
    /// Derive, with one note per catalog.
    Allow,
}

/// The project's rules for completeness and freshness (`policy:` in checksheet.yaml).
#[derive(Clone, Debug)]
pub struct Policy {
    /// An output's catalog has controls without an answer.
    pub unanswered: PolicyLevel,
    /// … among them 基本 (basic) controls.
    pub unanswered_basic: PolicyLevel,
    /// Answers whose `reviewed` date is more than this many days before `as_of` are stale.
    pub review_within_days: Option<i64>,
    pub stale_review: PolicyLevel,
    /// Answers of an output's catalog that have no `reviewed` date at all.
    pub missing_review: PolicyLevel,
    pub derived_answers: DerivePolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            unanswered: PolicyLevel::Warning,
            unanswered_basic: PolicyLevel::Warning,
            review_within_days: None,
            stale_review: PolicyLevel::Warning,
            missing_review: PolicyLevel::Off,
            derived_answers: DerivePolicy::Off,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Project {
    /// The folder holding `checksheet.yaml`.
    pub root: PathBuf,
    pub organization: Organization,
    pub as_of: Date,
    /// The answer folders and files, with where the project lists each.
    pub answers: Vec<(PathBuf, Span)>,
    /// Whether the project lists `answers:`; when it does not, `answers` holds the default
    /// `answers/` folder (its span is the project file's start), which may be missing.
    pub answers_listed: bool,
    pub catalogs: Vec<(PathBuf, Span)>,
    pub layouts: Vec<(PathBuf, Span)>,
    pub document: DocumentTexts,
    pub outputs: Vec<OutputSpec>,
    pub policy: Policy,
    /// Where `policy:` is written, for diagnostics it causes.
    pub policy_span: Option<Span>,
}
