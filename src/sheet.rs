//! The document model: a catalog, its answers and a layout turned into titled sheets of
//! rows. Every renderer reads only this; none reads YAML or the catalog.

use minijinja::{Environment, Value, context};
use strum::VariantArray;

use serde::Serialize;

use crate::diag::{Code, Diagnostic, Diagnostics};
use indexmap::IndexMap;

use crate::layout::{ColumnValue, Layout, Numbering};
use crate::mapping::derive::{Derivation, Derived};
use crate::model::{
    Answer, AnswerBody, AnswerSet, Catalog, Control, DocumentTexts, Group, Lang, Level,
    Organization, Project, Status, Text,
};
use crate::source::Span;
use crate::templates;

#[derive(Debug, Serialize)]
pub struct Document {
    pub layout: String,
    pub catalog_id: String,
    pub catalog_title: String,
    pub title: String,
    pub organization: String,
    /// Running page header (xlsx print header, HTML/Markdown caption).
    pub header: Option<String>,
    /// Paragraphs before the table: the layout's, then the project's preamble.
    pub intro: Vec<String>,
    pub notice: Option<String>,
    /// What the answer cell of a control without an answer shows (the layout's
    /// `unanswered`), if anything.
    pub unanswered: Option<String>,
    /// The date the answers describe, `YYYY-MM-DD`.
    pub as_of: String,
    pub columns: Vec<ColumnHead>,
    pub sheets: Vec<Sheet>,
    /// The catalog's language, in which the xlsx names what it adds (its links sheet).
    #[serde(skip)]
    pub lang: Lang,
}

#[derive(Debug, Serialize)]
pub struct ColumnHead {
    pub header: String,
    pub width: f64,
    pub value: ColumnValue,
}

#[derive(Debug, Serialize)]
pub struct Sheet {
    pub name: String,
    pub heading: Option<String>,
    pub notice: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Row {
    Group {
        depth: usize,
        /// The heading's level among the group rows shown: 1 for the outermost, one more
        /// for each shown group around it (depths whose rows a layout hides do not count).
        level: usize,
        id: String,
        anchor: String,
        /// Cells before the merged text (e.g. the group's ISMS refs).
        lead: Vec<String>,
        text: String,
        /// The group's intro paragraph, shown under the heading.
        intro: Option<String>,
    },
    Item {
        id: Text,
        anchor: Text,
        status: Option<&'static str>,
        level: Option<&'static str>,
        /// Where a derived answer came from (boxed: most rows have none).
        derived: Option<Box<Derivation>>,
        /// The answer's evidence (証跡): document names or URLs.
        evidence: Box<[String]>,
        cells: Vec<Cell>,
        #[serde(skip)]
        span: Option<Span>,
    },
}

/// One cell of an item row. `text` is the whole content as plain text (xlsx, Markdown),
/// shared with the model when the cell shows one of its texts as is. Templates see it as
/// `{text, items, links, evidence, checkbox}`: `items` keeps a list answer's entries apart
/// (HTML checkbox lines), `links` an answer's links, `evidence` its evidence where the
/// layout has no evidence column (the text then ends with a `証跡: ` line per item).
#[derive(Debug, Default)]
pub struct Cell {
    pub text: Text,
    /// What only some answer cells have besides their text (most cells have none of it,
    /// and a document has a cell per column per control).
    parts: Option<Box<AnswerParts>>,
}

#[derive(Debug, Default)]
struct AnswerParts {
    items: Vec<String>,
    links: Vec<String>,
    evidence: Vec<String>,
    checkbox: bool,
}

impl Cell {
    pub fn items(&self) -> &[String] {
        self.parts.as_ref().map_or(&[], |p| &p.items)
    }

    pub fn links(&self) -> &[String] {
        self.parts.as_ref().map_or(&[], |p| &p.links)
    }

    pub fn evidence(&self) -> &[String] {
        self.parts.as_ref().map_or(&[], |p| &p.evidence)
    }

    pub fn checkbox(&self) -> bool {
        self.parts.as_ref().is_some_and(|p| p.checkbox)
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut cell = serializer.serialize_struct("Cell", 5)?;
        cell.serialize_field("text", &self.text)?;
        cell.serialize_field("items", self.items())?;
        cell.serialize_field("links", self.links())?;
        cell.serialize_field("evidence", self.evidence())?;
        cell.serialize_field("checkbox", &self.checkbox())?;
        cell.end()
    }
}

/// The line that shows one evidence item after an answer, where no column shows evidence.
pub const EVIDENCE_PREFIX: &str = "証跡: ";

/// Most characters an xlsx cell holds.
pub const XLSX_CELL_LIMIT: usize = 32_767;

/// A status as a document in `lang` shows it (実施済 / Implemented …).
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => status.label(),
        Lang::En => match status {
            Status::Implemented => "Implemented",
            Status::Partial => "Partial",
            Status::Planned => "Planned",
            Status::NotImplemented => "Not implemented",
            Status::NotApplicable => "Not applicable",
        },
    }
}

/// The values templates of a document see. Without a project, the organization and the
/// document's texts are empty and `as_of` is undefined (its fields print as nothing).
pub fn base_context(project: Option<&Project>, catalog: &Catalog, layout: &Layout) -> Value {
    let as_of = project.map_or(Value::UNDEFINED, |project| {
        let date = project.as_of;
        context! {
            year => date.year(), month => date.month(), day => date.day(),
            month2 => format!("{:02}", date.month()), day2 => format!("{:02}", date.day()),
            iso => date.to_string(),
        }
    });
    context! {
        organization => project.map(|p| &p.organization).unwrap_or(&Organization::default()),
        document => project.map(|p| &p.document).unwrap_or(&DocumentTexts::default()),
        as_of => as_of,
        catalog => context! {
            id => &catalog.id, title => &catalog.title, publisher => &catalog.publisher,
            url => &catalog.url, version => &catalog.version, lang => catalog.lang.as_str(),
        },
        layout => context! { id => &layout.id, description => &layout.description },
    }
}

/// Renders a layout's text templates within [`templates::TEXT_FUEL`] steps and
/// [`templates::TEXT_OUTPUT_BYTES`] bytes each, and a budget of steps for the document.
struct TextTemplates {
    env: Environment<'static>,
    /// Steps left for the document's texts.
    left: std::cell::Cell<u64>,
    budget: u64,
    /// Set once a limit has been reported: later texts render empty, unreported.
    stopped: std::cell::Cell<bool>,
}

impl TextTemplates {
    fn new(rows: usize) -> TextTemplates {
        let mut env = templates::environment();
        env.set_fuel(Some(templates::TEXT_FUEL));
        let budget = templates::TEXT_BASE_FUEL
            .saturating_add((rows as u64).saturating_mul(templates::TEXT_FUEL_PER_ROW));
        TextTemplates {
            env,
            left: std::cell::Cell::new(budget),
            budget,
            stopped: std::cell::Cell::new(false),
        }
    }
}

/// Renders one layout text template.
fn render(
    texts: &TextTemplates,
    source: &str,
    ctx: &Value,
    diags: &mut Diagnostics,
    layout: &Layout,
) -> String {
    if texts.stopped.get() {
        return String::new();
    }
    let failed = |diags: &mut Diagnostics, why: crate::i18n::Message| {
        diags.push(
            Diagnostic::new(
                Code::InvalidLayout,
                crate::msg!(
                    "text-template-failed",
                    layout = &layout.id,
                    source = source,
                    why = why
                ),
            )
            .help(crate::msg!("text-template-help", origin = &layout.origin)),
        );
        String::new()
    };
    let template = match texts.env.template_from_str(source) {
        Ok(template) => template,
        Err(e) => {
            return failed(
                diags,
                crate::msg!("template-why-failed", error = templates::describe(&e)),
            );
        }
    };
    let mut out = Vec::new();
    let mut capped = Capped {
        out: &mut out,
        left: templates::TEXT_OUTPUT_BYTES,
        over: false,
    };
    let budget = crate::memory::Budget::enter(
        templates::TEXT_MEMORY_BYTES as usize,
        &crate::msg!(
            "text-template-memory-abort",
            layout = &layout.id,
            source = source,
            bytes = templates::TEXT_MEMORY_BYTES,
            why = crate::msg!("limits-why")
        )
        .to_text(),
    );
    let rendered = template.render_captured_to(ctx, &mut capped);
    drop(budget);
    let over = capped.over;
    let used = match &rendered {
        Ok(captured) => captured.state().fuel_levels().map_or(0, |(used, _)| used),
        Err(_) => 0,
    };
    let limited = |why: crate::i18n::Message| {
        texts.stopped.set(true);
        crate::msg!(
            "template-why-limited",
            why = why,
            limits = crate::msg!("limits-why")
        )
    };
    if over {
        let why = limited(crate::msg!(
            "template-why-too-long",
            bytes = templates::TEXT_OUTPUT_BYTES
        ));
        return failed(diags, why);
    }
    match rendered {
        Err(e) if e.kind() == minijinja::ErrorKind::OutOfFuel => {
            let why = limited(crate::msg!(
                "template-why-out-of-fuel",
                steps = templates::TEXT_FUEL
            ));
            failed(diags, why)
        }
        Err(e) => failed(
            diags,
            crate::msg!("template-why-failed", error = templates::describe(&e)),
        ),
        Ok(_) if used > texts.left.get() => {
            let why = limited(crate::msg!("template-why-budget", steps = texts.budget));
            failed(diags, why)
        }
        Ok(_) => {
            texts.left.set(texts.left.get() - used);
            // The engine writes whole UTF-8 characters.
            String::from_utf8(out)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}

/// A writer into memory that refuses to hold more than `left` bytes.
struct Capped<'a> {
    out: &'a mut Vec<u8>,
    left: u64,
    over: bool,
}

impl std::io::Write for Capped<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if bytes.len() as u64 > self.left {
            self.over = true;
            return Err(std::io::Error::other("over the size limit"));
        }
        self.left -= bytes.len() as u64;
        self.out.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct SheetInput<'a> {
    /// The project whose document it is; `None` for a document outside any project (the
    /// one `import` reads a workbook against): no organization, no texts and no date.
    pub project: Option<&'a Project>,
    pub catalog: &'a Catalog,
    pub answers: Option<&'a AnswerSet>,
    /// Answers taken through mappings, used where `answers` has none.
    pub derived: Option<&'a IndexMap<String, Derived>>,
    pub layout: &'a Layout,
}

/// Builds the document; template failures are reported, never panics.
pub fn build_document(input: &SheetInput, diags: &mut Diagnostics) -> Document {
    let SheetInput {
        project,
        catalog,
        layout,
        ..
    } = *input;
    let env = TextTemplates::new(
        catalog.controls.len() + catalog.groups.iter().map(row_count).sum::<usize>(),
    );
    let ctx = base_context(project, catalog, layout);
    let text = |source: &str, diags: &mut Diagnostics| render(&env, source, &ctx, diags, layout);
    let title = match project.and_then(|p| p.document.title.as_ref()) {
        Some(t) => t.clone(),
        None => text(&layout.title, diags),
    };
    let header = layout.header.as_ref().map(|h| text(h, diags));
    let mut intro: Vec<String> = layout
        .intro
        .iter()
        .map(|t| text(t, diags))
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(project) = project {
        intro.extend(project.document.preamble.iter().cloned());
    }
    let layout_notice = layout.notice.as_ref().map(|n| text(n, diags));
    let notice = match project {
        Some(project) => compose_notice(
            layout_notice,
            project.document.notice.as_deref(),
            project.as_of,
            catalog.lang,
        ),
        None => layout_notice.filter(|n| !n.trim().is_empty()),
    };
    let columns: Vec<ColumnHead> = layout
        .columns
        .iter()
        .map(|c| ColumnHead {
            header: text(&c.header, diags),
            width: c.width,
            value: c.value.clone(),
        })
        .collect();
    let unanswered: Option<Text> = layout
        .unanswered
        .as_ref()
        .map(|u| text(u, diags))
        .filter(|u| !u.trim().is_empty())
        .map(Text::from);
    let labels = Labels::new(catalog.lang);
    let mut sheets = Vec::new();
    for (index, spec) in layout.sheets.iter().enumerate() {
        let groups: Vec<&Group> = if spec.groups.is_empty() {
            catalog.groups.iter().collect()
        } else {
            spec.groups
                .iter()
                .filter_map(|(id, _)| catalog.groups.iter().find(|g| &g.id == id))
                .collect()
        };
        let sheet_ctx = match groups.first() {
            Some(g) => {
                context! { sheet => context! { number => index + 1 }, group => group_value(g, 1), ..ctx.clone() }
            }
            None => context! { sheet => context! { number => index + 1 }, ..ctx.clone() },
        };
        let sheet_text =
            |source: &str, diags: &mut Diagnostics| render(&env, source, &sheet_ctx, diags, layout);
        // A row per group and control, allocated once: a document's rows are most of it.
        let mut rows = Vec::with_capacity(if spec.groups.is_empty() {
            catalog.controls.len() + groups.iter().map(|g| row_count(g)).sum::<usize>()
        } else {
            groups.iter().map(|g| row_count(g)).sum()
        });
        let mut builder = RowBuilder {
            input,
            env: &env,
            ctx: &ctx,
            labels: &labels,
            diags,
            rows: &mut rows,
            sequence: 0,
            shown_levels: 0,
            unanswered: unanswered.clone(),
            evidence_column: layout
                .columns
                .iter()
                .any(|c| c.value == ColumnValue::Evidence),
            links_column: layout.columns.iter().any(|c| c.value == ColumnValue::Links),
        };
        if spec.groups.is_empty() {
            for control in &catalog.controls {
                builder.item(control);
            }
        }
        for group in &groups {
            builder.sequence = 0;
            builder.group(group, 1);
        }
        sheets.push(Sheet {
            name: if spec.name.is_empty() {
                title.clone()
            } else {
                sheet_text(&spec.name, diags)
            },
            heading: spec.heading.as_ref().map(|h| sheet_text(h, diags)),
            notice: spec.notice.as_ref().map(|n| sheet_text(n, diags)),
            rows,
        });
    }
    let mut columns = columns;
    drop_empty_columns(layout, &mut columns, &mut sheets);
    // Every sheet says what date it describes: where neither the document's notice nor a
    // sheet's own notice names the date, the document's notice starts with it.
    let notice = match project {
        Some(project) => dated_notice(notice, &sheets, project.as_of, catalog.lang),
        None => notice,
    };
    // The project's and layout's texts around the table: like answers, never with a
    // character a reader would not see.
    let shown = |t: &str| crate::chars::strip_hidden(t).into_owned();
    Document {
        layout: layout.id.clone(),
        catalog_id: catalog.id.clone(),
        catalog_title: shown(&catalog.title),
        title: shown(&title),
        organization: project.map_or_else(String::new, |p| shown(&p.organization.name)),
        header: header.as_deref().map(shown),
        intro: intro.iter().map(|t| shown(t)).collect(),
        notice: notice.as_deref().map(shown),
        unanswered: unanswered.map(|u| shown(&u)),
        as_of: project.map_or_else(String::new, |p| p.as_of.to_string()),
        columns,
        sheets,
        lang: catalog.lang,
    }
}

/// The document's notice, starting with the line naming `as_of` unless it or every sheet's
/// own notice names the date already.
fn dated_notice(
    notice: Option<String>,
    sheets: &[Sheet],
    as_of: jiff::civil::Date,
    lang: Lang,
) -> Option<String> {
    let dated = |text: &str| mentions_date(text, as_of);
    if notice.as_deref().is_some_and(dated)
        || (!sheets.is_empty()
            && sheets
                .iter()
                .all(|s| s.notice.as_deref().is_some_and(dated)))
    {
        notice
    } else {
        Some(
            joined_lines(
                &as_of_line(as_of, lang),
                notice.as_deref().unwrap_or_default(),
            )
            .to_string(),
        )
    }
}

/// The document's notice: the layout's, then the project's `document.notice` — in place
/// of the layout's when it names the as-of date itself, else after it (lines the layout's
/// notice already has are not repeated), so that a notice of the project's own never
/// takes the date away.
fn compose_notice(
    layout: Option<String>,
    project: Option<&str>,
    as_of: jiff::civil::Date,
    lang: Lang,
) -> Option<String> {
    let layout = layout.filter(|n| !n.trim().is_empty());
    let Some(project) = project.filter(|n| !n.trim().is_empty()) else {
        return layout;
    };
    if mentions_date(project, as_of) {
        return Some(project.to_owned());
    }
    let layout = layout.unwrap_or_else(|| as_of_line(as_of, lang));
    let known: Vec<&str> = layout
        .lines()
        .flat_map(|l| l.split_inclusive('。'))
        .map(str::trim)
        .collect();
    let added: Vec<&str> = project
        .lines()
        .filter(|l| !known.contains(&l.trim()))
        .collect();
    Some(joined_lines(&layout, &added.join("\n")).to_string())
}

/// The line that says what date a document describes, where its layout has none.
pub fn as_of_line(as_of: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "本資料は{}年{}月{}日時点の情報に基づきます。",
            as_of.year(),
            as_of.month(),
            as_of.day()
        ),
        Lang::En => format!("This document is based on information as of {as_of}."),
    }
}

/// Whether a text names the year and month of `as_of` (`2026年11月`, `2026年 11月`,
/// `2026-11`, `2026/11`, `2026.11`, zero-padded or not).
pub fn mentions_date(text: &str, as_of: jiff::civil::Date) -> bool {
    let year = as_of.year().to_string();
    let months = [as_of.month().to_string(), format!("{:02}", as_of.month())];
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.match_indices(&year).any(|(at, _)| {
        let rest = &compact[at + year.len()..];
        ["年", "-", "/", "."].iter().any(|sep| {
            rest.strip_prefix(sep).is_some_and(|rest| {
                months.iter().any(|m| {
                    rest.strip_prefix(m.as_str())
                        .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_digit()))
                })
            })
        })
    })
}

/// Leaves out the `hide_when_empty` columns in which no item has any text.
fn drop_empty_columns(layout: &Layout, columns: &mut Vec<ColumnHead>, sheets: &mut [Sheet]) {
    let empty: Vec<bool> = layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            column.hide_when_empty
                && sheets.iter().flat_map(|s| &s.rows).all(|row| match row {
                    Row::Item { cells, .. } => cells[i].text.is_empty(),
                    Row::Group { .. } => true,
                })
        })
        .collect();
    if !empty.contains(&true) {
        return;
    }
    let keep = |i: &usize| !empty[*i];
    let mut index = 0..;
    columns.retain(|_| keep(&index.next().unwrap_or_default()));
    for row in sheets.iter_mut().flat_map(|s| &mut s.rows) {
        if let Row::Item { cells, .. } = row {
            let mut index = 0..;
            cells.retain(|_| keep(&index.next().unwrap_or_default()));
        }
    }
}

/// The rows a group makes at most: its own, its controls' and its subgroups'.
fn row_count(group: &Group) -> usize {
    1 + group.controls.len() + group.groups.iter().map(row_count).sum::<usize>()
}

fn group_value(group: &Group, depth: usize) -> Value {
    context! {
        id => &group.id, title => &group.title, text => &group.text, note => &group.note,
        refs => &group.refs, depth => depth,
    }
}

struct RowBuilder<'a, 'b> {
    input: &'a SheetInput<'a>,
    env: &'a TextTemplates,
    ctx: &'a Value,
    labels: &'a Labels,
    diags: &'b mut Diagnostics,
    rows: &'b mut Vec<Row>,
    sequence: usize,
    /// Group rows shown around the row being built.
    shown_levels: usize,
    /// What the answer cell of a control without an answer shows.
    unanswered: Option<Text>,
    /// Whether a column of the layout shows the evidence (else the answer cell does).
    evidence_column: bool,
    /// Whether a column of the layout shows the links (else the answer cell does).
    links_column: bool,
}

/// The status and level labels, made once and shared by every cell that shows them.
struct Labels(Vec<(&'static str, Text)>);

impl Labels {
    /// Keyed by the Japanese status label; shown in the catalog's language.
    fn new(lang: Lang) -> Labels {
        let status = Status::VARIANTS
            .iter()
            .map(|s| (s.label(), status_label(*s, lang)));
        let level = Level::VARIANTS.iter().map(|l| (l.as_str(), l.as_str()));
        Labels(
            status
                .chain(level)
                .map(|(l, shown)| (l, Text::from(shown)))
                .collect(),
        )
    }

    fn get(&self, label: &'static str) -> Text {
        self.0
            .iter()
            .find(|(l, _)| *l == label)
            .map_or_else(|| Text::from(label), |(_, text)| text.clone())
    }
}

impl RowBuilder<'_, '_> {
    fn group(&mut self, group: &Group, depth: usize) {
        let layout = self.input.layout;
        let ctx = context! { group => group_value(group, depth), ..self.ctx.clone() };
        let (text, lead) = match layout.group_row(depth) {
            Some(style) if style.hidden => {
                for control in &group.controls {
                    self.item(control);
                }
                for child in &group.groups {
                    self.group(child, depth + 1);
                }
                return;
            }
            Some(style) => (
                render(self.env, &style.text, &ctx, self.diags, layout),
                style
                    .lead
                    .iter()
                    .map(|l| render(self.env, l, &ctx, self.diags, layout))
                    .collect(),
            ),
            None => (group.title.clone(), Vec::new()),
        };
        self.shown_levels += 1;
        self.rows.push(Row::Group {
            depth,
            level: self.shown_levels,
            id: group.id.clone(),
            anchor: format!("group-{}", templates::anchor(&group.id)),
            lead,
            text: crate::chars::strip_hidden(&text).into_owned(),
            intro: group
                .text
                .as_ref()
                .map(|t| crate::chars::strip_hidden(t).into_owned()),
        });
        for control in &group.controls {
            self.item(control);
        }
        for child in &group.groups {
            self.group(child, depth + 1);
        }
        self.shown_levels -= 1;
    }

    fn item(&mut self, control: &Control) {
        self.sequence += 1;
        let layout = self.input.layout;
        let written = self
            .input
            .answers
            .and_then(|a| a.answers.get(&control.id))
            .map(|a| &**a);
        let derived = match written {
            Some(_) => None,
            None => self.input.derived.and_then(|d| d.get(&control.id)),
        };
        let answer = written.or(derived.map(|d| &d.answer));
        let mut cells: Vec<Cell> = layout
            .columns
            .iter()
            .map(|c| self.cell(&c.value, control, answer))
            .collect();
        if let (Some(derived), Some(note)) = (derived, &layout.derived_note) {
            let ctx = context! { source => &derived.from, ..self.ctx.clone() };
            let note = render(self.env, note, &ctx, self.diags, layout);
            for (cell, column) in cells.iter_mut().zip(&layout.columns) {
                if column.value == ColumnValue::Answer && !note.is_empty() {
                    cell.text = joined_lines(&cell.text, &note);
                }
            }
        }
        let id = cells
            .iter()
            .zip(&layout.columns)
            .find(|(_, column)| column.value == ColumnValue::Id)
            .map_or_else(
                || Text::from(control.id.as_str()),
                |(cell, _)| cell.text.clone(),
            );
        let anchor = match templates::anchor(&id) {
            same if same == *id => id.clone(),
            other => other.into(),
        };
        self.rows.push(Row::Item {
            id,
            anchor,
            status: answer.and_then(|a| a.status).map(|s| s.key()),
            level: control.level.map(|l| l.as_str()),
            derived: derived.map(|d| Box::new(d.from.clone())),
            evidence: answer
                .map(|a| visible_all(&a.evidence).into())
                .unwrap_or_default(),
            cells,
            span: answer.and_then(|a| a.span).or(control.span),
        });
    }

    fn cell(&self, value: &ColumnValue, control: &Control, answer: Option<&Answer>) -> Cell {
        let plain = |text: Option<&str>| Cell {
            text: text.unwrap_or_default().into(),
            ..Cell::default()
        };
        // The catalog's texts, like answers, without characters a reader would not see.
        let shared = |text: Option<&Text>| Cell {
            text: text.map(visible).unwrap_or_default(),
            ..Cell::default()
        };
        let label = |label: Option<&'static str>| Cell {
            text: label.map(|l| self.labels.get(l)).unwrap_or_default(),
            ..Cell::default()
        };
        match value {
            ColumnValue::Id => plain(Some(&control.id)),
            ColumnValue::Number => match &self.input.layout.numbering {
                Numbering::Id => plain(Some(&control.id)),
                Numbering::LastSegment(sep) => plain(Some(
                    control
                        .id
                        .rsplit_once(sep.as_str())
                        .map_or(control.id.as_str(), |(_, last)| last),
                )),
                Numbering::Sequential => plain(Some(&self.sequence.to_string())),
            },
            ColumnValue::Title => shared(control.title.as_ref()),
            ColumnValue::Text => shared(control.text.as_ref()),
            ColumnValue::Question => shared(control.text.as_ref().or(control.title.as_ref())),
            ColumnValue::Level => label(control.level.map(|l| l.as_str())),
            ColumnValue::Status => label(answer.and_then(|a| a.status).map(|s| s.label())),
            ColumnValue::Refs(scheme) => plain(
                control
                    .refs
                    .get(scheme)
                    .map(|ids| ids.join("\n"))
                    .as_deref(),
            ),
            ColumnValue::Answer => self.answer_cell(answer),
            ColumnValue::Evidence => match answer {
                Some(a) if !a.evidence.is_empty() => {
                    plain(Some(&visible_all(&a.evidence).join("\n")))
                }
                _ => Cell::default(),
            },
            ColumnValue::Links => match answer {
                Some(a) if !a.links.is_empty() => plain(Some(&visible_all(&a.links).join("\n"))),
                _ => Cell::default(),
            },
        }
    }

    fn answer_cell(&self, answer: Option<&Answer>) -> Cell {
        let Some(answer) = answer else {
            return Cell {
                text: self.unanswered.clone().unwrap_or_default(),
                ..Cell::default()
            };
        };
        let checkbox = self.input.layout.checkbox.as_deref();
        let (text, items): (Text, Vec<String>) = match &answer.body {
            None => (Text::default(), Vec::new()),
            Some(AnswerBody::Text(t)) => (visible(t), Vec::new()),
            Some(AnswerBody::Items(items)) => {
                let items = visible_all(items);
                let prefix = checkbox.unwrap_or("・");
                let lines: Vec<String> = items
                    .iter()
                    .map(|i| format!("{prefix}{}", i.replace('\n', "\n  ")))
                    .collect();
                (lines.join("\n").into(), items)
            }
        };
        // Links no column shows follow the answer.
        let links = if self.links_column {
            Vec::new()
        } else {
            answer.links.clone()
        };
        let text = if links.is_empty() {
            text
        } else {
            joined_lines(&text, &links.join("\n"))
        };
        // Evidence no column shows follows the answer, so it is never left out.
        let evidence = if self.evidence_column || answer.evidence.is_empty() {
            Vec::new()
        } else {
            visible_all(&answer.evidence)
        };
        let text = if evidence.is_empty() {
            text
        } else {
            let lines: Vec<String> = evidence
                .iter()
                .map(|e| format!("{EVIDENCE_PREFIX}{e}"))
                .collect();
            joined_lines(&text, &lines.join("\n"))
        };
        let parts = AnswerParts {
            items,
            links,
            evidence,
            checkbox: checkbox.is_some(),
        };
        let plain_text = parts.items.is_empty()
            && parts.links.is_empty()
            && parts.evidence.is_empty()
            && !parts.checkbox;
        Cell {
            text,
            parts: (!plain_text).then(|| Box::new(parts)),
        }
    }
}

/// An answer's text without the control characters and bidirectional overrides a reader
/// would not see (`check` warns about them, CS0412): no output carries them, and the
/// xlsx never holds a character XML 1.0 forbids.
fn visible(text: &Text) -> Text {
    match crate::chars::strip_hidden(text) {
        std::borrow::Cow::Borrowed(_) => text.clone(),
        std::borrow::Cow::Owned(cleaned) => cleaned.into(),
    }
}

fn visible_all(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| crate::chars::strip_hidden(t).into_owned())
        .collect()
}

/// `first` and `then` on lines of their own (either may be empty).
fn joined_lines(first: &str, then: &str) -> Text {
    match (first.is_empty(), then.is_empty()) {
        (_, true) => first.into(),
        (true, false) => then.into(),
        (false, false) => format!("{first}\n{then}").into(),
    }
}

/// Reports every cell longer than an xlsx cell holds, naming the control.
pub fn check_xlsx_limits(document: &Document, output: &str, diags: &mut Diagnostics) {
    for sheet in &document.sheets {
        for row in &sheet.rows {
            let Row::Item {
                id, cells, span, ..
            } = row
            else {
                continue;
            };
            for (cell, column) in cells.iter().zip(&document.columns) {
                let length = cell.text.chars().count();
                if length > XLSX_CELL_LIMIT {
                    let mut d = Diagnostic::new(
                        Code::CellTooLong,
                        crate::msg!(
                            "cell-too-long",
                            control = &**id,
                            column = column.header.to_string(),
                            output = output.to_string(),
                            length = length,
                            limit = XLSX_CELL_LIMIT.to_string()
                        ),
                    )
                    .help(crate::msg!("cell-too-long-help"));
                    if let Some(span) = span {
                        d = d.at(*span, crate::msg!("label-this-control"));
                    }
                    diags.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
        jiff::civil::date(y, m, d)
    }

    #[test]
    fn a_date_is_found_however_it_is_spelt() {
        let as_of = date(2026, 11, 1);
        for text in [
            "本資料は2026年11月時点の情報に基づきます。",
            "本資料は2026年 11月1日現在",
            "as of 2026-11-01",
            "2026/11 現在",
        ] {
            assert!(mentions_date(text, as_of), "{text}");
        }
        for text in [
            "本資料は予告なく変更修正されます。",
            "2026年1月時点",
            "2025年11月時点",
            "2026-111",
        ] {
            assert!(!mentions_date(text, as_of), "{text}");
        }
        assert!(mentions_date("2022年03月", date(2022, 3, 1)));
    }

    #[test]
    fn a_notice_of_the_projects_own_keeps_the_date() {
        let as_of = date(2026, 11, 1);
        let layout = Some("本資料は2026年11月1日時点の情報に基づきます。".to_owned());
        assert_eq!(
            compose_notice(
                layout.clone(),
                Some("本資料は予告なく変更修正されます。"),
                as_of,
                Lang::Ja
            )
            .unwrap(),
            "本資料は2026年11月1日時点の情報に基づきます。\n本資料は予告なく変更修正されます。"
        );
        // A notice that names the date itself takes the layout's place, as before.
        assert_eq!(
            compose_notice(
                layout.clone(),
                Some("2026年11月現在の情報です。"),
                as_of,
                Lang::Ja
            )
            .unwrap(),
            "2026年11月現在の情報です。"
        );
        // A layout without a notice: the date line comes first.
        assert_eq!(
            compose_notice(None, Some("変更されることがあります。"), as_of, Lang::Ja).unwrap(),
            "本資料は2026年11月1日時点の情報に基づきます。\n変更されることがあります。"
        );
        // A sentence the layout's notice already says is not repeated.
        let both = Some(
            "本資料は2026年11月時点の情報に基づきます。本資料は予告なく変更修正されます。"
                .to_owned(),
        );
        assert_eq!(
            compose_notice(
                both.clone(),
                Some("本資料は予告なく変更修正されます。"),
                as_of,
                Lang::Ja
            ),
            both
        );
        assert_eq!(
            compose_notice(layout.clone(), None, as_of, Lang::Ja),
            layout
        );
    }

    fn control(id: &str) -> Control {
        Control {
            id: id.into(),
            title: None,
            text: None,
            level: None,
            refs: Default::default(),
            span: None,
            cells: None,
        }
    }

    fn group(id: &str, controls: &[&str], groups: Vec<Group>) -> Group {
        Group {
            id: id.into(),
            title: String::new(),
            text: None,
            note: None,
            refs: Default::default(),
            groups,
            controls: controls.iter().map(|c| control(c)).collect(),
        }
    }

    #[test]
    fn a_group_makes_a_row_for_itself_each_control_and_each_subgroup_s_rows() {
        let inner = group("1.1", &["c", "d", "e"], Vec::new());
        let outer = group("1", &["a", "b"], vec![inner]);
        assert_eq!(row_count(&outer), 1 + 2 + (1 + 3));
        assert_eq!(row_count(&group("2", &[], Vec::new())), 1);
    }
}
