//! The demo's first look: after a load, every screen a new user opens has something on it, and
//! the same seed and clock give the same shop.

use chrono::{DateTime, Duration, TimeZone, Utc};
use khachquen::care::rule::RuleKind;
use khachquen::feedback::complaint::{self, ComplaintFilter, TargetState};
use khachquen::io::export::Table;
use khachquen::outreach::reminder::{self, QueueFilter};
use khachquen::report::kpi::{self, Period};
use khachquen::report::segment::{self, SegmentKind};
use khachquen::sales::claim;
use khachquen::Db;

use crate::support::*;

/// What the "load demo data" button does (`Desk::load_demo`), with a chosen seed.
fn load(seed: u64) -> Db {
    load_at(seed, now())
}

fn load_at(seed: u64, now: DateTime<Utc>) -> Db {
    let mut db = db();
    khachquen::demo::generate(&mut db, 600, seed, now, STAFF).expect("customers");
    khachquen::privacy::demo_consents(&mut db, 1, STAFF, now).expect("consents");
    let scene = khachquen::demo::stage(&mut db, 1, seed, now, STAFF).expect("history");
    assert!(scene.purchases >= 100 && scene.claims >= 8, "a real history: {scene:?}");
    khachquen::care::plan::run(&mut db, &khachquen::care::plan::Scope::All, now).expect("plan");
    db
}

#[test]
fn every_screen_has_something_on_the_first_look() {
    let db = load(1);
    let conn = db.conn();
    let queue = reminder::today(conn, &QueueFilter::default(), now()).expect("today");
    let due_today = queue.items.iter().filter(|r| r.due_on == today()).count();
    assert!(due_today >= 3, "calls due today on Today, got {due_today} of {}", queue.items.len());
    assert!(
        queue.items.len() < 150,
        "the past was answered, not left waiting: {}",
        queue.items.len()
    );
    for kind in [RuleKind::ClaimOverdue, RuleKind::RepairUncollected, RuleKind::ComplaintDue] {
        assert!(queue.items.iter().any(|r| r.kind == kind), "{kind:?} on Today: the state lasts");
    }

    let board = claim::board(conn, today()).expect("board");
    let mut states: Vec<_> = board.iter().map(|c| c.status).collect();
    states.sort_by_key(|s| s.code());
    states.dedup();
    assert!(states.len() >= 3, "claims in several states: {states:?}");
    assert!(board.iter().any(|c| c.overdue), "one claim past its promised day");
    assert!(board.iter().any(|c| c.service_center_overdue), "one at the service centre too long");

    let cases = complaint::list(conn, &ComplaintFilter::default(), now()).expect("complaints");
    assert!(cases.len() >= 5, "complaints on the board: {}", cases.len());
    assert!(
        cases.iter().any(|c| c.target_state == TargetState::Soon),
        "one complaint close to its target: {:?}",
        cases.iter().map(|c| (c.code.clone(), c.target_state, c.minutes_left)).collect::<Vec<_>>()
    );
    assert!(cases.iter().any(|c| c.closed_at.is_some()), "and some long settled");

    let year = Period { from: today() - Duration::days(364), to: today() };
    let k = kpi::compute(conn, &year, now()).expect("kpis");
    assert!(k.purchases > 50 && k.revenue > 100_000_000, "sales in the report: {k:?}");
    assert!(k.csat_responses + k.nps_responses + k.ces_responses > 10, "scores: {k:?}");
    assert!(k.claims_received >= 8 && k.complaints_opened >= 5, "service: {k:?}");
    assert!(k.promises_due >= 3 && k.reminders_done > 20, "care done: {k:?}");
    let dash = kpi::dashboard(conn, &year, now()).expect("dashboard");
    assert!(dash.trend.iter().filter(|p| p.revenue > 0).count() >= 6, "a trend to chart");

    for kind in [SegmentKind::Regulars, SegmentKind::FirstTime, SegmentKind::WarrantyExpiring] {
        let v = segment::view(conn, kind, now()).expect("segment");
        assert!(v.count > 0, "segment {kind:?} has members");
    }
}

#[test]
fn loaded_just_after_midnight_on_the_first_this_month_already_has_sales() {
    // 00:20 on 1 December at the shop (UTC+7): everything but this morning is last month.
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 17, 20, 0).single().expect("instant");
    let first = khachquen::clock::local_date(now);
    let db = load_at(1, now);
    let month = Period { from: first, to: first + Duration::days(30) };
    let k = kpi::compute(db.conn(), &month, now).expect("kpis");
    assert!(k.purchases >= 1 && k.revenue > 0, "the default period has revenue: {k:?}");
}

fn dump(db: &Db, sql: &str) -> Vec<String> {
    db.conn()
        .prepare(sql)
        .expect(sql)
        .query_map([], |r| r.get::<_, String>(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("all")
}

#[test]
fn the_same_seed_and_clock_give_the_same_shop() {
    let (a, b, c) = (load(5), load(5), load(6));
    let sales = "SELECT p.receipt_no || p.sold_at || p.customer_id || p.total || group_concat(u.serial)
        FROM purchase p JOIN purchase_line l ON l.purchase_id = p.id LEFT JOIN unit u ON u.line_id = l.id
        GROUP BY p.id ORDER BY p.id";
    let claims = "SELECT code || status || received_on || serial FROM claim ORDER BY id";
    let cases = "SELECT code || status || opened_at || customer_id FROM complaint ORDER BY id";
    for sql in [sales, claims, cases] {
        assert_eq!(dump(&a, sql), dump(&b, sql), "same seed, same rows: {sql}");
    }
    assert_ne!(dump(&a, sales), dump(&c, sales), "another seed, other sales");
    let imeis = dump(&a, "SELECT serial FROM unit WHERE length(serial) = 15");
    assert!(imeis.len() > 20, "phones sold with IMEIs");
    assert!(imeis.iter().all(|s| khachquen::text::serial::is_imei(s)), "every IMEI checks out");
}

#[test]
fn a_tiny_load_still_stages_its_history() {
    for n in [1, 3] {
        let mut db = db();
        khachquen::demo::generate(&mut db, n, 2, now(), STAFF).expect("customers");
        khachquen::privacy::demo_consents(&mut db, 1, STAFF, now()).expect("consents");
        let scene = khachquen::demo::stage(&mut db, 1, 2, now(), STAFF).expect("history");
        assert!(scene.purchases >= 6, "the care days' sales go to whoever there is: {scene:?}");
    }
}

#[test]
fn a_second_load_into_the_same_shop_adds_its_own_history() {
    let mut db = load(3);
    let first = khachquen::customer::bulk::next_id(db.conn()).expect("next id");
    khachquen::demo::generate(&mut db, 300, 3, now(), STAFF).expect("more customers");
    let scene = khachquen::demo::stage(&mut db, first, 3, now(), STAFF).expect("no serial clash");
    assert!(scene.purchases >= 50, "{scene:?}");
    let products: i64 =
        db.conn().query_row("SELECT count(*) FROM product", [], |r| r.get(0)).expect("count");
    assert_eq!(products as usize, khachquen::demo::scene::ITEMS.len(), "the catalogue is reused");
}

#[test]
fn the_demo_sells_under_the_presets_and_has_returns_within_them() {
    let db = load(1);
    let conn = db.conn();
    let unpoliced: i64 = conn
        .query_row(
            "SELECT count(*) FROM product WHERE policy_id IS NULL AND warranty_months > 0",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(unpoliced, 0, "every warranted demo product sells under a preset policy");

    let cases: Vec<(String, Option<String>, String)> = conn
        .prepare("SELECT outcome, override_reason, verdict FROM return_case ORDER BY id")
        .expect("q")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("all");
    let outcomes: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(outcomes, vec!["exchange", "refund", "exchange"], "{cases:?}");
    for (outcome, override_reason, verdict) in &cases {
        assert_eq!(override_reason, &None, "within its policy, no override");
        assert!(verdict.contains(&format!(r#""remedy":"{outcome}""#)), "{verdict}");
    }
    let exchanged: i64 = conn
        .query_row(
            "SELECT count(*) FROM return_case WHERE exchange_purchase_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(exchanged, 2, "an exchange hands over new goods as a sale");

    let headers: Vec<String> = Table::Returns.columns().iter().map(|c| c.to_string()).collect();
    let mut out = Vec::new();
    khachquen::io::export::write_csv(conn, Table::Returns, &headers, &mut out).expect("csv");
    assert_eq!(String::from_utf8(out).expect("utf-8").lines().count(), 1 + 3, "the export");

    let birthdays = segment::view(conn, SegmentKind::BirthdaysThisMonth, now()).expect("segment");
    assert!(birthdays.count > 0, "600 customers: some born in {}", today());
}
