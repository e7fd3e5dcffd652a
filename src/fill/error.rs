//! Why a workbook cannot be read, edited or filled: the errors of the readers under
//! [`crate::fill`] that concern the workbook as a whole ([`WorkbookError`]), the XML of one
//! of its parts ([`XmlError`]), and a fill that cannot go on ([`FillError`]). The errors of
//! the zip package, of one sheet and of cell texts are [`super::package::PackageError`],
//! [`super::sheet::SheetError`] and [`super::text::TextError`].
//!
//! Each error's text is its [`message`](WorkbookError::message) in the run's language
//! (`crate::i18n`): what `fill` and `import` show after `cannot fill …:` or `cannot read …:`.

use quick_xml::events::attributes::AttrError;

use super::package::PackageError;
use super::sheet::SheetError;
use super::text::TextError;
use crate::i18n::Message;
use crate::msg;

/// XML that cannot be read (or, once edited, would not be well-formed).
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    /// The reader stopped at a byte of the part.
    #[error("{}", self.message().to_text())]
    At {
        byte: u64,
        #[source]
        source: quick_xml::Error,
    },
    /// An element's attributes cannot be read, or one is written twice; `of` names the
    /// element when the message says which.
    #[error("{}", self.message().to_text())]
    Attribute {
        of: Option<&'static str>,
        #[source]
        source: AttrError,
    },
    /// The part ends inside an element.
    #[error("{}", self.message().to_text())]
    EndsInsideElement,
    /// The workbook part has no `<sheets>` element (so no place for its `calcPr`).
    #[error("{}", self.message().to_text())]
    NoSheets,
}

impl XmlError {
    /// The error a reader gave, at the byte it stopped at.
    pub fn at<R>(reader: &quick_xml::Reader<R>, source: quick_xml::Error) -> XmlError {
        XmlError::At {
            byte: reader.error_position(),
            source,
        }
    }

    /// What is wrong, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            XmlError::At { byte, source } => msg!(
                "xlsx-at-byte",
                byte = byte.to_string(),
                error = source.to_string()
            ),
            XmlError::Attribute {
                of: Some(of),
                source,
            } => {
                msg!("plain", text = format!("{of}: {source}"))
            }
            XmlError::Attribute { of: None, source } => msg!("plain", text = source.to_string()),
            XmlError::EndsInsideElement => msg!("xlsx-part-ends-inside"),
            XmlError::NoSheets => msg!("xlsx-no-sheets-element"),
        }
    }
}

/// Why a workbook cannot be read or written back: what [`super::book::Book`] and the
/// readers it calls return.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The zip package, or one of its parts, cannot be read or written.
    #[error(transparent)]
    Package(#[from] PackageError),
    /// A part (the relationships, the workbook) is not valid XML.
    #[error("{}", self.message().to_text())]
    PartInvalid {
        part: String,
        #[source]
        source: XmlError,
    },
    /// The shared strings cannot be read.
    #[error("{}", self.message().to_text())]
    SharedStrings(#[source] TextError),
    /// A sheet cannot be read.
    #[error("{}", self.message().to_text())]
    SheetUnreadable {
        sheet: String,
        #[source]
        source: SheetError,
    },
    /// A sheet cannot be edited.
    #[error("{}", self.message().to_text())]
    SheetEdit {
        sheet: String,
        #[source]
        source: SheetError,
    },
    /// The styles part is not valid XML.
    #[error("{}", self.message().to_text())]
    Styles(#[source] XmlError),
    /// An edited part would not be well-formed XML: nothing is written.
    #[error("{}", self.message().to_text())]
    EditNotWellFormed {
        part: String,
        #[source]
        source: XmlError,
    },
}

impl WorkbookError {
    /// What is wrong, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            WorkbookError::Package(e) => e.message(),
            WorkbookError::PartInvalid { part, source } => msg!(
                "xlsx-part-invalid",
                part = part.as_str(),
                error = source.message()
            ),
            WorkbookError::SharedStrings(e) => {
                msg!("xlsx-shared-strings-invalid", error = e.message())
            }
            WorkbookError::SheetUnreadable { sheet, source } => msg!(
                "xlsx-sheet-unreadable",
                sheet = sheet.as_str(),
                error = source.message()
            ),
            WorkbookError::SheetEdit { sheet, source } => msg!(
                "xlsx-sheet-error",
                sheet = sheet.as_str(),
                error = source.message()
            ),
            WorkbookError::Styles(e) => msg!("xlsx-styles-invalid", error = e.message()),
            WorkbookError::EditNotWellFormed { part, source } => msg!(
                "xlsx-edited-part-not-well-formed",
                part = part.as_str(),
                error = source.message()
            ),
        }
    }
}

/// Why a workbook could not be filled at all.
#[derive(Debug, thiserror::Error)]
pub enum FillError {
    /// The workbook cannot be read, or the filled one written.
    #[error("{}", self.message().to_text())]
    Workbook {
        /// The workbook's name in messages.
        name: String,
        #[source]
        source: Box<WorkbookError>,
    },
    /// The catalog records no question's cells: it was not imported from a workbook.
    #[error("{}", self.message().to_text())]
    CatalogWithoutCells { name: String, catalog: String },
}

impl FillError {
    /// What went wrong, in the user's language: `cannot fill `NAME`: WHY`.
    pub fn message(&self) -> Message {
        let (name, why) = match self {
            FillError::Workbook { name, source } => (name, source.message()),
            FillError::CatalogWithoutCells { name, catalog } => (
                name,
                msg!(
                    "fill-catalog-without-cells",
                    catalog = catalog.as_str(),
                    name = name.as_str()
                ),
            ),
        };
        msg!("cannot-fill", name = name.as_str(), why = why)
    }
}
