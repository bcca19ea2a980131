//! Dates as they appear in notes: ISO dates and Obsidian date-times in front
//! matter, and dates at the start of log entries. Birthdays are in [`super::birthday`].

use crate::note::wikilink::{link_stem, link_target};
use chrono::NaiveDate;

/// English month names, for error messages and for daily-note names that spell the month.
pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What went wrong when reading a date or birthday.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not shaped like a date at all.
    #[error(
        "invalid date {0:?}: expected YYYY-MM-DD (e.g. 2026-03-14), optionally followed by a \
         time THH:MM or THH:MM:SS, or a [[YYYY-MM-DD]] link"
    )]
    Format(String),
    /// The month number is not 1 to 12.
    #[error("invalid date {given:?}: month {month} does not exist (expected YYYY-MM-DD with month 01 to 12)")]
    NoSuchMonth {
        /// The text as given.
        given: String,
        /// The month number found.
        month: u32,
    },
    /// The day does not exist in that month (e.g. `2026-02-30`).
    #[error("invalid date {given:?}: the day does not exist, {month_name} {year} has days 01 to {last_day}")]
    NoSuchDay {
        /// The text as given.
        given: String,
        /// The month's English name.
        month_name: &'static str,
        /// The year, or `any year` wording when the year is unknown.
        year: String,
        /// The last day of that month.
        last_day: u32,
    },
    /// The time after the date is malformed.
    #[error("invalid date-time {0:?}: the time must be HH:MM or HH:MM:SS (e.g. 2026-03-14T09:30)")]
    Time(String),
    /// A birthday in none of the accepted shapes.
    #[error(
        "invalid birthday {0:?}: expected YYYY-MM-DD, MM-DD, --MM-DD, --MMDD or XXXX-MM-DD \
         (e.g. 1990-03-14 or 03-14)"
    )]
    Birthday(String),
}

/// The last day of `month` (1..=12) in `year`, or `None` if out of range.
pub(super) fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
}

/// Builds a date, with an error naming the month or day that does not exist.
/// `year_label` is what the error calls the year.
pub(super) fn checked_date(
    given: &str,
    year: i32,
    year_label: String,
    month: u32,
    day: u32,
) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth { given: given.to_string(), month });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::NoSuchDay {
        given: given.to_string(),
        month_name: month_name(month),
        year: year_label,
        last_day: last_day_of_month(year, month).unwrap_or(31),
    })
}

/// The English name of a month number, `"?"` outside 1..=12.
fn month_name(month: u32) -> &'static str {
    month.checked_sub(1).and_then(|i| MONTHS.get(i as usize)).copied().unwrap_or("?")
}

/// `n` ASCII digits at the start of `b`, as a number.
pub(super) fn digits(b: &[u8], n: usize) -> Option<u32> {
    let part = b.get(..n)?;
    part.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

/// Reads `YYYY-MM-DD` from the first 10 bytes of `b` as (year, month, day)
/// numbers, without checking that the date exists.
fn ymd_prefix(b: &[u8]) -> Option<(i32, u32, u32)> {
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = digits(b, 4)?;
    let month = digits(b.get(5..)?, 2)?;
    let day = digits(b.get(8..)?, 2)?;
    Some((i32::try_from(year).ok()?, month, day))
}

/// Whether `t` is a time: `HH:MM` or `HH:MM:SS`, optionally with fractional
/// seconds and a `Z` or `±HH:MM` offset.
fn is_time(t: &str) -> bool {
    let b = t.as_bytes();
    let in_range = |pos: usize, max: u32| b.get(pos..).and_then(|r| digits(r, 2)).is_some_and(|v| v <= max);
    if !(in_range(0, 23) && b.get(2) == Some(&b':') && in_range(3, 59)) {
        return false;
    }
    let mut rest = t.get(5..).unwrap_or("");
    if let Some(sec) = rest.strip_prefix(':') {
        let sb = sec.as_bytes();
        if digits(sb, 2).is_none_or(|v| v > 60) {
            return false;
        }
        rest = sec.get(2..).unwrap_or("");
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return false;
            }
            rest = frac.get(n..).unwrap_or("");
        }
    }
    let rest = rest.trim_start();
    if rest.is_empty() || rest.eq_ignore_ascii_case("z") {
        return true;
    }
    match rest.strip_prefix(['+', '-']) {
        Some(off) => {
            let ob = off.as_bytes();
            off.len() == 5
                && digits(ob, 2).is_some_and(|v| v <= 23)
                && ob.get(2) == Some(&b':')
                && ob.get(3..).and_then(|r| digits(r, 2)).is_some_and(|v| v <= 59)
        }
        None => false,
    }
}

/// Removes optional surrounding `[[` `]]` (and a `|alias` inside them).
fn strip_wikilink(s: &str) -> &str {
    match s.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
        Some(inner) => inner.split('|').next().unwrap_or(inner).trim(),
        None => s,
    }
}

/// Parses a front matter date: `YYYY-MM-DD`, or an Obsidian date-time
/// `YYYY-MM-DDTHH:MM[:SS]` (a space may replace the `T`) keeping only the
/// date; surrounding whitespace and a surrounding `[[...]]` link are ignored.
///
/// # Errors
/// [`DateError::Format`] if the text is not shaped like a date,
/// [`DateError::Time`] for a malformed time, [`DateError::NoSuchMonth`] or
/// [`DateError::NoSuchDay`] for a date that does not exist (`2026-02-30`).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let given = s.trim();
    let text = strip_wikilink(given);
    let b = text.as_bytes();
    let (year, month, day) = ymd_prefix(b).ok_or_else(|| DateError::Format(given.to_string()))?;
    // The first 10 bytes are ASCII, so byte 10 is a char boundary.
    let rest = text.get(10..).unwrap_or("");
    if !rest.is_empty() {
        let time = rest.strip_prefix(['T', 't', ' ']).ok_or_else(|| DateError::Format(given.to_string()))?;
        if !is_time(time.trim_start()) {
            return Err(DateError::Time(given.to_string()));
        }
    }
    checked_date(given, year, year.to_string(), month, day)
}

/// If `s` starts with a date, returns it and its length in bytes. The date is a valid
/// `YYYY-MM-DD`, optionally with an Obsidian time (`2026-03-14T09:30`, kept out of the
/// entry's text), or a link to a daily note (`[[2026-03-14]]`, `[[2026-03-14|Sat]]`). It
/// must be followed by the end of the text, whitespace or a non-alphanumeric character.
/// Used for log entries like `2026-03-14 #coffee with Ana`.
#[must_use]
pub fn leading_date(s: &str) -> Option<(NaiveDate, usize)> {
    let (date, len) = match s.strip_prefix("[[") {
        Some(inner) => linked_date(inner).map(|(date, len)| (date, len + 2))?,
        None => date_and_time(s)?,
    };
    match s.get(len..)?.chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some((date, len)),
    }
}

/// The date of a link's inside when its target starts with one, as a daily note's or a
/// dated meeting note's does (`2026-03-14]]`, `2026-03-14|Sat]]`, `2026-03-14 Saturday]]`),
/// and the length through its `]]`.
fn linked_date(inner: &str) -> Option<(NaiveDate, usize)> {
    let close = inner.find("]]")?;
    // A link by path (`[[Daily/2026-03-14]]`) is dated by its file name.
    let target = link_stem(link_target(&inner[..close])?);
    let (date, len) = date_and_time(target)?;
    match target[len..].chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some((date, close + 2)),
    }
}

/// A leading `YYYY-MM-DD[THH:MM[:SS]]`, and its length.
fn date_and_time(s: &str) -> Option<(NaiveDate, usize)> {
    let (year, month, day) = ymd_prefix(s.as_bytes())?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    // The first 10 bytes are ASCII, so byte 10 is a char boundary.
    Some((date, 10 + time_len(s.get(10..)?)))
}

/// The length of a `THH:MM` or `THH:MM:SS` at the start of `s`, or 0.
fn time_len(s: &str) -> usize {
    let b = s.as_bytes();
    let two = |pos: usize, max: u32| b.get(pos..).and_then(|r| digits(r, 2)).is_some_and(|v| v <= max);
    if !(matches!(b.first(), Some(b'T' | b't')) && two(1, 23) && b.get(3) == Some(&b':') && two(4, 59)) {
        return 0;
    }
    if b.get(6) == Some(&b':') && two(7, 60) {
        9
    } else {
        6
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // parse_date

    #[test]
    fn iso_date_parses() {
        assert_eq!(parse_date("2026-03-14"), Ok(date(2026, 3, 14)));
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(parse_date("  2026-03-14\n"), Ok(date(2026, 3, 14)));
    }

    #[test]
    fn obsidian_datetime_keeps_the_date() {
        assert_eq!(parse_date("2026-03-14T09:30"), Ok(date(2026, 3, 14)));
        assert_eq!(parse_date("2026-03-14T09:30:15"), Ok(date(2026, 3, 14)));
    }

    #[test]
    fn space_may_replace_t_in_datetime() {
        assert_eq!(parse_date("2026-03-14 09:30"), Ok(date(2026, 3, 14)));
    }

    #[test]
    fn datetime_with_fraction_and_offset_keeps_the_date() {
        assert_eq!(parse_date("2026-03-14T09:30:15.123+01:00"), Ok(date(2026, 3, 14)));
        assert_eq!(parse_date("2026-03-14T09:30:15Z"), Ok(date(2026, 3, 14)));
    }

    #[test]
    fn wikilink_to_daily_note_parses() {
        assert_eq!(parse_date("[[2026-03-14]]"), Ok(date(2026, 3, 14)));
        assert_eq!(parse_date("[[2026-03-14|Saturday]]"), Ok(date(2026, 3, 14)));
    }

    #[test]
    fn nonexistent_day_error_says_the_day_does_not_exist() {
        let err = parse_date("2026-02-30").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid date \"2026-02-30\": the day does not exist, February 2026 has days 01 to 28"
        );
    }

    #[test]
    fn nonexistent_month_is_an_error() {
        assert!(matches!(parse_date("2026-13-01"), Err(DateError::NoSuchMonth { month: 13, .. })));
    }

    #[test]
    fn malformed_date_error_shows_input_and_expected_format() {
        let msg = parse_date("14/03/2026").unwrap_err().to_string();
        assert!(msg.contains("\"14/03/2026\""));
        assert!(msg.contains("YYYY-MM-DD"));
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(matches!(parse_date("2026-03-14x"), Err(DateError::Format(_))));
        assert!(matches!(parse_date("2026-03-145"), Err(DateError::Format(_))));
    }

    #[test]
    fn bad_time_is_a_time_error() {
        assert!(matches!(parse_date("2026-03-14T25:00"), Err(DateError::Time(_))));
        assert!(matches!(parse_date("2026-03-14T9:30"), Err(DateError::Time(_))));
    }

    #[test]
    fn short_or_non_ascii_input_is_an_error_not_a_panic() {
        for bad in ["", "2026", "2026-3-14", "２０２６-03-14", "2026-03-1é", "é"] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }

    // leading_date

    #[test]
    fn leading_date_before_space_is_found() {
        assert_eq!(leading_date("2026-03-14 #coffee with Ana"), Some((date(2026, 3, 14), 10)));
    }

    #[test]
    fn leading_date_alone_is_found() {
        assert_eq!(leading_date("2026-03-14"), Some((date(2026, 3, 14), 10)));
    }

    #[test]
    fn leading_date_before_punctuation_is_found() {
        assert_eq!(leading_date("2026-03-14: call"), Some((date(2026, 3, 14), 10)));
        assert_eq!(leading_date("2026-03-14—call"), Some((date(2026, 3, 14), 10)));
    }

    #[test]
    fn leading_date_followed_by_alphanumeric_is_not_a_date() {
        assert_eq!(leading_date("2026-03-145"), None);
        assert_eq!(leading_date("2026-03-14Tuesday"), None);
        assert_eq!(leading_date("2026-03-14T10:00am"), None);
        assert_eq!(leading_date("2026-03-14é"), None);
    }

    #[test]
    fn leading_date_keeps_an_obsidian_time_out_of_the_text() {
        assert_eq!(leading_date("2026-03-14T10:00 call"), Some((date(2026, 3, 14), 16)));
        assert_eq!(leading_date("2026-03-14T10:00:59"), Some((date(2026, 3, 14), 19)));
        // Not a time: the date alone, and what follows stays text.
        assert_eq!(leading_date("2026-03-14 10:00 call"), Some((date(2026, 3, 14), 10)));
    }

    #[test]
    fn leading_date_reads_a_daily_note_link() {
        assert_eq!(leading_date("[[2026-03-14]] #coffee"), Some((date(2026, 3, 14), 14)));
        assert_eq!(leading_date("[[2026-03-14|Saturday]]: call"), Some((date(2026, 3, 14), 23)));
        assert_eq!(leading_date("[[2026-03-14T09:30]]"), Some((date(2026, 3, 14), 20)));
        assert_eq!(leading_date("[[2026-03-14 Saturday]] call"), Some((date(2026, 3, 14), 23)));
        assert_eq!(leading_date("[[Daily/2026-03-14 Coffee with Ana]]"), Some((date(2026, 3, 14), 36)));
    }

    #[test]
    fn a_link_to_anything_but_a_date_is_no_leading_date() {
        assert_eq!(leading_date("[[Ana Ruiz]] 2026-03-14"), None);
        assert_eq!(leading_date("[[2026-03-14trip]]"), None);
        assert_eq!(leading_date("[[2026-02-30]]"), None);
        assert_eq!(leading_date("[[2026-03-14"), None);
        assert_eq!(leading_date("[[2026-03-14]]x"), None);
    }

    #[test]
    fn leading_date_must_exist() {
        assert_eq!(leading_date("2026-02-30 call"), None);
    }

    #[test]
    fn text_not_starting_with_date_has_no_leading_date() {
        assert_eq!(leading_date("call on 2026-03-14"), None);
        assert_eq!(leading_date(""), None);
    }

    proptest! {
        #[test]
        fn parse_date_never_panics(s in "\\PC{0,30}") {
            let _ = parse_date(&s);
            let _ = leading_date(&s);
        }

        #[test]
        fn date_shaped_input_never_panics(s in "[0-9X]{4}-[0-9é]{2}-[0-9]{2}[T ]?[0-9:.+Z]{0,12}") {
            let _ = parse_date(&s);
            let _ = leading_date(&s);
        }

        #[test]
        fn iso_date_round_trips(n in 0i64..3_652_059) {
            let d = date(1, 1, 1) + chrono::Duration::days(n);
            prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(d));
        }
    }
}
