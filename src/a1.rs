//! A1 references: column letters and cell addresses as Excel shows them (`A`, `AB`,
//! `D12`). Rows and columns are 0-based inside checksheet; Excel's columns end at `XFD`
//! (16,384 columns, Excel's specification and limits).

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Parses column letters (`A`, `ad`) to a 0-based index.
pub fn parse_column(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() || text.len() > 3 || !text.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u32 = 0;
    for c in text.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    (n <= 16_384).then(|| n - 1)
}

/// `D12` for row 11, column 3 (0-based).
pub fn address(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// `Sheet1!`, or `'My sheet'!` when the name needs quotes in a formula.
pub fn sheet_prefix(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        format!("{name}!")
    } else {
        // As a terminal may print it: control and bidirectional characters escaped.
        let name = crate::source::visible_name(name);
        format!("'{}'!", name.replace('\'', "''"))
    }
}
