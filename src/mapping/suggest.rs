//! Suggested mappings for a questionnaire: for each of its questions, the controls of
//! another catalog that ask the same, for a person to review. Suggestions are never used
//! for answers until confirmed.
//!
//! Three ways lead from a question to a control, strongest first:
//! 1. **Memory**: a question identical or nearly identical to one a person confirmed
//!    earlier (any mapping file or catalog ref of the project, to any catalog, followed
//!    one step further) gets the controls it was confirmed for.
//! 2. **Text**: BM25F over character bigrams, ASCII words and thesaurus groups, against
//!    every text the project has for a control: its title, text and group titles, the
//!    project's answer to it (and to controls it is confirmed to map to), questions
//!    confirmed for it before, and the thesaurus's keywords for it (the customer's words:
//!    `controls/thesaurus/keywords-*.yaml` and the project's). Spellings are folded and
//!    synonyms (Japanese and English) found through the thesaurus.
//! 3. **ISO/IEC 27001 Annex A hub**: a question that names Annex A controls (CAIQ, CCM and
//!    others do) is drawn to controls naming the same ones.
//!
//! Scores are 0–1: for text, the share of the question's weighted content the control's
//! texts hold; a memory match scores its similarity. Below [`CONFIDENT`], matched only
//! through words many controls use, or asking for the company's facts or commercial terms
//! (a thesaurus `facts` word: head count, revenue, prices, addresses, contract terms), a
//! question has no confident counterpart: its candidates are listed as comments only.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use super::text::{Token, tokens};
use super::thesaurus::{Lexicon, Thesaurus};
use super::{Mapping, iso27001, relations};
use crate::load::Workspace;
use crate::load::answers::AnswerFile;
use crate::model::{Answer, AnswerBody, Catalog, Control, Group};

/// The lowest score of a confident pair: below it, a question's candidates are comments.
pub const CONFIDENT: f64 = 0.135;
/// A confident pair matched at least one word of the question, or two together, at most
/// this share of the target controls use (a word shared by a fifth of a catalog tells
/// nothing of which).
pub const RARE: f64 = 0.09;
/// The lowest similarity of a question to one confirmed before for it to count as the same.
pub const SAME_QUESTION: f64 = 0.80;

/// BM25 saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How much an English word no control uses counts against a question's score: an English
/// question is mostly words Japanese texts cannot hold; only its thesaurus groups match.
const UNSEEN_WORD: f64 = 0.35;
/// How much a thesaurus group of the question counts beside its bigrams and words: a group
/// names a concept a person chose; bigrams also match by chance.
const TERM_QUERY: f64 = 3.0;
/// How much the title of the question's group counts beside the question.
const GROUP_QUERY: f64 = 0.3;
/// How much a match in a control's thesaurus keywords counts (its title counts 2).
const KEYWORDS_WEIGHT: f64 = 1.5;
/// How far a shared Annex A control lifts a candidate towards 1.
const HUB_WEIGHT: f64 = 0.5;

/// The texts of a control, each with how much a match in it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Title,
    Text,
    Group,
    Answer,
    Earlier,
    Keywords,
}

impl Field {
    const ALL: [Field; 6] = [
        Field::Title,
        Field::Text,
        Field::Group,
        Field::Answer,
        Field::Earlier,
        Field::Keywords,
    ];

    fn weight(self) -> f64 {
        match self {
            Field::Title => 2.0,
            Field::Text => 1.0,
            Field::Group => 0.5,
            Field::Answer => 1.0,
            Field::Earlier => 1.5,
            Field::Keywords => KEYWORDS_WEIGHT,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Field::Title | Field::Text | Field::Group => "guideline",
            Field::Answer => "answer",
            Field::Earlier => "earlier questions",
            Field::Keywords => "keywords",
        }
    }
}

/// How a candidate was found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// Confirmed before for a question this nearly repeats.
    Memory { catalog: String, control: String },
    /// Through Annex A controls both name.
    Hub(Vec<String>),
    /// By text: which of the control's texts matched, and the thesaurus groups that did.
    Text {
        fields: Vec<&'static str>,
        terms: Vec<String>,
        bilingual: bool,
    },
}

impl Found {
    pub fn note(&self) -> String {
        match self {
            Found::Memory { catalog, control } => {
                format!("confirmed before in {catalog} {control}")
            }
            Found::Hub(ids) => format!("via ISO/IEC 27001 {}", ids.join(", ")),
            Found::Text {
                fields,
                terms,
                bilingual,
            } => {
                let mut note = format!("text: {}", fields.join(", "));
                if !terms.is_empty() {
                    let kind = if *bilingual {
                        "bilingual thesaurus"
                    } else {
                        "thesaurus"
                    };
                    note.push_str(&format!("; {kind}: {}", terms.join(", ")));
                }
                note
            }
        }
    }
}

/// A candidate control for a question.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub score: f64,
    pub found: Found,
    /// The share of target controls holding the rarest question token this one matched, or
    /// both of the rarest two (single kanji aside) if fewer do: a question matched only
    /// through words every other control uses is no evidence.
    pub rarest: f64,
}

/// One question, its candidates (best first), and the controls its pair would name.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub from: String,
    pub from_title: String,
    pub matches: Vec<Candidate>,
    /// The controls of the pair: those confirmed before for a repeated question, or the
    /// best candidate.
    pub to: Vec<String>,
    /// The thesaurus `facts` word by which the question asks for a company's facts or
    /// commercial terms, which no control answers.
    pub fact: Option<String>,
}

impl Suggestion {
    /// A pair worth proposing: a question confirmed before, or a best candidate scoring at
    /// least [`CONFIDENT`] through a word at most [`RARE`] of the controls use, for a
    /// question that does not ask for the company's facts or terms.
    pub fn confident(&self) -> bool {
        self.matches.first().is_some_and(|c| {
            matches!(c.found, Found::Memory { .. })
                || (self.fact.is_none() && c.score >= CONFIDENT && c.rarest <= RARE)
        })
    }
}

/// What the project knows besides the two catalogs.
pub struct Context<'a> {
    pub catalogs: &'a IndexMap<String, Catalog>,
    pub answer_files: &'a [AnswerFile],
    pub mappings: &'a [Mapping],
    pub thesauri: &'a [Thesaurus],
}

impl<'a> Context<'a> {
    pub fn of(ws: &'a Workspace) -> Context<'a> {
        Context {
            catalogs: &ws.catalogs,
            answer_files: &ws.answer_files,
            mappings: &ws.mappings,
            thesauri: &ws.thesauri,
        }
    }
}

/// The texts of an answer that say what the company does. Another source (such as
/// evidence) is one more line here.
fn answer_texts(answer: &Answer) -> Vec<&str> {
    let mut texts = Vec::new();
    match &answer.body {
        Some(AnswerBody::Text(text)) => texts.push(&**text),
        Some(AnswerBody::Items(items)) => texts.extend(items.iter().map(String::as_str)),
        None => {}
    }
    texts.extend(answer.evidence.iter().map(String::as_str));
    texts.extend(answer.links.iter().map(String::as_str));
    texts
}

/// A control with the groups above it, outermost first.
struct Placed<'c> {
    control: &'c Control,
    groups: Vec<&'c Group>,
}

fn placed(catalog: &Catalog) -> Vec<Placed<'_>> {
    fn walk<'c>(group: &'c Group, above: &mut Vec<&'c Group>, out: &mut Vec<Placed<'c>>) {
        above.push(group);
        for control in &group.controls {
            out.push(Placed {
                control,
                groups: above.clone(),
            });
        }
        for g in &group.groups {
            walk(g, above, out);
        }
        above.pop();
    }
    let mut out: Vec<Placed> = catalog
        .controls
        .iter()
        .map(|control| Placed {
            control,
            groups: Vec::new(),
        })
        .collect();
    for g in &catalog.groups {
        walk(g, &mut Vec::new(), &mut out);
    }
    out
}

fn question_text(control: &Control) -> String {
    [control.title.as_deref(), control.text.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Annex A IDs a control names, itself or through its groups.
fn annex_a(placed: &Placed) -> Vec<String> {
    placed
        .groups
        .iter()
        .map(|g| &g.refs)
        .chain([&placed.control.refs])
        .filter_map(|refs| refs.get(iso27001::HUB))
        .flatten()
        .cloned()
        .collect()
}

/// How closely two sets of Annex A IDs agree: 1 for a shared control, 0.5 for a shared
/// objective, 0 otherwise; with the shared IDs.
fn hub_match(question: &[String], control: &[String]) -> (f64, Vec<String>) {
    let objective = |id: &str| id.split('.').take(3).collect::<Vec<_>>().join(".");
    let depth = |id: &str| id.split('.').count();
    let mut shared: Vec<String> = question
        .iter()
        .filter(|q| depth(q) == 4 && control.contains(q))
        .cloned()
        .collect();
    shared.sort();
    shared.dedup();
    if !shared.is_empty() {
        return (1.0, shared);
    }
    let mut objectives: Vec<String> = question
        .iter()
        .filter(|q| depth(q) >= 3)
        .map(|q| objective(q))
        .filter(|o| control.iter().any(|c| depth(c) >= 3 && objective(c) == *o))
        .collect();
    objectives.sort();
    objectives.dedup();
    if objectives.is_empty() {
        (0.0, Vec::new())
    } else {
        (0.5, objectives)
    }
}

/// A target control as BM25F sees it.
struct Document {
    fields: Vec<(Field, HashMap<Token, f64>, f64)>,
}

/// A question confirmed before, and the target controls it was confirmed for.
struct Earlier {
    catalog: String,
    control: String,
    tokens: HashSet<Token>,
    targets: Vec<String>,
}

fn token_set(counts: &HashMap<Token, f64>) -> HashSet<Token> {
    counts.keys().cloned().collect()
}

/// Dice similarity of two token sets.
fn similarity(a: &HashSet<Token>, b: &HashSet<Token>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count() as f64;
    2.0 * shared / (a.len() + b.len()) as f64
}

/// Up to `top` candidates per question of `from` scoring at least `min_score`.
pub fn suggest(
    cx: &Context,
    from: &Catalog,
    to: &Catalog,
    top: usize,
    min_score: f64,
) -> Vec<Suggestion> {
    let lexicon = Lexicon::new(cx.thesauri);
    let edges = relations(cx.catalogs, cx.mappings);
    let (earlier, earlier_text) = confirmed_before(cx, &edges, to, &lexicon);
    let index = Index::new(cx, to, &edges, &earlier_text, &lexicon);
    placed(from)
        .iter()
        .map(|question| index.suggest_for(question, &earlier, top, min_score))
        .collect()
}

/// The controls of another catalog related to a target control (directly, or through one
/// more catalog): the questions confirmed before, with the target controls each was
/// confirmed for, and each target control's earlier questions' texts.
fn confirmed_before(
    cx: &Context,
    edges: &Edges,
    to: &Catalog,
    lexicon: &Lexicon,
) -> (Vec<Earlier>, HashMap<String, Vec<String>>) {
    let control_of = |catalog: &str, id: &str| -> Option<&Control> {
        cx.catalogs
            .get(catalog)?
            .controls()
            .into_iter()
            .find(|c| c.id == id)
    };
    let mut earlier: Vec<Earlier> = Vec::new();
    let mut earlier_text: HashMap<String, Vec<String>> = HashMap::new();
    let mut keys: Vec<&super::ControlRef> = edges.keys().collect();
    keys.sort();
    for key in keys {
        let (catalog, id) = key;
        if catalog == &to.id {
            continue;
        }
        let targets = related_targets(edges, key, &to.id);
        if targets.is_empty() {
            continue;
        }
        let Some(control) = control_of(catalog, id) else {
            continue;
        };
        let text = question_text(control);
        for t in &targets {
            earlier_text
                .entry(t.clone())
                .or_default()
                .push(text.clone());
        }
        earlier.push(Earlier {
            catalog: catalog.clone(),
            control: id.clone(),
            tokens: token_set(&tokens(&text, lexicon)),
            targets,
        });
    }
    (earlier, earlier_text)
}

/// The controls of catalog `to` that `key` is related to, directly or else through one
/// more catalog; sorted, without repeats.
fn related_targets(edges: &Edges, key: &super::ControlRef, to: &str) -> Vec<String> {
    let neighbours = &edges[key];
    let mut targets: Vec<String> = neighbours
        .iter()
        .filter(|(c, _)| c == to)
        .map(|(_, t)| t.clone())
        .collect();
    if targets.is_empty() {
        for (c2, id2) in neighbours.iter().filter(|(c, _)| c != to) {
            if let Some(next) = edges.get(&(c2.clone(), id2.clone())) {
                targets.extend(next.iter().filter(|(c, _)| c == to).map(|(_, t)| t.clone()));
            }
        }
    }
    targets.sort();
    targets.dedup();
    targets
}

/// Direct relations between controls ([`relations`]).
type Edges = HashMap<super::ControlRef, Vec<super::ControlRef>>;

/// The target catalog's controls as BM25F documents, with the statistics scoring needs.
struct Index<'a> {
    lexicon: &'a Lexicon,
    targets: Vec<Placed<'a>>,
    documents: Vec<Document>,
    /// Average length of each field over the documents where it is not empty.
    average: HashMap<Field, f64>,
    /// In how many documents each token occurs.
    document_frequency: HashMap<Token, f64>,
    /// The tokens of each document.
    document_tokens: Vec<HashSet<Token>>,
    /// The Annex A IDs of each target control, its own and those of the controls mapped
    /// to it.
    target_annex: Vec<Vec<String>>,
}

impl<'a> Index<'a> {
    fn new(
        cx: &'a Context<'a>,
        to: &'a Catalog,
        edges: &Edges,
        earlier_text: &HashMap<String, Vec<String>>,
        lexicon: &'a Lexicon,
    ) -> Index<'a> {
        let answers = answer_texts_by_control(cx);
        let keywords = keywords_by_control(cx, to);
        let targets = placed(to);
        let documents: Vec<Document> = targets
            .iter()
            .map(|p| {
                let texts = Texts {
                    answers: &answers,
                    earlier: earlier_text,
                    keywords: &keywords,
                };
                document(p, to, edges, &texts, lexicon)
            })
            .collect();
        let mut average: HashMap<Field, f64> = HashMap::new();
        for field in Field::ALL {
            let lengths: Vec<f64> = documents
                .iter()
                .flat_map(|d| d.fields.iter().filter(|f| f.0 == field).map(|f| f.2))
                .filter(|l| *l > 0.0)
                .collect();
            let avg = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
            average.insert(field, avg.max(1.0));
        }
        let mut document_frequency: HashMap<Token, f64> = HashMap::new();
        let mut document_tokens: Vec<HashSet<Token>> = Vec::new();
        for d in &documents {
            let mut seen: HashSet<Token> = HashSet::new();
            for (_, counts, _) in &d.fields {
                seen.extend(counts.keys().cloned());
            }
            for t in &seen {
                *document_frequency.entry(t.clone()).or_default() += 1.0;
            }
            document_tokens.push(seen);
        }
        let target_annex = targets
            .iter()
            .map(|p| {
                let mut ids = annex_a(p);
                // Controls confirmed to map to this one lend it their Annex A IDs.
                for (other, id) in edges
                    .get(&(to.id.clone(), p.control.id.clone()))
                    .into_iter()
                    .flatten()
                {
                    if let Some(catalog) = cx.catalogs.get(other)
                        && let Some(o) = placed(catalog).iter().find(|o| &o.control.id == id)
                    {
                        ids.extend(annex_a(o));
                    }
                }
                ids
            })
            .collect();
        Index {
            lexicon,
            targets,
            documents,
            average,
            document_frequency,
            document_tokens,
            target_annex,
        }
    }

    /// How many documents there are.
    fn n(&self) -> f64 {
        self.documents.len() as f64
    }

    /// BM25's inverse document frequency of a token.
    fn idf(&self, t: &Token) -> f64 {
        let df = self.document_frequency.get(t).copied().unwrap_or(0.0);
        (1.0 + (self.n() - df + 0.5) / (df + 0.5)).ln()
    }

    /// The suggestion for one question: its best candidates, and the pair.
    fn suggest_for(
        &self,
        question: &Placed,
        earlier: &[Earlier],
        top: usize,
        min_score: f64,
    ) -> Suggestion {
        let control = question.control;
        let text = question_text(control);
        let lexicon = self.lexicon;
        let fact = lexicon.fact(&lexicon.spell(&text)).map(str::to_owned);
        let counts = tokens(&text, lexicon);
        let query = Query::new(self, question, &text, &counts);
        let own_tokens = token_set(&counts);
        let mut memory: HashMap<&str, (f64, &Earlier)> = HashMap::new();
        let mut best_earlier: Option<(f64, &Earlier)> = None;
        for e in earlier {
            let s = similarity(&own_tokens, &e.tokens);
            if s >= SAME_QUESTION {
                for t in &e.targets {
                    let entry = memory.entry(t.as_str()).or_insert((s, e));
                    if s > entry.0 {
                        *entry = (s, e);
                    }
                }
                if best_earlier.is_none_or(|(b, _)| s > b) {
                    best_earlier = Some((s, e));
                }
            }
        }
        let mut scored: Vec<Candidate> = (0..self.targets.len())
            .map(|i| self.candidate(i, &query, &memory))
            .filter(|c| c.score >= min_score)
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        scored.truncate(top);
        let to = match (&best_earlier, scored.first()) {
            (
                Some((_, e)),
                Some(Candidate {
                    found: Found::Memory { .. },
                    ..
                }),
            ) => e.targets.clone(),
            (_, Some(best)) => vec![best.id.clone()],
            _ => Vec::new(),
        };
        Suggestion {
            from: control.id.clone(),
            from_title: label(control),
            matches: scored,
            to,
            fact,
        }
    }

    /// How well target control `i` answers the query: BM25F over its fields, the Annex A
    /// hub, and the memory of questions confirmed before.
    fn candidate(
        &self,
        i: usize,
        query: &Query,
        memory: &HashMap<&str, (f64, &Earlier)>,
    ) -> Candidate {
        let (p, d, annex) = (&self.targets[i], &self.documents[i], &self.target_annex[i]);
        let n = self.n();
        let mut total = 0.0;
        let mut by_field: HashMap<&'static str, f64> = HashMap::new();
        let mut terms: Vec<(f64, String)> = Vec::new();
        let mut rarest: f64 = 1.0;
        let mut matched: Vec<(f64, &Token)> = Vec::new();
        for (t, w) in &query.weights {
            let mut tf = 0.0;
            let mut parts: Vec<(Field, f64)> = Vec::new();
            for (field, counts, length) in &d.fields {
                if let Some(c) = counts.get(t) {
                    let norm = 1.0 - B + B * length / self.average[field];
                    let part = field.weight() * c / norm;
                    tf += part;
                    parts.push((*field, part));
                }
            }
            if tf == 0.0 {
                continue;
            }
            let gain = w * self.idf(t) * tf / (K1 + tf);
            if *w >= 1.0 {
                let df = self.document_frequency.get(t).copied().unwrap_or(0.0);
                rarest = rarest.min(df / n);
                if !matches!(t, Token::Gram(_, ' ')) {
                    matched.push((df, t));
                }
            }
            total += gain;
            for (field, part) in parts {
                *by_field.entry(field.label()).or_default() += gain * part / tf;
            }
            if let Token::Term(g) = t {
                terms.push((gain, self.lexicon.name(*g).to_owned()));
            }
        }
        // Two words each common can be rare together ("assess" and "suppliers"): the share
        // of controls holding both of the rarest two counts too.
        if matched.len() >= 2 {
            matched.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
            let (a, b) = (matched[0].1, matched[1].1);
            let both = self
                .document_tokens
                .iter()
                .filter(|d| d.contains(a) && d.contains(b))
                .count() as f64;
            rarest = rarest.min(both / n);
        }
        let text_score = if query.possible > 0.0 {
            (total / query.possible).min(1.0)
        } else {
            0.0
        };
        let (hub, shared) = if query.annex.is_empty() {
            (0.0, Vec::new())
        } else {
            hub_match(&query.annex, annex)
        };
        let hub_part = (1.0 - text_score) * HUB_WEIGHT * hub;
        let mut score = text_score + hub_part;
        let mut fields: Vec<(&'static str, f64)> = by_field.into_iter().collect();
        fields.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        terms.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        if hub >= 1.0 {
            rarest = 0.0;
        }
        let mut found = if hub_part > text_score {
            Found::Hub(shared)
        } else {
            Found::Text {
                fields: fields.into_iter().map(|f| f.0).collect(),
                terms: terms.into_iter().take(3).map(|t| t.1).collect(),
                bilingual: query.english,
            }
        };
        if let Some((s, e)) = memory.get(p.control.id.as_str())
            && *s >= score
        {
            score = *s;
            rarest = 0.0;
            found = Found::Memory {
                catalog: e.catalog.clone(),
                control: e.control.clone(),
            };
        }
        Candidate {
            id: p.control.id.clone(),
            title: label(p.control),
            score,
            found,
            rarest,
        }
    }
}

/// A question as the index scores it: its tokens' weights, the most it can score, its
/// Annex A IDs, and whether it is in English.
struct Query {
    weights: HashMap<Token, f64>,
    /// The most the question can score: every token fully matched.
    possible: f64,
    annex: Vec<String>,
    english: bool,
}

impl Query {
    fn new(index: &Index, question: &Placed, text: &str, counts: &HashMap<Token, f64>) -> Query {
        let mut weights: HashMap<Token, f64> = counts
            .keys()
            .map(|t| {
                let weight = if matches!(t, Token::Term(_)) {
                    TERM_QUERY
                } else {
                    1.0
                };
                (t.clone(), weight)
            })
            .collect();
        if let Some(group) = question.groups.last() {
            for t in tokens(&group.title, index.lexicon).into_keys() {
                weights.entry(t).or_insert(GROUP_QUERY);
            }
        }
        let english = text.chars().filter(|c| c.is_ascii_alphabetic()).count() * 2
            > text.chars().filter(|c| !c.is_whitespace()).count();
        let possible: f64 = weights
            .iter()
            .map(|(t, w)| {
                let unseen = !index.document_frequency.contains_key(t);
                let discount = if unseen && matches!(t, Token::Word(_)) {
                    UNSEEN_WORD
                } else {
                    1.0
                };
                w * index.idf(t) * discount
            })
            .sum();
        Query {
            weights,
            possible,
            annex: annex_a(question),
            english,
        }
    }
}

/// The project's answer texts by (catalog, control).
fn answer_texts_by_control<'a>(cx: &Context<'a>) -> HashMap<(&'a str, &'a str), Vec<&'a str>> {
    let mut answers: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for file in cx.answer_files {
        for answer in &file.answers {
            answers
                .entry((file.catalog.as_str(), answer.control.as_str()))
                .or_default()
                .extend(answer_texts(answer));
        }
    }
    answers
}

/// The thesaurus keywords of each control of catalog `to` (built-in and the project's).
fn keywords_by_control<'a>(cx: &'a Context, to: &Catalog) -> HashMap<&'a str, Vec<&'a str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for k in cx.thesauri.iter().flat_map(|t| &t.keywords) {
        if k.catalog == to.id {
            out.entry(k.control.as_str())
                .or_default()
                .extend(k.words.iter().map(String::as_str));
        }
    }
    out
}

/// The project's texts about target controls besides the guideline's own.
struct Texts<'t> {
    /// The answers' texts, per (catalog, control).
    answers: &'t HashMap<(&'t str, &'t str), Vec<&'t str>>,
    /// Questions confirmed before, per target control.
    earlier: &'t HashMap<String, Vec<String>>,
    /// Thesaurus keywords, per target control.
    keywords: &'t HashMap<&'t str, Vec<&'t str>>,
}

/// A target control as a BM25F document: its title, text, groups' titles, the project's
/// answers to it (and to the controls mapped to it), the questions confirmed for it
/// before, and the thesaurus's keywords for it.
fn document(
    p: &Placed,
    to: &Catalog,
    edges: &Edges,
    texts_of: &Texts,
    lexicon: &Lexicon,
) -> Document {
    let answers = texts_of.answers;
    let earlier_text = texts_of.earlier;
    let c = p.control;
    let mut texts: Vec<(Field, String)> = vec![
        (
            Field::Title,
            c.title.as_deref().unwrap_or_default().to_owned(),
        ),
        (
            Field::Text,
            c.text.as_deref().unwrap_or_default().to_owned(),
        ),
        (
            Field::Group,
            p.groups
                .iter()
                .map(|g| g.title.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ];
    let key = (to.id.clone(), c.id.clone());
    let mut answer = answers
        .get(&(to.id.as_str(), c.id.as_str()))
        .cloned()
        .unwrap_or_default();
    for (other, id) in edges.get(&key).into_iter().flatten() {
        if let Some(more) = answers.get(&(other.as_str(), id.as_str())) {
            answer.extend(more);
        }
    }
    texts.push((Field::Answer, answer.join("\n")));
    texts.push((
        Field::Earlier,
        earlier_text
            .get(&c.id)
            .map(|t| t.join("\n"))
            .unwrap_or_default(),
    ));
    texts.push((
        Field::Keywords,
        texts_of
            .keywords
            .get(c.id.as_str())
            .map(|words| words.join("\n"))
            .unwrap_or_default(),
    ));
    Document {
        fields: texts
            .into_iter()
            .map(|(field, text)| {
                let counts = tokens(&text, lexicon);
                let length = counts.values().sum::<f64>();
                (field, counts, length)
            })
            .collect(),
    }
}

/// A control's title (or else its text), as candidates are listed.
fn label(c: &Control) -> String {
    c.title
        .as_deref()
        .or(c.text.as_deref())
        .unwrap_or_default()
        .to_owned()
}

/// How wide (in terminal columns, a full-width character counting two) a title shown in a
/// comment of a suggested mapping may be.
pub const TITLE_WIDTH: usize = 60;

/// `text` cut to at most `width` columns with an ellipsis: text with spaces (English) at the
/// last space that fits, other text (Japanese) at the last character that fits.
pub fn clip(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let text = text.trim();
    let columns = |c: char| c.width().unwrap_or(0);
    if text.chars().map(columns).sum::<usize>() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(1);
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + columns(c) > room {
            break;
        }
        used += columns(c);
        kept.push(c);
    }
    if text.contains([' ', '\u{3000}']) {
        // The next character starts a word when it is a space: the last word fits whole.
        let next = text[kept.len()..].chars().next();
        if !next.is_some_and(char::is_whitespace)
            && let Some(space) = kept.rfind([' ', '\u{3000}'])
        {
            kept.truncate(space);
        }
        let trimmed = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-、".contains(c));
        kept.truncate(trimmed.len());
    }
    kept.push('…');
    kept
}

/// A mapping file of suggested pairs, with each candidate's score, title and how it was
/// found as a comment so a reviewer can judge it without opening both catalogs. A question
/// with no confident candidate keeps its candidates and its would-be pair as comments.
pub fn render(from: &Catalog, to: &Catalog, suggestions: &[Suggestion]) -> String {
    let one_line = |t: &str| clip(&comment_text(t), TITLE_WIDTH);
    let quote = |s: &str| {
        // A YAML double-quoted scalar: `\` and `"` escaped, and every control or invisible
        // character written as an escape, so the line shows what it holds.
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                c if c.is_control() || crate::chars::is_hidden_control(c) => {
                    out.push_str(&format!("\\U{:08X}", c as u32))
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    };
    let mut out = format!(
        "# Suggested by `checksheet map suggest {} {}`: review every pair, then change its\n# status to `confirmed` (or delete it). Suggested pairs never carry answers.\n# Questions without a confident counterpart (score below {CONFIDENT}, matched only through\n# words many controls use, or asking for the company's facts or terms) keep their\n# candidates as comments only.\nmapping:\n  from: {}\n  to: {}\npairs:\n",
        from.id, to.id, from.id, to.id
    );
    let mut empty = true;
    for s in suggestions {
        let Some(best) = s.matches.first() else {
            continue;
        };
        out.push_str(&format!(
            "  # {} {}\n",
            comment_text(&s.from),
            one_line(&s.from_title)
        ));
        if !s.confident() {
            match &s.fact {
                Some(word) if !matches!(best.found, Found::Memory { .. }) => {
                    out.push_str(&format!(
                        "  #   weak: asks for the company's facts or terms ({word}), which no control answers; map it by hand or leave it out\n"
                    ))
                }
                _ => out.push_str(&format!(
                    "  #   weak: no confident counterpart (best {:.2}); map it by hand or leave it out\n",
                    best.score
                )),
            }
        }
        for c in &s.matches {
            out.push_str(&format!(
                "  #   {:.2} {} {}  [{}]\n",
                c.score,
                c.id,
                one_line(&c.title),
                c.found.note()
            ));
        }
        let to: Vec<String> = s.to.iter().map(|t| quote(t)).collect();
        let pair = format!(
            "- {{from: {}, to: [{}], status: suggested, score: {:.2}}}\n",
            quote(&s.from),
            to.join(", "),
            best.score
        );
        if s.confident() {
            empty = false;
            out.push_str(&format!("  {pair}"));
        } else {
            out.push_str(&format!("  # {pair}"));
        }
    }
    if empty {
        out = out.replace("pairs:\n", "pairs: []\n");
    }
    out
}

/// The first line of `text` as a YAML comment may hold it: a comment ends at any line
/// break YAML knows (a lone carriage return too, which editors and `git diff` show on the
/// same line), so the text after one would be read as data; control and invisible
/// characters are shown escaped (`\u{1b}`), as `diff` shows them.
fn comment_text(text: &str) -> String {
    let first = text
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .next()
        .unwrap_or_default();
    crate::chars::escape_hidden(first).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn comments_never_end_early_nor_hide_characters() {
        let hostile = "方針？\r  - {from: 1-2, to: [II.1.1.1], status: confirmed}";
        assert_eq!(comment_text(hostile), "方針？");
        assert_eq!(
            comment_text("暗号\u{202e}gnp.exe\u{1b}[2J"),
            "暗号\\u{202e}gnp.exe\\u{1b}[2J"
        );
        assert_eq!(comment_text("a\u{2028}b"), "a");
    }

    #[test]
    fn a_question_asking_for_facts_is_confident_only_from_memory() {
        let candidate = |score: f64, rarest: f64, found: Found| Candidate {
            id: "II.5.1.1".into(),
            title: "雇用契約".into(),
            score,
            found,
            rarest,
        };
        let text = || Found::Text {
            fields: vec!["guideline"],
            terms: Vec::new(),
            bilingual: false,
        };
        let suggestion = |c: Candidate, fact: Option<&str>| Suggestion {
            from: "Q1".into(),
            from_title: "Q1".into(),
            matches: vec![c],
            to: vec!["II.5.1.1".into()],
            fact: fact.map(str::to_owned),
        };
        assert!(suggestion(candidate(0.6, 0.01, text()), None).confident());
        assert!(!suggestion(candidate(0.6, 0.01, text()), Some("従業員数")).confident());
        assert!(!suggestion(candidate(0.1, 0.01, text()), None).confident());
        assert!(!suggestion(candidate(0.6, 0.5, text()), None).confident());
        let memory = Found::Memory {
            catalog: "acme-2025".into(),
            control: "Q1".into(),
        };
        assert!(suggestion(candidate(0.9, 0.0, memory), Some("従業員数")).confident());
    }

    #[test]
    fn long_titles_are_cut_by_width_at_a_word_boundary() {
        let english =
            "Do you have a documented cryptographic key management procedure covering generation?";
        let cut = clip(english, 40);
        assert_eq!(cut, "Do you have a documented cryptographic…");
        assert!(cut.width() <= 40);
        // A word that ends exactly at the limit is kept whole.
        assert_eq!(clip("abc defg hij", 9), "abc defg…");
        assert_eq!(clip("abc defg, hij", 10), "abc defg…");
        // Japanese is cut by columns (two per character), not characters.
        let japanese = "クラウドサービス事業者とクラウドサービス利用者間の報告";
        let cut = clip(japanese, 20);
        assert_eq!(cut, "クラウドサービス事…");
        assert!(cut.width() <= 20);
        // Short text is left as it is; one long word is cut inside.
        assert_eq!(clip("SLA", 40), "SLA");
        assert_eq!(clip(japanese, 60), japanese);
        assert_eq!(clip("Supercalifragilistic", 8), "Superca…");
    }
}
