//! Finding a questionnaire's table in a workbook of unknown layout: which row is the header
//! and which columns hold the ID, the title, the question, the answer, the status and notes,
//! from the header names questionnaires use (番号 / 項番 / No. / 質問 / 確認内容 / 回答 /
//! 実施内容 / 公開回答 …). Columns the user names win over detected ones.

use super::workbook::{Sheet, column_name};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Id,
    Title,
    Question,
    Answer,
    Status,
    Note,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Id,
        Role::Title,
        Role::Question,
        Role::Answer,
        Role::Status,
        Role::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Id => "ID",
            Role::Title => "title",
            Role::Question => "question",
            Role::Answer => "answer",
            Role::Status => "status",
            Role::Note => "note",
        }
    }

    /// The command-line option that names this column.
    pub fn option(self) -> &'static str {
        match self {
            Role::Id => "--id-col",
            Role::Title => "--title-col",
            Role::Question => "--question-col",
            Role::Answer => "--answer-col",
            Role::Status => "--status-col",
            Role::Note => "--note-col",
        }
    }
}

/// The columns (0-based) of each role in one table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub id: Option<u32>,
    pub title: Option<u32>,
    pub question: Option<u32>,
    pub answer: Option<u32>,
    pub status: Option<u32>,
    pub note: Option<u32>,
}

impl Columns {
    pub fn get(&self, role: Role) -> Option<u32> {
        match role {
            Role::Id => self.id,
            Role::Title => self.title,
            Role::Question => self.question,
            Role::Answer => self.answer,
            Role::Status => self.status,
            Role::Note => self.note,
        }
    }

    fn slot(&mut self, role: Role) -> &mut Option<u32> {
        match role {
            Role::Id => &mut self.id,
            Role::Title => &mut self.title,
            Role::Question => &mut self.question,
            Role::Answer => &mut self.answer,
            Role::Status => &mut self.status,
            Role::Note => &mut self.note,
        }
    }

    /// These columns, with every column `given` names replacing the detected one (a column
    /// given for one role is taken away from any other role it was detected for).
    pub fn with(mut self, given: &Columns) -> Columns {
        for role in Role::ALL {
            if let Some(col) = given.get(role) {
                for other in Role::ALL {
                    if other != role && self.get(other) == Some(col) && given.get(other).is_none() {
                        *self.slot(other) = None;
                    }
                }
                *self.slot(role) = Some(col);
            }
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        Role::ALL.iter().all(|r| self.get(*r).is_none())
    }

    /// Enough to read a table: an answer column and a question or title column.
    pub fn is_table(&self) -> bool {
        self.answer.is_some() && (self.question.is_some() || self.title.is_some())
    }

    /// Every mapped column.
    pub fn mapped(&self) -> Vec<u32> {
        Role::ALL.iter().filter_map(|r| self.get(*r)).collect()
    }

    /// `ID = A (No.), question = C (質問), answer = E (回答)`.
    pub fn describe(&self, sheet: &Sheet, header: Option<u32>) -> String {
        Role::ALL
            .iter()
            .filter_map(|role| {
                let col = self.get(*role)?;
                let name = header
                    .map(|r| sheet.text(r, col).trim().replace('\n', " "))
                    .filter(|t| !t.is_empty())
                    .map_or(String::new(), |t| format!(" ({t})"));
                Some(format!("{} = {}{name}", role.name(), column_name(col)))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Header text folded for matching: full-width ASCII made half-width, spaces removed,
/// ASCII lowercased.
fn fold(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// Longest header text considered (longer cells are questions, not headers).
const MAX_HEADER_CHARS: usize = 30;

/// The role a header name suggests.
pub fn classify(header: &str) -> Option<Role> {
    let n = fold(header);
    if n.is_empty() || n.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    // A sentence (a question or an answer) is not a header name.
    if n.ends_with(['。', '？', '?', '！', '!']) {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    let is = |words: &[&str]| words.iter().any(|w| n == *w);
    if has(&["備考", "補足", "コメント", "メモ", "remarks", "note"]) {
        return Some(Role::Note);
    }
    if is(&[
        "状況",
        "実施状況",
        "対応状況",
        "対策状況",
        "ステータス",
        "status",
    ]) {
        return Some(Role::Status);
    }
    if is(&[
        "no", "no.", "#", "id", "番号", "項番", "通番", "項", "number", "ref", "ref.",
    ]) || n.ends_with("番号")
        || n.ends_with("no.")
        || n.ends_with("番")
    {
        return Some(Role::Id);
    }
    if has(&[
        "回答",
        "実施内容",
        "対応内容",
        "取組内容",
        "取り組み内容",
        "answer",
        "response",
    ]) {
        return Some(Role::Answer);
    }
    if has(&[
        "質問",
        "確認内容",
        "確認事項",
        "設問",
        "対策内容",
        "要求事項",
        "対策要件",
        "チェック項目",
        "評価項目",
        "要件",
        "question",
        "内容",
    ]) {
        return Some(Role::Question);
    }
    if has(&[
        "項目",
        "分類",
        "カテゴリ",
        "タイトル",
        "title",
        "category",
        "topic",
    ]) {
        return Some(Role::Title);
    }
    None
}

/// The columns a row names, when it reads as a header row. A row with two title-like
/// columns and no ID column (`項目 | 対策項目 | …`) numbers its items in the first.
pub fn detect(sheet: &Sheet, row: u32) -> Columns {
    let mut cols = Columns::default();
    let mut titles = Vec::new();
    for (col, cell) in sheet.row_cells(row) {
        if cell.is_typed() {
            continue;
        }
        let Some(role) = classify(&cell.text) else {
            continue;
        };
        if role == Role::Title {
            titles.push(col);
        }
        let slot = cols.slot(role);
        if slot.is_none() {
            *slot = Some(col);
        }
    }
    if cols.id.is_none() && titles.len() >= 2 {
        cols.id = Some(titles[0]);
        cols.title = Some(titles[1]);
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_questionnaires_use() {
        for (text, role) in [
            ("番号", Role::Id),
            ("項番", Role::Id),
            ("No.", Role::Id),
            ("Ｎｏ．", Role::Id),
            ("質問番号", Role::Id),
            ("質問", Role::Question),
            ("確認内容", Role::Question),
            ("対策内容", Role::Question),
            ("回答", Role::Answer),
            ("サンプル 実施内容", Role::Answer),
            ("公開回答", Role::Answer),
            ("貴社回答\n(記述)", Role::Answer),
            ("状況", Role::Status),
            ("備考", Role::Note),
            ("項目", Role::Title),
            ("対策項目", Role::Title),
        ] {
            assert_eq!(classify(text), Some(role), "{text}");
        }
        assert_eq!(
            classify("情報セキュリティに関する方針を定め、回答していますか。これは長い質問です。"),
            None
        );
        assert_eq!(classify("ISMS 管理策"), None);
        assert_eq!(classify("回答です。"), None);
        assert_eq!(classify("質問はありますか？"), None);
    }

    #[test]
    fn given_columns_replace_detected_ones() {
        let detected = Columns {
            id: Some(0),
            question: Some(2),
            answer: Some(3),
            ..Columns::default()
        };
        let given = Columns {
            answer: Some(2),
            ..Columns::default()
        };
        let merged = detected.with(&given);
        assert_eq!(merged.answer, Some(2));
        assert_eq!(merged.question, None);
        assert_eq!(merged.id, Some(0));
    }
}
