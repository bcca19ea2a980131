//! Crash-safe writes: temp file in the same folder, fsync, rename, fsync folder.
//!
//! Notes are only replaced when their bytes still equal what rolo read.
//!
//! A note that is a symbolic link is edited where it really lives: the temporary file is
//! created beside the link's target and renamed over the target, so the link stays a link.
//! Checking that the target lies inside the vault is the caller's job (this module knows no
//! vault): see [`Snapshot::target`] and `write::replace_note`.

use std::fmt;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

use super::EditError;

/// One step of an atomic write, named in errors and used for fault injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creating missing parent folders (only when asked).
    CreateDirs,
    /// Creating the temporary file next to the target.
    CreateTemp,
    /// Writing the new bytes into the temporary file.
    Write,
    /// Flushing the temporary file to disk.
    Sync,
    /// Giving the temporary file the final permissions.
    Permissions,
    /// Renaming the temporary file over the target.
    Rename,
    /// Flushing the folder so the rename survives a crash.
    SyncFolder,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CreateDirs => "creating its folder",
            Self::CreateTemp => "creating a temporary file beside it",
            Self::Write => "writing",
            Self::Sync => "syncing to disk",
            Self::Permissions => "setting permissions",
            Self::Rename => "renaming the temporary file over it",
            Self::SyncFolder => "syncing its folder",
        })
    }
}

/// The bytes of a note as rolo read them, to detect later changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    path: PathBuf,
    /// The file the bytes were read from: `path`, or where its symlink leads.
    target: PathBuf,
    bytes: Vec<u8>,
}

impl Snapshot {
    /// The file this snapshot was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file the bytes really came from and that [`replace_if_unchanged`] replaces:
    /// [`path`](Self::path) itself, or, when that is a symbolic link, the file it leads to
    /// (not canonicalized: folders on the way may still be links).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The bytes read.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes as UTF-8 text; invalid UTF-8 is an error naming the offset.
    pub fn text(&self) -> Result<&str, EditError> {
        std::str::from_utf8(&self.bytes)
            .map_err(|e| EditError::InvalidUtf8 { path: self.path.display().to_string(), offset: e.valid_up_to() })
    }
}

/// Reads `path` into a [`Snapshot`]; a symbolic link is followed, and its target recorded.
pub fn read_snapshot(path: &Path) -> Result<Snapshot, EditError> {
    let read_error = |source| EditError::Read { path: path.display().to_string(), source };
    let target = resolve_links(path).map_err(read_error)?;
    let bytes = fs::read(&target).map_err(read_error)?;
    Ok(Snapshot { path: path.to_path_buf(), target, bytes })
}

/// Most links followed in a chain before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Where `path` leads once the symbolic links of its last component are followed: `path`
/// itself when it is not a link (or does not exist), else the final target of the chain,
/// which may not exist (a dangling link). Folders on the way are left as they are.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = if target.is_absolute() { target } else { folder_of(&current).join(target) };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!("more than {MAX_LINKS} symbolic links in a chain (a loop?)")))
}

/// What a write may do to an existing target.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target<'a> {
    /// Replace the file only if it still holds the snapshot's bytes.
    Replace(&'a Snapshot),
    /// Create the file; refuse if it exists.
    CreateNew { create_dirs: bool },
    /// Create or replace; a symbolic link at the path is replaced by the file.
    Overwrite,
    /// Create or replace; a symbolic link at the path is followed and its target written.
    OverwriteThroughLink,
}

/// Replaces the snapshot's file with `new_contents` unless it changed on disk.
pub fn replace_if_unchanged(snapshot: &Snapshot, new_contents: &[u8]) -> Result<(), EditError> {
    write_with(&snapshot.path, new_contents, Target::Replace(snapshot), &mut |_| Ok(()))
}

/// Creates `path` atomically with mode 0644; refuses if it exists.
///
/// Missing parent folders are created only when `create_dirs` is true.
pub fn create_new(path: &Path, contents: &[u8], create_dirs: bool) -> Result<(), EditError> {
    write_with(path, contents, Target::CreateNew { create_dirs }, &mut |_| Ok(()))
}

/// Creates or replaces a generated file atomically (keeps existing permissions).
///
/// A symbolic link at `path` is replaced by the new file, never written through: rolo's own
/// files (cache, reports) must not lead anywhere else.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), EditError> {
    write_with(path, contents, Target::Overwrite, &mut |_| Ok(()))
}

/// Creates or replaces a file atomically like [`write_atomic`], but when `path` is a symbolic
/// link, the file it leads to is replaced (created if the link dangles) and the link kept.
///
/// For files the user named explicitly (`export --out`); it does not check where the link
/// leads.
pub fn write_atomic_through_link(path: &Path, contents: &[u8]) -> Result<(), EditError> {
    write_with(path, contents, Target::OverwriteThroughLink, &mut |_| Ok(()))
}

/// Refuses a path where something (a file, a folder, even a dangling link) already is: what
/// creating a file there would refuse. Dry runs ask it without creating anything.
pub fn refuse_existing(path: &Path) -> Result<(), EditError> {
    match fs::symlink_metadata(path) {
        Ok(_) => Err(EditError::AlreadyExists { path: label(path) }),
        Err(_) => Ok(()),
    }
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn label(path: &Path) -> String {
    path.display().to_string()
}

/// Runs `op` after asking `hook` whether to fail at `step`.
fn run<T, F, H>(path: &Path, step: Step, hook: &mut H, op: F) -> Result<T, EditError>
where
    F: FnOnce() -> io::Result<T>,
    H: FnMut(Step) -> io::Result<()>,
{
    hook(step).and_then(|()| op()).map_err(|source| EditError::Write { path: label(path), step, source })
}

/// The atomic write with a `hook` called before each step; tests make it fail.
pub(crate) fn write_with<H: FnMut(Step) -> io::Result<()>>(
    path: &Path,
    contents: &[u8],
    target: Target<'_>,
    hook: &mut H,
) -> Result<(), EditError> {
    // The file really replaced: errors still name `path`, the one the user knows.
    let dest = destination(path, target)?;
    let dir = folder_of(&dest);
    if let Target::CreateNew { create_dirs } = target {
        if create_dirs {
            run(path, Step::CreateDirs, hook, || fs::create_dir_all(&dir))?;
        }
        refuse_existing(path)?;
    }
    let mut tmp =
        run(path, Step::CreateTemp, hook, || Builder::new().prefix(".rolo-").suffix(".tmp").tempfile_in(&dir))?;
    run(path, Step::Write, hook, || tmp.write_all(contents))?;
    run(path, Step::Sync, hook, || tmp.as_file().sync_all())?;
    let perms = final_permissions(path, &dest, target)?;
    if let Some(perms) = perms {
        run(path, Step::Permissions, hook, || tmp.as_file().set_permissions(perms))?;
    }
    rename(path, &dest, tmp, target, hook)?;
    sync_folder(path, &dir, hook)
}

/// The file a write renames over: `path`, or for `Replace` and `OverwriteThroughLink` the
/// target of the symbolic link at `path`. `Replace` refuses when the link now leads somewhere
/// else than when the snapshot was read.
fn destination(path: &Path, target: Target<'_>) -> Result<PathBuf, EditError> {
    match target {
        Target::Replace(snapshot) => match resolve_links(path) {
            Ok(dest) if dest == snapshot.target => Ok(dest),
            _ => Err(EditError::ChangedOnDisk { path: label(path) }),
        },
        Target::OverwriteThroughLink => {
            resolve_links(path).map_err(|source| EditError::Write { path: label(path), step: Step::CreateTemp, source })
        }
        Target::CreateNew { .. } | Target::Overwrite => Ok(path.to_path_buf()),
    }
}

/// Checks the target (for `Replace`) and picks the permissions to give the new file.
fn final_permissions(path: &Path, dest: &Path, target: Target<'_>) -> Result<Option<Permissions>, EditError> {
    match target {
        Target::Replace(snapshot) => {
            let changed = || EditError::ChangedOnDisk { path: label(path) };
            let current = fs::read(dest).map_err(|_| changed())?;
            if current != snapshot.bytes {
                return Err(changed());
            }
            Ok(fs::metadata(dest).ok().map(|m| m.permissions()))
        }
        Target::CreateNew { .. } => Ok(default_permissions()),
        Target::Overwrite | Target::OverwriteThroughLink => {
            Ok(fs::metadata(dest).ok().map(|m| m.permissions()).or_else(default_permissions))
        }
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<Permissions> {
    None
}

fn rename<H: FnMut(Step) -> io::Result<()>>(
    path: &Path,
    dest: &Path,
    tmp: NamedTempFile,
    target: Target<'_>,
    hook: &mut H,
) -> Result<(), EditError> {
    run(path, Step::Rename, hook, || Ok(()))?;
    let result = match target {
        Target::CreateNew { .. } => tmp.persist_noclobber(dest),
        _ => tmp.persist(dest),
    };
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(EditError::AlreadyExists { path: label(path) }),
        Err(e) => Err(EditError::Write { path: label(path), step: Step::Rename, source: e.error }),
    }
}

fn sync_folder<H: FnMut(Step) -> io::Result<()>>(path: &Path, dir: &Path, hook: &mut H) -> Result<(), EditError> {
    let result = hook(Step::SyncFolder).and_then(|()| sync_dir(dir));
    result.map_err(|source| EditError::SyncFolder { path: label(path), source })
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[path = "atomic_tests.rs"]
mod tests;
