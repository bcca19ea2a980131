//! Regenerating a checklist report without losing what the user did to it.
//!
//! rolo's own items read `- [ ] ACTION — FACT`; an item is identified by its section and
//! ACTION, so a tick survives when the fact behind it changes wording (days counted, dates). The report ends with
//! a `## Notes` section kept verbatim. Any other line the user added anywhere (one rolo did
//! not write and would not write now) is moved into Notes rather than dropped.

use std::collections::HashSet;

/// The heading of the section rolo never rewrites.
pub const NOTES_HEADING: &str = "## Notes";

/// The separator between an item's action and its fact.
const SEPARATOR: &str = " — ";

/// Merges the previous report into a freshly rendered one.
///
/// `known` holds lines rolo may write in this report even when absent from `new` (e.g. the
/// text of empty sections), so they are not mistaken for the user's. `settled` holds the
/// actions of ticked items that were carried out: their ticks are spent. Any other ticked
/// item that the new report no longer lists is moved under Notes, never dropped.
pub fn carry_over(old: &str, new: &str, known: &str, settled: &HashSet<String>) -> String {
    if old == new {
        // Nothing ticked, added or noted since: the usual case when the vault did not change.
        return new.to_string();
    }
    let ticked = ticked_items(old);
    let mut out = String::with_capacity(new.len() + old.len() / 8);
    // Where the first Notes heading of the new report ends, if it has one.
    let mut notes_end = None;
    let mut section = "";
    for line in new.split_inclusive('\n') {
        section = heading(line).unwrap_or(section);
        match item(line) {
            Some((false, action)) if notes_end.is_none() && ticked.contains(&(section, action)) => {
                out.push_str(&line.replacen("[ ]", "[x]", 1))
            }
            _ => out.push_str(line),
        }
        if notes_end.is_none() && line.trim_end() == NOTES_HEADING {
            notes_end = Some(out.len());
        }
    }
    let old_notes = notes_body(old);
    let mut strays: Vec<&str> = Vec::new();
    let generated: HashSet<&str> = new.lines().chain(known.lines()).map(str::trim_end).collect();
    let notes_lines: HashSet<&str> = old_notes.lines().map(str::trim_end).collect();
    let listed: HashSet<(&str, &str)> = items(new).map(|(section, _, action)| (section, action)).collect();
    // Rows of a table whose header rolo writes are rolo's, whatever their numbers say.
    let mut in_rolo_table = false;
    let mut previous_was_row = false;
    for (section, line) in sectioned(old) {
        let trimmed = line.trim_end();
        let is_row = trimmed.starts_with('|');
        if is_row && !previous_was_row {
            in_rolo_table = generated.contains(trimmed);
        }
        previous_was_row = is_row;
        let is_rolo_item = item(line).is_some_and(|(ticked, action)| {
            let spent = !ticked || settled.contains(action) || listed.contains(&(section, action));
            spent && line.contains(SEPARATOR) && !action.is_empty()
        });
        if trimmed.trim().is_empty()
            || is_rolo_item
            || (is_row && in_rolo_table)
            || generated.contains(trimmed)
            || notes_lines.contains(trimmed)
        {
            continue;
        }
        strays.push(trimmed);
    }
    if old_notes.trim().is_empty() && strays.is_empty() {
        return out;
    }
    // Replace whatever the template put under Notes with what the user has there.
    match notes_end {
        Some(end) => out.truncate(end),
        None => out.push_str(&format!("\n{NOTES_HEADING}\n")),
    }
    let mut text = out;
    text.push_str(old_notes);
    if !strays.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        for stray in strays {
            text.push_str(stray);
            text.push('\n');
        }
    }
    text
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

/// The lines of a report before the Notes section, without front matter or Mermaid blocks.
fn generated_part(report: &str) -> impl Iterator<Item = &str> {
    let mut in_front = report.starts_with("---");
    let mut first = true;
    let mut in_fence = false;
    report.split_inclusive('\n').take_while(|l| l.trim_end() != NOTES_HEADING).filter(move |line| {
        let t = line.trim_end();
        if first {
            first = false;
            if in_front {
                return false;
            }
        }
        if in_front {
            in_front = t != "---";
            return false;
        }
        if t.starts_with("```") {
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
    fn unchanged_report_stays_byte_identical() {
        assert_eq!(carry_over(NEW, NEW, "", &none()), NEW);
    }

    #[test]
    fn user_checklist_items_without_a_fact_are_kept() {
        let old = NEW.replace("## Dormant\n", "## Dormant\n- [x] my own item\n");
        assert!(carry_over(&old, NEW, "", &none()).contains("- [x] my own item"));
    }
}
