//! The parse cache in .rolo/cache: it only saves work, is never trusted over the files, and
//! only commands that write reports write it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{copy_vault, rolo_at};
use std::fs;
use std::path::Path;

const TODAY: &str = "2026-06-01";

fn cache_files(vault: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(vault.join(".rolo/cache"))
        .map(|dir| dir.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "bin")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn list_json(vault: &Path, extra: &[&str]) -> serde_json::Value {
    let out = rolo_at(vault, TODAY).args(extra).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn verbose_report(vault: &Path) -> String {
    let out = rolo_at(vault, TODAY).args(["--verbose", "report"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn report_writes_the_cache_and_the_next_run_reuses_it() {
    let vault = copy_vault("basic");
    let first = verbose_report(vault.path());
    assert!(first.contains("(0 from the cache)"), "{first}");
    for report in ["Overdue.md", "Audit.md", "Introductions.md"] {
        assert!(first.contains(&format!("wrote Reports/{report} (computed in ")), "timings with --verbose: {first}");
    }
    assert!(!cache_files(vault.path()).is_empty());
    assert_eq!(fs::read_to_string(vault.path().join(".rolo/cache/.gitignore")).unwrap(), "*\n");
    // Let the files age past the racy window so the fast path applies.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let second = verbose_report(vault.path());
    assert!(!second.contains("(0 from the cache)"), "{second}");
}

#[test]
fn read_only_commands_never_write_the_cache() {
    let vault = copy_vault("basic");
    for command in [&["check"][..], &["list"], &["overdue"], &["audit"], &["intros"], &["who", "x"]] {
        rolo_at(vault.path(), TODAY).args(command).output().unwrap();
    }
    assert!(!vault.path().join(".rolo").exists());
}

/// Stamps are trusted like git trusts its index, except for files modified too close to the
/// cache's own write (the "racy" window), which are re-hashed: an edit made in the same second
/// as the cache, keeping the size and modification time, is still seen.
#[test]
fn an_edit_in_the_same_second_as_the_cache_is_caught_by_the_content_hash() {
    let vault = copy_vault("basic");
    verbose_report(vault.path());
    let before = list_json(vault.path(), &[]);
    let note = vault.path().join("People/Bob Brown.md");
    let text = fs::read_to_string(&note).unwrap();
    let mtime = fs::metadata(&note).unwrap().modified().unwrap();
    // Same length, different content, original modification time restored.
    let edited = text.replacen("2026-04-01", "2026-05-02", 1);
    assert_eq!(edited.len(), text.len());
    assert_ne!(edited, text, "the fixture's last_contact changed");
    fs::write(&note, &edited).unwrap();
    fs::File::options().write(true).open(&note).unwrap().set_modified(mtime).unwrap();
    let after = list_json(vault.path(), &[]);
    let fresh = list_json(vault.path(), &["--no-cache"]);
    assert_eq!(after, fresh, "the cache must never hide an edit");
    assert_ne!(before, after);
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let vault = copy_vault("basic");
    verbose_report(vault.path());
    let expected = list_json(vault.path(), &["--no-cache"]);
    for file in cache_files(vault.path()) {
        fs::write(file, b"ROLOCACH\x04\x00\x00\x00garbage").unwrap();
    }
    assert_eq!(list_json(vault.path(), &[]), expected);
    let log = verbose_report(vault.path());
    assert!(log.contains("(0 from the cache)"), "{log}");
    let rebuilt: Vec<Vec<u8>> = cache_files(vault.path()).iter().map(|f| fs::read(f).unwrap()).collect();
    assert!(rebuilt.iter().all(|bytes| !bytes.ends_with(b"garbage")), "every file rebuilt");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let log = verbose_report(vault.path());
    assert!(!log.contains("(0 from the cache)"), "the rebuilt cache is used: {log}");
}

#[test]
fn deleting_the_cache_is_always_safe() {
    let vault = copy_vault("basic");
    verbose_report(vault.path());
    let reports = fs::read_to_string(vault.path().join("Reports/Overdue.md")).unwrap();
    fs::remove_dir_all(vault.path().join(".rolo/cache")).unwrap();
    verbose_report(vault.path());
    assert_eq!(fs::read_to_string(vault.path().join("Reports/Overdue.md")).unwrap(), reports);
}

#[test]
fn a_deleted_note_disappears_despite_the_cache() {
    let vault = copy_vault("basic");
    verbose_report(vault.path());
    fs::remove_file(vault.path().join("People/Bob Brown.md")).unwrap();
    let rows = list_json(vault.path(), &[]);
    assert!(rows.as_array().unwrap().iter().all(|r| r["name"] != "Bob Brown"), "{rows}");
}

#[test]
fn a_note_over_a_lowered_size_limit_is_skipped_despite_the_cache() {
    let vault = copy_vault("basic");
    let bob = vault.path().join("People/Bob Brown.md");
    let text = fs::read_to_string(&bob).unwrap();
    fs::write(&bob, format!("{text}\n{}\n", "Long notes. ".repeat(100_000))).unwrap();
    // Cached past the racy window, the parse would be taken on its stamp alone.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert!(verbose_report(vault.path()).contains("(0 from the cache)"));
    let config = fs::read_to_string(vault.path().join(".rolo.toml")).unwrap();
    fs::write(vault.path().join(".rolo.toml"), format!("max_note_size_mb = 1\n{config}")).unwrap();
    let rows = list_json(vault.path(), &[]);
    assert!(rows.as_array().unwrap().iter().all(|r| r["name"] != "Bob Brown"), "{rows}");
    let out = rolo_at(vault.path(), TODAY).arg("check").output().unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("People/Bob Brown.md") && printed.contains("max_note_size_mb"), "{printed}");
}

#[test]
fn an_edit_rewrites_only_the_cache_file_holding_that_note() {
    let vault = copy_vault("basic");
    verbose_report(vault.path());
    let read_all = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        cache_files(vault.path()).into_iter().map(|f| (f.clone(), fs::read(f).unwrap())).collect()
    };
    let before = read_all();
    let note = vault.path().join("People/Bob Brown.md");
    let mut text = fs::read_to_string(&note).unwrap();
    text.push_str("\nOne more line.\n");
    fs::write(&note, text).unwrap();
    verbose_report(vault.path());
    let after = read_all();
    assert_eq!(before.len(), after.len());
    let changed: Vec<String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(_, (path, _))| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let shard = rolo::cache::shard_of("People/Bob Brown.md");
    assert_eq!(changed, vec![format!("notes-{shard:02}.bin")]);
}

#[cfg(unix)]
#[test]
fn a_cache_folder_linked_out_of_the_vault_is_neither_read_nor_written() {
    let vault = copy_vault("basic");
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), vault.path().join(".rolo")).unwrap();
    let log = verbose_report(vault.path());
    assert!(log.contains("the cache folder leads outside the vault"), "{log}");
    assert!(vault.path().join("Reports/Overdue.md").is_file(), "the reports are still written");
    let written: Vec<_> = fs::read_dir(outside.path()).unwrap().collect();
    assert!(written.is_empty(), "nothing written outside the vault: {written:?}");
    // A cache planted there is not read either.
    fs::remove_file(vault.path().join(".rolo")).unwrap();
    verbose_report(vault.path());
    fs::rename(vault.path().join(".rolo/cache"), outside.path().join("cache")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("cache"), vault.path().join(".rolo/cache")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let log = verbose_report(vault.path());
    assert!(log.contains("(0 from the cache)"), "{log}");
}

/// The answers links resolved to are remembered between runs, but only while no name,
/// alias or contact changes: here a note that did not change links to `[[Ana]]`, which
/// resolved to nobody, until another note gave Ben that alias.
#[test]
fn remembered_links_follow_a_new_alias_in_another_note() {
    let vault = tempfile::tempdir().unwrap();
    common::write(vault.path(), ".rolo.toml", "");
    common::write(vault.path(), "People/Ana Ruiz.md", "---\nname: Ana Ruiz\n---\n");
    common::write(vault.path(), "People/Ben Ortiz.md", "---\nname: Ben Ortiz\n---\n");
    common::write(vault.path(), "Daily/2026-05-01.md", "Coffee with [[Ana]].\n");
    verbose_report(vault.path());
    let last_contact = |extra: &[&str]| {
        let rows = list_json(vault.path(), extra);
        let ben = rows.as_array().unwrap().iter().find(|r| r["name"] == "Ben Ortiz").cloned().unwrap();
        ben["last_contact"].clone()
    };
    assert_eq!(last_contact(&[]), serde_json::Value::Null);
    common::write(vault.path(), "People/Ben Ortiz.md", "---\nname: Ben Ortiz\naliases: [Ana]\n---\n");
    assert_eq!(last_contact(&[]), "2026-05-01", "the daily note's link now leads to Ben");
    verbose_report(vault.path());
    assert_eq!(last_contact(&[]), "2026-05-01", "and still does once the new answers are saved");
    assert_eq!(list_json(vault.path(), &[]), list_json(vault.path(), &["--no-cache"]));
}

#[test]
fn an_unchanged_vault_rewrites_no_cache_file() {
    let vault = copy_vault("basic");
    verbose_report(vault.path());
    let names: Vec<String> =
        cache_files(vault.path()).iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n.starts_with("links-")), "links' answers are cached: {names:?}");
    // The notes were written just before the first run, so their entries were racy: once
    // they have settled, the next run writes them again, once, to trust their stamps.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let before = common::vault_files(vault.path());
    verbose_report(vault.path());
    let settled = common::changed_paths(&before, &common::vault_files(vault.path()));
    assert!(!settled.is_empty() && settled.iter().all(|p| p.starts_with(".rolo/cache/notes-")), "{settled:?}");
    let before = common::vault_files(vault.path());
    verbose_report(vault.path());
    assert_eq!(common::changed_paths(&before, &common::vault_files(vault.path())), Vec::<String>::new());
}
