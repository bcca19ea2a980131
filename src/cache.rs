//! The parse cache in `.rolo/cache/`: parsed notes keyed by path, size and modification time,
//! confirmed by a content hash. It only ever saves work: the files stay the single source of
//! truth, a corrupt, stale or foreign-version cache is ignored and rebuilt, and deleting it is
//! always safe. Only commands that write reports write it; read-only commands only read it.
//!
//! The notes are spread over [`SHARDS`] files by a hash of their path. Each file is read and
//! decoded on its own core, and after an edit only the files holding changed notes are
//! rewritten: one note changed in a 100k-contact vault rewrites 1.5 MB, not 95 MB.
//!
//! Beside each notes file, a links file keeps what its notes' wikilinks resolved to in the
//! last run ([`crate::index::memo`]), in the same shards.

use crate::index::memo::{LinkMemo, NewAnswers, ShardAnswers};
use crate::note::ParsedNote;
use crate::write::FolderProblem;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The cache folder, relative to the vault.
pub const CACHE_DIR: &str = ".rolo/cache";
/// The number of cache files. Fixed, so a note always lands in the same file.
pub const SHARDS: usize = 64;
/// The single cache file of earlier versions, removed when the cache is next written.
const OLD_FILE: &str = "notes.bin";
const MAGIC: &[u8; 8] = b"ROLOCACH";
/// The magic of the files of links' answers.
const LINKS_MAGIC: &[u8; 8] = b"ROLOLINK";
/// Bump when the layout of [`ParsedNote`], its encoding (bitcode, whose format may change
/// between its versions), the links files or what the parser reads from a note change: the
/// encoding does not describe itself, and a note parsed by older rules must be parsed again.
/// 9: log entries dated by a link or a date-time. 10: wikilink targets keep their folders
/// (`People/Ana Ruiz`). 11: an unquoted `- [[Ana]]` in a block list is a link, not an error.
const FORMAT: u32 = 11;
/// Magic, format number and header length, before the header.
const PREFIX: usize = 16;
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
    /// When its cache file was written (not stored per entry).
    #[serde(skip)]
    written_ns: u128,
}

/// One cached parse, as written (borrowing the note).
#[derive(Serialize)]
struct EntryRef<'a> {
    stamp: Stamp,
    hash: u64,
    note: &'a ParsedNote,
}

/// What precedes the entries of a cache file: who wrote it, when, which shard it is, and a
/// checksum of the entries, so a damaged file is refused rather than half-trusted.
#[derive(Serialize, Deserialize)]
struct Header {
    rolo_version: String,
    written_ns: u128,
    shard: u32,
    shards: u32,
    body_hash: u64,
}

/// The cached parses of one vault: each cache file's entries, in path order.
#[derive(Default)]
pub struct Cache {
    /// By shard; empty when there is no cache.
    shards: Vec<Shard>,
}

/// The entries of one cache file not yet taken, in path order.
#[derive(Default)]
struct Shard {
    entries: VecDeque<Entry>,
    /// Whether [`Cache::take_all`] passed over entries: notes deleted since the cache was written.
    passed_over: bool,
}

impl Shard {
    /// Takes the cached parse of `rel` out of this shard: see [`Cache::take_all`].
    fn take(&mut self, rel: &str, stamp: Stamp) -> Lookup {
        while let Some(next) = self.entries.front() {
            match next.note.rel.as_str().cmp(rel) {
                Ordering::Less => {
                    self.entries.pop_front();
                    self.passed_over = true;
                }
                Ordering::Equal => break,
                Ordering::Greater => return Lookup::Unknown,
            }
        }
        let Some(entry) = self.entries.pop_front() else { return Lookup::Unknown };
        if entry.stamp == stamp && !is_racy(entry.stamp.mtime_ns, entry.written_ns) {
            Lookup::Fresh(entry.hash, entry.note)
        } else {
            Lookup::Check(entry.stamp, entry.hash, entry.note)
        }
    }
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

/// Cache files to write: (shard, bytes), for the shards whose notes changed, and for the
/// shards whose links' answers changed.
#[derive(Debug, Default)]
pub struct Update {
    shards: Vec<(usize, Vec<u8>)>,
    links: Vec<(usize, Vec<u8>)>,
}

/// Why the cache could not be written; it only ever saves time, so this is never fatal.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// `.rolo/cache` resolves outside the vault (through a symlink).
    #[error("{path}: the cache folder leads outside the vault ({target}); the cache was not written. Remove the link")]
    OutsideVault {
        /// The cache folder.
        path: PathBuf,
        /// Where it really leads.
        target: PathBuf,
    },
    /// The cache folder could not be created or inspected.
    #[error("{path}: cannot create the cache folder: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A cache file could not be written.
    #[error(transparent)]
    File(#[from] crate::edit::EditError),
}

/// Whether a file modified at `mtime_ns` could have been saved again without its mtime
/// changing, as seen by a cache written at `written_ns`: such an entry is checked by hash.
fn is_racy(mtime_ns: u128, written_ns: u128) -> bool {
    mtime_ns + RACY_NS >= written_ns
}

/// Whether a cache written now would still have to check a file modified at `mtime_ns` by
/// its hash. An entry checked only for being racy is worth writing again once this is false:
/// from then on its stamp alone is trusted, and the file is not read on every run.
pub fn is_racy_now(mtime_ns: u128) -> bool {
    is_racy(mtime_ns, now_ns())
}

fn now_ns() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// The content hash the cache uses.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The cache file a note belongs in.
pub fn shard_of(rel: &str) -> usize {
    // The remainder is below SHARDS, so the conversion is lossless.
    (hash(rel.as_bytes()) % SHARDS as u64) as usize
}

fn shard_path(vault: &Path, shard: usize) -> PathBuf {
    vault.join(CACHE_DIR).join(format!("notes-{shard:02}.bin"))
}

fn links_path(vault: &Path, shard: usize) -> PathBuf {
    vault.join(CACHE_DIR).join(format!("links-{shard:02}.bin"))
}

/// Loads the answers the links of each shard's notes resolved to in the last run that wrote
/// the cache (see [`crate::index::memo`]); a missing, foreign or corrupt file gives none.
pub fn load_links(vault: &Path) -> LinkMemo {
    if !crate::write::is_inside_vault(vault, &vault.join(CACHE_DIR)) {
        return LinkMemo::default();
    }
    let shards = (0..SHARDS)
        .into_par_iter()
        .map(|shard| {
            std::fs::read(links_path(vault, shard)).ok().and_then(|b| decode_links(&b, shard)).unwrap_or_default()
        })
        .collect();
    LinkMemo { shards }
}

impl Cache {
    /// Loads the vault's cache, one file per core; a file that is missing, foreign or corrupt
    /// contributes nothing, and its notes are parsed again.
    pub fn load(vault: &Path) -> Cache {
        // A cache folder linked out of the vault is neither read nor written.
        if !crate::write::is_inside_vault(vault, &vault.join(CACHE_DIR)) {
            return Cache::default();
        }
        let decoded: Vec<(usize, Vec<Entry>)> = (0..SHARDS)
            .into_par_iter()
            .filter_map(|shard| {
                let entries = std::fs::read(shard_path(vault, shard)).ok().and_then(|b| decode(&b, shard))?;
                Some((shard, entries))
            })
            .collect();
        let mut shards: Vec<Shard> = (0..SHARDS).map(|_| Shard::default()).collect();
        for (shard, entries) in decoded {
            shards[shard].entries = entries.into();
        }
        Cache { shards }
    }

    /// Takes the cached parse of every file of the vault out of the cache, where it may still
    /// be valid. `files` are in path order, as the vault is walked, each with its stamp (none
    /// when it could not be read): each cache file is then read once, front to back, on its
    /// own core, with no table of paths. Entries passed over belong to notes deleted since
    /// the cache was written (files out of order only cost parsing those notes again).
    pub fn take_all(&mut self, files: &[(&str, Option<Stamp>)]) -> Vec<Lookup> {
        let mut by_shard: Vec<Vec<(usize, Stamp)>> = vec![Vec::new(); self.shards.len()];
        for (n, (rel, stamp)) in files.iter().enumerate() {
            if let (Some(stamp), Some(shard)) = (stamp, by_shard.get_mut(shard_of(rel))) {
                shard.push((n, *stamp));
            }
        }
        let found: Vec<Vec<(usize, Lookup)>> = self
            .shards
            .par_iter_mut()
            .zip(by_shard)
            .map(|(shard, wanted)| wanted.into_iter().map(|(n, stamp)| (n, shard.take(files[n].0, stamp))).collect())
            .collect();
        let mut lookups: Vec<Lookup> = files.iter().map(|_| Lookup::Unknown).collect();
        for (n, lookup) in found.into_iter().flatten() {
            lookups[n] = lookup;
        }
        lookups
    }

    /// [`Cache::take_all`] for one file.
    #[cfg(test)]
    fn take(&mut self, rel: &str, stamp: Stamp) -> Lookup {
        match self.shards.get_mut(shard_of(rel)) {
            Some(shard) => shard.take(rel, stamp),
            None => Lookup::Unknown,
        }
    }

    /// The shards holding entries that were never taken: notes deleted since the cache was
    /// written. Call once every file has been asked for.
    pub fn leftover_shards(&self) -> impl Iterator<Item = usize> + '_ {
        self.shards.iter().enumerate().filter(|(_, s)| s.passed_over || !s.entries.is_empty()).map(|(n, _)| n)
    }

    /// How many entries are left to take.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards.iter().map(|s| s.entries.len()).sum()
    }

    /// Encodes the cache files of the `dirty` shards (indexed by shard) from every note of the
    /// vault (without their text).
    pub fn encode(notes: &[(Stamp, u64, &ParsedNote)], dirty: &[bool; SHARDS]) -> Update {
        let written_ns = now_ns();
        let mut by_shard: Vec<Vec<EntryRef>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for &(stamp, hash, note) in notes {
            let shard = shard_of(&note.rel);
            if dirty[shard] {
                by_shard[shard].push(EntryRef { stamp, hash, note });
            }
        }
        let shards = by_shard
            .into_par_iter()
            .enumerate()
            .filter(|(shard, _)| dirty[*shard])
            .filter_map(|(shard, mut entries)| {
                // In path order, as Cache::take_all reads them (the vault's notes usually are already).
                entries.sort_by(|a, b| a.note.rel.cmp(&b.note.rel));
                encode(&entries, shard, written_ns).map(|bytes| (shard, bytes))
            })
            .collect();
        Update { shards, links: Vec::new() }
    }
}

impl Update {
    /// Adds the files of the links' answers that changed.
    pub fn add_links(&mut self, answers: &NewAnswers) {
        self.links.extend(answers.shards.iter().filter_map(|(shard, a)| Some((*shard, encode_links(a, *shard)?))));
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.shards.is_empty() && self.links.is_empty()
    }

    /// Writes the changed cache files atomically, each on its own, and only inside the vault.
    pub fn write(&self, vault: &Path) -> Result<(), CacheError> {
        let dir = vault.join(CACHE_DIR);
        crate::write::create_inside_vault(vault, &dir).map_err(|problem| match problem {
            FolderProblem::Outside(target) => CacheError::OutsideVault { path: dir.clone(), target },
            FolderProblem::Io(source) => CacheError::Folder { path: dir.clone(), source },
        })?;
        if !dir.join(".gitignore").exists() {
            // Keep the cache out of the user's repository.
            let _ = crate::edit::write_atomic(&dir.join(".gitignore"), b"*\n");
        }
        // The cache of earlier versions; nothing reads it any more.
        let _ = std::fs::remove_file(dir.join(OLD_FILE));
        self.shards
            .par_iter()
            .map(|(shard, bytes)| (shard_path(vault, *shard), bytes))
            .chain(self.links.par_iter().map(|(shard, bytes)| (links_path(vault, *shard), bytes)))
            .try_for_each(|(path, bytes)| crate::edit::write_atomic(&path, bytes))?;
        Ok(())
    }
}

/// The bytes of one cache file: prefix, header, entries.
fn encode(entries: &[EntryRef], shard: usize, written_ns: u128) -> Option<Vec<u8>> {
    let body = bitcode::serialize(entries).ok()?;
    frame(MAGIC, &body, shard, written_ns)
}

/// A cache file around `body`: magic, format, header (who wrote it, for which shard, and
/// the body's checksum), body.
fn frame(magic: &[u8; 8], body: &[u8], shard: usize, written_ns: u128) -> Option<Vec<u8>> {
    let header = Header {
        rolo_version: env!("CARGO_PKG_VERSION").to_string(),
        written_ns,
        shard: u32::try_from(shard).ok()?,
        shards: u32::try_from(SHARDS).ok()?,
        body_hash: hash(body),
    };
    let header = bitcode::serialize(&header).ok()?;
    let mut bytes = Vec::with_capacity(PREFIX + header.len() + body.len());
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&u32::try_from(header.len()).ok()?.to_le_bytes());
    bytes.extend(header);
    bytes.extend(body);
    Some(bytes)
}

/// The header and body of a cache file, if it is this version's file for this shard and
/// intact.
fn unframe<'b>(magic: &[u8; 8], bytes: &'b [u8], shard: usize) -> Option<(Header, &'b [u8])> {
    let (prefix, rest) = bytes.split_first_chunk::<PREFIX>()?;
    let (file_magic, fields) = prefix.split_first_chunk::<8>()?;
    let (format, fields) = fields.split_first_chunk::<4>()?;
    let (header_len, _) = fields.split_first_chunk::<4>()?;
    if file_magic != magic || u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let header_len = usize::try_from(u32::from_le_bytes(*header_len)).ok()?;
    let header: Header = bitcode::deserialize(rest.get(..header_len)?).ok()?;
    let body = rest.get(header_len..)?;
    let is_ours = header.rolo_version == env!("CARGO_PKG_VERSION")
        && usize::try_from(header.shard).ok() == Some(shard)
        && usize::try_from(header.shards).ok() == Some(SHARDS);
    (is_ours && hash(body) == header.body_hash).then_some((header, body))
}

/// The bytes of one links file. The body is fixed-width little-endian numbers, read without
/// a decoder: the fingerprint, the number of notes and of answers, then (note key, start,
/// count) per note, the target hashes, and the answer codes.
fn encode_links(answers: &ShardAnswers, shard: usize) -> Option<Vec<u8>> {
    let mut notes: Vec<(&u64, &(u32, u32))> = answers.notes.iter().collect();
    // The map's order is not fixed: sorted, the same answers give the same bytes.
    notes.sort_unstable();
    let mut body = Vec::with_capacity(24 + 16 * notes.len() + 12 * answers.targets.len());
    body.extend_from_slice(&answers.fingerprint.to_le_bytes());
    body.extend_from_slice(&u64::try_from(notes.len()).ok()?.to_le_bytes());
    body.extend_from_slice(&u64::try_from(answers.targets.len()).ok()?.to_le_bytes());
    for (key, (start, len)) in notes {
        body.extend_from_slice(&key.to_le_bytes());
        body.extend_from_slice(&start.to_le_bytes());
        body.extend_from_slice(&len.to_le_bytes());
    }
    answers.targets.iter().for_each(|t| body.extend_from_slice(&t.to_le_bytes()));
    answers.codes.iter().for_each(|c| body.extend_from_slice(&c.to_le_bytes()));
    frame(LINKS_MAGIC, &body, shard, 0)
}

/// The answers in one links file, if it is intact and this version's file for this shard.
fn decode_links(bytes: &[u8], shard: usize) -> Option<ShardAnswers> {
    let (_, body) = unframe(LINKS_MAGIC, bytes, shard)?;
    let (fingerprint, body) = body.split_first_chunk::<8>()?;
    let (notes, body) = body.split_first_chunk::<8>()?;
    let (count, body) = body.split_first_chunk::<8>()?;
    let notes = usize::try_from(u64::from_le_bytes(*notes)).ok()?;
    let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
    let (note_bytes, body) = body.split_at_checked(notes.checked_mul(16)?)?;
    let (target_bytes, code_bytes) = body.split_at_checked(count.checked_mul(8)?)?;
    if code_bytes.len() != count.checked_mul(4)? {
        return None;
    }
    let mut answers = ShardAnswers {
        fingerprint: u64::from_le_bytes(*fingerprint),
        notes: FxHashMap::with_capacity_and_hasher(notes, Default::default()),
        targets: target_bytes.chunks_exact(8).filter_map(|c| Some(u64::from_le_bytes(c.try_into().ok()?))).collect(),
        codes: code_bytes.chunks_exact(4).filter_map(|c| Some(u32::from_le_bytes(c.try_into().ok()?))).collect(),
    };
    for note in note_bytes.chunks_exact(16) {
        let (key, range) = note.split_first_chunk::<8>()?;
        let (start, len) = range.split_first_chunk::<4>()?;
        let (start, len) = (u32::from_le_bytes(*start), u32::from_le_bytes(len.try_into().ok()?));
        // Every range must lie inside the answers: a damaged file is refused, not half-read.
        if usize::try_from(u64::from(start) + u64::from(len)).ok()? > count {
            return None;
        }
        answers.notes.insert(u64::from_le_bytes(*key), (start, len));
    }
    Some(answers)
}

/// The entries of one cache file, if it is this version's file for this shard and intact.
fn decode(bytes: &[u8], shard: usize) -> Option<Vec<Entry>> {
    let (header, body) = unframe(MAGIC, bytes, shard)?;
    let mut entries: Vec<Entry> = bitcode::deserialize(body).ok()?;
    for entry in &mut entries {
        entry.written_ns = header.written_ns;
    }
    // An entry filed under the wrong shard would never be rewritten, and Cache::take_all reads
    // entries in path order: distrust a file that breaks either rule.
    let in_place = entries.iter().all(|e| shard_of(&e.note.rel) == shard);
    let in_order = entries.is_sorted_by(|a, b| a.note.rel < b.note.rel);
    (in_place && in_order).then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(rel: &str, text: &str) -> ParsedNote {
        crate::note::parse(crate::vault::read::decode(rel, text.as_bytes().to_vec(), 0).unwrap())
    }

    const ALL: [bool; SHARDS] = [true; SHARDS];

    fn files(vault: &Path) -> Vec<(usize, Vec<u8>)> {
        (0..SHARDS).filter_map(|s| std::fs::read(shard_path(vault, s)).ok().map(|b| (s, b))).collect()
    }

    #[test]
    fn a_saved_cache_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = note("P/a.md", "---\nname: A\n---\n");
        let stamp = Stamp { len: 3, mtime_ns: 1 };
        Cache::encode(&[(stamp, 7, &a)], &ALL).write(dir.path()).unwrap();
        let mut cache = Cache::load(dir.path());
        match cache.take("P/a.md", stamp) {
            Lookup::Fresh(7, n) => assert_eq!(n.front.and_then(|f| f.name), Some("A".to_string())),
            _ => panic!("expected a fresh entry"),
        }
        assert!(dir.path().join(CACHE_DIR).join(".gitignore").exists());
        assert_eq!(files(dir.path()).len(), SHARDS, "every shard is written, even empty ones");
    }

    #[test]
    fn changed_stamps_ask_for_a_hash_check() {
        let dir = tempfile::tempdir().unwrap();
        let a = note("P/a.md", "x");
        Cache::encode(&[(Stamp { len: 1, mtime_ns: 1 }, 9, &a)], &ALL).write(dir.path()).unwrap();
        let mut cache = Cache::load(dir.path());
        assert!(matches!(cache.take("P/a.md", Stamp { len: 2, mtime_ns: 1 }), Lookup::Check(_, 9, _)));
        assert!(matches!(cache.take("P/a.md", Stamp { len: 2, mtime_ns: 1 }), Lookup::Unknown));
    }

    /// Notes `P/0.md`, `P/1.md`, ... that share one shard, saved in the cache of a new vault;
    /// their paths in path order.
    fn saved_in_one_shard(n: usize) -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let rels: Vec<String> =
            (0..).map(|i| format!("P/{i}.md")).filter(|r| shard_of(r) == shard_of("P/0.md")).take(n).collect();
        let notes: Vec<ParsedNote> = rels.iter().map(|r| note(r, "x")).collect();
        let entries: Vec<(Stamp, u64, &ParsedNote)> =
            notes.iter().map(|n| (Stamp { len: 1, mtime_ns: 1 }, 1, n)).collect();
        Cache::encode(&entries, &ALL).write(dir.path()).unwrap();
        let mut sorted = rels;
        sorted.sort();
        (dir, sorted)
    }

    #[test]
    fn notes_asked_for_in_path_order_are_found_and_deleted_ones_left_over() {
        let (dir, rels) = saved_in_one_shard(5);
        let stamp = Stamp { len: 1, mtime_ns: 1 };
        let mut cache = Cache::load(dir.path());
        // rels[2] was deleted: it is never asked for.
        for rel in [&rels[0], &rels[1], &rels[3], &rels[4]] {
            assert!(matches!(cache.take(rel, stamp), Lookup::Fresh(1, n) if n.rel == *rel), "{rel}");
        }
        assert_eq!(cache.leftover_shards().collect::<Vec<_>>(), [shard_of("P/0.md")]);
        let mut cache = Cache::load(dir.path());
        // A new note sorting before every cached one: not found, and nothing passed over.
        let new = (0..).map(|i| format!("A/{i}.md")).find(|r| shard_of(r) == shard_of("P/0.md")).unwrap();
        assert!(matches!(cache.take(&new, stamp), Lookup::Unknown));
        rels.iter().for_each(|rel| assert!(matches!(cache.take(rel, stamp), Lookup::Fresh(1, n) if n.rel == *rel)));
        assert_eq!(cache.leftover_shards().count(), 0, "nothing deleted, nothing left over");
        assert!(matches!(cache.take("P/new.md", stamp), Lookup::Unknown));
    }

    #[test]
    fn taking_every_file_at_once_is_taking_them_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let notes: Vec<ParsedNote> = (0..300).map(|i| note(&format!("P/{i:03}.md"), "x")).collect();
        let stamp = Stamp { len: 1, mtime_ns: 1 };
        let entries: Vec<(Stamp, u64, &ParsedNote)> = notes.iter().map(|n| (stamp, 1, n)).collect();
        Cache::encode(&entries, &ALL).write(dir.path()).unwrap();
        // In path order: a new note, one whose stamp is unknown, one deleted (P/005), a changed one.
        let mut files: Vec<(String, Option<Stamp>)> = notes.iter().map(|n| (n.rel.clone(), Some(stamp))).collect();
        files.push(("P/000-new.md".to_string(), Some(stamp)));
        files[3].1 = None;
        files[7].1 = Some(Stamp { len: 2, mtime_ns: 1 });
        files.retain(|(rel, _)| rel != "P/005.md");
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let files: Vec<(&str, Option<Stamp>)> = files.iter().map(|(rel, stamp)| (rel.as_str(), *stamp)).collect();
        let summary = |lookup: &Lookup| match lookup {
            Lookup::Fresh(..) => 'F',
            Lookup::Check(..) => 'C',
            Lookup::Unknown => 'U',
        };
        let mut one_by_one = Cache::load(dir.path());
        let expected: Vec<char> =
            files.iter().map(|(rel, stamp)| stamp.map_or('U', |stamp| summary(&one_by_one.take(rel, stamp)))).collect();
        let mut at_once = Cache::load(dir.path());
        let got: Vec<char> = at_once.take_all(&files).iter().map(summary).collect();
        assert_eq!(got, expected);
        assert_eq!(got.iter().filter(|&&c| c == 'F').count(), 297);
        assert_eq!(got.iter().filter(|&&c| c == 'C').count(), 1);
        let leftovers = |cache: &Cache| cache.leftover_shards().collect::<Vec<_>>();
        assert_eq!(leftovers(&at_once), leftovers(&one_by_one));
        assert_eq!(leftovers(&at_once).len(), 2, "the deleted note's shard and the unread note's");
    }

    #[test]
    fn asking_out_of_order_only_misses() {
        let (dir, rels) = saved_in_one_shard(3);
        let stamp = Stamp { len: 1, mtime_ns: 1 };
        let mut cache = Cache::load(dir.path());
        assert!(matches!(cache.take(&rels[2], stamp), Lookup::Fresh(..)));
        // Passed over on the way to rels[2]: parsed again, and the cache file rewritten.
        assert!(matches!(cache.take(&rels[0], stamp), Lookup::Unknown));
        assert_eq!(cache.leftover_shards().count(), 1);
    }

    #[test]
    fn only_the_dirty_shards_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let notes: Vec<ParsedNote> = (0..200).map(|i| note(&format!("P/{i}.md"), "x")).collect();
        let entries: Vec<(Stamp, u64, &ParsedNote)> =
            notes.iter().map(|n| (Stamp { len: 1, mtime_ns: 1 }, 1, n)).collect();
        Cache::encode(&entries, &ALL).write(dir.path()).unwrap();
        let before = files(dir.path());
        let mut dirty = [false; SHARDS];
        dirty[shard_of("P/7.md")] = true;
        let update = Cache::encode(&entries, &dirty);
        assert_eq!(update.shards.len(), 1);
        update.write(dir.path()).unwrap();
        let after = files(dir.path());
        let changed: Vec<usize> = before.iter().zip(&after).filter(|(b, a)| b != a).map(|(b, _)| b.0).collect();
        assert_eq!(changed, vec![shard_of("P/7.md")], "only the shard's write time changed");
        assert_eq!(Cache::load(dir.path()).len(), 200);
    }

    #[test]
    fn damaged_foreign_or_misplaced_files_are_refused() {
        let notes: Vec<ParsedNote> = (0..50).map(|i| note(&format!("P/{i}.md"), "---\nname: N\n---\n")).collect();
        let entries: Vec<(Stamp, u64, &ParsedNote)> =
            notes.iter().map(|n| (Stamp { len: 1, mtime_ns: 1 }, 1, n)).collect();
        let shard = shard_of("P/0.md");
        let mut dirty = [false; SHARDS];
        dirty[shard] = true;
        let bytes = Cache::encode(&entries, &dirty).shards.remove(0).1;
        let decoded = decode(&bytes, shard).expect("an intact file decodes");
        assert!(decoded.iter().any(|e| e.note.rel == "P/0.md"));
        assert!(decode(b"not a cache", shard).is_none());
        assert!(decode(&bytes[..bytes.len() - 1], shard).is_none(), "truncated");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, shard).is_none(), "trailing bytes");
        let mut garbled = bytes.clone();
        let last = garbled.len() - 1;
        garbled[last] ^= 0x55;
        assert!(decode(&garbled, shard).is_none(), "checksum");
        let mut foreign = bytes.clone();
        foreign[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        assert!(decode(&foreign, shard).is_none(), "another format");
        assert!(decode(&bytes, (shard + 1) % SHARDS).is_none(), "another shard's file");
        let mut mine: Vec<EntryRef> = entries
            .iter()
            .filter(|e| shard_of(&e.2.rel) == shard)
            .map(|&(stamp, hash, note)| EntryRef { stamp, hash, note })
            .collect();
        assert!(mine.len() > 1, "the test needs two entries in one shard");
        mine.sort_by(|a, b| b.note.rel.cmp(&a.note.rel));
        assert!(decode(&encode(&mine, shard, 0).unwrap(), shard).is_none(), "out of path order");
    }

    #[test]
    fn a_damaged_body_with_a_matching_checksum_is_refused_without_panicking() {
        let notes: Vec<ParsedNote> = (0..20)
            .map(|i| {
                note(&format!("P/{i}.md"), "---\nname: Ana\ntags: [a, b]\n---\n## Log\n- 2026-01-02 call [[Bo]]\n")
            })
            .collect();
        let shard = shard_of("P/0.md");
        let mine: Vec<EntryRef> = notes
            .iter()
            .filter(|n| shard_of(&n.rel) == shard)
            .map(|note| EntryRef { stamp: Stamp { len: 1, mtime_ns: 1 }, hash: 1, note })
            .collect();
        let body = bitcode::serialize(&mine).unwrap();
        let intact = frame(MAGIC, &body, shard, 0).unwrap();
        assert_eq!(decode(&intact, shard).map(|e| e.len()), Some(mine.len()));
        let mut refused = 0;
        for at in 0..body.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = body.clone();
                damaged[at] ^= flip;
                // Framed again, so the checksum matches and only the decoder stands guard.
                match decode(&frame(MAGIC, &damaged, shard, 0).unwrap(), shard) {
                    None => refused += 1,
                    Some(entries) => assert!(entries.iter().all(|e| shard_of(&e.note.rel) == shard)),
                }
            }
        }
        assert!(refused > body.len(), "most damage is noticed: {refused} of {}", 3 * body.len());
    }

    #[test]
    fn links_answers_load_back_and_damaged_files_are_refused() {
        let mut answers = ShardAnswers { fingerprint: 42, ..ShardAnswers::default() };
        answers.push(7, crate::index::memo::Answers { targets: &[1, 2], codes: &[0, u32::MAX] });
        answers.push(9, crate::index::memo::Answers { targets: &[3], codes: &[5] });
        let bytes = encode_links(&answers, 3).unwrap();
        assert_eq!(decode_links(&bytes, 3), Some(answers.clone()));
        assert_eq!(encode_links(&answers, 3), Some(bytes.clone()), "the same answers give the same bytes");
        assert!(decode_links(&bytes, 4).is_none(), "another shard's file");
        assert!(decode_links(&bytes[..bytes.len() - 1], 3).is_none(), "truncated");
        let mut notes_file = bytes.clone();
        notes_file[..8].copy_from_slice(MAGIC);
        assert!(decode_links(&notes_file, 3).is_none(), "a notes file is not a links file");
        // A range past the answers, with a checksum that matches: still refused.
        let mut bad = answers.clone();
        bad.notes.insert(9, (2, 5));
        assert!(decode_links(&encode_links(&bad, 3).unwrap(), 3).is_none(), "a range outside the answers");
        let dir = tempfile::tempdir().unwrap();
        let mut update = Update::default();
        update.add_links(&NewAnswers { shards: vec![(3, answers.clone())] });
        update.write(dir.path()).unwrap();
        let memo = load_links(dir.path());
        assert_eq!(memo.shards.len(), SHARDS);
        assert_eq!(memo.shards[3], answers);
        assert_eq!(memo.shards[4], ShardAnswers::default(), "no file, no answers");
    }

    #[test]
    fn a_directory_of_garbage_gives_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(CACHE_DIR)).unwrap();
        for shard in 0..SHARDS {
            std::fs::write(shard_path(dir.path(), shard), b"ROLOCACH garbage").unwrap();
        }
        assert_eq!(Cache::load(dir.path()).len(), 0);
    }

    #[test]
    fn writing_removes_the_old_single_file_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(CACHE_DIR)).unwrap();
        std::fs::write(dir.path().join(CACHE_DIR).join(OLD_FILE), b"old").unwrap();
        Cache::encode(&[], &ALL).write(dir.path()).unwrap();
        assert!(!dir.path().join(CACHE_DIR).join(OLD_FILE).exists());
    }
}
