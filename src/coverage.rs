//! Coverage of a catalog by an answer set: what is answered, by level and by status, and
//! which controls are still open. Feeds `checksheet list coverage` and the project policy.

use serde::Serialize;
use strum::VariantArray;

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
    let mut by_level: Vec<LevelCount> = Level::VARIANTS
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
    let mut by_status: Vec<StatusCount> = Status::VARIANTS
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
        let slot = control.level.map_or(Level::VARIANTS.len(), |l| {
            Level::VARIANTS.iter().position(|x| *x == l).unwrap_or(0)
        });
        by_level[slot].total += 1;
        match answer(&control.id) {
            Some(a) => {
                by_level[slot].answered += 1;
                let index = a.status.map_or(Status::VARIANTS.len(), |s| {
                    Status::VARIANTS.iter().position(|x| *x == s).unwrap_or(0)
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
    /// A short human-readable report for a terminal `width` columns wide: labels padded
    /// by display width (a full-width character such as 基 takes two columns), the list of
    /// open controls wrapped under itself.
    pub fn render_text(&self, width: usize) -> String {
        let percent = |a: usize, t: usize| {
            if t == 0 {
                100.0
            } else {
                a as f64 * 100.0 / t as f64
            }
        };
        let mut out = format!("{}  {}\n", self.catalog, self.title);
        let text = |message: crate::i18n::Message| message.to_text();
        let derived = if self.derived > 0 {
            text(crate::msg!("coverage-derived", count = self.derived))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {} {:>5} / {:<5} ({:.1}%{derived})\n",
            pad(&text(crate::msg!("coverage-answered")), LABEL_WIDTH),
            self.answered,
            self.total,
            percent(self.answered, self.total)
        ));
        for level in &self.by_level {
            let label = if level.level == "-" {
                text(crate::msg!("coverage-no-level"))
            } else {
                level.level.to_owned()
            };
            out.push_str(&format!(
                "  {} {:>5} / {:<5} ({:.1}%)\n",
                pad(&label, LABEL_WIDTH),
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
            "  {} {}\n",
            pad(&text(crate::msg!("coverage-status")), LABEL_WIDTH),
            if statuses.is_empty() {
                "-".to_owned()
            } else {
                statuses.join(", ")
            }
        ));
        if !self.unanswered.is_empty() {
            let ids: Vec<&str> = self.unanswered.iter().map(|o| o.id.as_str()).collect();
            let lead = format!(
                "  {} ",
                pad(&text(crate::msg!("coverage-open")), LABEL_WIDTH)
            );
            out.push_str(&wrap_list(&lead, &ids, width));
        }
        out
    }
}

/// Display columns of the labels (`answered`, `基本`, `(no level)`, `status`, `open`).
const LABEL_WIDTH: usize = 10;

/// `text` followed by spaces up to `width` display columns (East Asian wide characters
/// count two, by Unicode's East Asian Width property).
fn pad(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// `items` joined by `, ` after `lead`, each line at most `width` display columns (an item
/// longer than a line gets one of its own), continuation lines indented under the first.
fn wrap_list(lead: &str, items: &[&str], width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let indent = lead.width();
    let mut out = String::from(lead);
    let mut column = indent;
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let piece = if last {
            (*item).to_owned()
        } else {
            format!("{item},")
        };
        let needed = piece.width() + usize::from(column > indent);
        if column > indent && column + needed > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        }
        if column > indent {
            out.push(' ');
            column += 1;
        }
        out.push_str(&piece);
        column += piece.width();
    }
    out.push('\n');
    out
}

/// The width of the terminal standard output is, else `COLUMNS`, else 80.
pub fn terminal_width() -> usize {
    #[cfg(unix)]
    if let Ok(size) = rustix::termios::tcgetwinsize(std::io::stdout())
        && size.ws_col > 0
    {
        return usize::from(size.ws_col);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c >= 20)
        .unwrap_or(80)
}

#[cfg(test)]
mod text_tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn report(open: usize) -> Coverage {
        Coverage {
            catalog: "c".to_owned(),
            title: "t".to_owned(),
            total: 100,
            answered: 100 - open,
            derived: 0,
            by_level: vec![
                LevelCount {
                    level: "基本",
                    answered: 90,
                    total: 93,
                },
                LevelCount {
                    level: "推奨",
                    answered: 28,
                    total: 28,
                },
            ],
            by_status: Vec::new(),
            unanswered: (0..open)
                .map(|i| Open {
                    id: format!("III.1.{i}.1"),
                    level: None,
                })
                .collect(),
        }
    }

    #[test]
    fn columns_line_up_in_display_width() {
        let text = report(3).render_text(80);
        let slash: Vec<usize> = text
            .lines()
            .filter(|l| l.contains(" / "))
            .map(|l| l[..l.find(" / ").unwrap()].width())
            .collect();
        assert_eq!(slash.len(), 3, "{text}");
        assert!(slash.iter().all(|&c| c == slash[0]), "{text}");
    }

    #[test]
    fn open_controls_wrap_to_the_width() {
        let text = report(40).render_text(60);
        let open: Vec<&str> = text.lines().skip_while(|l| !l.contains("open")).collect();
        assert!(open.len() > 3, "{text}");
        for line in &open {
            assert!(line.width() <= 60, "{line}");
        }
        for line in &open[1..] {
            assert!(line.starts_with(&" ".repeat(13)), "{line}");
            assert!(!line[13..].starts_with(' '), "{line}");
        }
        let ids: Vec<String> = open
            .join(" ")
            .replace("open", "")
            .split(',')
            .map(|s| s.trim().to_owned())
            .collect();
        assert_eq!(ids.len(), 40);
        assert_eq!(ids[39], "III.1.39.1");
    }
}
