//! What the chain-at-scale benchmarks (issue 15) share: a chain's worth of changes made by real
//! writes, a hub on the tests' PostgreSQL to push them into, and stores that join it.
//!
//! A week of a chain: one database made a site, then filled by the demo generator and the demo
//! shop's history (sales with lines and serialised units, claims, returns, complaints, scores,
//! interactions, consents, promises), a fifth of its customers edited afterwards. Every write is
//! captured by the site's own triggers. Its changes are then dealt out to `sites` stores by
//! customer (a customer and everything of hers belongs to one store, as at a real counter), the
//! chain-wide records (products, policies, rules, walk-in sales) to the first store, each store
//! numbering its share 1, 2, 3… with clocks spread over the week.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use khachquen::sync::change::Change;
use khachquen::sync::hlc::Hlc;
use khachquen::sync::local;
use khachquen::{chain, demo, hub, Db};

use crate::sales_data;

const WEEK_MS: i64 = 7 * 86_400_000;

/// Every change of a shop of `customers` customers with `units` serialised units sold (two a
/// sale, 30% to walk-ins, `benches/sales_data.rs`), the demo shop's history around them and a
/// fifth of them edited, captured as it was written.
pub fn captured_shop(
    path: &Path,
    customers: usize,
    units: usize,
    now: DateTime<Utc>,
) -> Vec<Change> {
    let mut db = Db::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    db.write(|tx| local::start_site(tx, "TPL")).unwrap_or_else(|e| panic!("site: {e}"));
    sales_data::generate(&mut db, customers, units, units / 200);
    demo::stage(&mut db, 1, 42, now, "bench").unwrap_or_else(|e| panic!("history: {e}"));
    // Edits of a week: notes and a changed address on one customer in five.
    db.write(|tx| {
        tx.execute_batch(
            "UPDATE customer SET notes = 'Thích màu xanh, gọi sau 18h', address = 'Số ' || id ||
                ' Lê Lợi, Quận 1' WHERE id % 5 = 0",
        )?;
        Ok(())
    })
    .unwrap_or_else(|e| panic!("edits: {e}"));
    local::pending(db.conn(), 0, usize::MAX).unwrap_or_else(|e| panic!("outbox: {e}"))
}

/// How many of each kind of record `changes` carry, largest first.
pub fn mix(changes: &[Change]) -> String {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for c in changes {
        *by.entry(c.entity.as_str()).or_default() += 1;
    }
    let mut v: Vec<_> = by.into_iter().collect();
    v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    v.iter().map(|(e, n)| format!("{e} {n}")).collect::<Vec<_>>().join(", ")
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `changes` dealt out to stores `codes` (see the module's comment), clocks over the week
/// before `now` in the order they were written.
pub fn deal(changes: &[Change], codes: &[String], now: DateTime<Utc>) -> Vec<Vec<Change>> {
    let mut out: Vec<Vec<Change>> = vec![Vec::new(); codes.len()];
    let start = now.timestamp_millis() - WEEK_MS;
    let step = WEEK_MS / changes.len().max(1) as i64;
    for (i, c) in changes.iter().enumerate() {
        let s = c.customer.as_deref().map_or(0, |k| fnv(k) as usize % codes.len());
        let seq = out[s].len() as i64 + 1;
        let hlc = Hlc { wall_ms: start + i as i64 * step, counter: 0, site: codes[s].clone() };
        out[s].push(Change { site: codes[s].clone(), seq, hlc, ..c.clone() });
    }
    out
}

/// Pushes every store's changes to the hub at `url` (owner's account), each through its own
/// role, `batch` at a time. Returns how many.
pub fn push_stores(url: &str, stores: &[Vec<Change>], batch: usize) -> usize {
    let mut n = 0;
    for changes in stores.iter().filter(|c| !c.is_empty()) {
        let code = &changes[0].site;
        let creds = hub::add_site(url, code, code).unwrap_or_else(|e| panic!("{e}"));
        let mut client =
            hub::connect_as(url, &creds.role, &creds.password).unwrap_or_else(|e| panic!("{e}"));
        for chunk in changes.chunks(batch) {
            hub::push(&mut client, code, chunk).unwrap_or_else(|e| panic!("push {code}: {e}"));
            n += chunk.len();
        }
    }
    n
}

/// A store's database in `dir`, joined to the hub at `url` as `code` (the join's sync timed
/// by the caller when it wants it).
pub fn open_store(dir: &Path) -> Db {
    Db::open(&dir.join("khachquen.db")).unwrap_or_else(|e| panic!("open: {e}"))
}

pub fn join(db: &mut Db, dir: &Path, url: &str, code: &str) -> chain::Synced {
    chain::join(db, dir, (url, code, code), "bench", Utc::now()).unwrap_or_else(|e| panic!("{e}"))
}

/// `(load average over 1, 5, 15 minutes)` as the kernel reports it.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
