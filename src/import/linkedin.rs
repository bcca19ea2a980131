//! LinkedIn `Connections.csv` export.

use chrono::NaiveDate;

use super::person::{join_name, non_empty, ImportedPerson, Parsed, Skipped};
use super::rows::read_table;
use super::ImportError;

/// The header LinkedIn writes, used in messages.
const EXPECTED_HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

/// Column names LinkedIn uses; a line with two of them is taken as the header.
const KNOWN_COLUMNS: [&str; 7] =
    ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"];

/// Parses LinkedIn's `Connections.csv`.
///
/// Handles a UTF-8 BOM, the `Notes:` preamble (found by scanning for the
/// header line, not by skipping a fixed count), CRLF or LF, and columns in
/// any order. Rows with a wrong field count or with neither name nor email
/// go to [`Parsed::skipped`]; an unreadable "Connected On" date keeps the
/// person without `met` and adds a [`Parsed::warnings`] entry.
pub fn parse_linkedin(input: &str) -> Result<Parsed, ImportError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        return Err(ImportError::EmptyInput { format: "LinkedIn" });
    }
    let (header_line, offset) = find_header(input)
        .ok_or(ImportError::HeaderNotFound { lines: input.lines().count(), expected: EXPECTED_HEADER })?;
    let body = input.get(offset..).unwrap_or_default();
    let (headers, rows) = read_table(body, header_line)?;
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing = |column: &str| ImportError::MissingColumn {
        line: header_line,
        column: column.to_string(),
        found: headers.join(", "),
        advice: "export Connections.csv again from LinkedIn, or restore the column's name in the header line",
    };
    let first = col("First Name").ok_or_else(|| missing("First Name"))?;
    let last = col("Last Name").ok_or_else(|| missing("Last Name"))?;
    let url = col("URL");
    let email = col("Email Address");
    let company = col("Company");
    let position = col("Position");
    let connected = col("Connected On");

    let mut parsed = Parsed::default();
    for row in rows {
        let (line, record) = match row {
            Ok(row) => row,
            Err(skipped) => {
                parsed.skipped.push(skipped);
                continue;
            }
        };
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default().trim();
        let mut person = ImportedPerson::at_line(line);
        person.name = join_name([field(Some(first)), field(Some(last))]);
        person.add_email(field(email));
        person.add_url(field(url));
        person.company = non_empty(field(company));
        person.role = non_empty(field(position));
        if person.is_empty_identity() {
            parsed
                .skipped
                .push(Skipped { line, reason: "row has no name and no email; nothing to import".to_string() });
            continue;
        }
        let date = field(connected);
        if !date.is_empty() {
            person.met = parse_connected_on(date);
            if person.met.is_none() {
                parsed.warnings.push(Skipped {
                    line,
                    reason: format!(
                        "\"Connected On\" date `{date}` not understood (expected e.g. 14 Mar 2021); imported without it"
                    ),
                });
            }
        }
        parsed.people.push(person);
    }
    Ok(parsed)
}

/// Finds the header: the first line, outside a quoted value, with at least
/// two of LinkedIn's column names as fields. Returns its 1-based number and
/// byte offset.
fn find_header(input: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut in_quotes = false;
    for (index, line) in input.split_inclusive('\n').enumerate() {
        if !in_quotes {
            let text = line.trim_end_matches(['\r', '\n']);
            let known =
                split_fields(text).iter().filter(|f| KNOWN_COLUMNS.iter().any(|k| k.eq_ignore_ascii_case(f))).count();
            if known >= 2 {
                return Some((index.saturating_add(1), offset));
            }
        }
        if line.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
            in_quotes = !in_quotes;
        }
        offset = offset.saturating_add(line.len());
    }
    None
}

/// Splits one CSV line into trimmed fields (enough to recognise a header).
fn split_fields(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|f| f.trim().to_string()).collect())
        .unwrap_or_default()
}

/// Parses LinkedIn dates: `14 Mar 2021`, `14-Mar-21`, `14 March 2021`,
/// and ISO `2021-03-14`.
fn parse_connected_on(text: &str) -> Option<NaiveDate> {
    const FORMATS: [&str; 12] = [
        "%d %b %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%d %b %y",
        "%d %B %Y",
        "%d-%B-%Y",
        "%d-%B-%y",
        "%d %B %y",
        "%Y-%m-%d",
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
    ];
    let text = text.trim();
    FORMATS.iter().find_map(|f| NaiveDate::parse_from_str(text, f).ok())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A realistic export: BOM, preamble with a multi-line quoted notice, CRLF.
    pub(crate) const EXPORT: &str = "\u{feff}Notes:\r\n\
\"When exporting your connection data, you may notice that some of the email addresses are missing. \r\n\
You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: https://www.linkedin.com/help/linkedin/answer/261\"\r\n\
\r\n\
First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n\
Ana,García-Núñez,https://www.linkedin.com/in/anagarcia,,\"Widgets, Inc.\",Staff Engineer,14 Mar 2021\r\n\
Björn,Ødegård,https://www.linkedin.com/in/bjorn,bjorn@example.no,Fjord AS,CTO,02 Jan 2019\r\n\
\r\n\
,,https://www.linkedin.com/in/ghost,,,,\r\n\
,,,,,,\r\n";

    fn names(p: &Parsed) -> Vec<&str> {
        p.people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn realistic_export_imports_named_rows() {
        let p = parse_linkedin(EXPORT).unwrap();
        assert_eq!(names(&p), vec!["Ana García-Núñez", "Björn Ødegård"]);
    }

    #[test]
    fn quoted_company_with_comma_stays_whole() {
        let p = parse_linkedin(EXPORT).unwrap();
        assert_eq!(p.people[0].company.as_deref(), Some("Widgets, Inc."));
        assert_eq!(p.people[0].role.as_deref(), Some("Staff Engineer"));
    }

    #[test]
    fn url_email_and_connected_on_are_mapped() {
        let p = parse_linkedin(EXPORT).unwrap();
        let b = &p.people[1];
        assert_eq!(b.urls, vec!["https://www.linkedin.com/in/bjorn"]);
        assert_eq!(b.emails, vec!["bjorn@example.no"]);
        assert_eq!(b.met, NaiveDate::from_ymd_opt(2019, 1, 2));
    }

    #[test]
    fn empty_email_gives_no_email() {
        let p = parse_linkedin(EXPORT).unwrap();
        assert!(p.people[0].emails.is_empty());
    }

    #[test]
    fn source_lines_count_the_preamble() {
        let p = parse_linkedin(EXPORT).unwrap();
        assert_eq!(p.people[0].source_line, 6);
        assert_eq!(p.people[1].source_line, 7);
    }

    #[test]
    fn url_only_and_all_empty_rows_are_skipped_with_lines() {
        let p = parse_linkedin(EXPORT).unwrap();
        let lines: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![9, 10]);
        assert!(p.skipped[0].reason.contains("no name and no email"));
    }

    #[test]
    fn export_without_preamble_and_lf_is_read() {
        let input = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJo,Ng,,,,,1 Feb 2020\n";
        let p = parse_linkedin(input).unwrap();
        assert_eq!(names(&p), vec!["Jo Ng"]);
        assert_eq!(p.people[0].source_line, 2);
    }

    #[test]
    fn columns_are_mapped_by_name_in_any_order() {
        let input = "Connected On,Last Name,First Name\n14 Mar 2021,Ng,Jo\n";
        let p = parse_linkedin(input).unwrap();
        assert_eq!(names(&p), vec!["Jo Ng"]);
        assert_eq!(p.people[0].met, NaiveDate::from_ymd_opt(2021, 3, 14));
    }

    #[test]
    fn other_date_shapes_are_accepted() {
        assert_eq!(parse_connected_on("14-Mar-21"), NaiveDate::from_ymd_opt(2021, 3, 14));
        assert_eq!(parse_connected_on("14 March 2021"), NaiveDate::from_ymd_opt(2021, 3, 14));
        assert_eq!(parse_connected_on("4 september 2019"), NaiveDate::from_ymd_opt(2019, 9, 4));
        assert_eq!(parse_connected_on("30 Feb 2021"), None, "a day that does not exist");
    }

    #[test]
    fn unreadable_date_keeps_person_and_warns() {
        let input = "First Name,Last Name,Connected On\nJo,Ng,sometime\n";
        let p = parse_linkedin(input).unwrap();
        assert_eq!(p.people.len(), 1);
        assert_eq!(p.people[0].met, None);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].line, 2);
    }

    #[test]
    fn row_with_wrong_field_count_is_skipped() {
        let input = "First Name,Last Name,Company\nJo,Ng,Widgets, Inc.\nAl,Bo,X\n";
        let p = parse_linkedin(input).unwrap();
        assert_eq!(names(&p), vec!["Al Bo"]);
        assert_eq!(p.skipped[0].line, 2);
        assert!(p.skipped[0].reason.contains("4 field(s)"));
    }

    #[test]
    fn an_unclosed_quote_skips_only_its_line() {
        let input = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Al,One,,,A,B,1 Feb 2020\nBo,\"Two,,,A,B,1 Feb 2020\nCy,Three,,,A,B,1 Feb 2020\nDi,Four,,,A,B,1 Feb 2020\n";
        let p = parse_linkedin(input).unwrap();
        assert_eq!(names(&p), vec!["Al One", "Cy Three", "Di Four"]);
        assert_eq!(p.people[1].source_line, 4);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].line, 3);
        assert!(p.skipped[0].reason.contains("a quote opened here is never closed"), "{}", p.skipped[0].reason);
    }

    #[test]
    fn header_without_last_name_is_an_error_naming_its_line() {
        let input = "Notes:\n\"x\"\n\nFirst Name,URL,Company\nJo,,\n";
        let err = parse_linkedin(input).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumn { line: 4, ref column, .. } if column == "Last Name"));
    }

    #[test]
    fn header_words_inside_the_quoted_notice_are_ignored() {
        let input = "Notes:\n\"Columns:\nFirst Name,Last Name,URL\nare below\"\n\nFirst Name,Last Name,URL\nJo,Ng,\n";
        let p = parse_linkedin(input).unwrap();
        assert_eq!(names(&p), vec!["Jo Ng"]);
        assert_eq!(p.people[0].source_line, 7);
    }

    #[test]
    fn missing_header_is_an_error() {
        let err = parse_linkedin("Notes:\nhello\n").unwrap_err();
        assert!(matches!(err, ImportError::HeaderNotFound { lines: 2, .. }));
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(matches!(parse_linkedin("\u{feff}\r\n"), Err(ImportError::EmptyInput { .. })));
    }
}
