//! Finding and reading the vault's Markdown files: walking the folder tree, skipping what is
//! never a note (hidden folders, reports, exclusions, symlinks leading out of the vault), and
//! turning bytes into text (BOM, invalid UTF-8, size limits, binary files).

mod load;
pub(crate) mod read;
mod walk;

pub use load::{load, CacheMode, Loaded};
pub use read::{decode, read_note, NoteSource};
pub use walk::{discover, discover_paths, NotePath};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;

/// Walks the vault and reads every note in parallel. Problems become diagnostics; the
/// notes that could be read are returned in path order.
pub fn read_all(config: &Config) -> (Vec<NoteSource>, Vec<Diagnostic>) {
    let (paths, mut diagnostics) = discover(config);
    let results: Vec<Result<NoteSource, Diagnostic>> =
        paths.into_par_iter().map(|p| read_note(&p, config.max_note_bytes)).collect();
    let mut notes = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(note) => {
                diagnostics.extend(note.diagnostics.iter().cloned());
                notes.push(note);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    (notes, diagnostics)
}
