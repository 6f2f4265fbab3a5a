//! Care benchmarks (ISSUE: proactive care): the full planning pass, re-planning one customer
//! after a sale, and the Today queue with 100,000 open reminders — on 1,000,000 customers and
//! 3,000,000 sold units.
//!
//! `cargo bench --bench care -- [--customers N] [--units U] [--claims C] [--samples S]`
//!
//! Same-run baselines: the pass against one plain read of the rows it examines; the re-plan
//! against the sale's own write; the queue against counting the waiting rows.

mod common;
mod sales_data;

use std::time::Duration;

use chrono::{Duration as Days, Utc};
use common::{arg, ms, percentile, timed};
use khachquen::care::plan::{self, Scope};
use khachquen::clock::{local_date, stamp};
use khachquen::demo::Rng;
use khachquen::outreach::reminder::{self, QueueFilter};
use khachquen::sales::purchase::{self, LineDraft, PurchaseDraft};
use khachquen::Db;
use rusqlite::params;

fn summary(label: &str, mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let (p50, p99) = (ms(percentile(&times, 0.5)), ms(percentile(&times, 0.99)));
    println!(
        "{label}: p50 {p50:.3} ms, p99 {p99:.3} ms, max {:.3} ms",
        ms(percentile(&times, 1.0))
    );
    (p50, p99)
}

fn main() {
    let customers = arg("--customers", 1_000_000);
    let units = arg("--units", 3_000_000);
    let claims = arg("--claims", 10_000);
    let samples = arg("--samples", 300);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut db = Db::open(&dir.path().join("bench.db")).unwrap_or_else(|e| panic!("open: {e}"));
    sales_data::generate(&mut db, customers, units, claims);
    let now = Utc::now();
    let today = local_date(now);
    // Everyone consents (the flags the consent ledger keeps, set here for a million at once)
    // and the phones need a refill now and then: every rule has work to do.
    db.write(|tx| {
        tx.execute_batch(
            "UPDATE customer SET marketing_consent = 1, care_consent = 1;
             UPDATE product SET repurchase_days = 180 WHERE code = 'SSA55';",
        )?;
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));

    // Baseline: read once every row the pass examines.
    let (_, scan) = timed(|| {
        db.conn()
            .query_row(
                "SELECT (SELECT count(*) FROM unit WHERE warranty_end > '') + (SELECT count(*) FROM purchase
                    WHERE sold_at > '') + (SELECT count(*) FROM customer WHERE full_name > '')",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let (first, pass1) =
        timed(|| plan::run(&mut db, &Scope::All, now).unwrap_or_else(|e| panic!("{e}")));
    let (again, pass2) =
        timed(|| plan::run(&mut db, &Scope::All, now).unwrap_or_else(|e| panic!("{e}")));
    println!(
        "full pass: cold {:.0} ms ({} planned), repeat (the daily pass) {:.0} ms ({} added, {} removed); scan baseline {:.0} ms; ratio cold {:.1}, daily {:.1}",
        ms(pass1),
        first.planned,
        ms(pass2),
        again.planned,
        again.removed,
        ms(scan),
        ms(pass1) / ms(scan),
        ms(pass2) / ms(scan)
    );

    println!("cold, rule by rule (empty reminder table):");
    db.write(|tx| Ok(tx.execute("DELETE FROM reminder", [])?)).unwrap_or_else(|e| panic!("{e}"));
    for kind in khachquen::care::rule::RuleKind::PLANNED {
        let (st, t) =
            timed(|| plan::run(&mut db, &Scope::Kind(kind), now).unwrap_or_else(|e| panic!("{e}")));
        println!("  {kind:?}: {:.1} ms, {} planned", ms(t), st.planned);
    }
    println!("one rule re-planned (after a rule edit: confirm and sweep):");
    for kind in khachquen::care::rule::RuleKind::PLANNED {
        let (st, t) =
            timed(|| plan::run(&mut db, &Scope::Kind(kind), now).unwrap_or_else(|e| panic!("{e}")));
        println!("  {kind:?}: {:.1} ms, {} planned", ms(t), st.planned);
    }

    // One sale, then its customer re-planned (what the shell does after every sale).
    let mut rng = Rng::new(11);
    let mut writes = Vec::new();
    let mut touches = Vec::new();
    let mut replans = Vec::new();
    for i in 0..samples {
        let customer = 1 + rng.below(customers as u64) as i64;
        let draft = PurchaseDraft {
            customer_id: Some(customer),
            lines: vec![LineDraft {
                product_id: 2,
                quantity: 1,
                serials: vec![format!("BENCH{i:08}")],
                ..LineDraft::default()
            }],
            ..PurchaseDraft::default()
        };
        let (_, w) = timed(|| {
            purchase::create(&mut db, &draft, "bench", now).unwrap_or_else(|e| panic!("{e}"))
        });
        let (_, r) =
            timed(|| plan::customer(&mut db, customer, now).unwrap_or_else(|e| panic!("{e}")));
        let (_, t) = timed(|| {
            khachquen::customer::touch_contact(&mut db, customer, now)
                .unwrap_or_else(|e| panic!("{e}"))
        });
        touches.push(t);

        writes.push(w);
        replans.push(r);
    }
    summary("sale, re-planning included", writes);
    let (_, touch_p99) = summary("one-row write transaction (baseline)", touches);
    let (_, replan_p99) = summary("re-plan one customer after a sale", replans);
    println!("re-plan/one-row write ratio at p99: {:.2}", replan_p99 / touch_p99);

    // Exactly 100,000 open reminders, all waiting (due over the last 30 days): the worst queue.
    let extra = 100_000;
    db.write(|tx| {
        tx.execute("DELETE FROM interaction", [])?;
        tx.execute("DELETE FROM reminder", [])?;
        let mut stmt = tx.prepare(
            "INSERT INTO reminder(kind, customer_id, due_on, due_at, note, created_by, created_at, updated_at)
             VALUES ('manual', ?1, ?2, ?3, 'Gọi lại', 'bench', ?3, ?3)",
        )?;
        for _ in 0..extra {
            let due = today - Days::days(rng.below(30) as i64);
            stmt.execute(params![1 + rng.below(customers as u64) as i64, due, stamp(now)])?;
        }
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let total =
        khachquen::outreach::schedule::waiting(db.conn(), now).unwrap_or_else(|e| panic!("{e}"));
    println!("waiting reminders: {total}");
    let filters = [
        QueueFilter::default(),
        QueueFilter {
            kind: Some(khachquen::care::rule::RuleKind::WarrantyExpiring),
            assignee: String::new(),
        },
        QueueFilter { kind: None, assignee: "Hùng".into() },
    ];
    for f in &filters {
        let mut times = Vec::new();
        let mut base = Vec::new();
        for _ in 0..samples {
            let (q, t) =
                timed(|| reminder::today(db.conn(), f, now).unwrap_or_else(|e| panic!("{e}")));
            assert!(q.total > 0);
            times.push(t);
            let (_, b) = timed(|| {
                khachquen::outreach::schedule::waiting(db.conn(), now)
                    .unwrap_or_else(|e| panic!("{e}"))
            });
            base.push(b);
        }
        let label = format!("today queue (kind {:?}, assignee {:?})", f.kind, f.assignee);
        let (_, p99) = summary(&label, times);
        let (_, base_p99) = summary("  count of waiting rows (baseline)", base);
        println!("  ratio at p99: {:.2}", p99 / base_p99);
    }
}
