//! The parse cache in `.rolo/cache/`: parsed notes keyed by path, size and modification time,
//! confirmed by a content hash. It only ever saves work: the files stay the single source of
//! truth, a corrupt, stale or foreign-version cache is ignored and rebuilt, and deleting it is
//! always safe. Only commands that write reports write it; read-only commands only read it.

use crate::note::ParsedNote;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The cache folder, relative to the vault.
pub const CACHE_DIR: &str = ".rolo/cache";
const FILE: &str = "notes.bin";
const MAGIC: &[u8; 8] = b"ROLOCACH";
/// Bump when the layout of [`ParsedNote`] changes in a way serde cannot tell.
const FORMAT: u32 = 1;
/// Files modified this close to the cache's own write are re-hashed: their mtime may not
/// have changed on a second save within the file system's timestamp granularity.
const RACY_NS: u128 = 2_000_000_000;

/// How a file looked when it was parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: u128,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    stamp: Stamp,
    hash: u64,
    note: ParsedNote,
}

#[derive(Serialize, Deserialize)]
struct Contents {
    rolo_version: String,
    written_ns: u128,
    entries: Vec<(String, Entry)>,
}

/// The cached parses of one vault.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<String, Entry>,
    written_ns: u128,
}

/// What the cache knows about one file.
pub enum Lookup {
    /// Same size and time, not racy: the parse (and its content hash) can be reused as is.
    Fresh(u64, Box<ParsedNote>),
    /// Size or time differ, or the file changed too close to the cache's write to tell:
    /// reuse only if the content hash matches. Carries the cached stamp and hash.
    Check(Stamp, u64, Box<ParsedNote>),
    /// Never seen.
    Unknown,
}

/// The content hash the cache uses.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn path(vault: &Path) -> PathBuf {
    vault.join(CACHE_DIR).join(FILE)
}

impl Cache {
    /// Loads the vault's cache; anything unreadable, foreign or corrupt gives an empty cache.
    pub fn load(vault: &Path) -> Cache {
        let Ok(bytes) = std::fs::read(path(vault)) else { return Cache::default() };
        Cache::decode(&bytes).unwrap_or_default()
    }

    fn decode(bytes: &[u8]) -> Option<Cache> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (format, rest) = rest.split_first_chunk::<4>()?;
        if u32::from_le_bytes(*format) != FORMAT {
            return None;
        }
        let contents: Contents = postcard::from_bytes(rest).ok()?;
        if contents.rolo_version != env!("CARGO_PKG_VERSION") {
            return None;
        }
        Some(Cache { entries: contents.entries.into_iter().collect(), written_ns: contents.written_ns })
    }

    /// Takes the cached parse of a file out of the cache, if it may still be valid.
    pub fn take(&mut self, rel: &str, stamp: Stamp) -> Lookup {
        let Some(entry) = self.entries.remove(rel) else { return Lookup::Unknown };
        let racy = entry.stamp.mtime_ns + RACY_NS >= self.written_ns;
        if entry.stamp == stamp && !racy {
            Lookup::Fresh(entry.hash, Box::new(entry.note))
        } else {
            Lookup::Check(entry.stamp, entry.hash, Box::new(entry.note))
        }
    }

    /// Whether entries were left untaken: notes deleted since the cache was written.
    pub fn has_leftovers(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Writes the cache for these notes (without their text) atomically.
    pub fn save(vault: &Path, notes: &[(Stamp, u64, &ParsedNote)]) -> Result<(), crate::edit::EditError> {
        Cache::write(vault, &Cache::encode(notes))
    }

    /// The bytes of a cache holding these notes (without their text).
    pub fn encode(notes: &[(Stamp, u64, &ParsedNote)]) -> Vec<u8> {
        let written_ns = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let entries = notes
            .iter()
            .map(|(stamp, hash, note)| {
                let note = ParsedNote { text: String::new(), ..(*note).clone() };
                (note.rel.clone(), Entry { stamp: *stamp, hash: *hash, note })
            })
            .collect();
        let contents = Contents { rolo_version: env!("CARGO_PKG_VERSION").to_string(), written_ns, entries };
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend(postcard::to_stdvec(&contents).unwrap_or_default());
        bytes
    }

    /// Writes encoded cache bytes atomically into the vault's cache folder.
    pub fn write(vault: &Path, bytes: &[u8]) -> Result<(), crate::edit::EditError> {
        let dir = vault.join(CACHE_DIR);
        if std::fs::create_dir_all(&dir).is_ok() && !dir.join(".gitignore").exists() {
            // Keep the cache out of the user's repository.
            let _ = crate::edit::write_atomic(&dir.join(".gitignore"), b"*\n");
        }
        crate::edit::write_atomic(&path(vault), bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_foreign_caches_are_ignored() {
        assert!(Cache::decode(b"not a cache").is_none());
        let mut foreign = MAGIC.to_vec();
        foreign.extend_from_slice(&(FORMAT + 1).to_le_bytes());
        assert!(Cache::decode(&foreign).is_none());
        let mut truncated = MAGIC.to_vec();
        truncated.extend_from_slice(&FORMAT.to_le_bytes());
        truncated.extend_from_slice(&[1, 2, 3]);
        assert!(Cache::decode(&truncated).is_none());
    }

    #[test]
    fn a_saved_cache_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let note =
            crate::note::parse(crate::vault::read::decode("P/a.md", b"---\nname: A\n---\n".to_vec(), 0).unwrap());
        let stamp = Stamp { len: 3, mtime_ns: 1 };
        Cache::save(dir.path(), &[(stamp, 7, &note)]).unwrap();
        let mut cache = Cache::load(dir.path());
        match cache.take("P/a.md", stamp) {
            Lookup::Fresh(7, n) => assert_eq!(n.front.and_then(|f| f.name), Some("A".to_string())),
            _ => panic!("expected a fresh entry"),
        }
        assert!(dir.path().join(CACHE_DIR).join(".gitignore").exists());
    }

    #[test]
    fn changed_stamps_ask_for_a_hash_check() {
        let dir = tempfile::tempdir().unwrap();
        let note = crate::note::parse(crate::vault::read::decode("P/a.md", b"x".to_vec(), 0).unwrap());
        Cache::save(dir.path(), &[(Stamp { len: 1, mtime_ns: 1 }, 9, &note)]).unwrap();
        let mut cache = Cache::load(dir.path());
        assert!(matches!(cache.take("P/a.md", Stamp { len: 2, mtime_ns: 1 }), Lookup::Check(_, 9, _)));
        assert!(matches!(cache.take("P/a.md", Stamp { len: 2, mtime_ns: 1 }), Lookup::Unknown));
    }
}
