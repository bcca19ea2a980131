//! `rolo import`: LinkedIn, vCard, Google CSV and mapped CSV into the `basic` fixture vault,
//! byte for byte. Fixtures in `tests/fixtures/imports/` are shaped like the real exports.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use std::path::{Path, PathBuf};

const MAP: &str = "name=Full Name,email=Mail,company=Org,city=Town,tags=Labels";

fn input(name: &str) -> PathBuf {
    fixture("imports").join(name)
}

/// Runs `rolo import ARGS...` and returns (exit code, stdout, stderr).
fn import(vault: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = rolo(vault);
    cmd.arg("import").args(args);
    let out = cmd.output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn import_ok(vault: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = import(vault, args);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    stdout
}

fn linkedin(vault: &Path, extra: &[&str]) -> String {
    let file = input("Connections.csv");
    let mut args = vec!["linkedin", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    import_ok(vault, &args)
}

fn vcard(vault: &Path, extra: &[&str]) -> String {
    let file = input("contacts.vcf");
    let mut args = vec!["vcard", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    import_ok(vault, &args)
}

fn google(vault: &Path, extra: &[&str]) -> String {
    let file = input("google.csv");
    let mut args = vec!["csv", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    import_ok(vault, &args)
}

fn mapped(vault: &Path, extra: &[&str]) -> String {
    let file = input("people.csv");
    let mut args = vec!["csv", file.to_str().unwrap(), "--map", MAP];
    args.extend_from_slice(extra);
    import_ok(vault, &args)
}

fn import_all(vault: &Path) {
    linkedin(vault, &["--tag", "linkedin"]);
    vcard(vault, &[]);
    google(vault, &[]);
    mapped(vault, &[]);
}

fn people(vault: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vault.join("People"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------- LinkedIn ----------

#[test]
fn linkedin_summary_counts_and_reasons_are_exact() {
    let vault = copy_vault("basic");
    let file = input("Connections.csv");
    let (code, out, stderr) = import(vault.path(), &["linkedin", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "", "no progress bar or chatter when stderr is not a terminal");
    assert_eq!(
        out,
        "created 2, updated 2, unchanged 0, skipped 1, merged 1 duplicate record(s)\n\
         \x20 line 7: skipped: no name (only an email: ghost@example.com); add a name in the export and import again\n\
         \x20 line 10: same person as line 5 (Ana García); merged into one note\n"
    );
}

#[test]
fn linkedin_creates_a_note_with_exact_front_matter() {
    let vault = copy_vault("basic");
    linkedin(vault.path(), &["--tag", "linkedin", "--tag", "#2021"]);
    assert_eq!(
        read(vault.path(), "People/Ana García.md"),
        "---\n\
         name: \"Ana García\"\n\
         company: \"Widgets, Inc.\"\n\
         role: \"Staff Engineer\"\n\
         email: \"ana@example.com\"\n\
         met: 2021-03-14\n\
         url: \"https://www.linkedin.com/in/ana-garcia\"\n\
         tags: [\"linkedin\", \"2021\"]\n\
         ---\n\
         # Ana García\n\
         \n\
         ## Log\n"
    );
}

#[test]
fn duplicates_in_one_file_become_one_note() {
    let vault = copy_vault("basic");
    linkedin(vault.path(), &[]);
    assert_eq!(
        people(vault.path()),
        [
            "Alice Archer.md",
            "Ana García.md",
            "Ben Okafor.md",
            "Bob Brown.md",
            "Carol Chen.md",
            "Dave Diaz.md",
            "Erin Evans.md"
        ]
    );
}

#[test]
fn matching_by_email_adds_only_the_missing_lines() {
    let vault = copy_vault("basic");
    let before = read(vault.path(), "People/Alice Archer.md");
    linkedin(vault.path(), &["--tag", "linkedin"]);
    // company (Archer Ltd vs Archer Holdings) is kept; Alice has no tags list, so no tag.
    let expected = before.replace(
        "city: Leeds\n---\n",
        "city: Leeds\nrole: CEO\nmet: 2020-01-02\nurl: https://www.linkedin.com/in/alicearcher\n---\n",
    );
    assert_eq!(read(vault.path(), "People/Alice Archer.md"), expected);
}

#[test]
fn matching_by_name_never_overwrites_existing_values() {
    let vault = copy_vault("basic");
    linkedin(vault.path(), &[]);
    let bob = read(vault.path(), "People/Bob Brown.md");
    assert!(bob.contains("company: Brown & Co\n"), "{bob}");
    assert!(!bob.contains("Brown and Company"), "{bob}");
    assert!(bob.contains("last_contact: 2026-04-01\nrole: Founder\n"), "{bob}");
}

#[test]
fn matching_by_profile_url_ignores_scheme_case_and_trailing_slash() {
    let vault = copy_vault("basic");
    write(
        vault.path(),
        "People/B. Okafor.md",
        "---\nname: B. Okafor\nlinkedin: LinkedIn.com/in/BenOkafor/\n---\n# B. Okafor\n",
    );
    linkedin(vault.path(), &[]);
    assert!(!vault.path().join("People/Ben Okafor.md").exists());
    assert_eq!(
        read(vault.path(), "People/B. Okafor.md"),
        "---\nname: B. Okafor\nlinkedin: LinkedIn.com/in/BenOkafor/\ncompany: Fjord AS\nrole: Designer\nmet: 2023-05-05\n---\n# B. Okafor\n"
    );
}

#[test]
fn existing_lists_are_extended_and_scalars_left_alone() {
    let vault = copy_vault("basic");
    write(
        vault.path(),
        "People/Erin Evans.md",
        "---\nname: Erin Evans\ncircle: friends\nemail:\n  - erin@evans.example\ntags: [friend]\ncompany: \"\"\n---\n# Erin Evans\n",
    );
    write(
        vault.path(),
        "People/Sam Rivera.md",
        "---\nname: Sam Rivera\nemail: [sam@rivera.example]\ncity: Porto\n---\n# Sam Rivera\n",
    );
    let out = mapped(vault.path(), &["--tag", "csv-import"]);
    assert_eq!(
        out,
        "created 0, updated 2, unchanged 0, skipped 0, merged 1 duplicate record(s)\n\
         \x20 line 4: same person as line 2 (Sam Rivera); merged into one note\n"
    );
    assert_eq!(
        read(vault.path(), "People/Erin Evans.md"),
        "---\nname: Erin Evans\ncircle: friends\nemail:\n  - erin@evans.example\ntags: [friend, csv-import]\ncompany: \"\"\ncity: Bristol\n---\n# Erin Evans\n"
    );
    // `company: ""` is a value the user wrote: kept. Sam's list gets the second email.
    assert_eq!(
        read(vault.path(), "People/Sam Rivera.md"),
        "---\nname: Sam Rivera\nemail: [sam@rivera.example, sam.r@other.example]\ncity: Porto\ncompany: Rivera Labs\n---\n# Sam Rivera\n"
    );
}

// ---------- vCard ----------

#[test]
fn vcard_creates_notes_from_apple_android_and_v4_cards() {
    let vault = copy_vault("basic");
    let out = vcard(vault.path(), &[]);
    assert_eq!(
        out,
        "created 3, updated 1, unchanged 0, skipped 1\n\
         \x20 line 46: skipped: no name (only an email: nobody@example.com); add a name in the export and import again\n"
    );
    assert_eq!(
        read(vault.path(), "People/John Appleseed.md"),
        "---\n\
         name: \"John Appleseed\"\n\
         company: \"Apple Inc.\"\n\
         role: \"Product Manager\"\n\
         email: [\"john@apple.example\", \"johnny@home.example\"]\n\
         phone: [\"(408) 555-0100\", \"(408) 555-0199\"]\n\
         city: \"Cupertino\"\n\
         birthday: \"11-20\"\n\
         url: \"https://example.com/john\"\n\
         tags: []\n\
         ---\n\
         # John Appleseed\n\
         \n\
         > Met at WWDC, talked about watches; follow up in the autumn\n\
         \n\
         ## Log\n"
    );
    let juergen = read(vault.path(), "People/Jürgen Müller.md");
    assert!(juergen.starts_with("---\nname: \"Jürgen Müller\"\nemail: \"juergen@example.de\"\nphone: [\"+49 170 1234567\", \"+49 30 123456\"]\nbirthday: \"1970-01-01\"\n"), "{juergen}");
    let zoe = read(vault.path(), "People/Zoë Ngata.md");
    assert!(zoe.contains("email: \"zoe@example.nz\"\nphone: \"+64-21-555-0199\"\nbirthday: \"04-12\"\n"), "{zoe}");
}

#[test]
fn vcard_match_by_name_keeps_city_and_birthday() {
    let vault = copy_vault("basic");
    let before = read(vault.path(), "People/Carol Chen.md");
    vcard(vault.path(), &[]);
    let expected = before.replace("birthday: 06-10\n---\n", "birthday: 06-10\nemail: carol@chen.example\n---\n");
    assert_eq!(read(vault.path(), "People/Carol Chen.md"), expected);
}

// ---------- CSV ----------

#[test]
fn google_csv_creates_a_note_with_multi_values() {
    let vault = copy_vault("basic");
    let out = google(vault.path(), &[]);
    assert_eq!(
        out,
        "created 1, updated 1, unchanged 0, skipped 1\n\
         \x20 line 5: skipped: row has no name and no email; nothing to import\n"
    );
    assert_eq!(
        read(vault.path(), "People/Priya Patel.md"),
        "---\n\
         name: \"Priya Patel\"\n\
         company: \"Northwind\"\n\
         role: \"Head of Sales\"\n\
         email: [\"priya@northwind.example\", \"priya.patel@gmail.example\"]\n\
         phone: [\"+44 7700 900123\", \"+44 113 496 0000\"]\n\
         city: \"Leeds\"\n\
         birthday: \"1988-02-29\"\n\
         url: \"https://priya.example.com/\"\n\
         tags: [\"Work-Colleagues\"]\n\
         ---\n\
         # Priya Patel\n\
         \n\
         > Met at the Leeds meetup,\n\
         > wants an intro to Bob\n\
         \n\
         ## Log\n"
    );
    let dave = read(vault.path(), "People/Dave Diaz.md");
    assert!(dave.contains("cadence: 3m\nemail: dave@diaz.example\nphone: +34 600 111 222\n---\n"), "{dave}");
}

#[test]
fn mapped_csv_creates_a_merged_note() {
    let vault = copy_vault("basic");
    mapped(vault.path(), &[]);
    assert_eq!(
        read(vault.path(), "People/Sam Rivera.md"),
        "---\n\
         name: \"Sam Rivera\"\n\
         company: \"Rivera Labs\"\n\
         email: [\"sam@rivera.example\", \"sam.r@other.example\"]\n\
         city: \"Lisbon\"\n\
         tags: [\"climbing\", \"mentor\"]\n\
         ---\n\
         # Sam Rivera\n\
         \n\
         ## Log\n"
    );
}

// ---------- whole runs ----------

#[test]
fn second_import_changes_nothing() {
    let vault = copy_vault("basic");
    import_all(vault.path());
    let first = vault_files(vault.path());
    assert_eq!(first.len(), vault_files(&fixture("basic")).len() + 7);
    import_all(vault.path());
    assert_eq!(changed_paths(&first, &vault_files(vault.path())), Vec::<String>::new());
    let again = linkedin(vault.path(), &["--tag", "linkedin"]);
    assert!(again.starts_with("created 0, updated 0, unchanged 4, skipped 1,"), "{again}");
}

#[test]
fn dry_run_writes_nothing_and_shows_diffs() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    let out = linkedin(vault.path(), &["--dry-run"]);
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    assert!(out.contains("+++ b/People/Ana García.md\n"), "{out}");
    assert!(out.contains("+role: CEO\n+met: 2020-01-02\n"), "{out}");
    assert!(out.contains("dry run, nothing written: would have created 2, updated 2, unchanged 0, skipped 1"), "{out}");
    for run in [vcard, google, mapped] {
        run(vault.path(), &["--dry-run"]);
    }
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn check_is_clean_after_importing_everything() {
    let vault = copy_vault("basic");
    import_all(vault.path());
    let mut cmd = rolo(vault.path());
    cmd.arg("check");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains(" 0 errors"));
}

// ---------- errors ----------

#[test]
fn bad_map_exits_2_listing_valid_fields() {
    let vault = copy_vault("basic");
    let file = input("people.csv");
    let before = vault_files(vault.path());
    let (code, stdout, stderr) =
        import(vault.path(), &["csv", file.to_str().unwrap(), "--map", "name=Full Name,mobile=Tel"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("unknown field `mobile`"), "{stderr}");
    assert!(
        stderr.contains("name, first_name, last_name, email, phone, company, role, birthday, city, notes, tags, url"),
        "{stderr}"
    );
    let (code, _, stderr) = import(vault.path(), &["csv", file.to_str().unwrap(), "--map", "name=Nom"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("people.csv") && stderr.contains("`Nom`"), "{stderr}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn missing_file_exits_2_naming_it() {
    let vault = copy_vault("basic");
    let (code, stdout, stderr) = import(vault.path(), &["linkedin", "/no/such/Connections.csv"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("cannot read /no/such/Connections.csv"), "{stderr}");
}

#[test]
fn wrong_format_exits_2_with_a_hint() {
    let vault = copy_vault("basic");
    let file = input("contacts.vcf");
    let (code, _, stderr) = import(vault.path(), &["csv", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("try `rolo import vcard`"), "{stderr}");
}

#[test]
fn a_dry_run_predicts_a_file_that_already_exists_under_the_new_name() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("taken.csv");
    std::fs::write(&csv, "Full Name,Mail\nZed/Quinn,zq1@x.test\n").unwrap();
    let args = ["csv", csv.to_str().unwrap(), "--map", "name=Full Name,email=Mail"];
    let vault = copy_vault("basic");
    // A contact under another name and email: only the file name clashes.
    write(vault.path(), "People/Zed-Quinn.md", "---\nname: Someone Else\n---\n");
    let before = vault_files(vault.path());
    let dry = import_ok(vault.path(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    let real = import_ok(vault.path(), &args);
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    let summary = |text: &str| {
        let line = text.lines().find(|l| l.contains("created ")).unwrap_or_default();
        line.get(line.find("created ").unwrap_or_default()..).unwrap_or_default().to_string()
    };
    assert_eq!(summary(&dry), "created 0, updated 0, unchanged 0, skipped 0, failed 1", "{dry}");
    assert!(dry.contains("line 2: failed: Zed/Quinn:") && dry.contains("already exists"), "{dry}");
    assert_eq!(summary(&dry), summary(&real), "dry: {dry}\nreal: {real}");
}

#[test]
fn a_dry_run_predicts_two_names_that_need_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("clash.csv");
    std::fs::write(&csv, "Full Name,Mail\nZed/Quinn,zq1@x.test\nZed:Quinn,zq2@x.test\n").unwrap();
    let args = ["csv", csv.to_str().unwrap(), "--map", "name=Full Name,email=Mail"];
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    let dry = import_ok(vault.path(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    assert!(dry.contains("would have created 1, updated 0, unchanged 0, skipped 0, failed 1"), "{dry}");
    assert!(
        dry.contains("line 3: failed: Zed:Quinn: People/Zed-Quinn.md would already exist (created for line 2)"),
        "{dry}"
    );
    let real = import_ok(vault.path(), &args);
    assert!(real.starts_with("created 1, updated 0, unchanged 0, skipped 0, failed 1"), "{real}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), vec!["People/Zed-Quinn.md".to_string()]);
}

/// Imports a CSV of `Full Name,Mail` rows (`rows`, header excluded) into `vault`.
fn import_names_and_mails(vault: &Path, rows: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, format!("Full Name,Mail\n{rows}")).unwrap();
    import_ok(vault, &["csv", csv.to_str().unwrap(), "--map", "name=Full Name,email=Mail"])
}

#[test]
fn a_name_with_a_slash_is_a_name_not_the_path_of_another_contact() {
    let vault = copy_vault("basic");
    write(vault.path(), "People/Jones.md", "---\nemail: jones@x.test\n---\n# Jones\n");
    let out = import_names_and_mails(vault.path(), "Smith/Jones,smith@x.test\n");
    assert!(out.starts_with("created 1, updated 0"), "{out}");
    assert_eq!(read(vault.path(), "People/Jones.md"), "---\nemail: jones@x.test\n---\n# Jones\n");
    assert!(read(vault.path(), "People/Smith-Jones.md").contains("smith@x.test"));
}

#[test]
fn an_imported_name_with_a_slash_updates_the_contact_of_that_name() {
    let vault = copy_vault("basic");
    write(vault.path(), "People/Ana Ruiz - Acme.md", "---\nname: Ana Ruiz / Acme\n---\n");
    let out = import_names_and_mails(vault.path(), "Ana Ruiz / Acme,ana@acme.test\n");
    assert!(out.starts_with("created 0, updated 1"), "{out}");
    assert!(read(vault.path(), "People/Ana Ruiz - Acme.md").contains("ana@acme.test"));
}
