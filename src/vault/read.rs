//! Reading one note: bytes to text, with the checks that keep a broken file from stopping
//! the run.

use super::walk::NotePath;
use crate::diagnostic::Diagnostic;
use std::io::Read;

/// A note's text as read from disk.
#[derive(Debug, Clone)]
pub struct NoteSource {
    /// Vault-relative path with `/` separators.
    pub rel: String,
    /// The text, without a leading BOM. Invalid UTF-8 sequences are replaced by U+FFFD.
    pub text: String,
    /// Whether the file started with a UTF-8 BOM.
    pub has_bom: bool,
    /// The file's size in bytes.
    pub len: u64,
    /// The file's modification time, in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: u128,
    /// Problems found while reading (such as invalid UTF-8).
    pub diagnostics: Vec<Diagnostic>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A note's raw bytes and modification time, refusing files over `max_bytes`.
pub fn read_bytes(path: &NotePath, max_bytes: u64) -> Result<(Vec<u8>, u128), Diagnostic> {
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(&path.rel, 1, 1, format!("cannot read the note: {e}. Check its permissions"))
    };
    let file = std::fs::File::open(&path.abs).map_err(cannot_read)?;
    let metadata = file.metadata().map_err(cannot_read)?;
    if metadata.len() > max_bytes {
        return Err(Diagnostic::warning(
            &path.rel,
            1,
            1,
            format!(
                "note is {} MB, over the limit of {} MB: skipped. Split it, or raise max_note_size_mb in .rolo.toml",
                metadata.len() / (1024 * 1024),
                max_bytes / (1024 * 1024)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // Read at most one byte past the limit: the file may grow after the size check.
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(cannot_read)?;
    let mtime_ns =
        metadata.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    Ok((bytes, mtime_ns))
}

/// Turns a note's bytes into text, reporting binary content and invalid UTF-8.
pub fn decode(rel: &str, mut bytes: Vec<u8>, mtime_ns: u128) -> Result<NoteSource, Diagnostic> {
    let len = bytes.len() as u64;
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(Diagnostic::warning(
            rel,
            1,
            1,
            "binary content in a .md file (NUL bytes): skipped. Rename it if it is not a note",
        ));
    }
    let has_bom = bytes.starts_with(BOM);
    if has_bom {
        bytes.drain(..BOM.len());
    }
    let mut diagnostics = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            diagnostics.push(Diagnostic::error(
                rel,
                line,
                1,
                "invalid UTF-8: the note was read with replacement characters and will not be edited. Re-save it as UTF-8",
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    Ok(NoteSource { rel: rel.to_string(), text, has_bom, len, mtime_ns, diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_bom_and_remembers_it() {
        let n = decode("a.md", b"\xEF\xBB\xBF---\nname: A\n---\n".to_vec(), 0).unwrap();
        assert!(n.has_bom);
        assert!(n.text.starts_with("---"));
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line() {
        let n = decode("a.md", b"one\ntwo \xFF\xFE\n".to_vec(), 0).unwrap();
        assert_eq!(n.diagnostics.len(), 1);
        assert_eq!(n.diagnostics[0].line, 2);
        assert!(n.text.contains('\u{FFFD}'));
    }

    #[test]
    fn binary_files_are_skipped() {
        let err = decode("a.md", b"\x00\x01\x02".to_vec(), 0).unwrap_err();
        assert!(err.message.contains("binary"));
    }
}
