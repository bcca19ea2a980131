//! Loading every note of the vault, parsed, through the parse cache: files whose size and
//! modification time match the cache are not read at all; files whose stamp changed are read
//! and hashed, and parsed only if their content really changed.

use super::read::{decode, read_bytes};
use super::walk::{discover, NotePath};
use crate::cache::{self, Cache, Lookup, Stamp};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::memo::LinkMemo;
use crate::note::{self, ParsedNote};
use rayon::prelude::*;
use std::time::UNIX_EPOCH;

/// Whether to use the parse cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheMode {
    /// Read every file and keep each note's full text (for searching it).
    Off,
    /// Read every file, without the cache (`--no-cache`); the text is not kept.
    Bypass,
    /// Use the cache, never write it (read-only commands).
    Read,
    /// Use the cache and update it (commands that write reports).
    ReadWrite,
}

impl CacheMode {
    /// Whether notes are looked up in the parse cache before they are read.
    fn reads_cache(self) -> bool {
        matches!(self, CacheMode::Read | CacheMode::ReadWrite)
    }
}

/// The notes of the vault and what loading them took.
pub struct Loaded {
    /// Every note that could be read, parsed, in path order.
    pub notes: Vec<ParsedNote>,
    /// Problems found while walking and reading.
    pub diagnostics: Vec<Diagnostic>,
    /// How many notes came from the cache.
    pub reused: usize,
    /// What the notes' links resolved to in the last run, from the cache (empty without it).
    pub links: LinkMemo,
    /// With [`CacheMode::ReadWrite`] and a changed vault: the changed cache files, to be
    /// written with [`cache::Update::write`] once the command has succeeded.
    pub cache_update: Option<cache::Update>,
}

enum Job {
    Reuse(Stamp, u64, Box<ParsedNote>),
    Verify(NotePath, Stamp, u64, Box<ParsedNote>),
    Parse(NotePath),
}

/// Walks, reads and parses the vault, reusing cached parses where the files did not change.
pub fn load(config: &Config, mode: CacheMode) -> Loaded {
    // Walking is one thread of system calls; decoding the cache meanwhile uses the other cores.
    let ((paths, mut diagnostics), (mut cache, links)) = rayon::join(
        || discover(config),
        || {
            if mode.reads_cache() {
                rayon::join(|| Cache::load(&config.vault), || cache::load_links(&config.vault))
            } else {
                (Cache::default(), LinkMemo::default())
            }
        },
    );
    // Only searching needs the text; dropping it where each note is parsed keeps the whole
    // vault's text (the size of the vault) out of memory.
    let keep_text = mode == CacheMode::Off;
    // Without the cache every file is read, and reading it stamps it: no stat beforehand.
    let stamped: Vec<(NotePath, Option<Stamp>)> = paths
        .into_par_iter()
        .map(|p| {
            let stamp = if mode.reads_cache() { stamp_of(&p) } else { None };
            (p, stamp)
        })
        .collect();
    let files: Vec<(&str, Option<Stamp>)> = stamped.iter().map(|(path, stamp)| (path.rel.as_str(), *stamp)).collect();
    let lookups = cache.take_all(&files);
    let jobs: Vec<Job> = stamped
        .into_iter()
        .zip(lookups)
        .map(|((path, stamp), lookup)| match (stamp, lookup) {
            // A note over the size limit is read again, which skips it with a warning: the
            // limit may have been lowered since it was cached.
            (Some(stamp), _) if stamp.len > config.max_note_bytes => Job::Parse(path),
            (Some(stamp), Lookup::Fresh(hash, note)) => Job::Reuse(stamp, hash, note),
            (Some(_), Lookup::Check(stamp, hash, note)) => Job::Verify(path, stamp, hash, note),
            _ => Job::Parse(path),
        })
        .collect();
    // A cache file is rewritten when one of its notes changed, appeared or was deleted.
    let mut dirty = [false; cache::SHARDS];
    cache.leftover_shards().for_each(|shard| dirty[shard] = true);
    let results: Vec<Result<(Stamp, u64, ParsedNote, Reuse), Diagnostic>> =
        jobs.into_par_iter().map(|job| run(job, config.max_note_bytes, keep_text)).collect();
    let mut loaded = Vec::with_capacity(results.len());
    let mut reused = 0;
    for result in results {
        match result {
            Ok((stamp, hash, mut note, reuse)) => {
                note.content_hash = hash;
                reused += usize::from(reuse != Reuse::None);
                if reuse != Reuse::Entry {
                    dirty[cache::shard_of(&note.rel)] = true;
                }
                loaded.push((stamp, hash, note));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let cache_update = (mode == CacheMode::ReadWrite && dirty.contains(&true)).then(|| {
        let entries: Vec<(Stamp, u64, &ParsedNote)> = loaded.iter().map(|(s, h, n)| (*s, *h, n)).collect();
        Cache::encode(&entries, &dirty)
    });
    Loaded { notes: loaded.into_iter().map(|(_, _, n)| n).collect(), diagnostics, reused, links, cache_update }
}

fn stamp_of(path: &NotePath) -> Option<Stamp> {
    let metadata = std::fs::metadata(&path.abs).ok()?;
    let mtime_ns = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    Some(Stamp { len: metadata.len(), mtime_ns })
}

/// What a note's load took from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reuse {
    /// The whole entry, which stays as it was.
    Entry,
    /// The parse, under an entry to write again: its stamp changed, or it was checked only
    /// for being racy and no longer is.
    Parse,
    /// Nothing: the note was parsed.
    None,
}

/// Runs one job: (stamp, content hash, note, what came from the cache).
fn run(job: Job, max_bytes: u64, keep_text: bool) -> Result<(Stamp, u64, ParsedNote, Reuse), Diagnostic> {
    match job {
        Job::Reuse(stamp, hash, note) => Ok((stamp, hash, *note, Reuse::Entry)),
        Job::Verify(path, cached_stamp, cached_hash, cached) => {
            let (bytes, mtime_ns) = read_bytes(&path, max_bytes)?;
            let stamp = Stamp { len: bytes.len() as u64, mtime_ns };
            let hash = cache::hash(&bytes);
            if hash == cached_hash {
                let same_entry = stamp == cached_stamp && cache::is_racy_now(stamp.mtime_ns);
                return Ok((stamp, hash, *cached, if same_entry { Reuse::Entry } else { Reuse::Parse }));
            }
            parse(&path, bytes, stamp, hash, keep_text)
        }
        Job::Parse(path) => {
            let (bytes, mtime_ns) = read_bytes(&path, max_bytes)?;
            let stamp = Stamp { len: bytes.len() as u64, mtime_ns };
            let hash = cache::hash(&bytes);
            parse(&path, bytes, stamp, hash, keep_text)
        }
    }
}

fn parse(
    path: &NotePath,
    bytes: Vec<u8>,
    stamp: Stamp,
    hash: u64,
    keep_text: bool,
) -> Result<(Stamp, u64, ParsedNote, Reuse), Diagnostic> {
    let source = decode(&path.rel, bytes, stamp.mtime_ns)?;
    let mut note = note::parse(source);
    if !keep_text {
        note.text = String::new();
    }
    Ok((stamp, hash, note, Reuse::None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(path: &NotePath, cached_stamp: Stamp, cached_hash: u64) -> Reuse {
        let note = Box::new(note::parse(decode(&path.rel, Vec::new(), 0).unwrap()));
        run(Job::Verify(path.clone(), cached_stamp, cached_hash, note), 1 << 20, false).unwrap().3
    }

    #[test]
    fn a_racy_entry_is_written_again_once_it_has_settled() {
        let dir = tempfile::tempdir().unwrap();
        let abs = dir.path().join("a.md");
        std::fs::write(&abs, "# A\n").unwrap();
        let path = NotePath { rel: "a.md".into(), abs: abs.clone() };
        let hash = cache::hash(b"# A\n");
        // Just saved: still racy, so writing the entry again would not help.
        let fresh = stamp_of(&path).unwrap();
        assert_eq!(verify(&path, fresh, hash), Reuse::Entry, "a recent file keeps its entry as is");
        // Saved long ago: the entry is written again, to be trusted by its stamp next time.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
        std::fs::File::options().write(true).open(&abs).unwrap().set_modified(old).unwrap();
        let settled = stamp_of(&path).unwrap();
        assert_eq!(verify(&path, settled, hash), Reuse::Parse, "a settled file gets its entry rewritten");
        // Another stamp with the same content is always written again.
        assert_eq!(verify(&path, fresh, hash), Reuse::Parse);
        // Other content is parsed again.
        assert_eq!(verify(&path, settled, hash ^ 1), Reuse::None);
    }

    #[test]
    fn only_the_full_text_mode_keeps_the_text() {
        let vault = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault");
        let config = Config::load(&vault).unwrap();
        let with_text = load(&config, CacheMode::Off);
        assert!(with_text.notes.iter().all(|n| !n.text.is_empty()), "every example note has text");
        let without = load(&config, CacheMode::Bypass);
        assert!(without.notes.iter().all(|n| n.text.is_empty()));
        assert_eq!(without.reused, 0, "--no-cache reads every note");
        assert!(without.cache_update.is_none(), "--no-cache never writes the cache");
        let parsed = |loaded: &Loaded| loaded.notes.iter().map(|n| (n.rel.clone(), n.body.clone())).collect::<Vec<_>>();
        assert_eq!(parsed(&with_text), parsed(&without), "the same parse either way");
    }
}
