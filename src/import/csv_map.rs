//! Google Contacts CSV (current and legacy layouts) and any other CSV with a
//! column mapping given as `--map field=Column,...`.

use serde::{Deserialize, Serialize};

use super::person::{join_name, non_empty, normalize_birthday, ImportedPerson, Parsed, Skipped};
use super::rows::read_table;
use super::ImportError;

/// Which CSV column(s) feed each field of [`ImportedPerson`].
///
/// Column names are matched against the header ignoring case and
/// surrounding spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    /// Columns whose non-empty values, joined by spaces, form the name.
    pub name: Vec<String>,
    /// Given-name column, used when the `name` columns are empty.
    pub first_name: Option<String>,
    /// Family-name column, used when the `name` columns are empty.
    pub last_name: Option<String>,
    /// Email columns; a cell may hold several values separated by ` ::: `, `,` or `;`.
    pub email: Vec<String>,
    /// Phone columns; a cell may hold several values separated by ` ::: `.
    pub phone: Vec<String>,
    /// Company column.
    pub company: Option<String>,
    /// Job-title column.
    pub role: Option<String>,
    /// Birthday column (`1985-04-12`, `--04-12`, `19850412`...).
    pub birthday: Option<String>,
    /// City column.
    pub city: Option<String>,
    /// Notes column.
    pub notes: Option<String>,
    /// Tags column; values separated by ` ::: `, `,` or `;`.
    pub tags: Option<String>,
    /// URL columns; a cell may hold several values separated by ` ::: `.
    pub url: Vec<String>,
}

/// Field names accepted by [`parse_mapping`].
const FIELDS: [&str; 12] = [
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "role",
    "birthday",
    "city",
    "notes",
    "tags",
    "url",
];

/// Google's separator for several values in one cell.
const MULTI: &str = ":::";

/// Parses a `--map` argument such as
/// `name=Full Name,email=E-mail 1 - Value,company=Organization 1 - Name`.
///
/// `name`, `email`, `phone` and `url` may repeat; other fields may appear
/// once. Field names ignore case, and `-` or a space may stand for `_`.
/// Column names cannot contain commas.
pub fn parse_mapping(spec: &str) -> Result<ColumnMap, ImportError> {
    let mut map = ColumnMap::default();
    for (index, text) in spec.split(',').enumerate() {
        let entry = index.saturating_add(1);
        if text.trim().is_empty() {
            continue;
        }
        let invalid =
            |reason: &str| ImportError::InvalidMapping { entry, text: text.to_string(), reason: reason.to_string() };
        let (field, column) = text.split_once('=').ok_or_else(|| invalid("missing `=`"))?;
        let column = column.trim();
        if column.is_empty() {
            return Err(invalid("no column name after `=`"));
        }
        let field_key = field.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let column = column.to_string();
        let single = |slot: &mut Option<String>| {
            if slot.is_some() {
                Err(invalid("this field is given twice; only name, email, phone and url may repeat"))
            } else {
                *slot = Some(column.clone());
                Ok(())
            }
        };
        match field_key.as_str() {
            "name" => map.name.push(column.clone()),
            "email" => map.email.push(column.clone()),
            "phone" => map.phone.push(column.clone()),
            "url" => map.url.push(column.clone()),
            "first_name" => single(&mut map.first_name)?,
            "last_name" => single(&mut map.last_name)?,
            "company" => single(&mut map.company)?,
            "role" => single(&mut map.role)?,
            "birthday" => single(&mut map.birthday)?,
            "city" => single(&mut map.city)?,
            "notes" => single(&mut map.notes)?,
            "tags" => single(&mut map.tags)?,
            _ => {
                return Err(ImportError::UnknownMappingField {
                    entry,
                    field: field.trim().to_string(),
                    valid: FIELDS.join(", "),
                })
            }
        }
    }
    if map.name.is_empty() && map.first_name.is_none() && map.last_name.is_none() && map.email.is_empty() {
        return Err(ImportError::MappingWithoutName { spec: spec.to_string() });
    }
    Ok(map)
}

/// Recognises Google Contacts' CSV headers and returns the matching map.
///
/// Current layout: `First Name`, `Middle Name`, `Last Name`,
/// `Organization Name`, `Labels`... Legacy layout: `Name`, `Given Name`,
/// `Family Name`, `Organization 1 - Name`, `Group Membership`... Every
/// `E-mail N - Value`, `Phone N - Value` and `Website N - Value` column is used.
/// Returns `None` for other headers.
pub fn google_map(headers: &[String]) -> Option<ColumnMap> {
    let find = |name: &str| headers.iter().map(|h| h.trim()).find(|h| h.eq_ignore_ascii_case(name)).map(str::to_string);
    let numbered = |prefixes: &[&str]| -> Vec<String> {
        headers
            .iter()
            .map(|h| h.trim())
            .filter(|h| {
                let lower = h.to_ascii_lowercase();
                prefixes.iter().any(|p| lower.starts_with(p)) && lower.ends_with(" - value")
            })
            .map(str::to_string)
            .collect()
    };
    let email = numbered(&["e-mail ", "email "]);
    let phone = numbered(&["phone "]);
    let url = numbered(&["website "]);
    let current_marker = ["Middle Name", "Organization Name", "Labels", "File As"].iter().any(|h| find(h).is_some());
    let legacy_marker =
        ["Group Membership", "Additional Name", "Organization 1 - Name"].iter().any(|h| find(h).is_some());
    let has_multi = !email.is_empty() || !phone.is_empty();
    if find("First Name").is_some() && find("Last Name").is_some() && (current_marker || has_multi) {
        let name = ["First Name", "Middle Name", "Last Name"].iter().filter_map(|h| find(h)).collect();
        Some(ColumnMap {
            name,
            first_name: find("First Name"),
            last_name: find("Last Name"),
            email,
            phone,
            company: find("Organization Name"),
            role: find("Organization Title"),
            birthday: find("Birthday"),
            city: find("Address 1 - City"),
            notes: find("Notes"),
            tags: find("Labels"),
            url,
        })
    } else if find("Name").is_some()
        && (find("Given Name").is_some() || find("Family Name").is_some())
        && (legacy_marker || has_multi)
    {
        Some(ColumnMap {
            name: find("Name").into_iter().collect(),
            first_name: find("Given Name"),
            last_name: find("Family Name"),
            email,
            phone,
            company: find("Organization 1 - Name"),
            role: find("Organization 1 - Title"),
            birthday: find("Birthday"),
            city: find("Address 1 - City"),
            notes: find("Notes"),
            tags: find("Group Membership"),
            url,
        })
    } else {
        None
    }
}

/// A [`ColumnMap`] turned into column indices of one header.
struct Columns {
    name: Vec<usize>,
    first_name: Option<usize>,
    last_name: Option<usize>,
    email: Vec<usize>,
    phone: Vec<usize>,
    company: Option<usize>,
    role: Option<usize>,
    birthday: Option<usize>,
    city: Option<usize>,
    notes: Option<usize>,
    tags: Option<usize>,
    url: Vec<usize>,
}

impl Columns {
    /// Resolves every column of `map` in `headers`, failing on the first missing one.
    fn resolve(map: &ColumnMap, headers: &[String]) -> Result<Self, ImportError> {
        let index = |column: &String| {
            headers.iter().position(|h| h.trim().eq_ignore_ascii_case(column.trim())).ok_or_else(|| {
                ImportError::MissingColumn {
                    line: 1,
                    column: column.clone(),
                    found: headers.join(", "),
                    advice: "correct the column name in --map to one of those (case is ignored)",
                }
            })
        };
        let one = |c: &Option<String>| c.as_ref().map(index).transpose();
        let many = |c: &[String]| c.iter().map(index).collect::<Result<Vec<_>, _>>();
        Ok(Self {
            name: many(&map.name)?,
            first_name: one(&map.first_name)?,
            last_name: one(&map.last_name)?,
            email: many(&map.email)?,
            phone: many(&map.phone)?,
            company: one(&map.company)?,
            role: one(&map.role)?,
            birthday: one(&map.birthday)?,
            city: one(&map.city)?,
            notes: one(&map.notes)?,
            tags: one(&map.tags)?,
            url: many(&map.url)?,
        })
    }
}

/// Parses a CSV of contacts. With `map` of `None` the file must be a Google
/// Contacts export (see [`google_map`]); otherwise every mapped column must
/// exist in the header (line 1).
///
/// Handles a UTF-8 BOM and CRLF. Rows with a wrong field count or with
/// neither name nor email go to [`Parsed::skipped`]; unreadable birthdays
/// go to [`Parsed::warnings`].
pub fn parse_csv(input: &str, map: Option<&ColumnMap>) -> Result<Parsed, ImportError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        return Err(ImportError::EmptyInput { format: "CSV" });
    }
    let (headers, rows) = read_table(input, 1)?;
    let detected;
    let map = match map {
        Some(map) => map,
        None => {
            detected = google_map(&headers)
                .ok_or_else(|| ImportError::UnknownCsvLayout { line: 1, found: headers.join(", ") })?;
            &detected
        }
    };
    let columns = Columns::resolve(map, &headers)?;
    let mut parsed = Parsed::default();
    for row in rows {
        let (line, record) = match row {
            Ok(row) => row,
            Err(skipped) => {
                parsed.skipped.push(skipped);
                continue;
            }
        };
        let cell = |i: usize| record.get(i).unwrap_or_default().trim();
        let opt = |i: Option<usize>| i.map_or("", cell);
        let mut person = ImportedPerson::at_line(line);
        person.name = join_name(columns.name.iter().map(|&i| cell(i)));
        if person.name.is_empty() {
            person.name = join_name([opt(columns.first_name), opt(columns.last_name)]);
        }
        for &i in &columns.email {
            split_values(cell(i), &[',', ';']).for_each(|e| person.add_email(e));
        }
        for &i in &columns.phone {
            split_values(cell(i), &[]).for_each(|p| person.add_phone(p));
        }
        for &i in &columns.url {
            split_values(cell(i), &[]).for_each(|u| person.add_url(u));
        }
        split_values(opt(columns.tags), &[',', ';']).for_each(|t| person.add_tag(t));
        person.company = first_value(opt(columns.company));
        person.role = first_value(opt(columns.role));
        person.city = first_value(opt(columns.city));
        person.notes = non_empty(opt(columns.notes));
        if person.is_empty_identity() {
            parsed
                .skipped
                .push(Skipped { line, reason: "row has no name and no email; nothing to import".to_string() });
            continue;
        }
        let birthday = opt(columns.birthday);
        if !birthday.is_empty() {
            person.birthday = normalize_birthday(birthday);
            if person.birthday.is_none() {
                parsed.warnings.push(Skipped {
                    line,
                    reason: format!(
                        "birthday `{birthday}` not understood (expected e.g. 1985-04-12 or --04-12); imported without it"
                    ),
                });
            }
        }
        parsed.people.push(person);
    }
    Ok(parsed)
}

/// Splits a cell on Google's ` ::: ` and on any of `extra`, trimming and
/// dropping empty parts.
fn split_values<'a>(cell: &'a str, extra: &'a [char]) -> impl Iterator<Item = &'a str> + 'a {
    cell.split(MULTI).flat_map(move |part| part.split(extra)).map(str::trim).filter(|s| !s.is_empty())
}

/// The first of several ` ::: `-separated values, if any.
fn first_value(cell: &str) -> Option<String> {
    split_values(cell, &[]).next().map(str::to_string)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Shaped like Google Contacts' current CSV export (BOM, CRLF).
    pub(crate) const GOOGLE_CURRENT: &str = "\u{feff}First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - City,Website 1 - Label,Website 1 - Value\r\n\
Ana,María,García,,,\"Widgets, Inc.\",Engineer,R&D,--04-12,\"Met at PyCon,\r\nlikes Rust\",* myContacts ::: Friends,* Home,ana@example.com ::: ANA@example.com,Work,ana@widgets.example,Mobile,+34 600 000 000 ::: +34 911 000 000,Home,Madrid,Profile,https://ana.example.com\r\n\
,,,,,,,,,,* myContacts,,,,,Mobile,+1 555 0100,,,,\r\n\
Bo,,Lee,,,,,,1985-04-12,,* myContacts,,,,,,,,,,\r\n";

    /// Shaped like Google Contacts' legacy ("Google CSV") export.
    pub(crate) const GOOGLE_LEGACY: &str = "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - City,Organization 1 - Name,Organization 1 - Title\n\
Jürgen Müller,Jürgen,,Müller,1970-01-01,,* myContacts ::: Work,* Home,juergen@example.de,Mobile,+49 170 1234567,Berlin,Fjord AS,CTO\n\
,Kim,,Park,,,* myContacts,,,,,,,\n";

    fn google(input: &str) -> Parsed {
        parse_csv(input, None).unwrap()
    }

    #[test]
    fn current_layout_joins_first_middle_last() {
        assert_eq!(google(GOOGLE_CURRENT).people[0].name, "Ana María García");
    }

    #[test]
    fn multi_value_cells_are_split_and_emails_deduplicated() {
        let p = &google(GOOGLE_CURRENT).people[0];
        assert_eq!(p.emails, vec!["ana@example.com", "ana@widgets.example"]);
        assert_eq!(p.phones, vec!["+34 600 000 000", "+34 911 000 000"]);
    }

    #[test]
    fn current_layout_maps_org_title_city_url_notes() {
        let p = &google(GOOGLE_CURRENT).people[0];
        assert_eq!(p.company.as_deref(), Some("Widgets, Inc."));
        assert_eq!(p.role.as_deref(), Some("Engineer"));
        assert_eq!(p.city.as_deref(), Some("Madrid"));
        assert_eq!(p.urls, vec!["https://ana.example.com"]);
        assert_eq!(p.notes.as_deref(), Some("Met at PyCon,\r\nlikes Rust"));
    }

    #[test]
    fn labels_become_tags_without_my_contacts() {
        assert_eq!(google(GOOGLE_CURRENT).people[0].tags, vec!["Friends"]);
    }

    #[test]
    fn google_birthdays_with_and_without_year() {
        let p = google(GOOGLE_CURRENT);
        assert_eq!(p.people[0].birthday.as_deref(), Some("04-12"));
        assert_eq!(p.people[1].birthday.as_deref(), Some("1985-04-12"));
    }

    #[test]
    fn row_with_only_a_phone_is_skipped_at_its_line() {
        let p = google(GOOGLE_CURRENT);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].line, 4);
        assert_eq!(p.people[1].source_line, 5);
    }

    #[test]
    fn legacy_layout_is_detected_and_mapped() {
        let p = google(GOOGLE_LEGACY);
        let j = &p.people[0];
        assert_eq!(j.name, "Jürgen Müller");
        assert_eq!(j.company.as_deref(), Some("Fjord AS"));
        assert_eq!(j.role.as_deref(), Some("CTO"));
        assert_eq!(j.tags, vec!["Work"]);
        assert_eq!(j.city.as_deref(), Some("Berlin"));
    }

    #[test]
    fn legacy_empty_name_falls_back_to_given_and_family() {
        assert_eq!(google(GOOGLE_LEGACY).people[1].name, "Kim Park");
    }

    #[test]
    fn unknown_layout_error_lists_headers_and_map_example() {
        let err = parse_csv("Full Name,Mail\nA,a@x\n", None).unwrap_err().to_string();
        assert!(err.contains("Full Name, Mail"), "{err}");
        assert!(err.contains("--map"), "{err}");
    }

    #[test]
    fn linkedin_header_is_not_taken_for_google() {
        let headers: Vec<String> = ["First Name", "Last Name", "URL", "Connected On"].map(String::from).to_vec();
        assert_eq!(google_map(&headers), None);
    }

    #[test]
    fn custom_mapping_reads_any_csv() {
        let map = parse_mapping("name=Full Name,email=Mail,email=Mail 2,tags=Groups").unwrap();
        let p =
            parse_csv("Full Name,Mail,Mail 2,Groups\r\nJo Ng,jo@x.example,jo@y.example,a; b\r\n", Some(&map)).unwrap();
        assert_eq!(p.people[0].name, "Jo Ng");
        assert_eq!(p.people[0].emails, vec!["jo@x.example", "jo@y.example"]);
        assert_eq!(p.people[0].tags, vec!["a", "b"]);
    }

    #[test]
    fn mapped_column_missing_from_header_is_an_error() {
        let map = parse_mapping("name=Full Name").unwrap();
        let err = parse_csv("Name,Mail\nA,b\n", Some(&map)).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumn { line: 1, ref column, .. } if column == "Full Name"));
    }

    #[test]
    fn mapping_parses_all_fields() {
        let map = parse_mapping(
            "name=Full Name,first_name=First,last-name=Last,email=E-mail 1 - Value,phone=Tel,company=Organization 1 - Name,role=Title,birthday=Born,city=Town,notes=Notes,tags=Tags,url=Web",
        )
        .unwrap();
        assert_eq!(map.company.as_deref(), Some("Organization 1 - Name"));
        assert_eq!(map.last_name.as_deref(), Some("Last"));
        assert_eq!(map.email, vec!["E-mail 1 - Value"]);
    }

    #[test]
    fn unknown_mapping_field_lists_valid_ones() {
        let err = parse_mapping("name=A,mobile=B").unwrap_err();
        assert!(matches!(err, ImportError::UnknownMappingField { entry: 2, .. }));
        assert!(err.to_string().contains("first_name, last_name, email"));
    }

    #[test]
    fn mapping_entry_without_equals_is_an_error() {
        assert!(matches!(parse_mapping("name"), Err(ImportError::InvalidMapping { entry: 1, .. })));
    }

    #[test]
    fn repeated_single_field_is_an_error() {
        assert!(matches!(
            parse_mapping("name=A,company=B,company=C"),
            Err(ImportError::InvalidMapping { entry: 3, .. })
        ));
    }

    #[test]
    fn mapping_without_name_or_email_is_an_error() {
        assert!(matches!(parse_mapping("company=B"), Err(ImportError::MappingWithoutName { .. })));
    }

    #[test]
    fn row_with_wrong_field_count_is_skipped() {
        let map = parse_mapping("name=Name").unwrap();
        let p = parse_csv("Name,Email\nA,a@x,extra\nB,b@x\n", Some(&map)).unwrap();
        assert_eq!(p.people.len(), 1);
        assert_eq!(p.skipped[0].line, 2);
    }

    #[test]
    fn an_unclosed_quote_skips_only_its_line() {
        let map = parse_mapping("name=Full Name,email=Mail").unwrap();
        let p = parse_csv("Full Name,Mail\r\nAl,a@x\r\n\"Bo,b@x\r\nCy,c@x\r\nDi,d@x\r\n", Some(&map)).unwrap();
        let names: Vec<&str> = p.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Al", "Cy", "Di"]);
        assert_eq!(p.people[2].source_line, 5);
        assert_eq!(p.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn unreadable_birthday_warns_and_keeps_row() {
        let map = parse_mapping("name=Name,birthday=Born").unwrap();
        let p = parse_csv("Name,Born\nA,12/04/1985\n", Some(&map)).unwrap();
        assert_eq!(p.people[0].birthday, None);
        assert_eq!(p.warnings[0].line, 2);
    }
}
