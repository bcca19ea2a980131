//! Dates as they appear in notes: ISO dates and Obsidian date-times in front
//! matter, dates at the start of log entries, birthdays with or without a
//! year, and LinkedIn export dates.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// English month names, used in error messages and LinkedIn dates.
const MONTHS: [&str; 12] = [
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
    /// A LinkedIn date in none of the accepted shapes.
    #[error("invalid LinkedIn date {0:?}: expected D Mon YYYY (e.g. 14 Mar 2021) or DD-Mon-YY (e.g. 14-Mar-21)")]
    LinkedIn(String),
}

/// The last day of `month` (1..=12) in `year`, or `None` if out of range.
fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
}

/// Builds a date, with an error naming the month or day that does not exist.
/// `year_label` is what the error calls the year.
fn checked_date(given: &str, year: i32, year_label: String, month: u32, day: u32) -> Result<NaiveDate, DateError> {
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
fn digits(b: &[u8], n: usize) -> Option<u32> {
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

/// If `s` starts with a valid `YYYY-MM-DD` date followed by the end of the
/// text, whitespace or a non-alphanumeric character, returns the date and its
/// length in bytes (always 10). Used for log entries like
/// `2026-03-14 #coffee with Ana`.
#[must_use]
pub fn leading_date(s: &str) -> Option<(NaiveDate, usize)> {
    let (year, month, day) = ymd_prefix(s.as_bytes())?;
    let next = s.get(10..)?.chars().next();
    if next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((NaiveDate::from_ymd_opt(year, month, day)?, 10))
}

/// A birthday: month and day, with the year when it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Birthday {
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31 (Feb 29 allowed).
    pub day: u32,
    /// Year of birth, if known.
    pub year: Option<i32>,
}

impl Birthday {
    /// The birthday's date in `year`, with Feb 29 falling on Feb 28 in
    /// non-leap years (and out-of-range fields clamped rather than panicking).
    fn in_year(&self, year: i32) -> Option<NaiveDate> {
        let month = self.month.clamp(1, 12);
        let day = self.day.clamp(1, last_day_of_month(year, month)?);
        NaiveDate::from_ymd_opt(year, month, day)
    }

    /// The first birthday on or after `today` (today itself if it is the
    /// birthday). Feb 29 birthdays fall on Feb 28 in non-leap years. At the
    /// very end of the supported date range returns `NaiveDate::MAX`.
    #[must_use]
    pub fn next_on_or_after(&self, today: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(today.year());
        match this_year {
            Some(d) if d >= today => d,
            _ => today.year().checked_add(1).and_then(|y| self.in_year(y)).unwrap_or(NaiveDate::MAX),
        }
    }

    /// Age in whole years on `date`, if the birth year is known and `date`
    /// is not before the birth. A Feb 29 birthday counts on Feb 28 in
    /// non-leap years.
    #[must_use]
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        let year = self.year?;
        let born = self.in_year(year)?;
        if date < born {
            return None;
        }
        let mut age = date.year().checked_sub(year)?;
        if self.in_year(date.year()).is_some_and(|b| date < b) {
            age = age.checked_sub(1)?;
        }
        u32::try_from(age).ok()
    }
}

impl fmt::Display for Birthday {
    /// Writes `YYYY-MM-DD` when the year is known, else `MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "{:02}-{:02}", self.month, self.day),
        }
    }
}

impl Serialize for Birthday {
    /// Serializes as the [`Display`](fmt::Display) string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Birthday {
    /// Reads the [`Display`](fmt::Display) string back (used by the parse cache).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Years that mean "unknown" in a full birthday: `XXXX`, `0000`, `????` and
/// `1604` (the placeholder year Apple Contacts writes).
fn is_unknown_year(y: &str) -> bool {
    y.eq_ignore_ascii_case("xxxx") || y == "0000" || y == "????" || y == "1604"
}

impl FromStr for Birthday {
    type Err = DateError;

    /// Parses `YYYY-MM-DD` (a date-time keeps its date), `MM-DD`, `--MM-DD`,
    /// `--MMDD` (vCard), `YYYYMMDD`, or a full date whose year is `XXXX`,
    /// `0000`, `????` or `1604` (unknown year). Feb 29 is valid without a year.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let given = s.trim();
        let bad = || DateError::Birthday(given.to_string());
        let b = given.as_bytes();
        let month_day = |month: Option<u32>, day: Option<u32>| -> Result<Birthday, DateError> {
            let (month, day) = (month.ok_or_else(bad)?, day.ok_or_else(bad)?);
            // 2000 is a leap year, so Feb 29 is accepted without a year.
            checked_date(given, 2000, "(any year)".to_string(), month, day)?;
            Ok(Birthday { month, day, year: None })
        };
        if let Some(rest) = given.strip_prefix("--") {
            let r = rest.as_bytes();
            return match r.len() {
                4 => month_day(digits(r, 2), r.get(2..).and_then(|x| digits(x, 2))),
                5 if r.get(2) == Some(&b'-') => month_day(digits(r, 2), r.get(3..).and_then(|x| digits(x, 2))),
                _ => Err(bad()),
            };
        }
        if b.len() == 5 && b.get(2) == Some(&b'-') {
            return month_day(digits(b, 2), b.get(3..).and_then(|x| digits(x, 2)));
        }
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            // All ASCII digits, so every byte index is a char boundary.
            let (y, md) = given.split_at(4);
            let (m, d) = md.split_at(2);
            return Birthday::from_str(&format!("{y}-{m}-{d}"));
        }
        if b.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
            if given.get(..4).is_some_and(is_unknown_year) {
                if b.len() != 10 {
                    return Err(bad());
                }
                return month_day(b.get(5..).and_then(|x| digits(x, 2)), b.get(8..).and_then(|x| digits(x, 2)));
            }
            let date = parse_date(given).map_err(|e| match e {
                DateError::Format(_) => bad(),
                other => other,
            })?;
            return Ok(Birthday { month: date.month(), day: date.day(), year: Some(date.year()) });
        }
        Err(bad())
    }
}

/// The month number of an English month name or its abbreviation
/// (`Mar`, `March`, `Sept`), case-insensitive.
fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTHS.iter().zip(1..).find_map(|(full, n)| {
        let full = full.to_ascii_lowercase();
        (lower == full || (lower.len() == 3 && full.starts_with(&lower))).then_some(n)
    })
}

/// Parses a date from a LinkedIn export: `14 Mar 2021` (as in
/// `Connections.csv`), also `14-Mar-21`, `14-Mar-2021` and full month names.
/// Two-digit years are in 2000-2099.
///
/// # Errors
/// [`DateError::LinkedIn`] for another shape, [`DateError::NoSuchDay`] for a
/// day that does not exist (`30 Feb 2021`).
pub fn parse_linkedin_date(s: &str) -> Result<NaiveDate, DateError> {
    let given = s.trim();
    let bad = || DateError::LinkedIn(given.to_string());
    let parts: Vec<&str> = given.split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()).collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(bad());
    };
    let num = |t: &str, lens: &[usize]| -> Option<u32> {
        (lens.contains(&t.len()) && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
    };
    let day = num(day, &[1, 2]).ok_or_else(bad)?;
    let month = month_from_name(month).ok_or_else(bad)?;
    let year = match year.len() {
        2 => num(year, &[2]).map(|y| 2000 + y),
        _ => num(year, &[4]),
    }
    .ok_or_else(bad)?;
    let year = i32::try_from(year).map_err(|_| bad())?;
    checked_date(given, year, year.to_string(), month, day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn bday(s: &str) -> Birthday {
        s.parse().unwrap()
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
        assert_eq!(leading_date("2026-03-14T10:00"), None);
        assert_eq!(leading_date("2026-03-14é"), None);
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

    // Birthday

    #[test]
    fn full_birthday_has_year() {
        assert_eq!(bday("1990-03-14"), Birthday { month: 3, day: 14, year: Some(1990) });
    }

    #[test]
    fn month_day_birthday_has_no_year() {
        assert_eq!(bday("03-14"), Birthday { month: 3, day: 14, year: None });
    }

    #[test]
    fn vcard_birthday_forms_have_no_year() {
        let expected = Birthday { month: 3, day: 14, year: None };
        assert_eq!(bday("--03-14"), expected);
        assert_eq!(bday("--0314"), expected);
    }

    #[test]
    fn placeholder_years_mean_unknown_year() {
        let expected = Birthday { month: 3, day: 14, year: None };
        assert_eq!(bday("XXXX-03-14"), expected);
        assert_eq!(bday("0000-03-14"), expected);
        assert_eq!(bday("1604-03-14"), expected);
    }

    #[test]
    fn compact_vcard_date_has_year() {
        assert_eq!(bday("19900314"), Birthday { month: 3, day: 14, year: Some(1990) });
    }

    #[test]
    fn february_29_is_valid_without_year() {
        assert_eq!(bday("02-29"), Birthday { month: 2, day: 29, year: None });
        assert_eq!(bday("--0229").day, 29);
    }

    #[test]
    fn february_29_is_valid_in_leap_year() {
        assert_eq!(bday("2000-02-29").year, Some(2000));
    }

    #[test]
    fn february_29_in_non_leap_year_is_an_error() {
        assert!(matches!("2001-02-29".parse::<Birthday>(), Err(DateError::NoSuchDay { .. })));
    }

    #[test]
    fn february_30_without_year_is_an_error() {
        assert!(matches!("02-30".parse::<Birthday>(), Err(DateError::NoSuchDay { .. })));
    }

    #[test]
    fn malformed_birthday_error_lists_accepted_forms() {
        let msg = "March 14".parse::<Birthday>().unwrap_err().to_string();
        assert!(msg.contains("\"March 14\""));
        assert!(msg.contains("MM-DD"));
    }

    #[test]
    fn birthday_later_this_year_is_next() {
        assert_eq!(bday("03-14").next_on_or_after(date(2026, 1, 1)), date(2026, 3, 14));
    }

    #[test]
    fn birthday_today_is_next() {
        assert_eq!(bday("03-14").next_on_or_after(date(2026, 3, 14)), date(2026, 3, 14));
    }

    #[test]
    fn birthday_already_past_is_next_year() {
        assert_eq!(bday("03-14").next_on_or_after(date(2026, 3, 15)), date(2027, 3, 14));
    }

    #[test]
    fn february_29_birthday_falls_on_february_28_in_non_leap_year() {
        assert_eq!(bday("02-29").next_on_or_after(date(2026, 1, 1)), date(2026, 2, 28));
    }

    #[test]
    fn february_29_birthday_is_february_29_in_leap_year() {
        assert_eq!(bday("02-29").next_on_or_after(date(2028, 1, 1)), date(2028, 2, 29));
    }

    #[test]
    fn next_birthday_at_end_of_date_range_does_not_panic() {
        let _ = bday("01-01").next_on_or_after(NaiveDate::MAX);
        let odd = Birthday { month: 99, day: 99, year: None };
        let _ = odd.next_on_or_after(date(2026, 1, 1));
    }

    #[test]
    fn age_counts_whole_years() {
        let b = bday("1990-03-14");
        assert_eq!(b.age_on(date(2026, 3, 13)), Some(35));
        assert_eq!(b.age_on(date(2026, 3, 14)), Some(36));
    }

    #[test]
    fn age_is_none_without_year() {
        assert_eq!(bday("03-14").age_on(date(2026, 3, 14)), None);
    }

    #[test]
    fn age_is_none_before_birth() {
        assert_eq!(bday("1990-03-14").age_on(date(1990, 3, 13)), None);
    }

    #[test]
    fn february_29_birthday_ages_on_february_28_in_non_leap_year() {
        let b = bday("2000-02-29");
        assert_eq!(b.age_on(date(2001, 2, 27)), Some(0));
        assert_eq!(b.age_on(date(2001, 2, 28)), Some(1));
    }

    #[test]
    fn birthday_displays_with_or_without_year() {
        assert_eq!(bday("1990-03-04").to_string(), "1990-03-04");
        assert_eq!(bday("--0304").to_string(), "03-04");
    }

    // LinkedIn

    #[test]
    fn linkedin_connections_date_parses() {
        assert_eq!(parse_linkedin_date("14 Mar 2021"), Ok(date(2021, 3, 14)));
    }

    #[test]
    fn linkedin_dashed_two_digit_year_parses() {
        assert_eq!(parse_linkedin_date("14-Mar-21"), Ok(date(2021, 3, 14)));
    }

    #[test]
    fn linkedin_full_month_name_parses() {
        assert_eq!(parse_linkedin_date("4 september 2019"), Ok(date(2019, 9, 4)));
    }

    #[test]
    fn linkedin_nonexistent_day_is_an_error() {
        assert!(matches!(parse_linkedin_date("30 Feb 2021"), Err(DateError::NoSuchDay { .. })));
    }

    #[test]
    fn linkedin_malformed_date_error_shows_expected_format() {
        let msg = parse_linkedin_date("Mar 14 2021").unwrap_err().to_string();
        assert!(msg.contains("14 Mar 2021"));
    }

    proptest! {
        #[test]
        fn parse_date_never_panics(s in "\\PC{0,30}") {
            let _ = parse_date(&s);
        }

        #[test]
        fn date_shaped_input_never_panics(s in "[0-9X]{4}-[0-9é]{2}-[0-9]{2}[T ]?[0-9:.+Z]{0,12}") {
            let _ = parse_date(&s);
            let _ = leading_date(&s);
            let _ = s.parse::<Birthday>();
        }

        #[test]
        fn leading_date_and_birthday_and_linkedin_never_panic(s in "\\PC{0,30}") {
            let _ = leading_date(&s);
            let _ = s.parse::<Birthday>();
            let _ = parse_linkedin_date(&s);
        }

        #[test]
        fn iso_date_round_trips(n in 0i64..3_652_059) {
            let d = date(1, 1, 1) + chrono::Duration::days(n);
            prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(d));
        }

        #[test]
        fn birthday_display_round_trips(m in 1u32..=12, d in 1u32..=31, y in proptest::option::of(1900i32..2100)) {
            if let Ok(b) = format!("{}-{m:02}-{d:02}", y.map_or("XXXX".to_string(), |y| y.to_string())).parse::<Birthday>() {
                prop_assert_eq!(b.to_string().parse::<Birthday>(), Ok(b));
            }
        }

        #[test]
        fn next_birthday_is_within_a_year(m in 1u32..=12, d in 1u32..=29, n in 0i64..100_000) {
            let today = date(1900, 1, 1) + chrono::Duration::days(n);
            let b = Birthday { month: m, day: d, year: None };
            let next = b.next_on_or_after(today);
            prop_assert!(next >= today);
            prop_assert!((next - today).num_days() < 366);
        }
    }
}
