//! The card's top on a customer with a long history: the briefing and the first timeline page,
//! against the card read the counter already does on every open (`customer::get`), interleaved
//! call by call so both see the same cache.
//!
//! `cargo bench --bench card -- [--customers N] [--events E] [--runs R]`

mod common;

use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use common::{arg, ms, percentile};
use khachquen::card::{self, TimelineQuery};
use khachquen::clock::local_date;
use khachquen::customer::{self, CustomerDraft, PhoneDraft};
use khachquen::feedback::complaint::{self, ComplaintCategory, ComplaintDraft, Severity};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::feedback::score::{self, FeedbackDraft, Metric};
use khachquen::outreach::reminder::ContactChannel;
use khachquen::sales::claim::{self, ClaimDraft};
use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::{purchase, LineDraft, PurchaseDraft};
use khachquen::{demo, Db};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// A regular of many years: sales with serials, a claim on every third, touchpoints, scores,
/// complaints, about `events` rows on her timeline in all, spread over the past.
fn regular(db: &mut Db, events: usize) -> i64 {
    let now = Utc::now();
    let d = CustomerDraft {
        full_name: "Trần Thị Khách Quen".into(),
        phones: vec![PhoneDraft { raw: "0987 654 321".into(), is_primary: true }],
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    let id = ok(customer::create(db, &d, "bench", now)).id;
    let p = ProductDraft {
        name: "Điện thoại bench".into(),
        price: "5tr".into(),
        warranty_months: 12,
        serial_required: true,
        ..ProductDraft::default()
    };
    let phone = ok(product::save(db, None, &p, "bench", now)).id;
    let (mut n, mut i) = (0, 0);
    while n < events {
        let at = now - Days::minutes((events - n) as i64 * 90);
        let sale = PurchaseDraft {
            customer_id: Some(id),
            sold_on: local_date(at).format("%d/%m/%Y").to_string(),
            lines: vec![LineDraft {
                product_id: phone,
                quantity: 1,
                serials: vec![format!("BENCH{i:06}")],
                ..LineDraft::default()
            }],
            ..PurchaseDraft::default()
        };
        let bought = ok(purchase::create(db, &sale, "bench", at));
        n += 1;
        if i % 3 == 0 {
            let c = ClaimDraft {
                unit_id: bought.units[0].id,
                symptom: "Không lên nguồn".into(),
                ..ClaimDraft::default()
            };
            ok(claim::open(db, &c, "bench", at));
            n += 1;
        }
        let touch = InteractionDraft {
            customer_id: Some(id),
            channel: ContactChannel::Zalo,
            inbound: true,
            kind: InteractionKind::Message,
            summary: "Hỏi giá phụ kiện".into(),
            link: Default::default(),
            resolved_first: Some(true),
        };
        ok(interaction::log(db, &touch, "bench", at));
        n += 1;
        if i % 2 == 0 {
            let f = FeedbackDraft {
                customer_id: Some(id),
                metric: Metric::Csat,
                score: Some(5),
                comment: String::new(),
                served_by: String::new(),
                link: Default::default(),
            };
            ok(score::record(db, &f, "bench", at));
            n += 2; // the score and the touchpoint it logs
        }
        if i % 10 == 0 {
            let k = ComplaintDraft {
                customer_id: Some(id),
                category: ComplaintCategory::Service,
                severity: Severity::Low,
                owner: "bench".into(),
                channel: ContactChannel::InStore,
                summary: "Chờ lâu".into(),
                link: Default::default(),
            };
            ok(complaint::open(db, &k, "bench", at));
            n += 2;
        }
        i += 1;
    }
    id
}

fn report(what: &str, v: &mut [Duration]) -> (f64, f64) {
    v.sort();
    let (p50, p99) = (ms(percentile(v, 0.5)), ms(percentile(v, 0.99)));
    println!("{what}: p50 {p50:.3} ms, p99 {p99:.3} ms, max {:.3} ms", ms(v[v.len() - 1]));
    (p50, p99)
}

fn main() {
    let n = arg("--customers", 100_000);
    let events = arg("--events", 500);
    let runs = arg("--runs", 2_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut db = ok(Db::open(&dir.path().join("bench.db")));
    let now = Utc::now();
    ok(demo::generate(&mut db, n, 42, now, "bench"));
    let id = regular(&mut db, events);
    let all = TimelineQuery { limit: 100, ..Default::default() };
    let mut total = 0;
    let mut q = all.clone();
    loop {
        let page = ok(card::timeline(db.conn(), id, &q));
        total += page.events.len();
        match page.next {
            Some(c) => q.after = Some(c),
            None => break,
        }
    }
    let today = local_date(now);
    let first = TimelineQuery::default();
    // The whole top, and its two reads apart (the same calls, timed one by one).
    let top = |db: &Db| {
        let t = Instant::now();
        let _ = ok(card::briefing(db.conn(), id, "bench", now));
        let brief = t.elapsed();
        let _ = ok(card::timeline(db.conn(), id, &first));
        (t.elapsed(), brief)
    };
    let baseline = |db: &Db| {
        let t = Instant::now();
        let _ = ok(customer::get(db.conn(), id, today));
        t.elapsed()
    };
    // One unmeasured pass: a counter runs all day with its pages cached.
    top(&db);
    baseline(&db);
    let (mut a, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let (mut brief, mut page) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let mut both = |db: &Db| {
        let (all, first) = top(db);
        a.push(all);
        brief.push(first);
        page.push(all - first);
    };
    for i in 0..runs {
        // Which goes first alternates, so neither always finds the other's pages warm.
        if i % 2 == 0 {
            both(&db);
            b.push(baseline(&db));
        } else {
            b.push(baseline(&db));
            both(&db);
        }
    }
    println!(
        "## The card's top: {n} demo customers, one with {total} timeline events, {runs} runs"
    );
    let (_, p99) = report("briefing + first timeline page (20 events)", &mut a);
    report("  of which the briefing", &mut brief);
    report("  of which the first timeline page", &mut page);
    let (_, base) = report("baseline: customer::get (the card read)", &mut b);
    let verdict = if p99 <= 10.0 { "met" } else { "MISSED" };
    println!("ratio at p99: {:.1}x the card read; target p99 <= 10 ms: {verdict}", p99 / base);
    chooser(&db, id, runs);
}

/// The card's template chooser (her open reminders and every template rendered for her), read
/// on each card open beside the briefing.
fn chooser(db: &Db, id: i64, runs: usize) {
    let now = Utc::now();
    let count = ok(card::contact_choices(db.conn(), id, now)).len();
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let _ = ok(card::contact_choices(db.conn(), id, now));
            t.elapsed()
        })
        .collect();
    report(&format!("contact chooser ({count} choices, rendered)"), &mut v);
}
