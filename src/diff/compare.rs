//! Comparing two answer sets per (catalog, control ID), in catalog order, and the
//! character-level text diff their renderings show.
//!
//! Only what an answer says counts: a control moved to another file with the same answer
//! is no change, and neither is a switch between the short and the long form.

use indexmap::IndexMap;
use serde::Serialize;
use similar::{Algorithm, DiffTag, TextDiff};

use crate::model::{AnswerBody, Status};

/// A catalog as a diff shows it: its title and its controls in order.
#[derive(Clone, Debug)]
pub struct CatalogInfo {
    pub id: String,
    pub title: String,
    /// Control ID and a short title (the control's title, or the start of its text).
    pub controls: Vec<(String, String)>,
}

/// Where an answer is written, as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
}

/// One control's answer on one side.
#[derive(Clone, Debug)]
pub struct Entry {
    pub status: Option<Status>,
    pub body: Option<AnswerBody>,
    pub links: Vec<String>,
    pub evidence: Vec<String>,
    pub reviewed: Option<String>,
    pub note: Option<String>,
    pub location: Option<Location>,
}

/// One side of a comparison: validated answers per catalog, keyed by control ID.
#[derive(Clone, Debug, Default)]
pub struct AnswerSide {
    /// Every catalog the side knows, in the order its workspace has them.
    pub catalogs: IndexMap<String, CatalogInfo>,
    pub answers: IndexMap<String, IndexMap<String, Entry>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

/// The parts of an answer that can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Status,
    Answer,
    Links,
    Evidence,
    Reviewed,
    Note,
}

impl Field {
    /// The field's key in answer files (strum's name of it).
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One control that differs.
#[derive(Clone, Debug)]
pub struct ControlDiff {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub old: Option<Entry>,
    pub new: Option<Entry>,
    /// For a changed control, the fields that differ (in [`Field`] order).
    pub changed: Vec<Field>,
}

/// The controls of one catalog that differ, in catalog order.
#[derive(Clone, Debug)]
pub struct CatalogDiff {
    pub id: String,
    pub title: String,
    pub controls: Vec<ControlDiff>,
}

/// A whole comparison: what was compared and every difference.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub old_label: String,
    pub new_label: String,
    pub catalogs: Vec<CatalogDiff>,
}

/// How many controls were added, removed and changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Counts {
    pub fn total(self) -> usize {
        self.added + self.removed + self.changed
    }
}

impl Comparison {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for control in self.catalogs.iter().flat_map(|c| &c.controls) {
            match control.kind {
                Kind::Added => counts.added += 1,
                Kind::Removed => counts.removed += 1,
                Kind::Changed => counts.changed += 1,
            }
        }
        counts
    }

    pub fn is_empty(&self) -> bool {
        self.catalogs.is_empty()
    }
}

/// Compares two answer sets per (catalog, control ID). Catalogs come in the new side's
/// order, then those only the old side knows; controls in catalog order (the new side's
/// catalog first, then controls only the old side's catalog has).
pub fn compare(old: &AnswerSide, new: &AnswerSide) -> Vec<CatalogDiff> {
    let mut ids: Vec<&str> = Vec::new();
    let candidates = new
        .catalogs
        .keys()
        .chain(old.catalogs.keys())
        .chain(new.answers.keys())
        .chain(old.answers.keys());
    for id in candidates {
        let answered = new.answers.contains_key(id) || old.answers.contains_key(id);
        if answered && !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    let empty = IndexMap::new();
    let mut out = Vec::new();
    for id in ids {
        let (old_answers, new_answers) = (
            old.answers.get(id).unwrap_or(&empty),
            new.answers.get(id).unwrap_or(&empty),
        );
        let info = new.catalogs.get(id).or_else(|| old.catalogs.get(id));
        let mut order: Vec<(&str, &str)> = Vec::new();
        let infos = [new.catalogs.get(id), old.catalogs.get(id)];
        for info in infos.into_iter().flatten() {
            for (control, title) in &info.controls {
                if !order.iter().any(|(c, _)| c == control) {
                    order.push((control, title));
                }
            }
        }
        // Answers are validated against their catalog, so this only matters if a side's
        // catalog is missing: keep such answers, in file order, rather than drop them.
        for control in new_answers.keys().chain(old_answers.keys()) {
            if !order.iter().any(|(c, _)| c == control) {
                order.push((control, ""));
            }
        }
        let mut controls = Vec::new();
        for (control, title) in order {
            let (o, n) = (old_answers.get(control), new_answers.get(control));
            let (kind, changed) = match (o, n) {
                (None, None) => continue,
                (None, Some(_)) => (Kind::Added, Vec::new()),
                (Some(_), None) => (Kind::Removed, Vec::new()),
                (Some(o), Some(n)) => {
                    let changed = changed_fields(o, n);
                    if changed.is_empty() {
                        continue;
                    }
                    (Kind::Changed, changed)
                }
            };
            controls.push(ControlDiff {
                id: control.to_owned(),
                title: title.to_owned(),
                kind,
                old: o.cloned(),
                new: n.cloned(),
                changed,
            });
        }
        if !controls.is_empty() {
            out.push(CatalogDiff {
                id: id.to_owned(),
                title: info.map(|i| i.title.clone()).unwrap_or_default(),
                controls,
            });
        }
    }
    out
}

fn changed_fields(old: &Entry, new: &Entry) -> Vec<Field> {
    let mut changed = Vec::new();
    if old.status != new.status {
        changed.push(Field::Status);
    }
    if old.body != new.body {
        changed.push(Field::Answer);
    }
    if old.links != new.links {
        changed.push(Field::Links);
    }
    if old.evidence != new.evidence {
        changed.push(Field::Evidence);
    }
    if old.reviewed != new.reviewed {
        changed.push(Field::Reviewed);
    }
    if old.note != new.note {
        changed.push(Field::Note);
    }
    changed
}

/// The text of an answer as a diff shows it: a list answer is one `- item` line per item,
/// so switching between a text and a list shows as a change.
pub fn body_text(body: &AnswerBody) -> String {
    match body {
        AnswerBody::Text(text) => text.to_string(),
        AnswerBody::Items(items) => items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of text that is the same on both sides, deleted, or inserted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// Above this many character pairs (old × new) a changed passage is shown as deleted and
/// inserted whole instead of diffed character by character.
const CHAR_DIFF_BUDGET: usize = 4_000_000;

#[derive(Debug)]
enum Chunk {
    Equal(String),
    Change { delete: String, insert: String },
}

/// A character-level diff, for languages without spaces between words. Lines are
/// matched first, then each changed passage is compared character by character, and
/// short coincidental matches inside a rewritten passage are folded into the change so
/// a rewrite reads as one deletion and one insertion instead of scattered characters.
pub fn char_diff(old: &str, new: &str) -> Vec<Segment> {
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(old, new);
    let (old_lines, new_lines) = (lines.old_slices(), lines.new_slices());
    let mut chunks = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    for op in lines.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            diff_passage(&deleted, &inserted, &mut chunks);
            deleted.clear();
            inserted.clear();
            push_equal(&mut chunks, &old_lines[o].concat());
        } else {
            deleted.push_str(&old_lines[o].concat());
            inserted.push_str(&new_lines[n].concat());
        }
    }
    diff_passage(&deleted, &inserted, &mut chunks);
    fold_coincidences(&mut chunks);
    let mut segments = Vec::new();
    for chunk in chunks {
        match chunk {
            Chunk::Equal(text) => segments.push(Segment {
                op: Op::Equal,
                text,
            }),
            Chunk::Change { delete, insert } => {
                if !delete.is_empty() {
                    segments.push(Segment {
                        op: Op::Delete,
                        text: delete,
                    });
                }
                if !insert.is_empty() {
                    segments.push(Segment {
                        op: Op::Insert,
                        text: insert,
                    });
                }
            }
        }
    }
    segments
}

fn diff_passage(old: &str, new: &str, chunks: &mut Vec<Chunk>) {
    if old.is_empty() || new.is_empty() {
        push_change(chunks, old, new);
        return;
    }
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    if a.len().saturating_mul(b.len()) > CHAR_DIFF_BUDGET {
        push_change(chunks, old, new);
        return;
    }
    let text = |chars: &[char]| chars.iter().collect::<String>();
    for op in similar::capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push_equal(chunks, &text(&a[o])),
            DiffTag::Delete => push_change(chunks, &text(&a[o]), ""),
            DiffTag::Insert => push_change(chunks, "", &text(&b[n])),
            DiffTag::Replace => push_change(chunks, &text(&a[o]), &text(&b[n])),
        }
    }
}

fn push_equal(chunks: &mut Vec<Chunk>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Chunk::Equal(last)) = chunks.last_mut() {
        last.push_str(text);
    } else {
        chunks.push(Chunk::Equal(text.to_owned()));
    }
}

fn push_change(chunks: &mut Vec<Chunk>, deleted: &str, inserted: &str) {
    if deleted.is_empty() && inserted.is_empty() {
        return;
    }
    if let Some(Chunk::Change { delete, insert }) = chunks.last_mut() {
        delete.push_str(deleted);
        insert.push_str(inserted);
    } else {
        chunks.push(Chunk::Change {
            delete: deleted.to_owned(),
            insert: inserted.to_owned(),
        });
    }
}

/// Folds an unchanged run between two changes into them when it is no longer than the
/// larger side of the change on either hand (the rule of diff-match-patch's semantic
/// cleanup): `[-当社-]IS[-MS-]{+O+}` becomes `[-当社ISMS-]{+ISO+}`.
fn fold_coincidences(chunks: &mut Vec<Chunk>) {
    let len = |s: &str| s.chars().count();
    loop {
        let mut folded = false;
        let mut i = 1;
        while i + 1 < chunks.len() {
            let fold = match (&chunks[i - 1], &chunks[i], &chunks[i + 1]) {
                (
                    Chunk::Change {
                        delete: d1,
                        insert: i1,
                    },
                    Chunk::Equal(same),
                    Chunk::Change {
                        delete: d2,
                        insert: i2,
                    },
                ) => {
                    let n = len(same);
                    (n <= len(d1).max(len(i1)) && n <= len(d2).max(len(i2)))
                        .then(|| (d1.clone() + same + d2, i1.clone() + same + i2))
                }
                _ => None,
            };
            match fold {
                Some((delete, insert)) => {
                    chunks.splice(i - 1..=i + 1, [Chunk::Change { delete, insert }]);
                    folded = true;
                }
                None => i += 1,
            }
        }
        if !folded {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(old: &str, new: &str) -> String {
        char_diff(old, new)
            .into_iter()
            .map(|s| match s.op {
                Op::Equal => s.text,
                Op::Delete => format!("[-{}-]", s.text),
                Op::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn japanese_changes_are_found_per_character() {
        assert_eq!(
            marked(
                "方針を制定し公開しています。",
                "方針を策定し公開しています。"
            ),
            "方針を[-制-]{+策+}定し公開しています。"
        );
        assert_eq!(
            marked("実施しています。", "一部実施しています。"),
            "{+一部+}実施しています。"
        );
        assert_eq!(marked("同じ", "同じ"), "同じ");
        assert_eq!(marked("", "新規"), "{+新規+}");
        assert_eq!(marked("削除", ""), "[-削除-]");
    }

    #[test]
    fn a_rewrite_reads_as_one_deletion_and_one_insertion() {
        assert_eq!(
            marked("当社ISMSに基づき実施", "ISO27001に準拠し実施"),
            "[-当社ISMSに基づき-]{+ISO27001に準拠し+}実施"
        );
    }

    #[test]
    fn unchanged_lines_stay_apart_from_changed_ones() {
        assert_eq!(
            marked("一行目\n二行目\n三行目", "一行目\n二行目です\n三行目"),
            "一行目\n二行目{+です+}\n三行目"
        );
        assert_eq!(
            marked("一行目二行目", "一行目\n二行目"),
            "一行目{+\n+}二行目"
        );
    }

    #[test]
    fn huge_passages_are_replaced_whole() {
        let old = "あ".repeat(3000);
        let new = "い".repeat(3000);
        let segments = char_diff(&old, &new);
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].op, Op::Delete);
        assert_eq!(segments[1].op, Op::Insert);
    }

    #[test]
    fn list_answers_show_as_lines() {
        let body = AnswerBody::Items(vec!["一".into(), "二".into()]);
        assert_eq!(body_text(&body), "- 一\n- 二");
    }
}
