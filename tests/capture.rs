//! `log`, `add`, `promise`, `done` and `who`: the commands that write into notes, byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use predicates::prelude::*;
use std::path::Path;

fn run(vault: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = rolo(vault);
    c.args(args);
    c.assert()
}

fn bytes(vault: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(vault.join(rel)).unwrap()
}

// ---------- log ----------

#[test]
fn log_inserts_at_the_top_of_a_newest_first_log() {
    let vault = copy_vault("basic");
    let old = read(vault.path(), "People/Alice Archer.md");
    run(vault.path(), &["log", "alice", "--via", "coffee", "talked", "shop"]).success().stdout("");
    let expected = old.replace("## Log\n", "## Log\n- 2026-06-01 #coffee talked shop\n");
    assert_eq!(read(vault.path(), "People/Alice Archer.md"), expected);
}

#[test]
fn log_appends_at_the_bottom_of_an_oldest_first_log() {
    let vault = copy_vault("basic");
    let old = read(vault.path(), "People/Carol Chen.md");
    run(vault.path(), &["log", "carol", "--in", "she wrote"]).success();
    let expected = old.replace(
        "- 2026-03-15 <- #call she called about the trip\n",
        "- 2026-03-15 <- #call she called about the trip\n- 2026-06-01 <- she wrote\n",
    );
    assert_eq!(read(vault.path(), "People/Carol Chen.md"), expected);
}

#[test]
fn log_in_writes_an_incoming_arrow() {
    let vault = copy_vault("basic");
    run(vault.path(), &["log", "dave", "--in", "asked", "about", "maps"]).success();
    assert!(read(vault.path(), "People/Dave Diaz.md").contains("\n- 2026-06-01 <- asked about maps\n"));
}

#[test]
fn log_via_writes_the_channel_as_a_hashtag() {
    let vault = copy_vault("basic");
    run(vault.path(), &["log", "dave", "--via", "video", "catch-up"]).success();
    assert!(read(vault.path(), "People/Dave Diaz.md").contains("## Log\n- 2026-06-01 #video catch-up\n"));
}

#[test]
fn log_creates_a_log_section_and_updates_last_contact_in_place() {
    let vault = copy_vault("basic");
    let old = read(vault.path(), "People/Bob Brown.md");
    run(vault.path(), &["log", "bob", "hello"]).success();
    let expected = format!(
        "{}\n## Log\n\n- 2026-06-01 hello\n",
        old.replace("last_contact: 2026-04-01\n", "last_contact: 2026-06-01\n")
    );
    assert_eq!(read(vault.path(), "People/Bob Brown.md"), expected);
}

#[test]
fn log_with_an_older_date_does_not_move_last_contact_back() {
    let vault = copy_vault("basic");
    run(vault.path(), &["log", "bob", "--date", "2026-03-01", "old call"]).success();
    let text = read(vault.path(), "People/Bob Brown.md");
    assert!(text.contains("\nlast_contact: 2026-04-01\n"), "{text}");
    assert!(text.contains("- 2026-03-01 old call\n"), "{text}");
}

#[test]
fn log_preserves_crlf_line_endings() {
    let vault = copy_vault("edge");
    let old = bytes(vault.path(), "People/crlf.md");
    run(vault.path(), &["log", "crlf", "hi"]).success();
    let expected = String::from_utf8(old)
        .unwrap()
        .replace("last_contact: 2026-03-01\r\n", "last_contact: 2026-06-01\r\n")
        .replace("## Log\r\n", "## Log\r\n- 2026-06-01 hi\r\n");
    assert_eq!(bytes(vault.path(), "People/crlf.md"), expected.into_bytes());
}

#[test]
fn log_preserves_the_utf8_bom() {
    let vault = copy_vault("edge");
    let mut expected = bytes(vault.path(), "People/bom.md");
    assert_eq!(&expected[..3], b"\xEF\xBB\xBF");
    run(vault.path(), &["log", "bom person", "hi"]).success();
    expected.extend_from_slice(b"- 2026-06-01 hi\n");
    assert_eq!(bytes(vault.path(), "People/bom.md"), expected);
}

#[test]
fn log_intro_writes_the_same_entry_into_both_notes() {
    let vault = copy_vault("basic");
    run(vault.path(), &["log", "alice", "--intro", "dave", "both like maps"]).success();
    let entry = "- 2026-06-01 #intro [[Alice Archer]] and [[Dave Diaz]]: both like maps\n";
    assert!(read(vault.path(), "People/Alice Archer.md").contains(&format!("## Log\n{entry}")));
    assert!(read(vault.path(), "People/Dave Diaz.md").contains(&format!("## Log\n{entry}")));
}

#[test]
fn log_intro_shows_up_as_an_intro_interaction_for_both() {
    let vault = copy_vault("basic");
    run(vault.path(), &["log", "alice", "--intro", "dave", "both like maps"]).success();
    for who in ["alice", "dave"] {
        let mut c = rolo(vault.path());
        c.args(["show", who, "--json"]);
        let v = json_of(c);
        assert_eq!(v["interactions"][0]["is_intro"], true, "{who}");
        assert_eq!(v["last_contact"], "2026-06-01", "{who}");
    }
}

#[test]
fn log_dry_run_prints_a_unified_diff_and_changes_nothing() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    run(vault.path(), &["log", "dave", "--dry-run", "x"]).success().stdout(
        "--- a/People/Dave Diaz.md\n+++ b/People/Dave Diaz.md\n@@ -6,5 +6,6 @@\n # Dave Diaz\n \n ## Log\n+- 2026-06-01 x\n - 2026-02-15 #video catch-up\n - 2025-11-02 #meeting dinner\n",
    );
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn log_with_an_ambiguous_name_changes_nothing() {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    run(vault.path(), &["log", "ka", "hello"]).code(1).stderr(predicate::str::contains("matches 3 contacts"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn log_refuses_a_note_with_invalid_utf8_and_writes_nothing() {
    let vault = copy_vault("edge");
    let before = vault_files(vault.path());
    let mut c = rolo(vault.path());
    c.args(["log", "bad bytes", "x"]);
    let out = c.output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

// ---------- add ----------

#[test]
fn add_creates_the_note_with_the_given_fields() {
    let vault = copy_vault("basic");
    run(
        vault.path(),
        &[
            "add",
            "Priya Natarajan",
            "--circle",
            "friends",
            "--company",
            "Acme",
            "--email",
            "p@acme.test",
            "--met",
            "2026-05-30",
            "--tag",
            "vip",
        ],
    )
    .success()
    .stdout("");
    assert_eq!(
        read(vault.path(), "People/Priya Natarajan.md"),
        "---\nname: \"Priya Natarajan\"\ncircle: \"friends\"\ncompany: \"Acme\"\nemail: \"p@acme.test\"\nmet: 2026-05-30\ntags: [\"vip\"]\n---\n# Priya Natarajan\n\n## Log\n"
    );
}

#[test]
fn an_added_contact_is_clean_and_can_be_shown() {
    let vault = copy_vault("basic");
    run(vault.path(), &["add", "Priya Natarajan", "--circle", "friends", "--introduced-by", "alice"]).success();
    run(vault.path(), &["check"]).code(0).stdout("");
    let mut c = rolo(vault.path());
    c.args(["show", "priya", "--json"]);
    let v = json_of(c);
    assert_eq!(v["name"], "Priya Natarajan");
    assert_eq!(v["path"], "People/Priya Natarajan.md");
    assert_eq!(v["circle"], "friends");
}

#[test]
fn add_refuses_an_existing_name_and_names_the_note() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    run(vault.path(), &["add", "Alice Archer"])
        .code(1)
        .stderr(predicate::str::contains("Alice Archer (People/Alice Archer.md) already has the name or alias"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn add_refuses_an_existing_alias() {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    run(vault.path(), &["add", "Pepe"]).code(1).stderr(predicate::str::contains("People/José García-López.md"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn add_refuses_an_existing_email() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    run(vault.path(), &["add", "Zed Zee", "--email", "alice@archer.example"])
        .code(1)
        .stderr(predicate::str::contains("People/Alice Archer.md"))
        .stderr(predicate::str::contains("alice@archer.example"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn add_uses_the_vault_contact_template_when_present() {
    let vault = copy_vault("basic");
    write(
        vault.path(),
        ".rolo/templates/contact.md.j2",
        "---\nname: {{ name | tojson }}\ncircle: {{ circle | tojson }}\n---\n# {{ name }}\n\nFrom my template.\n",
    );
    run(vault.path(), &["add", "Quinn Quade", "--circle", "friends"]).success();
    assert_eq!(
        read(vault.path(), "People/Quinn Quade.md"),
        "---\nname: \"Quinn Quade\"\ncircle: \"friends\"\n---\n# Quinn Quade\n\nFrom my template.\n"
    );
}

#[test]
fn add_dry_run_writes_nothing() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    let mut c = rolo(vault.path());
    c.args(["add", "Quinn Quade", "--dry-run"]);
    let out = stdout_of(c, 0);
    assert!(out.contains("name: \"Quinn Quade\""), "{out}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

// ---------- promise / done ----------

#[test]
fn promise_adds_an_open_task_with_a_due_date_under_promises() {
    let vault = copy_vault("basic");
    let old = read(vault.path(), "People/Bob Brown.md");
    run(vault.path(), &["promise", "bob", "send the book", "--due", "2026-06-10"]).success();
    assert_eq!(
        read(vault.path(), "People/Bob Brown.md"),
        format!("{old}\n## Promises\n\n- [ ] send the book 📅 2026-06-10\n")
    );
}

#[test]
fn promise_goes_into_the_existing_promises_section() {
    let vault = copy_vault("basic");
    run(vault.path(), &["promise", "alice", "book a dinner"]).success();
    let text = read(vault.path(), "People/Alice Archer.md");
    let section = text.split("## Promises\n").nth(1).unwrap();
    assert!(section.contains("- [ ] book a dinner"), "{text}");
    assert_eq!(text.matches("## Promises").count(), 1);
}

#[test]
fn promise_they_owe_writes_owes_me() {
    let vault = copy_vault("basic");
    run(vault.path(), &["promise", "bob", "--they-owe", "return the drill"]).success();
    assert!(read(vault.path(), "People/Bob Brown.md").ends_with("## Promises\n\n- [ ] owes me: return the drill\n"));
    let mut c = rolo(vault.path());
    c.args(["show", "bob", "--json"]);
    let v = json_of(c);
    assert_eq!(v["they_owe"][0]["text"], "return the drill");
    assert_eq!(v["you_owe"], serde_json::json!([]));
}

#[test]
fn done_ticks_the_only_open_promise_and_logs_it() {
    let vault = copy_vault("basic");
    let old = read(vault.path(), "People/Alice Archer.md");
    run(vault.path(), &["done", "alice"]).success();
    let expected = old.replace("## Log\n", "## Log\n- 2026-06-01 done: send the signed contract\n").replace(
        "- [ ] owe: send the signed contract 📅 2026-05-25",
        "- [x] owe: send the signed contract 📅 2026-05-25 ✅ 2026-06-01",
    );
    assert_eq!(read(vault.path(), "People/Alice Archer.md"), expected);
}

#[test]
fn done_with_several_open_promises_refuses_and_lists_them() {
    let vault = copy_vault("basic");
    run(vault.path(), &["promise", "bob", "send the book"]).success();
    run(vault.path(), &["promise", "bob", "call the plumber"]).success();
    let before = vault_files(vault.path());
    run(vault.path(), &["done", "bob"])
        .code(1)
        .stderr(predicate::str::contains("Bob Brown has 2 open promises"))
        .stderr(predicate::str::contains("send the book (People/Bob Brown.md:"))
        .stderr(predicate::str::contains("call the plumber (People/Bob Brown.md:"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn done_with_a_prefix_picks_that_promise() {
    let vault = copy_vault("basic");
    run(vault.path(), &["promise", "bob", "send the book"]).success();
    run(vault.path(), &["promise", "bob", "call the plumber"]).success();
    run(vault.path(), &["done", "bob", "call"]).success();
    let text = read(vault.path(), "People/Bob Brown.md");
    assert!(text.contains("- [ ] send the book\n"), "{text}");
    assert!(text.contains("- [x] call the plumber ✅ 2026-06-01"), "{text}");
    assert!(text.contains("- 2026-06-01 done: call the plumber\n"), "{text}");
}

#[test]
fn done_with_an_ambiguous_name_changes_nothing() {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    run(vault.path(), &["done", "ka"]).code(1);
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn promise_with_an_ambiguous_name_changes_nothing() {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    run(vault.path(), &["promise", "ka", "something"]).code(1);
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

// ---------- broken front matter ----------

/// A copy of the basic vault with one note whose YAML is broken but which has `last_contact`.
fn vault_with_broken_yaml() -> tempfile::TempDir {
    let vault = copy_vault("basic");
    write(
        vault.path(),
        "People/Fay Fox.md",
        "---\nname: Fay Fox\ncircle: friends\nrole: \"Head of Growth\nlast_contact: 2026-04-01\n---\n# Fay Fox\n\n## Log\n- 2026-04-01 #call hello\n",
    );
    vault
}

#[test]
fn log_refuses_a_note_whose_front_matter_is_broken() {
    let vault = vault_with_broken_yaml();
    let before = read(vault.path(), "People/Fay Fox.md");
    run(vault.path(), &["log", "fay", "hello again"]).code(1).stderr(predicate::str::contains("front matter"));
    assert_eq!(read(vault.path(), "People/Fay Fox.md"), before);
}

#[test]
fn report_archive_action_refuses_a_note_whose_front_matter_is_broken() {
    let vault = vault_with_broken_yaml();
    run(vault.path(), &["report"]).success();
    let audit = read(vault.path(), "Reports/Audit.md");
    let ticked = audit.replacen("- [ ] review [[Fay Fox]]", "- [x] archive [[Fay Fox]]", 1);
    assert_ne!(ticked, audit, "Fay Fox is listed for review:\n{audit}");
    write(vault.path(), "Reports/Audit.md", &ticked);
    let before = read(vault.path(), "People/Fay Fox.md");
    run(vault.path(), &["report"])
        .code(1)
        .stderr(predicate::str::contains("the front matter of People/Fay Fox.md is broken"));
    assert_eq!(read(vault.path(), "People/Fay Fox.md"), before);
}

// ---------- who ----------

#[test]
fn who_ranks_people_with_the_topic_in_their_interests_first_and_says_why() {
    let mut c = rolo(&example_vault());
    c.args(["who", "climbing", "--json"]);
    let v = json_of(c);
    let rows = v.as_array().unwrap();
    assert!(rows.len() >= 8, "{v}");
    let top: Vec<&str> = rows.iter().take(3).map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(top, ["Sam Lee", "Zoë Šimková", "Karin Holm"]);
    for r in rows.iter().take(8) {
        let why: Vec<&str> = r["why"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert!(why.contains(&"interests: climbing"), "{r}");
    }
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked by score: {scores:?}");
    // Everyone with climbing in interests ranks above anyone without.
    let first_without =
        rows.iter().position(|r| !r["why"].as_array().unwrap().iter().any(|w| w == "interests: climbing"));
    if let Some(i) = first_without {
        assert!(rows[i..].iter().all(|r| !r["why"].as_array().unwrap().iter().any(|w| w == "interests: climbing")));
    }
}

#[test]
fn add_takes_a_name_with_a_slash_that_ends_in_another_contacts_file_name() {
    let vault = copy_vault("basic");
    write(vault.path(), "People/Jones.md", "---\nemail: jones@x.test\n---\n# Jones\n");
    run(vault.path(), &["add", "Smith/Jones"]).success();
    assert!(read(vault.path(), "People/Smith-Jones.md").contains("Smith/Jones"));
}

#[test]
fn add_refuses_a_name_with_a_slash_that_a_contact_already_has() {
    let vault = copy_vault("basic");
    write(vault.path(), "People/Ana Ruiz - Acme.md", "---\nname: Ana Ruiz / Acme\n---\n");
    run(vault.path(), &["add", "Ana Ruiz / Acme"])
        .code(1)
        .stderr(predicate::str::contains("People/Ana Ruiz - Acme.md) already has the name or alias"));
}
