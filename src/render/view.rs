//! The document as templates see it: `doc`, its sheets, rows and cells are looked up in
//! the [`Document`] when a template reads them, instead of being copied into template
//! values first (that copy was the largest allocation of a build). Each view exposes the
//! same names and shapes as the document's serde form, which a test checks field by field.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

use crate::sheet::{Cell, Document, Row, Sheet};

/// The `doc` value of a document's templates.
pub fn document_value(document: Arc<Document>) -> Value {
    // Templates read the columns on every row: they are made once.
    let columns = Value::from_serialize(&document.columns);
    Value::from_object(DocumentView(document, columns))
}

fn text(value: &str) -> Value {
    Value::from(value)
}

fn optional(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::from(()), Value::from)
}

fn texts(values: &[String]) -> Value {
    Value::from_iter(values.iter().map(|v| text(v)))
}

#[derive(Debug)]
struct DocumentView(Arc<Document>, Value);

const DOCUMENT_KEYS: &[&str] = &[
    "layout",
    "catalog_id",
    "catalog_title",
    "title",
    "organization",
    "header",
    "intro",
    "notice",
    "unanswered",
    "as_of",
    "columns",
    "sheets",
];

impl Object for DocumentView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let doc = &self.0;
        Some(match key {
            "layout" => text(&doc.layout),
            "catalog_id" => text(&doc.catalog_id),
            "catalog_title" => text(&doc.catalog_title),
            "title" => text(&doc.title),
            "organization" => text(&doc.organization),
            "header" => optional(&doc.header),
            "intro" => texts(&doc.intro),
            "notice" => optional(&doc.notice),
            "unanswered" => optional(&doc.unanswered),
            "as_of" => text(&doc.as_of),
            "columns" => self.1.clone(),
            "sheets" => Value::from_object(SheetsView(doc.clone())),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(DOCUMENT_KEYS)
    }
}

#[derive(Debug)]
struct SheetsView(Arc<Document>);

impl Object for SheetsView {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        self.0.sheets.get(index)?;
        Some(Value::from_object(SheetView(self.0.clone(), index)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.sheets.len())
    }
}

#[derive(Debug)]
struct SheetView(Arc<Document>, usize);

impl SheetView {
    fn sheet(&self) -> &Sheet {
        &self.0.sheets[self.1]
    }
}

const SHEET_KEYS: &[&str] = &["name", "heading", "notice", "rows"];

impl Object for SheetView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let sheet = self.sheet();
        Some(match key {
            "name" => text(&sheet.name),
            "heading" => optional(&sheet.heading),
            "notice" => optional(&sheet.notice),
            "rows" => Value::from_object(RowsView(self.0.clone(), self.1)),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(SHEET_KEYS)
    }
}

#[derive(Debug)]
struct RowsView(Arc<Document>, usize);

impl Object for RowsView {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        self.0.sheets[self.1].rows.get(index)?;
        Some(Value::from_object(RowView(self.0.clone(), self.1, index)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.sheets[self.1].rows.len())
    }
}

#[derive(Debug)]
struct RowView(Arc<Document>, usize, usize);

impl RowView {
    fn row(&self) -> &Row {
        &self.0.sheets[self.1].rows[self.2]
    }
}

const GROUP_KEYS: &[&str] = &[
    "type", "depth", "level", "id", "anchor", "lead", "text", "intro",
];
const ITEM_KEYS: &[&str] = &[
    "type", "id", "anchor", "status", "level", "derived", "evidence", "cells",
];

impl Object for RowView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        Some(match (self.row(), key) {
            (Row::Group { .. }, "type") => text("group"),
            (Row::Group { depth, .. }, "depth") => Value::from(*depth),
            (Row::Group { level, .. }, "level") => Value::from(*level),
            (Row::Group { id, .. }, "id") => text(id),
            (Row::Group { anchor, .. }, "anchor") => text(anchor),
            (Row::Item { id, .. }, "id") => Value::from(id.clone()),
            (Row::Item { anchor, .. }, "anchor") => Value::from(anchor.clone()),
            (Row::Group { lead, .. }, "lead") => texts(lead),
            (Row::Group { text: value, .. }, "text") => text(value),
            (Row::Group { intro, .. }, "intro") => optional(intro),
            (Row::Item { .. }, "type") => text("item"),
            (Row::Item { status, .. }, "status") => status.map_or(Value::from(()), Value::from),
            (Row::Item { level, .. }, "level") => level.map_or(Value::from(()), Value::from),
            (Row::Item { derived, .. }, "derived") => Value::from_serialize(derived),
            (Row::Item { evidence, .. }, "evidence") => texts(evidence),
            (Row::Item { .. }, "cells") => {
                Value::from_object(CellsView(self.0.clone(), self.1, self.2))
            }
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match self.row() {
            Row::Group { .. } => Enumerator::Str(GROUP_KEYS),
            Row::Item { .. } => Enumerator::Str(ITEM_KEYS),
        }
    }
}

fn cells_of(document: &Document, sheet: usize, row: usize) -> &[Cell] {
    match &document.sheets[sheet].rows[row] {
        Row::Item { cells, .. } => cells,
        Row::Group { .. } => &[],
    }
}

#[derive(Debug)]
struct CellsView(Arc<Document>, usize, usize);

/// The texts of a row's cells when `value` is a row's `cells`, read straight from the
/// document (for filters that take a whole row at once).
pub fn cell_texts(value: &Value) -> Option<impl Iterator<Item = &str>> {
    let view = value.downcast_object_ref::<CellsView>()?;
    Some(cells_of(&view.0, view.1, view.2).iter().map(|c| &*c.text))
}

impl Object for CellsView {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        cells_of(&self.0, self.1, self.2).get(index)?;
        Some(Value::from_object(CellView(
            self.0.clone(),
            self.1,
            self.2,
            index,
        )))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(cells_of(&self.0, self.1, self.2).len())
    }
}

#[derive(Debug)]
struct CellView(Arc<Document>, usize, usize, usize);

const CELL_KEYS: &[&str] = &["text", "items", "links", "evidence", "checkbox"];

impl Object for CellView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let cell = &cells_of(&self.0, self.1, self.2)[self.3];
        Some(match key {
            "text" => Value::from(cell.text.clone()),
            "items" => texts(cell.items()),
            "links" => texts(cell.links()),
            "evidence" => texts(cell.evidence()),
            "checkbox" => Value::from(cell.checkbox()),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(CELL_KEYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two template values read the same everywhere a template can look.
    fn same(path: &str, serialized: &Value, view: &Value) -> Result<(), String> {
        if serialized.kind() != view.kind() {
            return Err(format!(
                "{path}: {:?} vs {:?}",
                serialized.kind(),
                view.kind()
            ));
        }
        if serialized.is_undefined() || serialized.is_none() {
            return Ok(());
        }
        match serialized.kind() {
            minijinja::value::ValueKind::Map => {
                let keys: Vec<Value> = serialized.try_iter().unwrap().collect();
                let view_keys: Vec<Value> = view.try_iter().unwrap().collect();
                if keys != view_keys {
                    return Err(format!("{path}: keys {keys:?} vs {view_keys:?}"));
                }
                for key in keys {
                    let name = key.as_str().unwrap_or_default().to_owned();
                    same(
                        &format!("{path}.{name}"),
                        &serialized.get_attr(&name).unwrap(),
                        &view.get_attr(&name).unwrap(),
                    )?;
                }
                Ok(())
            }
            minijinja::value::ValueKind::Seq => {
                if serialized.len() != view.len() {
                    return Err(format!(
                        "{path}: length {:?} vs {:?}",
                        serialized.len(),
                        view.len()
                    ));
                }
                for i in 0..serialized.len().unwrap_or(0) {
                    same(
                        &format!("{path}[{i}]"),
                        &serialized.get_item_by_index(i).unwrap(),
                        &view.get_item_by_index(i).unwrap(),
                    )?;
                }
                Ok(())
            }
            _ if serialized == view && serialized.to_string() == view.to_string() => Ok(()),
            _ => Err(format!("{path}: {serialized:?} vs {view:?}")),
        }
    }

    /// Every document the repository's projects build: group rows with lead cells and
    /// intros, derived answers, checkbox and list answers, links, several sheets.
    #[test]
    fn views_read_like_the_serialized_document() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let projects = [
            "",
            "examples/monocone",
            "examples/skyarch",
            "examples/melcol",
            "examples/kingoftime",
            "tests/fixtures/build/custom-layout",
        ];
        let mut documents = 0;
        for project in projects {
            let (checked, outputs) = crate::pipeline::check(&root.join(project)).unwrap();
            assert!(!checked.has_errors(), "{project}");
            for output in outputs {
                let serialized = Value::from_serialize(&*output.document);
                let view = document_value(output.document);
                same("doc", &serialized, &view).unwrap_or_else(|e| panic!("{project}: {e}"));
                // What the document does not have is undefined in both.
                assert!(view.get_attr("nonexistent").unwrap().is_undefined());
                documents += 1;
            }
        }
        assert!(documents >= 7, "{documents}");
    }
}
