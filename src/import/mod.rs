//! Contact importers: LinkedIn `Connections.csv`, vCard (`.vcf`) and CSV
//! (Google Contacts or any CSV with a `--map`), all producing [`Parsed`].
//!
//! The parsers never panic: malformed input gives an [`ImportError`] for
//! problems with the whole file, or a [`Skipped`] entry for one record.

pub mod csv_map;
pub mod linkedin;
pub mod person;
mod rows;
pub mod vcard;

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use csv_map::{google_map, parse_csv, parse_mapping, ColumnMap};
pub use linkedin::parse_linkedin;
pub use person::{ImportedPerson, Parsed, Skipped};
pub use vcard::parse_vcard;

/// Everything that can stop an import of a whole file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The input contained nothing but whitespace.
    #[error("the {format} input is empty: check that you passed the right file")]
    EmptyInput {
        /// Name of the format being parsed.
        format: &'static str,
    },
    /// No LinkedIn header line was found anywhere in the file.
    #[error(
        "no LinkedIn header found in {lines} line(s): expected a line like `{expected}`; \
         export Connections.csv again from LinkedIn (Settings > Data privacy > Get a copy of your data)"
    )]
    HeaderNotFound {
        /// How many lines were scanned.
        lines: usize,
        /// The header that was expected.
        expected: &'static str,
    },
    /// The header line lacks a column that is required.
    #[error("line {line}: the header has no `{column}` column (found: {found}); {advice}")]
    MissingColumn {
        /// 1-based line of the header.
        line: usize,
        /// The column that is missing.
        column: String,
        /// The headers that were found, comma-separated.
        found: String,
        /// What to do, which depends on the format (`--map` only exists for CSV).
        advice: &'static str,
    },
    /// A CSV without a mapping whose headers are not Google Contacts'.
    #[error(
        "line {line}: not a Google Contacts CSV (headers found: {found}); \
         say which columns to use with --map, e.g. --map 'name=Full Name,email=Email,phone=Phone,company=Company'"
    )]
    UnknownCsvLayout {
        /// 1-based line of the header.
        line: usize,
        /// The headers that were found, comma-separated.
        found: String,
    },
    /// The CSV reader could not read the file at all.
    #[error("line {line}: the CSV could not be read ({message}); check for unbalanced quotes")]
    Csv {
        /// 1-based line where reading failed.
        line: usize,
        /// The CSV reader's message.
        message: String,
    },
    /// No `BEGIN:VCARD` line in a vCard input.
    #[error(
        "no vCard found in {lines} line(s): expected a line `BEGIN:VCARD`; \
         check that the file is a .vcf export"
    )]
    NoVCard {
        /// How many lines were scanned.
        lines: usize,
    },
    /// One entry of a `--map` specification is malformed.
    #[error(
        "--map entry {entry} `{text}`: {reason}; write entries as field=Column Name, \
         e.g. --map 'name=Full Name,email=E-mail 1 - Value'"
    )]
    InvalidMapping {
        /// 1-based position of the entry in the comma-separated list.
        entry: usize,
        /// The entry as written.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A `--map` that names no column for the name or email.
    #[error(
        "--map `{spec}` names no column for name, first_name, last_name or email; \
         add one, e.g. name=Full Name"
    )]
    MappingWithoutName {
        /// The mapping as written.
        spec: String,
    },
    /// A `--map` entry names a field that does not exist.
    #[error("--map entry {entry}: unknown field `{field}`; valid fields are: {valid}")]
    UnknownMappingField {
        /// 1-based position of the entry in the comma-separated list.
        entry: usize,
        /// The field as written.
        field: String,
        /// The valid field names, comma-separated.
        valid: String,
    },
    /// An input format name that is not known.
    #[error("unknown import format `{0}`; use one of: linkedin, vcard, csv")]
    UnknownFormat(String),
}

/// The kinds of file that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// LinkedIn's `Connections.csv`.
    LinkedIn,
    /// vCard 2.1, 3.0 or 4.0 (`.vcf`).
    VCard,
    /// Google Contacts CSV, or any CSV with a column mapping.
    Csv,
}

impl Format {
    /// Guesses the format from the content: vCard if it has a `BEGIN:VCARD`
    /// line, LinkedIn if a line starts with LinkedIn's header, else CSV.
    pub fn detect(input: &str) -> Format {
        let has_line =
            |pred: &dyn Fn(&str) -> bool| input.lines().map(|l| l.trim_start_matches('\u{feff}').trim()).any(pred);
        if has_line(&|l| l.eq_ignore_ascii_case("BEGIN:VCARD")) {
            Format::VCard
        } else if has_line(&|l| l.starts_with("First Name,Last Name,URL")) {
            Format::LinkedIn
        } else {
            Format::Csv
        }
    }

    /// Parses `input` in this format; `map` is only used for [`Format::Csv`].
    pub fn parse(self, input: &str, map: Option<&ColumnMap>) -> Result<Parsed, ImportError> {
        match self {
            Format::LinkedIn => parse_linkedin(input),
            Format::VCard => parse_vcard(input),
            Format::Csv => parse_csv(input, map),
        }
    }
}

impl FromStr for Format {
    type Err = ImportError;

    /// Reads `linkedin`, `vcard`/`vcf` or `csv`/`google`, ignoring case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "linkedin" => Ok(Format::LinkedIn),
            "vcard" | "vcf" => Ok(Format::VCard),
            "csv" | "google" => Ok(Format::Csv),
            _ => Err(ImportError::UnknownFormat(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every fixture used by the parsers' own tests.
    fn fixtures() -> Vec<&'static str> {
        vec![
            linkedin::tests::EXPORT,
            vcard::tests::APPLE,
            vcard::tests::GOOGLE,
            vcard::tests::ANDROID,
            vcard::tests::V4,
            csv_map::tests::GOOGLE_CURRENT,
            csv_map::tests::GOOGLE_LEGACY,
        ]
    }

    /// Runs every parser on `input`; any panic fails the property.
    fn run_all(input: &str) {
        let _ = parse_linkedin(input);
        let _ = parse_vcard(input);
        let _ = parse_csv(input, None);
        let map = ColumnMap {
            name: vec!["Name".into()],
            email: vec!["E-mail 1 - Value".into()],
            birthday: Some("Birthday".into()),
            tags: Some("Labels".into()),
            ..ColumnMap::default()
        };
        let _ = parse_csv(input, Some(&map));
        let _ = parse_mapping(input);
        let _ = Format::detect(input);
    }

    /// Applies `(kind, position, length, text)` edits to a fixture, on char
    /// boundaries: delete, insert, duplicate or truncate.
    fn mutate(base: &str, edits: &[(u8, usize, usize, String)]) -> String {
        let mut chars: Vec<char> = base.chars().collect();
        for (kind, pos, len, text) in edits {
            let at = pos % (chars.len() + 1);
            let end = (at + len).min(chars.len());
            match kind % 4 {
                0 => {
                    chars.drain(at..end);
                }
                1 => {
                    chars.splice(at..at, text.chars());
                }
                2 => {
                    let copy: Vec<char> = chars[at..end].to_vec();
                    chars.splice(at..at, copy);
                }
                _ => chars.truncate(at),
            }
        }
        chars.into_iter().collect()
    }

    /// Text biased towards the characters the formats care about.
    fn format_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "(BEGIN:VCARD|END:VCARD|BDAY:|FN:|N:|EMAIL:|\\r\\n|\\n|,|;|:|\"|=|--|\\\\|[a-zA-Z0-9 ]|ü|\u{feff}| ::: |First Name|Last Name|E-mail 1 - Value){0,40}",
        )
        .expect("the fuzz regex is valid")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn parsers_never_panic_on_arbitrary_strings(input in any::<String>()) {
            run_all(&input);
        }

        #[test]
        fn parsers_never_panic_on_format_like_text(input in format_text()) {
            run_all(&input);
        }

        #[test]
        fn parsers_never_panic_on_mutated_fixtures(
            which in 0usize..7,
            edits in proptest::collection::vec((any::<u8>(), any::<usize>(), 0usize..40, format_text()), 1..6),
        ) {
            let fixtures = fixtures();
            let base = fixtures[which % fixtures.len()];
            run_all(&mutate(base, &edits));
        }
    }

    #[test]
    fn format_names_parse_case_insensitively() {
        assert_eq!("LinkedIn".parse::<Format>(), Ok(Format::LinkedIn));
        assert_eq!("vcf".parse::<Format>(), Ok(Format::VCard));
        assert_eq!("CSV".parse::<Format>(), Ok(Format::Csv));
    }

    #[test]
    fn unknown_format_name_is_an_error_listing_valid_ones() {
        let err = "excel".parse::<Format>().err().map(|e| e.to_string());
        assert!(err.is_some_and(|m| m.contains("linkedin, vcard, csv")));
    }

    #[test]
    fn missing_column_advice_suits_the_format() {
        let linkedin = parse_linkedin("First Name,URL\nJo,\n").unwrap_err().to_string();
        assert!(linkedin.contains("export Connections.csv again"), "{linkedin}");
        assert!(!linkedin.contains("--map"), "--map is refused for linkedin: {linkedin}");
        let map = parse_mapping("name=Full Name").ok();
        let csv = parse_csv("Name,Mail\nA,b\n", map.as_ref()).unwrap_err().to_string();
        assert!(csv.contains("correct the column name in --map"), "{csv}");
    }

    #[test]
    fn detect_recognises_each_format() {
        assert_eq!(Format::detect("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n"), Format::VCard);
        assert_eq!(Format::detect("Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address\n"), Format::LinkedIn);
        assert_eq!(Format::detect("Name,Given Name\nA,B\n"), Format::Csv);
    }
}
