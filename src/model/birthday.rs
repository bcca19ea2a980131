//! Birthdays as notes and contact exports write them: with or without a year, in the ISO,
//! vCard and "unknown year" shapes, and the next one after a given day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::{checked_date, digits, last_day_of_month, parse_date, DateError};

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

    proptest! {
        #[test]
        fn any_text_is_a_birthday_or_an_error_never_a_panic(s in "\\PC{0,30}") {
            let _ = s.parse::<Birthday>();
        }

        #[test]
        fn date_shaped_input_never_panics(s in "[0-9X]{4}-[0-9é]{2}-[0-9]{2}[T ]?[0-9:.+Z]{0,12}") {
            let _ = s.parse::<Birthday>();
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
