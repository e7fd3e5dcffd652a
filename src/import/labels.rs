//! The label map of one import: the choices a questionnaire offers in its choice column (はい / いいえ,
//! ○ / ×, Yes / No …) and the status each stands for. The built-in label sets are known;
//! a questionnaire's own choices (its dropdown lists) are matched against them, or given
//! the meaning their words suggest, and recorded in the catalog where they can be edited.

use strum::VariantArray;

use crate::model::Status;

/// A label folded for comparison, as the label map is everywhere ([`crate::labels::fold`]).
fn key(label: &str) -> String {
    crate::labels::fold(label)
}

/// The status of a built-in label ([`crate::labels::BUILT_IN`]) or of a status key
/// (`implemented`).
pub fn built_in(label: &str) -> Option<Status> {
    crate::labels::built_in_status(label).or_else(|| {
        Status::VARIANTS
            .iter()
            .copied()
            .find(|s| s.key() == label.trim())
    })
}

/// The status a questionnaire's own choice suggests (`Valid`, `Not Started`, `対応済`), when
/// its words say one.
pub fn guess(label: &str) -> Option<Status> {
    if let Some(s) = built_in(label) {
        return Some(s);
    }
    let k = key(label);
    let lower = label.to_lowercase();
    let english: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // English words whole (`no` is not in `option`), other words anywhere.
    let has = |words: &[&str]| {
        words.iter().any(|w| {
            if w.is_ascii() && w.chars().all(|c| c.is_ascii_alphanumeric()) {
                english.contains(w)
            } else {
                k.contains(w)
            }
        })
    };
    if k.contains("notapplicable") || has(&["n/a", "対象外", "該当なし", "該当しない", "非該当"])
    {
        Some(Status::NotApplicable)
    } else if has(&["partial", "一部", "部分"]) {
        Some(Status::Partial)
    } else if has(&["plan", "planned", "予定", "検討中", "progress", "対応中"]) {
        Some(Status::Planned)
    } else if has(&[
        "no",
        "not",
        "non",
        "fail",
        "failed",
        "issue",
        "issues",
        "未",
        "いいえ",
        "なし",
        "無",
        "×",
        "不",
    ]) {
        Some(Status::NotImplemented)
    } else if has(&[
        "yes",
        "valid",
        "pass",
        "passed",
        "done",
        "implemented",
        "compliant",
        "済",
        "はい",
        "あり",
        "有",
        "○",
        "〇",
        "適合",
    ]) {
        Some(Status::Implemented)
    } else {
        None
    }
}

/// The labels one import uses: the questionnaire's own (from its dropdowns) and the
/// built-in ones found in its cells, in the order first met.
#[derive(Clone, Debug, Default)]
pub struct LabelMap {
    pub labels: Vec<(String, Status)>,
    /// Choices of a dropdown whose meaning could not be told (reported).
    pub unknown: Vec<String>,
}

impl LabelMap {
    /// Adds a dropdown's choices: each gets the status its words suggest.
    pub fn add_choices(&mut self, choices: &[String]) {
        for choice in choices {
            if self.get(choice).is_some() || self.unknown.contains(choice) {
                continue;
            }
            match guess(choice) {
                Some(s) => self.labels.push((choice.clone(), s)),
                None => self.unknown.push(choice.clone()),
            }
        }
    }

    pub fn get(&self, label: &str) -> Option<Status> {
        let k = key(label);
        self.labels
            .iter()
            .find(|(l, _)| key(l) == k)
            .map(|(_, s)| *s)
    }

    /// The status of a choice cell: empty is none; a label of this map or a built-in one
    /// (then recorded); else `Err` with the labels known.
    pub fn status(&mut self, text: &str) -> Result<Option<Status>, crate::i18n::Message> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if let Some(s) = self.get(text) {
            return Ok(Some(s));
        }
        if let Some(s) = built_in(text) {
            self.labels.push((text.to_owned(), s));
            return Ok(Some(s));
        }
        let mut known: Vec<&str> = self.labels.iter().map(|(l, _)| l.as_str()).collect();
        for set in crate::labels::BUILT_IN {
            for (l, _) in set.labels {
                if !known.contains(l) {
                    known.push(l);
                }
            }
        }
        Err(crate::msg!(
            "import-known-labels-or-empty",
            value = known.join(", ")
        ))
    }
}

pub use crate::labels::fingerprint;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_sets() {
        assert_eq!(built_in("はい"), Some(Status::Implemented));
        assert_eq!(built_in("ｙｅｓ"), Some(Status::Implemented));
        assert_eq!(built_in("n/a"), Some(Status::NotApplicable));
        assert_eq!(built_in("△"), Some(Status::Partial));
        assert_eq!(built_in("not-applicable"), Some(Status::NotApplicable));
        assert_eq!(built_in("たぶん"), None);
    }

    #[test]
    fn own_choices_get_a_meaning() {
        assert_eq!(guess("Valid"), Some(Status::Implemented));
        assert_eq!(guess("Non-valid"), Some(Status::NotImplemented));
        assert_eq!(guess("Not Applicable"), Some(Status::NotApplicable));
        assert_eq!(guess("対応予定"), Some(Status::Planned));
        assert_eq!(guess("Select an option"), None);
        let mut map = LabelMap::default();
        map.add_choices(&["Valid".into(), "Select".into()]);
        assert_eq!(map.status("valid"), Ok(Some(Status::Implemented)));
        assert_eq!(map.unknown, vec!["Select".to_owned()]);
        assert!(
            map.status("たぶん")
                .unwrap_err()
                .text(crate::i18n::Lang::En)
                .contains("Valid")
        );
    }
}
