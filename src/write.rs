//! The only place that writes reports: inside the reports folder, only when the content
//! changed, atomically (temporary file, fsync, rename), never outside the vault.

use crate::config::Config;
use crate::edit::{self, EditError};
use std::path::{Path, PathBuf};

/// A report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The reports folder resolves outside the vault (e.g. through a symlink).
    #[error("{path}: the reports folder leads outside the vault ({target}); nothing was written. Point reports_dir in .rolo.toml at a folder inside the vault")]
    OutsideVault {
        /// The configured folder.
        path: PathBuf,
        /// Where it really leads.
        target: PathBuf,
    },
    /// The reports folder could not be created or inspected.
    #[error("{path}: cannot create the reports folder: {source}. Check the vault's permissions")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The report file could not be written.
    #[error(transparent)]
    File(#[from] EditError),
}

/// What happened to one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file already had this content: not touched.
    Unchanged,
    /// The file was created or replaced.
    Written,
    /// Dry run: the file would change; the unified diff.
    WouldChange(String),
}

/// The path of a report file, and its current content if it exists (for merging).
pub fn report_path(config: &Config, file_name: &str) -> PathBuf {
    config.reports_path().join(file_name)
}

/// Reads the current content of a report, if any.
pub fn current(config: &Config, file_name: &str) -> Option<String> {
    std::fs::read_to_string(report_path(config, file_name)).ok()
}

/// Writes `content` to `reports_dir/file_name` unless it is already there.
pub fn write_report(config: &Config, file_name: &str, content: &str, dry_run: bool) -> Result<Outcome, WriteError> {
    let dir = config.reports_path();
    let path = dir.join(file_name);
    let old = std::fs::read(&path).ok();
    if old.as_deref() == Some(content.as_bytes()) {
        return Ok(Outcome::Unchanged);
    }
    if dry_run {
        let old_text = old.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let label = format!("{}/{}", config.reports_dir, file_name);
        return Ok(Outcome::WouldChange(edit::unified_diff(&label, &old_text, content)));
    }
    ensure_inside_vault(&config.vault, &dir)?;
    if path.is_symlink() {
        // Never write through a link: it could lead anywhere.
        std::fs::remove_file(&path).map_err(|source| WriteError::Folder { path: path.clone(), source })?;
    }
    edit::write_atomic(&path, content.as_bytes())?;
    Ok(Outcome::Written)
}

/// Creates the reports folder if needed, checks that it lies inside the vault, and returns it.
pub fn prepare_reports_dir(config: &Config) -> Result<PathBuf, WriteError> {
    let dir = config.reports_path();
    ensure_inside_vault(&config.vault, &dir)?;
    Ok(dir)
}

/// Creates the reports folder if needed and checks that it really lies inside the vault.
fn ensure_inside_vault(vault: &Path, dir: &Path) -> Result<(), WriteError> {
    create_inside_vault(vault, dir).map_err(|problem| match problem {
        FolderProblem::Outside(target) => WriteError::OutsideVault { path: dir.to_path_buf(), target },
        FolderProblem::Io(source) => WriteError::Folder { path: dir.to_path_buf(), source },
    })
}

/// Why a folder rolo writes into could not be used.
#[derive(Debug)]
pub enum FolderProblem {
    /// It resolves outside the vault (through a symlink); carries where it leads.
    Outside(PathBuf),
    /// It could not be inspected or created.
    Io(std::io::Error),
}

/// Creates `dir` (and its parents) if needed, but only if it lies inside the vault once
/// symlinks are resolved: each existing ancestor is checked before anything is created, so a
/// symlinked parent that leads out of the vault is refused before rolo creates folders there.
pub fn create_inside_vault(vault: &Path, dir: &Path) -> Result<(), FolderProblem> {
    let vault_real = vault.canonicalize().map_err(FolderProblem::Io)?;
    let mut existing = dir.to_path_buf();
    while !existing.exists() {
        match existing.parent() {
            Some(parent) => existing = parent.to_path_buf(),
            None => break,
        }
    }
    let real = existing.canonicalize().map_err(FolderProblem::Io)?;
    if !real.starts_with(&vault_real) {
        return Err(FolderProblem::Outside(real));
    }
    std::fs::create_dir_all(dir).map_err(FolderProblem::Io)?;
    let real = dir.canonicalize().map_err(FolderProblem::Io)?;
    if !real.starts_with(&vault_real) {
        return Err(FolderProblem::Outside(real));
    }
    Ok(())
}

/// Whether `dir` exists and lies inside the vault once symlinks are resolved.
pub fn is_inside_vault(vault: &Path, dir: &Path) -> bool {
    match (vault.canonicalize(), dir.canonicalize()) {
        (Ok(vault), Ok(dir)) => dir.starts_with(vault),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path) -> Config {
        Config::defaults(dir.to_path_buf())
    }

    #[test]
    fn writes_then_leaves_an_unchanged_report_alone() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(dir.path());
        assert_eq!(write_report(&c, "A.md", "x\n", false).unwrap(), Outcome::Written);
        let mtime = std::fs::metadata(dir.path().join("Reports/A.md")).unwrap().modified().unwrap();
        assert_eq!(write_report(&c, "A.md", "x\n", false).unwrap(), Outcome::Unchanged);
        assert_eq!(std::fs::metadata(dir.path().join("Reports/A.md")).unwrap().modified().unwrap(), mtime);
    }

    #[test]
    fn dry_run_writes_nothing_and_shows_a_diff() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = write_report(&config(dir.path()), "A.md", "x\n", true).unwrap();
        assert!(matches!(outcome, Outcome::WouldChange(d) if d.contains("+x")));
        assert!(!dir.path().join("Reports").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_reports_folder_linking_outside_the_vault_is_refused() {
        let vault = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), vault.path().join("Reports")).unwrap();
        let err = write_report(&config(vault.path()), "A.md", "x", false).unwrap_err();
        assert!(matches!(err, WriteError::OutsideVault { .. }), "{err}");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}
