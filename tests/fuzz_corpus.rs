//! Replays the committed fuzz corpus (`tests/fixtures/fuzz-corpus/<target>/`, minimised with
//! `cargo fuzz cmin`, plus every crash reproducer found) through the same checks the fuzz
//! targets run (`fuzz/src/lib.rs`), so they stay regression tests on stable `cargo test`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failures.push(file.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(failures.is_empty(), "{target}: {} of {} inputs failed: {failures:?}", failures.len(), files.len());
}

#[test]
fn note_parse_corpus() {
    replay("note_parse", checks::note_parse);
}

#[test]
fn cadence_date_corpus() {
    replay("cadence_date", checks::cadence_date);
}

#[test]
fn import_linkedin_corpus() {
    replay("import_linkedin", checks::import_linkedin);
}

#[test]
fn import_vcard_corpus() {
    replay("import_vcard", checks::import_vcard);
}

#[test]
fn import_csv_corpus() {
    replay("import_csv", checks::import_csv);
}

#[test]
fn edit_ops_corpus() {
    replay("edit_ops", checks::edit_ops);
}
