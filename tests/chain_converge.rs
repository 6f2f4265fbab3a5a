//! Twenty stores on one hub on a real PostgreSQL (issue 15, Tests): seeded work at every
//! counter while stores sync now and then or not at all for a while, syncs killed (SIGKILL) at
//! random moments, clocks skewed ±10 minutes and one a day behind. Once everyone has synced
//! until quiet, every store and the hub's owner views hold the same, every acknowledged edit is
//! there or overwritten by a later clock, no fact is held twice, no erased customer's data
//! remains anywhere, and customers made twice at two stores are flagged as duplicates.
//!
//! `KHACHQUEN_CONVERGE_SEED` (a number, or `random`) and `KHACHQUEN_CONVERGE_ROUNDS` run other
//! seeds for longer (`scripts/converge.sh`); the seed is printed so a failure can be replayed.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use khachquen::desk::{self, Counter, Desk};
use khachquen::error::ErrorPayload;
use khachquen::staff::{self, Actor, MaskPhones};
use khachquen::sync::local;
use khachquen::text::fold;
use khachquen::{chain, Db};

use crate::chain_converge_ops::{self as ops, World};
use crate::chain_support::hub_db;

pub const STORES: usize = 20;
const SEEDS: &[u64] = &[1, 6];
const ROUNDS: usize = 4;

pub struct Store {
    pub code: String,
    pub dir: tempfile::TempDir,
    pub db: Db,
    counter: Counter,
    owner: Actor,
    offset_ms: i64,
}

#[allow(clippy::result_large_err)] // the payload the UI gets, as the shell returns it
impl Store {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("khachquen.db")
    }

    /// The store's own clock, as wrong as it is.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms)
    }

    pub fn serve<T: MaskPhones>(
        &mut self,
        f: impl FnOnce(&mut Desk) -> khachquen::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let now = self.now();
        desk::serve(&mut self.db, &self.counter, &self.owner, now, f)
    }

    /// One sync in this process; how many changes it moved.
    pub fn sync(&mut self) -> usize {
        let done = chain::sync(&mut self.db, self.dir.path())
            .unwrap_or_else(|e| panic!("{} syncs: {e}", self.code));
        done.pushed + done.pulled
    }

    /// `khachquen --db PATH sync` killed (SIGKILL) after `at` unless done; whether it finished.
    fn sync_killed(&self, at: Duration) -> bool {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_khachquen"));
        cmd.arg("--db").arg(self.path()).arg("sync").stdout(Stdio::null()).stderr(Stdio::null());
        let done = crate::support::run_or_kill(cmd, at);
        assert!(done.is_none_or(|s| s.success()), "{}: khachquen sync failed", self.code);
        done.is_some()
    }
}

/// A folder for a store's files: in memory where there is one (`/dev/shm`), since twenty
/// stores each syncing to disk would spend the run waiting on fsync, and the durability of a
/// write is not under test here (the PostgreSQL of these tests runs without fsync too).
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).expect("tempdir")
}

/// Twenty shops, each with an owner of its own, joined to the hub at `url`; each store's clock
/// off by up to ten minutes either way, the last one's a day behind.
fn stores(url: &str, w: &mut World) -> Vec<Store> {
    let template = scratch();
    let mut shop = Db::open(&template.path().join("khachquen.db")).expect("a new shop");
    let owner = staff::first_owner(&mut shop, "Chủ", "246810", Utc::now()).expect("owner");
    (0..STORES)
        .map(|i| {
            let code = format!("S{i:02}");
            let dir = scratch();
            let path = dir.path().join("khachquen.db");
            shop.conn().execute("VACUUM INTO ?1", [path.to_str()]).expect("a copy");
            let mut db = Db::open(&path).expect("the copy opens");
            // Each shop's owner is a person of her own: accounts are chain-wide by name.
            let name = format!("Chủ {code}");
            db.conn()
                .execute("UPDATE staff SET name = ?1, folded_name = ?2", (&name, fold(&name)))
                .expect("owner named");
            let offset_ms =
                if i == STORES - 1 { -86_400_000 } else { w.rng.below(1_200_001) as i64 - 600_000 };
            db.write(|tx| local::set_clock_offset(tx, offset_ms)).expect("skew");
            let site = (url, code.as_str(), &*format!("Cửa hàng {code}"));
            chain::enlist(&mut db, dir.path(), site, &name, Utc::now()).expect("joins");
            let owner = Actor { name, ..owner.clone() };
            let counter = Counter::new(dir.path().to_path_buf());
            let store = Store { code, dir, db, counter, owner, offset_ms };
            w.record(&store, 0);
            store
        })
        .collect()
}

/// The catalogue, made at the first store and synced to all.
fn catalogue(stores: &mut [Store], w: &mut World) {
    use crate::sales_support::{phone_product, shirt_product};
    let before = local::site(stores[0].db.conn()).expect("site").seq;
    let keys: Vec<String> = [phone_product(&mut stores[0].db), shirt_product(&mut stores[0].db)]
        .iter()
        .map(|p| local::key_of(stores[0].db.conn(), "product", p.id).expect("key").expect("key"))
        .collect();
    w.record(&stores[0], before);
    for s in stores.iter_mut() {
        s.sync();
        let id = |k: &str| -> i64 {
            s.db.conn()
                .query_row("SELECT id FROM product WHERE key = ?1", [k], |r| r.get(0))
                .expect("the catalogue arrived")
        };
        w.products.push((id(&keys[0]), id(&keys[1])));
    }
}

/// Everyone syncs, store after store, until two whole passes move nothing.
fn until_quiet(stores: &mut [Store]) {
    let mut quiet = 0;
    for _ in 0..20 {
        let moved: usize = stores.iter_mut().map(Store::sync).sum();
        quiet = if moved == 0 { quiet + 1 } else { 0 };
        if quiet == 2 {
            return;
        }
    }
    panic!("the chain never went quiet");
}

fn run(seed: u64, rounds: usize) {
    let started = Instant::now();
    eprintln!("chain_converge: seed {seed}, {rounds} rounds (KHACHQUEN_CONVERGE_SEED={seed})");
    let url = hub_db();
    let mut w = World::new(seed);
    let mut all = stores(&url, &mut w);
    catalogue(&mut all, &mut w);
    // One store away for a few rounds; each round some others do not sync either.
    let away = w.rng.below(STORES);
    let away_from = w.rng.below(rounds.max(1));
    let away_to = away_from + 2 + w.rng.below(3);
    let (mut killed, mut finished) = (0, 0);
    for round in 0..rounds {
        for (s, store) in all.iter_mut().enumerate() {
            for _ in 0..w.rng.below(4) {
                ops::one(&mut w, store, s);
            }
        }
        let kill = w.rng.chance(60).then(|| w.rng.below(STORES));
        for (s, store) in all.iter_mut().enumerate() {
            let apart = s == away && (away_from..away_to).contains(&round);
            if apart || (kill != Some(s) && !w.rng.chance(60)) {
                continue;
            }
            if kill == Some(s) {
                let at = Duration::from_millis(20 + w.rng.below(400) as u64);
                if store.sync_killed(at) {
                    finished += 1;
                } else {
                    killed += 1;
                }
            } else {
                store.sync();
            }
        }
    }
    until_quiet(&mut all);
    eprintln!(
        "seed {seed}: {} ops done, {} refused, {} changes; CLI syncs killed {killed}, \
         finished {finished}; {:?}",
        w.done,
        w.refused,
        w.changes.len(),
        started.elapsed()
    );
    crate::chain_converge_check::all(&url, &mut all, &w, seed);
}

/// The seeds to run: `KHACHQUEN_CONVERGE_SEED` (a number or `random`), else the fixed ones.
fn seeds() -> Vec<u64> {
    match std::env::var("KHACHQUEN_CONVERGE_SEED").ok().filter(|v| !v.is_empty()) {
        None => SEEDS.to_vec(),
        Some(v) if v == "random" => {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            vec![t.map_or(1, |d| d.as_nanos() as u64 % 1_000_000_007)]
        }
        Some(v) => vec![v.parse().expect("KHACHQUEN_CONVERGE_SEED: a number or `random`")],
    }
}

#[test]
fn twenty_stores_apart_killed_and_skewed_converge_on_a_real_hub() {
    let rounds = std::env::var("KHACHQUEN_CONVERGE_ROUNDS")
        .ok()
        .map_or(ROUNDS, |v| v.parse().expect("KHACHQUEN_CONVERGE_ROUNDS: a number"));
    for seed in seeds() {
        run(seed, rounds);
    }
}
