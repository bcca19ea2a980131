//! Walking the vault folder for Markdown notes.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown file found in the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePath {
    /// Vault-relative path with `/` separators.
    pub rel: String,
    /// Absolute (or vault-joined) path to read from.
    pub abs: PathBuf,
}

/// Folder names never descended into, besides hidden ones.
const SKIPPED_FOLDERS: [&str; 3] = [".obsidian", ".git", ".trash"];

/// Lists every Markdown note of the vault, sorted by path, with a diagnostic for each file
/// or folder that could not be visited. Reports, hidden folders and excluded paths are left out.
pub fn discover(config: &Config) -> (Vec<NotePath>, Vec<Diagnostic>) {
    let root = config.vault.as_path();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut notes = Vec::new();
    let mut diagnostics = Vec::new();
    let mut walker = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped(config, root, entry.path()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(walk_error(root, &e));
                continue;
            }
        };
        if entry.file_type().is_dir() && entry.path_is_symlink() && !stays_inside(&canonical_root, entry.path()) {
            // Files below a linked folder are not links themselves: check the folder once.
            if let Some(rel) = relative(root, entry.path()) {
                diagnostics.push(Diagnostic::warning(
                    &rel,
                    1,
                    1,
                    "symbolic link to a folder outside the vault: skipped. Move its notes into the vault to include them",
                ));
            }
            walker.skip_current_dir();
            continue;
        }
        if !entry.file_type().is_file() || !is_markdown(entry.path()) {
            continue;
        }
        let Some(rel) = relative(root, entry.path()) else { continue };
        if entry.path_is_symlink() && !stays_inside(&canonical_root, entry.path()) {
            diagnostics.push(Diagnostic::warning(
                &rel,
                1,
                1,
                "symbolic link to a file outside the vault: skipped. Move the note into the vault to include it",
            ));
            continue;
        }
        notes.push(NotePath { rel, abs: entry.into_path() });
    }
    // Sorted once here rather than per folder while walking: walkdir's sort compares file
    // names it extracts from each path, which cost more than the walk's own work.
    notes.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    diagnostics.sort();
    (notes, diagnostics)
}

fn is_skipped(config: &Config, root: &Path, path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') || SKIPPED_FOLDERS.contains(&name.as_ref()) {
        return true;
    }
    match relative(root, path) {
        Some(rel) => config.is_in_reports(&rel) || config.is_excluded(&rel),
        None => true,
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
}

/// The vault-relative form of a path, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

fn stays_inside(canonical_root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|target| target.starts_with(canonical_root))
}

fn walk_error(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let rel = error.path().and_then(|p| relative(root, p)).unwrap_or_else(|| ".".to_string());
    let message = if error.loop_ancestor().is_some() {
        "symbolic link loop: skipped. Remove the link or point it elsewhere".to_string()
    } else {
        match error.io_error() {
            Some(io) => format!("cannot read: {io}. Check the file's permissions"),
            None => format!("cannot read: {error}"),
        }
    };
    Diagnostic::warning(&rel, 1, 1, message)
}
