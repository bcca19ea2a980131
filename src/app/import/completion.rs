//! Completing an existing note from an import: only the fields it lacks, and list items it
//! does not have yet, through the same text edits as `rolo log`; nothing already there changes.

use super::matching::{contact_urls, normalize_url};
use super::one_line_opt;
use crate::edit::{self, EditError};
use crate::import::ImportedPerson;
use crate::index::{email_key, Index};
use crate::model::contact::ContactId;
use crate::note::fields::FIELD_ALIASES;

/// The values an import would add to an existing note, filtered against what it has.
pub(super) struct Wanted {
    /// (field, YAML value) for single-valued fields, added only when the note lacks them.
    scalars: Vec<(&'static str, String)>,
    /// (field, items not yet present, as YAML scalars).
    lists: Vec<(&'static str, Vec<String>)>,
}

impl Wanted {
    pub(super) fn new(index: &Index, id: ContactId, p: &ImportedPerson, tags: Vec<String>) -> Self {
        let c = index.contact(id);
        let json = |s: &str| yaml_scalar(s);
        let mut scalars = Vec::new();
        let scalar = |field: &'static str, value: &Option<String>, out: &mut Vec<(&'static str, String)>| {
            if let Some(v) = one_line_opt(value) {
                out.push((field, json(&v)));
            }
        };
        scalar("company", &p.company, &mut scalars);
        scalar("role", &p.role, &mut scalars);
        scalar("city", &p.city, &mut scalars);
        if let Some(met) = p.met {
            scalars.push(("met", met.to_string()));
        }
        scalar("birthday", &p.birthday, &mut scalars);

        let have_emails: Vec<String> = c.emails.iter().map(|e| email_key(e)).collect();
        let emails = p.emails.iter().filter(|e| !have_emails.contains(&email_key(e))).map(|e| json(e)).collect();
        let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>();
        let have_phones: Vec<String> = c.phones.iter().map(|p| digits(p)).collect();
        let phones = p.phones.iter().filter(|p| !have_phones.contains(&digits(p))).map(|p| json(p)).collect();
        let have_urls = contact_urls(index, id);
        let urls = p.urls.iter().filter(|u| !have_urls.contains(&normalize_url(u))).map(|u| json(u)).collect();
        let tags = tags.iter().filter(|t| !c.tags.iter().any(|h| h.eq_ignore_ascii_case(t))).map(|t| json(t)).collect();
        Wanted { scalars, lists: vec![("email", emails), ("phone", phones), ("url", urls), ("tags", tags)] }
    }

    /// Adds what is missing to `text`; never changes a value that is there. A field rolo
    /// cannot safely edit in this note is left alone and said in [`Completed::left_alone`];
    /// only a problem with the whole note (its front matter unclosed) is an error.
    pub(super) fn apply(&self, text: &str) -> Result<Completed, EditError> {
        let mut done = Completed { text: text.to_string(), left_alone: Vec::new() };
        for (field, value) in &self.scalars {
            if let Some(key) = slot(&done.text, field)?.free_key(field) {
                done.try_edit(value, |t| edit::set_field(t, &key, value))?;
            }
        }
        for (field, items) in &self.lists {
            if items.is_empty() {
                continue;
            }
            match slot(&done.text, field)? {
                Slot::List(key) => {
                    for (i, item) in items.iter().enumerate() {
                        if !done.try_edit(&items[i..].join(", "), |t| edit::add_to_list(t, &key, item))? {
                            break;
                        }
                    }
                }
                Slot::Scalar => {}
                // Tags are only extended, never added to a note that has none.
                _ if *field == "tags" => {}
                free => {
                    let key = free.free_key(field).unwrap_or_else(|| (*field).to_string());
                    let all = items.join(", ");
                    let value = if items.len() > 1 { format!("[{all}]") } else { all.clone() };
                    done.try_edit(&all, |t| edit::set_field(t, &key, &value))?;
                }
            }
        }
        Ok(done)
    }
}

/// A note's text with an import's missing fields added.
pub(super) struct Completed {
    /// The new text.
    pub text: String,
    /// Why each value that was not added was left out, for the import's report.
    pub left_alone: Vec<String>,
}

impl Completed {
    /// Applies one field's edit; when rolo cannot safely make it in this note, keeps the text
    /// as it was, says why and what to add by hand, and returns false.
    fn try_edit(
        &mut self,
        value: &str,
        edit: impl FnOnce(&str) -> Result<String, EditError>,
    ) -> Result<bool, EditError> {
        match edit(&self.text) {
            Ok(new) => {
                self.text = new;
                Ok(true)
            }
            Err(EditError::NotAList { key, line, .. }) => {
                self.left_alone
                    .push(format!("`{key}` (line {line}) is not a list rolo can extend; add {value} by hand"));
                Ok(false)
            }
            Err(EditError::Unverified { key, line, problem, .. }) => {
                self.left_alone
                    .push(format!("rolo cannot safely change `{key}` (line {line}): {problem}; add {value} by hand"));
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

/// `value` as a YAML scalar: plain when YAML reads it back as the same text, else
/// double-quoted (JSON strings are valid YAML). Flow indicators are quoted too, so the
/// value can also go into a `[a, b]` list.
fn yaml_scalar(value: &str) -> String {
    let plain = edit::frontmatter::is_plain_scalar(value)
        && !value.contains([',', '[', ']', '{', '}', '#'])
        && matches!(serde_yaml::from_str::<serde_yaml::Value>(value), Ok(serde_yaml::Value::String(s)) if s == value);
    if plain {
        value.to_string()
    } else {
        serde_json::Value::String(value.to_string()).to_string()
    }
}

/// How a field is present in a note's front matter.
enum Slot {
    /// Neither the field nor another tool's name for it.
    Missing,
    /// The key is there with no value (`company:` or `company: null`).
    Empty(String),
    /// A single value.
    Scalar,
    /// A list (flow `[a, b]` or block `- a` lines), under this key.
    List(String),
}

impl Slot {
    /// The key to write a value under when the field has none: the empty key that is
    /// there, or `field` itself when it is missing.
    fn free_key(self, field: &str) -> Option<String> {
        match self {
            Slot::Missing => Some(field.to_string()),
            Slot::Empty(key) => Some(key),
            Slot::Scalar | Slot::List(_) => None,
        }
    }
}

/// Looks `field` (or another tool's name for it) up in the front matter of `text`.
fn slot(text: &str, field: &str) -> Result<Slot, EditError> {
    let Some(block) = edit::locate_front_matter(text)? else { return Ok(Slot::Missing) };
    let keys = edit::top_level_keys(text, &block);
    let names: Vec<&str> =
        std::iter::once(field).chain(FIELD_ALIASES.iter().filter(|(_, c)| *c == field).map(|(a, _)| *a)).collect();
    let Some(span) = names.iter().find_map(|n| keys.iter().find(|k| k.key == *n)) else { return Ok(Slot::Missing) };
    if span.is_multi_line(text) {
        return Ok(Slot::List(span.key.clone()));
    }
    let spot = edit::frontmatter::value_spot(text, span);
    let value = text[spot.start..spot.end].trim();
    Ok(if value.is_empty() || value == "~" || value.eq_ignore_ascii_case("null") {
        Slot::Empty(span.key.clone())
    } else if value.starts_with('[') {
        Slot::List(span.key.clone())
    } else {
        Slot::Scalar
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_yaml_reads_them_back() {
        assert_eq!(yaml_scalar("Archer Holdings"), "Archer Holdings");
        assert_eq!(yaml_scalar("ana@example.com"), "ana@example.com");
        assert_eq!(yaml_scalar("+44 7700 900123"), "+44 7700 900123");
        assert_eq!(yaml_scalar("+447700900123"), "\"+447700900123\"");
        assert_eq!(yaml_scalar("06-10"), "06-10");
        assert_eq!(yaml_scalar("true"), "\"true\"");
        assert_eq!(yaml_scalar("Widgets, Inc."), "\"Widgets, Inc.\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
    }

    fn wanted(scalars: Vec<(&'static str, &str)>, lists: Vec<(&'static str, Vec<&str>)>) -> Wanted {
        Wanted {
            scalars: scalars.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
            lists: lists.into_iter().map(|(k, v)| (k, v.into_iter().map(String::from).collect())).collect(),
        }
    }

    #[test]
    fn apply_adds_only_missing_fields() {
        let w = wanted(
            vec![("company", "\"New\""), ("role", "\"CTO\""), ("birthday", "\"04-12\"")],
            vec![("email", vec!["\"b@x\""]), ("tags", vec!["\"t\""])],
        );
        let old = "---\nname: A\ncompany: Old\nemail: a@x\nbirthDate: 01-01\n---\nbody\n";
        assert_eq!(
            w.apply(old).unwrap().text,
            "---\nname: A\ncompany: Old\nemail: a@x\nbirthDate: 01-01\nrole: \"CTO\"\n---\nbody\n"
        );
    }

    #[test]
    fn apply_extends_lists_and_fills_empty_keys() {
        let w = wanted(vec![("city", "\"Oslo\"")], vec![("email", vec!["\"b@x\""]), ("tags", vec!["\"t\""])]);
        let old = "---\nname: A\ncity:\nemail:\n  - a@x\ntags: [x]\n---\n";
        assert_eq!(
            w.apply(old).unwrap().text,
            "---\nname: A\ncity: \"Oslo\"\nemail:\n  - a@x\n  - \"b@x\"\ntags: [x, \"t\"]\n---\n"
        );
    }

    #[test]
    fn a_field_rolo_cannot_extend_is_left_alone_and_the_rest_is_added() {
        let w = wanted(vec![("city", "Oslo")], vec![("email", vec!["b@x", "c@x"]), ("phone", vec!["\"+1\""])]);
        // `phone` is a mapping, not a list.
        let old = "---\nname: A\nphone:\n  home: 1\nemail:\n  - a@x\n---\n";
        let done = w.apply(old).unwrap();
        assert_eq!(done.text, "---\nname: A\nphone:\n  home: 1\nemail:\n  - a@x\n  - b@x\n  - c@x\ncity: Oslo\n---\n");
        assert_eq!(done.left_alone, ["`phone` (line 3) is not a list rolo can extend; add \"+1\" by hand"]);
    }

    #[test]
    fn fields_yaml_would_read_otherwise_are_left_alone() {
        let w = wanted(vec![("company", "Acme")], vec![("email", vec!["b@x"])]);
        // Indented keys: a field added at the margin would break the YAML.
        let old = "---\n  name: A\n---\nbody\n";
        let done = w.apply(old).unwrap();
        assert_eq!(done.text, old);
        assert_eq!(done.left_alone.len(), 2, "{:#?}", done.left_alone);
        for (said, field, value) in [(&done.left_alone[0], "company", "Acme"), (&done.left_alone[1], "email", "b@x")] {
            assert!(said.starts_with(&format!("rolo cannot safely change `{field}` (line 3): ")), "{said}");
            assert!(said.ends_with(&format!("; add {value} by hand")), "{said}");
        }
    }
}
