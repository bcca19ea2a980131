//! Regenerating a checklist report without losing what the user did to it.
//!
//! rolo's own items read `- [ ] ACTION — FACT`; an item is identified by its section and
//! ACTION, so a tick survives when the fact behind it changes wording (days counted, dates).
//! The report ends with a `## Notes` section kept verbatim. A line is rolo's only if its
//! template writes it (see [`carry_over`]); any other line the user added anywhere, and any
//! ticked item the new report no longer lists, is moved into Notes rather than dropped.

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::OnceCell;
use std::collections::HashSet;

/// The heading of the section rolo never rewrites.
pub const NOTES_HEADING: &str = "## Notes";

/// The dash of the separator between an item's action and its fact, ` — `.
const DASH: char = '—';

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
    let notes_lines: FxHashSet<&str> = old_notes.lines().map(str::trim_end).collect();
    let written = Written::of(new, known);
    let spent = |section: &str, action: &str| settled.contains(action) || written.listed().contains(&(section, action));
    let mut strays: Vec<&str> = if front_matter(new).is_some() { Vec::new() } else { front };
    strays.extend(user_lines(old, &written, spent).filter(|l| !notes_lines.contains(l)));
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
    ticked: &FxHashSet<(&str, &str)>,
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

/// What rolo writes in a report. The sets about items are made when first asked for: most
/// old lines are found whole among the new ones, and a large audit has a hundred thousand
/// items.
struct Written<'a> {
    new: &'a str,
    known: &'a str,
    /// Every line (trailing spaces trimmed) of the new report and of the template's skeleton.
    lines: FxHashSet<&'a str>,
    /// `(section heading, action)` of every item of the new report.
    listed: OnceCell<FxHashSet<(&'a str, &'a str)>>,
    /// By section heading, the shapes of the items they hold (see [`shape_into`]).
    shapes: OnceCell<FxHashMap<&'a str, FxHashSet<String>>>,
    /// The first cell of every table row of the new report.
    row_labels: FxHashSet<&'a str>,
}

impl<'a> Written<'a> {
    fn of(new: &'a str, known: &'a str) -> Written<'a> {
        Written {
            new,
            known,
            lines: new.lines().chain(known.lines()).map(str::trim_end).collect(),
            listed: OnceCell::new(),
            shapes: OnceCell::new(),
            row_labels: generated_part(new).filter_map(first_cell).collect(),
        }
    }

    /// `(section heading, action)` of every item of the new report.
    fn listed(&self) -> &FxHashSet<(&'a str, &'a str)> {
        self.listed.get_or_init(|| items(self.new).map(|(section, _, action)| (section, action)).collect())
    }

    /// Whether an item is one rolo writes in that section, whatever names and numbers it holds.
    fn is_item(&self, section: &str, line: &str, action: &str) -> bool {
        if separator_at(line).is_none() || action.is_empty() {
            return false;
        }
        // The cheap check first: the same action, with a fact that changed.
        self.listed().contains(&(section, action))
            || self.shapes().get(section).is_some_and(|shapes| shapes.contains(&shape(action)))
    }

    fn shapes(&self) -> &FxHashMap<&'a str, FxHashSet<String>> {
        self.shapes.get_or_init(|| {
            // Items of one section mostly share a shape: one buffer, a copy only for new ones.
            let mut shapes: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
            let mut buffer = String::new();
            for (section, _, action) in items(self.new).chain(items(self.known)) {
                shape_into(action, &mut buffer);
                let known = shapes.entry(section).or_default();
                if !known.contains(buffer.as_str()) {
                    known.insert(buffer.clone());
                }
            }
            shapes
        })
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
            // The cheap check first: most old items are in the new report as they were.
            Some((false, action)) => written.lines.contains(line) || written.is_item(section, line, action),
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
    shape_into(action, &mut out);
    out
}

/// [`shape`], written into `out` (cleared first).
fn shape_into(action: &str, out: &mut String) {
    const NAME: &str = "[[]]";
    const AND: &str = " and ";
    out.clear();
    let mut rest = action;
    while let Some(open) = rest.find("[[") {
        out.push_str(&rest[..open]);
        // Two names or more, as in `merge [[A]] and [[B]] and [[C]]`, are one.
        let before_and = out.strip_suffix(AND).map(str::len);
        if let Some(len) = before_and.filter(|&len| out[..len].ends_with(NAME)) {
            out.truncate(len);
        } else {
            out.push_str(NAME);
        }
        rest = rest[open + 2..].split_once("]]").map_or("", |(_, tail)| tail);
    }
    out.push_str(rest);
    if let Some(at) = out.rfind(" to ") {
        if !out[at + 4..].contains(' ') {
            out.truncate(at);
            out.push_str(" to …");
        }
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
    let new_keys: FxHashSet<&str> = new_front.lines().filter_map(yaml_key).collect();
    let new_lines: FxHashSet<&str> = new_front.lines().map(str::trim_end).collect();
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

/// Where the first separator ` — ` in `text` starts. Searching for its [`DASH`] alone is
/// several times faster than for the whole string, which counts on audits of a hundred
/// thousand items.
fn separator_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.match_indices(DASH)
        .map(|(at, dash)| (at, at + dash.len()))
        .find(|&(at, end)| at > 0 && bytes.get(at - 1) == Some(&b' ') && bytes.get(end) == Some(&b' '))
        .map(|(at, _)| at - 1)
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
    let action = separator_at(text).and_then(|at| text.get(..at)).unwrap_or(text).trim();
    Some((ticked, action))
}

/// The actions of ticked items in a report, whatever their section.
pub fn ticked_actions(report: &str) -> HashSet<&str> {
    ticked_items(report).into_iter().map(|(_, action)| action).collect()
}

/// The ticked items of a report, as `(section heading, action)`: a tick belongs to its
/// section, so ticking `review [[Ana]]` under one heading does not tick it under another.
fn ticked_items(report: &str) -> FxHashSet<(&str, &str)> {
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

    #[test]
    fn the_separator_is_found_where_a_search_for_the_whole_string_finds_it() {
        for text in ["a — b", "a —b — c", "a— b — c", "— x", " — x", "x —", "x — ", "é — ü", "ab", "", "a —— b — c"]
        {
            assert_eq!(separator_at(text), text.find(" — "), "{text:?}");
        }
    }

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

    /// The plain definition of a shape: every name emptied, then every `[[]] and [[]]` made
    /// one `[[]]`, then a last word after ` to ` replaced.
    fn reference_shape(action: &str) -> String {
        let mut out = String::new();
        let mut rest = action;
        while let Some((before, after)) = rest.split_once("[[") {
            out.push_str(before);
            out.push_str("[[]]");
            rest = after.split_once("]]").map_or("", |(_, tail)| tail);
        }
        out.push_str(rest);
        while out.contains("[[]] and [[]]") {
            out = out.replace("[[]] and [[]]", "[[]]");
        }
        match out.rsplit_once(" to ") {
            Some((head, value)) if !value.contains(' ') => format!("{head} to …"),
            _ => out,
        }
    }

    #[test]
    fn shapes_are_made_in_one_pass_as_the_plain_definition_makes_them() {
        for action in [
            "archive [[Ana Ruiz]]",
            "merge [[A]] and [[B]] and [[C]]",
            "merge [[A]] and [[B]] to [[C]]",
            "[[A]][[B]] and [[C]]",
            "link [[A]] and  [[B]]",
            "set cadence of [[Ana]] to 60d",
            "set cadence of [[Ana]] to every week",
            "talk to [[Ana]]",
            "open [[never closed",
            "]] [[ ]] and [[x]] to é",
            "",
        ] {
            assert_eq!(shape(action), reference_shape(action), "{action:?}");
        }
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
