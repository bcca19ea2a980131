//! `rolo import` on awkward input: broken quotes, free text that looks like Markdown,
//! duplicates that chain, names with odd spaces, dry runs that must match real runs.
//! Each input is written to a temporary file; the vault is a copy of the `basic` fixture.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const LINKEDIN_HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
const MAP: &str = "name=Full Name,email=Mail";

/// Writes `text` to `name` in a fresh temporary folder, returned to keep it alive.
fn input(name: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Runs `rolo import ARGS...`, expects exit 0, returns stdout.
fn import_ok(vault: &Path, args: &[&str]) -> String {
    let mut cmd = rolo(vault);
    cmd.arg("import").args(args);
    stdout_of(cmd, 0)
}

/// The lines of an import's stdout that are the summary and its per-line notes (no diffs).
fn summary(out: &str) -> String {
    out.lines()
        .filter(|l| l.starts_with("created") || l.starts_with("dry run") || l.starts_with("  line "))
        .map(|l| format!("{l}\n"))
        .collect()
}

// ---------- an unclosed quote ----------

#[test]
fn an_unclosed_quote_in_linkedin_skips_only_its_line() {
    let text = format!(
        "{LINKEDIN_HEADER}Al,One,,,A,B,1 Feb 2020\nBo,\"Two,,,A,B,1 Feb 2020\nCy,Three,,,A,B,1 Feb 2020\n\
         Di,Four,,,A,B,1 Feb 2020\nEd,Five,,,A,B,1 Feb 2020\n"
    );
    let (_dir, file) = input("li.csv", &text);
    let vault = copy_vault("basic");
    let out = import_ok(vault.path(), &["linkedin", file.to_str().unwrap()]);
    assert!(out.starts_with("created 4, updated 0, unchanged 0, skipped 1\n"), "{out}");
    assert!(out.contains("  line 3: skipped: a quote opened here is never closed"), "{out}");
    for name in ["Al One", "Cy Three", "Di Four", "Ed Five"] {
        assert!(vault.path().join(format!("People/{name}.md")).is_file(), "{name}: {out}");
    }
}

#[test]
fn an_unclosed_quote_in_a_mapped_csv_skips_only_its_line() {
    let text = "Full Name,Mail\nAl One,al@x.test\n\"Bo Two,bo@x.test\nCy Three,cy@x.test\nDi Four,di@x.test\n";
    let (_dir, file) = input("people.csv", text);
    let vault = copy_vault("basic");
    let out = import_ok(vault.path(), &["csv", file.to_str().unwrap(), "--map", MAP, "--dry-run"]);
    assert_eq!(
        summary(&out),
        "dry run, nothing written: would have created 3, updated 0, unchanged 0, skipped 1\n\
         \x20 line 3: skipped: a quote opened here is never closed, so the rest of the file was read as one value; \
         close the quote (write a quote inside a value as \"\") or remove it, then import again; \
         reading went on at the next line\n"
    );
}

// ---------- free text that looks like Markdown ----------

/// Imports one vCard per `(name, NOTE)`, logs a chat with each, and returns what `show`
/// says about each.
fn import_notes_then_log(notes: &[(&str, &str)]) -> Vec<String> {
    let cards: String = notes
        .iter()
        .map(|(name, note)| format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nNOTE:{note}\r\nEND:VCARD\r\n"))
        .collect();
    let (_dir, file) = input("notes.vcf", &cards);
    let vault = copy_vault("basic");
    import_ok(vault.path(), &["vcard", file.to_str().unwrap()]);
    notes
        .iter()
        .map(|(name, _)| {
            let mut log = rolo(vault.path());
            log.args(["log", name, "coffee chat"]);
            stdout_of(log, 0);
            let mut show = rolo(vault.path());
            show.args(["show", name]);
            stdout_of(show, 0)
        })
        .collect()
}

#[test]
fn imported_notes_cannot_swallow_or_fake_the_log() {
    let shown = import_notes_then_log(&[
        ("Fen Ce", "```\\nsome code"),
        ("Hed Ing", "intro\\n## Log\\n- 2020-01-01 bogus entry"),
        ("Ht Ml", "<!-- a comment\\nthat never ends"),
        ("Set Ext", "Log\\n---\\n- 2020-01-01 bogus entry"),
    ]);
    for show in shown {
        assert!(show.contains("  last contact  2026-06-01\n"), "{show}");
        assert!(!show.contains("2020-01-01"), "a dated line of the notes became an interaction:\n{show}");
    }
}

// ---------- names with odd spaces ----------

#[test]
fn names_that_differ_only_in_spaces_match_the_contact() {
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob  Brown\r\nEMAIL:bob2@x.test\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carol\u{a0}Chen\r\nEMAIL:carol2@x.test\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN: Zed \t Quinn\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Quinn\r\nEMAIL:zq@x.test\r\nEND:VCARD\r\n";
    let (_dir, file) = input("spaces.vcf", cards);
    let vault = copy_vault("basic");
    let out = import_ok(vault.path(), &["vcard", file.to_str().unwrap()]);
    assert_eq!(
        out,
        "created 1, updated 2, unchanged 0, skipped 0, merged 1 duplicate record(s)\n\
         \x20 line 15: same person as line 11 (Zed Quinn); merged into one note\n"
    );
    assert!(read(vault.path(), "People/Zed Quinn.md").contains("email: \"zq@x.test\"\n"));
}

// ---------- duplicates that chain ----------

#[test]
fn records_sharing_keys_through_another_record_become_one_note() {
    let (_dir, file) =
        input("dup.csv", "Full Name,Mail\nPat Alpha,alpha@x.test\nBob Beta,shared@x.test\nPat Alpha,shared@x.test\n");
    let args = ["csv", file.to_str().unwrap(), "--map", MAP];
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    let out = import_ok(vault.path(), &args);
    assert_eq!(
        out,
        "created 1, updated 0, unchanged 0, skipped 0, merged 2 duplicate record(s)\n\
         \x20 line 3: same person as line 2 (Pat Alpha); merged into one note\n\
         \x20 line 4: same person as line 2 (Pat Alpha); merged into one note\n"
    );
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), vec!["People/Pat Alpha.md".to_string()]);
    assert!(read(vault.path(), "People/Pat Alpha.md").contains("email: [\"alpha@x.test\", \"shared@x.test\"]\n"));
    let again = import_ok(vault.path(), &args);
    assert!(again.starts_with("created 0, updated 0, unchanged 1, skipped 0,"), "{again}");
}

// ---------- dry runs ----------

#[test]
fn a_dry_run_sees_its_own_earlier_edits_of_a_note() {
    let text = format!(
        "{LINKEDIN_HEADER}Alice,Archer,https://www.linkedin.com/in/alice-a,,,CEO,\n\
         Al,Archer-Smith,https://www.linkedin.com/in/alice-b,alice@archer.example,,Chair,\n"
    );
    let (_dir, file) = input("li.csv", &text);
    let vault = copy_vault("basic");
    let dry = import_ok(vault.path(), &["linkedin", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(dry.matches("+++ b/People/Alice Archer.md").count(), 1, "{dry}");
    assert!(!dry.contains("alice-b") && !dry.contains("Chair"), "{dry}");
    assert!(dry.ends_with("would have created 0, updated 1, unchanged 1, skipped 0\n"), "{dry}");
    let real = import_ok(vault.path(), &["linkedin", file.to_str().unwrap()]);
    assert_eq!(real, "created 0, updated 1, unchanged 1, skipped 0\n");
}

// ---------- labels ----------

#[test]
fn google_labels_become_tags_obsidian_accepts() {
    let (_dir, file) =
        input("labels.csv", "Full Name,Labels\nPat Alpha,* myContacts ::: * starred ::: Friends & Family ::: 2024\n");
    let vault = copy_vault("basic");
    import_ok(vault.path(), &["csv", file.to_str().unwrap(), "--map", "name=Full Name,tags=Labels"]);
    let note = read(vault.path(), "People/Pat Alpha.md");
    assert!(note.contains("tags: [\"starred\", \"Friends-Family\", \"label-2024\"]\n"), "{note}");
}

// ---------- fields rolo cannot safely edit ----------

#[test]
fn a_field_rolo_cannot_edit_is_left_alone_and_said() {
    let vault = copy_vault("basic");
    // Keys indented under the fence: YAML reads them, but a field added at the margin would
    // break the front matter. `phone` is a mapping, not a list.
    write(vault.path(), "People/Ina Indent.md", "---\n  email: ina@x.test\n---\n");
    write(vault.path(), "People/Mo Map.md", "---\nemail: mo@x.test\nphone:\n  home: 1\n---\n");
    let (_dir, file) =
        input("left.csv", "Full Name,Mail,Org,Tel\nIna Indent,ina@x.test,Acme,\nMo Map,mo@x.test,Initech,+1 555\n");
    let before = vault_files(vault.path());
    let out = import_ok(
        vault.path(),
        &["csv", file.to_str().unwrap(), "--map", "name=Full Name,email=Mail,company=Org,phone=Tel"],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "created 0, updated 1, unchanged 1, skipped 0", "{out}");
    assert!(
        lines[1].starts_with(
            "  line 2: warning: Ina Indent: People/Ina Indent.md: rolo cannot safely change `company` (line 3): "
        ) && lines[1].ends_with("; add Acme by hand"),
        "{out}"
    );
    assert_eq!(
        lines[2],
        "  line 3: warning: Mo Map: People/Mo Map.md: `phone` (line 3) is not a list rolo can extend; add +1 555 by hand"
    );
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), ["People/Mo Map.md"]);
    assert_eq!(
        read(vault.path(), "People/Mo Map.md"),
        "---\nemail: mo@x.test\nphone:\n  home: 1\ncompany: Initech\n---\n"
    );
}
