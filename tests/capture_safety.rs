//! Safety of the commands that write notes: never outside the vault, never backward, never
//! half-applied, never a line the user did not ask for.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use std::path::Path;
use tempfile::TempDir;

/// A vault whose people live in `People/`, holding `notes` as (path, text).
fn vault_with(notes: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".rolo.toml"), "people = [\"People\"]\n").unwrap();
    for (rel, text) in notes {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run(vault: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = rolo(vault);
    c.args(args);
    c.assert()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

// ---------- add never writes outside the vault ----------

#[cfg(unix)]
#[test]
fn add_refuses_a_people_folder_that_links_outside_the_vault() {
    let root = tempfile::tempdir().unwrap();
    let (vault, outside) = (root.path().join("o"), root.path().join("out"));
    std::fs::create_dir_all(&vault).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(vault.join(".rolo.toml"), "people = [\"People\"]\n").unwrap();
    std::os::unix::fs::symlink("../out", vault.join("People")).unwrap();
    for dry in [true, false] {
        let mut args = vec!["add", "Zed Q"];
        if dry {
            args.push("--dry-run");
        }
        let out = run(&vault, &args).code(1);
        let err = stderr_of(&out);
        assert!(err.contains("leads outside the vault") && err.contains("nothing was written"), "{err}");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }
}

#[test]
fn add_still_creates_a_missing_people_folder() {
    let vault = vault_with(&[]);
    run(vault.path(), &["add", "Zed Q"]).success();
    assert!(vault.path().join("People/Zed Q.md").is_file());
}

// ---------- log moves last_contact only forward ----------

#[test]
fn log_never_moves_a_commented_last_contact_backward() {
    for value in ["2026-11-20 # coffee", "\"2026-11-20\" # x"] {
        let note = format!("---\nlast_contact: {value}\n---\n# Ana\n");
        let vault = vault_with(&[("People/Ana.md", note.as_bytes())]);
        run(vault.path(), &["log", "ana", "--date", "2026-01-01", "old"]).success();
        let text = read(vault.path(), "People/Ana.md");
        assert!(text.starts_with(&format!("---\nlast_contact: {value}\n---\n")), "{text}");
        assert!(text.contains("- 2026-01-01 old"), "{text}");
    }
}

#[test]
fn log_leaves_an_unreadable_last_contact_alone_and_says_where() {
    let note = "---\nname: Ana\nlast_contact: last spring\n---\n# Ana\n";
    let vault = vault_with(&[("People/Ana.md", note.as_bytes())]);
    let out = run(vault.path(), &["log", "ana", "hello"]).success();
    let err = stderr_of(&out);
    assert!(err.contains("People/Ana.md:3: warning:") && err.contains("last spring"), "{err}");
    assert!(read(vault.path(), "People/Ana.md").starts_with("---\nname: Ana\nlast_contact: last spring\n---\n"));
}

// ---------- edits of two notes: all or nothing ----------

#[test]
fn log_intro_writes_neither_note_when_the_other_cannot_be_edited() {
    let ben: &[u8] = b"---\nname: Ben\n---\n# Ben\n";
    let ana: &[u8] = b"---\nname: Ana\n---\n# Ana \xff\n";
    let vault = vault_with(&[("People/Ben.md", ben), ("People/Ana.md", ana)]);
    let before = vault_files(vault.path());
    let out = run(vault.path(), &["log", "ben", "--intro", "ana", "meet"]).code(2);
    assert!(stderr_of(&out).contains("not valid UTF-8"), "{}", stderr_of(&out));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn done_writes_neither_note_when_the_contact_note_cannot_be_edited() {
    let daily: &[u8] = b"# Monday\n\n- [ ] I owe [[Ana]]: send the deck\n";
    let ana: &[u8] = b"---\nname: Ana\n---\n# Ana \xff\n";
    let vault = vault_with(&[("Daily/2026-05-30.md", daily), ("People/Ana.md", ana)]);
    let show = run(vault.path(), &["show", "ana"]).success();
    assert!(String::from_utf8_lossy(&show.get_output().stdout).contains("send the deck"));
    let before = vault_files(vault.path());
    let out = run(vault.path(), &["done", "ana"]).code(2);
    assert!(stderr_of(&out).contains("not valid UTF-8"), "{}", stderr_of(&out));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

// ---------- --via is one channel, for log and done alike ----------

fn ana_with_a_promise() -> TempDir {
    let ana: &[u8] = b"---\nname: Ana\n---\n# Ana\n\n## Promises\n\n- [ ] send deck\n\n## Log\n\n- 2026-05-01 hi\n";
    vault_with(&[("People/Ana.md", ana)])
}

#[test]
fn done_and_log_refuse_a_via_that_is_not_one_channel() {
    for bad in ["call\n## Hacked\n- x", "#", "coffee!"] {
        for command in ["done", "log"] {
            let vault = ana_with_a_promise();
            let before = vault_files(vault.path());
            let out = run(vault.path(), &[command, "ana", "--via", bad, "send"]).code(2);
            assert!(stderr_of(&out).contains("--via"), "{command} {bad:?}: {}", stderr_of(&out));
            assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
        }
    }
}

#[test]
fn done_via_writes_the_channel_as_log_does() {
    let vault = ana_with_a_promise();
    run(vault.path(), &["done", "ana", "--via", "Two words"]).success();
    assert!(read(vault.path(), "People/Ana.md").contains("\n- 2026-06-01 #two-words done: send deck\n"));
}

// ---------- done ticks every promise rolo lists ----------

#[test]
fn done_ticks_ordered_and_loosely_spaced_promises() {
    for (task, ticked) in [
        ("1. [ ] send the deck", "1. [x] send the deck ✅ 2026-06-01"),
        ("-  [ ] call back", "-  [x] call back ✅ 2026-06-01"),
        ("-\t[ ] x", "-\t[x] x ✅ 2026-06-01"),
    ] {
        let note = format!("---\nname: Ana\n---\n# Ana\n\n## Promises\n\n{task}\n");
        let vault = vault_with(&[("People/Ana.md", note.as_bytes())]);
        run(vault.path(), &["done", "ana"]).success();
        let text = read(vault.path(), "People/Ana.md");
        assert!(text.contains(&format!("\n{ticked}\n")), "{text}");
    }
}

// ---------- front matter edits keep anchors and tags ----------

#[test]
fn a_ticked_set_cadence_keeps_the_values_anchor() {
    let note: &[u8] = b"---\nname: A5\ncadence: &c 30d\nother: *c\n---\n# A5\n\n## Log\n\n- 2026-05-01 hi\n";
    let vault = vault_with(&[("People/A5.md", note)]);
    run(vault.path(), &["report", "audit"]).success();
    let audit = read(vault.path(), "Reports/Audit.md");
    let ticked = audit.replace("- [ ] review [[A5]]", "- [x] set cadence of [[A5]] to 90d\n- [ ] review [[A5]]");
    assert_ne!(audit, ticked, "the audit lists A5");
    write(vault.path(), "Reports/Audit.md", &ticked);
    run(vault.path(), &["report", "audit"]).success();
    let text = read(vault.path(), "People/A5.md");
    assert!(text.starts_with("---\nname: A5\ncadence: &c 90d\nother: *c\n---\n"), "{text}");
    run(vault.path(), &["check"]).success();
}

// ---------- what log and promise write, the reader reads ----------

#[test]
fn log_writes_under_a_setext_log_heading_and_shows_the_entry() {
    let note = b"---\nname: Bo Li\n---\n# Bo\n\nLog\n===\n\n- 2026-01-01 met\n\n# Other\n";
    let vault = vault_with(&[("People/Bo Li.md", note)]);
    run(vault.path(), &["log", "Bo Li", "--date", "2026-02-01", "coffee"]).success();
    let text = std::fs::read_to_string(vault.path().join("People/Bo Li.md")).unwrap();
    assert!(text.contains("- 2026-01-01 met\n- 2026-02-01 coffee\n\n# Other"), "{text}");
    assert_eq!(text.matches("Log").count(), 1, "no second Log section: {text}");
    let shown = run(vault.path(), &["show", "Bo Li", "--json"]).success();
    let json = String::from_utf8_lossy(&shown.get_output().stdout).into_owned();
    assert!(json.contains("\"last_contact\": \"2026-02-01\""), "{json}");
}

#[test]
fn log_and_promise_refuse_a_note_that_ends_in_an_open_code_block() {
    let note: &[u8] = b"---\nname: Ed Ma\n---\n# Ed\n\n```\nunclosed\n";
    let vault = vault_with(&[("People/Ed Ma.md", note)]);
    for args in [&["log", "Ed Ma", "hello"][..], &["promise", "Ed Ma", "send the deck"]] {
        let out = run(vault.path(), args).code(1);
        let err = stderr_of(&out);
        assert!(err.contains("People/Ed Ma.md") && err.contains("starts on line 6"), "{err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert_eq!(std::fs::read(vault.path().join("People/Ed Ma.md")).unwrap(), note);
    }
}

// ---------- bad arguments are exit 2; --quiet says nothing ----------

#[test]
fn empty_or_self_referring_arguments_are_bad_arguments() {
    let vault = vault_with(&[("People/ana.md", b"---\nname: ana\n---\n")]);
    for args in
        [&["log", "ana", "  "][..], &["add", ""], &["promise", "ana", ""], &["log", "ana", "--intro", "ana", "hi"]]
    {
        let out = run(vault.path(), args).code(2);
        assert!(stderr_of(&out).contains("rolo: "), "{args:?}: {}", stderr_of(&out));
    }
    assert_eq!(std::fs::read(vault.path().join("People/ana.md")).unwrap(), b"---\nname: ana\n---\n");
}

#[test]
fn quiet_capture_commands_say_nothing_on_success() {
    let vault = vault_with(&[("People/ana.md", b"---\nname: ana\n---\n")]);
    for args in [
        &["-q", "log", "ana", "coffee"][..],
        &["-q", "promise", "ana", "send the deck"],
        &["-q", "done", "ana"],
        &["-q", "add", "Ben Ortiz"],
    ] {
        let out = run(vault.path(), args).success();
        assert_eq!(stderr_of(&out), "", "{args:?}");
    }
    let init = tempfile::tempdir().unwrap();
    let mut c = rolo(init.path());
    c.args(["-q", "init"]);
    let out = c.assert().success();
    assert_eq!(stderr_of(&out), "");
    assert!(init.path().join(".rolo.toml").is_file());
}
