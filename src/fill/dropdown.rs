//! A choice cell's own dropdown values, and which of them says a status. The list of a
//! dropdown is written out (`"はい,いいえ,該当なし"`), or a range (`$H$1:$H$3`,
//! `Lists!$A$1:$A$3`), or a defined name for a range; a range's values are read from the
//! workbook's cells.

use indexmap::IndexMap;

use super::book::Book;
use super::error::WorkbookError;
use crate::labels;
use crate::model::Status;

/// The values a dropdown offers, or why they could not be read.
pub type Offered = Result<Vec<String>, crate::i18n::Message>;

/// The values of a dropdown list formula on `sheet`: written out (`"はい,いいえ"`), a
/// range, or a defined name for one. An `Err` inside says why they are not known.
pub fn values(formula: &str, sheet: &str, book: &mut Book) -> Result<Offered, WorkbookError> {
    let formula = formula.trim().trim_start_matches('=');
    if let Some(list) = formula.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        return Ok(Ok(list
            .replace("\"\"", "\"")
            .split(',')
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()));
    }
    let key = formula.to_lowercase();
    let scope = book.index_of(sheet);
    let named = book
        .parts
        .names
        .get(&(scope, key.clone()))
        .or_else(|| book.parts.names.get(&(None, key)));
    let reference = match named {
        Some(target) => target.trim().trim_start_matches('=').to_owned(),
        None => formula.to_owned(),
    };
    Ok(book
        .range_texts(&reference, sheet)?
        .ok_or_else(|| crate::msg!("dropdown-unreadable", formula = formula)))
}

/// The label to write for `status`: the first choice of the label map (else of the
/// built-in sets) that means it and that the cell's dropdown offers, when it has one.
pub fn choose(
    status: Status,
    label_map: Option<&IndexMap<String, Status>>,
    offered: Option<&Offered>,
) -> Result<String, crate::i18n::Message> {
    let offered = match offered {
        Some(Err(why)) => return Err(why.clone()),
        Some(Ok(values)) => Some(values),
        None => None,
    };
    let candidates: Vec<&str> = match label_map.filter(|m| !m.is_empty()) {
        Some(map) => map
            .iter()
            .filter(|(_, s)| **s == status)
            .map(|(l, _)| l.as_str())
            .collect(),
        None => labels::BUILT_IN
            .iter()
            .flat_map(|set| set.labels.iter())
            .filter(|(_, s)| *s == status)
            .map(|(l, _)| *l)
            .collect(),
    };
    match offered {
        Some(values) => {
            for label in &candidates {
                let folded = labels::fold(label);
                if let Some(value) = values.iter().find(|v| labels::fold(v) == folded) {
                    return Ok(value.clone());
                }
            }
            Err(crate::msg!(
                "dropdown-no-match",
                values = values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                status = status.key()
            ))
        }
        None => match (label_map.filter(|m| !m.is_empty()), candidates.first()) {
            (Some(_), Some(label)) => Ok((*label).to_owned()),
            (Some(_), None) => Err(crate::msg!("label-map-no-choice", status = status.key())),
            (None, _) => Err(crate::msg!("no-dropdown-no-label-map")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cells_own_spelling_is_written() {
        let offered: Offered = Ok(vec!["YES".into(), "NO".into(), "N/A".into()]);
        assert_eq!(
            choose(Status::Implemented, None, Some(&offered)).unwrap(),
            "YES"
        );
        assert_eq!(
            choose(Status::NotApplicable, None, Some(&offered)).unwrap(),
            "N/A"
        );
        assert!(choose(Status::Planned, None, Some(&offered)).is_err());
    }

    #[test]
    fn the_label_map_decides_between_labels() {
        let mut map = IndexMap::new();
        map.insert("対応済み".to_owned(), Status::Implemented);
        map.insert("未対応".to_owned(), Status::NotImplemented);
        assert_eq!(
            choose(Status::Implemented, Some(&map), None).unwrap(),
            "対応済み"
        );
        let offered: Offered = Ok(vec!["はい".into(), "いいえ".into()]);
        assert!(choose(Status::Implemented, Some(&map), Some(&offered)).is_err());
        assert!(choose(Status::Implemented, None, None).is_err());
    }
}
