//! Problems found while reading the vault, each pinned to a file, line and column.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a problem is: errors make `rolo check` exit 1, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Data was lost or misread: the user should fix the note.
    Error,
    /// Something looks off but every value was read.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file, shown as `path:line:col: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Vault-relative path with `/` separators.
    pub path: String,
    /// 1-based line in the original file.
    pub line: usize,
    /// 1-based column (in characters) in that line.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, line, column, message)
    }

    /// A warning at a location.
    pub fn warning(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, line, column, message)
    }

    fn new(severity: Severity, path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: line.max(1),
            column: column.max(1),
            severity,
            message: message.into(),
        }
    }

    /// Whether this problem makes `rolo check` fail.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Control characters in a file name (a newline) would break one-problem-per-line output.
        let path: String = self
            .path
            .chars()
            .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
            .collect();
        write!(f, "{}:{}:{}: {}: {}", path, self.line, self.column, self.severity, self.message)
    }
}

/// The 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_path_line_column_severity_message() {
        let d = Diagnostic::error("People/Ana.md", 3, 7, "bad date");
        assert_eq!(d.to_string(), "People/Ana.md:3:7: error: bad date");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("ab\nçd", 5), (2, 2));
        assert_eq!(line_col("x", 99), (1, 2));
    }
}
