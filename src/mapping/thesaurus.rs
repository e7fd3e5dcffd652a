//! The thesaurus of `map suggest`: variant spellings folded into one, groups of words that
//! mean the same thing (Japanese and English), and words that carry no meaning for
//! matching, and words by which a question asks for a company's facts or commercial terms
//! rather than for a control. The built-in one is `controls/thesaurus/thesaurus.yaml`; a project adds its own
//! thesaurus files (any file with a top-level `thesaurus:`) in a folder listed under
//! `catalogs:`. Groups from several files that share a word become one group.

use std::collections::HashMap;

use super::text::fold_width;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::formats;
use crate::load::fields::{Fields, check_id, text_of, wrong_type};
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// One thesaurus file.
#[derive(Clone, Debug, Default)]
pub struct Thesaurus {
    /// Lists of spellings; the first is the one the others are rewritten to.
    pub spellings: Vec<Vec<String>>,
    /// Lists of words that mean the same; the first names the group.
    pub terms: Vec<Vec<String>>,
    pub ignore: Vec<String>,
    /// Words by which a question asks for a company's facts or commercial terms (head
    /// count, revenue, prices, addresses, contract terms), which no control answers.
    pub facts: Vec<String>,
    /// Words a customer uses when asking what a control asks, per control of a catalog.
    pub keywords: Vec<Keywords>,
    pub origin: String,
}

/// A customer's words for one control: the practices, tools and everyday terms a
/// questionnaire uses where the guideline's text speaks formally.
#[derive(Clone, Debug)]
pub struct Keywords {
    pub catalog: String,
    pub catalog_span: Span,
    pub control: String,
    pub control_span: Span,
    pub words: Vec<String>,
}

/// True when a YAML file is a thesaurus file (it has a top-level `thesaurus:`).
pub fn is_thesaurus_file(root: &Node) -> bool {
    matches!(&root.value, Value::Map(entries) if entries.iter().any(|(k, _)| k.text == "thesaurus"))
}

/// Reads a thesaurus file; every mistake is a diagnostic at its place.
pub fn load_thesaurus(root: &Node, origin: &str, diags: &mut Diagnostics) -> Option<Thesaurus> {
    let before = diags.error_count();
    let fields = Fields::new(
        root,
        msg!("what-thesaurus-file"),
        &formats::THESAURUS_FILE,
        diags,
    )?;
    if let Some(header) = fields.require("thesaurus", diags)
        && !matches!(header.value, Value::Null)
        && let Some(header) = Fields::new(
            header,
            msg!("what-thesaurus-header"),
            &formats::THESAURUS_HEADER,
            diags,
        )
    {
        let _ = header.text("description", diags);
    }
    let lists = |name: &str, diags: &mut Diagnostics| -> Vec<Vec<String>> {
        let Some(node) = fields.get(name) else {
            return Vec::new();
        };
        let Value::Seq(items) = &node.value else {
            diags.push(wrong_type(
                node,
                msg!("what-key", key = name),
                msg!("expected-list-of-word-lists"),
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Value::Seq(words) = &item.value else {
                diags.push(wrong_type(
                    item,
                    msg!("what-entry-of", key = name),
                    msg!("expected-list-of-words"),
                ));
                continue;
            };
            let words: Vec<String> = words.iter().filter_map(|w| word(w, name, diags)).collect();
            if words.len() < 2 {
                diags.push(
                    Diagnostic::new(Code::InvalidValue, msg!("thesaurus-too-few", name = name))
                        .at(item.span, msg!("label-too-few-words"))
                        .help(msg!("thesaurus-too-few-help")),
                );
                continue;
            }
            out.push(words);
        }
        out
    };
    let spellings = lists("spellings", diags);
    let terms = lists("terms", diags);
    let words = |name: &str, diags: &mut Diagnostics| -> Vec<String> {
        match fields.get(name) {
            None => Vec::new(),
            Some(node) => match &node.value {
                Value::Seq(items) => items.iter().filter_map(|w| word(w, name, diags)).collect(),
                _ => {
                    diags.push(wrong_type(
                        node,
                        msg!("what-key", key = name),
                        msg!("expected-list-of-words"),
                    ));
                    Vec::new()
                }
            },
        }
    };
    let ignore = words("ignore", diags);
    let facts = words("facts", diags);
    let keywords = fields
        .get("keywords")
        .map(|node| load_keywords(node, diags))
        .unwrap_or_default();
    if diags.error_count() > before {
        return None;
    }
    Some(Thesaurus {
        spellings,
        terms,
        ignore,
        facts,
        keywords,
        origin: origin.to_owned(),
    })
}

/// Reads `keywords:`, a mapping of catalog IDs to mappings of control IDs to lists of words.
fn load_keywords(node: &Node, diags: &mut Diagnostics) -> Vec<Keywords> {
    let mut out = Vec::new();
    let Value::Map(catalogs) = &node.value else {
        if !matches!(node.value, Value::Null) {
            diags.push(wrong_type(
                node,
                msg!("what-key", key = "keywords"),
                msg!("expected-mapping"),
            ));
        }
        return out;
    };
    for (catalog, controls) in catalogs {
        if !check_id(
            &catalog.text,
            catalog.span,
            msg!("what-keywords-catalog"),
            diags,
        ) {
            continue;
        }
        let Value::Map(controls) = &controls.value else {
            diags.push(wrong_type(
                controls,
                msg!("what-keywords-of", id = &*catalog.text),
                msg!("expected-mapping"),
            ));
            continue;
        };
        for (control, words) in controls {
            if !check_id(
                &control.text,
                control.span,
                msg!("what-keywords-control"),
                diags,
            ) {
                continue;
            }
            let Value::Seq(items) = &words.value else {
                diags.push(wrong_type(
                    words,
                    msg!("what-keywords-of", id = &*control.text),
                    msg!("expected-list-of-words"),
                ));
                continue;
            };
            let words: Vec<String> = items
                .iter()
                .filter_map(|w| word(w, "keywords", diags))
                .collect();
            out.push(Keywords {
                catalog: catalog.text.to_string(),
                catalog_span: catalog.span,
                control: control.text.to_string(),
                control_span: control.span,
                words,
            });
        }
    }
    out
}

/// A word of a list: text that is not blank.
fn word(node: &Node, name: &str, diags: &mut Diagnostics) -> Option<String> {
    let (text, span) = text_of(node, &msg!("what-thesaurus-file"), name, diags)?;
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::new(Code::InvalidValue, msg!("thesaurus-blank", name = name))
                .at(span, msg!("label-blank")),
        );
        return None;
    }
    Some(text.trim().to_owned())
}

/// The places where `word` occurs in `chars`; a word of ASCII only where it is a whole
/// word (not inside a longer ASCII word).
fn places(chars: &[char], word: &str) -> Vec<usize> {
    let w: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    if w.is_empty() || w.len() > chars.len() {
        return out;
    }
    let ascii = w.iter().all(char::is_ascii);
    let mut i = 0;
    while i + w.len() <= chars.len() {
        if chars[i..i + w.len()] == w[..]
            && (!ascii
                || ((i == 0 || !chars[i - 1].is_ascii_alphanumeric())
                    && chars
                        .get(i + w.len())
                        .is_none_or(|c| !c.is_ascii_alphanumeric())))
        {
            out.push(i);
            i += w.len();
            continue;
        }
        i += 1;
    }
    out
}

fn occurs(chars: &[char], word: &str) -> bool {
    !places(chars, word).is_empty()
}

/// Other inflections of an English word or phrase (its last word): plural or third person,
/// past, and -ing forms. Empty for a word that is not all ASCII letters.
fn inflections(word: &str) -> Vec<String> {
    let (head, last) = match word.rfind(' ') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    };
    if last.len() < 3 || !last.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let base = if let Some(b) = last.strip_suffix("ing") {
        b.to_owned()
    } else if let Some(b) = last.strip_suffix("ed") {
        b.to_owned()
    } else if let Some(b) = last.strip_suffix('s') {
        if last.ends_with("ss") {
            last.to_owned()
        } else {
            b.to_owned()
        }
    } else {
        last.to_owned()
    };
    if base.len() < 3 {
        return Vec::new();
    }
    let mut forms = vec![
        base.clone(),
        format!("{base}s"),
        format!("{base}es"),
        format!("{base}ed"),
        format!("{base}d"),
        format!("{base}ing"),
    ];
    if let Some(stem) = base.strip_suffix('e') {
        forms.push(format!("{stem}ing"));
    }
    forms
        .into_iter()
        .filter(|f| f != last)
        .map(|f| format!("{head}{f}"))
        .collect()
}

/// What [`Lexicon::find`] leaves in place of the characters of a word it found.
pub const TAKEN: char = '\u{1}';

/// Every thesaurus of a run, merged and ready to apply to texts.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// (variant, canonical), longest variant first; both width-folded and lowercased.
    spellings: Vec<(String, String)>,
    /// (word, group), longest word first; words width-folded, lowercased, spellings applied.
    words: Vec<(String, usize)>,
    /// The first word of each group, for notes.
    names: Vec<String>,
    ignore: Vec<String>,
    /// Words asking for a company's facts or terms; spelled like `words`.
    facts: Vec<String>,
}

impl Lexicon {
    pub fn new<'a>(thesauri: impl IntoIterator<Item = &'a Thesaurus>) -> Lexicon {
        let thesauri: Vec<&Thesaurus> = thesauri.into_iter().collect();
        let mut lexicon = Lexicon::default();
        for t in &thesauri {
            for list in &t.spellings {
                let canonical = fold_width(&list[0]);
                for variant in &list[1..] {
                    let variant = fold_width(variant);
                    if variant != canonical {
                        lexicon.spellings.push((variant, canonical.clone()));
                    }
                }
            }
        }
        lexicon
            .spellings
            .sort_by_key(|s| std::cmp::Reverse(s.0.chars().count()));
        // Groups sharing a word are one group (a project extends a built-in group by
        // listing one of its words).
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<Vec<String>> = Vec::new();
        for t in &thesauri {
            for list in &t.terms {
                let words: Vec<String> = list.iter().map(|w| lexicon.spell(w)).collect();
                let found: Vec<usize> = {
                    let mut found: Vec<usize> = words
                        .iter()
                        .filter_map(|w| group_of.get(w).copied())
                        .collect();
                    found.sort_unstable();
                    found.dedup();
                    found
                };
                let target = match found.first() {
                    Some(&g) => g,
                    None => {
                        groups.push(Vec::new());
                        groups.len() - 1
                    }
                };
                for &other in found.iter().skip(1) {
                    let moved = std::mem::take(&mut groups[other]);
                    for w in moved {
                        group_of.insert(w.clone(), target);
                        groups[target].push(w);
                    }
                }
                for w in words {
                    if !groups[target].contains(&w) {
                        group_of.insert(w.clone(), target);
                        groups[target].push(w);
                    }
                }
            }
        }
        let mut names = Vec::new();
        let mut index = HashMap::new();
        for (g, words) in groups.iter().enumerate() {
            if let Some(first) = words.first() {
                index.insert(g, names.len());
                names.push(first.clone());
            }
        }
        // English words also match in their other inflections (a group listing "revoke"
        // finds "revokes"); a form another group lists stays that group's.
        let mut inflected: Vec<(String, usize)> = Vec::new();
        for (word, &g) in &group_of {
            for form in inflections(word) {
                if !group_of.contains_key(&form) {
                    inflected.push((form, g));
                }
            }
        }
        inflected.sort();
        for (form, g) in inflected {
            group_of.entry(form).or_insert(g);
        }
        lexicon.words = group_of
            .into_iter()
            .filter(|(w, _)| !w.is_empty())
            .map(|(w, g)| (w, index[&g]))
            .collect();
        lexicon.words.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then_with(|| a.0.cmp(&b.0))
        });
        lexicon.names = names;
        lexicon.ignore = thesauri
            .iter()
            .flat_map(|t| t.ignore.iter().map(|w| lexicon.spell(w)))
            .collect();
        lexicon
            .ignore
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        lexicon.facts = thesauri
            .iter()
            .flat_map(|t| t.facts.iter().map(|w| lexicon.spell(w)))
            .filter(|w| !w.is_empty())
            .collect();
        lexicon.facts.sort();
        lexicon.facts.dedup();
        lexicon
            .facts
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        lexicon
    }

    /// The longest word by which a spelled text asks for a company's facts or commercial
    /// terms; English words match only as whole words.
    pub fn fact(&self, spelled: &str) -> Option<&str> {
        let chars: Vec<char> = spelled.chars().collect();
        self.facts
            .iter()
            .find(|word| occurs(&chars, word))
            .map(String::as_str)
    }

    /// Width-folds, lowercases and applies the spellings.
    pub fn spell(&self, text: &str) -> String {
        let mut text = fold_width(text);
        for (variant, canonical) in &self.spellings {
            if text.contains(variant.as_str()) {
                text = text.replace(variant.as_str(), canonical);
            }
        }
        text
    }

    /// The name of a group of words.
    pub fn name(&self, group: usize) -> &str {
        &self.names[group]
    }

    /// The groups whose words occur in a spelled text, longest word first: a word's
    /// characters are taken by it and replaced by [`TAKEN`] in the returned text, so a
    /// shorter word inside it is not found again. English words match only as whole
    /// words. Words to ignore become spaces.
    pub fn find(&self, spelled: &str) -> (Vec<usize>, String) {
        let mut chars: Vec<char> = spelled.chars().collect();
        let mut found = Vec::new();
        let blank = |chars: &mut Vec<char>, word: &str, mark: char| -> bool {
            let found = places(chars, word);
            let len = word.chars().count();
            for &i in &found {
                chars[i..i + len].iter_mut().for_each(|c| *c = mark);
            }
            !found.is_empty()
        };
        // A word not in the text as given is not in it once others are taken: most words
        // are ruled out by their first and last characters, the rest by a substring search.
        let mut present = vec![false; 4096];
        for c in spelled.chars() {
            present[c as usize % 4096] = true;
        }
        let may_hold = |word: &str| {
            word.chars()
                .next()
                .zip(word.chars().next_back())
                .is_some_and(|(a, b)| present[a as usize % 4096] && present[b as usize % 4096])
                && spelled.contains(word)
        };
        for (word, group) in &self.words {
            if may_hold(word) && blank(&mut chars, word, TAKEN) && !found.contains(group) {
                found.push(*group);
            }
        }
        for word in &self.ignore {
            if may_hold(word) {
                blank(&mut chars, word, ' ');
            }
        }
        (found, chars.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceId};

    fn parse(text: &str) -> (Option<Thesaurus>, Diagnostics) {
        let file = SourceFile::new("t.yaml".into(), "t.yaml".into(), text.to_owned());
        let root = crate::yaml::parse(&file, SourceId(0)).expect("valid YAML");
        let mut diags = Diagnostics::default();
        let t = load_thesaurus(&root, "t.yaml", &mut diags);
        (t, diags)
    }

    #[test]
    fn a_thesaurus_file_is_read_and_its_mistakes_refused() {
        let (t, diags) = parse(
            "thesaurus: {description: d}\nspellings: [[脆弱, ぜい弱]]\nterms: [[MFA, 多要素認証]]\nignore: [貴社]\nfacts: [資本金]\n",
        );
        assert!(!diags.has_errors());
        let t = t.unwrap();
        assert_eq!(t.terms[0], ["MFA", "多要素認証"]);
        assert_eq!(t.facts, ["資本金"]);
        for bad in [
            "thesaurus:\nterms: [[MFA]]\n",
            "thesaurus:\nterms: [MFA, 多要素認証]\n",
            "thesaurus:\nsynonyms: [[a, b]]\n",
            "thesaurus: {title: x}\n",
            "thesaurus:\nterms: [[a, \" \"]]\n",
            "thesaurus:\nfacts: 資本金\n",
            "thesaurus:\nfacts: [\"\"]\n",
        ] {
            let (t, diags) = parse(bad);
            assert!(t.is_none() && diags.has_errors(), "{bad}");
        }
    }

    #[test]
    fn keywords_are_read_per_catalog_and_control_and_their_mistakes_refused() {
        let (t, diags) = parse(
            "thesaurus:\nkeywords:\n  acme:\n    Q1: [本番リリース, release approval]\n    \"Q2\": [ログの保存期間]\n  other:\n    X: []\n",
        );
        assert!(!diags.has_errors());
        let k = t.unwrap().keywords;
        let got: Vec<(&str, &str, Vec<&str>)> = k
            .iter()
            .map(|k| {
                (
                    k.catalog.as_str(),
                    k.control.as_str(),
                    k.words.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("acme", "Q1", vec!["本番リリース", "release approval"]),
                ("acme", "Q2", vec!["ログの保存期間"]),
                ("other", "X", vec![]),
            ]
        );
        for bad in [
            "thesaurus:\nkeywords: [a, b]\n",
            "thesaurus:\nkeywords: {acme: [a]}\n",
            "thesaurus:\nkeywords: {acme: {Q1: 本番}}\n",
            "thesaurus:\nkeywords: {acme: {Q1: [\" \"]}}\n",
            "thesaurus:\nkeywords: {acme: {\" Q1\": [a]}}\n",
            "thesaurus:\nkeywords: {\"\": {Q1: [a]}}\n",
        ] {
            let (t, diags) = parse(bad);
            assert!(t.is_none() && diags.has_errors(), "{bad}");
        }
    }

    #[test]
    fn english_words_match_in_their_other_inflections() {
        assert!(inflections("revoke").contains(&"revokes".to_owned()));
        assert!(inflections("revoke").contains(&"revoking".to_owned()));
        assert!(inflections("restricted").contains(&"restricts".to_owned()));
        assert!(inflections("process").contains(&"processes".to_owned()));
        assert!(inflections("security update").contains(&"security updated".to_owned()));
        assert!(inflections("mfa").contains(&"mfas".to_owned()));
        assert!(inflections("2fa").is_empty() && inflections("暗号").is_empty());
        let t = Thesaurus {
            terms: vec![
                vec!["失効".into(), "revoke".into()],
                vec!["ロック".into(), "lock".into(), "locked".into()],
                vec!["施錠".into(), "lockers".into()],
            ],
            ..Thesaurus::default()
        };
        let lexicon = Lexicon::new([&t]);
        let (groups, _) = lexicon.find(&lexicon.spell("Access is revoked"));
        assert_eq!(
            groups.iter().map(|g| lexicon.name(*g)).collect::<Vec<_>>(),
            ["失効"]
        );
        // A form another group lists stays that group's.
        let (groups, _) = lexicon.find(&lexicon.spell("lockers"));
        assert_eq!(
            groups.iter().map(|g| lexicon.name(*g)).collect::<Vec<_>>(),
            ["施錠"]
        );
    }

    #[test]
    fn the_built_in_thesaurus_lists_each_word_in_one_group() {
        // Groups sharing a word merge: meant for a project's additions, an accident within
        // the built-in file (a "locked" of physical security would join the lock group).
        let (t, diags) = parse(include_str!("../../controls/thesaurus/thesaurus.yaml"));
        assert!(!diags.has_errors());
        let t = t.unwrap();
        let lexicon = Lexicon::new([&t]);
        let mut group_of: HashMap<String, usize> = HashMap::new();
        for (i, list) in t.terms.iter().enumerate() {
            for word in list {
                let spelled = lexicon.spell(word);
                if let Some(j) = group_of.insert(spelled, i) {
                    assert_eq!(j, i, "{word} is in [{}] and [{}]", t.terms[j][0], list[0]);
                }
            }
        }
    }

    #[test]
    fn groups_sharing_a_word_merge_and_longest_words_win() {
        let a = Thesaurus {
            spellings: vec![vec!["脆弱".into(), "ぜい弱".into()]],
            terms: vec![
                vec!["多要素認証".into(), "MFA".into()],
                vec!["認証".into(), "authentication".into()],
            ],
            ignore: vec!["貴社".into()],
            facts: vec!["従業員数".into(), "ＨＥＡＤＣＯＵＮＴ".into()],
            keywords: Vec::new(),
            origin: String::new(),
        };
        let b = Thesaurus {
            terms: vec![vec!["ＭＦＡ".into(), "二段階認証".into()]],
            ..Thesaurus::default()
        };
        let lexicon = Lexicon::new([&a, &b]);
        let text = lexicon.spell("貴社は二段階認証とぜい弱性診断を");
        assert!(text.contains("脆弱"));
        let (groups, rest) = lexicon.find(&text);
        assert_eq!(groups.len(), 1);
        assert_eq!(lexicon.name(groups[0]), "多要素認証");
        assert!(!rest.contains("貴社") && !rest.contains("認証"));
        assert!(rest.contains(TAKEN));
        let (groups, _) = lexicon.find(&lexicon.spell("Use MFA, not mfactor"));
        assert_eq!(groups.len(), 1);
        let (groups, _) = lexicon.find(&lexicon.spell("amfa"));
        assert!(groups.is_empty(), "English words match whole words only");
        assert_eq!(
            lexicon.fact(&lexicon.spell("貴社の従業員数は")),
            Some("従業員数")
        );
        assert_eq!(
            lexicon.fact(&lexicon.spell("What is your Headcount?")),
            Some("headcount")
        );
        assert_eq!(lexicon.fact(&lexicon.spell("headcounts")), None);
        assert_eq!(lexicon.fact(&lexicon.spell("従業員の教育")), None);
    }
}
