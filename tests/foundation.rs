//! Reading a vault: `check`, `list`, `show`, errors that stop rolo, and vault discovery.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::{json, Value};

// ---------- check ----------

#[test]
fn check_on_example_vault_lists_each_planted_problem_as_path_line_col_and_exits_1() {
    let out = stdout_of(
        {
            let mut c = rolo(&example_vault());
            c.arg("check");
            c
        },
        1,
    );
    let lines: Vec<&str> = out.lines().collect();
    let expected_prefixes = [
        "People/Anika Brandt.md:6:1: error: `met`: invalid date \"2025-13-40\"",
        "People/Carlos Mendes.md:5:7: error: invalid YAML in the front matter",
        "People/Isabel Moreau.md:6:1: warning: introduced_by [[Pierre Lambert]] links to no contact",
        "People/Katherine Moss.md:3:1: error: the name or alias \"kate\" is also used by Kate Morgan",
        "People/Stefan Roth.md:4:1: error: `cadence`: unknown cadence \"fortnightlyish\"",
        "People/Walter Grimm.md:3:1: error: circle \"investors\" is not defined in .rolo.toml",
    ];
    assert_eq!(lines.len(), expected_prefixes.len(), "one line per problem:\n{out}");
    for (line, prefix) in lines.iter().zip(expected_prefixes) {
        assert!(line.starts_with(prefix), "{line:?} should start with {prefix:?}");
    }
}

#[test]
fn check_on_a_clean_vault_prints_nothing_and_exits_0() {
    let mut c = rolo(&fixture("basic"));
    c.arg("check");
    assert_eq!(stdout_of(c, 0), "");
}

#[test]
fn check_json_gives_path_line_column_severity_message_for_each_problem() {
    let mut c = rolo(&example_vault());
    c.args(["check", "--json"]);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 6);
    for item in items {
        for key in ["path", "line", "column", "severity", "message"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    assert_eq!(items[1]["path"], "People/Carlos Mendes.md");
    assert_eq!(items[1]["line"], 5);
    assert_eq!(items[1]["column"], 7);
    assert_eq!(items[1]["severity"], "error");
    assert_eq!(items[2]["path"], "People/Isabel Moreau.md");
    assert_eq!(items[2]["severity"], "warning");
}

#[test]
fn check_json_on_a_clean_vault_is_an_empty_array() {
    let mut c = rolo(&fixture("basic"));
    c.args(["check", "--json"]);
    assert_eq!(json_of(c), json!([]));
}

#[test]
fn check_does_not_report_the_excluded_archive_or_the_templates() {
    let mut c = rolo(&example_vault());
    c.arg("check");
    let out = stdout_of(c, 1);
    assert!(!out.contains("Archive/"), "{out}");
    assert!(!out.contains("Templates/"), "{out}");
}

// ---------- list ----------

#[test]
fn list_json_gives_last_contact_and_next_due_from_expected_md() {
    let mut c = rolo(&fixture("basic"));
    c.args(["list", "--json"]);
    let v = json_of(c);
    let rows: Vec<(String, String, String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["cadence"].as_str().unwrap().to_string(),
                r["last_contact"].as_str().unwrap().to_string(),
                r["next_due"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Alice Archer", "30d", "2026-05-20", "2026-06-19"),
        ("Bob Brown", "30d", "2026-04-01", "2026-05-01"),
        ("Carol Chen", "60d", "2026-03-15", "2026-05-14"),
        ("Dave Diaz", "3m", "2026-02-15", "2026-05-15"),
        ("Erin Evans", "60d", "2026-05-01", "2026-06-30"),
    ];
    let expected: Vec<(String, String, String, String)> =
        expected.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
    assert_eq!(rows, expected);
}

#[test]
fn list_text_has_one_row_per_contact_with_header() {
    let mut c = rolo(&fixture("basic"));
    c.arg("list");
    let out = stdout_of(c, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with("NAME"));
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        ["Bob", "Brown", "clients", "30d", "active", "2026-04-01", "2026-05-01"]
    );
}

#[test]
fn list_circle_keeps_only_that_circle() {
    let mut c = rolo(&fixture("basic"));
    c.args(["list", "--circle", "friends", "--json"]);
    let v = json_of(c);
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Carol Chen", "Dave Diaz", "Erin Evans"]);
}

#[test]
fn list_tag_keeps_only_contacts_with_that_tag() {
    let mut c = rolo(&example_vault());
    c.args(["list", "--tag", "logistics", "--json"]);
    let v = json_of(c);
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Leo Martins", "Marcus Webb"]);
}

#[test]
fn list_excludes_archive_folder_and_templates() {
    let mut c = rolo(&example_vault());
    c.args(["list", "--json"]);
    let v = json_of(c);
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(!names.contains(&"Greg Parker"));
    assert!(names.contains(&"Wei Zhang"), "type: person outside People/ counts");
    assert!(names.contains(&"Elif Yılmaz"));
    assert_eq!(names.len(), 45);
}

// ---------- show ----------

fn show_first_line(query: &str) -> String {
    let mut c = rolo(&example_vault());
    c.args(["show", query]);
    stdout_of(c, 0).lines().next().unwrap().to_string()
}

#[test]
fn show_finds_a_contact_by_exact_name() {
    assert_eq!(show_first_line("Ana Ruiz"), "Ana Ruiz  (People/Ana Ruiz.md)");
}

#[test]
fn show_finds_a_contact_by_lowercase_prefix() {
    assert_eq!(show_first_line("marc"), "Marcus Webb  (People/Marcus Webb.md)");
}

#[test]
fn show_finds_a_contact_by_accentless_name() {
    assert_eq!(show_first_line("zoe"), "Zoë Šimková  (People/Zoë Šimková.md)");
    assert_eq!(show_first_line("jose garcia-lopez"), "José García-López  (People/José García-López.md)");
    assert_eq!(show_first_line("tomas"), "Tomás Herrera  (People/Tomás Herrera.md)");
}

#[test]
fn show_ambiguous_prefix_exits_1_and_lists_the_candidates() {
    let mut c = rolo(&example_vault());
    c.args(["show", "ka"]);
    c.assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("Karin Holm (People/Karin Holm.md)"))
        .stderr(predicate::str::contains("Kate Morgan (People/Kate Morgan.md)"))
        .stderr(predicate::str::contains("Katherine Moss (People/Katherine Moss.md)"));
}

#[test]
fn show_unknown_name_exits_1_with_a_hint() {
    let mut c = rolo(&example_vault());
    c.args(["show", "Nobody Atall"]);
    c.assert().code(1).stdout("").stderr(predicate::str::contains("no contact matches \"Nobody Atall\""));
}

#[test]
fn show_json_has_fields_and_interactions_newest_first() {
    let mut c = rolo(&fixture("basic"));
    c.args(["show", "Alice Archer", "--json"]);
    let v = json_of(c);
    assert_eq!(v["name"], "Alice Archer");
    assert_eq!(v["path"], "People/Alice Archer.md");
    assert_eq!(v["circle"], "clients");
    assert_eq!(v["cadence"], "30d");
    assert_eq!(v["company"], "Archer Ltd");
    assert_eq!(v["email"], json!(["alice@archer.example"]));
    assert_eq!(v["city"], "Leeds");
    assert_eq!(v["last_contact"], "2026-05-20");
    assert_eq!(v["next_due"], "2026-06-19");
    let interactions = v["interactions"].as_array().unwrap();
    let dates: Vec<&str> = interactions.iter().map(|i| i["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-05-20", "2026-05-01", "2026-04-02"]);
    assert_eq!(interactions[0]["channel"], "call");
    assert_eq!(interactions[0]["flow"], "outgoing");
    assert_eq!(interactions[1]["path"], "Daily/2026-05-01.md");
    assert_eq!(interactions[2]["flow"], "incoming");
    let owe = v["you_owe"].as_array().unwrap();
    assert_eq!(owe.len(), 1, "the done promise is not open");
    assert_eq!(owe[0]["text"], "send the signed contract");
    assert_eq!(owe[0]["due"], "2026-05-25");
}

#[test]
fn show_json_of_contact_with_field_only_has_no_interactions() {
    let mut c = rolo(&fixture("basic"));
    c.args(["show", "bob", "--json"]);
    let v = json_of(c);
    assert_eq!(v["last_contact"], "2026-04-01");
    assert_eq!(v["interactions"], json!([]));
}

// ---------- errors that stop rolo (exit 2) ----------

#[test]
fn nonexistent_vault_exits_2_with_a_clear_message() {
    let mut c = rolo(std::path::Path::new("/nonexistent"));
    c.arg("list");
    c.assert().code(2).stdout("").stderr(predicate::str::contains("the vault /nonexistent is not a folder"));
}

#[test]
fn bad_today_exits_2_and_names_the_flag() {
    let mut c = rolo_at(&fixture("basic"), "2026-13-01");
    c.arg("list");
    c.assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--today"))
        .stderr(predicate::str::contains("month 13 does not exist"));
}

#[test]
fn unknown_key_in_rolo_toml_exits_2_with_file_line_col() {
    let vault = copy_vault("basic");
    write(
        vault.path(),
        ".rolo.toml",
        "people = [\"People\"]\n\n[circles.friends]\ncadence = \"60d\"\ncolour = \"red\"\n",
    );
    let mut c = rolo(vault.path());
    c.arg("list");
    c.assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(".rolo.toml:5:1:"))
        .stderr(predicate::str::contains("unknown field `colour`"));
}

#[test]
fn huge_day_counts_are_refused_with_their_key_instead_of_crashing() {
    let vault = copy_vault("basic");
    let config = read(vault.path(), ".rolo.toml");
    write(vault.path(), ".rolo.toml", &format!("{config}\n[audit]\nnew_days = 4000000000\n"));
    for command in ["audit", "intros", "report"] {
        let mut c = rolo(vault.path());
        c.arg(command);
        c.assert().code(2).stderr(predicate::str::contains(format!(
            ".rolo.toml:{}:12: error: `audit.new_days` must be between",
            config.lines().count() + 3
        )));
    }
    write(vault.path(), ".rolo.toml", &config);
    let mut c = rolo(vault.path());
    c.args(["overdue", "--within", "4000000000"]);
    c.assert().code(2).stderr(predicate::str::contains("4000000000 is not in 0..=36500"));
    let mut c = rolo(vault.path());
    c.args(["overdue", "--within", "36500", "--json"]);
    assert_eq!(json_of(c).as_array().map(Vec::len), Some(5), "everyone with a cadence is due within 100 years");
}

#[test]
fn unknown_top_level_key_in_rolo_toml_is_reported_at_its_line() {
    let vault = copy_vault("basic");
    write(vault.path(), ".rolo.toml", "people = [\"People\"]\nfoo = 1\n");
    let mut c = rolo(vault.path());
    c.arg("check");
    c.assert().code(2).stderr(predicate::str::contains(".rolo.toml:2:1:")).stderr(predicate::str::contains("foo"));
}

// ---------- vault discovery ----------

#[test]
fn vault_is_found_upward_from_a_subfolder() {
    let vault = copy_vault("basic");
    let mut c = assert_cmd::Command::cargo_bin("rolo").unwrap();
    c.env_remove("ROLO_VAULT").env("NO_COLOR", "1").current_dir(vault.path().join("People")).args([
        "--today",
        "2026-06-01",
        "list",
        "--json",
    ]);
    let v = json_of(c);
    assert_eq!(v.as_array().unwrap().len(), 5);
    assert_eq!(v[1]["name"], "Bob Brown");
    assert_eq!(v[1]["path"], "People/Bob Brown.md");
}

#[test]
fn rolo_vault_env_selects_the_vault() {
    let mut c = assert_cmd::Command::cargo_bin("rolo").unwrap();
    c.env("ROLO_VAULT", fixture("basic"))
        .env("ROLO_TODAY", "2026-06-01")
        .env("NO_COLOR", "1")
        .current_dir(std::env::temp_dir())
        .args(["list", "--json"]);
    let v = json_of(c);
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Alice Archer", "Bob Brown", "Carol Chen", "Dave Diaz", "Erin Evans"]);
}

#[test]
fn rolo_today_env_fixes_today() {
    let mut c = assert_cmd::Command::cargo_bin("rolo").unwrap();
    c.env("ROLO_TODAY", "2026-06-01").env("NO_COLOR", "1").arg("--vault").arg(fixture("basic")).args(["next", "1"]);
    assert_eq!(stdout_of(c, 0), "Bob Brown (31 d late)\n");
}

// ---------- the edge fixture ----------

#[test]
fn edge_check_does_not_panic_and_names_each_broken_file() {
    let mut c = rolo(&fixture("edge"));
    c.arg("check");
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let files: Vec<&str> = stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        files,
        [
            "People/bad-type.md",
            "People/bad-type.md",
            "People/dupkey.md",
            "People/invalid-utf8.md",
            "People/list-fm.md",
            "People/unclosed.md"
        ],
        "{stdout}"
    );
}

#[test]
fn edge_check_reports_invalid_utf8_with_its_line() {
    let mut c = rolo(&fixture("edge"));
    c.arg("check");
    let out = stdout_of(c, 1);
    assert!(out.lines().any(|l| l.starts_with("People/invalid-utf8.md:7:1: error: invalid UTF-8")), "{out}");
}

#[test]
fn edge_list_still_lists_every_other_contact() {
    let mut c = rolo(&fixture("edge"));
    c.args(["list", "--json"]);
    let v = json_of(c);
    let rows: Vec<(&str, &str, Option<&str>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["path"].as_str().unwrap(), r["last_contact"].as_str()))
        .collect();
    for expected in [
        ("Ana", "People/Ana.md", Some("2026-05-01")),
        ("Bom Person", "People/bom.md", Some("2026-04-01")),
        ("Crlf Person", "People/crlf.md", Some("2026-04-15")),
        ("empty-fm", "People/empty-fm.md", Some("2026-02-01")),
        ("no-fm", "People/no-fm.md", Some("2026-01-15")),
        ("Bare Dates", "People/bare-dates.md", Some("2025-01-02")),
        ("Bad Bytes", "People/invalid-utf8.md", Some("2026-03-03")),
        ("Bad Types", "People/bad-type.md", None),
        ("Nora Nordmann", "People/country-no.md", None),
        ("Tags String", "People/tags-string.md", None),
        ("Unquoted Link", "People/wikilink-unquoted.md", None),
    ] {
        assert!(rows.contains(&expected), "{expected:?} missing from {rows:?}");
    }
}

#[test]
fn edge_country_no_and_phone_stay_text() {
    let mut c = rolo(&fixture("edge"));
    c.args(["show", "Nora Nordmann", "--json"]);
    let v = json_of(c);
    assert_eq!(v["phone"], json!(["+442079460000"]));
    let text = v.to_string();
    assert!(text.contains("\"NO\""), "country NO kept as a string: {text}");
}

#[test]
fn edge_tags_string_is_split_on_commas() {
    let mut c = rolo(&fixture("edge"));
    c.args(["show", "Tags String", "--json"]);
    let v = json_of(c);
    assert_eq!(v["tags"], json!(["person", "vip"]));
}

#[test]
fn edge_crlf_note_parses_like_lf() {
    let mut c = rolo(&fixture("edge"));
    c.args(["show", "Crlf Person", "--json"]);
    let v = json_of(c);
    assert_eq!(v["last_contact"], "2026-04-15");
    let flows: Vec<&str> = v["interactions"].as_array().unwrap().iter().map(|i| i["flow"].as_str().unwrap()).collect();
    assert_eq!(flows, ["outgoing", "incoming"]);
    assert_eq!(v["you_owe"][0]["due"], "2026-06-15");
}

#[test]
fn check_on_example_vault_snapshot() {
    let mut c = rolo(&example_vault());
    c.arg("check");
    insta::assert_snapshot!("example_vault_check", stdout_of(c, 1));
}

#[test]
fn list_json_matches_the_example_vault_table_for_active_contacts() {
    let mut c = rolo(&example_vault());
    c.args(["list", "--json"]);
    let v = json_of(c);
    let get = |name: &str| {
        let r = v.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("{name}"));
        (r["last_contact"].as_str().map(String::from), r["next_due"].as_str().map(String::from))
    };
    let s = |x: &str| Some(x.to_string());
    assert_eq!(get("Amir Haddad"), (s("2025-03-02"), s("2025-05-31")));
    assert_eq!(get("Ana Ruiz"), (s("2026-11-20"), s("2026-12-20")));
    assert_eq!(get("Chloé Dubois"), (s("2026-08-28"), s("2026-11-28")));
    assert_eq!(get("Daniel OBrien"), (s("2024-11-13"), None));
    assert_eq!(get("Karin Holm"), (s("2026-09-30"), s("2026-11-14")));
    assert_eq!(get("Leo Martins"), (s("2026-07-15"), s("2026-09-15")));
    assert_eq!(get("Lucía Fernández"), (s("2026-11-11"), s("2026-11-25")));
    assert_eq!(get("Margaret Ellis"), (s("2026-04-02"), s("2027-04-02")));
    assert_eq!(get("Petra Novak"), (s("2025-01-04"), None));
    assert_eq!(get("Sam Lee"), (s("2026-10-30"), s("2026-12-11")));
    assert_eq!(get("Zoë Šimková"), (s("2026-11-23"), s("2027-01-22")));
    assert_eq!(get("Wei Zhang"), (s("2026-11-17"), s("2026-12-17")));
}

#[test]
fn list_last_contact_comes_from_own_log_field_and_daily_notes_only() {
    let mut c = rolo(&example_vault());
    c.args(["list", "--json"]);
    let v = json_of(c);
    let get = |name: &str| {
        let r = v.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
        (r["last_contact"].as_str().unwrap().to_string(), r["next_due"].as_str().unwrap().to_string())
    };
    assert_eq!(get("Felix Wagner"), ("2026-09-30".to_string(), "2026-10-14".to_string()));
    assert_eq!(get("Marcus Webb"), ("2026-08-02".to_string(), "2026-09-01".to_string()));
}
