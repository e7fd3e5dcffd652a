//! The one diagnostic type of `checksheet`: every problem found in a run, with a stable
//! code, a severity, the place it points at and a hint.
//!
//! Codes are part of the user-facing contract (CI scripts grep for them): never reuse or
//! renumber one. `checksheet check --format json` prints them.
//!
//! A diagnostic holds no text: its message, labels and hint are [`Message`]s (an ID of the
//! catalogs in `i18n/` with its arguments), turned into English or Japanese by the reporter.

use crate::i18n::Message;
use crate::msg;
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
    ($($variant:ident = $code:literal, $severity:ident;)*) => {
        /// The kind of a diagnostic. Each has a stable code and a one-line description
        /// (the message `code-<code>` of the catalogs in `i18n/`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, e.g. `CS0101`.
            pub fn code(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// What this kind of diagnostic means, in one line (`code-CS0101`, …).
            pub fn description(self) -> Message {
                Message::new(match self { $(Code::$variant => concat!("code-", $code)),* })
            }

            /// The severity a diagnostic of this kind has by default.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }
        }
    };
}

codes! {
    Io = "CS0001", Error;
    NotUtf8 = "CS0002", Error;
    EmptyFile = "CS0003", Error;
    OutsideProject = "CS0004", Error;
    NotRegularFile = "CS0005", Error;
    NotRead = "CS0006", Warning;
    YamlSyntax = "CS0101", Error;
    DuplicateKey = "CS0102", Error;
    Limit = "CS0103", Error;
    LookAlike = "CS0104", Error;
    UnknownField = "CS0201", Error;
    MissingField = "CS0202", Error;
    WrongType = "CS0203", Error;
    InvalidValue = "CS0204", Error;
    InvalidDate = "CS0205", Error;
    InvalidUrl = "CS0206", Error;
    InvalidId = "CS0207", Error;
    DuplicateControl = "CS0301", Error;
    DuplicateGroup = "CS0302", Error;
    DuplicateCatalog = "CS0303", Error;
    EmptyControl = "CS0304", Error;
    DuplicateCells = "CS0305", Error;
    UnknownCatalog = "CS0401", Error;
    UnknownControl = "CS0402", Error;
    DuplicateAnswer = "CS0403", Error;
    EmptyAnswer = "CS0404", Warning;
    Unanswered = "CS0405", Warning;
    UnansweredBasic = "CS0406", Warning;
    StaleReview = "CS0407", Warning;
    MissingReview = "CS0408", Warning;
    UnknownMapped = "CS0409", Error;
    Derived = "CS0410", Warning;
    DerivationConflict = "CS0411", Error;
    HiddenControl = "CS0412", Warning;
    UnknownLayout = "CS0501", Error;
    LayoutCatalog = "CS0502", Error;
    InvalidLayout = "CS0503", Error;
    DuplicateOutput = "CS0504", Error;
    CellTooLong = "CS0601", Error;
    Render = "CS0602", Error;
    Write = "CS0603", Error;
    Format = "CS0701", Error;
    ImportNoTable = "CS0801", Error;
    ImportColumns = "CS0802", Error;
    ImportUnknownItem = "CS0803", Error;
    ImportDuplicate = "CS0804", Error;
    ImportStatus = "CS0805", Error;
    ImportInvalidId = "CS0806", Error;
    ImportUnmapped = "CS0807", Warning;
    ImportTypedCell = "CS0808", Warning;
    ImportHidden = "CS0809", Warning;
    ImportMerged = "CS0810", Warning;
    ImportIdChanged = "CS0811", Warning;
    ImportLossy = "CS0812", Error;
    ImportAmbiguous = "CS0813", Error;
    ImportNoValue = "CS0814", Error;
    ImportTableLeft = "CS0815", Warning;
    FillNotFound = "CS0901", Error;
    FillMoved = "CS0902", Warning;
    FillNoChoice = "CS0903", Warning;
    FillLocked = "CS0904", Warning;
    FillFormula = "CS0905", Warning;
    FillTextNowhere = "CS0906", Warning;
    FillVendorField = "CS0907", Warning;
    FillSameCell = "CS0908", Error;
    FillNoStatus = "CS0909", Warning;
    FillUnknownQuestion = "CS0910", Warning;
    FillLanguage = "CS0911", Warning;
    FillCellHeld = "CS0912", Warning;
}

/// A place a diagnostic points at, with a short label.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Span,
    pub message: Message,
}

/// One problem found in a run.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Message,
    /// The main place; `None` for problems that belong to no file.
    pub primary: Option<Label>,
    /// Other places worth showing (e.g. the first of two duplicates).
    pub secondary: Vec<Label>,
    /// What would be right.
    pub help: Option<Message>,
}

impl Diagnostic {
    pub fn new(code: Code, message: Message) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message,
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span, label: Message) -> Self {
        self.primary = Some(Label {
            span,
            message: label,
        });
        self
    }

    pub fn also(mut self, span: Span, label: Message) -> Self {
        self.secondary.push(Label {
            span,
            message: label,
        });
        self
    }

    /// Overrides the code's default severity (project policies raise or lower it).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn help(mut self, help: Message) -> Self {
        self.help = Some(help);
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
pub fn did_you_mean_help(given: &str, suggestion: &str) -> Message {
    match folded_characters(given) {
        Some(chars) => msg!(
            "help-did-you-mean-folded",
            suggestion = suggestion,
            given = given
                .chars()
                .map(|c| {
                    let own = c.to_string();
                    if fold(&own).is_empty() || c.is_control() {
                        c.escape_unicode().to_string()
                    } else {
                        own
                    }
                })
                .collect::<String>(),
            chars = chars,
        ),
        None => msg!("help-did-you-mean", suggestion = suggestion),
    }
}

/// The characters of `text` that [`fold`] changes, each as `` `Ⅲ` (U+2162) `` with what
/// it reads as; `None` when folding changes nothing.
pub fn folded_characters(text: &str) -> Option<Message> {
    if fold(text) == text {
        return None;
    }
    let mut seen = Vec::new();
    let described: Vec<Message> = text
        .chars()
        .filter(|c| {
            let own = c.to_string();
            fold(&own) != own.as_str() && !seen.contains(c) && {
                seen.push(*c);
                true
            }
        })
        .map(|c| match fold(&c.to_string()).as_ref() {
            "" => msg!("char-invisible", code = format!("{:04X}", c as u32)),
            as_ascii => msg!(
                "char-read-as",
                char = c,
                code = format!("{:04X}", c as u32),
                read_as = as_ascii
            ),
        })
        .collect();
    Some(msg!("list", items = crate::i18n::Arg::List(described)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use strum::VariantArray;

    #[test]
    fn suggestions_compare_full_width_and_compatibility_characters_folded() {
        let ids = ["II.1.1.1", "II.1.1.2", "III.1.1.1", "I.1.1.1"];
        assert_eq!(did_you_mean("Ⅲ.1.1.1", ids), Some("III.1.1.1"));
        assert_eq!(did_you_mean("Ⅱ.1.1.2", ids), Some("II.1.1.2"));
        assert_eq!(did_you_mean("II.１.１.２", ids), Some("II.1.1.2"));
        assert_eq!(did_you_mean("II.1.1.1\u{200b}", ids), Some("II.1.1.1"));
        assert_eq!(
            folded_characters("Ⅲ.１.1.1")
                .map(|m| m.text(crate::i18n::Lang::En))
                .as_deref(),
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
            for lang in crate::i18n::Lang::VARIANTS.iter().copied() {
                assert!(!code.description().text(lang).is_empty());
            }
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
