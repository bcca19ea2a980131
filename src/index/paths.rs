//! Wikilinks to a vault path (`[[People/Ana Ruiz]]`), resolved as Obsidian's
//! `getFirstLinkpathDest` does: ignoring case, `.md` optional, a leading `/` ignored; the
//! exact vault-relative path first, else the one file whose path ends with the link at a
//! folder boundary (`[[People/Ana Ruiz]]` finds `Work/People/Ana Ruiz.md`). Several such
//! files are ambiguous, never guessed.
//!
//! Only stems that several files share need their paths: for any other stem the one file
//! that has it is the only file a path ending in it could name. So the paths kept here are
//! those of the few files that share a stem, and a vault without shared stems pays one
//! sort of hashes to find that out.

use super::resolve::Resolution;
use crate::model::contact::ContactId;
use crate::note::ShortString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// A note of the vault as the lookup sees it.
#[derive(Debug, Clone, Copy)]
pub struct NoteFile<'a> {
    /// Its vault-relative path (`People/Ana Ruiz.md`).
    pub path: &'a str,
    /// Its file name without the extension.
    pub stem: &'a str,
    /// The contact it describes, if it is a contact's note.
    pub contact: Option<ContactId>,
}

/// What a file is, for links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    /// A contact's note.
    Contact(ContactId),
    /// Any other note.
    Note,
}

impl File {
    fn of(note: &NoteFile<'_>) -> File {
        note.contact.map_or(File::Note, File::Contact)
    }
}

/// The files of every stem that more than one file has, by stem key: each file's path key
/// (vault path without extension, as a lookup key) and what it is, in path order.
#[derive(Debug, Default)]
pub struct SharedStems {
    by_stem: FxHashMap<ShortString, Vec<(ShortString, File)>>,
}

impl SharedStems {
    /// The shared stems among `files`, whose stem keys (and their hashes) are `keys`.
    pub fn new(files: &[NoteFile<'_>], keys: &[(u64, ShortString)]) -> Self {
        let mut order: Vec<(u64, usize)> = keys.par_iter().enumerate().map(|(i, (hash, _))| (*hash, i)).collect();
        order.par_sort_unstable();
        let mut by_stem: FxHashMap<ShortString, Vec<(ShortString, File)>> = FxHashMap::default();
        for run in order.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            for &(_, i) in run {
                by_stem.entry(keys[i].1.clone()).or_default().push((path_key(&files[i]), File::of(&files[i])));
            }
        }
        // Equal hashes of different stems leave a stem with one file: not shared.
        by_stem.retain(|_, files| files.len() > 1);
        SharedStems { by_stem }
    }

    /// Whether several files have this stem key.
    pub fn contains(&self, stem_key: &str) -> bool {
        !self.by_stem.is_empty() && self.by_stem.contains_key(stem_key)
    }

    /// Whether no two files share a stem, as in most vaults.
    pub fn is_empty(&self) -> bool {
        self.by_stem.is_empty()
    }

    /// Resolves a normalised link path (lookup key, no leading `/`, no `.md`) whose stem key
    /// is `stem`, among the files sharing that stem; `None` when the stem is not shared.
    pub fn resolve(&self, path: &str, stem: &str) -> Option<Resolution> {
        let files = self.by_stem.get(stem)?;
        let exact: Vec<File> = files.iter().filter(|(p, _)| p == path).map(|(_, f)| *f).collect();
        if !exact.is_empty() {
            return Some(one_of(&exact));
        }
        let by_suffix: Vec<File> = files.iter().filter(|(p, _)| ends_at_folder(p, path)).map(|(_, f)| *f).collect();
        Some(one_of(&by_suffix))
    }
}

/// Whether `path` ends with `link`, which starts a folder or file name there.
fn ends_at_folder(path: &str, link: &str) -> bool {
    path.len() > link.len() && path.ends_with(link) && path.as_bytes()[path.len() - link.len() - 1] == b'/'
}

/// The one file that matched; or, when several did, the contacts among them (none: a note).
fn one_of(files: &[File]) -> Resolution {
    match files {
        [] => Resolution::Missing,
        [File::Contact(id)] => Resolution::Contact(*id),
        [File::Note] => Resolution::Note,
        many => {
            let ids: Vec<ContactId> = many
                .iter()
                .filter_map(|f| match f {
                    File::Contact(id) => Some(*id),
                    File::Note => None,
                })
                .collect();
            if ids.is_empty() {
                Resolution::Note
            } else {
                Resolution::Ambiguous(ids)
            }
        }
    }
}

/// A note's vault path without its extension, as a link to it by path writes it:
/// `People/Ana Ruiz`, or `/Ana Ruiz` for a note at the vault root, which without the `/`
/// would be a link by file name. `stem` is the file's name without its extension.
pub fn link_path<'a>(path: &'a str, stem: &str) -> Cow<'a, str> {
    match path.rfind('/') {
        Some(i) => Cow::Borrowed(path.get(..i + 1 + stem.len()).unwrap_or(path)),
        None => Cow::Owned(format!("/{stem}")),
    }
}

/// A file's vault path without its extension, as a lookup key.
fn path_key(file: &NoteFile<'_>) -> ShortString {
    let path = link_path(file.path, file.stem);
    super::resolve::key(path.trim_start_matches('/'))
}

/// A link target that is a path, as the key [`SharedStems::resolve`] takes: lowercased
/// and normalised like any key, without a leading `/` or a trailing `.md`.
pub fn link_path_key(target: &str) -> ShortString {
    let key = super::resolve::key(target);
    let path = key.trim_start_matches('/');
    let path = path.strip_suffix(".md").unwrap_or(path);
    ShortString::from(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(paths: &[(&'static str, Option<ContactId>)]) -> SharedStems {
        let files: Vec<NoteFile<'_>> = paths
            .iter()
            .map(|&(path, contact)| NoteFile { path, stem: crate::note::file_stem(path), contact })
            .collect();
        let keys: Vec<(u64, ShortString)> = files
            .iter()
            .map(|f| {
                let key = super::super::resolve::key(f.stem);
                (xxhash_rust::xxh3::xxh3_64(key.as_bytes()), key)
            })
            .collect();
        SharedStems::new(&files, &keys)
    }

    #[test]
    fn only_stems_of_several_files_are_kept() {
        let shared = stems(&[("People/Ana.md", Some(0)), ("Clients/ana.md", Some(1)), ("People/Ben.md", Some(2))]);
        assert!(shared.contains("ana"));
        assert!(!shared.contains("ben"));
        assert_eq!(shared.resolve("people/ben", "ben"), None, "a stem of one file is not looked up here");
    }

    #[test]
    fn the_exact_path_wins_over_a_longer_one() {
        let shared = stems(&[("People/Ana.md", Some(0)), ("Work/People/Ana.md", Some(1))]);
        assert_eq!(shared.resolve("people/ana", "ana"), Some(Resolution::Contact(0)));
        assert_eq!(shared.resolve("work/people/ana", "ana"), Some(Resolution::Contact(1)));
    }

    #[test]
    fn a_path_matches_the_end_of_a_longer_path_at_a_folder() {
        let shared = stems(&[("Work/People/Ana.md", Some(0)), ("Clients/Ana.md", Some(1))]);
        assert_eq!(shared.resolve("people/ana", "ana"), Some(Resolution::Contact(0)));
        assert_eq!(shared.resolve("ople/ana", "ana"), Some(Resolution::Missing), "not at a folder boundary");
    }

    #[test]
    fn several_matching_paths_are_ambiguous() {
        let shared = stems(&[("A/People/Ana.md", Some(0)), ("B/People/Ana.md", Some(1)), ("C/Ana.md", None)]);
        assert_eq!(shared.resolve("people/ana", "ana"), Some(Resolution::Ambiguous(vec![0, 1])));
    }

    #[test]
    fn a_path_to_a_note_is_a_note() {
        let shared = stems(&[("People/Ana.md", Some(0)), ("Projects/Ana.md", None)]);
        assert_eq!(shared.resolve("projects/ana", "ana"), Some(Resolution::Note));
    }

    #[test]
    fn a_path_that_matches_no_file_of_a_shared_stem_is_missing() {
        let shared = stems(&[("People/Ana.md", Some(0)), ("Clients/Ana.md", Some(1))]);
        assert_eq!(shared.resolve("friends/ana", "ana"), Some(Resolution::Missing));
    }

    #[test]
    fn a_link_path_keeps_the_folders_and_starts_a_root_note_with_a_slash() {
        assert_eq!(link_path("Work/People/Ana Ruiz.md", "Ana Ruiz"), "Work/People/Ana Ruiz");
        assert_eq!(link_path("Ana Ruiz.md", "Ana Ruiz"), "/Ana Ruiz");
    }

    #[test]
    fn link_paths_lose_case_a_leading_slash_and_md() {
        assert_eq!(link_path_key("/People/Ana Ruiz.md"), "people/ana ruiz");
        assert_eq!(link_path_key("Ünï/Dé"), "ünï/dé");
    }
}
