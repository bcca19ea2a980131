//! Settings rolo takes from Obsidian unless `.rolo.toml` says otherwise: how daily notes are
//! named (`daily_format`, Daily notes plugin) and the templates folder (Templates plugin).
//! Today pinned to 2026-11-24.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use serde_json::Value;

const TODAY: &str = "2026-11-24";
const SETTINGS: &str = ".obsidian/daily-notes.json";

fn vault(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "People/Ana Ruiz.md", "---\ncadence: 30d\n---\n# Ana Ruiz\n");
    write(dir.path(), "Journal/2026-11-14 Saturday.md", "Coffee with [[Ana Ruiz]].\n");
    write(dir.path(), "Journal/20.11.2026.md", "Call with [[Ana Ruiz]].\n");
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

/// The dates and paths of Ana's interactions.
fn ana(dir: &tempfile::TempDir) -> Vec<(String, String)> {
    let mut c = rolo_at(dir.path(), TODAY);
    c.args(["show", "ana", "--json"]);
    let v: Value = json_of(c);
    let field = |i: &Value, k: &str| i[k].as_str().unwrap().to_string();
    v["interactions"].as_array().unwrap().iter().map(|i| (field(i, "date"), field(i, "path"))).collect()
}

#[test]
fn obsidian_daily_notes_settings_name_the_daily_notes() {
    let dir = vault(&[(SETTINGS, r#"{"format":"YYYY-MM-DD dddd","folder":"Journal"}"#)]);
    assert_eq!(ana(&dir), [("2026-11-14".to_string(), "Journal/2026-11-14 Saturday.md".to_string())]);
}

#[test]
fn daily_format_in_rolo_toml_wins_over_obsidian() {
    let dir = vault(&[
        (SETTINGS, r#"{"format":"YYYY-MM-DD dddd"}"#),
        (".rolo.toml", "daily_format = \"DD.MM.YYYY\"\n"),
        ("Journal/2026-11-21.md", "Lunch with [[Ana Ruiz]].\n"),
    ]);
    // `YYYY-MM-DD` names are daily notes whatever the format.
    assert_eq!(
        ana(&dir),
        [
            ("2026-11-21".to_string(), "Journal/2026-11-21.md".to_string()),
            ("2026-11-20".to_string(), "Journal/20.11.2026.md".to_string()),
        ]
    );
}

#[test]
fn without_a_format_only_iso_names_are_daily_notes() {
    let dir = vault(&[]);
    assert_eq!(ana(&dir), []);
}

#[test]
fn an_obsidian_format_rolo_cannot_read_is_a_warning_in_check() {
    let dir = vault(&[(SETTINGS, r#"{"format":"gggg-[W]ww"}"#)]);
    let out = rolo_at(dir.path(), TODAY).arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(".obsidian/daily-notes.json:1:1: warning: the daily note format \"gggg-[W]ww\" cannot be read back as a date"),
        "{stdout}"
    );
    assert_eq!(ana(&dir), []);
}

#[test]
fn a_bad_daily_format_in_rolo_toml_is_refused() {
    let dir = vault(&[(".rolo.toml", "daily_format = \"YYYY-MM\"\n")]);
    let out = rolo_at(dir.path(), TODAY).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".rolo.toml:1:16: error: `daily_format` \"YYYY-MM\": it must name a year, a month and a day"),
        "{stderr}"
    );
}

/// The names of the contacts `rolo list` finds.
fn contact_names(dir: &tempfile::TempDir) -> Vec<String> {
    let mut c = rolo_at(dir.path(), TODAY);
    c.args(["list", "--json"]);
    json_of(c).as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

const PERSON_TEMPLATE: &str = "---\ntype: person\ncadence: 30d\n---\n# {{title}}\n";

#[test]
fn a_person_template_in_obsidians_templates_folder_is_no_contact() {
    let settings = (".obsidian/templates.json", r#"{"folder":"_templates"}"#);
    let dir = vault(&[settings, ("_templates/Person.md", PERSON_TEMPLATE)]);
    assert_eq!(contact_names(&dir), ["Ana Ruiz"]);
}

#[test]
fn a_templates_folder_written_with_a_leading_dot_slash_is_that_folder() {
    let settings = (".obsidian/templates.json", r#"{"folder":"./Templates"}"#);
    let dir = vault(&[settings, ("Templates/Person.md", PERSON_TEMPLATE)]);
    assert_eq!(contact_names(&dir), ["Ana Ruiz"]);
}
