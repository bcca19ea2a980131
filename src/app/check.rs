//! `rolo check`: every problem in the vault, one per line, for people, git hooks and CI.

use super::output::print_json;
use super::{Session, Verbosity};
use crate::exit;
use anyhow::Result;

/// Lists every problem; exit 1 when there are errors.
pub fn check(session: &Session, json: bool) -> Result<u8> {
    let index = session.index();
    let diagnostics = &index.diagnostics;
    if json {
        print_json(diagnostics)?;
    } else {
        for d in diagnostics.iter().filter(|d| d.is_error() || session.verbosity != Verbosity::Quiet) {
            println!("{d}");
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if session.verbosity != Verbosity::Quiet {
        if !index.field_aliases_read.is_empty() {
            let read: Vec<String> = index.field_aliases_read.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            eprintln!("rolo: read field names of other tools as rolo's own: {}", read.join(", "));
        }
        eprintln!(
            "rolo: {} notes, {} contacts: {errors} error{}, {warnings} warning{}",
            index.notes_read,
            index.contacts.len(),
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
    Ok(if errors > 0 { exit::PROBLEMS } else { exit::SUCCESS })
}
