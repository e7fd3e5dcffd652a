//! The report of a fill: a line per question (its cell, what happened, the cells written),
//! the questions the catalog does not have, the vendor fields, and the counts. Text and
//! messages only; the command line prints them.

use super::{Filled, Outcome};
use crate::i18n::Message;

impl Outcome {
    /// What happened, as a word for the report's line.
    fn word(&self) -> Message {
        match self {
            Outcome::Filled => crate::msg!("fill-outcome-filled"),
            Outcome::Derived { catalog, controls } => crate::msg!(
                "fill-outcome-derived",
                catalog = catalog,
                controls = controls.join(", ")
            ),
            Outcome::Empty => crate::msg!("fill-outcome-empty"),
            Outcome::Conflict => crate::msg!("fill-outcome-conflict"),
            Outcome::NotFound => crate::msg!("fill-outcome-not-found"),
        }
    }
}

impl Filled {
    /// The report as text: a line per question, then the unknown questions and the vendor
    /// fields, in the run's language.
    pub fn report_text(&self) -> String {
        let mut out = String::new();
        for q in &self.questions {
            let cells: Vec<String> = q
                .written
                .iter()
                .map(|(at, text)| {
                    let short: String = text.chars().take(24).collect();
                    let more = if short.len() < text.len() { "…" } else { "" };
                    format!("{at} = {}{more}", short.replace('\n', "⏎"))
                })
                .collect();
            out.push_str(&format!(
                "{:<10} {}  {}{}{}\n",
                q.control,
                q.at,
                q.outcome.word().to_text(),
                if q.choice_left_empty && q.outcome != Outcome::Empty {
                    crate::msg!("fill-choice-left-empty").to_text()
                } else {
                    String::new()
                },
                if cells.is_empty() {
                    String::new()
                } else {
                    format!(": {}", cells.join("; "))
                }
            ));
        }
        for (at, text) in &self.unknown {
            let short: String = text.chars().take(40).collect();
            let line = crate::msg!("fill-report-unknown", at = at.as_str(), text = short);
            out.push_str(&format!("?          {}\n", line.to_text()));
        }
        for v in &self.vendor {
            match &v.value {
                Some(value) => out.push_str(&format!("{} ({}) = {value}\n", v.at, v.label)),
                None => {
                    let line =
                        crate::msg!("fill-report-vendor-empty", at = &v.at, label = &v.label);
                    out.push_str(&format!("{}\n", line.to_text()));
                }
            }
        }
        out
    }

    /// The counts: questions, filled, derived, empty, conflicts, not found, vendor fields,
    /// choices left empty, unknown questions.
    pub fn summary(&self) -> Message {
        let count =
            |f: &dyn Fn(&Outcome) -> bool| self.questions.iter().filter(|q| f(&q.outcome)).count();
        let choice_empty = self
            .questions
            .iter()
            .filter(|q| q.choice_left_empty && q.outcome != Outcome::Empty)
            .count();
        crate::msg!(
            "fill-count",
            questions = self.questions.len(),
            filled = count(&|o| *o == Outcome::Filled),
            derived = count(&|o| matches!(o, Outcome::Derived { .. })),
            empty = count(&|o| *o == Outcome::Empty),
            conflicts = count(&|o| *o == Outcome::Conflict),
            not_found = count(&|o| *o == Outcome::NotFound),
            vendor = self.vendor.iter().filter(|v| v.value.is_some()).count(),
            choice_empty = choice_empty,
            unknown = self.unknown.len()
        )
    }

    /// What is left open (what `fill --check` fails on): questions left empty, choices
    /// left empty, questions the catalog does not have.
    pub fn open_count(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.outcome == Outcome::Empty || q.choice_left_empty)
            .count()
            + self.unknown.len()
    }
}
