use super::*;

fn set(text: &str, key: &str, value: &str) -> String {
    set_field(text, key, value).unwrap()
}

#[test]
fn replaces_plain_value_lf() {
    let text = "---\nname: Ana\nstatus: active\n---\nbody\n";
    assert_eq!(set(text, "status", "archived"), "---\nname: Ana\nstatus: archived\n---\nbody\n");
}

#[test]
fn keeps_comment_spacing_and_crlf() {
    let text = "---\r\nstatus:   active  # lifecycle\r\n---\r\nbody";
    assert_eq!(set(text, "status", "archived"), "---\r\nstatus:   archived  # lifecycle\r\n---\r\nbody");
}

#[test]
fn keeps_bom_and_missing_final_newline() {
    let text = "\u{feff}---\nstatus: active\n---\nno newline";
    assert_eq!(set(text, "status", "paused"), "\u{feff}---\nstatus: paused\n---\nno newline");
}

#[test]
fn a_bom_inside_the_front_matter_is_an_ordinary_character() {
    // Found by fuzzing: a key made of a BOM used to put offsets inside the character.
    let text = "---\nname: Ana\n\u{feff}: friends\n---\n";
    assert_eq!(set(text, "\u{feff}", "clients"), "---\nname: Ana\n\u{feff}: clients\n---\n");
    assert_eq!(set(text, "name", "Ana Ruiz"), "---\nname: Ana Ruiz\n\u{feff}: friends\n---\n");
}

#[test]
fn keeps_double_quote_style() {
    let text = "---\ncadence: \"30d\"\n---\n";
    assert_eq!(set(text, "cadence", "90d"), "---\ncadence: \"90d\"\n---\n");
}

#[test]
fn keeps_single_quote_style() {
    let text = "---\ncadence: '30d' # how often\n---\n";
    assert_eq!(set(text, "cadence", "90d"), "---\ncadence: '90d' # how often\n---\n");
}

#[test]
fn quoted_new_value_is_used_verbatim() {
    let text = "---\ncadence: '30d'\n---\n";
    assert_eq!(set(text, "cadence", "\"90d\""), "---\ncadence: \"90d\"\n---\n");
}

#[test]
fn replaces_flow_list_value() {
    let text = "---\ntags: [a, b] # t\n---\n";
    assert_eq!(set(text, "tags", "[\"a\", \"c\"]"), "---\ntags: [\"a\", \"c\"] # t\n---\n");
}

#[test]
fn replaces_block_value_with_one_line() {
    let text = "---\ntags:\n  - a\n\n  - b\nname: Ana\n---\n";
    assert_eq!(set(text, "tags", "[c]"), "---\ntags: [c]\nname: Ana\n---\n");
}

#[test]
fn replaces_block_value_crlf() {
    let text = "---\r\ntags:\r\n- a\r\n---\r\n";
    assert_eq!(set(text, "tags", "[]"), "---\r\ntags: []\r\n---\r\n");
}

#[test]
fn fills_empty_value_keeping_comment() {
    let text = "---\nnext:   # later\n---\n";
    assert_eq!(set(text, "next", "2026-11-24"), "---\nnext: 2026-11-24 # later\n---\n");
    assert_eq!(set("---\nnext:\n---\n", "next", "x"), "---\nnext: x\n---\n");
}

#[test]
fn unchanged_value_returns_same_text() {
    let text = "---\nstatus: \"active\"   \n---\n";
    assert_eq!(set(text, "status", "active"), text);
}

#[test]
fn missing_key_is_appended_before_closing_fence() {
    let text = "---\n# comment\nname: Ana\n---\nbody\n";
    assert_eq!(set(text, "status", "archived"), "---\n# comment\nname: Ana\nstatus: archived\n---\nbody\n");
}

#[test]
fn missing_key_uses_crlf() {
    let text = "---\r\nname: Ana\r\n---\r\n";
    assert_eq!(set(text, "last", "2026-11-24"), "---\r\nname: Ana\r\nlast: 2026-11-24\r\n---\r\n");
}

#[test]
fn empty_front_matter_gets_the_key() {
    assert_eq!(set("---\n---\n", "a", "1"), "---\na: 1\n---\n");
}

#[test]
fn no_front_matter_creates_one_after_bom() {
    assert_eq!(set("\u{feff}# Ana\r\n", "a", "1"), "\u{feff}---\r\na: 1\r\n---\r\n# Ana\r\n");
    assert_eq!(set("", "a", "1"), "---\na: 1\n---\n");
}

#[test]
fn quoted_key_matches_and_keeps_its_spelling() {
    let text = "---\n\"status\" : active\n---\n";
    assert_eq!(set(text, "status", "x"), "---\n\"status\" : x\n---\n");
}

#[test]
fn odd_key_is_quoted_when_added() {
    assert_eq!(set("---\n---\n", "a: b", "1"), "---\n\"a: b\": 1\n---\n");
}

#[test]
fn nested_key_with_same_name_is_not_touched() {
    let text = "---\nmeta:\n  status: x\n---\n";
    assert_eq!(set(text, "status", "y"), "---\nmeta:\n  status: x\nstatus: y\n---\n");
}

#[test]
fn multi_line_value_is_refused() {
    let err = set_field("---\n---\n", "a", "x\ny").unwrap_err();
    assert!(matches!(err, EditError::InvalidInput { .. }));
}

#[test]
fn unclosed_front_matter_is_refused() {
    let err = set_field("---\na: 1\n", "a", "2").unwrap_err();
    assert!(matches!(err, EditError::UnclosedFrontMatter { .. }));
}

#[test]
fn value_with_hash_inside_quotes_is_whole() {
    let text = "---\nnote: \"a # b\" # c\n---\n";
    assert_eq!(set(text, "note", "z"), "---\nnote: \"z\" # c\n---\n");
}

#[test]
fn keeps_an_anchor_and_a_tag_in_front_of_the_value() {
    let text = "---\ncadence: &c 30d\nother: *c\n---\n";
    assert_eq!(set(text, "cadence", "90d"), "---\ncadence: &c 90d\nother: *c\n---\n");
    assert_eq!(set("---\nc: !!str 30d # x\n---\n", "c", "90d"), "---\nc: !!str 90d # x\n---\n");
    assert_eq!(set("---\nc: &a !t \"30d\"\n---\n", "c", "90d"), "---\nc: &a !t \"90d\"\n---\n");
    assert_eq!(set("---\nc: !t  &a 'x #y' # z\n---\n", "c", "90d"), "---\nc: !t  &a '90d' # z\n---\n");
}

#[test]
fn fills_an_anchored_empty_value_keeping_the_anchor() {
    assert_eq!(set("---\nc: &c\n---\n", "c", "90d"), "---\nc: &c 90d\n---\n");
    assert_eq!(set("---\nc: &c  # none\n---\n", "c", "90d"), "---\nc: &c 90d # none\n---\n");
    assert_eq!(set("---\nc: &c\n  - a\n---\n", "c", "90d"), "---\nc: &c 90d\n---\n");
    assert_eq!(set("---\nc: !!str |\n  a\n---\n", "c", "90d"), "---\nc: !!str 90d\n---\n");
}

#[test]
fn keys_with_quote_escapes_are_found() {
    // Found by the property test: the key was not recognised, so a second one was added.
    assert_eq!(set("---\n'it''s': a\n---\n", "it's", "b"), "---\n'it''s': b\n---\n");
    assert_eq!(set("---\n\"x\\\"y\": a # c\n---\n", "x\"y", "b"), "---\n\"x\\\"y\": b # c\n---\n");
    assert_eq!(set("---\n\"\\x31\": a\n---\n", "1", "b"), "---\n\"\\x31\": b\n---\n");
}

#[test]
fn edits_yaml_would_read_otherwise_are_refused() {
    // Found by the property test: each of these was written, and the YAML broke or read otherwise.
    for (text, key, value) in [
        ("---\ntag: [a,\nb]\n---\n", "tag", "x"),
        ("---\nk: \"a\ntag: b\"\n---\n", "tag", "x"),
        ("---\n  name: Ana\n---\n", "city", "Oslo"),
        ("---\nn: !!int 12\n---\n", "n", "12d"),
    ] {
        let err = set_field(text, key, value).unwrap_err();
        assert!(matches!(err, EditError::Unverified { .. }), "{text:?}: {err}");
    }
    let err = add_to_list("---\n  name: Ana\n---\n", "tags", "c").unwrap_err();
    assert!(matches!(err, EditError::Unverified { line: 3, .. }), "{err}");
}

#[test]
fn a_refused_edit_says_where_why_and_what_to_do() {
    let err = set_field("---\nname: Ana\ntag: [a,\nb]\n---\n", "tag", "x").unwrap_err();
    let err = err.in_file(std::path::Path::new("People/Ana.md")).to_string();
    assert!(
        err.starts_with(
            "People/Ana.md: rolo cannot safely change `tag` (line 3): the front matter would no longer be valid YAML ("
        ),
        "{err}"
    );
    assert!(err.ends_with("; nothing was written. Make the change by hand, or simplify that property (one `key: value` line or a plain `- item` list) and run the command again."), "{err}");
}

#[test]
fn a_block_value_with_a_comment_at_column_0_is_replaced_whole() {
    // Found by the property test: the items after `# c` were left behind, breaking the YAML.
    let text = "---\nlist:\n- a\n# c\n- b\nname: x\n---\n";
    assert_eq!(set(text, "list", "[z]"), "---\nlist: [z]\nname: x\n---\n");
    assert_eq!(add_to_list(text, "list", "z").unwrap(), "---\nlist:\n- a\n# c\n- b\n- z\nname: x\n---\n");
}

#[test]
fn a_key_yaml_reads_twice_is_not_edited() {
    // Found by the property test: `'1'` was changed, but the reader takes the later `0x1`.
    let err = set_field("---\n'1': x\n0x1: w\n---\n", "1", "z").unwrap_err();
    assert!(matches!(err, EditError::Unverified { line: 2, .. }), "{err}");
}
