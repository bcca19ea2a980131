//! Property tests: what the front matter editor writes, the reader reads back.
//!
//! Notes are generated from a grammar of risky YAML shapes; after each edit that succeeds,
//! the new front matter must parse whenever the old one did, the edited key must hold the
//! intended value, every other top-level key must read as before, and the body must not
//! change. Refusing with an [`EditError`] is always allowed.

use proptest::prelude::*;
use serde_yaml::Value;

use super::{add_to_list, set_field};
use crate::edit::EditError;
use crate::note::split::split;

/// Top-level key names; some are prefixes of others, some need quotes.
const KEYS: [&str; 9] = ["tags", "tag", "tags2", "name", "my key", "a: b", "1", "it's", "x\"y"];

fn spelled_key() -> impl Strategy<Value = (usize, String)> {
    (0..KEYS.len(), 0u8..7).prop_map(|(i, style)| {
        let key = KEYS[i];
        let plain_ok = !key.contains(": ") && !key.contains('"');
        let spelled = match style {
            1 if !key.contains('\'') => format!("'{key}'"),
            1 => format!("'{}'", key.replace('\'', "''")),
            2 => format!("\"{}\"", key.replace('"', "\\\"")),
            3 if plain_ok => format!("{key} "),
            4 => format!("\"\\x{:02x}{}\"", key.as_bytes()[0], &key[1..].replace('"', "\\\"")),
            5 if key == "1" => "01".to_string(),
            _ if plain_ok => key.to_string(),
            _ => format!("\"{}\"", key.replace('"', "\\\"")),
        };
        (i, spelled)
    })
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Ana".to_string()),
        Just("30d".to_string()),
        Just("a b".to_string()),
        Just("x:y".to_string()),
        Just("http://x.org/#top".to_string()),
        Just("12".to_string()),
        Just("true".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("2026-11-24".to_string()),
        Just("'a # b'".to_string()),
        Just("'it''s'".to_string()),
        Just("''".to_string()),
        Just("\"x \\\" y\"".to_string()),
        Just("\"a, b\"".to_string()),
        Just("\"\"".to_string()),
        Just("[[Ana]]".to_string()),
        Just("-x".to_string()),
        Just("a#b".to_string()),
        Just("'#x'".to_string()),
        Just("Zoë 🙂".to_string()),
        Just("'x]'".to_string()),
        Just("[b, [c]]".to_string()),
        Just("{b: c}".to_string()),
    ]
}

fn properties() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => Just("&a ".to_string()),
        1 => Just("!t ".to_string()),
        1 => Just("!!str ".to_string()),
        1 => Just("&b !t ".to_string()),
    ]
}

fn comment() -> impl Strategy<Value = String> {
    prop_oneof![3 => Just(String::new()), 1 => Just(" # c".to_string()), 1 => Just("   #c: [x".to_string())]
}

/// A value: the rest of the key line and the lines after it.
fn value() -> impl Strategy<Value = (String, Vec<String>)> {
    let indent = prop_oneof![Just(""), Just("  "), Just("    "), Just(" ")];
    prop_oneof![
        // Empty.
        (comment()).prop_map(|c| (c, vec![])),
        // One-line scalar.
        (properties(), scalar(), comment()).prop_map(|(p, s, c)| (format!(" {p}{s}{c}"), vec![])),
        // Flow list.
        (properties(), prop::collection::vec(scalar(), 0..3), any::<bool>(), comment()).prop_map(
            |(p, items, tight, c)| {
                let sep = if tight { "," } else { ", " };
                (format!(" {p}[{}]{c}", items.join(sep)), vec![])
            }
        ),
        // Flow map.
        Just((" {a: 1, tags: [x]}".to_string(), vec![])),
        // A tab after the colon; a flow list with a trailing comma.
        (scalar()).prop_map(|s| (format!("\t{s}"), vec![])),
        Just((" [a, b,]".to_string(), vec![])),
        // Block lists of maps and of lists, a comment at column 0 between items.
        Just((
            String::new(),
            vec!["- name: x".to_string(), "  role: y".to_string(), "# c".to_string(), "- name: z".to_string()]
        )),
        Just((String::new(), vec!["  - - a".to_string(), "    - b".to_string(), "  -".to_string()])),
        Just((String::new(), vec!["- a".to_string(), "   ".to_string(), "- b".to_string()])),
        // Block list.
        (
            prop_oneof![Just(String::new()), Just(" &l".to_string()), Just(" # list".to_string())],
            indent.clone(),
            prop::collection::vec((scalar(), comment(), any::<bool>()), 1..4)
        )
            .prop_map(|(head, ind, items)| {
                let mut lines = Vec::new();
                for (s, c, blank) in items {
                    if blank {
                        lines.push(String::new());
                    }
                    lines.push(format!("{ind}- {s}{c}"));
                }
                (head, lines)
            }),
        // Nested map with keys that look like top-level ones.
        (prop_oneof![Just("  "), Just(" "), Just("    ")], prop::sample::subsequence(KEYS.to_vec(), 1..3)).prop_map(
            |(ind, keys)| {
                let lines = keys.iter().map(|k| format!("{ind}\"{k}\": v")).collect();
                (String::new(), lines)
            }
        ),
        // Nested map with a list inside.
        Just((String::new(), vec!["  tags:".to_string(), "  - a".to_string(), "  status: x".to_string()])),
        // Block scalars with lines that look like other things.
        (
            prop_oneof![Just("|"), Just(">-"), Just("|+"), Just("|2")],
            properties(),
            prop::sample::subsequence(
                vec!["  ---", "  - x", "  tags: y", "  # not a comment", "  ...", "  text"],
                1..4
            )
        )
            .prop_map(|(style, p, lines)| { (format!(" {p}{style}"), lines.into_iter().map(String::from).collect()) }),
        // Multi-line plain and quoted scalars.
        Just((" a".to_string(), vec!["  b".to_string()])),
        Just((" \"a".to_string(), vec!["  - b\"".to_string()])),
        // An alias of an anchor defined earlier (invalid when none is: then the note does not parse).
        Just((" *a".to_string(), vec![])),
    ]
}

/// Values the editor's line view cannot follow: edits of them may only be refused.
fn risky_value() -> impl Strategy<Value = (String, Vec<String>)> {
    prop_oneof![
        6 => value(),
        // Continuation lines at column 0 of flow collections and quoted scalars.
        1 => Just((" [a,".to_string(), vec!["b]".to_string()])),
        1 => Just((" \"a".to_string(), vec!["tag: b\"".to_string()])),
        // A type the new value may not have.
        1 => Just((" !!int 12".to_string(), vec![])),
        // A lone CR, which YAML reads as a line break and rolo does not.
        1 => Just((" a\rtag: b".to_string(), vec![])),
        // A merge key, keys YAML reads as other types, a document end.
        1 => Just((" &m {name: x}".to_string(), vec!["<<: *m".to_string()])),
        1 => Just((" x".to_string(), vec!["true: y".to_string(), "~: z".to_string(), "0x1: w".to_string()])),
        1 => Just((" x".to_string(), vec!["...".to_string()])),
    ]
}

/// A generated note.
#[derive(Debug, Clone)]
struct Note {
    text: String,
}

/// A note; with `risky`, also shapes whose edits rolo may refuse: see [`risky_value`], a
/// top-level map indented as a whole, a flow map after the keys.
fn note(risky: bool) -> impl Strategy<Value = Note> {
    let value = if risky { risky_value().boxed() } else { value().boxed() };
    let shape =
        if risky { prop_oneof![8 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)].boxed() } else { Just(0u8).boxed() };
    (
        prop::collection::vec((spelled_key(), value, any::<bool>(), 0u8..4), 0..5),
        (any::<bool>(), any::<bool>(), any::<bool>(), 0u8..4, shape),
        (
            prop::collection::vec(
                prop_oneof![Just("---"), Just("tags: [z]"), Just("# Ana"), Just(""), Just("- x")],
                0..3,
            ),
            any::<bool>(),
        ),
    )
        .prop_map(|(entries, (crlf, bom, final_nl, fm, shape), (body, mixed))| {
            let mut lines: Vec<String> = Vec::new();
            let mut used = Vec::new();
            if fm > 0 {
                lines.push("---".into());
            }
            for ((index, key), (head, rest), trailing, extra) in entries {
                if used.contains(&index) {
                    continue;
                }
                used.push(index);
                if extra == 1 {
                    lines.push("# comment: x".into());
                }
                if extra == 2 {
                    lines.push("  # indented comment".into());
                }
                let space = if trailing { "  " } else { "" };
                lines.push(format!("{key}:{head}{space}"));
                lines.extend(rest);
            }
            if shape == 1 {
                let start = usize::from(fm > 0);
                lines[start..].iter_mut().for_each(|l| l.insert_str(0, "  "));
            }
            if shape == 2 && fm > 0 {
                lines.push("{name: Ana}".into());
            }
            if fm > 0 {
                lines.push(if fm == 3 { "--- ".into() } else { "---".into() });
            }
            lines.extend(body.into_iter().map(String::from));
            let le = if crlf { "\r\n" } else { "\n" };
            let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
            text.push_str(&lines.join(le));
            if crlf && mixed {
                text = text.replacen("\r\n", "\n", 2);
            }
            if final_nl && !lines.is_empty() {
                text.push_str(le);
            }
            Note { text }
        })
}

/// The reader's view of a note: its properties by key text, and its body.
struct Read<'a> {
    properties: Option<Vec<(String, Value)>>,
    body: &'a str,
}

/// Reads `text` the way the reader does: without BOM, split, YAML parsed to a mapping.
fn read(text: &str) -> Read<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parts = split(text);
    let properties = match parts.yaml {
        None => Some(Vec::new()),
        Some(yaml) if yaml.trim().is_empty() => Some(Vec::new()),
        Some(yaml) => match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(m)) => Some(m.into_iter().map(|(k, v)| (key_text(&k), v)).collect()),
            Ok(Value::Null) => Some(Vec::new()),
            _ => None,
        },
    };
    Read { properties, body: parts.body }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(t) => key_text(&t.value),
        _ => String::new(),
    }
}

fn untag(value: &Value) -> Value {
    match value {
        Value::Tagged(t) => untag(&t.value),
        Value::Sequence(items) => Value::Sequence(items.iter().map(untag).collect()),
        other => other.clone(),
    }
}

fn parse_value(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).unwrap_or(Value::Null)
}

fn all<'a>(props: &'a [(String, Value)], key: &str) -> Vec<&'a Value> {
    props.iter().filter(|(k, _)| k == key).map(|(_, v)| v).collect()
}

/// The edited key's value before, and every value YAML gives a key with its text after.
type Edited = (Option<Value>, Vec<Value>);

/// Checks (a), (c) and (d); returns the old value of `key` and every value YAML now gives a
/// key with its text (the reader takes the last; all must be right), when the old note parsed.
fn check_common(old: &str, new: &str, key: &str) -> Result<Option<Edited>, TestCaseError> {
    let (before, after) = (read(old), read(new));
    let Some(old_props) = before.properties else {
        return Ok(None);
    };
    let Some(new_props) = after.properties else {
        return Err(TestCaseError::fail(format!("the edit broke the YAML:\n{old:?}\n->\n{new:?}")));
    };
    prop_assert_eq!(before.body, after.body, "body changed:\n{:?}\n->\n{:?}", old, new);
    let (old_edited, new_edited) = (all(&old_props, key), all(&new_props, key));
    for (k, _) in old_props.iter().chain(&new_props).filter(|(k, _)| k != key) {
        let (was, now) = (all(&old_props, k), all(&new_props, k));
        // An alias of the edited value's anchor follows it.
        let alias = was.len() == 1 && now.len() == 1 && old_edited == was && new_edited == now;
        prop_assert!(was == now || alias, "`{}` changed:\n{:?}\n->\n{:?}", k, old, new);
    }
    if new_edited.is_empty() {
        return Err(TestCaseError::fail(format!("`{key}` is missing:\n{old:?}\n->\n{new:?}")));
    }
    let old_value = match old_edited.as_slice() {
        [] => None,
        [one] => Some((*one).clone()),
        _ if old == new => return Ok(None),
        _ => return Err(TestCaseError::fail(format!("edited one of two `{key}`:\n{old:?}\n->\n{new:?}"))),
    };
    Ok(Some((old_value, new_edited.into_iter().cloned().collect())))
}

fn allowed(err: &EditError) -> bool {
    matches!(err, EditError::NotAList { .. } | EditError::UnclosedFrontMatter { .. } | EditError::Unverified { .. })
}

/// Whether `err` is a refusal to edit a note that follows the editor's line view.
fn refused_needlessly(err: &EditError) -> bool {
    matches!(err, EditError::Unverified { .. })
}

fn new_value() -> impl Strategy<Value = String> {
    prop_oneof![
        scalar(),
        Just("[a, \"b c\"]".to_string()),
        Just("[]".to_string()),
        Just("90d".to_string()),
        Just("x # y".to_string()),
        Just("{a: b}".to_string()),
    ]
}

fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a#b".to_string()),
        Just("'x]'".to_string()),
        Just("Zoë".to_string()),
        Just("{b: c}".to_string()),
        Just("c".to_string()),
        Just("Ana".to_string()),
        Just("'d e'".to_string()),
        Just("\"x, y\"".to_string()),
        Just("12".to_string()),
        Just("\"[[Ana]]\"".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn frontmatter_prop_set_field_is_read_back(n in note(true), k in 0..KEYS.len(), v in new_value()) {
        let key = KEYS[k];
        match set_field(&n.text, key, &v) {
            Err(e) => prop_assert!(allowed(&e), "{e}"),
            Ok(new) => {
                if let Some((old_value, values)) = check_common(&n.text, &new, key)? {
                    let wanted = parse_value(&v);
                    let quoted_plain = Value::String(v.clone());
                    for value in values {
                        let same = untag(&value) == wanted || untag(&value) == quoted_plain;
                        let unchanged = new == n.text && old_value.as_ref() == Some(&value);
                        prop_assert!(same || unchanged, "`{}` reads {:?}, not {:?}:\n{:?}\n->\n{:?}", key, value, wanted, n.text, new);
                    }
                }
            }
        }
    }

    #[test]
    fn frontmatter_prop_plain_shapes_are_edited(n in note(false), k in 0..KEYS.len(), v in new_value(), item in item()) {
        for result in [set_field(&n.text, KEYS[k], &v), add_to_list(&n.text, KEYS[k], &item)] {
            if let Err(e) = result {
                prop_assert!(!refused_needlessly(&e), "{}\n{:?}", e, n.text);
            }
        }
    }

    #[test]
    fn frontmatter_prop_add_to_list_is_read_back(n in note(true), k in 0..KEYS.len(), item in item()) {
        let key = KEYS[k];
        match add_to_list(&n.text, key, &item) {
            Err(e) => prop_assert!(allowed(&e), "{e}"),
            Ok(new) => {
                let Some((old_value, values)) = check_common(&n.text, &new, key)? else {
                    return Ok(());
                };
                for value in values {
                    let wanted = parse_value(&item);
                    let old_items = match old_value.as_ref().map(untag) {
                        None | Some(Value::Null) => Vec::new(),
                        Some(Value::Sequence(items)) => items,
                        Some(other) => return Err(TestCaseError::fail(format!("extended a non-list {other:?}:\n{:?}\n->\n{new:?}", n.text))),
                    };
                    let Value::Sequence(items) = untag(&value) else {
                        return Err(TestCaseError::fail(format!("`{key}` is not a list:\n{:?}\n->\n{new:?}", n.text)));
                    };
                    let mut extended = old_items.clone();
                    extended.push(wanted.clone());
                    let text_of = |v: &Value| match v {
                        Value::Sequence(outer) => match outer.as_slice() {
                            [Value::Sequence(inner)] => format!("[[{}]]", inner.first().map(key_text).unwrap_or_default()),
                            _ => String::new(),
                        },
                        other => key_text(other),
                    };
                    let present = old_items.iter().any(|i| text_of(i) == text_of(&wanted));
                    prop_assert!(items == extended || (present && items == old_items),
                        "`{}` reads {:?}:\n{:?}\n->\n{:?}", key, items, n.text, new);
                }
            }
        }
    }
}
