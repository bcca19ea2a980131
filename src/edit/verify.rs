//! Reading an edited front matter back the way the reader does, before anything is written.
//!
//! The editor finds keys line by line; YAML has shapes that line view cannot see (escaped
//! quoted keys, an indented top-level map, flow values continued at column 0...). Rather
//! than special-case each, every edit is parsed back and refused when YAML would read
//! anything other than what was asked.

use serde_yaml::Value;

use super::lines::BOM;
use super::{EditError, UNNAMED};
use crate::note::fields::{properties, to_json};
use crate::note::split::split;

/// What the edited key must hold afterwards.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Wanted<'a> {
    /// The value written as this single-line YAML; a plain scalar may also read as its text
    /// (the editor keeps the old value's quotes).
    Value(&'a str),
    /// The old list (or none) with this YAML item appended.
    ListWith(&'a str),
}

/// Returns `new` when YAML reads it as `old` with only `key` changed as `wanted`, with the
/// same body; otherwise an [`EditError::Unverified`]. Front matter that did not parse before
/// is not judged: rolo cannot know what it meant.
pub(crate) fn read_back(old: &str, new: String, key: &str, wanted: Wanted<'_>) -> Result<String, EditError> {
    if new == old {
        return Ok(new);
    }
    let (before, after) = (parts(old), parts(&new));
    let Ok(old_props) = before.0 else {
        return Ok(new);
    };
    let refuse = |problem: String| unverified(old, &new, key, problem);
    let new_props =
        after.0.map_err(|e| refuse(format!("the front matter would no longer be valid YAML ({})", unlocated(&e))))?;
    if before.1 != after.1 {
        return Err(refuse("the note's text after the front matter would change".into()));
    }
    let old_value = only(&old_props, key).map_err(&refuse)?;
    let new_value = only(&new_props, key).map_err(&refuse)?;
    check_others(&old_props, &new_props, key, old_value, new_value).map_err(&refuse)?;
    let Some(new_value) = new_value else {
        return Err(refuse(format!("YAML would not read `{key}` at all")));
    };
    check_wanted(old_value, new_value, wanted).map_err(refuse)?;
    Ok(new)
}

/// A note's properties by name, or why YAML does not read them.
type Properties = Result<Vec<(String, Value)>, String>;

/// The properties and the body of a note, as the reader splits them.
fn parts(text: &str) -> (Properties, &str) {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let split = split(text);
    let props = match split.yaml {
        Some(yaml) => properties(yaml),
        None if split.unclosed => Err("the front matter is not closed".into()),
        None => Ok(Vec::new()),
    };
    (props, split.body)
}

fn all<'a>(props: &'a [(String, Value)], key: &str) -> Vec<&'a Value> {
    props.iter().filter(|(k, _)| k == key).map(|(_, v)| v).collect()
}

/// The value of `key`; an error when two YAML keys read as that name (`1` and `'1'`), since
/// the edit may not be the one the reader takes.
fn only<'a>(props: &'a [(String, Value)], key: &str) -> Result<Option<&'a Value>, String> {
    match all(props, key).as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        _ => Err(format!("YAML reads more than one property named `{key}`")),
    }
}

/// Every other property reads as before; an alias of the edited value's anchor may follow it.
fn check_others(
    old: &[(String, Value)],
    new: &[(String, Value)],
    key: &str,
    old_value: Option<&Value>,
    new_value: Option<&Value>,
) -> Result<(), String> {
    for (other, _) in old.iter().chain(new).filter(|(k, _)| k != key) {
        let (was, now) = (all(old, other), all(new, other));
        let follows_alias =
            matches!((was.as_slice(), now.as_slice()), ([w], [n]) if Some(*w) == old_value && Some(*n) == new_value);
        if was != now && !follows_alias {
            return Err(change(other, &was, &now));
        }
    }
    Ok(())
}

fn change(other: &str, was: &[&Value], now: &[&Value]) -> String {
    match (was, now) {
        ([], _) => format!("a property `{other}` would appear"),
        (_, []) => format!("`{other}` would disappear"),
        ([was], [now]) => format!("`{other}` would change from {} to {}", show(was), show(now)),
        _ => format!("`{other}` would change"),
    }
}

fn check_wanted(old: Option<&Value>, now: &Value, wanted: Wanted<'_>) -> Result<(), String> {
    let now = untag(now);
    let expected = match wanted {
        Wanted::Value(yaml) => {
            if now == Value::String(yaml.to_string()) {
                return Ok(());
            }
            parse(yaml)?
        }
        Wanted::ListWith(item) => {
            let mut items = match old.map(untag) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Sequence(items)) => items,
                Some(other) => return Err(format!("it holds {}, not a list", show(&other))),
            };
            items.push(parse(item)?);
            Value::Sequence(items)
        }
    };
    if now == expected {
        Ok(())
    } else {
        Err(format!("YAML would read it as {} instead of {}", show(&now), show(&expected)))
    }
}

fn parse(yaml: &str) -> Result<Value, String> {
    serde_yaml::from_str(yaml).map_err(|e| format!("`{yaml}` is not valid YAML ({e})"))
}

/// A value without its `!tags`, which the editor keeps in front of a new value.
fn untag(value: &Value) -> Value {
    match value {
        Value::Tagged(tagged) => untag(&tagged.value),
        Value::Sequence(items) => Value::Sequence(items.iter().map(untag).collect()),
        other => other.clone(),
    }
}

/// A YAML error without its `at line N column M`: counted within the front matter, it would
/// contradict the file line the message leads with.
fn unlocated(error: &str) -> &str {
    error.split(" at line ").next().unwrap_or(error)
}

fn show(value: &Value) -> String {
    to_json(value).to_string()
}

/// The error, on the line of the first byte the edit changed.
fn unverified(old: &str, new: &str, key: &str, problem: String) -> EditError {
    let same = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let line = old.as_bytes()[..same].iter().filter(|&&b| b == b'\n').count() + 1;
    EditError::Unverified { path: UNNAMED.into(), key: key.into(), line, problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_that_reads_back_is_kept() {
        let new = read_back("---\na: 1\n---\n", "---\na: 2\n---\n".into(), "a", Wanted::Value("2"));
        assert_eq!(new.unwrap(), "---\na: 2\n---\n");
    }

    #[test]
    fn broken_yaml_names_the_line_and_the_key() {
        let err = read_back("---\nb: 0\na: 1\n---\n", "---\nb: 0\na: [\n---\n".into(), "a", Wanted::Value("["));
        let err = err.unwrap_err().to_string();
        assert!(
            err.starts_with(
                "the note: rolo cannot safely change `a` (line 3): the front matter would no longer be valid YAML"
            ),
            "{err}"
        );
        assert!(!err.contains(" at line "), "YAML's own line count is dropped: {err}");
    }

    #[test]
    fn another_property_changing_is_refused() {
        let err = read_back("---\na: 1\nb: 2\n---\n", "---\na: 1\nb: 3\n---\n".into(), "a", Wanted::Value("1"));
        assert!(err.unwrap_err().to_string().contains("`b` would change from 2 to 3"));
    }

    #[test]
    fn a_list_must_gain_exactly_the_item() {
        let old = "---\nt:\n- a\n---\n";
        assert!(read_back(old, "---\nt:\n- a\n- b\n---\n".into(), "t", Wanted::ListWith("b")).is_ok());
        let err = read_back(old, "---\nt:\n- a\n- c\n---\n".into(), "t", Wanted::ListWith("b")).unwrap_err();
        assert!(err.to_string().contains(r#"read it as ["a","c"] instead of ["a","b"]"#), "{err}");
    }

    #[test]
    fn two_keys_read_as_one_name_are_refused() {
        let old = "---\n'1': x\n0x1: y\n---\n";
        let err = read_back(old, "---\n'1': z\n0x1: y\n---\n".into(), "1", Wanted::Value("z")).unwrap_err();
        assert!(err.to_string().contains("more than one property named `1`"), "{err}");
        assert!(read_back(old, "---\n'1': x\n0x1: y\na: 1\n---\n".into(), "a", Wanted::Value("1")).is_ok());
        let err = read_back(old, "---\n'1': x\n0x1: q\na: 1\n---\n".into(), "a", Wanted::Value("1")).unwrap_err();
        assert!(err.to_string().contains("`1` would change"), "{err}");
    }

    #[test]
    fn a_changed_body_is_refused() {
        let err = read_back("---\na: 1\n---\nx\n", "---\na: 2\n---\ny\n".into(), "a", Wanted::Value("2"));
        assert!(err.unwrap_err().to_string().contains("text after the front matter would change"));
    }
}
