//! Label maps: the choices a customer's questionnaire offers (はい / いいえ / 該当なし,
//! ○ / × / △, Yes / No / N/A …) and the statuses they mean.
//!
//! A catalog imported from a workbook records its own label map (`questionnaire.labels`);
//! the built-in sets here are what import starts from, and what `fill` falls back on for a
//! catalog written by hand. Also the fingerprint of a table's questions, which tells
//! `fill` at a glance whether a workbook still holds the questions import read.

use crate::model::Status;

/// One built-in label set: its labels in the order written back (the first label of a
/// status is the one `fill` writes when a cell offers several).
pub struct LabelSet {
    /// A short name for messages (`はい/いいえ`).
    pub name: &'static str,
    pub labels: &'static [(&'static str, Status)],
}

use Status::{Implemented, NotApplicable, NotImplemented, Partial, Planned};

/// The label sets questionnaires use, most common first. Sources: the choice lists of
/// public Japanese 委託先チェックシート (はい/いいえ/該当なし, ○/×/△), the status labels
/// checksheet's own layouts print (実施済 …), and CSA CAIQ v4 / HECVAT (Yes/No/NA).
pub const BUILT_IN: &[LabelSet] = &[
    LabelSet {
        name: "はい/いいえ/該当なし",
        labels: &[
            ("はい", Implemented),
            ("いいえ", NotImplemented),
            ("該当なし", NotApplicable),
            ("一部", Partial),
            ("一部実施", Partial),
            ("予定", Planned),
            ("実施予定", Planned),
            ("対象外", NotApplicable),
            ("非該当", NotApplicable),
        ],
    },
    LabelSet {
        name: "○/×/△",
        labels: &[
            ("○", Implemented),
            ("×", NotImplemented),
            ("△", Partial),
            ("－", NotApplicable),
            ("◯", Implemented),
            ("〇", Implemented),
            ("-", NotApplicable),
            ("ー", NotApplicable),
            ("―", NotApplicable),
        ],
    },
    LabelSet {
        name: "実施済/未実施/対象外",
        labels: &[
            ("実施済", Implemented),
            ("未実施", NotImplemented),
            ("一部実施", Partial),
            ("実施予定", Planned),
            ("対象外", NotApplicable),
            ("実施済み", Implemented),
            ("実施", Implemented),
            ("該当なし", NotApplicable),
        ],
    },
    LabelSet {
        name: "Yes/No/N/A",
        labels: &[
            ("Yes", Implemented),
            ("No", NotImplemented),
            ("N/A", NotApplicable),
            ("Partial", Partial),
            ("Planned", Planned),
            ("NA", NotApplicable),
            ("Not Applicable", NotApplicable),
            ("Partially", Partial),
        ],
    },
];

/// A label folded for comparison: full-width ASCII made half-width, spaces (full-width
/// ones too) removed, ASCII lower-cased. `ｙｅｓ `, `YES` and `y e s` are `yes`.
pub fn fold(label: &str) -> String {
    label
        .chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The status a label means in the built-in sets (folded comparison), if any.
pub fn built_in_status(label: &str) -> Option<Status> {
    let folded = fold(label);
    BUILT_IN
        .iter()
        .flat_map(|set| set.labels.iter())
        .find(|(l, _)| fold(l) == folded)
        .map(|(_, s)| *s)
}

/// FNV-1a (64-bit) over each text followed by `\n`, as 16 lowercase hex digits: the
/// `fingerprint` of a questionnaire table. Not a security measure: it only tells whether
/// the question texts are the ones import read, in the same order.
pub fn fingerprint<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for text in texts {
        for byte in text.bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_offers_a_label_for_implemented_and_not_implemented_first() {
        for set in BUILT_IN {
            assert_eq!(set.labels[0].1, Implemented, "{}", set.name);
            assert_eq!(set.labels[1].1, NotImplemented, "{}", set.name);
        }
    }

    #[test]
    fn labels_are_found_across_widths_and_case() {
        assert_eq!(built_in_status("ｙｅｓ"), Some(Implemented));
        assert_eq!(built_in_status(" NO "), Some(NotImplemented));
        assert_eq!(built_in_status("n/a"), Some(NotApplicable));
        assert_eq!(built_in_status("該当なし"), Some(NotApplicable));
        assert_eq!(built_in_status("△"), Some(Partial));
        assert_eq!(built_in_status("Not　Applicable"), Some(NotApplicable));
        assert_eq!(fold(" Ｙ e S "), "yes");
        assert_eq!(built_in_status("たぶん"), None);
    }

    #[test]
    fn fingerprints_are_fnv1a_of_each_text_and_a_line_break() {
        // FNV-1a 64 of the empty input is its offset basis.
        assert_eq!(fingerprint([]), "cbf29ce484222325");
        // FNV-1a 64 of "a\n" (reference value computed by the published algorithm).
        assert_eq!(fingerprint(["a"]), fnv_reference(b"a\n"));
        assert_ne!(fingerprint(["ab", "c"]), fingerprint(["a", "bc"]));
        assert_ne!(fingerprint(["a", "b"]), fingerprint(["b", "a"]));
    }

    fn fnv_reference(bytes: &[u8]) -> String {
        let mut h: u64 = 14_695_981_039_346_656_037;
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(1_099_511_628_211);
        }
        format!("{h:016x}")
    }
}
