//! Two rolo processes never write reports at the same time: a second `rolo report` waits for
//! the first (an advisory lock on the reports folder) and then finishes normally.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::copy_vault;
use std::fs::File;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn report_waits_while_another_process_holds_the_reports_lock() {
    let vault = copy_vault("basic");
    let reports = vault.path().join("Reports");
    std::fs::create_dir_all(&reports).unwrap();
    let held = File::open(&reports).unwrap();
    held.lock().unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_rolo"))
        .args(["--vault"])
        .arg(vault.path())
        .args(["--today", "2026-06-01", "--quiet", "report"])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(child.try_wait().unwrap().is_none(), "rolo must wait for the lock");
    assert!(!reports.join("Overdue.md").exists(), "nothing is written while another run holds the lock");

    held.unlock().unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "rolo did not finish after the lock was released");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    assert!(reports.join("Overdue.md").is_file());
}
