//! Messages in the user's language: the one place that turns a message (an ID of
//! `i18n/<lang>/checksheet.ftl` with its arguments) into text, in English or Japanese.
//!
//! The library never writes text for people: a diagnostic, a status line or an error
//! carries a [`Message`], and the reporter or the command layer renders it with
//! [`Message::text`] in the language [`Lang::chosen`] picks (`--lang`, then `LC_ALL`,
//! `LC_MESSAGES`, `LANG`). The catalogs are Fluent files embedded at compile time; a test
//! keeps both languages defining the same messages with the same variables.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The English messages, as embedded in the binary.
pub const EN_FTL: &str = include_str!("../i18n/en/checksheet.ftl");
/// The Japanese messages, as embedded in the binary.
pub const JA_FTL: &str = include_str!("../i18n/ja/checksheet.ftl");

/// A language messages are written in. Its names (`en`, `ja`) are strum's; each variant's
/// doc comment is the help of the value (`--lang`), read through [`strum::EnumMessage`].
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    /// English (the default)
    #[default]
    En,
    /// Japanese (日本語)
    Ja,
}

impl Lang {
    /// The language of a locale as POSIX names it: the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (in that order) decides; one starting with `ja` is Japanese,
    /// anything else (`C`, `en_US.UTF-8`, none at all) English.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty());
        match locale {
            Some(value) if value.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The language of this process's locale variables (see [`Lang::from_locale`]).
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let (lc_all, lc_messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
        Lang::from_locale(lc_all.as_deref(), lc_messages.as_deref(), lang.as_deref())
    }

    /// `--lang` when given, else the locale's language.
    pub fn chosen(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(Lang::from_env)
    }

    /// The language's tag, e.g. `ja`.
    pub fn tag(self) -> &'static str {
        self.into()
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Ja => 1,
        }
    }
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Sets the language of this run's messages; the first call wins (the command line makes
/// it, once, before anything is printed).
pub fn set_lang(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language of this run's messages: the one [`set_lang`] set, else English.
pub fn lang() -> Lang {
    CURRENT.get().copied().unwrap_or_default()
}

/// A value given to a message: text (user data such as IDs, paths and answers, shown as
/// is), a number (which plural forms select on), another message rendered in the same
/// language first, or messages rendered and joined by the language's `list-separator`.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    Message(Box<Message>),
    List(Vec<Message>),
    /// Messages rendered one after another, each on a line of its own.
    Lines(Vec<Message>),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(value: Cow<'_, str>) -> Self {
        Arg::Text(value.into_owned())
    }
}

impl From<&Cow<'_, str>> for Arg {
    fn from(value: &Cow<'_, str>) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<&&str> for Arg {
    fn from(value: &&str) -> Self {
        Arg::Text((*value).to_owned())
    }
}

impl From<char> for Arg {
    fn from(value: char) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<&Message> for Arg {
    fn from(value: &Message) -> Self {
        Arg::Message(Box::new(value.clone()))
    }
}

impl From<&&String> for Arg {
    fn from(value: &&String) -> Self {
        Arg::Text((*value).clone())
    }
}

impl From<Message> for Arg {
    fn from(value: Message) -> Self {
        Arg::Message(Box::new(value))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_args!(usize, u8, u16, u32, u64, i32, i64);

macro_rules! number_ref_args {
    ($($t:ty),*) => {$(
        impl From<&$t> for Arg {
            fn from(value: &$t) -> Self {
                Arg::from(*value)
            }
        }
    )*};
}
number_ref_args!(usize, u8, u16, u32, u64, i32, i64);

/// A message: the ID of an entry of the Fluent catalogs and its arguments. Text is made
/// from it only where it is printed ([`Message::text`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// `msg!(ID, name = value, …)`: a [`Message`] with its arguments (each anything
/// that is `Into<Arg>`: text, a number or another message).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// The message with one more argument, `{ $name }` in the catalogs.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message with `f` applied to every text argument, its inner messages' too
    /// (e.g. to show a temporary folder's paths as `REV:path`).
    pub fn map_texts(self, f: &dyn Fn(&str) -> String) -> Message {
        let map = |arg: Arg| match arg {
            Arg::Text(text) => Arg::Text(f(&text)),
            Arg::Number(n) => Arg::Number(n),
            Arg::Message(inner) => Arg::Message(Box::new(inner.map_texts(f))),
            Arg::List(items) => Arg::List(items.into_iter().map(|m| m.map_texts(f)).collect()),
            Arg::Lines(items) => Arg::Lines(items.into_iter().map(|m| m.map_texts(f)).collect()),
        };
        Message {
            id: self.id,
            args: self.args.into_iter().map(|(n, a)| (n, map(a))).collect(),
        }
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The message in `lang`. Never fails: a message missing from `lang`'s catalog is
    /// taken from the English one, and one missing from both is shown as its ID (the test
    /// `i18n::tests` keeps that from happening).
    pub fn text(&self, lang: Lang) -> String {
        render(self, lang)
            .unwrap_or_else(|| render(self, Lang::En).unwrap_or_else(|| self.id.to_owned()))
    }

    /// The message in the run's language ([`lang`]).
    pub fn to_text(&self) -> String {
        self.text(lang())
    }
}

/// The message in the run's language: for errors whose `Display` is a message.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| [bundle(Lang::En, EN_FTL), bundle(Lang::Ja, JA_FTL)])
}

/// The bundle of one language's catalog. Entries Fluent cannot parse are left out (the
/// tests parse both catalogs without error).
fn bundle(lang: Lang, source: &str) -> Bundle {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: terminals and logs show them as noise.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message in `lang`, or `None` when `lang`'s catalog lacks it or cannot format it.
fn render(message: &Message, lang: Lang) -> Option<String> {
    format_checked(lang, message.id, &message.args).ok()
}

/// Formats the catalog entry `id` of `lang` with `args`, or says why it cannot be (no
/// such entry, an argument missing): the tests format every entry through it.
pub fn format_checked(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Result<String, Vec<String>> {
    let bundle = &bundles()[lang.index()];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return Err(vec![format!("no message `{id}` in {}", lang.tag())]);
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Message(inner) => FluentValue::from(inner.text(lang)),
            Arg::List(items) => {
                let separator = Message::new("list-separator").text(lang);
                let texts: Vec<String> = items.iter().map(|m| m.text(lang)).collect();
                FluentValue::from(texts.join(&separator))
            }
            Arg::Lines(items) => {
                let texts: Vec<String> = items.iter().map(|m| m.text(lang)).collect();
                FluentValue::from(texts.join("\n"))
            }
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(errors.iter().map(ToString::to_string).collect())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use strum::VariantArray;

    use fluent_syntax::ast;

    use super::*;
    use crate::diag::Code;

    /// Each message of a catalog with the variables it uses, its selectors' too.
    fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("the catalog does not parse: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut vars = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        pattern_vars(pattern, &mut vars);
                    }
                    assert!(message.value.is_some(), "{} has no value", message.id.name);
                    assert!(
                        out.insert(message.id.name.to_owned(), vars).is_none(),
                        "{} is defined twice",
                        message.id.name
                    );
                }
                ast::Entry::Junk { content } => panic!("cannot parse: {content}"),
                _ => {}
            }
        }
        out
    }

    fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for variant in variants {
                    pattern_vars(&variant.value, vars);
                }
            }
            ast::Expression::Inline(inline) => inline_vars(inline, vars),
        }
    }

    fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    /// The message IDs the Rust sources name: `msg!("id"` and `Message::new("id"`, outside
    /// comments.
    fn referenced_ids() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut ids = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for opener in ["msg!(", "Message::new("] {
                for (at, _) in code.match_indices(opener) {
                    let rest = code[at + opener.len()..].trim_start();
                    let id = rest
                        .strip_prefix('"')
                        .and_then(|rest| rest.split_once('"'))
                        .map(|(id, _)| id)
                        .filter(|id| {
                            id.starts_with(|c: char| c.is_ascii_alphabetic())
                                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        });
                    ids.extend(id.map(str::to_owned));
                }
            }
        }
        ids
    }

    #[test]
    fn both_languages_define_the_same_messages_with_the_same_variables() {
        let (en, ja) = (messages(EN_FTL), messages(JA_FTL));
        let only_en: Vec<_> = en.keys().filter(|k| !ja.contains_key(*k)).collect();
        let only_ja: Vec<_> = ja.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "missing from ja: {only_en:?}");
        assert!(only_ja.is_empty(), "missing from en: {only_ja:?}");
        for (id, vars) in &en {
            assert_eq!(
                vars, &ja[id],
                "{id}: the variables differ between en and ja"
            );
        }
        assert!(en.len() > 400, "{} messages", en.len());
    }

    #[test]
    fn every_message_the_code_names_exists_in_both_languages() {
        let (en, ja) = (messages(EN_FTL), messages(JA_FTL));
        let referenced = referenced_ids();
        assert!(referenced.len() > 300, "{} referenced", referenced.len());
        for id in &referenced {
            assert!(
                en.contains_key(id),
                "`{id}` is not in i18n/en/checksheet.ftl"
            );
            assert!(
                ja.contains_key(id),
                "`{id}` is not in i18n/ja/checksheet.ftl"
            );
        }
        // Every message is used: by name, as a code's description, or as the help of a
        // command or argument (`cli::tests` checks those).
        for id in en.keys() {
            assert!(
                referenced.contains(id) || id.starts_with("code-CS") || id.starts_with("cli"),
                "`{id}` is in the catalogs but no code uses it"
            );
        }
    }

    #[test]
    fn every_message_formats_without_errors_in_both_languages() {
        for (id, vars) in messages(EN_FTL) {
            for lang in Lang::VARIANTS.iter().copied() {
                for value in [
                    Arg::Text("x".to_owned()),
                    Arg::Number(1.0),
                    Arg::Number(2.0),
                ] {
                    let args: Vec<(&str, Arg)> =
                        vars.iter().map(|v| (v.as_str(), value.clone())).collect();
                    let text = format_checked(lang, &id, &args)
                        .unwrap_or_else(|e| panic!("{id} in {}: {e:?}", lang.tag()));
                    assert!(!text.trim().is_empty() || id == "plain", "{id} is empty");
                    assert!(
                        !text.contains('\u{2068}') && !text.contains('\u{2069}'),
                        "{id}: isolation marks"
                    );
                }
            }
        }
    }

    #[test]
    fn every_code_is_described_in_both_languages() {
        for code in Code::ALL {
            let en = code.description().text(Lang::En);
            let ja = code.description().text(Lang::Ja);
            assert!(
                !en.is_empty() && en != code.description().id(),
                "{}",
                code.code()
            );
            assert!(!ja.is_empty() && ja != en, "{}: {ja}", code.code());
        }
    }

    #[test]
    fn the_locale_chooses_the_language_in_posix_order() {
        let ja = Some("ja_JP.UTF-8");
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
        assert_eq!(Lang::from_locale(None, None, ja), Lang::Ja);
        assert_eq!(Lang::from_locale(None, None, Some("ja")), Lang::Ja);
        assert_eq!(Lang::from_locale(None, None, Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None, None, Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None, ja, Some("C")), Lang::Ja);
        assert_eq!(Lang::from_locale(Some("C"), None, ja), Lang::En);
        assert_eq!(Lang::from_locale(Some("C"), ja, ja), Lang::En);
        assert_eq!(Lang::from_locale(ja, Some("C"), Some("C")), Lang::Ja);
        // Empty variables are skipped, as POSIX says.
        assert_eq!(Lang::from_locale(Some(""), Some(""), ja), Lang::Ja);
        assert_eq!(Lang::from_locale(Some(""), None, Some("")), Lang::En);
        assert_eq!(Lang::chosen(Some(Lang::Ja)), Lang::Ja);
        assert_eq!(Lang::chosen(Some(Lang::En)), Lang::En);
    }

    #[test]
    fn arguments_are_shown_as_given_and_plurals_follow_the_language() {
        let summary = |errors: usize, warnings: usize, lang| {
            crate::msg!(
                "summary-errors-warnings",
                errors = errors,
                warnings = warnings
            )
            .text(lang)
        };
        assert_eq!(summary(1, 2, Lang::En), "1 error and 2 warnings found");
        assert_eq!(summary(2, 1, Lang::En), "2 errors and 1 warning found");
        assert_eq!(summary(2, 1, Lang::Ja), "エラー 2 件、警告 1 件");
        let nested = crate::msg!(
            "unknown-field",
            field = "stauts",
            what = crate::msg!("what-answer")
        );
        assert_eq!(nested.text(Lang::En), "unknown field `stauts` in an answer");
        assert_eq!(
            nested.text(Lang::Ja),
            "回答に不明なフィールド `stauts` があります"
        );
        let list = crate::msg!(
            "list",
            items = Arg::List(vec![crate::msg!("label-here"), crate::msg!("label-empty")])
        );
        assert_eq!(list.text(Lang::En), "here, empty");
        assert_eq!(list.text(Lang::Ja), "ここ、空");
        // A message no catalog has shows as its ID rather than failing.
        let missing = concat!("no-such", "-message");
        assert_eq!(Message::new(missing).text(Lang::Ja), missing);
    }
}
