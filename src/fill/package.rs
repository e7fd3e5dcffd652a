//! The workbook as a zip package: its parts read with limits, and written back with every
//! part that was not edited copied as it was stored (same compressed bytes, same order,
//! same timestamps), so that the same input gives the same output byte for byte.

use std::io::{Cursor, Read, Write};

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::i18n::Message;
use crate::msg;

/// Largest workbook file filled (the same limit as import's).
pub const MAX_WORKBOOK_BYTES: u64 = crate::import::workbook::MAX_WORKBOOK_BYTES;
/// Largest decompressed size of one part read (a sheet's XML, the workbook, the styles).
/// A sheet of 4,000,000 cells (import's cell limit) is well under it.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// Largest decompressed size of all parts together, as the zip directory states it: the
/// same as one part's, so that the sheets a run holds at once (two parsed side by side,
/// each taking up to twice its size while read) stay well under a gigabyte of memory.
/// Questionnaires take a few megabytes.
pub const MAX_PACKAGE_BYTES: u64 = MAX_PART_BYTES;

/// The first bytes of an OLE compound file: what Excel writes for a password-protected
/// workbook (an encrypted package) and for the old `.xls` format.
const OLE_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why a workbook's package cannot be read or written: the zip archive, or one of its
/// parts. The text (in the run's language) says why the file is not read; the caller names
/// the file and the command (`cannot read …: …`).
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The file is over [`MAX_WORKBOOK_BYTES`].
    #[error("{}", self.message().to_text())]
    TooLarge { bytes: usize },
    /// An OLE compound file: a password-protected workbook, or an old `.xls`.
    #[error("{}", self.message().to_text())]
    Encrypted,
    /// Not a zip archive.
    #[error("{}", self.message().to_text())]
    NotZip(#[source] ZipError),
    /// An entry of the zip directory cannot be read.
    #[error("{}", self.message().to_text())]
    EntryUnreadable {
        index: usize,
        #[source]
        source: ZipError,
    },
    /// A part is encrypted.
    #[error("{}", self.message().to_text())]
    PartEncrypted { part: String },
    /// The directory lists a name twice.
    #[error("{}", self.message().to_text())]
    DuplicateParts { count: u64, names: usize },
    /// The parts together would be over [`MAX_PACKAGE_BYTES`] decompressed.
    #[error("{}", self.message().to_text())]
    PartsTooLarge { bytes: u64 },
    /// The archive, read before, cannot be read again, or the new one cannot be written.
    #[error("{}", self.message().to_text())]
    Damaged(#[source] ZipError),
    /// A part is missing or cannot be opened.
    #[error("{}", self.message().to_text())]
    Part {
        part: String,
        #[source]
        source: ZipError,
    },
    /// A part cannot be decompressed.
    #[error("{}", self.message().to_text())]
    PartRead {
        part: String,
        #[source]
        source: std::io::Error,
    },
    /// A part is over [`MAX_PART_BYTES`] decompressed.
    #[error("{}", self.message().to_text())]
    PartTooLarge { part: String },
    /// A part declares a document type (`<!DOCTYPE`).
    #[error("{}", self.message().to_text())]
    Doctype { part: String },
}

impl PackageError {
    /// What is wrong, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            PackageError::TooLarge { bytes } => msg!(
                "workbook-too-large",
                bytes = bytes,
                limit = MAX_WORKBOOK_BYTES
            ),
            PackageError::Encrypted => msg!("workbook-encrypted"),
            PackageError::NotZip(e) => msg!("workbook-not-zip", error = e.to_string()),
            PackageError::EntryUnreadable { index, source } => msg!(
                "xlsx-part-unreadable",
                index = index.to_string(),
                error = source.to_string()
            ),
            PackageError::PartEncrypted { part } => {
                msg!("workbook-part-encrypted", part = part.as_str())
            }
            PackageError::DuplicateParts { count, names } => {
                msg!("workbook-duplicate-parts", count = count, names = names)
            }
            PackageError::PartsTooLarge { bytes } => msg!(
                "workbook-parts-too-large",
                bytes = bytes,
                limit = MAX_PACKAGE_BYTES
            ),
            PackageError::Damaged(e) => msg!("plain", text = e.to_string()),
            PackageError::Part { part, source } => msg!(
                "xlsx-part-error",
                part = part.as_str(),
                error = source.to_string()
            ),
            PackageError::PartRead { part, source } => msg!(
                "xlsx-part-error",
                part = part.as_str(),
                error = source.to_string()
            ),
            PackageError::PartTooLarge { part } => msg!(
                "xlsx-part-too-large",
                part = part.as_str(),
                limit = MAX_PART_BYTES.to_string()
            ),
            PackageError::Doctype { part } => msg!("xlsx-doctype", part = part.as_str()),
        }
    }
}

/// A part whose first bytes declare a document type (`<!DOCTYPE`): Excel never writes one,
/// and its entities would add, change or drop text the readers take as written.
fn refuse_dtd(name: &str, head: &[u8]) -> Result<(), PackageError> {
    let prolog = &head[..head.len().min(4096)];
    if memchr::memmem::find(prolog, b"<!DOCTYPE").is_some() {
        return Err(PackageError::Doctype {
            part: name.to_owned(),
        });
    }
    Ok(())
}

pub struct Package {
    bytes: Vec<u8>,
    names: Vec<String>,
}

impl Package {
    /// Opens a package, checking its size and its directory's stated sizes first. The
    /// error says why the file is not read (the caller names the file and the command):
    /// its text ends up in the `cannot read …: …` of `fill` and `import`.
    pub fn open(bytes: Vec<u8>) -> Result<Package, PackageError> {
        if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
            return Err(PackageError::TooLarge { bytes: bytes.len() });
        }
        if bytes.starts_with(OLE_SIGNATURE) {
            return Err(PackageError::Encrypted);
        }
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).map_err(PackageError::NotZip)?;
        let mut names = Vec::with_capacity(zip.len());
        let mut total: u64 = 0;
        for index in 0..zip.len() {
            let file = zip
                .by_index_raw(index)
                .map_err(|source| PackageError::EntryUnreadable { index, source })?;
            if file.encrypted() {
                return Err(PackageError::PartEncrypted {
                    part: entry_name(&file),
                });
            }
            total = total.saturating_add(file.size());
            names.push(entry_name(&file));
        }
        // A zip reader keeps one entry per name: a name written twice shows only as fewer
        // entries than the archive's directory counts.
        if let Some(count) = directory_count(&bytes)
            && count != names.len() as u64
        {
            return Err(PackageError::DuplicateParts {
                count,
                names: names.len(),
            });
        }
        if total > MAX_PACKAGE_BYTES {
            return Err(PackageError::PartsTooLarge { bytes: total });
        }
        Ok(Package { bytes, names })
    }

    /// A part's decompressed size as the zip directory states it (0 when it has none): a
    /// weight to share work by, never trusted as a bound.
    pub fn size(&self, name: &str) -> u64 {
        ZipArchive::new(Cursor::new(&self.bytes[..]))
            .ok()
            .and_then(|mut zip| zip.by_name(name).ok().map(|f| f.size()))
            .unwrap_or(0)
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// A part's decompressed bytes, read through a reader bounded by [`MAX_PART_BYTES`]
    /// whatever size the directory states.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, PackageError> {
        let mut zip = self.archive()?;
        let file = zip.by_name(name).map_err(|source| PackageError::Part {
            part: name.to_owned(),
            source,
        })?;
        let mut out = Vec::new();
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|source| PackageError::PartRead {
                part: name.to_owned(),
                source,
            })?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(PackageError::PartTooLarge {
                part: name.to_owned(),
            });
        }
        refuse_dtd(name, &out)?;
        Ok(out)
    }

    /// Calls `f` with a buffered reader of a part's decompressed bytes, bounded by
    /// [`MAX_PART_BYTES`]: for parts read as a stream and maybe left early. The error is
    /// `f`'s, which a package error converts into.
    pub fn stream<T, E: From<PackageError>>(
        &self,
        name: &str,
        f: impl FnOnce(
            &mut std::io::BufReader<std::io::Take<zip::read::ZipFile<'_, Cursor<&[u8]>>>>,
        ) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut zip = self.archive()?;
        let file = zip.by_name(name).map_err(|source| PackageError::Part {
            part: name.to_owned(),
            source,
        })?;
        let mut reader = std::io::BufReader::new(file.take(MAX_PART_BYTES + 1));
        let head =
            std::io::BufRead::fill_buf(&mut reader).map_err(|source| PackageError::PartRead {
                part: name.to_owned(),
                source,
            })?;
        refuse_dtd(name, head)?;
        let read = f(&mut reader);
        // A part longer than the limit is refused, never read as a shorter one (nor taken
        // for a damaged one, which its cut-off XML would look like).
        if reader.get_ref().limit() == 0 {
            return Err(PackageError::PartTooLarge {
                part: name.to_owned(),
            }
            .into());
        }
        read
    }

    /// The archive, opened again (it was read once by [`Package::open`]).
    fn archive(&self) -> Result<ZipArchive<Cursor<&[u8]>>, PackageError> {
        ZipArchive::new(Cursor::new(&self.bytes[..])).map_err(PackageError::Damaged)
    }

    /// The package with `changed` parts replaced: every other part is copied as stored.
    /// A changed part keeps its place, timestamp and permissions, and is deflated.
    pub fn write(&self, changed: &[(String, Vec<u8>)]) -> Result<Vec<u8>, PackageError> {
        let mut zip = self.archive()?;
        let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(self.bytes.len())));
        for index in 0..zip.len() {
            let file = zip.by_index_raw(index).map_err(PackageError::Damaged)?;
            let name = entry_name(&file);
            match changed.iter().find(|(n, _)| *n == name) {
                None => out.raw_copy_file(file).map_err(PackageError::Damaged)?,
                Some((_, bytes)) => {
                    let mut options = SimpleFileOptions::default()
                        .compression_method(CompressionMethod::Deflated)
                        .compression_level(Some(6))
                        .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
                    if let Some(time) = file.last_modified() {
                        options = options.last_modified_time(time);
                    }
                    if let Some(mode) = file.unix_mode() {
                        options = options.unix_permissions(mode);
                    }
                    drop(file);
                    out.start_file(name.as_str(), options)
                        .map_err(PackageError::Damaged)?;
                    out.write_all(bytes)
                        .map_err(|e| PackageError::Damaged(e.into()))?;
                }
            }
        }
        Ok(out.finish().map_err(PackageError::Damaged)?.into_inner())
    }
}

/// An entry's name as text (a name that is not UTF-8 shown with replacement characters).
fn entry_name<R: Read>(file: &zip::read::ZipFile<'_, R>) -> String {
    String::from_utf8_lossy(file.name_raw()).into_owned()
}

/// The number of entries the archive's end-of-central-directory record states (the
/// ZIP64 record's, when the classic one says 0xFFFF), per the ZIP format (APPNOTE 4.3.16,
/// 4.3.14). `None` when the record is not found.
fn directory_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ZIP64_EOCD: [u8; 4] = [0x50, 0x4b, 0x06, 0x06];
    // The record is 22 bytes plus a comment of at most 65,535.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..i + 4] == EOCD)?;
    let count = u64::from(u16::from_le_bytes([bytes[at + 10], bytes[at + 11]]));
    if count != 0xFFFF {
        return Some(count);
    }
    let at64 = (0..at)
        .rev()
        .find(|&i| bytes[i..].starts_with(&ZIP64_EOCD))?;
    let field = bytes.get(at64 + 32..at64 + 40)?;
    Some(u64::from_le_bytes(field.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            out.start_file(*name, SimpleFileOptions::default()).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn parts_stated_larger_together_than_one_part_may_be_are_refused() {
        let mut bytes = zip_of(&[("a.xml", b"<a/>"), ("b.xml", b"<b/>")]);
        // Each central directory entry (PK\1\2) states its uncompressed size at offset 24:
        // 150 MiB each, 300 MiB together.
        let starts: Vec<usize> = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"PK\x01\x02")
            .map(|(i, _)| i)
            .collect();
        assert_eq!(starts.len(), 2);
        for at in starts {
            bytes[at + 24..at + 28].copy_from_slice(&(150u32 << 20).to_le_bytes());
        }
        let error = Package::open(bytes).err().expect("refused").to_string();
        assert!(
            error.contains(&format!("over the limit of {MAX_PACKAGE_BYTES}")),
            "{error}"
        );
        assert!(Package::open(zip_of(&[("a.xml", b"<a/>")])).is_ok());
    }

    #[test]
    fn a_part_declaring_a_document_type_is_refused() {
        let xml: &[u8] =
            b"<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY x \"y\">]><worksheet/>";
        let package = Package::open(zip_of(&[("a.xml", xml), ("b.xml", b"<b/>")])).unwrap();
        for error in [
            package.read("a.xml").err(),
            package.stream("a.xml", |_| Ok::<_, PackageError>(())).err(),
        ] {
            assert!(
                error
                    .expect("refused")
                    .to_string()
                    .contains("declares a document type")
            );
        }
        assert!(package.read("b.xml").is_ok());
        assert!(
            package
                .stream("b.xml", |_| Ok::<_, PackageError>(()))
                .is_ok()
        );
    }
}
