//! Front matter YAML to typed contact fields. Known fields are typed, field names other
//! tools use are read as rolo's own, and everything else is kept as-is.

use super::keys::{self, KeyLine};
use super::plain_yaml;
use super::wikilink::{find_links, value_target};
use super::ShortString;
use crate::diagnostic::Diagnostic;
use crate::model::birthday::Birthday;
use crate::model::cadence::Cadence;
use crate::model::contact::Status;
use crate::model::date::parse_date;
use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

/// The properties of a note, typed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrontMatter {
    /// `name`: the contact's display name.
    pub name: Option<String>,
    /// `aliases`: other names that link to this note.
    pub aliases: Vec<String>,
    /// `circle`: the bucket the contact belongs to.
    pub circle: Option<ShortString>,
    /// `cadence`: how often to reach out.
    pub cadence: Option<Cadence>,
    /// `status`: active, paused or archived.
    pub status: Option<Status>,
    /// `tags`, without `#`.
    pub tags: Vec<ShortString>,
    /// `company`.
    pub company: Option<ShortString>,
    /// `role`.
    pub role: Option<ShortString>,
    /// `email`, one or more.
    pub emails: Vec<String>,
    /// `phone`, one or more, as written.
    pub phones: Vec<ShortString>,
    /// `city`.
    pub city: Option<ShortString>,
    /// `channels`: preferred ways to reach them.
    pub channels: Vec<ShortString>,
    /// `met`: when you met.
    #[serde(with = "super::days::option")]
    pub met: Option<NaiveDate>,
    /// `met_at`: where or how you met.
    pub met_at: Option<String>,
    /// `introduced_by`: link targets of who introduced you.
    pub introduced_by: Vec<String>,
    /// `interests`.
    pub interests: Vec<ShortString>,
    /// `needs`: what they are looking for.
    pub needs: Vec<String>,
    /// `offers`: what they can help others with.
    pub offers: Vec<String>,
    /// `birthday`.
    pub birthday: Option<Birthday>,
    /// `last_contact`.
    #[serde(with = "super::days::option")]
    pub last_contact: Option<NaiveDate>,
    /// `type: person`.
    pub is_person_type: bool,
    /// Unknown fields, kept for display.
    #[serde(with = "json_text")]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Field names of other tools that were read as rolo's own (`lastContact`, ...).
    pub aliases_read: Vec<String>,
    /// Wikilink targets anywhere in the properties, with their file line.
    pub links: Vec<(String, usize)>,
    /// The file lines of the properties that diagnostics after parsing point at.
    pub key_lines: KeyLines,
    /// Values of contact fields that could not be read; they only matter if the note is a contact.
    pub field_problems: Vec<Diagnostic>,
}

/// The file lines of the few properties that the index reports problems on. A map of every
/// key would cost an allocation per property per note, for four lookups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyLines {
    /// `name`.
    pub name: Option<usize>,
    /// `aliases`.
    pub aliases: Option<usize>,
    /// `circle`.
    pub circle: Option<usize>,
    /// `introduced_by`.
    pub introduced_by: Option<usize>,
}

impl KeyLines {
    /// Notes the line of a property, by its canonical name; other properties are ignored.
    pub fn record(&mut self, canonical: &str, line: usize) {
        let slot = match canonical {
            "name" => &mut self.name,
            "aliases" => &mut self.aliases,
            "circle" => &mut self.circle,
            "introduced_by" => &mut self.introduced_by,
            _ => return,
        };
        *slot = Some(line);
    }
}

/// Field names written by other tools, and the rolo field each one means.
pub const FIELD_ALIASES: [(&str, &str); 17] = [
    ("lastContact", "last_contact"),
    ("last_contacted", "last_contact"),
    ("prm-last-contacted", "last_contact"),
    ("last_chat", "last_contact"),
    ("last_talked_to", "last_contact"),
    ("contactFrequency", "cadence"),
    ("prm-cadence", "cadence"),
    ("contact-frequency", "cadence"),
    ("keep_in_touch", "cadence"),
    ("prm-tier", "circle"),
    ("prm-birthday", "birthday"),
    ("birthDate", "birthday"),
    ("howWeMet", "met_at"),
    ("first_met_where", "met_at"),
    ("prm-paused", "paused"),
    ("alias", "aliases"),
    ("tag", "tags"),
];

/// Parses front matter YAML that starts on file line `yaml_line`. Problems are pushed to
/// `diagnostics`; `None` means the YAML could not be read at all.
pub fn parse(rel: &str, yaml: &str, yaml_line: usize, diagnostics: &mut Vec<Diagnostic>) -> Option<FrontMatter> {
    let key_lines = keys::scan(yaml);
    if yaml.trim().is_empty() {
        return Some(FrontMatter::default());
    }
    // Nearly all front matter is plain YAML, read about four times faster without the library.
    let properties = match plain_yaml::read(yaml) {
        Some(properties) => properties,
        None => read_with_library(rel, yaml, yaml_line, &key_lines, diagnostics)?,
    };
    let mut reader = FieldReader { rel, yaml_line, key_lines: &key_lines, fm: FrontMatter::default() };
    reader.read_properties(properties);
    Some(reader.fm)
}

/// Reads front matter with the YAML library: what [`plain_yaml`] does not read, and every
/// error, located in the file. `None` (with a diagnostic) when it is not a set of properties.
fn read_with_library(
    rel: &str,
    yaml: &str,
    yaml_line: usize,
    key_lines: &[KeyLine<'_>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Value)>> {
    let file_line = |yaml_relative: usize| yaml_line + yaml_relative.saturating_sub(1);
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(value) => value,
        Err(e) => {
            let text = e.to_string();
            let (line, column) = match keys::duplicate(key_lines) {
                Some((_, line)) if text.contains("duplicate") => (line, 1),
                _ => {
                    let (line, column) = scanning_location(&text)
                        .or_else(|| e.location().map(|l| (l.line(), l.column())))
                        .unwrap_or((1, 1));
                    text_position(yaml, line, column)
                }
            };
            diagnostics.push(Diagnostic::error(
                rel,
                file_line(line),
                column,
                format!(
                    "invalid YAML in the front matter: {}. Fix it; until then rolo ignores this note's properties",
                    yaml_message(&text, yaml_line)
                ),
            ));
            return None;
        }
    };
    match value {
        Value::Mapping(mapping) => Some(by_key(mapping)),
        Value::Null => Some(Vec::new()),
        _ => {
            diagnostics.push(Diagnostic::error(
                rel,
                yaml_line,
                1,
                "the front matter is not a set of properties (`key: value` lines): rolo ignores it. Write properties as `name: value`",
            ));
            None
        }
    }
}

/// The top-level properties of front matter YAML as [`parse`] reads them: each key by its
/// text, in order. `Err` says why the YAML is not read at all.
pub fn properties(yaml: &str) -> Result<Vec<(String, Value)>, String> {
    if yaml.trim().is_empty() {
        return Ok(Vec::new());
    }
    if let Some(properties) = plain_yaml::read(yaml) {
        return Ok(properties);
    }
    match serde_yaml::from_str(yaml) {
        Ok(Value::Mapping(mapping)) => Ok(by_key(mapping)),
        Ok(Value::Null) => Ok(Vec::new()),
        Ok(other) => Err(format!("it would be {}, not a set of properties", kind(&other))),
        Err(e) => Err(e.to_string()),
    }
}

/// The properties of a YAML mapping, each by the text of its key, in order.
fn by_key(mapping: Mapping) -> Vec<(String, Value)> {
    mapping.into_iter().map(|(k, v)| (property_key(&k), v)).collect()
}

/// A property's name: the text of its YAML key (empty for keys that are not scalars).
fn property_key(key: &Value) -> String {
    scalar_text(key).unwrap_or_default()
}

/// yaml_serde's message with its YAML-relative `at line N column M` turned into file lines,
/// the first one dropped since the diagnostic leads with it.
fn yaml_message(text: &str, yaml_line: usize) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut first = true;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let line: usize = after[..digits].parse().unwrap_or(1);
        let tail = after[digits..].strip_prefix(" column ").unwrap_or(&after[digits..]);
        let col_digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if !first {
            out.push_str(&format!(" at line {} column {}", yaml_line + line - 1, &tail[..col_digits]));
        }
        first = false;
        rest = &tail[col_digits..];
    }
    out.push_str(rest);
    out
}

/// YAML also breaks lines at a lone `\r`, NEL, LS and PS; rolo's lines end at `\n`. Turns a
/// 1-based YAML (line, column) into the 1-based (line, column) of `yaml`'s `\n`-separated lines.
fn text_position(yaml: &str, line: usize, column: usize) -> (usize, usize) {
    let (mut yaml_lines, mut text_line, mut before) = (1, 1, 0);
    let mut chars = yaml.chars().peekable();
    while yaml_lines < line {
        let Some(c) = chars.next() else { break };
        before += 1;
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                (yaml_lines, text_line, before) = (yaml_lines + 1, text_line + 1, 0);
            }
            '\n' => (yaml_lines, text_line, before) = (yaml_lines + 1, text_line + 1, 0),
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => yaml_lines += 1,
            _ => {}
        }
    }
    (text_line, before + column)
}

/// For "... while scanning X at line L column C", the place X started is the useful location.
fn scanning_location(text: &str) -> Option<(usize, usize)> {
    let tail = &text[text.find("while scanning")?..];
    let after = &tail[tail.find(" at line ")? + " at line ".len()..];
    let (line, rest) = after.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

struct FieldReader<'a, 'k> {
    rel: &'a str,
    yaml_line: usize,
    key_lines: &'a [KeyLine<'k>],
    fm: FrontMatter,
}

impl FieldReader<'_, '_> {
    fn read_properties(&mut self, properties: Vec<(String, Value)>) {
        let own_names_written: Vec<&str> = FIELD_ALIASES
            .iter()
            .map(|(_, own)| *own)
            .filter(|own| properties.iter().any(|(key, _)| key == own))
            .collect();
        for (key, value) in properties {
            let canonical = match FIELD_ALIASES.iter().find(|(alias, _)| *alias == key) {
                // rolo's own name wins when both are written.
                Some((_, c)) if own_names_written.contains(c) => continue,
                Some((_, c)) => {
                    self.fm.aliases_read.push(key.clone());
                    (*c).to_string()
                }
                None => key.clone(),
            };
            let line = self.line_of(&key);
            collect_links(&value, line, &mut self.fm.links);
            self.read_field(&key, &canonical, value, line);
            self.fm.key_lines.record(&canonical, line);
        }
    }

    fn line_of(&self, key: &str) -> usize {
        let yaml_relative = self.key_lines.iter().find(|k| k.key == key).map_or(1, |k| k.line);
        self.yaml_line + yaml_relative - 1
    }

    fn raw_of(&self, key: &str) -> Option<&str> {
        self.key_lines.iter().find(|k| k.key == key).map(|k| k.raw).filter(|r| !r.is_empty())
    }

    fn read_field(&mut self, key: &str, canonical: &str, value: Value, line: usize) {
        let raw = self.raw_of(key).map(str::to_string);
        let raw = raw.as_deref();
        let result: Result<(), String> = match canonical {
            "name" => text(&value, raw).map(|v| self.fm.name = v),
            "aliases" => list(&value, raw, false).map(|v| self.fm.aliases = v),
            "circle" => text(&value, raw).map(|v| self.fm.circle = v.map(Into::into)),
            "cadence" => cadence(&value).map(|v| self.fm.cadence = v),
            "status" => status(&value).map(|v| self.fm.status = v.or(self.fm.status)),
            "paused" => paused(&value).map(|p| {
                if p && self.fm.status.is_none() {
                    self.fm.status = Some(Status::Paused)
                }
            }),
            "tags" => list(&value, raw, true).map(|v| {
                self.fm.tags =
                    v.iter().map(|t| ShortString::from(t.trim_start_matches('#'))).filter(|t| !t.is_empty()).collect()
            }),
            "type" => {
                text(&value, raw).map(|v| self.fm.is_person_type |= v.is_some_and(|t| t.eq_ignore_ascii_case("person")))
            }
            "company" => text(&value, raw).map(|v| self.fm.company = v.map(Into::into)),
            "role" => text(&value, raw).map(|v| self.fm.role = v.map(Into::into)),
            "email" => list(&value, raw, false).map(|v| self.fm.emails = v),
            "phone" => list(&value, raw, false).map(|v| self.fm.phones = v.into_iter().map(Into::into).collect()),
            "city" => text(&value, raw).map(|v| self.fm.city = v.map(Into::into)),
            "channels" => list(&value, raw, true).map(|v| {
                self.fm.channels = v.iter().map(|c| c.trim_start_matches('#').to_lowercase().into()).collect()
            }),
            "met" => date(&value).map(|v| self.fm.met = v),
            "met_at" => text(&value, raw).map(|v| self.fm.met_at = v),
            "introduced_by" => list(&value, raw, false).map(|v| {
                self.fm.introduced_by = v.iter().filter_map(|s| value_target(s)).map(str::to_string).collect()
            }),
            "interests" => list(&value, raw, true).map(|v| self.fm.interests = v.into_iter().map(Into::into).collect()),
            "needs" => list(&value, raw, true).map(|v| self.fm.needs = v),
            "offers" => list(&value, raw, true).map(|v| self.fm.offers = v),
            "birthday" => birthday(&value, raw).map(|v| self.fm.birthday = v),
            "last_contact" => date(&value).map(|v| self.fm.last_contact = v),
            _ => {
                self.fm.extra.insert(key.to_string(), to_json(&value));
                Ok(())
            }
        };
        if let Err(problem) = result {
            self.fm.field_problems.push(Diagnostic::error(self.rel, line, 1, format!("`{key}`: {problem}")));
        }
    }
}

/// The text of a scalar; numbers and booleans keep their raw spelling when it is known.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// A nested one-item list `[["Ana"]]` is how YAML reads an unquoted `[[Ana]]`.
fn unquoted_wikilink(value: &Value) -> Option<String> {
    match value {
        Value::Sequence(outer) if outer.len() == 1 => unquoted_wikilink_item(&outer[0]),
        _ => None,
    }
}

/// A one-item list `["Ana"]` inside a list: how YAML reads the items of `[[Ana], [Ben]]`.
fn unquoted_wikilink_item(item: &Value) -> Option<String> {
    match item {
        Value::Sequence(inner) if inner.len() == 1 => scalar_text(&inner[0]).map(|s| format!("[[{s}]]")),
        _ => None,
    }
}

fn text(value: &Value, raw: Option<&str>) -> Result<Option<String>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Value::Number(_) | Value::Bool(_) => Ok(raw.map(unquote).or_else(|| scalar_text(value))),
        Value::Tagged(t) => text(&t.value, raw),
        other => unquoted_wikilink(other).map(Some).ok_or_else(|| format!("expected text, found {}", kind(other))),
    }
}

fn list(value: &Value, raw: Option<&str>, split_commas: bool) -> Result<Vec<String>, String> {
    if let Some(link) = unquoted_wikilink(value) {
        return Ok(vec![link]);
    }
    match value {
        Value::Sequence(items) => items
            .iter()
            .map(|item| {
                // `- [[Ana]]` in a block list, and `[[Ana], [Ben]]`.
                unquoted_wikilink(item)
                    .or_else(|| unquoted_wikilink_item(item))
                    .or_else(|| scalar_text(item))
                    .ok_or_else(|| format!("expected a list of texts, found a list containing {}", kind(item)))
            })
            .filter(|r| r.as_ref().map_or(true, |s| !s.trim().is_empty()))
            .map(|r| r.map(|s| s.trim().to_string()))
            .collect(),
        Value::String(s) if split_commas => {
            Ok(s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
        }
        _ => Ok(text(value, raw)
            .map_err(|_| format!("expected text or a list, found {}", kind(value)))?
            .into_iter()
            .collect()),
    }
}

fn date(value: &Value) -> Result<Option<NaiveDate>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => parse_date(s).map(Some).map_err(|e| e.to_string()),
        Value::Tagged(t) => date(&t.value),
        other => Err(format!("expected a date YYYY-MM-DD, found {}", kind(other))),
    }
}

fn cadence(value: &Value) -> Result<Option<Cadence>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s.parse::<Cadence>().map(Some).map_err(|e| e.to_string()),
        Value::Number(n) => match n.as_i64() {
            Some(days) => Cadence::from_days(days).map(Some).map_err(|e| e.to_string()),
            None => Err(format!("expected a whole number of days, found {n}")),
        },
        Value::Tagged(t) => cadence(&t.value),
        other => Err(format!("expected a cadence such as 30d or monthly, found {}", kind(other))),
    }
}

fn status(value: &Value) -> Result<Option<Status>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => s.parse::<Status>().map(Some),
        other => Err(format!("expected active, paused or archived, found {}", kind(other))),
    }
}

fn paused(value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Null => Ok(false),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(format!("expected true or false, found {}", kind(other))),
    }
}

fn birthday(value: &Value, raw: Option<&str>) -> Result<Option<Birthday>, String> {
    match text(value, raw)? {
        None => Ok(None),
        Some(s) => s.parse::<Birthday>().map(Some).map_err(|e| e.to_string()),
    }
}

fn unquote(raw: &str) -> String {
    raw.trim_matches(|c| c == '"' || c == '\'').to_string()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a set of properties",
        Value::Tagged(_) => "a tagged value",
    }
}

fn collect_links(value: &Value, line: usize, links: &mut Vec<(String, usize)>) {
    if let Some(link) = unquoted_wikilink(value) {
        links.extend(find_links(&link).into_iter().map(|(_, t)| (t.to_string(), line)));
        return;
    }
    match value {
        Value::String(s) => links.extend(find_links(s).into_iter().map(|(_, t)| (t.to_string(), line))),
        Value::Sequence(items) => items.iter().for_each(|v| collect_links(v, line, links)),
        Value::Mapping(m) => m.values().for_each(|v| collect_links(v, line, links)),
        Value::Tagged(t) => collect_links(&t.value, line, links),
        _ => {}
    }
}

/// Converts a YAML value to JSON for display of unknown fields.
pub fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => n
            .as_i64()
            .map(serde_json::Value::from)
            .or_else(|| n.as_u64().map(serde_json::Value::from))
            .or_else(|| n.as_f64().and_then(serde_json::Number::from_f64).map(serde_json::Value::Number))
            .unwrap_or_else(|| serde_json::Value::String(n.to_string())),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Mapping(m) => {
            serde_json::Value::Object(m.iter().map(|(k, v)| (scalar_text(k).unwrap_or_default(), to_json(v))).collect())
        }
        Value::Tagged(t) => to_json(&t.value),
    }
}

/// Unknown fields as JSON text in the parse cache, whose compact format cannot hold
/// self-describing values.
mod json_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(map: &BTreeMap<String, serde_json::Value>, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_string(map).map_err(serde::ser::Error::custom)?.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let fm = parse("P/a.md", yaml, 2, &mut d);
        (fm, d)
    }

    #[test]
    fn reads_typed_fields() {
        let (fm, d) = read("name: Ana\ncircle: clients\ncadence: 30d\nmet: 2024-03-01\ntags: [person, '#vip']\n");
        let fm = fm.unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.name.as_deref(), Some("Ana"));
        assert_eq!(fm.cadence, "30d".parse().ok());
        assert_eq!(fm.met, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(fm.tags, vec!["person", "vip"]);
    }

    #[test]
    fn numbers_keep_their_raw_text() {
        let (fm, _) = read("phone: +442079460000\nzip: 01234\ncountry: NO\ncompany: 1984\n");
        let fm = fm.unwrap();
        assert_eq!(fm.phones, vec!["+442079460000"]);
        assert_eq!(fm.company.as_deref(), Some("1984"));
        assert_eq!(fm.extra["country"], serde_json::json!("NO"));
    }

    #[test]
    fn unquoted_wikilinks_are_links() {
        let (fm, _) = read("introduced_by: [[Ana Ruiz]]\n");
        assert_eq!(fm.unwrap().introduced_by, vec!["Ana Ruiz"]);
        let (fm, _) = read("introduced_by: [\"[[Ana]]\", \"[[Ben|B]]\"]\n");
        assert_eq!(fm.unwrap().introduced_by, vec!["Ana", "Ben"]);
    }

    #[test]
    fn unquoted_wikilinks_in_a_block_list_are_links() {
        let (fm, d) = read("introduced_by:\n  - [[Ana Ruiz]]\n  - \"[[Ben]]\"\n");
        assert!(d.is_empty(), "{d:?}");
        let fm = fm.unwrap();
        assert!(fm.field_problems.is_empty(), "{:?}", fm.field_problems);
        assert_eq!(fm.introduced_by, vec!["Ana Ruiz", "Ben"]);
    }

    #[test]
    fn wrong_type_names_the_key_and_its_file_line() {
        let (fm, _) = read("name: A\nmet: [1, 2]\n");
        let d = fm.unwrap().field_problems;
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].message.starts_with("`met`")), (3, true));
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let (fm, d) = read("email: a@x\nname: A\nemail: b@x\n");
        assert!(fm.is_none());
        assert_eq!(d[0].line, 4);
        assert!(d[0].message.contains("duplicate"), "{}", d[0].message);
    }

    #[test]
    fn a_list_is_not_front_matter() {
        let (fm, d) = read("- a\n- b\n");
        assert!(fm.is_none());
        assert!(d[0].message.contains("not a set of properties"));
    }

    #[test]
    fn other_tools_field_names_are_read_and_own_names_win() {
        let (fm, _) = read("lastContact: 2025-01-01\ncontactFrequency: 45\nprm-tier: friends\nlast_contact: 2025-02-02\nprm-paused: true\n");
        let fm = fm.unwrap();
        assert_eq!(fm.last_contact, NaiveDate::from_ymd_opt(2025, 2, 2));
        assert_eq!(fm.cadence, Cadence::from_days(45).ok());
        assert_eq!(fm.circle.as_deref(), Some("friends"));
        assert_eq!(fm.status, Some(Status::Paused));
        assert_eq!(fm.aliases_read, vec!["contactFrequency", "prm-tier", "prm-paused"]);
    }

    #[test]
    fn comma_strings_are_lists_for_tags() {
        let (fm, _) = read("tags: person, vip\n");
        assert_eq!(fm.unwrap().tags, vec!["person", "vip"]);
    }
}
