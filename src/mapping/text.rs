//! Text for matching: Japanese orthographic variants folded and the text cut into tokens.
//! Japanese has no spaces, so words are not a unit: a Japanese run becomes character
//! bigrams, an ASCII run a word, and each thesaurus group found a token of its own.

use std::collections::HashMap;

use super::thesaurus::{Lexicon, TAKEN};

/// The compatibility folds of Unicode NFKC that questionnaires need: full-width ASCII to
/// ASCII, half-width katakana to full-width (with their sound marks), the ideographic space,
/// circled numbers, dashes; combining sound marks composed. Then ASCII is lowercased and a
/// katakana word's final long-vowel mark dropped (サーバー → サーバ, ユーザー → ユーザ).
pub fn fold_width(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = c as u32;
        let folded = match code {
            0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            0x2460..=0x2473 => {
                // ①–⑳
                let n = code - 0x2460 + 1;
                for d in n.to_string().chars() {
                    out.push(d);
                }
                continue;
            }
            0x2010..=0x2015 | 0x2212 => '-',
            0xFF61..=0xFF9F => {
                if let Some(mark) = sound_mark(c)
                    && let Some(last) = out.last_mut()
                    && let Some(voiced) = compose(*last, mark)
                {
                    *last = voiced;
                    continue;
                }
                halfwidth_katakana(c)
            }
            0x3099 | 0x309A => {
                let mark = if code == 0x3099 { '゛' } else { '゜' };
                if let Some(last) = out.last_mut()
                    && let Some(voiced) = compose(*last, mark)
                {
                    *last = voiced;
                }
                continue;
            }
            _ => c,
        };
        out.push(folded.to_ascii_lowercase());
    }
    // The long-vowel mark at the end of a katakana word.
    let mut result = String::with_capacity(text.len());
    for (i, &c) in out.iter().enumerate() {
        if c == 'ー'
            && i > 0
            && is_katakana(out[i - 1])
            && out
                .get(i + 1)
                .is_none_or(|n| !is_katakana(*n) && *n != 'ー')
        {
            continue;
        }
        result.push(c);
    }
    result
}

fn is_katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c)
}

fn sound_mark(c: char) -> Option<char> {
    match c {
        'ﾞ' => Some('゛'),
        'ﾟ' => Some('゜'),
        _ => None,
    }
}

/// A kana with its voiced (゛) or semi-voiced (゜) sound mark.
fn compose(kana: char, mark: char) -> Option<char> {
    let code = kana as u32;
    let voiced = |c: u32| char::from_u32(c + 1);
    match mark {
        '゛' => {
            let base =
                "かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホ";
            if base.contains(kana) {
                voiced(code)
            } else if kana == 'ウ' {
                Some('ヴ')
            } else {
                None
            }
        }
        _ => {
            if "はひふへほハヒフヘホ".contains(kana) {
                char::from_u32(code + 2)
            } else {
                None
            }
        }
    }
}

fn halfwidth_katakana(c: char) -> char {
    const TABLE: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";
    let index = (c as u32 - 0xFF61) as usize;
    TABLE.chars().nth(index).unwrap_or(c)
}

/// Kinds of characters, for cutting text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Kanji,
    Katakana,
    Hiragana,
    Ascii,
    Other,
}

fn kind(c: char) -> Kind {
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヶ' => Kind::Kanji,
        'ー' | '\u{30A1}'..='\u{30FA}' => Kind::Katakana,
        '\u{3041}'..='\u{3096}' => Kind::Hiragana,
        c if c.is_ascii_alphanumeric() => Kind::Ascii,
        _ => Kind::Other,
    }
}

/// A token: a character bigram (a single kanji as `(kanji, ' ')`), an ASCII word, or a
/// thesaurus group.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token {
    Gram(char, char),
    Word(String),
    Term(usize),
}

/// Tokens of a text with their counts: bigrams of kanji and katakana, single kanji at half
/// weight, ASCII words. Bigrams with hiragana (mostly grammar: して, ます, を定) are left
/// out; thesaurus words found count as their group and, for their kanji, as their
/// bigrams too; words to ignore count as nothing.
pub fn tokens(text: &str, lexicon: &Lexicon) -> HashMap<Token, f64> {
    let spelled = lexicon.spell(text);
    let (groups, rest) = lexicon.find(&spelled);
    let mut out: HashMap<Token, f64> = HashMap::new();
    for g in groups {
        *out.entry(Token::Term(g)).or_default() += 1.0;
    }
    // Kanji of the thesaurus's words keep their bigrams: "暗号化" still shares 暗号 with
    // texts the thesaurus does not cover. English words and katakana are fully replaced by
    // the group: the bigrams of データセンタ would match every データ by chance.
    let source: Vec<char> = spelled.chars().collect();
    let blanked: Vec<char> = rest.chars().collect();
    let chars: Vec<char> = source
        .iter()
        .zip(&blanked)
        .map(|(s, b)| {
            if *b == TAKEN && !s.is_ascii() && kind(*s) != Kind::Katakana {
                *s
            } else {
                *b
            }
        })
        .collect();
    let mut i = 0;
    while i < chars.len() {
        let k = kind(chars[i]);
        let start = i;
        while i < chars.len() && same_run(k, kind(chars[i])) {
            i += 1;
        }
        if start == i {
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        match k {
            Kind::Other => {}
            Kind::Ascii => {
                let word: String = run.iter().collect();
                if word.len() > 1 {
                    *out.entry(Token::Word(stem(word))).or_default() += 1.0;
                }
            }
            _ => {
                // Single kanji count for half a bigram: they carry meaning on their own
                // (鍵, 守る) but match loosely.
                for c in run.iter().filter(|c| kind(**c) == Kind::Kanji) {
                    *out.entry(Token::Gram(*c, ' ')).or_default() += 0.5;
                }
                for pair in run.windows(2) {
                    if kind(pair[0]) == Kind::Hiragana || kind(pair[1]) == Kind::Hiragana {
                        continue;
                    }
                    *out.entry(Token::Gram(pair[0], pair[1])).or_default() += 1.0;
                }
            }
        }
    }
    out
}

fn same_run(first: Kind, next: Kind) -> bool {
    match first {
        Kind::Ascii => next == Kind::Ascii,
        Kind::Other => false,
        _ => matches!(next, Kind::Kanji | Kind::Katakana | Kind::Hiragana),
    }
}

/// A plural English word as its singular (a rough cut: enough for matching).
fn stem(word: String) -> String {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_owned()
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_variants_are_folded() {
        assert_eq!(fold_width("ＭＦＡ　ｻｰﾊﾞｰ"), "mfa サーバ");
        assert_eq!(fold_width("ﾃﾞｰﾀﾍﾞｰｽ"), "データベース");
        assert_eq!(fold_width("ユーザー、サーバー"), "ユーザ、サーバ");
        assert_eq!(fold_width("か\u{3099}"), "が");
        assert_eq!(fold_width("①"), "1");
    }

    #[test]
    fn bigrams_skip_punctuation_and_grammar() {
        let lexicon = Lexicon::default();
        let t = tokens("暗号・鍵 管理していますか", &lexicon);
        assert!(t.contains_key(&Token::Gram('管', '理')));
        assert!(!t.contains_key(&Token::Gram('号', '・')));
        assert!(!t.contains_key(&Token::Gram('て', 'い')));
        assert!(!t.contains_key(&Token::Gram('理', 'し')));
        assert!(t.contains_key(&Token::Gram('鍵', ' ')));
        let lexicon = Lexicon::new([&crate::mapping::thesaurus::Thesaurus {
            terms: vec![
                vec!["情報の場所".into(), "データセンタ".into()],
                vec!["暗号".into(), "encryption".into()],
            ],
            ..Default::default()
        }]);
        let t = tokens("データセンタで暗号化", &lexicon);
        assert_eq!(t.get(&Token::Term(0)), Some(&1.0));
        assert!(
            t.contains_key(&Token::Gram('暗', '号')),
            "kanji keep their bigrams"
        );
        assert!(
            !t.contains_key(&Token::Gram('デ', 'ー')),
            "katakana of a thesaurus word do not"
        );
        let t = tokens("Backups of logs", &lexicon);
        assert!(t.contains_key(&Token::Word("backup".into())));
        assert!(t.contains_key(&Token::Word("of".into())));
    }
}
