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
        // Folders are left out here, with all they hold; files below, once their relative
        // path is known (computing it is most of the walk's own work).
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_type().is_dir() || !is_skipped_folder(config, root, entry)
        });
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
        let Some(rel) = walked_relative(root, entry.path()) else { continue };
        if is_skipped(config, &entry.file_name().to_string_lossy(), &rel) {
            continue;
        }
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

fn is_skipped_folder(config: &Config, root: &Path, entry: &walkdir::DirEntry) -> bool {
    match walked_relative(root, entry.path()) {
        Some(rel) => is_skipped(config, &entry.file_name().to_string_lossy(), &rel),
        None => true,
    }
}

/// Whether a file or folder (by name and vault-relative path) is left out of the vault.
fn is_skipped(config: &Config, name: &str, rel: &str) -> bool {
    name.starts_with('.') || SKIPPED_FOLDERS.contains(&name) || config.is_in_reports(rel) || config.is_excluded(rel)
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

/// [`relative`] for a path the walk found: it joins names onto `root` as given, so what
/// follows `root`'s bytes is the relative path, with no `.` or empty parts to drop. Falls
/// back to [`relative`] where the separator is not `/`.
fn walked_relative(root: &Path, path: &Path) -> Option<String> {
    let rest = path.as_os_str().as_encoded_bytes().strip_prefix(root.as_os_str().as_encoded_bytes());
    match rest.map(|rest| rest.strip_prefix(b"/").unwrap_or(rest)) {
        Some(rest) if std::path::MAIN_SEPARATOR == '/' && !rest.is_empty() && !rest.starts_with(b"/") => {
            Some(String::from_utf8_lossy(rest).into_owned())
        }
        _ => relative(root, path),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "People/Ana.md",
            "People/Old Bo.md",
            "People/.draft.md",
            "People/notes.txt",
            ".obsidian/x.md",
            "Reports/Overdue.md",
            "Archive/2019/Cy.md",
            "Daily/2026-01-02.md",
            "Ünïcode/Dé.md",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(dir.path().join(".rolo.toml"), "exclude = [\"Archive/**\", \"People/Old *.md\"]\n").unwrap();
        dir
    }

    #[test]
    fn hidden_excluded_and_report_files_are_left_out() {
        let dir = vault();
        let config = Config::load(dir.path()).unwrap();
        let (notes, diagnostics) = discover(&config);
        let rels: Vec<&str> = notes.iter().map(|n| n.rel.as_str()).collect();
        assert_eq!(rels, ["Daily/2026-01-02.md", "People/Ana.md", "Ünïcode/Dé.md"]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn walked_paths_relative_to_any_spelling_of_the_root() {
        let dir = vault();
        let base = dir.path().display().to_string();
        for root in [base.clone(), format!("{base}/"), format!("{base}//"), format!("{base}/."), format!("{base}/./")] {
            let root = Path::new(&root);
            let mut seen = 0;
            for entry in WalkDir::new(root).min_depth(1) {
                let path = entry.unwrap().into_path();
                assert_eq!(walked_relative(root, &path), relative(root, &path), "{root:?} {path:?}");
                seen += 1;
            }
            assert!(seen > 10, "{root:?}: {seen}");
        }
    }
}
