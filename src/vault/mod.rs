//! Finding and reading the vault's Markdown files: walking the folder tree, skipping what is
//! never a note (hidden folders, reports, exclusions, symlinks leading out of the vault), and
//! turning bytes into text (BOM, invalid UTF-8, size limits, binary files).

mod load;
pub(crate) mod read;
mod walk;

pub use load::{load, CacheMode, Loaded};
pub use read::{decode, NoteSource};
pub use walk::{discover, NotePath};
