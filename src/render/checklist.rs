//! Regenerating a checklist report without losing what the user did to it.
//!
//! rolo's own items read `- [ ] ACTION — FACT`; an item is identified by its section and
//! ACTION, so a tick survives when the fact behind it changes wording (days counted, dates).
//! The report ends with a `## Notes` section kept verbatim. A line is rolo's only if its
//! template writes it (see [`carry_over`]); any other line the user added anywhere, and any
//! ticked item the new report no longer lists, is moved into Notes rather than dropped.

use std::collections::HashSet;

/// The heading of the section rolo never rewrites.
pub const NOTES_HEADING: &str = "## Notes";

/// The separator between an item's action and its fact.
const SEPARATOR: &str = " — ";

/// Merges the previous report into a freshly rendered one.
///
/// `known` is the report's template rendered with one made-up item in every section, and
/// with none: the lines rolo may write even when absent from `new` (advice, placeholders,
/// table headers), and the shape of each section's items, so none of them is mistaken for
/// the user's. `settled` holds the actions of ticked items that were carried out: their ticks
/// are spent. Any other ticked item the new report no longer lists is moved under Notes,
/// never dropped; so is every line rolo did not write (a fenced block whole). Keys the user
/// added to the front matter are kept in the new front matter.
pub fn carry_over(old: &str, new: &str, known: &str, settled: &HashSet<String>) -> String {
    if old == new {
        // Nothing ticked, added or noted since: the usual case when the vault did not change.
        return new.to_string();
    }
    let front = user_front_matter(old, new);
    let (out, notes_end) = with_ticks(new, &ticked_items(old), settled, &front);
    let old_notes = notes_body(old);
    let notes_lines: HashSet<&str> = old_notes.lines().map(str::trim_end).collect();
    let listed: HashSet<(&str, &str)> = items(new).map(|(section, _, action)| (section, action)).collect();
    let spent = |section: &str, action: &str| settled.contains(action) || listed.contains(&(section, action));
    let mut strays: Vec<&str> = if front_matter(new).is_some() { Vec::new() } else { front };
    strays.extend(user_lines(old, &Written::of(new, known), spent).filter(|l| !notes_lines.contains(l)));
    if old_notes.trim().is_empty() && strays.is_empty() {
        return out;
    }
    // Replace whatever the template put under Notes with what the user has there.
    let mut text = out;
    match notes_end {
        Some(end) => text.truncate(end),
        None => text.push_str(&format!("\n{NOTES_HEADING}\n")),
    }
    text.push_str(old_notes);
    if !strays.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for stray in strays {
        text.push_str(stray);
        text.push('\n');
    }
    text
}

/// The new report with the old ticks that still apply, and the user's front matter lines
/// added to its own; with where its first Notes heading ends, if it has one.
fn with_ticks(
    new: &str,
    ticked: &HashSet<(&str, &str)>,
    settled: &HashSet<String>,
    front: &[&str],
) -> (String, Option<usize>) {
    let mut out = String::with_capacity(new.len() + 64);
    let mut notes_end = None;
    let mut section = "";
    let front_end = front_matter(new).map(|(_, end)| end);
    let mut offset = 0;
    for line in new.split_inclusive('\n') {
        offset += line.len();
        if front_end == Some(offset) {
            front.iter().for_each(|l| {
                out.push_str(l);
                out.push('\n');
            });
        }
        section = heading(line).unwrap_or(section);
        match item(line) {
            Some((false, action))
                if notes_end.is_none() && ticked.contains(&(section, action)) && !settled.contains(action) =>
            {
                out.push_str(&line.replacen("[ ]", "[x]", 1))
            }
            _ => out.push_str(line),
        }
        if notes_end.is_none() && line.trim_end() == NOTES_HEADING {
            notes_end = Some(out.len());
        }
    }
    (out, notes_end)
}

/// What rolo writes in a report.
struct Written<'a> {
    /// Every line (trailing spaces trimmed) of the new report and of the template's skeleton.
    lines: HashSet<&'a str>,
    /// `(section heading, action shape)` of every item they hold (see [`shape`]).
    shapes: HashSet<(&'a str, String)>,
    /// The first cell of every table row of the new report.
    row_labels: HashSet<&'a str>,
}

impl<'a> Written<'a> {
    fn of(new: &'a str, known: &'a str) -> Written<'a> {
        let both = || items(new).chain(items(known));
        Written {
            lines: new.lines().chain(known.lines()).map(str::trim_end).collect(),
            shapes: both().map(|(section, _, action)| (section, shape(action))).collect(),
            row_labels: generated_part(new).filter_map(first_cell).collect(),
        }
    }

    /// Whether an item is one rolo writes in that section, whatever names and numbers it holds.
    fn is_item(&self, section: &str, line: &str, action: &str) -> bool {
        line.contains(SEPARATOR) && !action.is_empty() && self.shapes.contains(&(section, shape(action)))
    }
}

/// The lines of the old report's body that rolo did not write, in order: the user's. Items
/// whose tick is `spent` (carried out, or carried over to the new report) are rolo's.
fn user_lines<'a>(
    old: &'a str,
    written: &Written<'_>,
    spent: impl Fn(&str, &str) -> bool,
) -> impl Iterator<Item = &'a str> {
    let mut lines = body_lines(old).map(str::trim_end);
    let mut out: Vec<&str> = Vec::new();
    let mut section = "";
    // While in a table: whether rolo wrote its header.
    let mut table: Option<bool> = None;
    while let Some(line) = lines.next() {
        section = heading(line).unwrap_or(section);
        if is_fence(line) {
            let mut block = vec![line];
            for inner in lines.by_ref() {
                block.push(inner);
                if is_fence(inner) {
                    break;
                }
            }
            // rolo's blocks (the Mermaid chart) open with a line and a first line it writes.
            let first = block.get(1).filter(|l| !l.trim().is_empty());
            if !(written.lines.contains(line) && first.is_some_and(|l| written.lines.contains(l))) {
                out.extend(block);
            }
            continue;
        }
        let in_rolo_table = line.starts_with('|') && *table.get_or_insert_with(|| written.lines.contains(line));
        if !line.starts_with('|') {
            table = None;
        }
        let rolo = match item(line) {
            Some((true, action)) => spent(section, action),
            Some((false, action)) => written.is_item(section, line, action) || written.lines.contains(line),
            None if in_rolo_table => {
                written.lines.contains(line) || first_cell(line).is_some_and(|c| written.row_labels.contains(c))
            }
            None => line.trim().is_empty() || written.lines.contains(line),
        };
        if !rolo {
            out.push(line);
        }
    }
    out.into_iter()
}

/// An action with its names and its last word after ` to ` taken out: `archive [[Ana]]` and
/// `archive [[Ben]]`, or `set cadence of [[Ana]] to 60d` and `… to 1y`, have the same shape.
fn shape(action: &str) -> String {
    let mut out = String::with_capacity(action.len());
    let mut rest = action;
    while let Some((before, after)) = rest.split_once("[[") {
        out.push_str(before);
        out.push_str("[[]]");
        rest = after.split_once("]]").map_or("", |(_, tail)| tail);
    }
    out.push_str(rest);
    // Two names or more, as in `merge [[A]] and [[B]] and [[C]]`.
    while out.contains("[[]] and [[]]") {
        out = out.replace("[[]] and [[]]", "[[]]");
    }
    match out.rsplit_once(" to ") {
        Some((head, value)) if !value.contains(' ') => format!("{head} to …"),
        _ => out,
    }
}

/// The first cell of a table row, trimmed.
fn first_cell(line: &str) -> Option<&str> {
    line.trim().strip_prefix('|')?.split('|').next().map(str::trim)
}

fn is_fence(line: &str) -> bool {
    line.trim_start().starts_with("```")
}

/// Lines of the old front matter that the new one lacks: keys the user added (each with its
/// indented or list lines) and comments. rolo's own keys are rewritten, never doubled.
fn user_front_matter<'a>(old: &'a str, new: &str) -> Vec<&'a str> {
    let Some((old_front, _)) = front_matter(old) else { return Vec::new() };
    let new_front = front_matter(new).map_or("", |(front, _)| front);
    let new_keys: HashSet<&str> = new_front.lines().filter_map(yaml_key).collect();
    let new_lines: HashSet<&str> = new_front.lines().map(str::trim_end).collect();
    let mut keep = false;
    let mut out = Vec::new();
    for line in old_front.lines().map(str::trim_end) {
        if let Some(key) = yaml_key(line) {
            keep = !new_keys.contains(key);
        } else if !line.starts_with([' ', '\t', '-']) {
            keep = !new_lines.contains(line);
        }
        if keep && !line.trim().is_empty() {
            out.push(line);
        }
    }
    out
}

/// The key a top-level front matter line sets, if it sets one.
fn yaml_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    line.split_once(':').map(|(key, _)| key.trim()).filter(|key| !key.is_empty())
}

/// The text inside a report's front matter, and where the front matter ends.
fn front_matter(report: &str) -> Option<(&str, usize)> {
    let mut lines = report.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut end = first.len();
    for line in lines {
        if line.trim_end() == "---" {
            return Some((report.get(first.len()..end)?, end + line.len()));
        }
        end += line.len();
    }
    None
}

/// `(is_ticked, action)` for a checklist line.
fn item(line: &str) -> Option<(bool, &str)> {
    let rest = line.trim_start().strip_prefix("- [")?;
    let ticked = match rest.chars().next()? {
        ' ' => false,
        'x' | 'X' => true,
        _ => return None,
    };
    let text = rest.get(1..)?.strip_prefix("] ")?;
    let action = text.split(SEPARATOR).next().unwrap_or(text).trim();
    Some((ticked, action))
}

/// The actions of ticked items in a report, whatever their section.
pub fn ticked_actions(report: &str) -> HashSet<&str> {
    ticked_items(report).into_iter().map(|(_, action)| action).collect()
}

/// The ticked items of a report, as `(section heading, action)`: a tick belongs to its
/// section, so ticking `review [[Ana]]` under one heading does not tick it under another.
fn ticked_items(report: &str) -> HashSet<(&str, &str)> {
    items(report).filter(|(_, ticked, _)| *ticked).map(|(section, _, action)| (section, action)).collect()
}

/// `(section heading, is_ticked, action)` for each checklist item before the Notes section.
fn items(report: &str) -> impl Iterator<Item = (&str, bool, &str)> {
    sectioned(report).filter_map(|(section, line)| item(line).map(|(ticked, action)| (section, ticked, action)))
}

/// The `## ` heading a line is, if it is one.
fn heading(line: &str) -> Option<&str> {
    let line = line.trim_end();
    line.starts_with("## ").then_some(line)
}

/// The lines of [`generated_part`], each with the heading of its section (empty before the first).
fn sectioned(report: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    generated_part(report).map(move |line| {
        section = heading(line).unwrap_or(section);
        (section, line)
    })
}

/// The lines of a report after its front matter and before the Notes section.
fn body_lines(report: &str) -> impl Iterator<Item = &str> {
    let start = front_matter(report).map_or(0, |(_, end)| end);
    report.get(start..).unwrap_or("").split_inclusive('\n').take_while(|l| l.trim_end() != NOTES_HEADING)
}

/// [`body_lines`] outside fenced blocks: where rolo's items are.
fn generated_part(report: &str) -> impl Iterator<Item = &str> {
    let mut in_fence = false;
    body_lines(report).filter(move |line| {
        if is_fence(line) {
            in_fence = !in_fence;
            return false;
        }
        !in_fence
    })
}

/// Everything after the Notes heading, verbatim.
fn notes_body(report: &str) -> &str {
    let mut offset = 0;
    for line in report.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == NOTES_HEADING {
            return &report[offset..];
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> HashSet<String> {
        HashSet::new()
    }

    const NEW: &str = "---\nrolo: audit\n---\n# Audit\n## Dormant\n- [ ] archive [[Ana]] — 14 months\n- [ ] archive [[Ben]] — 13 months\n\n## Notes\n<!-- yours -->\n";

    #[test]
    fn ticks_survive_when_the_fact_changes() {
        let old = NEW.replace("- [ ] archive [[Ana]] — 14 months", "- [x] archive [[Ana]] — 13 months");
        let merged = carry_over(&old, NEW, "", &none());
        assert!(merged.contains("- [x] archive [[Ana]] — 14 months"));
        assert!(merged.contains("- [ ] archive [[Ben]]"));
    }

    #[test]
    fn notes_are_kept_verbatim() {
        let old = format!("{NEW}call the accountant\n  - with details  \n");
        let merged = carry_over(&old, NEW, "", &none());
        assert!(merged.ends_with("## Notes\n<!-- yours -->\ncall the accountant\n  - with details  \n"), "{merged}");
    }

    #[test]
    fn lines_added_elsewhere_move_to_notes() {
        let old = NEW.replace("## Dormant\n", "## Dormant\nask Sam about Ana first\n");
        let merged = carry_over(&old, NEW, "", &none());
        assert!(merged.trim_end().ends_with("ask Sam about Ana first"), "{merged}");
        assert_eq!(merged.matches("ask Sam").count(), 1);
    }

    #[test]
    fn rolo_items_that_no_longer_apply_are_dropped() {
        let old = NEW.replace(
            "- [ ] archive [[Ben]] — 13 months\n",
            "- [ ] archive [[Ben]] — 13 months\n- [ ] archive [[Cy]] — 2 years\n",
        );
        let merged = carry_over(&old, NEW, "", &none());
        assert!(!merged.contains("Cy"));
    }

    #[test]
    fn rows_of_rolo_tables_are_not_mistaken_for_user_lines() {
        let new = NEW.replace("## Notes\n", "| Circle | N |\n| --- | ---: |\n| a | 2 |\n\n## Notes\n");
        let old = new.replace("| a | 2 |", "| a | 1 |");
        assert_eq!(carry_over(&old, &new, "", &none()), new);
    }

    #[test]
    fn a_ticked_item_no_longer_listed_moves_to_notes_unless_it_was_carried_out() {
        let old = NEW.replace("## Dormant\n", "## Dormant\n- [x] set cadence of [[Ana]] to 60d — 55 days\n");
        let merged = carry_over(&old, NEW, "", &none());
        assert!(merged.ends_with("- [x] set cadence of [[Ana]] to 60d — 55 days\n"), "{merged}");
        let spent = HashSet::from(["set cadence of [[Ana]] to 60d".to_string()]);
        assert_eq!(carry_over(&old, NEW, "", &spent), NEW);
    }

    #[test]
    fn a_tick_belongs_to_its_section() {
        let new = NEW.replace("## Notes\n", "## Unsorted\n- [ ] archive [[Ana]] — no circle\n\n## Notes\n");
        let old = new.replace("- [ ] archive [[Ana]] — 14 months", "- [x] archive [[Ana]] — 14 months");
        let merged = carry_over(&old, &new, "", &none());
        assert!(merged.contains("- [x] archive [[Ana]] — 14 months"), "{merged}");
        assert!(merged.contains("- [ ] archive [[Ana]] — no circle"), "{merged}");
    }

    #[test]
    fn shapes_ignore_names_and_cadences() {
        assert_eq!(shape("archive [[Ana Ruiz]]"), "archive [[]]");
        assert_eq!(shape("set cadence of [[Ana]] to 60d"), shape("set cadence of [[Ben]] to 1y"));
        assert_eq!(shape("merge [[A]] and [[B]] and [[C]]"), shape("merge [[x]] and [[y]]"));
        assert_ne!(shape("call [[Ana]]"), shape("archive [[Ana]]"));
    }

    #[test]
    fn user_items_fences_and_front_matter_keys_are_kept() {
        let old = NEW
            .replace("rolo: audit\n", "rolo: audit\ntags:\n  - review\n")
            .replace("## Dormant\n", "## Dormant\n- [ ] call [[Ana]] — re deck\n```\n\nmine\n```\n");
        let merged = carry_over(&old, NEW, "", &none());
        assert!(merged.starts_with("---\nrolo: audit\ntags:\n  - review\n---\n"), "{merged}");
        assert!(merged.ends_with("<!-- yours -->\n- [ ] call [[Ana]] — re deck\n```\n\nmine\n```\n"), "{merged}");
        assert_eq!(carry_over(&merged, NEW, "", &none()), merged, "stable once moved");
    }

    #[test]
    fn lines_of_the_template_skeleton_are_rolo_s() {
        let known = "## Dormant\nNo contact in a year.\n- [ ] archive [[x]] — x\n";
        let old = NEW.replace("## Dormant\n", "## Dormant\nNo contact in a year.\n- [ ] archive [[Cy]] — 2y\n");
        let new = NEW.replace("- [ ] archive [[Ana]] — 14 months\n- [ ] archive [[Ben]] — 13 months\n", "");
        assert_eq!(carry_over(&old, &new, known, &none()), new);
    }

    #[test]
    fn unchanged_report_stays_byte_identical() {
        assert_eq!(carry_over(NEW, NEW, "", &none()), NEW);
    }

    #[test]
    fn user_checklist_items_without_a_fact_are_kept() {
        let old = NEW.replace("## Dormant\n", "## Dormant\n- [x] my own item\n");
        assert!(carry_over(&old, NEW, "", &none()).contains("- [x] my own item"));
    }
}
