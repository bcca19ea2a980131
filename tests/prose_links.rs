//! Which wikilinks in daily notes count as contact (tests/fixtures/prose-links, today 2026-06-01).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use serde_json::Value;

fn show_sam(today: &str) -> Value {
    let mut c = rolo_at(&fixture("prose-links"), today);
    c.args(["show", "Sam Lee", "--json"]);
    json_of(c)
}

fn counted_dates(v: &Value, today: &str) -> Vec<String> {
    v["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["date"].as_str().unwrap().to_string())
        .filter(|d| d.as_str() <= today)
        .collect()
}

#[test]
fn last_contact_is_the_latest_prose_mention_on_or_before_today() {
    let v = show_sam("2026-06-01");
    assert_eq!(v["last_contact"], "2026-01-09");
    assert_eq!(v["next_due"], "2026-03-10");
}

#[test]
fn only_prose_done_task_alias_and_heading_links_count() {
    let v = show_sam("2026-06-01");
    assert_eq!(counted_dates(&v, "2026-06-01"), ["2026-01-09", "2026-01-08", "2026-01-07", "2026-01-01"]);
}

#[test]
fn excluded_cases_never_count_as_contact() {
    let v = show_sam("2026-06-01");
    let paths: Vec<&str> = v["interactions"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    for excluded in [
        "Daily/2026-01-02.md", // open task: a plan
        "Daily/2026-01-03.md", // quote
        "Daily/2026-01-04.md", // fenced code
        "Daily/2026-01-05.md", // code span
        "Daily/2026-01-06.md", // embed
        "Templates/2026-01-10.md",
    ] {
        assert!(!paths.contains(&excluded), "{excluded} counted: {paths:?}");
    }
}

#[test]
fn future_dated_note_is_not_an_interaction() {
    let v = show_sam("2026-06-01");
    let dates: Vec<&str> = v["interactions"].as_array().unwrap().iter().map(|i| i["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-01-09", "2026-01-08", "2026-01-07", "2026-01-01"]);
}

#[test]
fn future_dated_note_does_not_set_last_contact() {
    let mut c = rolo_at(&fixture("prose-links"), "2026-06-01");
    c.args(["list", "--json"]);
    let v = json_of(c);
    let sam = v.as_array().unwrap().iter().find(|r| r["name"] == "Sam Lee").unwrap();
    assert_eq!(sam["last_contact"], "2026-01-09");
}

#[test]
fn future_dated_note_counts_once_today_has_passed_it() {
    let v = show_sam("2027-01-01");
    assert_eq!(v["last_contact"], "2026-12-31");
}

#[test]
fn the_open_task_linking_sam_is_an_open_promise_without_due_date() {
    let v = show_sam("2026-06-01");
    let owe = v["you_owe"].as_array().unwrap();
    assert_eq!(owe.len(), 1);
    assert_eq!(owe[0]["path"], "Daily/2026-01-02.md");
    assert!(owe[0]["due"].is_null());
}

#[test]
fn sam_is_overdue_by_83_days() {
    let mut c = rolo_at(&fixture("prose-links"), "2026-06-01");
    c.args(["overdue", "--json"]);
    let v = json_of(c);
    let sam = v.as_array().unwrap().iter().find(|r| r["name"] == "Sam Lee").unwrap();
    assert_eq!(sam["days_overdue"], 83);
}

#[test]
fn a_never_mentioned_contact_has_no_last_contact() {
    let mut c = rolo_at(&fixture("prose-links"), "2026-06-01");
    c.args(["show", "Ana Ruiz", "--json"]);
    let v = json_of(c);
    assert!(v["last_contact"].is_null());
    assert_eq!(v["interactions"], serde_json::json!([]));
}

#[test]
fn audit_to_add_lists_priya_natarajan_with_two_dates() {
    let mut c = rolo_at(&fixture("prose-links"), "2026-06-01");
    c.args(["audit", "--json"]);
    let v = json_of(c);
    let to_add = v["to_add"].as_array().unwrap();
    assert_eq!(to_add.len(), 1);
    assert_eq!(to_add[0]["name"], "Priya Natarajan");
    assert_eq!(to_add[0]["fact"], "mentioned on 2026-02-01, 2026-02-02");
    assert_eq!(to_add[0]["action"], "add [[Priya Natarajan]] as a contact");
}
