use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use khachquen::clock::local_date;
use khachquen::customer::{self, CustomerCard, CustomerDraft, PhoneDraft};
use khachquen::privacy::{self, ConsentDraft, ConsentMethod, Purpose};
use khachquen::Db;

pub const STAFF: &str = "test";

/// 23/11/2026 10:00 in Vietnam.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).single().expect("valid fixed instant")
}

pub fn today() -> NaiveDate {
    local_date(now())
}

pub fn db() -> Db {
    Db::open_in_memory().expect("in-memory database opens and migrates")
}

pub fn draft(name: &str, phones: &[&str]) -> CustomerDraft {
    CustomerDraft {
        full_name: name.to_owned(),
        phones: phones
            .iter()
            .map(|p| PhoneDraft { raw: (*p).to_owned(), is_primary: false })
            .collect(),
        ..CustomerDraft::default()
    }
}

/// A customer who agreed to care calls at the counter (care reminders are planned for them).
pub fn add(db: &mut Db, name: &str, phones: &[&str]) -> CustomerCard {
    let card = add_unasked(db, name, phones);
    consent(db, card.id, Purpose::CareCalls, true);
    card
}

/// A customer never asked for any consent.
pub fn add_unasked(db: &mut Db, name: &str, phones: &[&str]) -> CustomerCard {
    customer::create(
        db,
        &CustomerDraft { allow_duplicate: true, ..draft(name, phones) },
        STAFF,
        now(),
    )
    .expect("test customer is valid")
}

/// Records a consent given (or withdrawn) in store, through the ledger.
pub fn consent(db: &mut Db, id: i64, purpose: Purpose, granted: bool) {
    let d = ConsentDraft {
        purpose,
        granted,
        method: Some(ConsentMethod::InStore),
        evidence: String::new(),
    };
    privacy::record_consent(db, id, &d, STAFF, now()).expect("consent recorded");
}

/// Names of the hits of `query`, best first.
pub fn names(db: &Db, query: &str) -> Vec<String> {
    customer::search(db.conn(), query, Default::default())
        .expect("search never fails on text input")
        .hits
        .into_iter()
        .map(|h| h.full_name)
        .collect()
}

pub fn table_count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

/// Runs `cmd` to its end, or kills it (SIGKILL) at `at`: its exit status, or `None` when killed.
pub fn run_or_kill(
    mut cmd: std::process::Command,
    at: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let mut child = spawn(&mut cmd);
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status);
        }
        if start.elapsed() >= at {
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
            return None;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// Starts `cmd`. Wine, running the Windows build of these tests, now and then fails to create a
/// process under load (ERROR_INTERNAL_ERROR, 1359): nothing ran, so it is started again.
fn spawn(cmd: &mut std::process::Command) -> std::process::Child {
    for _ in 0..3 {
        if let Ok(child) = cmd.spawn() {
            return child;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    cmd.spawn().expect("the CLI starts")
}
