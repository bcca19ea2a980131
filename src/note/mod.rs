//! One file to a parsed note: front matter split, YAML fields, log entries, tasks and links.

pub mod body;
pub mod days;
pub mod fields;
pub mod keys;
pub mod plain_markdown;
pub mod plain_yaml;
pub mod split;
pub mod tasks;
pub mod wikilink;

pub use body::{Body, LogEntry, Mention, Task};
pub use fields::FrontMatter;

/// A string kept inline when it fits in 24 bytes: link targets, channels, log texts and the
/// short properties (circle, tags, company, city, interests...), of which a large vault has
/// millions, mostly short. It saves an allocation each, above all when reading the cache.
pub type ShortString = compact_str::CompactString;

use crate::diagnostic::Diagnostic;
use crate::model::date::parse_date;
use crate::vault::NoteSource;
use chrono::NaiveDate;

/// Everything rolo reads from one note.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ParsedNote {
    /// Vault-relative path with `/`.
    pub rel: String,
    /// The file name without `.md`.
    pub stem: String,
    /// The date, when the file stem is one (a daily note).
    #[serde(with = "days::option")]
    pub date: Option<NaiveDate>,
    /// The properties; `None` when there is no front matter or it could not be read. Boxed:
    /// they are most of a parsed note's size, and loading moves each note several times.
    pub front: Option<Box<FrontMatter>>,
    /// The front matter exists but could not be read.
    pub front_broken: bool,
    /// The Markdown body, parsed.
    pub body: Body,
    /// The note's whole text (without BOM), for full-text search. Not cached: the cache
    /// holds what was parsed, and commands that search the text read the files.
    #[serde(skip)]
    pub text: String,
    /// Problems found in this note.
    pub diagnostics: Vec<Diagnostic>,
    /// The hash of the file's bytes ([`crate::cache::hash`]), set when the vault is loaded;
    /// 0 for text parsed otherwise.
    #[serde(skip)]
    pub content_hash: u64,
}

/// Parses a note's text.
pub fn parse(source: NoteSource) -> ParsedNote {
    let NoteSource { rel, text, diagnostics: mut diags, .. } = source;
    let stem = file_stem(&rel).to_string();
    let date = stem_date(&stem);
    let parts = split::split(&text);
    if parts.unclosed {
        diags.push(Diagnostic::error(
            &rel,
            1,
            1,
            "the front matter opened on line 1 is never closed: add a line `---` after the last property",
        ));
    }
    let front = parts.yaml.and_then(|yaml| fields::parse(&rel, yaml, parts.yaml_line, &mut diags));
    let front_broken = parts.unclosed || (parts.yaml.is_some() && front.is_none());
    let body = body::parse(parts.body, parts.body_line);
    ParsedNote {
        rel,
        stem,
        date,
        front: front.map(Box::new),
        front_broken,
        body,
        text,
        diagnostics: diags,
        content_hash: 0,
    }
}

/// The body of a note's whole text (BOM and front matter included) as [`parse`] reads it: the
/// editor checks with it that what it writes is read back.
pub fn read_body(text: &str) -> Body {
    let parts = split::split(text.strip_prefix('\u{feff}').unwrap_or(text));
    body::parse(parts.body, parts.body_line)
}

/// The date a file stem names when it is exactly `YYYY-MM-DD`: a daily note's, whatever the
/// configured daily-note format.
pub fn stem_date(stem: &str) -> Option<NaiveDate> {
    (stem.len() == 10).then(|| parse_date(stem).ok()).flatten()
}

/// The file name of a vault-relative path without its extension.
pub fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// The text of every file in the example vault, without BOM: what the fast readers are
/// checked against their libraries on.
#[cfg(test)]
pub(crate) fn example_vault_texts() -> Vec<String> {
    let vault = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault");
    walkdir::WalkDir::new(vault)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .map(|text| text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(rel: &str, text: &str) -> ParsedNote {
        parse(crate::vault::read::decode(rel, text.as_bytes().to_vec(), 0).unwrap())
    }

    #[test]
    fn daily_notes_are_recognised_by_their_stem() {
        assert_eq!(note("Daily/2026-01-02.md", "").date, "2026-01-02".parse().ok());
        assert_eq!(note("People/Ana.md", "").date, None);
    }

    #[test]
    fn unclosed_front_matter_is_an_error_and_the_body_is_still_read() {
        let n = note("P/a.md", "---\nname: A\n## Log\n- 2026-01-01 hi\n");
        assert!(n.front_broken);
        assert_eq!(n.diagnostics[0].line, 1);
        assert_eq!(n.body.log.len(), 1);
    }

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let n = note("P/a.md", "---\nname: A\nmet: \"2024\n---\n");
        assert!(n.front_broken);
        assert_eq!(n.diagnostics.len(), 1);
        assert!(n.diagnostics[0].line >= 3, "{:?}", n.diagnostics);
    }

    #[test]
    fn file_stem_strips_folders_and_extension() {
        assert_eq!(file_stem("People/Ana Ruiz.md"), "Ana Ruiz");
        assert_eq!(file_stem("x.y.md"), "x.y");
    }
}
