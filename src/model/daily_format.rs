//! How daily notes are named, written as Obsidian's Daily notes plugin writes it: a Moment.js
//! format such as `YYYY-MM-DD`, `YYYY-MM-DD dddd` or `YYYY/MM/DD-MM-YYYY` (a `/` is a folder).
//! rolo reads a note's date back from its path with it.

use super::date::MONTHS;
use chrono::NaiveDate;

/// A daily-note name format, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyFormat {
    /// The format as written.
    text: String,
    /// Its parts, in order; `/` separates the folders it names.
    parts: Vec<Part>,
    /// How many path components it spans (one more than its `/`).
    components: usize,
}

/// One piece of a format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text that must be there as written (`-`, ` `, `[Daily]`).
    Literal(String),
    /// `YYYY`: four digits.
    Year,
    /// `YY`: two digits, read as 20YY.
    ShortYear,
    /// `MM`, `M`: the month's number, with two digits or one or two.
    Month { padded: bool },
    /// `MMM`, `MMMM`: the month's English name, short or long.
    MonthName,
    /// `DD`, `D`: the day of the month.
    Day { padded: bool },
    /// `Do`: the day with its English ordinal suffix (`1st`, `22nd`).
    OrdinalDay,
    /// `dd`, `ddd`, `dddd`: an English weekday name, read but not checked.
    Weekday,
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Moment tokens that are not about the day (time, week, quarter, day of the year...),
/// longer ones first: a daily note named with them cannot be read back as one day.
const UNSUPPORTED: [&str; 27] = [
    "gggg", "GGGG", "DDDD", "DDD", "ww", "WW", "HH", "hh", "kk", "mm", "ss", "Qo", "wo", "Wo", "X", "x", "Q", "w", "W",
    "E", "e", "H", "h", "k", "m", "s", "A",
];

impl DailyFormat {
    /// Parses a Moment.js format. Text in `[brackets]` is literal, as in Moment.
    ///
    /// # Errors
    /// A message naming the problem: a token about something other than the day (`HH`,
    /// `ww`...), an unclosed `[`, or a format that names no year, month and day.
    pub fn parse(text: &str) -> Result<DailyFormat, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if let Some(inside) = rest.strip_prefix('[') {
                let end = inside.find(']').ok_or_else(|| format!("`[` at {:?} is never closed", rest))?;
                push_literal(&mut parts, &inside[..end]);
                rest = &inside[end + 1..];
                continue;
            }
            if let Some(token) = UNSUPPORTED.iter().find(|t| rest.starts_with(**t)) {
                return Err(format!(
                    "`{token}` is not a part of a day's date; daily notes must be named by year, month and day (e.g. YYYY-MM-DD)"
                ));
            }
            let (part, len) = token_at(rest).unwrap_or_else(|| (Part::Literal(c.to_string()), c.len_utf8()));
            match part {
                Part::Literal(text) => push_literal(&mut parts, &text),
                part => parts.push(part),
            }
            rest = &rest[len..];
        }
        let has = |wanted: fn(&Part) -> bool| parts.iter().any(wanted);
        if !(has(|p| matches!(p, Part::Year | Part::ShortYear))
            && has(|p| matches!(p, Part::Month { .. } | Part::MonthName))
            && has(|p| matches!(p, Part::Day { .. } | Part::OrdinalDay)))
        {
            return Err("it must name a year, a month and a day (e.g. YYYY-MM-DD)".into());
        }
        let components = 1 + text.matches('/').count();
        Ok(DailyFormat { text: text.to_string(), parts, components })
    }

    /// The format as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is the ISO format `YYYY-MM-DD`, which rolo reads without it.
    pub fn is_iso(&self) -> bool {
        self.text == "YYYY-MM-DD"
    }

    /// The date of the daily note at this vault-relative path (`.md` included or not), or
    /// None when its name does not follow the format. Only the last components of the path
    /// are read, as many as the format names: the folder daily notes live in does not matter.
    pub fn date_of(&self, rel: &str) -> Option<NaiveDate> {
        let rel = rel.strip_suffix(".md").unwrap_or(rel);
        let folders = self.components - 1;
        if rel.matches('/').count() < folders {
            return None;
        }
        let start = rel.rmatch_indices('/').nth(folders).map_or(0, |(i, _)| i + 1);
        let mut found = Found::default();
        let mut rest = &rel[start..];
        for part in &self.parts {
            rest = found.take(part, rest)?;
        }
        if !rest.is_empty() {
            return None;
        }
        NaiveDate::from_ymd_opt(found.year?, found.month?, found.day?)
    }
}

/// Adds literal text, joined to a literal just before it.
fn push_literal(parts: &mut Vec<Part>, text: &str) {
    match parts.last_mut() {
        Some(Part::Literal(last)) => last.push_str(text),
        _ => parts.push(Part::Literal(text.to_string())),
    }
}

/// The Moment token `rest` starts with, and its length; None for a literal character.
fn token_at(rest: &str) -> Option<(Part, usize)> {
    const TOKENS: [(&str, Part); 12] = [
        ("YYYY", Part::Year),
        ("YY", Part::ShortYear),
        ("MMMM", Part::MonthName),
        ("MMM", Part::MonthName),
        ("MM", Part::Month { padded: true }),
        ("M", Part::Month { padded: false }),
        ("DD", Part::Day { padded: true }),
        ("Do", Part::OrdinalDay),
        ("D", Part::Day { padded: false }),
        ("dddd", Part::Weekday),
        ("ddd", Part::Weekday),
        ("dd", Part::Weekday),
    ];
    TOKENS.iter().find(|(token, _)| rest.starts_with(token)).map(|(token, part)| (part.clone(), token.len()))
}

/// The year, month and day read so far; a value read twice (a year in the folder and in the
/// name) must agree.
#[derive(Default)]
struct Found {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl Found {
    /// Reads one part from the start of `rest`; returns what follows it.
    fn take<'a>(&mut self, part: &Part, rest: &'a str) -> Option<&'a str> {
        match part {
            Part::Literal(text) => strip_prefix_ignoring_case(rest, text),
            Part::Year => {
                let (n, rest) = number(rest, 4, 4)?;
                set(&mut self.year, i32::try_from(n).ok()?)?;
                Some(rest)
            }
            Part::ShortYear => {
                let (n, rest) = number(rest, 2, 2)?;
                set(&mut self.year, 2000 + i32::try_from(n).ok()?)?;
                Some(rest)
            }
            Part::Month { padded } => {
                let (n, rest) = number(rest, if *padded { 2 } else { 1 }, 2)?;
                set(&mut self.month, n)?;
                Some(rest)
            }
            Part::MonthName => {
                let (i, rest) = name(rest, &MONTHS, 3)?;
                set(&mut self.month, u32::try_from(i + 1).ok()?)?;
                Some(rest)
            }
            Part::Day { padded } => {
                let (n, rest) = number(rest, if *padded { 2 } else { 1 }, 2)?;
                set(&mut self.day, n)?;
                Some(rest)
            }
            Part::OrdinalDay => {
                let (n, rest) = number(rest, 1, 2)?;
                let rest = ["st", "nd", "rd", "th"].iter().find_map(|s| strip_prefix_ignoring_case(rest, s))?;
                set(&mut self.day, n)?;
                Some(rest)
            }
            Part::Weekday => name(rest, &WEEKDAYS, 2).map(|(_, rest)| rest),
        }
    }
}

/// Records a value, or checks it against the one already read.
fn set<T: PartialEq>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(known) if *known != value => None,
        Some(_) => Some(()),
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// A number of `min` to `max` ASCII digits (as many as there are, up to `max`).
fn number(rest: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let len = rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if len < min {
        return None;
    }
    Some((rest[..len].parse().ok()?, &rest[len..]))
}

/// One of `names`, written whole or as its first three letters (two too for weekdays, as
/// Moment's `dd` writes them; two letters would not tell March from May), ignoring case: its
/// index, and what follows it. Longer spellings are tried first.
fn name<'a>(rest: &'a str, names: &[&str], shortest: usize) -> Option<(usize, &'a str)> {
    names.iter().enumerate().find_map(|(i, full)| {
        [full.len(), 3, 2]
            .iter()
            .filter(|&&n| n >= shortest)
            .find_map(|&n| strip_prefix_ignoring_case(rest, full.get(..n)?).map(|r| (i, r)))
    })
}

/// `rest` without `prefix` at its start, compared without regard to ASCII case.
fn strip_prefix_ignoring_case<'a>(rest: &'a str, prefix: &str) -> Option<&'a str> {
    let head = rest.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &rest[prefix.len()..])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date_of(format: &str, rel: &str) -> Option<String> {
        DailyFormat::parse(format).unwrap().date_of(rel).map(|d| d.to_string())
    }

    #[test]
    fn iso_names_read_back() {
        assert_eq!(date_of("YYYY-MM-DD", "Daily/2026-03-14.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("YYYY-MM-DD", "Daily/2026-3-14.md"), None);
        assert_eq!(date_of("YYYY-MM-DD", "Daily/2026-02-30.md"), None);
        assert!(DailyFormat::parse("YYYY-MM-DD").unwrap().is_iso());
    }

    #[test]
    fn names_with_a_weekday_or_a_month_name() {
        assert_eq!(date_of("YYYY-MM-DD dddd", "J/2026-03-14 Saturday.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("YYYY-MM-DD ddd", "2026-03-14 sat").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("dddd, MMMM Do, YYYY", "Saturday, March 14th, 2026").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("D MMM YYYY", "1 Mar 2026.md").as_deref(), Some("2026-03-01"));
        assert_eq!(date_of("D MMM YYYY", "1 May 2026.md").as_deref(), Some("2026-05-01"));
        assert_eq!(date_of("dd D MMMM YYYY", "Fr 1 May 2026.md").as_deref(), Some("2026-05-01"));
        assert_eq!(date_of("YYYY-MM-DD dddd", "2026-03-14 Meeting.md"), None);
    }

    #[test]
    fn day_first_and_compact_names() {
        assert_eq!(date_of("DD-MM-YYYY", "14-03-2026.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("DD.MM.YY", "14.03.26.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("YYYYMMDD", "20260314.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("DD-MM-YYYY", "2026-03-14.md"), None);
    }

    #[test]
    fn literal_text_in_brackets() {
        assert_eq!(date_of("[Daily] YYYY-MM-DD", "Daily 2026-03-14.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of("[Daily] YYYY-MM-DD", "2026-03-14.md"), None);
    }

    #[test]
    fn folders_in_the_format_are_read_and_must_agree() {
        let format = "YYYY/MM-MMMM/YYYY-MM-DD";
        assert_eq!(date_of(format, "Journal/2026/03-March/2026-03-14.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of(format, "2026/03-March/2026-03-14.md").as_deref(), Some("2026-03-14"));
        assert_eq!(date_of(format, "Journal/2025/03-March/2026-03-14.md"), None);
        assert_eq!(date_of(format, "03-March/2026-03-14.md"), None);
        assert_eq!(date_of(format, "2026-03-14.md"), None);
    }

    #[test]
    fn formats_that_do_not_name_one_day_are_refused() {
        for (format, said) in [
            ("gggg-[W]ww", "`gggg` is not a part of a day's date"),
            ("YYYY-MM-DD HH:mm", "`HH` is not"),
            ("YYYY-MM", "it must name a year, a month and a day"),
            ("YYYY-MM-DD [open", "is never closed"),
        ] {
            let err = DailyFormat::parse(format).unwrap_err();
            assert!(err.contains(said), "{format}: {err}");
        }
    }
}
