//! Numbers and dates spelled as a spreadsheet shows them: a number cell holds a float, so
//! `1.10` in a `0.00` cell must be spelled from its number format, a date is a serial number
//! under a date format, and a `General` cell that shows `1.1` may have been typed `1.10`
//! (reported by the caller).

/// Most decimal places (and leading zeros) a number format spells.
const MAX_PLACES: usize = 30;

/// What a number format makes of a number: a number, a date (or time of day), or a
/// duration (`[h]:mm:ss`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Number,
    Date,
    Duration,
}

/// A cell format's number format: its code (the workbook's own, else the built-in one's,
/// else `General`) and what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    pub code: String,
    pub shown: Shown,
}

impl NumberFormat {
    pub fn general() -> NumberFormat {
        NumberFormat {
            code: "General".to_owned(),
            shown: Shown::Number,
        }
    }

    /// The format of `numFmtId` `id`, with the workbook's `code` for it if it defines one.
    /// Built-in ids and codes: ECMA-376 Part 1, §18.8.30; the East Asian ids 27–36 and
    /// 50–58 are dates whose codes depend on the locale (given here as `General`, which
    /// [`date`] spells as ISO 8601).
    pub fn of(id: u32, code: Option<&str>) -> NumberFormat {
        if let Some(code) = code {
            return NumberFormat {
                code: code.to_owned(),
                shown: shown_by_code(code),
            };
        }
        let shown = match id {
            14..=22 | 27..=36 | 45 | 47 | 50..=58 => Shown::Date,
            46 => Shown::Duration,
            _ => Shown::Number,
        };
        let code = match id {
            1 => "0",
            2 => "0.00",
            3 => "#,##0",
            4 => "#,##0.00",
            9 => "0%",
            10 => "0.00%",
            11 => "0.00E+00",
            12 => "# ?/?",
            13 => "# ??/??",
            14 => "mm-dd-yy",
            15 => "d-mmm-yy",
            16 => "d-mmm",
            17 => "mmm-yy",
            18 => "h:mm AM/PM",
            19 => "h:mm:ss AM/PM",
            20 => "h:mm",
            21 => "h:mm:ss",
            22 => "m/d/yy h:mm",
            37 => "#,##0 ;(#,##0)",
            38 => "#,##0 ;[Red](#,##0)",
            39 => "#,##0.00;(#,##0.00)",
            40 => "#,##0.00;[Red](#,##0.00)",
            41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
            42 => "_($* #,##0_);_($* (#,##0);_($* \"-\"_);_(@_)",
            43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
            44 => "_($* #,##0.00_);_($* (#,##0.00);_($* \"-\"??_);_(@_)",
            45 => "mm:ss",
            46 => "[h]:mm:ss",
            47 => "mmss.0",
            48 => "##0.0E+0",
            49 => "@",
            _ => "General",
        };
        NumberFormat {
            code: code.to_owned(),
            shown,
        }
    }
}

/// Whether a format code shows a date, a duration or a number: a date when its first
/// section has a date or time letter (`y m d h s`, or `a/p`, `AM/PM`) outside quotes,
/// brackets and escapes; a duration when an elapsed-time field (`[h]`, `[mm]`, `[ss]`)
/// comes first.
fn shown_by_code(code: &str) -> Shown {
    let mut chars = code.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            quoted = c != '"';
            continue;
        }
        match c {
            '"' => quoted = true,
            // The next character is a literal (`\-`), a width (`_)`) or a fill (`*-`).
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => break,
            '[' => {
                let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                let lower = inner.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return Shown::Duration;
                }
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => return Shown::Date,
            'a' | 'A' => {
                let rest: String = chars
                    .clone()
                    .take(4)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if rest.starts_with("m/pm") || rest.starts_with("/p") {
                    return Shown::Date;
                }
            }
            _ => {}
        }
    }
    Shown::Number
}

/// A date serial number as (year, month, day, hour, minute, second, millisecond). In the
/// 1900 system day 1 is 1900-01-01 and day 60 the 1900-02-29 Excel keeps for Lotus 1-2-3's
/// sake; in the 1904 system day 0 is 1904-01-01 (ECMA-376 Part 1, §18.17.4.1). Serials
/// before the epoch count as the epoch; past 9999-12-31, as that day.
pub fn serial_date(serial: f64, date1904: bool) -> (u16, u8, u8, u8, u8, u8, u16) {
    let serial = if serial.is_finite() {
        serial.max(0.0)
    } else {
        0.0
    };
    let day = serial.floor();
    let mut millis = ((serial - day) * 86_400_000.0).round() as u64;
    let mut day = day.min(2_958_465.0) as i64;
    if millis >= 86_400_000 {
        millis -= 86_400_000;
        day += 1;
    }
    let (y, m, d) = if date1904 {
        civil_from_days(day + days_from_civil(1904, 1, 1))
    } else if day == 60 {
        (1900, 2, 29)
    } else if day == 0 {
        (1900, 1, 0)
    } else {
        // Day 1 is 1900-01-01; from day 61 on, the fictitious 29 February is skipped.
        let offset = if day > 60 { day - 1 } else { day };
        civil_from_days(offset - 1 + days_from_civil(1900, 1, 1))
    };
    let seconds = millis / 1000;
    (
        y.clamp(0, 9999) as u16,
        m as u8,
        d as u8,
        (seconds / 3600) as u8,
        (seconds / 60 % 60) as u8,
        (seconds % 60) as u8,
        (millis % 1000) as u16,
    )
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (H. Hinnant's
/// `days_from_civil`, public domain: <https://howardhinnant.github.io/date_algorithms.html>).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

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
        // Excel shows at most 30 decimal places (Microsoft, *Excel specifications and
        // limits*); a longer pattern is no format it writes, and is read as General.
        (seen_digit && p.max_places <= MAX_PLACES && p.int_zeros <= MAX_PLACES).then_some(p)
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
    fn serials_are_dates_of_either_system() {
        assert_eq!(serial_date(1.0, false), (1900, 1, 1, 0, 0, 0, 0));
        assert_eq!(serial_date(59.0, false), (1900, 2, 28, 0, 0, 0, 0));
        assert_eq!(serial_date(60.0, false), (1900, 2, 29, 0, 0, 0, 0));
        assert_eq!(serial_date(61.0, false), (1900, 3, 1, 0, 0, 0, 0));
        assert_eq!(serial_date(366.0, false), (1900, 12, 31, 0, 0, 0, 0));
        assert_eq!(serial_date(46_357.5, false), (2026, 12, 1, 12, 0, 0, 0));
        assert_eq!(serial_date(0.0, true), (1904, 1, 1, 0, 0, 0, 0));
        assert_eq!(serial_date(44_895.0, true), (2026, 12, 1, 0, 0, 0, 0));
        // A time that rounds to the end of the day is the next day's midnight.
        assert_eq!(
            serial_date(45_000.999_999_999, false),
            (2023, 3, 16, 0, 0, 0, 0)
        );
        assert_eq!(serial_date(45_000.25, false), (2023, 3, 15, 6, 0, 0, 0));
        assert_eq!(serial_date(f64::NAN, false).0, 1900);
        assert_eq!(serial_date(1e300, false), (9999, 12, 31, 0, 0, 0, 0));
    }

    #[test]
    fn formats_past_excels_thirty_places_read_as_general() {
        let long = format!("0.{}", "0".repeat(60_000));
        assert_eq!(number(1.5, &long), ("1.5".to_owned(), false));
        assert_eq!(number(1.5, &format!("0.{}", "0".repeat(30))).0.len(), 32);
    }

    #[test]
    fn formats_say_whether_they_show_dates() {
        for date in [
            "yyyy/m/d",
            "m/d/yy",
            "h:mm AM/PM",
            "[$-411]ggge\"年\"m\"月\"d\"日\"",
            "hh:mm",
            "a/p h",
        ] {
            assert_eq!(
                NumberFormat::of(200, Some(date)).shown,
                Shown::Date,
                "{date}"
            );
        }
        for number in [
            "0.00",
            "#,##0",
            "\"days\" 0",
            "0_);[Red](0)",
            "General",
            "@",
            "[Red]0.0",
            "0 \\h",
        ] {
            assert_eq!(
                NumberFormat::of(200, Some(number)).shown,
                Shown::Number,
                "{number}"
            );
        }
        assert_eq!(
            NumberFormat::of(200, Some("[h]:mm:ss")).shown,
            Shown::Duration
        );
        assert_eq!(NumberFormat::of(14, None).shown, Shown::Date);
        assert_eq!(
            NumberFormat::of(31, None),
            NumberFormat {
                code: "General".into(),
                shown: Shown::Date
            }
        );
        assert_eq!(NumberFormat::of(46, None).shown, Shown::Duration);
        assert_eq!(
            NumberFormat::of(2, None),
            NumberFormat {
                code: "0.00".into(),
                shown: Shown::Number
            }
        );
        assert_eq!(NumberFormat::of(0, None), NumberFormat::general());
    }

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
