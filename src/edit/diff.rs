//! Unified diffs of a planned edit, shown by `--dry-run`.

use similar::TextDiff;

/// Renders the change from `old` to `new` as a unified diff with 3 lines of
/// context and `--- a/PATH` / `+++ b/PATH` headers; empty when nothing changed.
pub fn unified_diff(path_label: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path_label}"), &format!("b/{path_label}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_change_is_empty() {
        assert_eq!(unified_diff("People/Ana.md", "a\n", "a\n"), "");
    }

    #[test]
    fn shows_one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n";
        assert_eq!(
            unified_diff("People/Ana.md", old, new),
            "--- a/People/Ana.md\n+++ b/People/Ana.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn marks_missing_final_newline() {
        assert_eq!(
            unified_diff("n.md", "a", "a\nb"),
            "--- a/n.md\n+++ b/n.md\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n"
        );
    }
}
