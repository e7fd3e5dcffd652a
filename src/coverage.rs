//! Coverage of a catalog by an answer set: what is answered, by level and by status, and
//! which controls are still open. Feeds `checksheet list coverage` and the project policy.

use serde::Serialize;

use indexmap::IndexMap;

use crate::mapping::derive::Derived;
use crate::model::{AnswerSet, Catalog, Level, Status};

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub catalog: String,
    pub title: String,
    pub total: usize,
    /// Answered controls, derived ones included.
    pub answered: usize,
    /// Of the answered, how many take their answer through a mapping.
    pub derived: usize,
    /// (level label, answered, total) for 基本, 推奨 and controls without a level.
    pub by_level: Vec<LevelCount>,
    /// (status key, count) over answered controls; `none` for answers without a status.
    pub by_status: Vec<StatusCount>,
    /// Unanswered control IDs in catalog order, with their level.
    pub unanswered: Vec<Open>,
}

#[derive(Debug, Serialize)]
pub struct LevelCount {
    pub level: &'static str,
    pub answered: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Open {
    pub id: String,
    pub level: Option<&'static str>,
}

pub fn coverage(
    catalog: &Catalog,
    answers: Option<&AnswerSet>,
    derived: Option<&IndexMap<String, Derived>>,
) -> Coverage {
    let controls = catalog.controls();
    let written = |id: &str| {
        answers
            .and_then(|a| a.answers.get(id))
            .map(|a| &**a)
            .filter(|a| a.body.is_some() || a.status.is_some())
    };
    let taken = |id: &str| derived.and_then(|d| d.get(id)).map(|d| &d.answer);
    let answer = |id: &str| written(id).or_else(|| taken(id));
    let derived_count = controls
        .iter()
        .filter(|c| written(&c.id).is_none() && taken(&c.id).is_some())
        .count();
    let mut by_level: Vec<LevelCount> = Level::ALL
        .iter()
        .map(|l| LevelCount {
            level: l.as_str(),
            answered: 0,
            total: 0,
        })
        .chain(std::iter::once(LevelCount {
            level: "-",
            answered: 0,
            total: 0,
        }))
        .collect();
    let mut by_status: Vec<StatusCount> = Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: s.key(),
            count: 0,
        })
        .chain(std::iter::once(StatusCount {
            status: "none",
            count: 0,
        }))
        .collect();
    let mut unanswered = Vec::new();
    for control in &controls {
        let slot = control.level.map_or(Level::ALL.len(), |l| {
            Level::ALL.iter().position(|x| *x == l).unwrap_or(0)
        });
        by_level[slot].total += 1;
        match answer(&control.id) {
            Some(a) => {
                by_level[slot].answered += 1;
                let index = a.status.map_or(Status::ALL.len(), |s| {
                    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
                });
                by_status[index].count += 1;
            }
            None => unanswered.push(Open {
                id: control.id.clone(),
                level: control.level.map(Level::as_str),
            }),
        }
    }
    by_level.retain(|l| l.total > 0);
    Coverage {
        catalog: catalog.id.clone(),
        title: catalog.title.clone(),
        total: controls.len(),
        answered: controls.len() - unanswered.len(),
        derived: derived_count,
        by_level,
        by_status,
        unanswered,
    }
}

impl Coverage {
    /// A short human-readable report.
    pub fn render_text(&self) -> String {
        let percent = |a: usize, t: usize| {
            if t == 0 {
                100.0
            } else {
                a as f64 * 100.0 / t as f64
            }
        };
        let mut out = format!("{}  {}\n", self.catalog, self.title);
        let derived = if self.derived > 0 {
            format!(", {} derived through mappings", self.derived)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  answered   {:>5} / {:<5} ({:.1}%{derived})\n",
            self.answered,
            self.total,
            percent(self.answered, self.total)
        ));
        for level in &self.by_level {
            let label = if level.level == "-" {
                "(no level)"
            } else {
                level.level
            };
            out.push_str(&format!(
                "  {label:<10} {:>5} / {:<5} ({:.1}%)\n",
                level.answered,
                level.total,
                percent(level.answered, level.total)
            ));
        }
        let statuses: Vec<String> = self
            .by_status
            .iter()
            .filter(|s| s.count > 0)
            .map(|s| format!("{} {}", s.status, s.count))
            .collect();
        out.push_str(&format!(
            "  status     {}\n",
            if statuses.is_empty() {
                "-".to_owned()
            } else {
                statuses.join(", ")
            }
        ));
        if !self.unanswered.is_empty() {
            let ids: Vec<&str> = self.unanswered.iter().map(|o| o.id.as_str()).collect();
            out.push_str(&format!("  open       {}\n", ids.join(", ")));
        }
        out
    }
}
