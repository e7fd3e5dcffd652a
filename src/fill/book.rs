//! The workbook as `fill` reads it: its package, its parts, its shared strings, and its
//! sheets parsed on demand — whole for the sheets that are edited or searched, only their
//! first rows for the cover labels of the others — so that a large workbook is not read
//! past what filling it needs.

use std::collections::HashMap;

use super::error::WorkbookError;
use super::package::Package;
use super::parts::{self, SheetPart, WorkbookParts};
use super::sheet::SheetXml;
use super::text::{self, Texts};

pub struct Book {
    pub package: Package,
    pub parts: WorkbookParts,
    pub shared: Vec<String>,
    sheets: HashMap<usize, SheetXml>,
    locked: Option<Vec<bool>>,
}

impl Book {
    /// A workbook's bytes opened for reading (`import` reads this way); the error says
    /// why it cannot be read.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Book, WorkbookError> {
        Book::open(Package::open(bytes)?)
    }

    pub fn open(package: Package) -> Result<Book, WorkbookError> {
        let parts = WorkbookParts::read(&package)?;
        let shared = match &parts.shared_strings {
            Some(path) => package
                .stream(path, |reader| text::shared_strings(reader))
                .map_err(WorkbookError::SharedStrings)?,
            None => Vec::new(),
        };
        Ok(Book {
            package,
            parts,
            shared,
            sheets: HashMap::new(),
            locked: None,
        })
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.parts.sheets.iter().position(|p| p.name == name)
    }

    pub fn part(&self, index: usize) -> &SheetPart {
        &self.parts.sheets[index]
    }

    /// Parses a sheet whole (once).
    pub fn load(&mut self, index: usize) -> Result<(), WorkbookError> {
        if self.sheets.get(&index).is_some_and(|s| !s.partial) {
            return Ok(());
        }
        let part = &self.parts.sheets[index];
        let xml = self.package.read(&part.path)?;
        let sheet = SheetXml::read(xml).map_err(|source| WorkbookError::SheetUnreadable {
            sheet: part.name.clone(),
            source,
        })?;
        self.sheets.insert(index, sheet);
        Ok(())
    }

    /// Parses a sheet's cells, all of them, from a stream without keeping its XML (unless
    /// they are loaded already): for reading, never for editing.
    pub fn load_cells(&mut self, index: usize) -> Result<(), WorkbookError> {
        if self.sheets.get(&index).is_some_and(|s| s.complete) {
            return Ok(());
        }
        self.sheets.remove(&index);
        self.load_head(index, u32::MAX)
    }

    /// Parses a sheet's first `rows` rows, unless it is loaded already.
    pub fn load_head(&mut self, index: usize, rows: u32) -> Result<(), WorkbookError> {
        if self.sheets.contains_key(&index) {
            return Ok(());
        }
        let part = &self.parts.sheets[index];
        let sheet = self
            .package
            .stream(&part.path, |reader| SheetXml::read_head(reader, rows))
            .map_err(|source| WorkbookError::SheetUnreadable {
                sheet: part.name.clone(),
                source,
            })?;
        self.sheets.insert(index, sheet);
        Ok(())
    }

    /// A loaded sheet.
    pub fn sheet(&self, index: usize) -> &SheetXml {
        &self.sheets[&index]
    }

    pub fn texts(&self, index: usize) -> Texts<'_> {
        Texts {
            sheet: &self.sheets[&index],
            shared: &self.shared,
        }
    }

    /// Which cell formats are locked (read once, when a protected sheet is filled).
    pub fn locked_formats(&mut self) -> Result<&[bool], WorkbookError> {
        if self.locked.is_none() {
            let formats = match parts::styles_path(&self.package, &self.parts) {
                Some(path) => parts::locked_formats(&self.package.read(&path)?)
                    .map_err(WorkbookError::Styles)?,
                None => Vec::new(),
            };
            self.locked = Some(formats);
        }
        Ok(self.locked.as_deref().unwrap_or(&[]))
    }

    /// The texts of a range of any sheet (`$A$1:$A$3` on `sheet`, `Lists!$A$1:$A$3`,
    /// `'My list'!A1:A3`), for a dropdown's list; `None` when it names no sheet there.
    pub fn range_texts(
        &mut self,
        reference: &str,
        sheet: &str,
    ) -> Result<Option<Vec<String>>, WorkbookError> {
        let (sheet_name, range) = match reference.rsplit_once('!') {
            Some((s, r)) => {
                let s = s.trim();
                let s = s
                    .strip_prefix('\'')
                    .and_then(|s| s.strip_suffix('\''))
                    .map_or_else(|| s.to_owned(), |s| s.replace("''", "'"));
                (s, r)
            }
            None => (sheet.to_owned(), reference),
        };
        let Some(index) = self.index_of(&sheet_name) else {
            return Ok(None);
        };
        let (first, last) = range.split_once(':').unwrap_or((range, range));
        let (Some((r1, c1)), Some((r2, c2))) =
            (super::sheet::cell_ref(first), super::sheet::cell_ref(last))
        else {
            return Ok(None);
        };
        self.load_cells(index)?;
        let texts = self.texts(index);
        let mut out = Vec::new();
        // A dropdown offers a short list; a whole-column reference stops at the data.
        let last_row = r1.max(r2).min(texts.height());
        for row in r1.min(r2)..=last_row {
            for col in c1.min(c2)..=c1.max(c2).min(c1.min(c2) + 50) {
                let text = texts.text(row, col);
                let text = text.trim();
                if !text.is_empty() {
                    out.push(text.to_owned());
                }
            }
        }
        Ok(Some(out))
    }

    /// The edited sheets' new XML, by part path, in sheet order.
    pub fn edited(
        &self,
        edits: &HashMap<usize, Vec<(u32, u32, String)>>,
    ) -> Result<Vec<(String, Vec<u8>)>, WorkbookError> {
        let mut indexes: Vec<&usize> = edits.keys().collect();
        indexes.sort();
        indexes
            .into_iter()
            .map(|index| {
                let part = &self.parts.sheets[*index];
                let sheet = &self.sheets[index];
                debug_assert!(!sheet.partial, "an edited sheet is read whole");
                sheet
                    .with_texts(&edits[index])
                    .map(|bytes| (part.path.clone(), bytes))
                    .map_err(|source| WorkbookError::SheetEdit {
                        sheet: part.name.clone(),
                        source,
                    })
            })
            .collect()
    }
}
