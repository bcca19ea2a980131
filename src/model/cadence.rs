//! Contact cadences: how often a person should be contacted (`30d`, `6w`,
//! `3m`, `1y`, `monthly`, `never`, ...), parsed from front matter and used to
//! compute when the next contact is due.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest cadence accepted, in days (about 100 years).
pub const MAX_CADENCE_DAYS: u32 = 36_500;
/// The longest cadence accepted in weeks (`MAX_CADENCE_DAYS / 7`).
const MAX_WEEKS: u32 = MAX_CADENCE_DAYS / 7;
/// The longest cadence accepted in calendar months (100 years).
const MAX_MONTHS: u32 = 1_200;
/// The longest cadence accepted in years.
const MAX_YEARS: u32 = 100;

/// What went wrong when reading a cadence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CadenceError {
    /// The text is neither `N` + unit nor one of the known words.
    #[error(
        "unknown cadence {0:?}: use Nd, Nw, Nm, Ny (e.g. 30d, 6w, 3m, 1y) or daily, weekly, \
         biweekly, fortnightly, monthly, bimonthly, quarterly, semiannually, half-yearly, \
         yearly, annually, never"
    )]
    Unknown(String),
    /// The count is zero or negative.
    #[error(
        "cadence {0:?} is not positive: the count must be at least 1 (e.g. 1d, 2w); \
         use \"never\" for no cadence"
    )]
    NotPositive(String),
    /// The count is larger than [`MAX_CADENCE_DAYS`] allows.
    #[error("cadence {0:?} is too long: at most 36500 days (36500d, 5214w, 1200m or 100y) is accepted")]
    TooLong(String),
}

/// A unit-tagged length of time between contacts.
///
/// Values produced by this module's parsers always have a count between 1 and
/// the unit's maximum (36500 days equivalent); methods never panic on other
/// values either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Interval {
    /// A number of days.
    Days(u32),
    /// A number of weeks (7 days each).
    Weeks(u32),
    /// A number of calendar months (same day of month, clamped to month end).
    Months(u32),
    /// A number of calendar years (same day, Feb 29 clamped to Feb 28).
    Years(u32),
}

/// How often a contact should be reached: every interval, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cadence {
    /// Contact again after this interval.
    Every(Interval),
    /// No cadence: the contact is never due.
    Never,
}

impl Cadence {
    /// Builds a cadence from a plain number of days, as front matter fields
    /// like `contactFrequency: 30` give it.
    ///
    /// # Errors
    /// [`CadenceError::NotPositive`] for `n < 1`, [`CadenceError::TooLong`]
    /// for `n > 36500`.
    pub fn from_days(n: i64) -> Result<Cadence, CadenceError> {
        if n < 1 {
            return Err(CadenceError::NotPositive(n.to_string()));
        }
        match u32::try_from(n) {
            Ok(days) if days <= MAX_CADENCE_DAYS => Ok(Cadence::Every(Interval::Days(days))),
            _ => Err(CadenceError::TooLong(n.to_string())),
        }
    }

    /// The date one cadence after `date`: calendar arithmetic for months and
    /// years, clamping to the end of the month (Jan 31 + 1m = Feb 28/29,
    /// Feb 29 + 1y = Feb 28). `None` for [`Cadence::Never`] or when the
    /// result is out of the representable date range.
    #[must_use]
    pub fn add_to(&self, date: NaiveDate) -> Option<NaiveDate> {
        match *self {
            Cadence::Never => None,
            Cadence::Every(Interval::Days(n)) => date.checked_add_days(Days::new(u64::from(n))),
            Cadence::Every(Interval::Weeks(n)) => date.checked_add_days(Days::new(u64::from(n).checked_mul(7)?)),
            Cadence::Every(Interval::Months(n)) => date.checked_add_months(Months::new(n)),
            Cadence::Every(Interval::Years(n)) => date.checked_add_months(Months::new(n.checked_mul(12)?)),
        }
    }

    /// The approximate length of the cadence in days, for ranking how overdue
    /// a contact is and for JSON `cadence_days`: weeks are 7 days, months
    /// 30.44 days rounded (1m = 30, 3m = 91, 6m = 183, 12m = 365), years 365
    /// days. `None` for [`Cadence::Never`] or if the result overflows `u32`.
    #[must_use]
    pub fn approx_days(&self) -> Option<u32> {
        let days: u64 = match *self {
            Cadence::Never => return None,
            Cadence::Every(Interval::Days(n)) => u64::from(n),
            Cadence::Every(Interval::Weeks(n)) => u64::from(n) * 7,
            Cadence::Every(Interval::Months(n)) => (u64::from(n) * 3044 + 50) / 100,
            Cadence::Every(Interval::Years(n)) => u64::from(n) * 365,
        };
        u32::try_from(days).ok()
    }
}

impl fmt::Display for Cadence {
    /// Writes the canonical form: `30d`, `2w`, `3m`, `1y` or `never`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cadence::Never => f.write_str("never"),
            Cadence::Every(Interval::Days(n)) => write!(f, "{n}d"),
            Cadence::Every(Interval::Weeks(n)) => write!(f, "{n}w"),
            Cadence::Every(Interval::Months(n)) => write!(f, "{n}m"),
            Cadence::Every(Interval::Years(n)) => write!(f, "{n}y"),
        }
    }
}

impl Serialize for Cadence {
    /// Serializes as the canonical [`Display`](fmt::Display) string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cadence {
    /// Reads the [`Display`](fmt::Display) string back (used by the parse cache).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The cadence named by a word such as `weekly`, if any (input lowercased).
fn named(word: &str) -> Option<Cadence> {
    let interval = match word {
        "never" | "none" => return Some(Cadence::Never),
        "daily" => Interval::Days(1),
        "weekly" => Interval::Weeks(1),
        "biweekly" | "bi-weekly" | "fortnightly" => Interval::Weeks(2),
        "monthly" => Interval::Months(1),
        "bimonthly" | "bi-monthly" => Interval::Months(2),
        "quarterly" => Interval::Months(3),
        "semiannually" | "semi-annually" | "half-yearly" | "halfyearly" | "biannually" => Interval::Months(6),
        "yearly" | "annually" | "annual" => Interval::Years(1),
        _ => return None,
    };
    Some(Cadence::Every(interval))
}

/// Builds an [`Interval`] of one unit from a count.
type MakeInterval = fn(u32) -> Interval;

/// The unit named by a suffix such as `d` or `weeks`, with its maximum count.
fn unit(suffix: &str) -> Option<(MakeInterval, u32)> {
    match suffix {
        "d" | "day" | "days" => Some((Interval::Days, MAX_CADENCE_DAYS)),
        "w" | "wk" | "wks" | "week" | "weeks" => Some((Interval::Weeks, MAX_WEEKS)),
        "m" | "mo" | "mon" | "month" | "months" => Some((Interval::Months, MAX_MONTHS)),
        "y" | "yr" | "yrs" | "year" | "years" => Some((Interval::Years, MAX_YEARS)),
        _ => None,
    }
}

impl FromStr for Cadence {
    type Err = CadenceError;

    /// Parses `Nd`, `Nw`, `Nm`, `Ny` (optional space between number and
    /// unit, full unit names like `3 months` too), or a word like `weekly`
    /// or `never`; a number alone is days. Case-insensitive, surrounding
    /// whitespace ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim().to_lowercase();
        if let Some(cadence) = named(&text) {
            return Ok(cadence);
        }
        let unknown = || CadenceError::Unknown(s.trim().to_string());
        let (sign, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let digits_end = unsigned.find(|c: char| !c.is_ascii_digit()).unwrap_or(unsigned.len());
        let (digits, rest) = unsigned.split_at(digits_end);
        // A number alone means days (README, "Cadence grammar").
        let suffix = rest.trim_start();
        let (make, max) =
            if suffix.is_empty() { Some((Interval::Days as MakeInterval, MAX_CADENCE_DAYS)) } else { unit(suffix) }
                .ok_or_else(unknown)?;
        if digits.is_empty() {
            return Err(unknown());
        }
        if sign || digits.bytes().all(|b| b == b'0') {
            return Err(CadenceError::NotPositive(s.trim().to_string()));
        }
        match digits.parse::<u32>() {
            Ok(n) if n <= max => Ok(Cadence::Every(make(n))),
            _ => Err(CadenceError::TooLong(s.trim().to_string())),
        }
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

    fn parse(s: &str) -> Cadence {
        s.parse().unwrap()
    }

    #[test]
    fn days_suffix_parses_to_days() {
        assert_eq!(parse("30d"), Cadence::Every(Interval::Days(30)));
    }

    #[test]
    fn weeks_suffix_parses_to_weeks() {
        assert_eq!(parse("6w"), Cadence::Every(Interval::Weeks(6)));
    }

    #[test]
    fn months_suffix_parses_to_months() {
        assert_eq!(parse("3m"), Cadence::Every(Interval::Months(3)));
    }

    #[test]
    fn years_suffix_parses_to_years() {
        assert_eq!(parse("1y"), Cadence::Every(Interval::Years(1)));
    }

    #[test]
    fn space_between_number_and_unit_is_allowed() {
        assert_eq!(parse("30 d"), Cadence::Every(Interval::Days(30)));
    }

    #[test]
    fn unit_is_case_insensitive_and_whitespace_trimmed() {
        assert_eq!(parse("  2W "), Cadence::Every(Interval::Weeks(2)));
    }

    #[test]
    fn full_unit_names_are_accepted() {
        assert_eq!(parse("3 months"), Cadence::Every(Interval::Months(3)));
    }

    #[test]
    fn words_map_to_their_intervals() {
        let cases = [
            ("daily", "1d"),
            ("weekly", "1w"),
            ("biweekly", "2w"),
            ("Fortnightly", "2w"),
            ("monthly", "1m"),
            ("bimonthly", "2m"),
            ("quarterly", "3m"),
            ("semiannually", "6m"),
            ("half-yearly", "6m"),
            ("yearly", "1y"),
            ("ANNUALLY", "1y"),
            ("never", "never"),
        ];
        for (word, canonical) in cases {
            assert_eq!(parse(word).to_string(), canonical, "{word}");
        }
    }

    #[test]
    fn zero_count_is_not_positive_error() {
        assert!(matches!("0d".parse::<Cadence>(), Err(CadenceError::NotPositive(_))));
    }

    #[test]
    fn negative_count_is_not_positive_error() {
        assert!(matches!("-3w".parse::<Cadence>(), Err(CadenceError::NotPositive(_))));
    }

    #[test]
    fn huge_year_count_is_too_long_error_not_panic() {
        assert_eq!("99999999999y".parse::<Cadence>(), Err(CadenceError::TooLong("99999999999y".into())));
    }

    #[test]
    fn count_just_over_bound_is_too_long() {
        assert!(matches!("36501d".parse::<Cadence>(), Err(CadenceError::TooLong(_))));
        assert!(matches!("101y".parse::<Cadence>(), Err(CadenceError::TooLong(_))));
    }

    #[test]
    fn count_at_bound_is_accepted() {
        assert_eq!(parse("36500d"), Cadence::Every(Interval::Days(36500)));
        assert_eq!(parse("100y"), Cadence::Every(Interval::Years(100)));
    }

    #[test]
    fn unknown_word_error_lists_accepted_forms() {
        let err = "sometimes".parse::<Cadence>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("unknown cadence \"sometimes\": use Nd, Nw, Nm, Ny"));
        assert!(msg.contains("never"));
    }

    #[test]
    fn missing_number_or_unit_is_unknown() {
        for bad in ["", "d", "30x", "3.5m", "1d2", "d30", "١٢d", "-", "  "] {
            assert!(matches!(bad.parse::<Cadence>(), Err(CadenceError::Unknown(_))), "{bad:?}");
        }
    }

    #[test]
    fn a_number_alone_means_days() {
        assert_eq!(parse("30"), Cadence::Every(Interval::Days(30)));
        assert_eq!(parse(" 90 "), Cadence::Every(Interval::Days(90)));
        assert!(matches!("0".parse::<Cadence>(), Err(CadenceError::NotPositive(_))));
        assert!(matches!("-5".parse::<Cadence>(), Err(CadenceError::NotPositive(_))));
        assert!(matches!("36501".parse::<Cadence>(), Err(CadenceError::TooLong(_))));
    }

    #[test]
    fn from_days_gives_day_cadence() {
        assert_eq!(Cadence::from_days(30), Ok(Cadence::Every(Interval::Days(30))));
    }

    #[test]
    fn from_days_rejects_zero_and_negative() {
        assert!(matches!(Cadence::from_days(0), Err(CadenceError::NotPositive(_))));
        assert!(matches!(Cadence::from_days(-5), Err(CadenceError::NotPositive(_))));
    }

    #[test]
    fn from_days_rejects_over_bound() {
        assert!(matches!(Cadence::from_days(36501), Err(CadenceError::TooLong(_))));
        assert!(matches!(Cadence::from_days(i64::MAX), Err(CadenceError::TooLong(_))));
    }

    #[test]
    fn day_cadence_adds_days() {
        assert_eq!(parse("30d").add_to(date(2026, 1, 1)), Some(date(2026, 1, 31)));
    }

    #[test]
    fn week_cadence_adds_seven_days_per_week() {
        assert_eq!(parse("2w").add_to(date(2026, 1, 1)), Some(date(2026, 1, 15)));
    }

    #[test]
    fn month_cadence_keeps_day_of_month() {
        assert_eq!(parse("1m").add_to(date(2026, 1, 15)), Some(date(2026, 2, 15)));
    }

    #[test]
    fn month_cadence_clamps_to_end_of_february() {
        assert_eq!(parse("1m").add_to(date(2026, 1, 31)), Some(date(2026, 2, 28)));
    }

    #[test]
    fn month_cadence_clamps_to_february_29_in_leap_year() {
        assert_eq!(parse("1m").add_to(date(2028, 1, 31)), Some(date(2028, 2, 29)));
    }

    #[test]
    fn year_cadence_moves_february_29_to_february_28() {
        assert_eq!(parse("1y").add_to(date(2028, 2, 29)), Some(date(2029, 2, 28)));
    }

    #[test]
    fn never_cadence_has_no_next_date() {
        assert_eq!(Cadence::Never.add_to(date(2026, 1, 1)), None);
    }

    #[test]
    fn add_to_returns_none_on_date_overflow() {
        assert_eq!(parse("100y").add_to(NaiveDate::MAX), None);
        assert_eq!(Cadence::Every(Interval::Years(u32::MAX)).add_to(date(2026, 1, 1)), None);
    }

    #[test]
    fn approx_days_of_days_and_weeks_is_exact() {
        assert_eq!(parse("30d").approx_days(), Some(30));
        assert_eq!(parse("2w").approx_days(), Some(14));
    }

    #[test]
    fn approx_days_of_months_rounds_average_month() {
        assert_eq!(parse("1m").approx_days(), Some(30));
        assert_eq!(parse("3m").approx_days(), Some(91));
        assert_eq!(parse("6m").approx_days(), Some(183));
        assert_eq!(parse("12m").approx_days(), Some(365));
    }

    #[test]
    fn approx_days_of_years_is_365_per_year() {
        assert_eq!(parse("2y").approx_days(), Some(730));
    }

    #[test]
    fn approx_days_of_never_is_none() {
        assert_eq!(Cadence::Never.approx_days(), None);
    }

    #[test]
    fn approx_days_returns_none_instead_of_overflowing() {
        assert_eq!(Cadence::Every(Interval::Years(u32::MAX)).approx_days(), None);
    }

    #[test]
    fn display_is_canonical_short_form() {
        assert_eq!(parse("30 Days").to_string(), "30d");
        assert_eq!(parse("fortnightly").to_string(), "2w");
        assert_eq!(Cadence::Never.to_string(), "never");
    }

    fn any_cadence() -> impl Strategy<Value = Cadence> {
        prop_oneof![
            Just(Cadence::Never),
            (1..=MAX_CADENCE_DAYS).prop_map(|n| Cadence::Every(Interval::Days(n))),
            (1..=MAX_WEEKS).prop_map(|n| Cadence::Every(Interval::Weeks(n))),
            (1..=MAX_MONTHS).prop_map(|n| Cadence::Every(Interval::Months(n))),
            (1..=MAX_YEARS).prop_map(|n| Cadence::Every(Interval::Years(n))),
        ]
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // Days from 0001-01-01 to 9999-12-31.
        (0i64..3_652_059).prop_map(|n| date(1, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn display_round_trips_through_from_str(c in any_cadence()) {
            prop_assert_eq!(c.to_string().parse::<Cadence>(), Ok(c));
        }

        #[test]
        fn add_to_is_strictly_later(c in any_cadence(), d in any_date()) {
            if let Some(next) = c.add_to(d) {
                prop_assert!(next > d);
            } else {
                prop_assert_eq!(c, Cadence::Never);
            }
        }

        #[test]
        fn add_to_is_monotonic(c in any_cadence(), a in any_date(), b in any_date()) {
            let (d1, d2) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(c.add_to(d1) <= c.add_to(d2));
        }

        #[test]
        fn from_str_never_panics(s in "\\PC{0,20}") {
            let _ = s.parse::<Cadence>();
        }

        #[test]
        fn from_str_never_panics_on_numeric_forms(s in "-?[0-9]{0,25} ?[dwmyDWMY]") {
            let _ = s.parse::<Cadence>();
        }
    }
}
