//! genvault: generate a synthetic rolo vault for benchmarks.
//!
//! ```text
//! cargo run --release --example genvault -- --contacts 100000 --out /tmp/vault [--seed 42]
//! rustc -O --edition 2021 examples/genvault.rs -o /tmp/genvault && /tmp/genvault --contacts 1000 --out /tmp/v
//! ```
//!
//! Standard library only, so it also builds as a plain `rustc` binary. The output depends only on
//! `--contacts` and `--seed` (and on this file): the same arguments give byte-identical vaults.
//! "Today" is fixed at 2026-11-24, like the example vault; run rolo with `--today 2026-11-24`.
//!
//! What it writes into `--out`:
//! - `.rolo.toml` (people = ["People"], five circles with cadences);
//! - `People/<Full Name>.md`: N contact notes with YAML front matter (every field rolo reads, each
//!   present with a realistic probability, lists in flow and block style), a prose body with
//!   wikilinks, a `## Log` (0-40 entries, newest- or oldest-first), open promises;
//!   about 2% of the notes use CRLF line endings and about 2% start with a UTF-8 BOM;
//! - `Daily/YYYY-MM-DD.md`: max(30, N/10) daily notes mentioning 1-5 contacts each;
//! - `.genvault`: a marker naming the generator and its arguments. genvault only writes into an
//!   empty (or missing) directory, or into one that holds this marker (it then replaces `People/`,
//!   `Daily/` and `Reports/`), so it never overwrites a real vault.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Bump when the output changes, so benchmark scripts know to regenerate.
const FORMAT: u32 = 1;
const TODAY: (i64, u32, u32) = (2026, 11, 24);
const DEFAULT_SEED: u64 = 42;
const MAX_CONTACTS: usize = 5_000_000;
const VOCABULARY_SIZE: usize = 5_000;
const ZIPF_S: f64 = 1.1;
const MARKER: &str = ".genvault";

const USAGE: &str = "\
usage: genvault --contacts N --out DIR [--seed S]

Generate a synthetic rolo vault of N contact notes (plus N/10 daily notes, at least 30) in DIR.
DIR must be missing, empty, or a vault genvault wrote before (it is then regenerated).

options:
  --contacts N   number of contact notes, 1 to 5000000
  --out DIR      output directory
  --seed S       PRNG seed, a decimal or 0x-hex 64-bit integer (default 42)
  -h, --help     print this help";

// ---------------------------------------------------------------------------------------------
// Arguments

struct Args {
    contacts: usize,
    out: PathBuf,
    seed: u64,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse_args(argv: Vec<String>) -> Result<Parsed, String> {
    let mut contacts: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: Option<u64> = None;
    let mut it = argv.into_iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone().or_else(|| it.next()) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--contacts" | "-n" => {
                let v = value("--contacts")?;
                let n: usize =
                    v.replace('_', "").parse().map_err(|_| format!("--contacts: '{v}' is not a whole number"))?;
                if n == 0 || n > MAX_CONTACTS {
                    return Err(format!("--contacts must be between 1 and {MAX_CONTACTS}, got {n}"));
                }
                contacts = Some(n);
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                let v = value("--seed")?;
                let parsed = match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => v.parse::<u64>(),
                };
                seed = Some(parsed.map_err(|_| format!("--seed: '{v}' is not a 64-bit unsigned integer"))?);
            }
            other => return Err(format!("unexpected argument '{other}'")),
        }
    }
    let contacts = contacts.ok_or("missing --contacts N")?;
    let out = out.ok_or("missing --out DIR")?;
    Ok(Parsed::Run(Args { contacts, out, seed: seed.unwrap_or(DEFAULT_SEED) }))
}

fn main() -> ExitCode {
    let argv: Vec<String> = match std::env::args_os().skip(1).map(|a| a.into_string()).collect() {
        Ok(v) => v,
        Err(bad) => {
            eprintln!("genvault: error: argument {bad:?} is not valid UTF-8\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match parse_args(argv) {
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Parsed::Run(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("genvault: error: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("genvault: error: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// PRNG: SplitMix64

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// An independent stream for item `i` of a `stream`, so notes do not depend on each other.
    fn derive(seed: u64, stream: u64, i: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        r.0 ^= r.next_u64().wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next_u64();
        r
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Uniform in [0, n); n > 0.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    /// Uniform in [lo, hi].
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Zipf(s) over ranks 0..n, by inverse CDF.
struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut acc = 0.0;
        let mut cdf = Vec::with_capacity(n);
        for k in 1..=n {
            acc += (k as f64).powf(-s);
            cdf.push(acc);
        }
        Zipf { cdf }
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cdf.last().copied().unwrap_or(0.0);
        let u = rng.f64() * total;
        self.cdf.partition_point(|&c| c <= u).min(self.cdf.len() - 1)
    }
}

// ---------------------------------------------------------------------------------------------
// Dates (proleptic Gregorian, days since 1970-01-01)

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

fn today() -> i64 {
    days_from_civil(TODAY.0, TODAY.1, TODAY.2)
}

fn date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[rustfmt::skip]
const WEEKDAYS: [&str; 7] = [
    "Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday",
];
#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

fn long_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    let wd = WEEKDAYS[day.rem_euclid(7) as usize];
    format!("{wd} {d} {} {y}", MONTHS[(m - 1) as usize])
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Aaron", "Abigail", "Adam", "Adrian", "Aisha", "Alan", "Alex", "Alice", "Amara", "Amir", "Amy",
    "Ana", "Andrew", "Anika", "Anna", "Arjun", "Ava", "Ben", "Bianca", "Carlos", "Caroline", "Chen",
    "Chris", "Claire", "Dan", "Daniel", "David", "Deepa", "Diego", "Dmitri", "Elena", "Eli", "Ella",
    "Emily", "Emma", "Eric", "Erin", "Ethan", "Eva", "Farah", "Felix", "Fiona", "Gabriel", "Grace",
    "Greg", "Hana", "Hannah", "Harper", "Hassan", "Henry", "Ian", "Ingrid", "Isaac", "Isabel",
    "Ivan", "Jack", "Jacob", "James", "Jane", "Jasmine", "Jay", "Jenna", "Jessica", "Joanna",
    "John", "Jonas", "Jordan", "Julia", "Kai", "Karen", "Kate", "Kenji", "Kevin", "Kim", "Laura",
    "Leah", "Leo", "Liam", "Lily", "Linda", "Lucas", "Luis", "Maya", "Marco", "Maria", "Mark",
    "Martin", "Mei", "Michael", "Mina", "Mohammed", "Nadia", "Naomi", "Nathan", "Nina", "Noah",
    "Noor", "Olivia", "Omar", "Oscar", "Paul", "Peter", "Priya", "Rachel", "Rafael", "Raj",
    "Rebecca", "Ricardo", "Rita", "Robert", "Rosa", "Ruth", "Ryan", "Sam", "Sara", "Sebastian",
    "Sofia", "Sophie", "Stefan", "Sun", "Tanya", "Tariq", "Thomas", "Tim", "Tom", "Uma", "Victor",
    "Vera", "Wei", "William", "Xavier", "Yara", "Yusuf", "Zach", "Zara",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Abbott", "Adler", "Ahmed", "Ali", "Almeida", "Anderson", "Baker", "Banerjee", "Bauer",
    "Becker", "Bell", "Bennett", "Brandt", "Brooks", "Brown", "Campbell", "Carter", "Chan", "Chang",
    "Chen", "Clark", "Collins", "Cooper", "Costa", "Cruz", "Das", "Davies", "Diaz", "Dubois",
    "Edwards", "Evans", "Fischer", "Fisher", "Foster", "Garcia", "Gill", "Gomez", "Gonzalez",
    "Gray", "Green", "Gupta", "Haddad", "Hall", "Harris", "Hayes", "Herrera", "Hill", "Hoffmann",
    "Hughes", "Ibrahim", "Ito", "Jackson", "James", "Jensen", "Johnson", "Jones", "Kapoor", "Khan",
    "Kim", "King", "Klein", "Kowalski", "Kumar", "Lambert", "Larsen", "Lee", "Lewis", "Li", "Lin",
    "Lopez", "Mahmoud", "Martin", "Martins", "Mehta", "Mendes", "Meyer", "Miller", "Moore",
    "Moreau", "Morgan", "Murphy", "Nakamura", "Nash", "Nelson", "Novak", "OBrien", "O'Connor",
    "Okafor", "Olsen", "Park", "Patel", "Perez", "Petrov", "Phillips", "Price", "Rahman", "Reed",
    "Reyes", "Richter", "Rivera", "Roberts", "Rossi", "Roth", "Ruiz", "Russo", "Sato", "Schmidt",
    "Scott", "Shah", "Silva", "Singh", "Smith", "Souza", "Stewart", "Sullivan", "Suzuki", "Tanaka",
    "Taylor", "Thompson", "Torres", "Turner", "Vargas", "Walker", "Wang", "Ward", "Watson", "Weber",
    "White", "Williams", "Wilson", "Wong", "Wright", "Wu", "Yamamoto", "Yang", "Young", "Zhang",
    "Zimmermann",
];

#[rustfmt::skip]
const FIRST_INTL: &[&str] = &[
    "Zoë", "José", "Søren", "Łukasz", "Chloé", "Björn", "François", "Jürgen", "Ángel", "Inés",
    "Małgorzata", "Çağla", "Anaïs", "Renée", "Håkon", "Åsa", "Mikuláš", "Tomás", "Léa", "Joël",
    "Ségolène", "Dağhan", "Zoltán", "Bärbel", "Øystein", "Jiří", "Nuño", "Gülşen", "Frédéric",
    "Ana Lúcia", "Mónica", "Raúl", "Sinéad", "Seán", "Émile", "Hélène", "Ilkka", "Ömer", "Dženana",
    "Thảo",
];

#[rustfmt::skip]
const LAST_INTL: &[&str] = &[
    "Müller", "Øvergaard", "Sánchez", "Wójcik", "Gonçalves", "Yılmaz", "Dvořák", "Šimić",
    "Håkansson", "García-López", "Lefèvre", "Jäger", "Schäfer", "Núñez", "Kovačević", "Błaszczyk",
    "Ó Briain", "Ibáñez", "Østergård", "Çelik", "Nováková", "Fernández", "Gökçe", "Mäkinen",
    "Björklund", "Hernández", "Ferrão", "Bourgeois-Thiébaut", "Lindström", "Szczęsny",
];

/// Vietnamese names, family name first, used as whole names.
const VIETNAMESE_FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"];
const VIETNAMESE_MIDDLE: &[&str] = &["Thị", "Văn", "Minh", "Đức", "Ngọc"];
#[rustfmt::skip]
const VIETNAMESE_GIVEN: &[&str] = &[
    "Mai", "An", "Hương", "Linh", "Tuấn", "Dũng", "Thảo", "Quang", "Hà",
];

#[rustfmt::skip]
const COMPANY_A: &[&str] = &[
    "Helix", "Sierra", "Atelier", "Northwind", "Blue Fjord", "Copper", "Lumen", "Harbor", "Quill",
    "Orbit", "Tidal", "Granite", "Maple", "Vector", "Aurora", "Kestrel", "Juniper", "Cobalt",
    "Meridian", "Pioneer", "Saffron", "Beacon", "Fennel", "Zephyr", "Atlas", "Nimbus", "Indigo",
    "Ember", "Summit", "Willow", "Parallel", "Basalt", "Falcon", "Lattice", "Nordlys", "Río",
];
#[rustfmt::skip]
const COMPANY_B: &[&str] = &[
    "Labs", "Solar", "Nord", "Capital", "Studio", "Health", "Systems", "Analytics", "Partners",
    "Robotics", "Foods", "Bank", "Ventures", "Works", "Collective", "Energy", "AI", "Logistics",
    "Media", "Bio",
];

#[rustfmt::skip]
const ROLES: &[&str] = &[
    "Founder", "Co-founder & CEO", "CTO", "Staff Engineer", "Senior Engineer",
    "Engineering Manager", "Product Manager", "Head of Product", "Designer", "Principal Designer",
    "Data Scientist", "ML Engineer", "Partner", "Associate", "Investor", "Angel investor",
    "Head of Sales", "Account Executive", "Recruiter", "Head of Talent", "Marketing Lead",
    "Growth Lead", "CFO", "COO", "Developer Advocate", "Researcher", "Professor", "PhD student",
    "Consultant", "Freelance designer", "Journalist", "Lawyer", "Accountant", "Operations Manager",
    "VP Engineering", "Community Manager", "Teacher", "Architect", "Doctor", "Writer",
];

#[rustfmt::skip]
const CITIES: &[&str] = &[
    "London", "Berlin", "Paris", "Madrid", "Lisbon", "Amsterdam", "Copenhagen", "Stockholm", "Oslo",
    "Helsinki", "Warsaw", "Kraków", "Prague", "Vienna", "Zürich", "München", "Hamburg", "Lyon",
    "Barcelona", "Milan", "Rome", "Dublin", "Edinburgh", "Manchester", "New York", "San Francisco",
    "Seattle", "Austin", "Boston", "Toronto", "Montréal", "Mexico City", "São Paulo",
    "Buenos Aires", "Bogotá", "Lagos", "Nairobi", "Cairo", "Istanbul", "Dubai", "Mumbai",
    "Bengaluru", "Singapore", "Hồ Chí Minh City", "Tokyo", "Seoul", "Sydney", "Melbourne",
    "Auckland", "Malmö", "Tel Aviv",
];

#[rustfmt::skip]
const EVENTS: &[&str] = &[
    "Web Summit", "RustConf", "Fintech Week", "South Summit", "a climbing gym", "university",
    "a friend's wedding", "a startup dinner", "the coworking space", "a hackathon", "a meetup",
    "a conference after-party", "our kids' school", "a book club", "an accelerator demo day",
    "a design workshop", "the running club", "a previous job", "a flight delay",
    "a podcast recording",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "founder", "investor", "engineer", "designer", "vip", "family", "neighbor", "alumni",
    "conference", "remote", "book-club", "climbing", "advisor", "customer", "partner", "press",
    "recruiter", "speaker", "open-source", "parent",
];

#[rustfmt::skip]
const CHANNELS: &[&str] = &[
    "email", "call", "coffee", "note", "social", "meeting", "video",
];

#[rustfmt::skip]
const CADENCES: &[&str] = &[
    "30d", "14d", "6w", "2w", "3m", "6m", "1y", "monthly", "quarterly", "weekly", "yearly", "never",
];

#[rustfmt::skip]
const LOG_TEXT: &[&str] = &[
    "caught up about {t}", "intro call", "sent the deck", "quarterly check-in",
    "asked for feedback on {t}", "dinner with {l}", "talked about {t} and the new role",
    "followed up on the proposal", "shared an article on {t}", "coffee near the office",
    "congratulated on the launch", "contract renewal", "discussed {t}, promised to send notes",
    "birthday wishes", "met at a meetup with {l}", "quick chat about hiring",
    "reviewed the roadmap", "wanted an intro to someone in {t}", "thank-you note for the referral",
    "long walk, talked about {t}", "planning session with {l}", "asked for advice on {t}",
    "sent a podcast recommendation", "year-end review",
];

#[rustfmt::skip]
const PROSE: &[&str] = &[
    "{f} works at {c} and is based in {city}.",
    "Met through {l}, who thinks we should collaborate on {t}.",
    "{f} is deep into {t} these days and keeps sending me links about it.",
    "Prefers short calls to long emails; mornings work best.",
    "Has two kids and coaches a youth football team on weekends.",
    "Was thinking about leaving {c} to start something around {t}.",
    "Knows everyone in the {city} {t} scene.",
    "Introduced me to {l} last year, which turned into a great project.",
    "{f} is a generous connector and always replies within a day.",
    "Ask about the sabbatical plans next time.",
    "We disagree about {t} but the arguments are always fun.", "Her sister is {l}.",
    "His co-founder is {l}; they split product and sales.",
    "{f} mentioned wanting to learn more about {t}.",
    "Hosts a small dinner every quarter; invited me twice.",
    "Good person to ask about {t} and {t2}.",
    "Moved to {city} in the spring and is still finding a flat.",
    "Owes {l} a favour, and knows it.", "Very private: don't share contact details without asking.",
    "Runs a newsletter on {t} with about two thousand readers.",
    "Looking for a mentor in {t}; maybe {l}?", "{f} and {l} should meet: both care about {t}.",
    "Allergic to cats. Vegetarian.", "Said the best way to reach them is a voice note.",
];

#[rustfmt::skip]
const TASKS: &[&str] = &[
    "send the deck", "intro to {l}", "share notes on {t}", "book a coffee",
    "send the contract draft", "review their pitch", "return the book", "reply about the offsite",
    "send birthday card", "check in about the new job",
];

#[rustfmt::skip]
const OWED: &[&str] = &[
    "an intro", "the slides", "feedback on my draft", "a reference", "intro to their CFO",
    "the recording",
];

#[rustfmt::skip]
const DAILY: &[&str] = &[
    "Had lunch with {l}.", "Bumped into {l} at the station; promised to catch up properly.",
    "Call with {l} about {t}.", "Coffee with {l}, who is thinking about a move.",
    "{l} sent a long email about {t}.", "Long walk with {l} and {l2}.",
    "Met {l} at the meetup on {t}.", "Reviewed the proposal {l} sent last week.",
    "Dinner at {l}'s place, great conversation about {t}.", "Quick sync with {l}.",
];

#[rustfmt::skip]
const FILLER: &[&str] = &[
    "Finished the Q1 plan.", "Rain all day; stayed in and wrote.", "Gym in the morning.",
    "Booked the physio.", "Cleared the inbox.", "Read two chapters of the book on negotiation.",
];

#[rustfmt::skip]
const TERMS_HEAD: &[&str] = &[
    "rust", "angel investing", "hiring engineers", "climate fintech", "fundraising",
    "machine learning", "product management", "design systems", "climbing", "photography",
    "cycling", "running", "chess", "open source", "remote work", "seed funding", "b2b sales",
    "pricing", "typography", "solar", "ai", "cooking", "wine", "jazz", "board games", "sailing",
    "hiking", "yoga", "parenting", "real estate", "public speaking", "podcasting", "writing",
    "ux research", "data engineering", "kubernetes", "security", "devrel", "community building",
    "impact investing", "mentoring", "career change", "legal advice", "accounting", "recruiting",
    "user interviews", "go-to-market", "enterprise sales", "healthtech", "edtech", "biotech",
    "robotics", "urbanism", "gardening", "travel", "philosophy",
];
#[rustfmt::skip]
const TERMS_MOD: &[&str] = &[
    "climate", "open source", "b2b", "consumer", "enterprise", "seed-stage", "remote", "nordic",
    "latam", "ai", "rust", "python", "healthcare", "fintech", "edtech", "hardware", "mobile", "web",
    "data", "design", "developer", "creator", "impact", "deep tech", "biotech", "energy",
    "mobility", "food", "fashion", "music", "gaming", "legal", "insurance", "logistics", "agritech",
    "proptech", "space", "quantum", "privacy", "accessibility", "nonprofit", "public sector",
    "european", "african", "asian", "startup", "family", "personal", "urban", "ocean", "carbon",
    "battery", "circular", "retail", "travel", "media", "sports", "wellness", "mental health",
    "elder care", "childcare", "housing", "water", "textile", "construction", "aviation",
    "maritime", "supply chain", "payments", "crypto", "analytics", "semiconductor",
];
#[rustfmt::skip]
const TERMS_NOUN: &[&str] = &[
    "investing", "hiring", "startups", "design", "research", "policy", "marketing", "sales",
    "partnerships", "community", "meetups", "podcasts", "consulting", "tooling", "infrastructure",
    "engineers", "founders", "advisors", "grants", "data", "regulation", "operations", "branding",
    "pricing", "strategy", "education", "journalism", "conferences", "compliance", "product",
    "fundraising", "open data", "standards", "mentoring", "recruiting", "workshops", "benchmarks",
    "security", "user research", "growth", "writing", "trends", "careers", "hardware",
    "accelerators", "newsletters", "books", "courses", "communities", "customers", "pilots",
    "manufacturing", "localization", "translation", "photography", "video", "events", "internships",
    "ethics", "law", "finance", "hackathons", "analytics", "automation", "scaling", "exits",
    "valuations", "boards", "unions", "architecture", "testing",
];

/// A fixed vocabulary (independent of --seed): hand-picked common terms first (so the most
/// popular Zipf ranks read naturally), then "modifier noun" combinations in a shuffled order.
fn vocabulary() -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut terms: Vec<String> = Vec::with_capacity(VOCABULARY_SIZE);
    for t in TERMS_HEAD {
        if seen.insert(t.to_string()) {
            terms.push(t.to_string());
        }
    }
    let mut combos: Vec<String> = Vec::new();
    for m in TERMS_MOD {
        for n in TERMS_NOUN {
            if m != n {
                combos.push(format!("{m} {n}"));
            }
        }
    }
    let mut rng = Rng::new(0x05EE_D0F7_E2B5);
    for i in (1..combos.len()).rev() {
        let j = rng.below(i + 1);
        combos.swap(i, j);
    }
    for c in combos {
        if terms.len() >= VOCABULARY_SIZE {
            break;
        }
        if seen.insert(c.clone()) {
            terms.push(c);
        }
    }
    terms
}

// ---------------------------------------------------------------------------------------------
// Contacts

struct Person {
    name: String,
    first: String,
    last: String,
    /// The `aliases` of the person's note, if it has any.
    aliases: Vec<String>,
}

fn make_people(n: usize, seed: u64) -> Vec<Person> {
    let mut rng = Rng::derive(seed, 1, 0);
    let mut taken: HashSet<String> = HashSet::with_capacity(n * 2);
    let mut people = Vec::with_capacity(n);
    while people.len() < n {
        let (first, last, base) = if rng.chance(0.10) {
            match rng.below(10) {
                0..=3 => {
                    let f = rng.pick(FIRST_INTL).to_string();
                    let l = rng.pick(LAST).to_string();
                    let b = format!("{f} {l}");
                    (f, l, b)
                }
                4..=6 => {
                    let f = rng.pick(FIRST).to_string();
                    let l = rng.pick(LAST_INTL).to_string();
                    let b = format!("{f} {l}");
                    (f, l, b)
                }
                7 | 8 => {
                    let f = rng.pick(FIRST_INTL).to_string();
                    let l = rng.pick(LAST_INTL).to_string();
                    let b = format!("{f} {l}");
                    (f, l, b)
                }
                _ => {
                    let fam = rng.pick(VIETNAMESE_FAMILY).to_string();
                    let mid = rng.pick(VIETNAMESE_MIDDLE);
                    let given = rng.pick(VIETNAMESE_GIVEN).to_string();
                    let b = format!("{fam} {mid} {given}");
                    (given, fam, b)
                }
            }
        } else {
            let f = rng.pick(FIRST).to_string();
            let l = rng.pick(LAST).to_string();
            let b = format!("{f} {l}");
            (f, l, b)
        };
        let mut name = base.clone();
        if taken.contains(&name.to_lowercase()) {
            // A middle initial first (a few tries), then a numeric suffix.
            let mut found = false;
            for _ in 0..4 {
                let initial = (b'A' + rng.below(26) as u8) as char;
                let candidate = match base.split_once(' ') {
                    Some((a, b)) => format!("{a} {initial}. {b}"),
                    None => format!("{base} {initial}."),
                };
                if !taken.contains(&candidate.to_lowercase()) {
                    name = candidate;
                    found = true;
                    break;
                }
            }
            if !found {
                let mut k = 2;
                loop {
                    let candidate = format!("{base} {k}");
                    if !taken.contains(&candidate.to_lowercase()) {
                        name = candidate;
                        break;
                    }
                    k += 1;
                }
            }
        }
        taken.insert(name.to_lowercase());
        people.push(Person { name, first, last, aliases: Vec::new() });
    }
    give_aliases(&mut people, seed);
    people
}

/// Aliases as people write them: a short form ("Ana R.") for one contact in ten, never one
/// that another contact already has, and a bare first name for one in two hundred, which
/// is ambiguous in a large vault (rolo reports each such clash) as it is in a real one.
fn give_aliases(people: &mut [Person], seed: u64) {
    let mut rng = Rng::derive(seed, 5, 0);
    let mut taken: HashSet<String> = HashSet::new();
    for person in people {
        if rng.chance(0.10) {
            let initial: String = person.last.chars().take(1).collect();
            let short = format!("{} {initial}.", person.first);
            if taken.insert(short.to_lowercase()) {
                person.aliases.push(short);
            }
        }
        if rng.chance(0.005) {
            person.aliases.push(person.first.clone());
        }
    }
}

/// Lowercase ASCII for email addresses: strips accents we know, drops the rest.
fn ascii_slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let mapped = match ch {
            'a'..='z' | '0'..='9' => Some(ch),
            'A'..='Z' => Some(ch.to_ascii_lowercase()),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'Å' | 'À' | 'Ä' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'ễ' | 'ę' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'İ' | 'Í' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ø' | 'Ó' | 'Ö' | 'ọ' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' | 'ũ' => Some('u'),
            'ç' | 'Ç' | 'č' | 'ć' => Some('c'),
            'ñ' | 'Ñ' | 'ń' => Some('n'),
            'ł' | 'Ł' => Some('l'),
            'š' | 'Š' | 'ş' | 'ś' => Some('s'),
            'ž' | 'Ž' | 'ż' | 'ź' => Some('z'),
            'ř' => Some('r'),
            'ğ' => Some('g'),
            'đ' | 'Đ' => Some('d'),
            'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' | 'ă' | 'ắ' | 'ằ' => Some('a'),
            'ị' => Some('i'),
            'ư' | 'ừ' | 'ứ' | 'ự' => Some('u'),
            'ơ' | 'ờ' | 'ớ' | 'ợ' | 'ồ' | 'ố' | 'ộ' => Some('o'),
            'ý' | 'ỳ' | 'ỹ' => Some('y'),
            _ => None,
        };
        if let Some(c) = mapped {
            out.push(c);
        }
    }
    out
}

/// A YAML scalar: plain when safe, double-quoted otherwise.
fn yaml_str(s: &str) -> String {
    let needs_quotes = s.is_empty()
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`+ ".contains(c) || c.is_ascii_digit())
        || s.ends_with(' ')
        || s.contains(": ")
        || s.contains(" #")
        || s.contains(['[', ']', '{', '}', ','])
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n" | "~"
        );
    if needs_quotes {
        quoted(s)
    } else {
        s.to_string()
    }
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// `key: [a, b]` or a block list, chosen at random.
fn yaml_list(out: &mut String, rng: &mut Rng, key: &str, items: &[String]) {
    if rng.chance(0.6) {
        let parts: Vec<String> = items.iter().map(|s| yaml_str(s)).collect();
        let _ = writeln!(out, "{key}: [{}]", parts.join(", "));
    } else {
        let _ = writeln!(out, "{key}:");
        let indent = if rng.chance(0.5) { "  " } else { "" };
        for s in items {
            let _ = writeln!(out, "{indent}- {}", yaml_str(s));
        }
    }
}

struct Ctx<'a> {
    people: &'a [Person],
    vocab: &'a [String],
    terms: &'a Zipf,
    hubs: &'a Zipf,
}

impl Ctx<'_> {
    /// Another contact: a quarter of the time a "hub" (Zipf over contacts), else uniformly.
    fn other(&self, rng: &mut Rng, me: usize) -> Option<usize> {
        let n = self.people.len();
        if n < 2 {
            return None;
        }
        for _ in 0..8 {
            let j = if rng.chance(0.25) { self.hubs.sample(rng) } else { rng.below(n) };
            if j != me {
                return Some(j);
            }
        }
        Some((me + 1) % n)
    }

    /// A wikilink to another contact; sometimes aliased, rarely dangling.
    fn link(&self, rng: &mut Rng, me: usize) -> String {
        if rng.chance(0.01) {
            return format!("[[{} {}]]", rng.pick(FIRST), rng.pick(&["Unknown", "Nobody", "Dangling"]));
        }
        match self.other(rng, me) {
            Some(j) => {
                let p = &self.people[j];
                if rng.chance(0.05) {
                    format!("[[{}|{}]]", p.name, p.first)
                } else {
                    format!("[[{}]]", p.name)
                }
            }
            None => format!("[[{}]]", self.people[me].name),
        }
    }

    fn term(&self, rng: &mut Rng) -> &str {
        &self.vocab[self.terms.sample(rng)]
    }

    /// 1..=max distinct Zipf-distributed terms.
    fn terms(&self, rng: &mut Rng, max: usize) -> Vec<String> {
        let k = 1 + rng.below(max);
        let mut v: Vec<String> = Vec::with_capacity(k);
        for _ in 0..k * 2 {
            if v.len() >= k {
                break;
            }
            let t = self.term(rng).to_string();
            if !v.contains(&t) {
                v.push(t);
            }
        }
        v
    }

    /// Fill a template: {f} first name, {c} company, {city}, {l}/{l2} links, {t}/{t2} terms.
    fn fill(&self, rng: &mut Rng, me: usize, tpl: &str, company: &str, city: &str) -> String {
        let mut out = String::with_capacity(tpl.len() + 40);
        let mut rest = tpl;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                return out;
            };
            match &after[..end] {
                "f" => out.push_str(&self.people[me].first),
                "c" => out.push_str(company),
                "city" => out.push_str(city),
                "l" | "l2" => out.push_str(&self.link(rng, me)),
                "t" | "t2" => out.push_str(self.term(rng)),
                other => {
                    out.push('{');
                    out.push_str(other);
                    out.push('}');
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

fn contact_note(ctx: &Ctx, seed: u64, i: usize) -> String {
    let mut rng = Rng::derive(seed, 2, i as u64);
    let me = &ctx.people[i];
    let today = today();
    let mut fm = String::with_capacity(800);
    fm.push_str("---\n");

    if rng.chance(0.95) {
        let name = if rng.chance(0.05) { quoted(&me.name) } else { yaml_str(&me.name) };
        let _ = writeln!(fm, "name: {name}");
    }
    if !me.aliases.is_empty() {
        yaml_list(&mut fm, &mut rng, "aliases", &me.aliases);
    }
    let circle = match rng.below(100) {
        0..=14 => Some("clients"),
        15..=24 => Some("prospects"),
        25..=54 => Some("colleagues"),
        55..=84 => Some("friends"),
        85..=89 => Some("mentors"),
        _ => None,
    };
    if let Some(c) = circle {
        let _ = writeln!(fm, "circle: {c}");
    }
    if rng.chance(0.10) {
        let _ = writeln!(fm, "cadence: {}", rng.pick(CADENCES));
    }
    match rng.below(100) {
        0..=2 => fm.push_str("status: paused\n"),
        3..=5 => fm.push_str("status: archived\n"),
        6..=30 => fm.push_str("status: active\n"),
        _ => {}
    }
    if rng.chance(0.45) {
        let k = 1 + rng.below(3);
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..k {
            let t = rng.pick(TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        yaml_list(&mut fm, &mut rng, "tags", &tags);
    }
    let company = format!("{} {}", rng.pick(COMPANY_A), rng.pick(COMPANY_B));
    let city = rng.pick(CITIES).to_string();
    let has_company = rng.chance(0.6);
    if has_company {
        let _ = writeln!(fm, "company: {}", yaml_str(&company));
    }
    if rng.chance(0.5) {
        let role = *rng.pick(ROLES);
        let _ = writeln!(fm, "role: {}", yaml_str(role));
    }
    if rng.chance(0.7) {
        let user = format!("{}.{}", ascii_slug(&me.first), ascii_slug(&me.last));
        let domain = if has_company {
            format!("{}.com", ascii_slug(&company))
        } else {
            rng.pick(&["gmail.com", "proton.me", "fastmail.com", "outlook.com"]).to_string()
        };
        let work = format!("{user}@{domain}");
        if rng.chance(0.15) {
            let personal = format!("{}{}@gmail.com", ascii_slug(&me.first), rng.below(100));
            yaml_list(&mut fm, &mut rng, "email", &[work, personal]);
        } else {
            let _ = writeln!(fm, "email: {work}");
        }
    }
    if rng.chance(0.4) {
        let _ = writeln!(
            fm,
            "phone: \"+{} {} {:03} {:03}\"",
            rng.range(1, 99),
            rng.range(100, 999),
            rng.below(1000),
            rng.below(1000)
        );
    }
    if rng.chance(0.6) {
        let _ = writeln!(fm, "city: {}", yaml_str(&city));
    }
    if rng.chance(0.4) {
        let k = 1 + rng.below(3);
        let mut ch: Vec<String> = Vec::new();
        for _ in 0..k {
            let c = rng.pick(CHANNELS).to_string();
            if !ch.contains(&c) {
                ch.push(c);
            }
        }
        yaml_list(&mut fm, &mut rng, "channels", &ch);
    }
    if rng.chance(0.5) {
        let _ = writeln!(fm, "met: {}", date(today - rng.range(30, 365 * 12)));
    }
    if rng.chance(0.3) {
        let _ = writeln!(fm, "met_at: {}", yaml_str(&format!("{} {}", rng.pick(EVENTS), city)));
    }
    if rng.chance(0.15) {
        let link = ctx.link(&mut rng, i);
        let _ = writeln!(fm, "introduced_by: \"{link}\"");
    }
    if rng.chance(0.6) {
        let t = ctx.terms(&mut rng, 5);
        let t = maybe_capitalize(&mut rng, t);
        yaml_list(&mut fm, &mut rng, "interests", &t);
    }
    if rng.chance(0.3) {
        let t = ctx.terms(&mut rng, 3);
        let t = maybe_capitalize(&mut rng, t);
        yaml_list(&mut fm, &mut rng, "needs", &t);
    }
    if rng.chance(0.3) {
        let t = ctx.terms(&mut rng, 3);
        let t = maybe_capitalize(&mut rng, t);
        yaml_list(&mut fm, &mut rng, "offers", &t);
    }
    if rng.chance(0.25) {
        let m = 1 + rng.below(12) as u32;
        if rng.chance(0.6) {
            let y = rng.range(1950, 2003);
            let d = 1 + rng.below(days_in_month(y, m) as usize) as u32;
            let _ = writeln!(fm, "birthday: {y:04}-{m:02}-{d:02}");
        } else {
            let d = 1 + rng.below(days_in_month(2000, m) as usize) as u32;
            if rng.chance(0.3) {
                let _ = writeln!(fm, "birthday: \"{m:02}-{d:02}\"");
            } else {
                let _ = writeln!(fm, "birthday: {m:02}-{d:02}");
            }
        }
    }
    if rng.chance(0.2) {
        let _ = writeln!(fm, "last_contact: {}", date(today - rng.range(0, 400)));
    }
    fm.push_str("---\n");

    // Body.
    let target = 1024 + rng.below(2048);
    let mut body = String::with_capacity(target + 512);
    let _ = writeln!(body, "# {}\n", me.name);
    let sentences = 1 + rng.below(4);
    for s in 0..sentences {
        if s > 0 {
            body.push(' ');
        }
        let tpl = rng.pick(PROSE);
        body.push_str(&ctx.fill(&mut rng, i, tpl, &company, &city));
    }
    body.push('\n');

    // Log: 0-40 entries, skewed towards fewer; dates over the last three years.
    let u = rng.f64();
    let entries = (u * u * 41.0) as usize;
    let span = 365 * 3;
    let newest_ago = (rng.f64() * rng.f64() * span as f64) as i64;
    let mut days: Vec<i64> = (0..entries).map(|_| today - rng.range(newest_ago, span)).collect();
    days.sort_unstable();
    let newest_first = rng.chance(0.4);
    if newest_first {
        days.reverse();
    }
    let mut log = String::new();
    if entries > 0 || rng.chance(0.5) {
        log.push_str("\n## Log\n");
        for d in &days {
            let _ = write!(log, "- {}", date(*d));
            if rng.chance(0.2) {
                log.push_str(" <-");
            }
            if rng.chance(0.95) {
                let _ = write!(log, " #{}", rng.pick(CHANNELS));
            }
            let tpl = rng.pick(LOG_TEXT);
            let text = ctx.fill(&mut rng, i, tpl, &company, &city);
            let _ = write!(log, " {text}");
            if rng.chance(0.1) {
                let _ = write!(log, " {}", ctx.link(&mut rng, i));
            }
            log.push('\n');
        }
    }

    // Promises: open tasks with due dates, things they owe me, some done ones.
    let mut tasks = String::new();
    if rng.chance(0.3) {
        let k = 1 + rng.below(3);
        for _ in 0..k {
            let tpl = rng.pick(TASKS);
            let text = ctx.fill(&mut rng, i, tpl, &company, &city);
            let due = date(today + rng.range(-60, 90));
            match rng.below(10) {
                0..=5 => {
                    let _ = writeln!(tasks, "- [ ] {text} 📅 {due}");
                }
                6 | 7 => {
                    let _ = writeln!(tasks, "- [ ] {text}");
                }
                _ => {
                    let done = date(today - rng.range(1, 200));
                    let _ = writeln!(tasks, "- [x] {text} ✅ {done}");
                }
            }
        }
    }
    if rng.chance(0.1) {
        let link = ctx.link(&mut rng, i);
        let _ = writeln!(tasks, "- [ ] {link} owes me: {}", rng.pick(OWED));
    }

    let tasks_section = if tasks.is_empty() {
        String::new()
    } else if rng.chance(0.5) {
        format!("\n## Promises\n{tasks}")
    } else {
        format!("\n{tasks}")
    };
    let log_last = rng.chance(0.3);
    if !log_last {
        body.push_str(&log);
    }
    body.push_str(&tasks_section);
    // Pad with prose up to the target size.
    if body.len() + log.len() * usize::from(log_last) < target {
        body.push_str("\n## Notes\n");
        while body.len() + log.len() * usize::from(log_last) < target {
            body.push('\n');
            let n = 2 + rng.below(4);
            for s in 0..n {
                if s > 0 {
                    body.push(' ');
                }
                let tpl = rng.pick(PROSE);
                body.push_str(&ctx.fill(&mut rng, i, tpl, &company, &city));
            }
            body.push('\n');
        }
    }
    if log_last {
        body.push_str(&log);
    }

    let mut note = String::with_capacity(fm.len() + body.len() + 8);
    if rng.chance(0.02) {
        note.push('\u{FEFF}');
    }
    note.push_str(&fm);
    note.push_str(&body);
    if rng.chance(0.02) {
        note = note.replace('\n', "\r\n");
    }
    note
}

fn maybe_capitalize(rng: &mut Rng, terms: Vec<String>) -> Vec<String> {
    terms
        .into_iter()
        .map(|t| {
            if rng.chance(0.03) {
                let mut c = t.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => t,
                }
            } else {
                t
            }
        })
        .collect()
}

fn daily_note(ctx: &Ctx, seed: u64, k: usize, day: i64) -> String {
    let mut rng = Rng::derive(seed, 3, k as u64);
    let mut s = String::with_capacity(600);
    let _ = writeln!(s, "# {}\n", long_date(day));
    let mentions = 1 + rng.below(5);
    let me = rng.below(ctx.people.len());
    for m in 0..mentions {
        if m > 0 {
            s.push(' ');
        }
        let tpl = rng.pick(DAILY);
        s.push_str(&ctx.fill(&mut rng, me, tpl, "", ""));
    }
    s.push('\n');
    if rng.chance(0.5) {
        s.push('\n');
        let _ = writeln!(s, "- {}", rng.pick(FILLER));
    }
    if rng.chance(0.2) {
        let _ = writeln!(s, "- [ ] call {}", ctx.link(&mut rng, me));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Output

const ROLO_TOML: &str = r#"# Generated by genvault (rolo benchmark vault). Run rolo with --today 2026-11-24.
people = ["People"]
reports_dir = "Reports"

[circles.clients]
cadence = "30d"

[circles.prospects]
cadence = "14d"

[circles.colleagues]
cadence = "90d"

[circles.friends]
cadence = "60d"

[circles.mentors]
cadence = "6m"
"#;

fn prepare_out(out: &Path) -> Result<(), String> {
    match fs::metadata(out) {
        Ok(m) if !m.is_dir() => {
            return Err(format!("{} exists and is not a directory", out.display()));
        }
        Ok(_) => {
            let mut entries = fs::read_dir(out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
            let empty = entries.next().is_none();
            if !empty {
                if !out.join(MARKER).is_file() {
                    return Err(format!(
                        "{} is not empty and was not written by genvault (no {MARKER} marker); \
                         refusing to overwrite it",
                        out.display()
                    ));
                }
                for dir in ["People", "Daily", "Reports"] {
                    let p = out.join(dir);
                    if p.exists() {
                        fs::remove_dir_all(&p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
                    }
                }
            }
        }
        Err(_) => {}
    }
    for dir in ["People", "Daily"] {
        let p = out.join(dir);
        fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
    }
    Ok(())
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    prepare_out(&args.out)?;
    let vocab = vocabulary();
    let terms = Zipf::new(vocab.len(), ZIPF_S);
    let people = make_people(args.contacts, args.seed);
    let hubs = Zipf::new(people.len(), 1.0);
    let ctx = Ctx { people: &people, vocab: &vocab, terms: &terms, hubs: &hubs };

    let mut files = 0u64;
    let mut bytes = 0u64;
    let mut write = |path: PathBuf, text: &str| -> Result<(), String> {
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        files += 1;
        bytes += text.len() as u64;
        Ok(())
    };

    write(args.out.join(".rolo.toml"), ROLO_TOML)?;
    let people_dir = args.out.join("People");
    for (i, person) in people.iter().enumerate() {
        let note = contact_note(&ctx, args.seed, i);
        write(people_dir.join(format!("{}.md", person.name)), &note)?;
    }

    // Daily notes on distinct days, going back from today and skipping about one day in ten.
    let dailies = (args.contacts / 10).max(30);
    let daily_dir = args.out.join("Daily");
    let mut rng = Rng::derive(args.seed, 4, 0);
    let mut day = today();
    for k in 0..dailies {
        while rng.chance(0.1) {
            day -= 1;
        }
        write(daily_dir.join(format!("{}.md", date(day))), &daily_note(&ctx, args.seed, k, day))?;
        day -= 1;
    }

    let marker = format!("genvault format={FORMAT} contacts={} seed={}\n", args.contacts, args.seed);
    fs::write(args.out.join(MARKER), &marker)
        .map_err(|e| format!("cannot write {}: {e}", args.out.join(MARKER).display()))?;

    println!(
        "genvault: wrote {files} files ({} contacts, {dailies} daily notes), {bytes} bytes, to {} in {:.1}s",
        args.contacts,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
