use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn log(text: &str, date: &str) -> String {
    insert_log_entry(text, &format!("- {date} new"), d(date)).unwrap()
}

#[test]
fn no_log_section_appends_one() {
    assert_eq!(log("# Ana\n", "2026-11-24"), "# Ana\n\n## Log\n\n- 2026-11-24 new\n");
}

#[test]
fn no_log_section_without_final_newline_crlf() {
    assert_eq!(log("# Ana\r\nText", "2026-11-24"), "# Ana\r\nText\r\n\r\n## Log\r\n\r\n- 2026-11-24 new\r\n");
}

#[test]
fn no_log_section_after_blank_line_adds_no_second_blank() {
    assert_eq!(log("Text\n\n", "2026-11-24"), "Text\n\n## Log\n\n- 2026-11-24 new\n");
}

#[test]
fn empty_note_and_bom_only_note() {
    assert_eq!(log("", "2026-11-24"), "## Log\n\n- 2026-11-24 new\n");
    assert_eq!(log("\u{feff}", "2026-11-24"), "\u{feff}## Log\n\n- 2026-11-24 new\n");
}

#[test]
fn front_matter_only_note_gets_log_after_it() {
    assert_eq!(log("---\n---\n", "2026-11-24"), "---\n---\n\n## Log\n\n- 2026-11-24 new\n");
}

#[test]
fn log_inside_front_matter_is_ignored() {
    let text = "---\nx: |\n  ## Log\n---\n";
    assert_eq!(log(text, "2026-11-24"), "---\nx: |\n  ## Log\n---\n\n## Log\n\n- 2026-11-24 new\n");
}

#[test]
fn descending_log_gets_newest_first() {
    let text = "## Log\n- 2026-03-01 b\n- 2026-01-01 a\n";
    assert_eq!(log(text, "2026-11-24"), "## Log\n- 2026-11-24 new\n- 2026-03-01 b\n- 2026-01-01 a\n");
}

#[test]
fn descending_log_same_day_goes_above() {
    let text = "## Log\n- 2026-03-01 b\n- 2026-01-01 a\n";
    assert_eq!(log(text, "2026-03-01"), "## Log\n- 2026-03-01 new\n- 2026-03-01 b\n- 2026-01-01 a\n");
}

#[test]
fn descending_log_oldest_goes_last_after_continuation() {
    let text = "## Log\n- 2026-03-01 b\n- 2026-01-01 a\n  more about a\n\nText\n";
    assert_eq!(
        log(text, "2025-01-01"),
        "## Log\n- 2026-03-01 b\n- 2026-01-01 a\n  more about a\n- 2025-01-01 new\n\nText\n"
    );
}

#[test]
fn a_new_entry_never_splits_an_entry_from_its_unindented_continuation() {
    let text = "## Log\n- 2026-01-01 called\nabout the move, more later\n";
    assert_eq!(log(text, "2026-11-24"), "## Log\n- 2026-01-01 called\nabout the move, more later\n- 2026-11-24 new\n");
    let text = "## Log\n- 2026-03-01 b\nstill b\n- 2026-01-01 a\n";
    assert_eq!(log(text, "2026-02-01"), "## Log\n- 2026-03-01 b\nstill b\n- 2026-02-01 new\n- 2026-01-01 a\n");
    // A table row without its delimiter row is text, so it continues the entry too.
    let text = "## Log\n- 2026-01-01 a\n| a |\n";
    assert_eq!(log(text, "2026-11-24"), "## Log\n- 2026-01-01 a\n| a |\n- 2026-11-24 new\n");
    // What starts something else ends the list: the entry goes before it.
    for after in ["---", "## Next", "> quote", "```", "<div>", "* * *"] {
        let text = format!("## Log\n- 2026-01-01 a\n{after}\n");
        assert_eq!(
            log(&text, "2026-11-24"),
            format!("## Log\n- 2026-01-01 a\n- 2026-11-24 new\n{after}\n"),
            "{after:?}"
        );
    }
}

#[test]
fn ascending_log_gets_entry_in_order_after_continuation() {
    let text = "## Log\n- 2026-01-01 a\n    detail\n- 2026-03-01 b\n";
    assert_eq!(log(text, "2026-02-01"), "## Log\n- 2026-01-01 a\n    detail\n- 2026-02-01 new\n- 2026-03-01 b\n");
}

#[test]
fn ascending_log_newest_goes_last() {
    let text = "## Log\r\n- 2026-01-01 a\r\n- 2026-03-01 b";
    assert_eq!(log(text, "2026-11-24"), "## Log\r\n- 2026-01-01 a\r\n- 2026-03-01 b\r\n- 2026-11-24 new");
}

#[test]
fn ascending_log_oldest_goes_first() {
    let text = "## Log\n- 2026-01-01 a\n- 2026-03-01 b\n";
    assert_eq!(log(text, "2025-01-01"), "## Log\n- 2025-01-01 new\n- 2026-01-01 a\n- 2026-03-01 b\n");
}

#[test]
fn unordered_log_appends_after_last_item() {
    let text = "## Interactions\n- 2026-03-01 b\n- 2026-01-01 a\n- 2026-02-01 c\n  cont\n";
    assert_eq!(
        log(text, "2026-11-24"),
        "## Interactions\n- 2026-03-01 b\n- 2026-01-01 a\n- 2026-02-01 c\n  cont\n- 2026-11-24 new\n"
    );
}

#[test]
fn single_entry_appends_after_it() {
    let text = "### log \n* 2026-03-01 b\n";
    assert_eq!(log(text, "2026-01-01"), "### log \n* 2026-03-01 b\n- 2026-01-01 new\n");
}

#[test]
fn log_followed_by_another_section() {
    let text = "## Log\n- 2026-01-01 a\n- 2026-03-01 b\n\n## Notes\n- 2026-12-01 not log\n";
    assert_eq!(
        log(text, "2026-11-24"),
        "## Log\n- 2026-01-01 a\n- 2026-03-01 b\n- 2026-11-24 new\n\n## Notes\n- 2026-12-01 not log\n"
    );
}

#[test]
fn subheading_stays_inside_section() {
    let text = "## Log\n- 2026-01-01 a\n### Later\n- 2026-02-01 z\n# Next\n";
    assert_eq!(
        log(text, "2026-11-24"),
        "## Log\n- 2026-01-01 a\n### Later\n- 2026-02-01 z\n- 2026-11-24 new\n# Next\n"
    );
}

#[test]
fn fenced_log_heading_is_ignored() {
    let text = "```md\n## Log\n- 2026-01-01 a\n```\n~~~\n## Log\n~~~\n";
    assert_eq!(
        log(text, "2026-11-24"),
        "```md\n## Log\n- 2026-01-01 a\n```\n~~~\n## Log\n~~~\n\n## Log\n\n- 2026-11-24 new\n"
    );
}

#[test]
fn fenced_items_in_log_are_ignored() {
    let text = "## Log\n- 2026-01-01 a\n```\n- 2026-09-09 code\n```\n";
    assert_eq!(log(text, "2026-11-24"), "## Log\n- 2026-01-01 a\n- 2026-11-24 new\n```\n- 2026-09-09 code\n```\n");
}

#[test]
fn empty_log_at_end_without_newline() {
    assert_eq!(log("## Log", "2026-11-24"), "## Log\n\n- 2026-11-24 new");
}

#[test]
fn empty_log_at_end() {
    assert_eq!(log("## Log\n", "2026-11-24"), "## Log\n\n- 2026-11-24 new\n");
    assert_eq!(log("## Log\n\n", "2026-11-24"), "## Log\n\n- 2026-11-24 new\n");
}

#[test]
fn empty_log_before_next_heading() {
    assert_eq!(log("## Log\n## Next\n", "2026-11-24"), "## Log\n\n- 2026-11-24 new\n\n## Next\n");
    assert_eq!(log("## Log\n\n## Next\n", "2026-11-24"), "## Log\n\n- 2026-11-24 new\n\n## Next\n");
    assert_eq!(log("## Log\n\n\n## Next\n", "2026-11-24"), "## Log\n\n- 2026-11-24 new\n\n## Next\n");
}

#[test]
fn log_with_text_but_no_items_inserts_under_heading() {
    assert_eq!(log("## Log\nSee old notes.\n", "2026-11-24"), "## Log\n- 2026-11-24 new\n\nSee old notes.\n");
    assert_eq!(log("## Log\n\nSee old notes.\n", "2026-11-24"), "## Log\n- 2026-11-24 new\n\nSee old notes.\n");
}

#[test]
fn log_with_bom_and_front_matter_crlf() {
    let text = "\u{feff}---\r\na: 1\r\n---\r\n## Log\r\n- 2026-03-01 b\r\n- 2026-01-01 a\r\n";
    assert_eq!(
        log(text, "2026-02-01"),
        "\u{feff}---\r\na: 1\r\n---\r\n## Log\r\n- 2026-03-01 b\r\n- 2026-02-01 new\r\n- 2026-01-01 a\r\n"
    );
}

#[test]
fn headings_parse_levels_and_closing_hashes() {
    let got = headings("# A #\n####### no\n#no\n   ## B ##  \n    # code\n");
    let got: Vec<(usize, usize, &str)> = got.iter().map(|h| (h.line, h.level, h.text.as_str())).collect();
    assert_eq!(got, vec![(0, 1, "A"), (3, 2, "B")]);
}

#[test]
fn append_task_to_existing_list() {
    let text = "## Tasks\n- [ ] a\n- [x] b\n\n## Log\n";
    assert_eq!(append_task(text, "- [ ] c", "tasks").unwrap(), "## Tasks\n- [ ] a\n- [x] b\n- [ ] c\n\n## Log\n");
}

#[test]
fn append_task_creates_section() {
    assert_eq!(append_task("# Ana\r\n", "- [ ] c", "Tasks").unwrap(), "# Ana\r\n\r\n## Tasks\r\n\r\n- [ ] c\r\n");
}

#[test]
fn set_task_done_marks_and_dates() {
    let text = "## Tasks\r\n  - [ ] send deck 📅 2026-12-01  \r\nx";
    assert_eq!(
        set_task_done(text, 1, d("2026-11-24")).unwrap(),
        "## Tasks\r\n  - [x] send deck 📅 2026-12-01 ✅ 2026-11-24  \r\nx"
    );
}

#[test]
fn set_task_done_on_last_line_without_newline() {
    assert_eq!(set_task_done("* [ ] a", 0, d("2026-11-24")).unwrap(), "* [x] a ✅ 2026-11-24");
}

#[test]
fn set_task_done_refuses_other_lines() {
    let text = "- [x] done\n- text\n";
    assert!(matches!(set_task_done(text, 0, d("2026-11-24")), Err(EditError::NotAnOpenTask { line: 1, .. })));
    assert!(matches!(
        set_task_done(text, 5, d("2026-11-24")),
        Err(EditError::LineOutOfRange { line: 6, count: 2, .. })
    ));
}

#[test]
fn replace_line_keeps_ending_and_bom() {
    assert_eq!(replace_line("a\r\nb\r\n", 0, "z").unwrap(), "z\r\nb\r\n");
    assert_eq!(replace_line("\u{feff}a\nb", 0, "z").unwrap(), "\u{feff}z\nb");
    assert_eq!(replace_line("a\nb", 1, "z").unwrap(), "a\nz");
    assert!(replace_line("a\n", 0, "x\ny").is_err());
}

#[test]
fn open_tasks_skip_code_and_front_matter() {
    let text = "---\nt: - [ ] no\n---\n- [ ] one\n```\n- [ ] code\n```\n  * [ ] two\n- [x] done\n";
    let got: Vec<(usize, String)> = open_tasks(text).into_iter().map(|t| (t.index, t.text)).collect();
    assert_eq!(got, vec![(3, "- [ ] one".to_string()), (7, "  * [ ] two".to_string())]);
}

#[test]
fn find_line_returns_first_match() {
    assert_eq!(find_line("a\r\nb\nb", "b"), Some(1));
    assert_eq!(find_line("a", "z"), None);
}

#[test]
fn append_task_ignores_fenced_heading_and_empty_front_matter() {
    let text = "---\n---\n```\n## Tasks\n```";
    assert_eq!(append_task(text, "- [ ] c", "Tasks").unwrap(), "---\n---\n```\n## Tasks\n```\n\n## Tasks\n\n- [ ] c\n");
}

#[test]
fn append_task_after_continuation_without_final_newline() {
    let text = "## Tasks\r\n- [ ] a\r\n  note";
    assert_eq!(append_task(text, "- [ ] b", "Tasks").unwrap(), "## Tasks\r\n- [ ] a\r\n  note\r\n- [ ] b");
}

#[test]
fn set_task_done_ticks_every_task_the_reader_lists() {
    let day = d("2026-11-24");
    for (line, ticked) in [
        ("1. [ ] send the deck", "1. [x] send the deck ✅ 2026-11-24"),
        ("12) [ ] a", "12) [x] a ✅ 2026-11-24"),
        ("-  [ ] call back", "-  [x] call back ✅ 2026-11-24"),
        ("-\t[ ] x", "-\t[x] x ✅ 2026-11-24"),
    ] {
        let parsed = crate::note::tasks::parse_task_line(line);
        assert!(parsed.is_some_and(|t| !t.done), "the reader lists {line:?}");
        assert_eq!(set_task_done(line, 0, day).unwrap(), ticked);
        assert_eq!(open_tasks(line).len(), 1, "{line:?}");
    }
    for line in ["-[ ] x", "1.[ ] x", "2026-01-01 [ ] x"] {
        assert!(crate::note::tasks::parse_task_line(line).is_none(), "{line:?}");
        assert!(set_task_done(line, 0, day).is_err(), "{line:?}");
    }
}

#[test]
fn ordered_log_gets_an_ordered_entry_in_date_order() {
    let text = "## Log\n\n1. 2026-03-01 a\n2. 2026-04-01 b\n";
    assert_eq!(log(text, "2026-05-01"), "## Log\n\n1. 2026-03-01 a\n2. 2026-04-01 b\n3. 2026-05-01 new\n");
    assert_eq!(log(text, "2026-01-01"), "## Log\n\n1. 2026-01-01 new\n1. 2026-03-01 a\n2. 2026-04-01 b\n");
    let single = "## Log\n\n1) 2026-03-01 a\n";
    assert_eq!(log(single, "2026-05-01"), "## Log\n\n1) 2026-03-01 a\n2) 2026-05-01 new\n");
}

#[test]
fn ordered_task_list_gets_the_next_number() {
    let text = "## Promises\n1. [ ] a\n";
    assert_eq!(append_task(text, "- [ ] b", "Promises").unwrap(), "## Promises\n1. [ ] a\n2. [ ] b\n");
}

#[test]
fn setext_log_heading_gets_the_entry_under_its_underline() {
    let text = "# Bo\n\nLog\n===\n\n- 2026-01-01 met\n\n# Other\n";
    assert_eq!(log(text, "2026-11-24"), "# Bo\n\nLog\n===\n\n- 2026-01-01 met\n- 2026-11-24 new\n\n# Other\n");
    let empty = "Log\n---\n";
    assert_eq!(log(empty, "2026-11-24"), "Log\n---\n\n- 2026-11-24 new\n");
}

#[test]
fn log_headings_the_reader_skips_are_skipped() {
    // Inside an HTML block, indented code, or a quote (whose items the reader skips).
    for hidden in ["<details>\n## Log\n- 2026-01-01 a\n</details>\n", "    ## Log\n", "> ## Log\n> - 2026-01-01 a\n"] {
        let text = format!("# Ana\n\n{hidden}");
        assert_eq!(log(&text, "2026-11-24"), format!("{text}\n## Log\n\n- 2026-11-24 new\n"), "{hidden:?}");
    }
}

#[test]
fn an_entry_is_never_put_inside_a_heading_nested_in_the_last_item() {
    // The item's nested heading ends the section, so after the item is outside it.
    let text = "## Log\n- 2026-01-01 met\n  ## Sub\n";
    let new = log(text, "2026-11-24");
    assert_eq!(new, "## Log\n- 2026-11-24 new\n\n- 2026-01-01 met\n  ## Sub\n");
    let read = crate::note::read_body(&new);
    let dates: Vec<String> = read.log.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(dates, vec!["2026-11-24", "2026-01-01"]);
}

#[test]
fn a_note_that_ends_in_an_open_code_block_is_refused() {
    let text = "---\nname: Ed\n---\n# Ed\n\n```\nunclosed\n";
    let err = insert_log_entry(text, "- 2026-11-24 new", d("2026-11-24")).unwrap_err();
    assert!(matches!(&err, EditError::EndsInBlock { line: 6, .. }), "{err:?}");
    assert!(err.to_string().contains("starts on line 6"), "{err}");
    let err = append_task("<!-- open\n", "- [ ] c", "Promises").unwrap_err();
    assert!(matches!(err, EditError::EndsInBlock { line: 1, .. }), "{err:?}");
}

#[test]
fn entries_and_tasks_that_are_not_items_are_refused() {
    assert!(matches!(insert_log_entry("", "no date", d("2026-11-24")), Err(EditError::InvalidInput { .. })));
    assert!(matches!(append_task("", "- not a task", "Tasks"), Err(EditError::InvalidInput { .. })));
}

#[test]
fn indented_top_level_items_keep_their_order_and_numbering() {
    let text = "## Log\n  1. 2026-01-01 a\n  2. 2026-02-01 b\n";
    assert_eq!(log(text, "2026-03-01"), "## Log\n  1. 2026-01-01 a\n  2. 2026-02-01 b\n3. 2026-03-01 new\n");
}
