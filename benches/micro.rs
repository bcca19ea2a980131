//! Micro-benchmarks of the hot paths: front matter parsing, log extraction, and the
//! introduction search on synthetic vaults with power-law interests. Run `cargo bench`.
//! Whole-program benchmarks against the `cat` floor live in `bench/run.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rolo::config::Config;
use rolo::diagnostic::Diagnostic;
use rolo::note::{self, body, fields};
use rolo::vault::decode;
use std::hint::black_box;

fn main() {
    divan::main();
}

const FRONT_MATTER: &str = "name: Ana Ruiz\naliases: [Ana]\ncircle: clients\ncadence: 30d\ntags:\n  - person\n  - investor\ncompany: Northwind\nrole: Head of Product\nemail: ana@northwind.test\nphone: \"+351 912 345 678\"\ncity: Lisbon\nchannels: [coffee, email, call]\nmet: 2024-03-14\nmet_at: Web Summit\nintroduced_by: \"[[Ben Ortiz]]\"\ninterests: [climbing, ai, sailing]\nneeds: [angel investors]\noffers: [product reviews]\nbirthday: 12-03\nlast_contact: 2026-11-20\n";

fn log_body(entries: usize) -> String {
    let mut body = String::from("# Ana Ruiz\n\nSome prose about [[Ben Ortiz]] and a project.\n\n## Log\n");
    for i in 0..entries {
        let day = 1 + i % 28;
        let arrow = if i % 3 == 0 { "<- " } else { "" };
        body.push_str(&format!(
            "- 2026-{:02}-{day:02} {arrow}#coffee talked about the launch with [[Ben Ortiz]]\n",
            1 + i % 12
        ));
    }
    body.push_str("\n## Promises\n- [ ] send the deck 📅 2026-12-01\n");
    body
}

#[divan::bench]
fn front_matter() -> usize {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let fm = fields::parse("People/Ana Ruiz.md", black_box(FRONT_MATTER), 2, &mut diagnostics);
    fm.map_or(0, |f| f.interests.len())
}

#[divan::bench(args = [0, 10, 40])]
fn log_extraction(bencher: divan::Bencher, entries: usize) {
    let text = log_body(entries);
    bencher.bench(|| body::parse(black_box(&text), 25).log.len());
}

/// A deterministic vault of `n` contacts whose interests, needs and offers follow a power law.
fn synthetic_index(n: usize) -> rolo::index::Index {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Zipf-like: term k is picked with probability ~ 1/k over 2,000 terms.
    let term = |next: &mut dyn FnMut() -> u64| {
        let u = (next() % 1_000_000) as f64 / 1_000_000.0;
        let k = (2000f64.powf(u)) as u64;
        format!("topic {k}")
    };
    let notes: Vec<note::ParsedNote> = (0..n)
        .map(|i| {
            let interests: Vec<String> = (0..4).map(|_| term(&mut next)).collect();
            let need = term(&mut next);
            let offer = term(&mut next);
            let text = format!(
                "---\nname: Person {i}\ncircle: friends\ninterests: [{}]\nneeds: [{need}]\noffers: [{offer}]\ncity: City {}\n---\n",
                interests.join(", "),
                next() % 50
            );
            note::parse(decode(&format!("People/Person {i}.md"), text.into_bytes(), 0).unwrap())
        })
        .collect();
    let mut config = Config::defaults(std::path::PathBuf::from("/bench"));
    config.circles.insert("friends".into(), rolo::config::Circle { cadence: "60d".parse().ok() });
    rolo::index::build(&config, notes, Vec::new())
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn introductions(bencher: divan::Bencher, n: usize) {
    let index = synthetic_index(n);
    let config = Config::defaults(std::path::PathBuf::from("/bench"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    bencher.bench(|| rolo::analysis::intros::intros(&index, &config, today, 50).len());
}

/// The plain YAML reader alone, which reads [`front_matter`]'s YAML in place of the library.
#[divan::bench]
fn plain_yaml_only() -> bool {
    rolo::note::plain_yaml::read(black_box(FRONT_MATTER)).is_some()
}

/// The YAML library alone, for comparison with [`front_matter`].
#[divan::bench]
fn yaml_only() -> bool {
    let value: Result<serde_yaml::Value, _> = serde_yaml::from_str(black_box(FRONT_MATTER));
    value.is_ok()
}
