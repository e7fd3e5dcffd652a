//! Numbers and dates spelled as a spreadsheet shows them: calamine gives a number cell as a
//! float, so `1.10` in a `0.00` cell must be spelled from its number format, and a `General`
//! cell that shows `1.1` may have been typed `1.10` (reported by the caller).

/// The text of a number under a number format, and whether that text is certainly what was
/// typed (`false` for a fraction under `General`, whose trailing zeros are gone).
pub fn number(value: f64, format: &str) -> (String, bool) {
    let section = first_section(format);
    let general = section.trim().is_empty()
        || section.trim().eq_ignore_ascii_case("general")
        || section.trim() == "@";
    if !general && let Some(pattern) = Pattern::parse(&section) {
        return (pattern.apply(value), true);
    }
    (general_text(value), value.fract() == 0.0)
}

/// Excel's `General`: integers without a fraction, others with at most 15 significant digits.
pub fn general_text(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let digits = if value.abs() >= 1.0 {
        value.abs().log10().floor() as i32 + 1
    } else {
        1
    };
    let max_places = (15 - digits).clamp(0, 15) as usize;
    for places in 0..=max_places {
        let text = format!("{value:.places$}");
        if text
            .parse::<f64>()
            .is_ok_and(|v| (v - value).abs() <= value.abs() * 1e-15)
        {
            return text;
        }
    }
    let text = format!("{value:.max_places$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The part of a format for positive numbers (before the first unquoted `;`).
fn first_section(format: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            ';' if !quoted => break,
            _ => out.push(c),
        }
    }
    out
}

/// A plain numeric format: literal text around `0`, `#`, `?`, `,` and `.`, maybe `%`.
struct Pattern {
    prefix: String,
    suffix: String,
    int_zeros: usize,
    grouping: bool,
    min_places: usize,
    max_places: usize,
    percent: bool,
}

impl Pattern {
    fn parse(section: &str) -> Option<Pattern> {
        let mut p = Pattern {
            prefix: String::new(),
            suffix: String::new(),
            int_zeros: 0,
            grouping: false,
            min_places: 0,
            max_places: 0,
            percent: false,
        };
        let mut seen_digit = false;
        let mut in_fraction = false;
        let mut after_digits = false;
        let mut chars = section.chars().peekable();
        // Literal text goes before the digits until the first digit, after them from then on.
        let literal = |p: &mut Pattern, text: &str, after: bool| {
            if after {
                p.suffix.push_str(text);
            } else {
                p.prefix.push_str(text);
            }
        };
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    let text = read_until(&mut chars, '"');
                    literal(&mut p, &text, seen_digit);
                    after_digits |= seen_digit;
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        literal(&mut p, &n.to_string(), seen_digit);
                        after_digits |= seen_digit;
                    }
                }
                '[' => {
                    // [Red], [$¥-411], [>=100]: a currency symbol is shown, the rest is not.
                    let inner = read_until(&mut chars, ']');
                    if let Some(symbol) = inner.strip_prefix('$') {
                        let symbol = symbol.split('-').next().unwrap_or("");
                        literal(&mut p, symbol, seen_digit);
                    }
                }
                '_' => {
                    chars.next();
                    literal(&mut p, " ", seen_digit);
                    after_digits |= seen_digit;
                }
                '*' => {
                    chars.next();
                }
                '0' | '#' | '?' => {
                    if after_digits {
                        return None;
                    }
                    seen_digit = true;
                    if in_fraction {
                        p.max_places += 1;
                        if c != '#' {
                            p.min_places = p.max_places;
                        }
                    } else if c != '#' {
                        p.int_zeros += 1;
                    }
                }
                ',' if seen_digit && !in_fraction => p.grouping = true,
                '.' if seen_digit || chars.peek().is_some_and(|n| matches!(n, '0' | '#' | '?')) => {
                    seen_digit = true;
                    in_fraction = true;
                }
                '%' => {
                    p.percent = true;
                    literal(&mut p, "%", seen_digit);
                    after_digits = seen_digit;
                }
                'E' | 'e' | '/' | 'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
                    return None;
                }
                other => {
                    literal(&mut p, &other.to_string(), seen_digit);
                    after_digits |= seen_digit;
                }
            }
        }
        seen_digit.then_some(p)
    }

    fn apply(&self, value: f64) -> String {
        let value = if self.percent { value * 100.0 } else { value };
        let negative = value < 0.0;
        let text = format!("{:.*}", self.max_places, value.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut frac = frac.to_owned();
        while frac.len() > self.min_places && frac.ends_with('0') {
            frac.pop();
        }
        let mut int = int.trim_start_matches('0').to_owned();
        while int.len() < self.int_zeros {
            int.insert(0, '0');
        }
        if self.grouping {
            let digits: Vec<char> = int.chars().collect();
            let mut grouped = String::new();
            for (i, d) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(*d);
            }
            int = grouped;
        }
        let mut out = String::new();
        if negative && (int.chars().any(|c| c != '0' && c != ',') || !frac.is_empty()) {
            out.push('-');
        }
        out.push_str(&self.prefix);
        out.push_str(&int);
        if !frac.is_empty() {
            out.push('.');
            out.push_str(&frac);
        }
        out.push_str(&self.suffix);
        out
    }
}

/// A date cell under its number format; ISO 8601 when the format uses something this does
/// not spell (eras, weekdays) or there is none.
pub fn date(parts: (u16, u8, u8, u8, u8, u8, u16), format: &str) -> String {
    let (y, mo, d, h, mi, s, _) = parts;
    let iso = || {
        if (h, mi, s) == (0, 0, 0) {
            format!("{y:04}-{mo:02}-{d:02}")
        } else {
            format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
        }
    };
    let section = first_section(format);
    if section.trim().is_empty() || section.eq_ignore_ascii_case("general") {
        return iso();
    }
    // Tokens: (letter, run length) or literal text.
    enum Token {
        Field(char, usize),
        Text(String),
    }
    let mut tokens = Vec::new();
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => tokens.push(Token::Text(read_until(&mut chars, '"'))),
            '\\' => {
                if let Some(n) = chars.next() {
                    tokens.push(Token::Text(n.to_string()));
                }
            }
            '[' => {
                read_until(&mut chars, ']');
            }
            '_' | '*' => {
                chars.next();
            }
            c if c.is_ascii_alphabetic() => {
                let lower = c.to_ascii_lowercase();
                if !matches!(lower, 'y' | 'm' | 'd' | 'h' | 's') {
                    return iso();
                }
                let mut run = 1;
                while chars
                    .peek()
                    .is_some_and(|n| n.to_ascii_lowercase() == lower)
                {
                    chars.next();
                    run += 1;
                }
                tokens.push(Token::Field(lower, run));
            }
            other => tokens.push(Token::Text(other.to_string())),
        }
    }
    let fields: Vec<(usize, char)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t {
            Token::Field(c, _) => Some((i, *c)),
            Token::Text(_) => None,
        })
        .collect();
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(t) => out.push_str(t),
            Token::Field(c, run) => {
                let position = fields.iter().position(|(j, _)| *j == i).unwrap_or(0);
                let prev = position.checked_sub(1).map(|p| fields[p].1);
                let next = fields.get(position + 1).map(|f| f.1);
                let minute = *c == 'm' && (prev == Some('h') || next == Some('s'));
                let text = match (c, run) {
                    ('y', 1 | 2) => format!("{:02}", y % 100),
                    ('y', _) => format!("{y:04}"),
                    ('m', _) if minute => pad(mi, *run),
                    ('m', 1 | 2) => pad(mo, *run),
                    ('m', _) => return iso(),
                    ('d', 1 | 2) => pad(d, *run),
                    ('d', _) => return iso(),
                    ('h', _) => pad(h, *run),
                    ('s', _) => pad(s, *run),
                    _ => return iso(),
                };
                out.push_str(&text);
            }
        }
    }
    out
}

/// The characters up to `end` (consumed, not returned): a quoted literal or a `[…]` code
/// of a number format.
fn read_until(chars: &mut impl Iterator<Item = char>, end: char) -> String {
    chars.take_while(|&c| c != end).collect()
}

fn pad(value: u8, run: usize) -> String {
    if run >= 2 {
        format!("{value:02}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_their_format() {
        assert_eq!(number(1.1, "General"), ("1.1".to_owned(), false));
        assert_eq!(number(1.1, "0.00"), ("1.10".to_owned(), true));
        assert_eq!(number(2.0, "General"), ("2".to_owned(), true));
        assert_eq!(number(7.0, "000"), ("007".to_owned(), true));
        assert_eq!(number(1234.5, "#,##0.0"), ("1,234.5".to_owned(), true));
        assert_eq!(number(0.25, "0%"), ("25%".to_owned(), true));
        assert_eq!(number(3.0, "0\"件\""), ("3件".to_owned(), true));
        assert_eq!(number(0.1 + 0.2, "General").0, "0.3");
        assert_eq!(number(-4.5, "0.0;(0.0)"), ("-4.5".to_owned(), true));
        assert_eq!(number(1.5, "#.##"), ("1.5".to_owned(), true));
    }

    #[test]
    fn dates_follow_their_format() {
        let day = (2024, 4, 1, 0, 0, 0, 0);
        assert_eq!(date(day, "yyyy/m/d"), "2024/4/1");
        assert_eq!(date(day, "yyyy\"年\"m\"月\"d\"日\""), "2024年4月1日");
        assert_eq!(date(day, "mm-dd-yy"), "04-01-24");
        assert_eq!(date(day, ""), "2024-04-01");
        assert_eq!(date(day, "[$-411]ggge\"年\"m\"月\"d\"日\""), "2024-04-01");
        assert_eq!(date((2024, 4, 1, 9, 5, 0, 0), "h:mm"), "9:05");
    }
}
