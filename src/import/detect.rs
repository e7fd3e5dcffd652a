//! Finding a questionnaire's tables in a workbook of unknown layout, by meaning.
//!
//! Every non-empty row of every chosen sheet whose cells name at least two roles, one of
//! them a place to answer (or three, an ID and a question among them), is a candidate
//! header row (`No. | 分類 | 確認項目 | 回答 | 補足説明 |
//! 証跡`, `Question ID | Question | Answer | Comments`, or `Answer | Additional
//! Information` alone); its table runs to the next candidate on the sheet. The header
//! words say which column is which, and what is below them confirms or completes it: an
//! ID column holds short distinct values, a question column long sentences (many ending in
//! `か。` / `？` / `?`), a choice column short repeated values or a dropdown list. A column the
//! header leaves unnamed is found from its content (a category name above a table of
//! `DOCU-01` IDs and their questions).
//!
//! Each candidate gets a score; the ones that fail the checks (no ID column of distinct
//! short values, no question column of sentences, no item, answer cells that are formulas)
//! are never imported, and a list without a place to answer only when no table has one.
//! The best candidate and the others shaped like it are imported, one
//! table after another; a candidate that holds the same questions as a better one (an
//! analyst's or scoring sheet, a copy) is left out, and when two such candidates score
//! alike there is no clear choice: the import is refused and the candidates are listed
//! with the options that select each. Columns the user names win over detected ones.

use std::collections::HashSet;

use super::workbook::{Sheet, Workbook, column_name};

/// What a column of a questionnaire holds, in the order columns are listed. Its names
/// (`ID`, `category`, …) are strum's; [`strum::VariantArray::VARIANTS`] lists them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Role {
    #[strum(serialize = "ID")]
    Id,
    Category,
    Title,
    Question,
    Choice,
    Answer,
    Evidence,
    Note,
}

impl Role {
    /// Every role, in the order columns are listed.
    pub const ALL: &'static [Role] = <Role as strum::VariantArray>::VARIANTS;

    /// What the column holds, in the run's language (`ID`, `question` / `質問` …).
    pub fn message(self) -> crate::i18n::Message {
        crate::msg!("import-role", role = self.name())
    }

    /// The role's name (`ID`, `question`, …).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The command-line option that names this column.
    pub fn option(self) -> &'static str {
        match self {
            Role::Id => "--id-col",
            Role::Title => "--title-col",
            Role::Category => "--category-col",
            Role::Question => "--question-col",
            Role::Choice => "--choice-col",
            Role::Answer => "--answer-col",
            Role::Evidence => "--evidence-col",
            Role::Note => "--note-col",
        }
    }
}

/// The columns (0-based) of each role in one table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub id: Option<u32>,
    pub title: Option<u32>,
    pub category: Option<u32>,
    pub question: Option<u32>,
    /// Short choices (はい / いいえ, Yes / No, ○ / ×): the answer's status.
    pub choice: Option<u32>,
    /// Free text: the answer's text.
    pub answer: Option<u32>,
    pub evidence: Option<u32>,
    /// Remarks kept as the answer's internal note (a second text column, 備考).
    pub note: Option<u32>,
}

impl Columns {
    pub fn get(&self, role: Role) -> Option<u32> {
        match role {
            Role::Id => self.id,
            Role::Title => self.title,
            Role::Category => self.category,
            Role::Question => self.question,
            Role::Choice => self.choice,
            Role::Answer => self.answer,
            Role::Evidence => self.evidence,
            Role::Note => self.note,
        }
    }

    fn slot(&mut self, role: Role) -> &mut Option<u32> {
        match role {
            Role::Id => &mut self.id,
            Role::Title => &mut self.title,
            Role::Category => &mut self.category,
            Role::Question => &mut self.question,
            Role::Choice => &mut self.choice,
            Role::Answer => &mut self.answer,
            Role::Evidence => &mut self.evidence,
            Role::Note => &mut self.note,
        }
    }

    /// These columns, with every column `given` names replacing the detected one (a column
    /// given for one role is taken away from any other role it was detected for).
    pub fn with(mut self, given: &Columns) -> Columns {
        for &role in Role::ALL {
            if let Some(col) = given.get(role) {
                for &other in Role::ALL {
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

    /// Somewhere to answer: a choice or an answer column.
    pub fn answers(&self) -> bool {
        self.choice.is_some() || self.answer.is_some()
    }

    /// Enough to read a table: an ID, a place to answer and a question or title column.
    pub fn is_table(&self) -> bool {
        self.id.is_some() && self.answers() && (self.question.is_some() || self.title.is_some())
    }

    /// Every mapped column.
    pub fn mapped(&self) -> Vec<u32> {
        Role::ALL.iter().filter_map(|r| self.get(*r)).collect()
    }

    /// `ID = A (No.), question = C (質問), answer = E (回答)`.
    pub fn describe(&self, sheet: &Sheet, header: Option<u32>) -> crate::i18n::Message {
        let columns = Role::ALL
            .iter()
            .filter_map(|role| {
                let col = self.get(*role)?;
                let name = header
                    .map(|r| sheet.text(r, col).trim().replace('\n', " "))
                    .filter(|t| !t.is_empty())
                    .map_or(String::new(), |t| {
                        let t: String = t.chars().take(30).collect();
                        format!(" ({t})")
                    });
                Some(crate::msg!(
                    "import-column-role",
                    role = role.message(),
                    column = column_name(col),
                    header = name
                ))
            })
            .collect();
        crate::msg!("list", items = crate::i18n::Arg::List(columns))
    }

    /// The options that select these columns: `--id-col A --question-col C …`.
    pub fn options(&self) -> String {
        Role::ALL
            .iter()
            .filter_map(|role| {
                let col = self.get(*role)?;
                Some(format!("{} {}", role.option(), column_name(col)))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Header text folded for matching: full-width ASCII made half-width, spaces removed,
/// ASCII lowercased.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// Longest header text considered (longer cells are questions, not headers).
const MAX_HEADER_CHARS: usize = 60;

/// What a header name says about its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// A role, with how sure the word is (3 = certain, 1 = weak).
    Role(Role, u8),
    /// `回答` / `Answer` / `Response`: a place to answer; its content says whether choices
    /// or text.
    Reply,
    /// A column for the one who sent the questionnaire (`Analyst Notes`, `評価者`,
    /// `Guidance`, `Score`): never an answer.
    Theirs,
}

/// The header words each kind of column is named with, looked for anywhere in a folded
/// header name (the lists of [`classify`], most telling first).
const HEADER_WORDS: &[&[&str]] = &[
    // theirs
    &[
        "analyst",
        "reviewer",
        "assessor",
        "guidance",
        "score",
        "weight",
        "評価者",
        "確認者",
        "審査",
        "事務局",
        "当社記入",
        "弊社記入",
        "記入例",
        "回答例",
        "internaluse",
        "配点",
        "得点",
    ],
    // evidence
    &[
        "証跡",
        "根拠資料",
        "参考資料",
        "添付資料",
        "エビデンス",
        "evidence",
        "supportingdoc",
        "attachment",
    ],
    // choice
    &[
        "はい/いいえ",
        "はい・いいえ",
        "yes/no",
        "(選択)",
        "選択式",
        "○×",
        "〇×",
        "○/×",
        "〇/×",
        "結果",
        "判定",
        "チェック欄",
        "実施状況",
        "対応状況",
    ],
    // answer
    &[
        "補足",
        "備考",
        "コメント",
        "回答内容",
        "説明",
        "comment",
        "notes",
        "remark",
        "additional",
        "explanation",
        "description",
        "detail",
        "詳細",
        "具体的",
        "実施内容",
        "対応内容",
        "取組内容",
        "取り組み内容",
        "記述",
        "自由記入",
        "note",
    ],
    // reply
    &["回答", "answer", "response", "reply", "ご回答"],
    // question
    &[
        "質問",
        "確認項目",
        "確認内容",
        "確認事項",
        "チェック項目",
        "評価項目",
        "要求事項",
        "設問",
        "対策内容",
        "対策要件",
        "question",
        "requirement",
    ],
    // category
    &[
        "分類",
        "大項目",
        "中項目",
        "カテゴリ",
        "区分",
        "領域",
        "category",
        "domain",
        "section",
        "area",
    ],
    // title
    &["項目", "タイトル", "title", "topic", "name"],
    // weak question
    &["要件", "内容", "control", "item", "criteria", "objective"],
];

const THEIRS: usize = 0;
const EVIDENCE: usize = 1;
const CHOICE: usize = 2;
const ANSWER: usize = 3;
const REPLY: usize = 4;
const QUESTION: usize = 5;
const CATEGORY: usize = 6;
const TITLE: usize = 7;
const WEAK_QUESTION: usize = 8;

/// Which lists of [`HEADER_WORDS`] have a word in `folded`, as bits (list `i` is `1 << i`),
/// found in one pass of an Aho-Corasick automaton over every list's words: a workbook's
/// every cell is looked at as a possible header name.
fn header_words(folded: &str) -> u16 {
    static AUTOMATON: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<u16>)> =
        std::sync::LazyLock::new(|| {
            let words: Vec<(&str, u16)> = HEADER_WORDS
                .iter()
                .enumerate()
                .flat_map(|(i, list)| list.iter().map(move |w| (*w, 1u16 << i)))
                .collect();
            let automaton = aho_corasick::AhoCorasick::new(words.iter().map(|(w, _)| w))
                .expect("the header words build an automaton");
            (automaton, words.into_iter().map(|(_, bit)| bit).collect())
        });
    let (automaton, bits) = &*AUTOMATON;
    automaton
        .find_overlapping_iter(folded)
        .fold(0, |found, m| found | bits[m.pattern().as_usize()])
}

/// What a header name suggests.
pub fn classify(header: &str) -> Option<Hint> {
    // Folding keeps every character but whitespace: a long text is no name, unfolded.
    if header.chars().filter(|c| !c.is_whitespace()).count() > MAX_HEADER_CHARS {
        return None;
    }
    let n = fold(header);
    if n.is_empty() || n.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    // A sentence (a question or an answer) is not a header name.
    if n.ends_with(['。', '？', '?', '！', '!']) || n.ends_with("か") {
        return None;
    }
    let found = header_words(&n);
    let has = |list: usize| found & (1 << list) != 0;
    let is = |words: &[&str]| words.iter().any(|w| n == *w);
    if has(THEIRS) {
        return Some(Hint::Theirs);
    }
    if has(EVIDENCE) {
        return Some(Hint::Role(Role::Evidence, 3));
    }
    if is(&[
        "no", "no.", "#", "id", "番号", "項番", "通番", "項", "number", "ref", "ref.", "nº",
    ]) || n.ends_with("番号")
        || n.ends_with("no.")
        || last_word(header) == "id"
        || n.ends_with("番")
        || n.ends_with("ref")
        || n.ends_with("ref.")
        || n.ends_with('#')
        || n.ends_with("number")
    {
        return Some(Hint::Role(Role::Id, 3));
    }
    if is(&[
        "はい・いいえ",
        "はい/いいえ",
        "yes/no",
        "y/n",
        "状況",
        "実施状況",
        "対応状況",
        "対策状況",
        "ステータス",
        "status",
        "○×",
        "〇×",
        "可否",
        "適合",
        "判定",
        "選択",
        "回答(選択)",
        "選択肢",
        "valid",
        "result",
        "結果",
    ]) || has(CHOICE)
    {
        return Some(Hint::Role(Role::Choice, 3));
    }
    if has(ANSWER) {
        return Some(Hint::Role(Role::Answer, 2));
    }
    if has(REPLY) {
        return Some(Hint::Reply);
    }
    if has(QUESTION) {
        return Some(Hint::Role(Role::Question, 3));
    }
    if has(CATEGORY) {
        return Some(Hint::Role(Role::Category, 2));
    }
    if has(TITLE) {
        return Some(Hint::Role(Role::Title, 2));
    }
    if has(WEAK_QUESTION) {
        return Some(Hint::Role(Role::Question, 1));
    }
    None
}

/// The last word of a text, lowercased (`Question ID` → `id`).
fn last_word(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

/// The hints of a row's header cells (text only; numbers and dates are not names).
fn hints(sheet: &Sheet, row: u32) -> Vec<(u32, Hint)> {
    sheet
        .row_cells(row)
        .filter(|(_, c)| !c.is_typed())
        .filter_map(|(col, c)| Some((col, classify(&c.text)?)))
        .collect()
}

/// Whether a row reads as a header row: two roles named, one of them a place to answer or
/// (a list of questions without answers) an ID and a question.
pub fn is_header(sheet: &Sheet, row: u32) -> bool {
    // An item (its first cell an ID with a digit, then a question sentence) is never a
    // header, whatever words its answer holds (`Answer: …`, `詳細は回答欄のとおり`). A
    // header's own labels (`ISO27001`, `Applicable?`) are neither first nor sentences.
    let mut cells = sheet.row_cells(row);
    let numbered = cells.next().is_some_and(|(_, c)| {
        looks_like_id(&c.text)
            && c.text
                .chars()
                .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
    });
    if numbered && cells.any(|(_, c)| asks(&c.text) && c.text.trim().chars().count() >= 10) {
        return false;
    }
    let h = hints(sheet, row);
    let has = |f: &dyn Fn(&Hint) -> bool| h.iter().any(|(_, h)| f(h));
    let answer = has(&|h| {
        matches!(
            h,
            Hint::Reply | Hint::Role(Role::Choice | Role::Answer | Role::Evidence, _)
        )
    });
    let listed = has(&|h| matches!(h, Hint::Role(Role::Id, _)))
        && has(&|h| matches!(h, Hint::Role(Role::Question, _)));
    let named = h.iter().filter(|(_, h)| !matches!(h, Hint::Theirs)).count();
    // A list needs more names than a data row can hold by chance (`No` and `Access
    // Control` as values).
    (named >= 2 && answer) || (named >= 3 && listed)
}

/// What a column holds over a table's rows.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub filled: usize,
    pub distinct: usize,
    pub avg_chars: f64,
    /// Share of values that end like a question (`か。`, `？`, `?`) or start like a request.
    pub asking: f64,
    /// Share of values that look like an ID (`1`, `A-1`, `GNRL-01`, `1.2.3`).
    pub id_like: f64,
    /// Share of values of at most 12 characters (choices).
    pub short: f64,
    /// Rows a dropdown covers.
    pub dropdown: usize,
    /// Rows whose cell is a formula.
    pub formulas: usize,
    /// Rows profiled.
    pub rows: usize,
    /// Values that look like an ID, and how many of them are distinct.
    pub ids: usize,
    pub distinct_ids: usize,
}

impl Profile {
    fn of(sheet: &Sheet, col: u32, rows: &[u32]) -> Profile {
        let mut values: Vec<&str> = Vec::new();
        let mut dropdown = 0;
        let mut formulas = 0;
        for &row in rows {
            if sheet.formulas.contains(&(row, col)) {
                formulas += 1;
            }
            let cell = sheet.cell(row, col);
            let text = if cell.kind == super::workbook::Kind::Error {
                ""
            } else {
                cell.text.trim()
            };
            if sheet.dropdown(row, col).is_some() {
                dropdown += 1;
            }
            if !text.is_empty() {
                values.push(text);
            }
        }
        let filled = values.len();
        let distinct = values.iter().collect::<HashSet<_>>().len();
        let share = |f: &dyn Fn(&str) -> bool| {
            if filled == 0 {
                0.0
            } else {
                values.iter().filter(|v| f(v)).count() as f64 / filled as f64
            }
        };
        Profile {
            filled,
            distinct,
            avg_chars: if filled == 0 {
                0.0
            } else {
                values.iter().map(|v| v.chars().count()).sum::<usize>() as f64 / filled as f64
            },
            asking: share(&|v| asks(v)),
            id_like: share(&|v| looks_like_id(v)),
            short: share(&|v| v.chars().count() <= 12),
            dropdown,
            formulas,
            rows: rows.len(),
            ids: values.iter().filter(|v| looks_like_id(v)).count(),
            distinct_ids: values
                .iter()
                .filter(|v| looks_like_id(v))
                .collect::<HashSet<_>>()
                .len(),
        }
    }

    /// Mostly formulas: a copy of what is written elsewhere, not a place to answer.
    fn is_derived(&self) -> bool {
        self.rows > 0 && self.formulas * 2 > self.rows
    }

    /// Short distinct values (at least half the column; the rest may be section headings
    /// written in it): an ID column.
    fn is_ids(&self) -> bool {
        self.ids >= 2 && self.ids * 2 >= self.filled && self.distinct_ids * 10 >= self.ids * 9
    }

    /// What a column headed `No.` may hold: short values, nearly all distinct (an ID with
    /// a line break or a space is still one, reported when read).
    fn could_be_ids(&self) -> bool {
        self.filled == 0
            || self.is_ids()
            || self.is_numbers()
            || (self.avg_chars <= 24.0 && self.distinct * 10 >= self.filled * 9)
    }

    /// Short numbers that may restart in each section (`1`, `2`, `1`, `2`, `3`).
    fn is_numbers(&self) -> bool {
        self.ids >= 2 && self.ids * 2 >= self.filled
    }

    /// What a column headed `質問` may hold: texts longer than a word, mostly distinct.
    fn could_be_questions(&self) -> bool {
        self.filled >= 1 && self.avg_chars >= 4.0 && self.distinct * 10 >= self.filled * 7
    }

    /// Sentences: a question column.
    fn is_questions(&self) -> bool {
        self.filled >= 2 && self.avg_chars >= 12.0 && self.distinct * 10 >= self.filled * 7
    }

    /// What a column headed `はい・いいえ` may hold: short values, or a dropdown.
    fn could_be_choices(&self) -> bool {
        self.filled == 0 || self.dropdown > 0 || self.short >= 0.6
    }

    /// Short repeated values or a dropdown: a choice column.
    fn is_choices(&self, rows: usize) -> bool {
        (self.dropdown * 2 >= rows.max(1) && self.dropdown > 0)
            || (self.filled >= 2
                && self.avg_chars <= 12.0
                && self.distinct <= 12
                && self.distinct * 2 <= self.filled)
    }
}

/// A question's ending (`…ますか。`, `…?`) or a request (`記入してください`, `Describe`).
pub fn asks(text: &str) -> bool {
    // A required question's marker after it (`…?*`, `…か。※`) is not part of the sentence.
    let t = text
        .trim_end()
        .trim_end_matches(['*', '＊', '※'])
        .trim_end();
    t.ends_with(['?', '？'])
        || t.ends_with("か。")
        || t.ends_with('か')
        || t.ends_with("ください。")
        || t.ends_with("ください")
        || t.ends_with("こと。")
        || [
            "Do ", "Does ", "Is ", "Are ", "Has ", "Have ", "Describe", "Please", "Verify", "Can ",
            "Will ",
        ]
        .iter()
        .any(|w| t.starts_with(w))
}

/// Short, without spaces, with a digit or only ASCII: `1`, `A`, `2-1`, `GNRL-01`.
pub fn looks_like_id(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= 20
        && !text.contains(char::is_whitespace)
        && (text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            || (text.is_ascii() && text.chars().count() <= 6))
}

/// Words in a sheet's name that say it is for the respondent, or not.
fn sheet_bias(name: &str) -> f64 {
    let n = fold(name);
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&[
        "analyst",
        "evaluation",
        "score",
        "scoring",
        "reviewer",
        "評価者",
        "審査",
    ]) {
        -8.0
    } else if has(&[
        "instruction",
        "説明",
        "記入要領",
        "記入方法",
        "注意",
        "readme",
        "guide",
        "summary",
        "result",
        "集計",
        "結果",
        "評価",
        "reference",
        "参考",
        "選択肢",
        "list",
        "lookup",
        "master",
        "変更履歴",
        "history",
        "cover",
        "表紙",
        "sample",
        "記入例",
        "回答例",
        "example",
        "dashboard",
        "mapping",
    ]) {
        -4.0
    } else if has(&[
        "質問",
        "回答",
        "チェック",
        "questionnaire",
        "question",
        "response",
        "caiq",
        "確認",
        "checklist",
    ]) {
        1.0
    } else {
        0.0
    }
}

/// A table found in a workbook: where it is, its columns, and how it scored.
#[derive(Clone, Debug)]
pub struct Table {
    pub sheet: usize,
    /// 0-based; `None` when the user named every column and there is no header row.
    pub header: Option<u32>,
    /// First row after the table (0-based, exclusive).
    pub end: u32,
    pub columns: Columns,
    pub score: f64,
    /// Rows with an ID and a question.
    pub items: usize,
    /// The question texts of its items, to find copies of the same questions.
    pub ids: Vec<String>,
    /// The IDs of its items, in order: the same list on another sheet is a translation or
    /// a copy of the same questionnaire.
    pub keys: Vec<String>,
    /// Why it cannot be imported as is (the checks it fails).
    pub fails: Vec<crate::i18n::Message>,
    /// It has no choice or answer column: the questions only.
    pub answerless: bool,
}

impl Table {
    /// The options that select this table.
    pub fn options(&self, workbook: &Workbook) -> String {
        let sheet = &workbook.sheets[self.sheet];
        let name = &sheet.name;
        let quoted = if name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c))
        {
            name.clone()
        } else {
            format!("'{}'", name.replace('\'', "'\\''"))
        };
        match self.header {
            Some(h) => format!(
                "--sheet {quoted} --header-row {} {}",
                h + 1,
                self.columns.options()
            ),
            None => format!("--sheet {quoted} {}", self.columns.options()),
        }
    }

    /// `sheet `質問票`, header row 4`.
    pub fn place(&self, workbook: &Workbook) -> crate::i18n::Message {
        let sheet = &workbook.sheets[self.sheet];
        match self.header {
            Some(h) => crate::msg!("import-place-header", sheet = &sheet.name, row = h + 1),
            None => crate::msg!("import-place-no-header", sheet = &sheet.name),
        }
    }
}

/// Rows scanned to profile a column (tables longer than this are judged on their start).
const PROFILE_ROWS: usize = 600;

/// The candidate table under header row `header` (0-based), up to `end`.
pub fn candidate(
    sheet: &Sheet,
    index: usize,
    header: Option<u32>,
    end: u32,
    given: &Columns,
) -> Table {
    let start = header.map_or(0, |h| h + 1);
    let rows: Vec<u32> = (start..end)
        .filter(|r| !sheet.row_is_blank(*r))
        .take(PROFILE_ROWS)
        .collect();
    let width = header
        .map(|h| sheet.row_cells(h).map(|(c, _)| c + 1).max().unwrap_or(0))
        .unwrap_or(0)
        .max(
            rows.iter()
                .map(|&r| sheet.row_cells(r).map(|(c, _)| c + 1).max().unwrap_or(0))
                .max()
                .unwrap_or(0),
        )
        .min(200);
    let profiles: Vec<Profile> = (0..width).map(|c| Profile::of(sheet, c, &rows)).collect();
    let hinted: Vec<(u32, Hint)> = header.map(|h| hints(sheet, h)).unwrap_or_default();
    let (mut cols, score, theirs) = columns_by_header(&hinted, &profiles, rows.len());
    columns_by_content(&mut cols, &profiles, width, given, &theirs);
    let cols = cols.with(given);
    let id = cols.id.and_then(|c| profiles.get(c as usize));
    let question = cols.question.and_then(|c| profiles.get(c as usize));
    let mut fails = failures(&cols, id, question, &profiles, given);
    let answerless = !cols.answers();
    let (ids, keys) = items(sheet, &cols, start, end);
    let items = ids.len();
    if items == 0 && fails.is_empty() {
        fails.push(crate::msg!("import-fail-no-item"));
    }
    let score = content_score(score, &cols, id, question, &profiles) + sheet_bias(&sheet.name);
    Table {
        sheet: index,
        header,
        end,
        columns: cols,
        score,
        items,
        ids,
        keys,
        fails,
        answerless,
    }
}

/// The columns the header words name, strongest word first, each taken only when the
/// column's content fits it: the columns, their score, and the columns the header marks as
/// the customer's own (not to be read).
fn columns_by_header(
    hinted: &[(u32, Hint)],
    profiles: &[Profile],
    rows: usize,
) -> (Columns, f64, HashSet<u32>) {
    let mut cols = Columns::default();
    let mut score = 0.0;
    let mut theirs: HashSet<u32> = HashSet::new();
    let mut ordered = hinted.to_vec();
    ordered.sort_by_key(|(col, h)| {
        let strength = match h {
            Hint::Role(_, s) => *s,
            Hint::Reply => 2,
            Hint::Theirs => 0,
        };
        (std::cmp::Reverse(strength), *col)
    });
    for (col, hint) in ordered {
        let p = profiles.get(col as usize).cloned().unwrap_or_default();
        match hint {
            Hint::Theirs => {
                theirs.insert(col);
            }
            Hint::Role(Role::Id, s) => {
                if cols.id.is_none() && p.could_be_ids() {
                    cols.id = Some(col);
                    score += f64::from(s);
                }
            }
            Hint::Role(Role::Question, s) => {
                if cols.id.is_none() && p.is_ids() {
                    // A section's name above its IDs (`Required Questions`).
                    cols.id = Some(col);
                } else if cols.question.is_none()
                    && (p.is_questions() || (s >= 3 && p.could_be_questions()))
                {
                    cols.question = Some(col);
                    score += f64::from(s);
                }
            }
            Hint::Role(Role::Choice, s) => {
                if cols.choice.is_none() && p.could_be_choices() {
                    cols.choice = Some(col);
                    score += f64::from(s);
                }
            }
            Hint::Reply => {
                if p.is_choices(rows) && cols.choice.is_none() {
                    cols.choice = Some(col);
                    score += 2.0;
                } else if cols.answer.is_none() && !p.is_choices(rows) {
                    cols.answer = Some(col);
                    score += 2.0;
                }
            }
            Hint::Role(Role::Answer, s) => {
                if cols.answer.is_none() && !p.is_ids() {
                    cols.answer = Some(col);
                    score += f64::from(s);
                } else if cols.note.is_none() && !p.is_ids() {
                    // A second text column beside the answer (備考): remarks.
                    cols.note = Some(col);
                }
            }
            Hint::Role(Role::Title, s) => {
                if cols.id.is_none() && (p.is_ids() || p.is_numbers()) {
                    // `項目 | 対策項目`: the first holds the item numbers.
                    cols.id = Some(col);
                } else if cols.title.is_none() {
                    cols.title = Some(col);
                    score += f64::from(s) / 2.0;
                }
            }
            Hint::Role(role, s) => {
                let slot = cols.slot(role);
                if slot.is_none() {
                    *slot = Some(col);
                    score += f64::from(s) / 2.0;
                }
            }
        }
    }
    (cols, score, theirs)
}

/// What the header left unnamed, from the columns' content: a category that names each
/// item is its title; the ID and question columns are found by what they hold.
fn columns_by_content(
    cols: &mut Columns,
    profiles: &[Profile],
    width: u32,
    given: &Columns,
    theirs: &HashSet<u32>,
) {
    let taken = |cols: &Columns, c: u32| cols.mapped().contains(&c) || given.mapped().contains(&c);
    // A category given on (nearly) every row that changes on every row names each item:
    // its title. One given on the first row of each run is a heading.
    if let Some(c) = cols.category
        && cols.title.is_none()
        && profiles.get(c as usize).is_some_and(|p| {
            p.filled >= 2 && p.filled * 10 >= p.rows * 6 && p.distinct * 10 > p.filled * 7
        })
    {
        cols.title = cols.category.take();
    }
    if cols.id.is_none() {
        let limit = cols.question.unwrap_or(width);
        cols.id = (0..limit.min(width))
            .filter(|&c| !taken(cols, c) && !theirs.contains(&c))
            .find(|&c| profiles[c as usize].is_ids());
    }
    if cols.question.is_none() {
        let after = cols.id.map_or(0, |c| c + 1);
        let answer_at = [cols.choice, cols.answer]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(width);
        cols.question = (after..answer_at.min(width))
            .filter(|&c| !taken(cols, c) && !theirs.contains(&c))
            .filter(|&c| profiles[c as usize].is_questions())
            .max_by(|&a, &b| {
                profiles[a as usize]
                    .avg_chars
                    .total_cmp(&profiles[b as usize].avg_chars)
            });
    }
}

/// Why the columns do not make a table of questions, if they do not.
fn failures(
    cols: &Columns,
    id: Option<&Profile>,
    question: Option<&Profile>,
    profiles: &[Profile],
    given: &Columns,
) -> Vec<crate::i18n::Message> {
    let mut fails = Vec::new();
    match id {
        None if cols.id.is_none() => fails.push(crate::msg!("import-fail-no-id")),
        Some(p) if !p.could_be_ids() => fails.push(crate::msg!("import-fail-id-column")),
        _ => {}
    }
    match question {
        None if cols.question.is_none() && cols.title.is_none() => {
            fails.push(crate::msg!("import-fail-no-question"))
        }
        Some(p) if !p.could_be_questions() => {
            fails.push(crate::msg!("import-fail-question-column"))
        }
        _ => {}
    }
    if let (Some(i), Some(q)) = (id, question)
        && q.filled > 0
        && q.avg_chars <= i.avg_chars
    {
        fails.push(crate::msg!("import-fail-short-questions"));
    }
    // A table with only questions is taken when no table has a place to answer (a list of
    // controls); one whose answer cells are all formulas is not a questionnaire to answer.
    if cols.answers()
        && [cols.choice, cols.answer]
            .into_iter()
            .flatten()
            .all(|c| profiles.get(c as usize).is_some_and(Profile::is_derived))
        && given.choice.is_none()
        && given.answer.is_none()
    {
        fails.push(crate::msg!("import-fail-formulas"));
    }
    fails
}

/// The questions (with their IDs) of the rows `start..end`: a row is an item when it has a
/// short ID and a question (or title).
fn items(sheet: &Sheet, cols: &Columns, start: u32, end: u32) -> (Vec<String>, Vec<String>) {
    let mut questions = Vec::new();
    let mut keys = Vec::new();
    if let (Some(ic), Some(qc)) = (cols.id, cols.question.or(cols.title)) {
        for r in start..end {
            let id = sheet.text(r, ic).trim();
            let question = sheet.text(r, qc).trim();
            if !id.is_empty() && id.chars().count() <= 24 && !question.is_empty() {
                questions.push(question.to_owned());
                keys.push(id.to_owned());
            }
        }
    }
    (questions, keys)
}

/// `score` plus what the columns' content confirms: IDs that look like IDs, questions that
/// ask, a choice column (with a dropdown), answer and evidence columns.
fn content_score(
    score: f64,
    cols: &Columns,
    id: Option<&Profile>,
    question: Option<&Profile>,
    profiles: &[Profile],
) -> f64 {
    let mut score = score;
    if let Some(p) = id
        && p.is_ids()
    {
        score += 3.0;
    }
    if let Some(p) = question {
        if p.is_questions() {
            score += 3.0;
        }
        score += 3.0 * p.asking;
    }
    if let Some(c) = cols.choice {
        score += 1.0;
        if profiles.get(c as usize).is_some_and(|p| p.dropdown > 0) {
            score += 1.0;
        }
    }
    if cols.answer.is_some() {
        score += 1.0;
    }
    if cols.evidence.is_some() {
        score += 0.5;
    }
    score
}

/// How far below the best score a table may be and still be imported with it.
const SAME_SHAPE: f64 = 3.0;
/// How far apart two tables holding the same questions must score for one to be clearly
/// better.
const CLEARLY_BETTER: f64 = 2.0;

/// What detection decided.
pub enum Decision {
    /// The tables to import, in workbook order, and the tables of questions on the same
    /// sheets that are not (shaped unlike them, or scoring clearly lower): to be reported.
    Tables {
        tables: Vec<Table>,
        left_out: Vec<Table>,
    },
    /// No clear choice: every candidate, best first (with why each is not taken).
    Refused {
        why: crate::i18n::Message,
        ranked: Vec<Table>,
    },
}

/// Finds the tables of a workbook's chosen sheets. `header_row`: a 0-based header row the
/// user named (used on every chosen sheet).
pub fn find_tables(
    workbook: &Workbook,
    sheets: &[usize],
    given: &Columns,
    header_row: Option<u32>,
) -> Decision {
    let mut all: Vec<Table> = Vec::new();
    for &index in sheets {
        let sheet = &workbook.sheets[index];
        if let Some(h) = header_row {
            let mut table = candidate(sheet, index, Some(h), sheet.height(), given);
            let named = hints(sheet, h)
                .iter()
                .filter(|(_, h)| !matches!(h, Hint::Theirs))
                .count();
            if sheet.row_is_blank(h) {
                table
                    .fails
                    .insert(0, crate::msg!("import-fail-row-empty", row = h + 1));
            } else if named == 0 && !given.is_table() {
                table
                    .fails
                    .insert(0, crate::msg!("import-fail-row-not-header", row = h + 1));
            }
            all.push(table);
            continue;
        }
        let headers: Vec<u32> = (0..sheet.height())
            .filter(|&r| !sheet.row_is_blank(r) && is_header(sheet, r))
            .collect();
        if headers.is_empty() {
            if given.is_table() {
                all.push(candidate(sheet, index, None, sheet.height(), given));
            }
            continue;
        }
        for (i, &h) in headers.iter().enumerate() {
            let end = headers.get(i + 1).copied().unwrap_or(sheet.height());
            all.push(candidate(sheet, index, Some(h), end, given));
        }
    }
    same_labels_same_columns(workbook, &mut all, given);
    let mut ranked: Vec<Table> = all.clone();
    // Passing tables with a place to answer, then passing lists of questions, then the rest.
    let tier = |t: &Table| match (t.fails.is_empty(), t.answerless) {
        (true, false) => 0,
        (true, true) => 1,
        (false, _) => 2,
    };
    ranked.sort_by(|a, b| {
        tier(a)
            .cmp(&tier(b))
            .then(b.score.total_cmp(&a.score))
            .then(b.items.cmp(&a.items))
    });
    let Some(best) = ranked.first().filter(|t| t.fails.is_empty()).cloned() else {
        let why = if ranked.is_empty() {
            crate::msg!("import-why-no-header-row")
        } else {
            crate::msg!("import-why-no-table-passes")
        };
        return Decision::Refused { why, ranked };
    };
    // The tables shaped like the best, best first; copies of better ones left out.
    let mut taken: Vec<&Table> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for table in ranked
        .iter()
        .filter(|t| t.fails.is_empty() && t.answerless == best.answerless)
    {
        // A table under the very header of the best one (another part of the same
        // questionnaire on its own sheet) is taken however few its questions.
        let labels = |t: &Table| {
            t.header
                .map(|h| header_labels(&workbook.sheets[t.sheet], h, t.columns.id))
        };
        let same_header = table.columns == best.columns && labels(table) == labels(&best);
        if table.score < best.score - SAME_SHAPE && !same_header {
            continue;
        }
        let repeated = table
            .ids
            .iter()
            .filter(|id| seen.contains(id.as_str()))
            .count();
        // The same IDs in the same order on another sheet: a translation or a copy.
        let translated = taken
            .iter()
            .find(|t| t.sheet != table.sheet && t.keys.len() >= 3 && t.keys == table.keys)
            .copied();
        if repeated * 2 > table.ids.len() || translated.is_some() {
            // The same questions as a table already taken: clearly worse, or no choice.
            let rival = translated.or_else(|| {
                taken
                    .iter()
                    .max_by_key(|t| t.ids.iter().filter(|id| table.ids.contains(id)).count())
                    .copied()
            });
            if let Some(rival) = rival
                && rival.score - table.score < CLEARLY_BETTER
                && rival.sheet != table.sheet
            {
                return Decision::Refused {
                    why: crate::msg!(
                        "import-why-same-questions",
                        first = rival.place(workbook),
                        second = table.place(workbook)
                    ),
                    ranked,
                };
            }
            continue;
        }
        seen.extend(table.ids.iter().map(String::as_str));
        taken.push(table);
    }
    let mut tables: Vec<Table> = taken.into_iter().cloned().collect();
    // Every other table of questions is named, never dropped in silence: on a sheet a
    // table was taken from, those not taken (and not copies of taken ones) are left out.
    let left_out: Vec<Table> = ranked
        .iter()
        .filter(|t| t.items > 0 && t.header.is_some())
        .filter(|t| {
            !tables
                .iter()
                .any(|k| k.sheet == t.sheet && k.header == t.header)
        })
        .filter(|t| tables.iter().any(|k| k.sheet == t.sheet))
        .filter(|t| {
            let repeated = t.ids.iter().filter(|id| seen.contains(id.as_str())).count();
            repeated * 2 <= t.ids.len()
        })
        .cloned()
        .collect();
    tables.sort_by_key(|t| {
        (
            sheets
                .iter()
                .position(|&s| s == t.sheet)
                .unwrap_or(usize::MAX),
            t.header,
        )
    });
    Decision::Tables { tables, left_out }
}

/// The labels of a header row but the ID column's (which often holds the section's name:
/// `Documentation`, `Data`…), folded, by column.
fn header_labels(sheet: &Sheet, header: u32, id: Option<u32>) -> Vec<(u32, String)> {
    sheet
        .row_cells(header)
        .filter(|(c, _)| Some(*c) != id)
        .map(|(c, cell)| (c, fold(&cell.text)))
        .collect()
}

/// A header row repeated down a sheet with the same labels heads a table of the same
/// shape. When such tables came out with different columns (a choice column without its
/// dropdown in one section, say), the columns most of them have (then the ones mapping more
/// roles) are given to the others, each kept so only if it still passes every check.
fn same_labels_same_columns(workbook: &Workbook, all: &mut [Table], given: &Columns) {
    // Only tables that read as tables take part: a failing candidate (a block of notes
    // under a repeated header, say) stays refused.
    let labels: Vec<Option<Vec<(u32, String)>>> = all
        .iter()
        .map(|t| {
            let sheet = &workbook.sheets[t.sheet];
            t.header
                .filter(|_| t.fails.is_empty() && t.columns.is_table())
                .map(|h| header_labels(sheet, h, t.columns.id))
                .filter(|l| l.len() >= 2)
        })
        .collect();
    for i in 0..all.len() {
        let Some(mine) = &labels[i] else { continue };
        let group: Vec<usize> = (0..all.len())
            .filter(|&j| all[j].sheet == all[i].sheet && labels[j].as_ref() == Some(mine))
            .collect();
        let votes = |columns: &Columns| {
            group
                .iter()
                .filter(|&&j| all[j].columns == *columns)
                .count()
        };
        let Some(model) = group
            .iter()
            .map(|&j| all[j].columns)
            .max_by_key(|c| (votes(c), c.mapped().len()))
        else {
            continue;
        };
        if model == all[i].columns || votes(&model) <= votes(&all[i].columns) {
            continue;
        }
        let table = &all[i];
        let sheet = &workbook.sheets[table.sheet];
        let again = candidate(
            sheet,
            table.sheet,
            table.header,
            table.end,
            &model.with(given),
        );
        if again.fails.is_empty() && again.columns == model {
            let best = group
                .iter()
                .map(|&j| all[j].score)
                .fold(again.score, f64::max);
            all[i] = Table {
                score: best,
                ..again
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(text: &str) -> Option<Role> {
        match classify(text) {
            Some(Hint::Role(r, _)) => Some(r),
            _ => None,
        }
    }

    #[test]
    fn header_names_questionnaires_use() {
        for (text, r) in [
            ("番号", Role::Id),
            ("項番", Role::Id),
            ("No.", Role::Id),
            ("Ｎｏ．", Role::Id),
            ("質問番号", Role::Id),
            ("Question ID", Role::Id),
            ("質問", Role::Question),
            ("確認項目", Role::Question),
            ("確認内容", Role::Question),
            ("対策内容", Role::Question),
            ("Requirement", Role::Question),
            ("状況", Role::Choice),
            ("はい・いいえ", Role::Choice),
            ("補足説明", Role::Answer),
            ("備考", Role::Answer),
            ("Comments", Role::Answer),
            ("Additional Information", Role::Answer),
            ("証跡・参考資料", Role::Evidence),
            ("Evidence", Role::Evidence),
            ("分類", Role::Category),
            ("大分類", Role::Category),
            ("Domain", Role::Category),
            ("項目", Role::Title),
        ] {
            assert_eq!(role(text), Some(r), "{text}");
        }
        assert_eq!(classify("回答"), Some(Hint::Reply));
        assert_eq!(classify("Response"), Some(Hint::Reply));
        assert_eq!(classify("Analyst Notes"), Some(Hint::Theirs));
        assert_eq!(
            classify("情報セキュリティに関する方針を定め、回答していますか。これは長い質問です。"),
            None
        );
        assert_eq!(classify("回答です。"), None);
        assert_eq!(classify("質問はありますか？"), None);
    }

    #[test]
    fn ids_and_questions() {
        assert!(looks_like_id("1-1"));
        assert!(looks_like_id("GNRL-01"));
        assert!(looks_like_id("A"));
        assert!(!looks_like_id("組織・体制"));
        assert!(!looks_like_id("1. 組織的対策"));
        assert!(asks("方針を定めていますか。"));
        assert!(asks("Do you encrypt data?"));
        assert!(!asks("実施済"));
        assert!(asks("Do you support SSO for users?*"));
        assert!(asks("方針を定めていますか。※"));
    }

    #[test]
    fn items_are_not_headers_but_headers_with_numbered_labels_are() {
        let row = |cells: &[&str]| {
            cells
                .iter()
                .map(|t| crate::import::workbook::Cell {
                    text: (*t).to_owned(),
                    kind: crate::import::workbook::Kind::Text,
                })
                .collect::<Vec<_>>()
        };
        let sheet = Sheet::from_rows(
            "s",
            vec![
                row(&[
                    "ID",
                    "Question",
                    "Answer",
                    "Comments",
                    "ISO27001",
                    "Applicable?",
                ]),
                row(&[
                    "No.",
                    "質問",
                    "回答",
                    "補足説明",
                    "2024年度",
                    "該当しますか",
                ]),
                row(&[
                    "CHNG-01",
                    "Do you have a change process?*",
                    "No",
                    "Answer: see the policy.",
                ]),
            ],
        );
        assert!(is_header(&sheet, 0));
        assert!(is_header(&sheet, 1));
        assert!(!is_header(&sheet, 2));
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
