//! The one diagnostic type of `checksheet`: every problem found in a run, with a stable
//! code, a severity, the place it points at and a hint.
//!
//! Codes are part of the user-facing contract (CI scripts grep for them): never reuse or
//! renumber one. `checksheet check --format json` prints them.

use crate::source::Span;

/// How bad a diagnostic is. Errors fail the run; warnings fail it only with `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Information worth seeing in a report; never fails a run.
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $description:literal;)*) => {
        /// The kind of a diagnostic. Each has a stable code and a one-line description.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, e.g. `CS0101`.
            pub fn code(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// What this kind of diagnostic means, in one line.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description),* }
            }

            /// The severity a diagnostic of this kind has by default.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }
        }
    };
}

codes! {
    Io = "CS0001", Error, "a file or folder could not be read";
    NotUtf8 = "CS0002", Error, "a file is not valid UTF-8";
    EmptyFile = "CS0003", Error, "a YAML file has no content";
    OutsideProject = "CS0004", Error, "a path a project names or holds leads outside the project's folder and git repository, or into a `.git` folder";
    NotRegularFile = "CS0005", Error, "a path a project names or holds is a named pipe, device, socket or other special file";
    NotRead = "CS0006", Warning, "a file or folder inside a project's folders is not read";
    YamlSyntax = "CS0101", Error, "a file is not valid YAML";
    DuplicateKey = "CS0102", Error, "a YAML mapping has the same key twice";
    Limit = "CS0103", Error, "a file exceeds a safety limit (size, nesting, aliases)";
    LookAlike = "CS0104", Error, "a file is not valid YAML where a look-alike or invisible character (full-width space, no-break space, full-width colon …) stands for a space, colon or hyphen";
    UnknownField = "CS0201", Error, "a field name is not part of the file format";
    MissingField = "CS0202", Error, "a required field is missing";
    WrongType = "CS0203", Error, "a value has the wrong YAML type";
    InvalidValue = "CS0204", Error, "a value is not one of the allowed values or forms";
    InvalidDate = "CS0205", Error, "a date is not a real calendar date in YYYY-MM-DD form";
    InvalidUrl = "CS0206", Error, "a link is not an absolute http(s) URL";
    InvalidId = "CS0207", Error, "an ID is empty or has characters IDs may not have";
    DuplicateControl = "CS0301", Error, "a control ID appears twice in a catalog";
    DuplicateGroup = "CS0302", Error, "a group ID appears twice in a catalog";
    DuplicateCatalog = "CS0303", Error, "two catalogs have the same ID";
    EmptyControl = "CS0304", Error, "a control has neither a title nor a text";
    DuplicateCells = "CS0305", Error, "two controls of a catalog record the same row of a workbook";
    UnknownCatalog = "CS0401", Error, "an answer file or output names a catalog that does not exist";
    UnknownControl = "CS0402", Error, "an answer names a control that its catalog does not have";
    DuplicateAnswer = "CS0403", Error, "a control is answered twice";
    EmptyAnswer = "CS0404", Warning, "an answer has no text";
    Unanswered = "CS0405", Warning, "a control of an output's catalog has no answer";
    UnansweredBasic = "CS0406", Warning, "a 基本 (basic) control of an output's catalog has no answer";
    StaleReview = "CS0407", Warning, "an answer was last reviewed longer ago than the project's policy allows";
    MissingReview = "CS0408", Warning, "an answer has no `reviewed` date and the project's policy asks for one";
    UnknownMapped = "CS0409", Error, "a mapping names a catalog or control that does not exist";
    Derived = "CS0410", Warning, "an answer is derived from a mapped control of another catalog";
    DerivationConflict = "CS0411", Error, "mapped controls give different answers for one control";
    HiddenControl = "CS0412", Warning, "an answer, or a control's title or text, holds a control, zero-width or bidirectional character that a reader would not see";
    UnknownLayout = "CS0501", Error, "an output names a layout that does not exist";
    LayoutCatalog = "CS0502", Error, "an output's catalog does not fit its layout";
    InvalidLayout = "CS0503", Error, "a layout definition or template is invalid";
    DuplicateOutput = "CS0504", Error, "two outputs would write the same file";
    CellTooLong = "CS0601", Error, "a text is longer than an xlsx cell can hold (32,767 characters)";
    Render = "CS0602", Error, "an output could not be rendered";
    Write = "CS0603", Error, "an output file could not be written";
    Format = "CS0701",
    Error,
    "an answer file could not be put in canonical form without loss";
    ImportNoTable = "CS0801", Error, "no table of the expected layout or columns was found in a workbook";
    ImportColumns = "CS0802", Error, "the ID, question or answer column of a questionnaire table could not be determined";
    ImportUnknownItem = "CS0803", Error, "a workbook row holds an answer that belongs to no control";
    ImportDuplicate = "CS0804", Error, "a workbook has the same control or ID twice";
    ImportStatus = "CS0805", Error, "a workbook's status cell holds no known status";
    ImportInvalidId = "CS0806", Error, "an ID cell of a workbook is not a valid ID";
    ImportUnmapped = "CS0807", Warning, "a workbook cell belongs to no item or column and was not imported";
    ImportTypedCell = "CS0808", Warning, "a workbook cell holds a number or date where text was meant; its spelling may be lost";
    ImportHidden = "CS0809", Warning, "a workbook's hidden row, column or sheet, read by import or filled by fill";
    ImportMerged = "CS0810", Warning, "a merged workbook cell's value was given to several rows";
    ImportIdChanged = "CS0811", Warning, "IDs read from a workbook were prefixed to make them unique";
    ImportLossy = "CS0812", Error, "imported answers or a catalog could not be written without loss";
    ImportAmbiguous = "CS0813", Error, "no questionnaire table of a workbook is clearly the one to import; the candidates are listed";
    ImportNoValue = "CS0814", Error, "a workbook formula cell was saved without its value, so its text is unknown";
    ImportTableLeft = "CS0815", Warning, "a table of questions on a sheet that was imported was left out, being shaped unlike the tables imported";
    FillNotFound = "CS0901", Error, "a question of the catalog is not in the workbook being filled";
    FillMoved = "CS0902", Warning, "a question is in another row of the workbook than the catalog records";
    FillNoChoice = "CS0903", Warning, "an answer's status matches no choice of its cell's dropdown or the label map";
    FillLocked = "CS0904", Warning, "an answer cell is locked on a protected sheet, or merged with another question's cell";
    FillFormula = "CS0905", Warning, "an answer cell holds a formula, which fill does not replace";
    FillTextNowhere = "CS0906", Warning, "an answer's text has no cell to go in";
    FillVendorField = "CS0907", Warning, "the workbook asks for a vendor field the project does not give";
    FillSameCell = "CS0908", Error, "two answers would be written into one workbook cell";
    FillNoStatus = "CS0909", Warning, "a question has a choice cell but its answer gives no status";
    FillUnknownQuestion = "CS0910", Warning, "a workbook's table holds a question its catalog does not have";
    FillLanguage = "CS0911", Warning, "answers in Japanese are written into an English questionnaire";
    FillCellHeld = "CS0912", Warning, "an answer cell of the workbook already holds other text, which fill keeps unless told to replace it";
}

/// A place a diagnostic points at, with a short label.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in a run.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The main place; `None` for problems that belong to no file.
    pub primary: Option<Label>,
    /// Other places worth showing (e.g. the first of two duplicates).
    pub secondary: Vec<Label>,
    /// What would be right.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            message: label.into(),
        });
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: label.into(),
        });
        self
    }

    /// Overrides the code's default severity (project policies raise or lower it).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of a run, in the order found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file and position so reports read top to bottom, keeping the order found
    /// for diagnostics at the same place.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| {
            d.primary.as_ref().map_or((usize::MAX, usize::MAX), |l| {
                (l.span.source.0, l.span.start)
            })
        });
    }
}

/// "did you mean `x`?" for the closest of `candidates`, when one is close enough.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given = fold(given);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::normalized_damerau_levenshtein(&given, &fold(candidate));
        if score >= 0.6 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `text` as it compares for suggestions: NFKC-normalized (full-width `１` is `1`, `Ⅲ` is
/// `III`, `：` is `:`) and without invisible characters (zero-width spaces, joiners, a
/// byte-order mark).
pub fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    let invisible = |c: char| matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}');
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let normalized = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc().normalize(text);
    if normalized.chars().any(invisible) {
        return std::borrow::Cow::Owned(normalized.chars().filter(|c| !invisible(*c)).collect());
    }
    std::borrow::Cow::Owned(normalized.into_owned())
}

/// "did you mean `suggestion`?", saying which characters of `given` are full-width,
/// compatibility or invisible ones when that is what made it differ.
pub fn did_you_mean_help(given: &str, suggestion: &str) -> String {
    match folded_characters(given) {
        Some(chars) => format!(
            "did you mean `{suggestion}`? `{}` holds full-width, compatibility or invisible characters: {chars}; type it in half-width (半角) characters",
            given
                .chars()
                .map(|c| {
                    let own = c.to_string();
                    if fold(&own).is_empty() || c.is_control() {
                        c.escape_unicode().to_string()
                    } else {
                        own
                    }
                })
                .collect::<String>()
        ),
        None => format!("did you mean `{suggestion}`?"),
    }
}

/// The characters of `text` that [`fold`] changes, each as `` `Ⅲ` (U+2162) `` with what
/// it reads as; `None` when folding changes nothing.
pub fn folded_characters(text: &str) -> Option<String> {
    if fold(text) == text {
        return None;
    }
    let mut seen = Vec::new();
    let described: Vec<String> = text
        .chars()
        .filter(|c| {
            let own = c.to_string();
            fold(&own) != own.as_str() && !seen.contains(c) && {
                seen.push(*c);
                true
            }
        })
        .map(|c| match fold(&c.to_string()).as_ref() {
            "" => format!("an invisible U+{:04X}", c as u32),
            as_ascii => format!("`{c}` (U+{:04X}, read as `{as_ascii}`)", c as u32),
        })
        .collect();
    Some(described.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn suggestions_compare_full_width_and_compatibility_characters_folded() {
        let ids = ["II.1.1.1", "II.1.1.2", "III.1.1.1", "I.1.1.1"];
        assert_eq!(did_you_mean("Ⅲ.1.1.1", ids), Some("III.1.1.1"));
        assert_eq!(did_you_mean("Ⅱ.1.1.2", ids), Some("II.1.1.2"));
        assert_eq!(did_you_mean("II.１.１.２", ids), Some("II.1.1.2"));
        assert_eq!(did_you_mean("II.1.1.1\u{200b}", ids), Some("II.1.1.1"));
        assert_eq!(
            folded_characters("Ⅲ.１.1.1").as_deref(),
            Some("`Ⅲ` (U+2162, read as `III`), `１` (U+FF11, read as `1`)")
        );
        assert_eq!(folded_characters("II.1.1.1"), None);
        assert_eq!(folded_characters("方針"), None);
    }

    #[test]
    fn codes_are_unique_and_described() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.code()), "duplicate code {}", code.code());
            assert!(code.code().starts_with("CS") && code.code().len() == 6);
            assert!(!code.description().is_empty());
        }
    }

    #[test]
    fn suggestions_pick_the_closest_and_refuse_the_far() {
        assert_eq!(
            did_you_mean("II.1.1.9", ["II.1.1.1", "II.1.1.2", "III.2.3.4"]),
            Some("II.1.1.1")
        );
        assert_eq!(
            did_you_mean("stauts", ["status", "answer", "links"]),
            Some("status")
        );
        assert_eq!(did_you_mean("zzz", ["status", "answer"]), None);
    }
}
