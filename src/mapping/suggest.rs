//! Suggested mappings for a questionnaire: for each of its controls, the closest controls
//! of another catalog by character bigrams of title and text (Japanese has no spaces, so
//! words are not a unit). The result is a mapping file of `status: suggested` pairs for a
//! person to review; suggestions are never used for answers until confirmed.

use std::collections::HashMap;

use crate::model::{Catalog, Control};

/// One suggestion: a control, its best matches and their scores (0–1).
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub from: String,
    pub from_title: String,
    pub matches: Vec<(String, String, f64)>,
}

/// Characters that carry no meaning for matching.
fn is_noise(c: char) -> bool {
    c.is_whitespace()
        || "、。・，．,.:：;；（）()「」『』【】[]{}<>＜＞!！?？/／-ー〜~\"'“”".contains(c)
}

/// Character bigrams with counts, after dropping punctuation and spaces.
fn bigrams(text: &str) -> HashMap<(char, char), u32> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !is_noise(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut grams = HashMap::new();
    for pair in chars.windows(2) {
        *grams.entry((pair[0], pair[1])).or_insert(0) += 1;
    }
    grams
}

/// A control as a TF-IDF weighted bigram vector (title bigrams count twice), normalised.
type Vector = HashMap<(char, char), f64>;

fn text_of(control: &Control) -> String {
    let title = control.title.as_deref().unwrap_or_default();
    format!(
        "{title}\u{0}{title}\u{0}{}",
        control.text.as_deref().unwrap_or_default()
    )
}

fn vectors(controls: &[&Control], idf: &HashMap<(char, char), f64>) -> Vec<Vector> {
    controls
        .iter()
        .map(|c| {
            let mut v: Vector = bigrams(&text_of(c))
                .into_iter()
                .filter(|((a, b), _)| *a != '\u{0}' && *b != '\u{0}')
                .map(|(g, n)| {
                    (
                        g,
                        (1.0 + f64::from(n).ln()) * idf.get(&g).copied().unwrap_or(1.0),
                    )
                })
                .collect();
            let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|w| *w /= norm);
            }
            v
        })
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(g, w)| w * large.get(g).copied().unwrap_or(0.0))
        .sum()
}

/// Up to `top` matches per control of `from` with a score of at least `min_score`.
/// Bigrams are weighted by how rare they are across both catalogs, so shared words such
/// as 情報セキュリティ count little and specific ones (暗号, バックアップ) decide.
pub fn suggest(from: &Catalog, to: &Catalog, top: usize, min_score: f64) -> Vec<Suggestion> {
    let sources = from.controls();
    let targets = to.controls();
    let mut document_frequency: HashMap<(char, char), f64> = HashMap::new();
    for control in sources.iter().chain(&targets) {
        for gram in bigrams(&text_of(control)).into_keys() {
            *document_frequency.entry(gram).or_default() += 1.0;
        }
    }
    let documents = (sources.len() + targets.len()) as f64;
    let idf: HashMap<(char, char), f64> = document_frequency
        .into_iter()
        .map(|(g, df)| (g, (documents / df).ln() + 1.0))
        .collect();
    let source_vectors = vectors(&sources, &idf);
    let target_vectors = vectors(&targets, &idf);
    let label = |c: &Control| {
        c.title
            .as_deref()
            .or(c.text.as_deref())
            .unwrap_or_default()
            .to_owned()
    };
    sources
        .iter()
        .zip(&source_vectors)
        .map(|(control, vector)| {
            let mut scored: Vec<(String, String, f64)> = targets
                .iter()
                .zip(&target_vectors)
                .map(|(t, tv)| (t.id.clone(), label(t), cosine(vector, tv)))
                .filter(|(_, _, s)| *s >= min_score)
                .collect();
            scored.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            scored.truncate(top);
            Suggestion {
                from: control.id.clone(),
                from_title: label(control),
                matches: scored,
            }
        })
        .collect()
}

/// A mapping file of suggested pairs, with each candidate's score and title as a comment
/// so a reviewer can judge it without opening both catalogs.
pub fn render(from: &Catalog, to: &Catalog, suggestions: &[Suggestion]) -> String {
    let one_line = |t: &str| {
        t.lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect::<String>()
    };
    let mut out = format!(
        "# Suggested by `checksheet map suggest {} {}`: review every pair, then change its\n# status to `confirmed` (or delete it). Suggested pairs never carry answers.\nmapping:\n  from: {}\n  to: {}\npairs:\n",
        from.id, to.id, from.id, to.id
    );
    let mut empty = true;
    for s in suggestions {
        let Some((best, _, score)) = s.matches.first() else {
            continue;
        };
        empty = false;
        out.push_str(&format!("  # {} {}\n", s.from, one_line(&s.from_title)));
        for (id, title, score) in &s.matches {
            out.push_str(&format!("  #   {score:.2} {id} {}\n", one_line(title)));
        }
        out.push_str(&format!(
            "  - {{from: \"{}\", to: [\"{}\"], status: suggested, score: {score:.2}}}\n",
            s.from.replace('"', "\\\""),
            best.replace('"', "\\\"")
        ));
    }
    if empty {
        out = out.replace("pairs:\n", "pairs: []\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_ignore_punctuation_and_spaces() {
        let grams = bigrams("暗号・鍵 管理");
        assert_eq!(grams.len(), 4);
        assert!(grams.contains_key(&('号', '鍵')));
    }
}
