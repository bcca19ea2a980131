//! vCard (`.vcf`) files: 2.1, 3.0 and 4.0, as exported by Apple, Google and
//! Android. Lexing (folding, escapes, quoted-printable) is done by `calcard`;
//! this module splits the file into cards so each keeps its line number.

use std::borrow::Cow;

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};

use super::person::{format_birthday, join_name, non_empty, normalize_birthday, ImportedPerson, Parsed, Skipped};
use super::ImportError;

/// Parses every card of a vCard file.
///
/// A card without `END:VCARD`, or one `calcard` rejects, is put in
/// [`Parsed::skipped`] with the line of its `BEGIN:VCARD`; the other cards
/// still import. Text outside cards and unreadable birthdays become
/// [`Parsed::warnings`]. Fails only when the input has no card at all.
pub fn parse_vcard(input: &str) -> Result<Parsed, ImportError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        return Err(ImportError::EmptyInput { format: "vCard" });
    }
    let mut parsed = Parsed::default();
    let chunks = split_cards(input, &mut parsed.warnings);
    if chunks.is_empty() {
        return Err(ImportError::NoVCard { lines: input.lines().count() });
    }
    for chunk in chunks {
        let line = chunk.start_line;
        if !chunk.terminated {
            parsed.skipped.push(Skipped {
                line,
                reason: "card has no END:VCARD line; add one or re-export the file".to_string(),
            });
            continue;
        }
        // calcard is a third-party lexer: a panic inside it on hostile input
        // must cost one card, not the import.
        let text: &str = &chunk.text;
        let card = match std::panic::catch_unwind(|| VCard::parse(text)) {
            Ok(Ok(card)) => card,
            Ok(Err(_)) | Err(_) => {
                parsed.skipped.push(Skipped {
                    line,
                    reason: "card could not be read as a vCard; check its BEGIN:VCARD line".to_string(),
                });
                continue;
            }
        };
        let person = to_person(&card, text, line, &mut parsed.warnings);
        if person.is_empty_identity() {
            parsed.skipped.push(Skipped { line, reason: "card has no FN, N or EMAIL; nothing to import".to_string() });
        } else {
            parsed.people.push(person);
        }
    }
    Ok(parsed)
}

/// The text of one card, from `BEGIN:VCARD` to `END:VCARD` inclusive, without any card
/// embedded in it.
struct Chunk<'a> {
    /// 1-based line of `BEGIN:VCARD`.
    start_line: usize,
    /// The card's text.
    text: Cow<'a, str>,
    /// Whether an `END:VCARD` line closed the card.
    terminated: bool,
}

/// The card being read by [`split_cards`].
struct OpenCard {
    /// 1-based line of its `BEGIN:VCARD`.
    start_line: usize,
    /// Byte offset of that line.
    start: usize,
    /// How many embedded cards (vCard 2.1 `AGENT:` followed by a card) are open.
    depth: usize,
    /// Byte ranges of embedded cards, their `AGENT:` line included, left out of the text.
    nested: Vec<(usize, usize)>,
    /// Where the current embedded card's `AGENT:` line starts.
    nested_start: usize,
}

impl OpenCard {
    /// The card's text up to byte `end`, without its embedded cards.
    fn chunk(self, input: &str, end: usize, terminated: bool) -> Chunk<'_> {
        let whole = input.get(self.start..end).unwrap_or_default();
        let text = if self.nested.is_empty() {
            Cow::Borrowed(whole)
        } else {
            let mut kept = String::with_capacity(whole.len());
            let mut from = self.start;
            for (skip_start, skip_end) in self.nested.iter().copied().chain([(end, end)]) {
                kept.push_str(input.get(from..skip_start).unwrap_or_default());
                from = skip_end;
            }
            Cow::Owned(kept)
        };
        Chunk { start_line: self.start_line, text, terminated }
    }
}

/// Splits the input into cards by their `BEGIN:VCARD` / `END:VCARD` lines.
/// A card embedded by a vCard 2.1 `AGENT:` line is left out of the card that holds it.
/// Non-blank text outside cards adds one warning per stretch of such lines.
fn split_cards<'a>(input: &'a str, warnings: &mut Vec<Skipped>) -> Vec<Chunk<'a>> {
    let mut chunks = Vec::new();
    let mut open: Option<OpenCard> = None;
    let mut in_stray = false;
    let mut offset: usize = 0;
    // Where the previous line starts, when it is an `AGENT:` line without a value.
    let mut agent_line: Option<usize> = None;
    for (index, line) in input.split_inclusive('\n').enumerate() {
        let number = index.saturating_add(1);
        let text = line.trim_end();
        let end = offset.saturating_add(line.len());
        let begins = text.eq_ignore_ascii_case("BEGIN:VCARD");
        let ends = text.eq_ignore_ascii_case("END:VCARD");
        match open.as_mut() {
            Some(card) if begins && agent_line.is_some() => {
                if card.depth == 0 {
                    card.nested_start = agent_line.unwrap_or(offset);
                }
                card.depth = card.depth.saturating_add(1);
            }
            Some(card) if card.depth > 0 => {
                if ends {
                    card.depth = card.depth.saturating_sub(1);
                    if card.depth == 0 {
                        card.nested.push((card.nested_start, end));
                    }
                }
            }
            _ if begins => {
                if let Some(card) = open.take() {
                    chunks.push(card.chunk(input, offset, false));
                }
                open =
                    Some(OpenCard { start_line: number, start: offset, depth: 0, nested: Vec::new(), nested_start: 0 });
                in_stray = false;
            }
            Some(_) if ends => {
                if let Some(card) = open.take() {
                    chunks.push(card.chunk(input, end, true));
                }
            }
            Some(_) => {}
            None => {
                if !text.trim().is_empty() && !in_stray {
                    warnings.push(Skipped {
                        line: number,
                        reason: "text outside BEGIN:VCARD/END:VCARD ignored".to_string(),
                    });
                }
                in_stray |= !text.trim().is_empty();
            }
        }
        agent_line = (open.is_some() && is_empty_agent(text)).then_some(offset);
        offset = end;
    }
    if let Some(card) = open {
        chunks.push(card.chunk(input, input.len(), false));
    }
    chunks
}

/// True for a vCard 2.1 `AGENT` property line without a value (`AGENT:`, `item1.AGENT;X=Y:`),
/// after which an embedded card follows.
fn is_empty_agent(line: &str) -> bool {
    let Some((name, value)) = line.split_once(':') else { return false };
    let name = name.split(';').next().unwrap_or(name);
    let name = name.rsplit('.').next().unwrap_or(name);
    value.trim().is_empty() && name.trim().eq_ignore_ascii_case("AGENT")
}

/// Builds a person from a parsed card; `raw` is the card's text, used for BDAY.
fn to_person(card: &VCard, raw: &str, line: usize, warnings: &mut Vec<Skipped>) -> ImportedPerson {
    let mut person = ImportedPerson::at_line(line);
    let mut full_name: Option<String> = None;
    let mut n_name: Option<String> = None;
    let mut title: Option<String> = None;
    let mut role: Option<String> = None;
    let mut notes: Vec<String> = Vec::new();
    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Fn if full_name.is_none() => {
                full_name = non_empty(&texts(entry).join(", "));
            }
            VCardProperty::N if n_name.is_none() => {
                let given = component(entry, 1);
                let family = component(entry, 0);
                n_name = non_empty(&join_name([given.as_str(), family.as_str()]));
            }
            VCardProperty::Email => {
                for value in texts(entry) {
                    person.add_email(strip_scheme(&value, "mailto:"));
                }
            }
            VCardProperty::Tel => {
                for value in texts(entry) {
                    person.add_phone(strip_scheme(&value, "tel:"));
                }
            }
            VCardProperty::Org if person.company.is_none() => {
                person.company = non_empty(&component(entry, 0));
            }
            VCardProperty::Title if title.is_none() => title = non_empty(&texts(entry).join(", ")),
            VCardProperty::Role if role.is_none() => role = non_empty(&texts(entry).join(", ")),
            VCardProperty::Url => {
                for value in texts(entry) {
                    person.add_url(&value);
                }
            }
            VCardProperty::Note => notes.extend(non_empty(&texts(entry).join(", "))),
            VCardProperty::Categories => {
                for value in texts(entry) {
                    person.add_tag(&value);
                }
            }
            VCardProperty::Adr if person.city.is_none() => {
                person.city = non_empty(&component(entry, 3));
            }
            _ => {}
        }
    }
    person.name = full_name.or(n_name).unwrap_or_default();
    person.role = title.or(role);
    person.notes = non_empty(&notes.join("\n\n"));
    person.birthday = birthday(card, raw, line, warnings);
    person
}

/// All values of a property as text (structured parts flattened).
fn texts(entry: &VCardEntry) -> Vec<String> {
    entry.values.iter().filter_map(value_text).collect()
}

/// The `index`-th component of a structured property such as N, ORG or ADR.
fn component(entry: &VCardEntry, index: usize) -> String {
    entry.values.get(index).and_then(value_text).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// One value as text; dates and binary data give `None`.
fn value_text(value: &VCardValue) -> Option<String> {
    match value {
        VCardValue::Text(s) => Some(s.clone()),
        VCardValue::Component(parts) => Some(join_name(parts.iter().map(String::as_str))),
        VCardValue::Integer(i) => Some(i.to_string()),
        VCardValue::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// Removes a URI scheme such as `tel:` or `mailto:` (any case).
fn strip_scheme<'a>(value: &'a str, scheme: &str) -> &'a str {
    let value = value.trim();
    match value.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => value.get(scheme.len()..).unwrap_or(value),
        _ => value,
    }
}

/// The card's birthday as `YYYY-MM-DD` or `MM-DD`, read from the raw BDAY
/// text (calcard drops the day of `1985-04-12`), else from calcard's value.
/// An unreadable BDAY adds a warning.
fn birthday(card: &VCard, raw: &str, line: usize, warnings: &mut Vec<Skipped>) -> Option<String> {
    let raw_value = raw_property(raw, "BDAY")?;
    if let Some(b) = normalize_birthday(&raw_value) {
        return Some(b);
    }
    let parsed = card.entries.iter().filter(|e| e.name == VCardProperty::Bday).flat_map(|e| e.values.iter()).find_map(
        |v| match v {
            VCardValue::PartialDateTime(d) => {
                format_birthday(d.year.map(i32::from), u32::from(d.month?), u32::from(d.day?))
            }
            _ => None,
        },
    );
    if parsed.is_none() && !raw_value.trim().is_empty() {
        warnings.push(Skipped {
            line,
            reason: format!(
                "BDAY `{}` not understood (expected e.g. 1985-04-12 or --04-12); imported without it",
                raw_value.trim()
            ),
        });
    }
    parsed
}

/// The value of the first property called `name` (ignoring group and
/// parameters) in the unfolded card text.
fn raw_property(raw: &str, name: &str) -> Option<String> {
    let mut unfolded: Vec<String> = Vec::new();
    for line in raw.lines() {
        match (line.strip_prefix([' ', '\t']), unfolded.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => unfolded.push(line.to_string()),
        }
    }
    unfolded.into_iter().find_map(|line| {
        let (head, value) = line.split_once(':')?;
        let prop = head.split(';').next()?;
        let prop = prop.rsplit('.').next()?;
        prop.trim().eq_ignore_ascii_case(name).then(|| value.to_string())
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Shaped like Apple Contacts' export (vCard 3.0, CRLF, item groups,
    /// folded NOTE, 1604 placeholder year).
    pub(crate) const APPLE: &str = "BEGIN:VCARD\r\n\
VERSION:3.0\r\n\
PRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n\
N:Appleseed;John;;;\r\n\
FN:John Appleseed\r\n\
ORG:Apple Inc.;Product\r\n\
TITLE:Product Manager\r\n\
EMAIL;type=INTERNET;type=WORK;type=pref:john@apple.example\r\n\
EMAIL;type=INTERNET;type=HOME:JOHN@apple.example\r\n\
EMAIL;type=INTERNET;type=HOME:johnny@home.example\r\n\
TEL;type=CELL;type=VOICE;type=pref:(408) 555-0100\r\n\
TEL;type=WORK;type=VOICE:(408) 555-0199\r\n\
item1.ADR;type=WORK;type=pref:;;1 Infinite Loop;Cupertino;CA;95014;United States\r\n\
item1.X-ABADR:us\r\n\
item2.URL;type=pref:https\\://example.com/john\r\n\
item2.X-ABLabel:_$!<HomePage>!$_\r\n\
BDAY;X-APPLE-OMIT-YEAR=1604:1604-11-20\r\n\
NOTE:Met at WWDC\\, talked about\\nwatches; follow up in the \r\n autumn\r\n\
END:VCARD\r\n";

    /// Shaped like Google Contacts' vCard export.
    pub(crate) const GOOGLE: &str = "BEGIN:VCARD\n\
VERSION:3.0\n\
FN:Ana García\n\
N:García;Ana;;;\n\
EMAIL;TYPE=INTERNET;TYPE=HOME:ana@example.com\n\
TEL;TYPE=CELL:+34 600 000 000\n\
ADR;TYPE=HOME:;;Calle Mayor 1;Madrid;;28013;Spain\n\
ORG:Widgets\\, Inc.\n\
TITLE:Engineer\n\
BDAY:1985-04-12\n\
item1.URL:https\\://ana.example.com\n\
item1.X-ABLabel:\n\
NOTE:Met at PyCon\n\
CATEGORIES:Friends,myContacts\n\
END:VCARD\n";

    /// Shaped like Android's vCard 2.1 export with quoted-printable names.
    pub(crate) const ANDROID: &str = "BEGIN:VCARD\r\n\
VERSION:2.1\r\n\
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n\
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n\
TEL;CELL:+49 170 1234567\r\n\
TEL;HOME:+49 30 123456\r\n\
EMAIL;HOME:juergen@example.de\r\n\
BDAY:19700101\r\n\
END:VCARD\r\n";

    /// A vCard 4.0 card with a year-less birthday and a tel: URI.
    pub(crate) const V4: &str = "BEGIN:VCARD\n\
VERSION:4.0\n\
N:Ngata;Zoë;;;\n\
BDAY:--0412\n\
TEL;VALUE=uri;TYPE=cell:tel:+64-21-555-0199\n\
EMAIL;PREF=1:zoe@example.nz\n\
END:VCARD\n";

    fn one(input: &str) -> ImportedPerson {
        let mut p = parse_vcard(input).unwrap();
        assert_eq!(p.people.len(), 1, "{p:?}");
        p.people.remove(0)
    }

    #[test]
    fn apple_card_maps_name_org_title() {
        let p = one(APPLE);
        assert_eq!(p.name, "John Appleseed");
        assert_eq!(p.company.as_deref(), Some("Apple Inc."));
        assert_eq!(p.role.as_deref(), Some("Product Manager"));
    }

    #[test]
    fn multiple_emails_deduplicated_case_insensitively() {
        assert_eq!(one(APPLE).emails, vec!["john@apple.example", "johnny@home.example"]);
    }

    #[test]
    fn multiple_phones_kept_as_written() {
        assert_eq!(one(APPLE).phones, vec!["(408) 555-0100", "(408) 555-0199"]);
    }

    #[test]
    fn grouped_url_is_unescaped() {
        assert_eq!(one(APPLE).urls, vec!["https://example.com/john"]);
    }

    #[test]
    fn adr_locality_becomes_city() {
        assert_eq!(one(APPLE).city.as_deref(), Some("Cupertino"));
    }

    #[test]
    fn apple_placeholder_year_gives_month_day() {
        assert_eq!(one(APPLE).birthday.as_deref(), Some("11-20"));
    }

    #[test]
    fn folded_escaped_note_is_unfolded_and_unescaped() {
        assert_eq!(one(APPLE).notes.as_deref(), Some("Met at WWDC, talked about\nwatches; follow up in the autumn"));
    }

    #[test]
    fn google_card_escaped_comma_in_org() {
        assert_eq!(one(GOOGLE).company.as_deref(), Some("Widgets, Inc."));
    }

    #[test]
    fn google_birthday_with_dashes_keeps_day() {
        assert_eq!(one(GOOGLE).birthday.as_deref(), Some("1985-04-12"));
    }

    #[test]
    fn categories_become_tags_without_my_contacts() {
        assert_eq!(one(GOOGLE).tags, vec!["Friends"]);
    }

    #[test]
    fn android_quoted_printable_name_is_decoded() {
        let p = one(ANDROID);
        assert_eq!(p.name, "Jürgen Müller");
        assert_eq!(p.birthday.as_deref(), Some("1970-01-01"));
        assert_eq!(p.phones.len(), 2);
    }

    #[test]
    fn n_is_used_when_fn_missing() {
        assert_eq!(one(V4).name, "Zoë Ngata");
    }

    #[test]
    fn year_less_birthday_and_tel_uri() {
        let p = one(V4);
        assert_eq!(p.birthday.as_deref(), Some("04-12"));
        assert_eq!(p.phones, vec!["+64-21-555-0199"]);
    }

    #[test]
    fn dashed_year_less_birthday() {
        let input = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:--04-12\nEND:VCARD\n";
        assert_eq!(one(input).birthday.as_deref(), Some("04-12"));
    }

    #[test]
    fn several_cards_keep_their_start_lines() {
        let input = format!("{APPLE}{GOOGLE}\r\n{ANDROID}");
        let p = parse_vcard(&input).unwrap();
        let lines: Vec<usize> = p.people.iter().map(|p| p.source_line).collect();
        assert_eq!(lines, vec![1, 21, 37]);
    }

    #[test]
    fn unterminated_card_is_skipped_and_next_imports() {
        let input = format!("BEGIN:VCARD\nVERSION:3.0\nFN:Broken\n{GOOGLE}");
        let p = parse_vcard(&input).unwrap();
        assert_eq!(p.people.len(), 1);
        assert_eq!(p.skipped[0].line, 1);
        assert!(p.skipped[0].reason.contains("END:VCARD"));
    }

    #[test]
    fn an_agent_card_inside_a_card_is_left_out() {
        let input = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Barbara\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n\
FN:Sam Assistant\r\nEMAIL:sam@x.test\r\nBDAY:1990-01-01\r\nEND:VCARD\r\nEMAIL:barbara@x.test\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Next One\r\nEND:VCARD\r\n";
        let p = parse_vcard(input).unwrap();
        assert_eq!(p.skipped, vec![]);
        assert_eq!(p.warnings, vec![]);
        let people: Vec<(&str, &[String], usize)> =
            p.people.iter().map(|p| (p.name.as_str(), p.emails.as_slice(), p.source_line)).collect();
        assert_eq!(people, vec![("Barbara Boss", &["barbara@x.test".to_string()][..], 1), ("Next One", &[][..], 13)]);
        assert_eq!(p.people[0].birthday, None);
    }

    #[test]
    fn a_begin_without_agent_still_ends_an_unterminated_card() {
        let p = parse_vcard("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n").unwrap();
        assert_eq!(p.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![1]);
        assert_eq!(p.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["B"]);
    }

    #[test]
    fn agent_lines_are_recognised() {
        assert!(is_empty_agent("AGENT:"));
        assert!(is_empty_agent("item1.agent;TYPE=work: "));
        assert!(!is_empty_agent("AGENT:BEGIN:VCARD\\nFN:x\\nEND:VCARD"));
        assert!(!is_empty_agent("NOTE:AGENT:"));
    }

    #[test]
    fn card_without_name_or_email_is_skipped() {
        let input = format!("{GOOGLE}BEGIN:VCARD\nVERSION:3.0\nTEL:123\nEND:VCARD\n");
        let p = parse_vcard(&input).unwrap();
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].line, 16);
    }

    #[test]
    fn unreadable_birthday_warns_and_keeps_card() {
        let input = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:sometime\nEND:VCARD\n";
        let p = parse_vcard(input).unwrap();
        assert_eq!(p.people[0].birthday, None);
        assert_eq!(p.warnings.len(), 1);
    }

    #[test]
    fn text_outside_cards_warns_once() {
        let input = format!("junk\nmore junk\n{GOOGLE}");
        let p = parse_vcard(&input).unwrap();
        assert_eq!(p.people.len(), 1);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].line, 1);
    }

    #[test]
    fn input_without_cards_is_an_error() {
        assert!(matches!(parse_vcard("hello\n"), Err(ImportError::NoVCard { lines: 1 })));
    }

    #[test]
    fn bom_is_ignored() {
        assert_eq!(one(&format!("\u{feff}{GOOGLE}")).name, "Ana García");
    }
}
