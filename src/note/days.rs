//! Dates in the parse cache as day numbers. Chrono's own serde form is the text
//! `2026-11-24`, parsed through its format machinery on every read: a large vault's cache
//! holds millions of dates, and parsing them was a visible share of loading it.

use chrono::{Datelike, NaiveDate};
use serde::{de::Error, Deserialize, Deserializer, Serializer};

/// Days since 0001-01-01 (day 1), the inverse of [`to_date`].
fn to_days(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number; an error when it is outside chrono's range.
fn to_date<E: Error>(days: i32) -> Result<NaiveDate, E> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| E::custom(format!("day number {days} is not a date")))
}

/// `#[serde(with = "days")]` for a `NaiveDate`.
pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i32(to_days(*date))
}

/// `#[serde(with = "days")]` for a `NaiveDate`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    to_date(i32::deserialize(d)?)
}

/// `#[serde(with = "days::option")]` for an `Option<NaiveDate>`.
pub mod option {
    use super::{to_date, to_days};
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialises the day number, if any.
    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&to_days(*date)),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional day number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<i32>::deserialize(d)?.map(to_date).transpose()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Dated {
        #[serde(with = "super")]
        on: NaiveDate,
        #[serde(with = "super::option")]
        due: Option<NaiveDate>,
    }

    #[test]
    fn dates_survive_a_round_trip_through_the_cache_encoding() {
        for (on, due) in [
            (NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), None),
            (NaiveDate::MIN, Some(NaiveDate::MAX)),
            (NaiveDate::from_ymd_opt(1, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29)),
        ] {
            let value = Dated { on, due };
            let bytes = bitcode::serialize(&value).unwrap();
            assert_eq!(bitcode::deserialize::<Dated>(&bytes).unwrap(), value);
        }
    }

    #[test]
    fn a_day_number_out_of_range_is_an_error_not_a_panic() {
        let bytes = bitcode::serialize(&(i32::MAX, Some(i32::MIN))).unwrap();
        assert!(bitcode::deserialize::<Dated>(&bytes).is_err());
    }
}
