//! One task line: open or done, due date (Obsidian Tasks, Dataview or `due:`), and which way
//! the promise runs (`I owe [[Sam]]:` or `[[Sam]] owes me:`).

use crate::model::date::leading_date;
use chrono::NaiveDate;

/// Who owes whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// You promised them something.
    IOwe,
    /// They promised you something.
    TheyOwe,
}

/// A parsed task line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TaskLine {
    /// Ticked (`[x]`).
    pub done: bool,
    /// The text after the checkbox, as written.
    pub text: String,
    /// What was promised: the text without the direction marker and due date.
    pub what: String,
    /// The due date, if one is written.
    #[serde(with = "super::days::option")]
    pub due: Option<NaiveDate>,
    /// Which way the promise runs.
    pub direction: Direction,
}

/// Parses `- [ ] text 📅 2026-12-01`; `None` when the line is not a task.
pub fn parse_task_line(line: &str) -> Option<TaskLine> {
    let rest = super::body::strip_list_marker(line)?;
    let (done, text) = if let Some(t) = rest.strip_prefix("[ ]") {
        (false, t)
    } else if let Some(t) = rest.strip_prefix("[x]").or_else(|| rest.strip_prefix("[X]")) {
        (true, t)
    } else {
        return None;
    };
    let text = text.trim().to_string();
    let due = due_date(&text);
    let direction = if text.to_lowercase().contains("owes me") { Direction::TheyOwe } else { Direction::IOwe };
    let what = promise_text(&text);
    Some(TaskLine { done, text, due, direction, what })
}

/// The promise itself: `I owe [[Sam]]: the deck 📅 2026-12-01` → `the deck`.
pub fn promise_text(text: &str) -> String {
    let mut what = text;
    // `owe: x`, `owes me: x`, `I owe [[Sam]]: x`, `[[Sam]] owes me: x`: a short lead-in with
    // "owe" in it, ended by a colon.
    if let Some(colon) = text.find(": ").or_else(|| text.strip_suffix(':').map(|t| t.len())) {
        let lead = text[..colon].to_lowercase();
        let words: Vec<&str> = lead.split_whitespace().collect();
        if words.len() <= 6 && words.iter().any(|w| *w == "owe" || *w == "owes" || w.ends_with("owe")) {
            what = text.get(colon + 1..).unwrap_or("");
        }
    }
    let mut what = what.trim().to_string();
    for marker in ["📅", "[due::", "due::", "due:"] {
        if let Some(i) = what.find(marker) {
            if due_date(&what[i..]).is_some() {
                let after_date = what[i..].find(|c: char| c.is_ascii_digit()).map(|d| i + d + 10).unwrap_or(what.len());
                let rest = what.get(after_date..).unwrap_or("").trim_start_matches(']').to_string();
                what = format!("{}{}", what[..i].trim_end(), rest).trim().to_string();
            }
        }
    }
    what
}

/// Finds `📅 YYYY-MM-DD`, `[due:: YYYY-MM-DD]` or `due:YYYY-MM-DD` in a task's text.
pub fn due_date(text: &str) -> Option<NaiveDate> {
    for marker in ["📅", "[due::", "due::", "due:"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(marker) {
            let after = &text[from + i + marker.len()..];
            if let Some((date, _)) = leading_date(after.trim_start()) {
                return Some(date);
            }
            from += i + marker.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<NaiveDate> {
        s.parse().ok()
    }

    #[test]
    fn reads_each_due_date_format() {
        assert_eq!(due_date("deck 📅 2026-12-01"), date("2026-12-01"));
        assert_eq!(due_date("deck [due:: 2026-12-02]"), date("2026-12-02"));
        assert_eq!(due_date("deck due:2026-12-03"), date("2026-12-03"));
        assert_eq!(due_date("deck by friday"), None);
    }

    #[test]
    fn tells_open_from_done() {
        assert!(!parse_task_line("- [ ] a").unwrap().done);
        assert!(parse_task_line("  * [x] a").unwrap().done);
        assert!(parse_task_line("- a").is_none());
    }

    #[test]
    fn promise_text_drops_markers_and_due_dates() {
        assert_eq!(promise_text("I owe [[Sam]]: the deck 📅 2026-12-01"), "the deck");
        assert_eq!(promise_text("[[Sam]] owes me: an intro [due:: 2026-01-02]"), "an intro");
        assert_eq!(promise_text("owe: slides"), "slides");
        assert_eq!(promise_text("send the deck"), "send the deck");
    }

    #[test]
    fn tells_promises_apart_by_direction() {
        assert_eq!(parse_task_line("- [ ] I owe [[Sam]]: the deck").unwrap().direction, Direction::IOwe);
        assert_eq!(parse_task_line("- [ ] [[Sam]] owes me: an intro").unwrap().direction, Direction::TheyOwe);
        assert_eq!(parse_task_line("- [ ] owes me: an intro").unwrap().direction, Direction::TheyOwe);
    }
}
