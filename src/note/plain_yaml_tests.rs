//! The plain YAML reader against the YAML library: case by case, on every front matter of the
//! example vault, and on front matter generated from a soup of risky YAML lines.

use super::read;
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

/// The properties as the YAML library gives them.
fn mapping(properties: Vec<(String, Value)>) -> Mapping {
    properties.into_iter().map(|(k, v)| (Value::String(k), v)).collect()
}

/// What the YAML library reads.
fn library(yaml: &str) -> Option<Value> {
    serde_yaml::from_str(yaml).ok()
}

/// Reads `yaml` with the plain reader, checks that the library reads the same, and returns it.
fn plain(yaml: &str) -> Option<Mapping> {
    let read = read(yaml).map(mapping);
    if let Some(mapping) = &read {
        assert_eq!(library(yaml), Some(Value::Mapping(mapping.clone())), "for {yaml:?}");
    }
    read
}

fn value(yaml: &str, key: &str) -> Value {
    let mapping = plain(yaml).unwrap_or_else(|| panic!("not read as plain YAML: {yaml:?}"));
    mapping.get(key).cloned().unwrap_or_else(|| panic!("no {key} in {yaml:?}"))
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

fn texts(items: &[&str]) -> Value {
    Value::Sequence(items.iter().map(|s| text(s)).collect())
}

#[test]
fn reads_what_obsidian_writes() {
    let yaml = "name: Ana Ruiz\naliases:\n  - Ana\n  - \"Ana R.\"\ntags:\n  - client\ncompany: \"[[Acme]]\"\nmet: 2024-03-01\n";
    let mapping = plain(yaml).unwrap();
    let keys: Vec<&str> = mapping.keys().filter_map(Value::as_str).collect();
    assert_eq!(keys, ["name", "aliases", "tags", "company", "met"]);
    assert_eq!(mapping["aliases"], texts(&["Ana", "Ana R."]));
    assert_eq!(mapping["company"], text("[[Acme]]"));
    assert_eq!(mapping["met"], text("2024-03-01"));
}

#[test]
fn reads_flow_lists_and_block_lists_at_the_margin() {
    assert_eq!(value("interests: [rust, 'a, b', \"c\"]\n", "interests"), texts(&["rust", "a, b", "c"]));
    assert_eq!(value("needs:\n- x\n- y z\nname: A\n", "needs"), texts(&["x", "y z"]));
    assert_eq!(value("tags: []\n", "tags"), texts(&[]));
}

#[test]
fn resolves_plain_scalars_as_yaml_does() {
    assert_eq!(value("a: 12\n", "a"), Value::Number(12.into()));
    assert_eq!(value("a: -3\n", "a"), Value::Number((-3).into()));
    assert_eq!(value("a: 0x1f\n", "a"), Value::Number(31.into()));
    assert_eq!(value("a: 1.5\n", "a"), Value::Number(1.5.into()));
    assert_eq!(value("a: true\n", "a"), Value::Bool(true));
    assert_eq!(value("a: ~\n", "a"), Value::Null);
    assert_eq!(value("a:\n", "a"), Value::Null);
    assert_eq!(value("zip: 01234\n", "zip"), text("01234"));
    assert_eq!(value("country: NO\n", "country"), text("NO"));
    assert_eq!(value("a: inf\n", "a"), text("inf"));
    assert_eq!(value("birthday: 12-03\n", "birthday"), text("12-03"));
    assert_eq!(value("a: 'it''s'\n", "a"), text("it's"));
    assert_eq!(value("a: \"\"\n", "a"), text(""));
}

#[test]
fn reads_crlf_lines_and_margin_comments() {
    assert_eq!(value("# who\r\nname: Ana\r\n\r\ntags:\r\n  - a\r\n", "tags"), texts(&["a"]));
}

#[test]
fn leaves_everything_else_to_the_yaml_library() {
    for yaml in [
        "name: Ana # a comment\n",
        "name: Ana\n  Ruiz\n",
        "address:\n  city: Lisbon\n",
        "a: \"x \\\" y\"\n",
        "a: |\n  text\n",
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a: {b: 1}\n",
        "a: [b, [c]]\n",
        "introduced_by: [[Ana]]\n",
        "a: [x, ]\n",
        "a:\n  - x\n - y\n",
        "a: 1\na: 2\n",
        "a: 1\nb: 2\na: 3\n",
        "\"quoted key\": 1\n",
        "my key: 1\n",
        "true: 1\n",
        "a:\tb\n",
        "a: b\rc: d\n",
        "a: x: y\n",
        "a: 99999999999999999999\n",
        "- a\n- b\n",
        "# only a comment\n",
        "a: b\u{2028}c: d\n",
    ] {
        assert_eq!(read(yaml), None, "{yaml:?} should go to the YAML library");
    }
}

#[test]
fn reads_the_front_matter_of_nearly_every_example_note_as_the_library_does() {
    let (mut notes, mut plain_notes) = (0, 0);
    for text in crate::note::example_vault_texts() {
        let Some(yaml) = crate::note::split::split(&text).yaml else { continue };
        notes += 1;
        plain_notes += usize::from(plain(yaml).is_some());
    }
    assert!(notes >= 20, "the example vault has {notes} notes with front matter");
    assert!(plain_notes * 10 >= notes * 8, "only {plain_notes} of {notes} read as plain YAML");
}

/// Keys: plain, keywords, numbers, quoted, with blanks.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(vec!["name", "tags", "met", "a_b", "x-y", "Name", "_k", "a1"]).prop_map(String::from),
        1 => prop::sample::select(vec!["true", "Null", "~", "1", "0x1", "my key", "\"q\"", "'s'", "k ", "a:b", "-a", "é"])
            .prop_map(String::from),
    ]
}

/// Scalars as written: plain, quoted, numeric, and every indicator YAML gives a meaning to.
fn scalar() -> impl Strategy<Value = String> {
    let common = vec![
        "Ana",
        "Ana Ruiz",
        "a b",
        "x:y",
        "http://x.org/#top",
        "a#b",
        "12",
        "-3",
        "+5",
        "0x1F",
        "0o17",
        "0b101",
        "-0x1f",
        "1e3",
        "1.",
        ".5",
        "+1.5e-3",
        ".inf",
        "-.inf",
        ".NaN",
        "nan",
        "inf",
        "00",
        "0",
        "-0",
        "01234",
        "2026-11-24",
        "12-03",
        "+44 20 1234",
        "~",
        "null",
        "NULL",
        "true",
        "False",
        "yes",
        "NO",
        "Zoë 🙂",
        "a\u{a0}b",
        "-x",
        "'it''s'",
        "'a # b'",
        "''",
        "\"a\"",
        "\"a, b\"",
        "\"\"",
        "a]",
        "a[1]",
        "a}",
        "a, b",
        "a\"b",
        "a'b",
        "O'Brien",
        "a  b",
        "30d",
    ];
    let hostile = vec![
        "a: b",
        "a:",
        "a #b",
        "99999999999999999999",
        "-99999999999999999999",
        "-",
        "- x",
        "?x",
        "? x",
        ":x",
        "&a x",
        "*a",
        "!t x",
        "|",
        ">",
        "%x",
        "@x",
        "`x`",
        "'",
        "\"x\\ny\"",
        "\"",
        "[[Ana]]",
        "{a}",
        ",a",
        "#x",
        "[a",
    ];
    prop_oneof![3 => prop::sample::select(common), 1 => prop::sample::select(hostile)].prop_map(String::from)
}

fn flow_list() -> impl Strategy<Value = String> {
    (prop::collection::vec(scalar(), 0..4), prop::sample::select(vec![", ", ",", " , ", ",  "]), 0u8..4).prop_map(
        |(items, sep, style)| match style {
            0 => format!("[{}]", items.join(sep)),
            1 => format!("[ {} ]", items.join(sep)),
            2 => format!("[{},]", items.join(sep)),
            _ => format!("[{}] #c", items.join(sep)),
        },
    )
}

/// One line of front matter, or a few (a key and its block list).
fn line() -> impl Strategy<Value = String> {
    let spaces = prop::sample::select(vec!["", " ", "  "]);
    prop_oneof![
        12 => (key(), scalar(), spaces.clone()).prop_map(|(k, v, s)| format!("{k}: {v}{s}")),
        4 => (key(), flow_list()).prop_map(|(k, v)| format!("{k}: {v}")),
        4 => (key(), 0usize..3, prop::collection::vec(scalar(), 1..4))
            .prop_map(|(k, indent, items)| {
                let pad = " ".repeat(indent);
                let items: Vec<String> = items.iter().map(|i| format!("{pad}- {i}")).collect();
                format!("{k}:\n{}", items.join("\n"))
            }),
        1 => key().prop_map(|k| format!("{k}:")),
        1 => (key(), scalar()).prop_map(|(k, v)| format!("{k}:{v}")),
        1 => prop::sample::select(vec![
            "", "  ", "# comment", "  # indented comment", "  continued", "  - stray", "- item", "-", "  nested: 1",
            "...", "---x", "a:\tb", "\ta: b", "a: b\rc", "a: b\u{85}", "a: \u{feff}b", "a: b\u{2029}", "a: \u{7}",
            "a: \u{9f}",
        ])
        .prop_map(String::from),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 1..7), any::<bool>(), any::<bool>()).prop_map(|(lines, crlf, final_newline)| {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut yaml = lines.join(end);
        if final_newline {
            yaml.push_str(end);
        }
        yaml
    })
}

/// Front matter of only what the plain reader must read itself.
fn plain_front_matter() -> impl Strategy<Value = String> {
    let plain_value =
        prop::sample::select(vec!["Ana Ruiz", "2026-11-24", "30d", "'a, b'", "\"[[Ana]]\"", "12", "[a, b]"]);
    let entry = prop_oneof![
        plain_value.prop_map(|v| format!(": {v}")),
        (0usize..3).prop_map(|indent| format!(":\n{0}- x\n{0}- 'y'", " ".repeat(indent))),
    ];
    prop::collection::vec(entry, 1..6).prop_map(|entries| {
        // Distinct plain keys, so that the front matter is valid.
        let mut yaml = String::new();
        for (i, entry) in entries.iter().enumerate() {
            yaml.push_str(&format!("key_{i}{entry}\n"));
        }
        yaml
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10000, ..ProptestConfig::default() })]

    #[test]
    fn what_the_plain_reader_reads_the_yaml_library_reads_the_same(yaml in front_matter()) {
        if let Some(properties) = read(&yaml) {
            prop_assert_eq!(library(&yaml), Some(Value::Mapping(mapping(properties))), "for {:?}", yaml);
        }
    }

    #[test]
    fn plain_front_matter_is_read_without_the_yaml_library(yaml in plain_front_matter()) {
        let properties = read(&yaml);
        prop_assert!(properties.is_some(), "not read: {:?}", yaml);
        prop_assert_eq!(library(&yaml), properties.map(|p| Value::Mapping(mapping(p))));
    }
}
