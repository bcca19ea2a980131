//! The parse cache in `.rolo/cache/`: parsed notes keyed by path, size and modification time,
//! confirmed by a content hash. It only ever saves work: the files stay the single source of
//! truth, a corrupt, stale or foreign-version cache is ignored and rebuilt, and deleting it is
//! always safe. Only commands that write reports write it; read-only commands only read it.

use crate::note::ParsedNote;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The cache folder, relative to the vault.
pub const CACHE_DIR: &str = ".rolo/cache";
const FILE: &str = "notes.bin";
const MAGIC: &[u8; 8] = b"ROLOCACH";
/// Bump when the layout of [`ParsedNote`] changes in a way serde cannot tell.
const FORMAT: u32 = 3;
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

/// One cached parse, as read back.
#[derive(Deserialize)]
struct Entry {
    stamp: Stamp,
    hash: u64,
    note: Box<ParsedNote>,
}

/// One cached parse, as written (borrowing the note).
#[derive(Serialize)]
struct EntryRef<'a> {
    stamp: Stamp,
    hash: u64,
    note: &'a ParsedNote,
}

/// What precedes the entries: who wrote the cache, when, and the byte length of each shard.
#[derive(Serialize, Deserialize)]
struct Header {
    rolo_version: String,
    written_ns: u128,
    shard_lens: Vec<u64>,
    /// The content hash of each shard: a damaged cache is refused, never half-trusted.
    shard_hashes: Vec<u64>,
}

/// Entries per shard. The entries are encoded in independent shards so that both writing and
/// reading the cache (a large share of a warm run on a big vault) use every core.
const SHARD: usize = 1024;

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
    /// The shards are read one at a time as they are decoded: holding the whole file (128 MB at
    /// 100k contacts) next to the decoded notes would raise the peak memory by as much.
    pub fn load(vault: &Path) -> Cache {
        let Ok(file) = File::open(path(vault)) else { return Cache::default() };
        Cache::read_from(file).unwrap_or_default()
    }

    fn read_from(mut file: File) -> Option<Cache> {
        let len = file.metadata().ok()?.len();
        let mut prefix = [0u8; PREFIX];
        file.read_exact(&mut prefix).ok()?;
        let header_len = header_len(&prefix)?;
        let mut header = vec![0u8; usize::try_from(header_len).ok().filter(|&n| n as u64 <= len)?];
        file.read_exact(&mut header).ok()?;
        let (header, shards) = layout(&header, PREFIX as u64 + header_len, len)?;
        // One handle, positioned under a lock, so every shard comes from the same file even if
        // another rolo replaces the cache meanwhile.
        let file = Mutex::new(file);
        let read = |range: Range<u64>| -> Option<Vec<u8>> {
            let mut buffer = vec![0u8; usize::try_from(range.end - range.start).ok()?];
            let mut file = file.lock().ok()?;
            file.seek(SeekFrom::Start(range.start)).ok()?;
            file.read_exact(&mut buffer).ok()?;
            Some(buffer)
        };
        decode_shards(header, shards, read)
    }

    #[cfg(test)]
    fn decode(bytes: &[u8]) -> Option<Cache> {
        let prefix = bytes.first_chunk::<PREFIX>()?;
        let header_start = PREFIX as u64;
        let header_end = header_start.checked_add(header_len(prefix)?)?;
        let header = bytes.get(usize::try_from(header_start).ok()?..usize::try_from(header_end).ok()?)?;
        let (header, shards) = layout(header, header_end, bytes.len() as u64)?;
        decode_shards(header, shards, |range| {
            bytes.get(usize::try_from(range.start).ok()?..usize::try_from(range.end).ok()?).map(<[u8]>::to_vec)
        })
    }

    /// Takes the cached parse of a file out of the cache, if it may still be valid.
    pub fn take(&mut self, rel: &str, stamp: Stamp) -> Lookup {
        let Some(entry) = self.entries.remove(rel) else { return Lookup::Unknown };
        let racy = entry.stamp.mtime_ns + RACY_NS >= self.written_ns;
        if entry.stamp == stamp && !racy {
            Lookup::Fresh(entry.hash, entry.note)
        } else {
            Lookup::Check(entry.stamp, entry.hash, entry.note)
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
        let shards: Option<Vec<Vec<u8>>> = notes
            .par_chunks(SHARD)
            .map(|chunk| {
                let entries: Vec<EntryRef> =
                    chunk.iter().map(|&(stamp, hash, note)| EntryRef { stamp, hash, note }).collect();
                postcard::to_stdvec(&entries).ok()
            })
            .collect();
        // Encoding plain data cannot fail; if it ever did, an empty cache is always safe.
        let Some(shards) = shards else { return Vec::new() };
        let header = Header {
            rolo_version: env!("CARGO_PKG_VERSION").to_string(),
            written_ns,
            shard_lens: shards.iter().map(|s| s.len() as u64).collect(),
            shard_hashes: shards.iter().map(|s| hash(s)).collect(),
        };
        let Ok(header) = postcard::to_stdvec(&header) else { return Vec::new() };
        let Ok(header_len) = u32::try_from(header.len()) else { return Vec::new() };
        let mut bytes = Vec::with_capacity(PREFIX + header.len() + shards.iter().map(Vec::len).sum::<usize>());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&header_len.to_le_bytes());
        bytes.extend(header);
        shards.iter().for_each(|shard| bytes.extend_from_slice(shard));
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

/// Where a shard lies in the file, and its content hash.
type Shard = (Range<u64>, u64);

/// Magic, format number and header length, before the header.
const PREFIX: usize = 16;

/// The header's length, if the prefix is this version's.
fn header_len(prefix: &[u8; PREFIX]) -> Option<u64> {
    let (magic, rest) = prefix.split_first_chunk::<8>()?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    let (len, _) = rest.split_first_chunk::<4>()?;
    (magic == MAGIC && u32::from_le_bytes(*format) == FORMAT).then_some(u64::from(u32::from_le_bytes(*len)))
}

/// Reads the header and the byte range of every shard; `None` unless the shards exactly fill
/// the file after the header.
fn layout(header: &[u8], shards_start: u64, file_len: u64) -> Option<(Header, Vec<Shard>)> {
    let header: Header = postcard::from_bytes(header).ok()?;
    if header.rolo_version != env!("CARGO_PKG_VERSION") || header.shard_lens.len() != header.shard_hashes.len() {
        return None;
    }
    let mut shards = Vec::with_capacity(header.shard_lens.len());
    let mut start = shards_start;
    for (&len, &hash) in header.shard_lens.iter().zip(&header.shard_hashes) {
        let end = start.checked_add(len).filter(|&end| end <= file_len)?;
        shards.push((start..end, hash));
        start = end;
    }
    (start == file_len).then_some((header, shards))
}

/// Decodes the shards in parallel, each read by `read` just before it is decoded.
fn decode_shards(
    header: Header,
    shards: Vec<Shard>,
    read: impl Fn(Range<u64>) -> Option<Vec<u8>> + Sync,
) -> Option<Cache> {
    let decoded: Option<Vec<Vec<Entry>>> = shards
        .into_par_iter()
        .map(|(range, expected)| {
            let bytes = read(range)?;
            (hash(&bytes) == expected).then(|| postcard::from_bytes(&bytes).ok())?
        })
        .collect();
    let entries = decoded?.into_iter().flatten().map(|e| (e.note.rel.clone(), e)).collect();
    Some(Cache { entries, written_ns: header.written_ns })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_foreign_caches_are_ignored() {
        assert!(Cache::decode(b"not a cache").is_none());
        let dir = tempfile::tempdir().unwrap();
        let mut foreign = Cache::encode(&[]);
        assert!(Cache::decode(&foreign).is_some(), "an empty cache of this version decodes");
        foreign[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        assert!(Cache::decode(&foreign).is_none());
        Cache::write(dir.path(), &foreign).unwrap();
        assert!(Cache::load(dir.path()).entries.is_empty());
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

    #[test]
    fn caches_of_several_shards_load_back_and_damaged_ones_are_refused() {
        let notes: Vec<ParsedNote> = (0..SHARD * 2 + 3)
            .map(|i| {
                let text = format!("---\nname: N{i}\n---\n");
                crate::note::parse(crate::vault::read::decode(&format!("P/{i}.md"), text.into_bytes(), 0).unwrap())
            })
            .collect();
        let entries: Vec<(Stamp, u64, &ParsedNote)> =
            notes.iter().enumerate().map(|(i, n)| (Stamp { len: i as u64, mtime_ns: 1 }, i as u64, n)).collect();
        let bytes = Cache::encode(&entries);
        let mut cache = Cache::decode(&bytes).expect("a fresh cache decodes");
        assert_eq!(cache.entries.len(), notes.len());
        let last = notes.len() - 1;
        match cache.take(&format!("P/{last}.md"), Stamp { len: last as u64, mtime_ns: 1 }) {
            Lookup::Fresh(hash, n) => {
                assert_eq!(hash, last as u64);
                assert_eq!(n.front.and_then(|f| f.name), Some(format!("N{last}")));
            }
            _ => panic!("expected the last entry, from the last shard, to be fresh"),
        }
        assert!(Cache::decode(&bytes[..bytes.len() - 1]).is_none(), "a truncated shard is refused");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Cache::decode(&longer).is_none(), "trailing bytes are refused");
        let mut garbled = bytes.clone();
        let middle = garbled.len() / 2;
        garbled[middle..middle + 64].fill(0xff);
        assert!(Cache::decode(&garbled).is_none(), "a garbled shard is refused");

        let dir = tempfile::tempdir().unwrap();
        Cache::write(dir.path(), &bytes).unwrap();
        assert_eq!(Cache::load(dir.path()).entries.len(), notes.len(), "read shard by shard from the file");
        Cache::write(dir.path(), &bytes[..bytes.len() - 1]).unwrap();
        assert!(Cache::load(dir.path()).entries.is_empty(), "a truncated file gives an empty cache");
    }
}
