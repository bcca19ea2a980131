//! Byte-preserving edits of the user's Markdown notes.
//!
//! Every function here takes the note's text and returns new text in which
//! only the intended lines changed; [`atomic`] then writes it back safely.
//! YAML is never re-serialised: front matter is edited as text.

pub mod atomic;
pub mod diff;
pub mod frontmatter;
pub mod lines;
mod lists;
mod outline;
pub mod sections;
mod verify;

#[cfg(test)]
mod proptests;

use std::path::Path;

pub use atomic::{create_new, read_snapshot, refuse_existing, replace_if_unchanged, write_atomic, Snapshot, Step};
pub use diff::unified_diff;
pub use frontmatter::{add_to_list, set_field};
pub use lines::{
    detect_line_ending, line_spans, locate_front_matter, top_level_keys, FrontMatterBlock, KeySpan, LineEnding,
    LineSpan,
};
pub use sections::{
    append_task, find_line, headings, insert_log_entry, open_tasks, replace_line, set_task_done, Heading, TaskLine,
};

/// Placeholder used in error messages of text-only edits until
/// [`EditError::in_file`] names the real file.
pub const UNNAMED: &str = "the note";

/// Everything that can go wrong while editing or writing a note.
///
/// Each message names the file and tells the user what to do next.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The front matter opened on the first line is never closed.
    #[error("{path}: the front matter opened on line {line} has no closing `---` line; nothing was written. Add a `---` line after the YAML and run the command again.")]
    UnclosedFrontMatter {
        /// File label.
        path: String,
        /// 1-based line of the opening fence.
        line: usize,
    },
    /// A key or value given to a front matter edit cannot be written as one line.
    #[error("{path}: cannot write `{what}` into the front matter ({why}); nothing was written. Use a single-line key and value.")]
    InvalidInput {
        /// File label.
        path: String,
        /// The offending key or value.
        what: String,
        /// Why it was refused.
        why: String,
    },
    /// The key holds something that is not a list rolo can extend.
    #[error("{path}: `{key}` is not a list rolo can extend (line {line}); nothing was written. Turn it into a list by hand and run the command again.")]
    NotAList {
        /// File label.
        path: String,
        /// The key.
        key: String,
        /// 1-based line of the key.
        line: usize,
    },
    /// The edit, read back as YAML, would not hold what was asked, or would change other
    /// properties: rolo's line-level view of this front matter disagrees with YAML's.
    #[error("{path}: rolo cannot safely change `{key}` (line {line}): {problem}; nothing was written. Make the change by hand, or simplify that property (one `key: value` line or a plain `- item` list) and run the command again.")]
    Unverified {
        /// File label.
        path: String,
        /// The key being edited.
        key: String,
        /// 1-based line of the note where the edit starts.
        line: usize,
        /// What reading the edited front matter back showed.
        problem: String,
    },
    /// A line index points past the end of the note.
    #[error("{path} has only {count} lines, so line {line} does not exist; nothing was written. Run the command again so rolo re-reads the note.")]
    LineOutOfRange {
        /// File label.
        path: String,
        /// 1-based line asked for.
        line: usize,
        /// Number of lines in the note.
        count: usize,
    },
    /// The line is not an open task (`- [ ] ...`).
    #[error("{path} line {line} is not an open task (`- [ ] ...`): `{found}`; nothing was written. Run the command again so rolo re-reads the note.")]
    NotAnOpenTask {
        /// File label.
        path: String,
        /// 1-based line.
        line: usize,
        /// The line's text.
        found: String,
    },
    /// A replacement line contains a line break.
    #[error("{path}: the new text for line {line} contains a line break; nothing was written. Give a single line.")]
    MultiLine {
        /// File label.
        path: String,
        /// 1-based line.
        line: usize,
    },
    /// The note could not be read.
    #[error("{path} could not be read: {source}. Check that it exists and is readable.")]
    Read {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The note is not valid UTF-8.
    #[error("{path} is not valid UTF-8 (first bad byte at offset {offset}); nothing was written. Re-save it as UTF-8 and run the command again.")]
    InvalidUtf8 {
        /// File path.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file changed (or vanished) after rolo read it.
    #[error("{path} changed on disk since rolo read it; nothing was written. Run the command again.")]
    ChangedOnDisk {
        /// File path.
        path: String,
    },
    /// The target of a creation already exists.
    #[error("{path} already exists; nothing was written. Pick another name or edit the existing note.")]
    AlreadyExists {
        /// File path.
        path: String,
    },
    /// One step of an atomic write failed; the original is untouched.
    #[error("{path}: {step} failed: {source}; the original file is untouched. Check the folder's permissions and free space, then run the command again.")]
    Write {
        /// File path.
        path: String,
        /// The step that failed.
        step: Step,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The note ends inside a code block, an HTML block or an Obsidian `%%` comment, which
    /// would swallow a section added after it.
    #[error("{path}: the note ends inside the code block, HTML block or %% comment that starts on line {line}, so a `## {section}` section added at its end would be read as part of it; nothing was written. Close it (a fenced code block needs its closing ``` line, a comment its closing %%) and run the command again.")]
    EndsInBlock {
        /// File label.
        path: String,
        /// 1-based first line of the block.
        line: usize,
        /// The heading of the section rolo wanted to add.
        section: String,
    },
    /// No place was found where the reader would read back the new item; a guard that should
    /// never trip, because a new section at the end is read unless the note ends in a block.
    #[error("{path}: rolo found no place for the new `{section}` item where it would read it back; nothing was written. Add it by hand (`{item}`), and please report this with a copy of the note.")]
    NoReadablePlace {
        /// File label.
        path: String,
        /// The section the item belongs in.
        section: String,
        /// The item's line.
        item: String,
    },
    /// The file was replaced but its folder could not be flushed to disk.
    #[error("{path} was written, but its folder could not be flushed to disk: {source}. The change is in place; if the machine crashed right now, check the file.")]
    SyncFolder {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
}

impl EditError {
    /// Whether rolo refused because of what the note holds (or that it changed meanwhile), so
    /// the user fixes the note rather than the command: exit code 1, not 2.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Self::ChangedOnDisk { .. }
                | Self::UnclosedFrontMatter { .. }
                | Self::NotAList { .. }
                | Self::Unverified { .. }
                | Self::EndsInBlock { .. }
                | Self::NoReadablePlace { .. }
        )
    }

    /// Replaces the [`UNNAMED`] placeholder of a text-only edit error with `path`.
    pub fn in_file(mut self, path: &Path) -> Self {
        if let Some(label) = self.label_mut() {
            if label == UNNAMED {
                *label = path.display().to_string();
            }
        }
        self
    }

    fn label_mut(&mut self) -> Option<&mut String> {
        match self {
            Self::UnclosedFrontMatter { path, .. }
            | Self::InvalidInput { path, .. }
            | Self::NotAList { path, .. }
            | Self::Unverified { path, .. }
            | Self::LineOutOfRange { path, .. }
            | Self::NotAnOpenTask { path, .. }
            | Self::MultiLine { path, .. }
            | Self::EndsInBlock { path, .. }
            | Self::NoReadablePlace { path, .. } => Some(path),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_note_holds_is_a_refusal_and_a_failed_write_is_not() {
        let path = String::from(UNNAMED);
        let unverified = EditError::Unverified { path: path.clone(), key: "k".into(), line: 2, problem: "p".into() };
        assert!(unverified.is_refusal());
        assert!(EditError::EndsInBlock { path: path.clone(), line: 3, section: "Log".into() }.is_refusal());
        assert!(EditError::ChangedOnDisk { path: path.clone() }.is_refusal());
        let io = std::io::Error::other("disk full");
        assert!(!EditError::Write { path, step: Step::Write, source: io }.is_refusal());
    }

    #[test]
    fn in_file_names_the_note() {
        let err = EditError::ChangedOnDisk { path: "People/Ana.md".into() };
        assert_eq!(
            err.to_string(),
            "People/Ana.md changed on disk since rolo read it; nothing was written. Run the command again."
        );
        let err = EditError::UnclosedFrontMatter { path: UNNAMED.into(), line: 1 }.in_file(Path::new("People/Ana.md"));
        assert!(err.to_string().starts_with("People/Ana.md: the front matter"));
    }
}
