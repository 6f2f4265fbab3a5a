//! The owner's loyalty figures, against hand-computed ledgers: what a period issued, redeemed
//! and expired, what is outstanding now and its worth, vouchers and their redemption rate,
//! store credit, and debts by age with payments settling the oldest first.

use chrono::NaiveDate;
use khachquen::loyalty::report::{self, AgeBucket, DEFAULT_POINT_VALUE};
use khachquen::report::kpi::PeriodInput;
use khachquen::Db;

use crate::shop_support::*;
use crate::support::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn exec(db: &mut Db, sql: &str) {
    let sql = sql.to_owned();
    db.write(move |tx| Ok(tx.execute_batch(&sql)?)).expect("fixture rows");
}

/// Two customers; November 2026 is the period. Instants are UTC: 2026-10-31T17:00Z is already
/// 1 November in Vietnam.
fn ledgers(db: &mut Db) -> (i64, i64) {
    let lan = add(db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let binh = add(db, "Trần Văn Bình", &["0987654321"]).id;
    exec(
        db,
        &format!(
            "INSERT INTO point_entry(customer_id, kind, points, staff, at) VALUES
                ({lan}, 'earn', 100, 's', '2026-10-20T03:00:00Z'),   -- before: outstanding only
                ({lan}, 'earn', 50, 's', '2026-10-31T17:00:00Z'),    -- 1 Nov in Vietnam
                ({lan}, 'redeem', -30, 's', '2026-11-05T03:00:00Z'),
                ({lan}, 'reverse', 30, 's', '2026-11-06T03:00:00Z'), -- a void gives 30 back
                ({binh}, 'earn', 20, 's', '2026-11-10T03:00:00Z'),
                ({binh}, 'reverse', -20, 's', '2026-11-11T03:00:00Z'), -- and takes 20 away
                ({binh}, 'adjust', 5, 's', '2026-11-12T03:00:00Z'),
                ({lan}, 'expire', -40, 's', '2026-11-30T16:59:59Z'),  -- 30 Nov, 23:59
                ({lan}, 'earn', 7, 's', '2026-11-30T17:00:00Z');      -- 1 Dec: after"
        ),
    );
    (lan, binh)
}

#[test]
fn points_of_a_period_and_what_is_outstanding_now() {
    let mut db = db();
    let (lan, binh) = ledgers(&mut db);
    let r = report::of_period(db.conn(), d("2026-11-01"), d("2026-11-30"), today()).unwrap();
    assert_eq!(r.points_issued, 50 + 20 - 20 + 5, "earned, less what a void took back, + hand");
    assert_eq!(r.points_redeemed, 30 - 30, "what a void gave back is not redeemed");
    assert_eq!(r.points_expired, 40);
    assert_eq!(r.points_outstanding, 100 + 50 - 30 + 30 + 20 - 20 + 5 - 40 + 7);
    let balances: i64 = [lan, binh]
        .iter()
        .map(|c| khachquen::loyalty::points::balance(db.conn(), *c).unwrap())
        .sum();
    assert_eq!(r.points_outstanding, balances, "outstanding is every balance's sum");
    assert_eq!(r.point_value, DEFAULT_POINT_VALUE);
    assert_eq!(r.points_liability, r.points_outstanding * DEFAULT_POINT_VALUE);
    exec(&mut db, "INSERT INTO setting(key, value) VALUES ('loyalty.point_value', '500')");
    let r = report::of_period(db.conn(), d("2026-11-01"), d("2026-11-30"), today()).unwrap();
    assert_eq!(r.points_liability, r.points_outstanding * 500, "the owner's value per point");
}

#[test]
fn an_imports_opening_points_are_outstanding_but_not_issued() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    exec(
        &mut db,
        &format!(
            "INSERT INTO import_batch(id, at, staff, file_name, created, updated, skipped)
                VALUES (1, '2026-11-02T03:00:00Z', 's', 'kv.csv', 1, 0, 0);
             INSERT INTO point_entry(customer_id, kind, points, staff, at, import_batch)
                VALUES ({lan}, 'opening', 1250, 's', '2026-11-02T03:00:00Z', 1);"
        ),
    );
    let r = report::of_period(db.conn(), d("2026-11-01"), d("2026-11-30"), today()).unwrap();
    assert_eq!((r.points_issued, r.points_outstanding), (0, 1250));
}

#[test]
fn vouchers_issued_redeemed_and_the_redemption_rate() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let p = crate::sales_support::shirt_product(&mut db);
    let sale = crate::sync_support::sale(&mut db, "HD-1", lan, p.id);
    let sale2 = crate::sync_support::sale(&mut db, "HD-2", lan, p.id);
    exec(
        &mut db,
        &format!(
            "INSERT INTO voucher(id, code, kind, value, created_by, created_at) VALUES
                (1, 'OLD', 'amount', 50000, 's', '2026-10-01T03:00:00Z'),
                (2, 'A', 'amount', 20000, 's', '2026-11-02T03:00:00Z'),
                (3, 'B', 'percent', 10, 's', '2026-11-03T03:00:00Z'),
                (4, 'C', 'amount', 30000, 's', '2026-11-04T03:00:00Z');
             INSERT INTO voucher_use(voucher_id, purchase_id, customer_id, kind, amount, staff, at) VALUES
                (1, {sale}, {lan}, 'redeem', 50000, 's', '2026-11-05T03:00:00Z'),
                (2, {sale}, {lan}, 'redeem', 20000, 's', '2026-11-05T03:00:00Z'),
                (3, {sale2}, {lan}, 'redeem', 15000, 's', '2026-11-06T03:00:00Z'),
                (3, {sale2}, {lan}, 'reverse', 15000, 's', '2026-11-07T03:00:00Z');"
        ),
    );
    let r = report::of_period(db.conn(), d("2026-11-01"), d("2026-11-30"), today()).unwrap();
    assert_eq!(r.vouchers_issued, 3, "A, B and C were created in November");
    assert_eq!(r.vouchers_redeemed, 2, "OLD and A; B's use was reversed");
    assert_eq!(r.voucher_discount, 70_000);
    assert_eq!(r.redemption_rate, Some(33.3), "of A, B, C only A stayed used");
    let empty = report::of_period(db.conn(), d("2026-01-01"), d("2026-01-31"), today()).unwrap();
    assert_eq!(empty.redemption_rate, None, "no voucher issued: no rate, not 0 %");
}

#[test]
fn debts_by_age_with_payments_settling_the_oldest_first() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let binh = add(&mut db, "Trần Văn Bình", &["0987654321"]).id;
    let sau = add(&mut db, "Võ Thị Sáu", &["0909123456"]).id;
    let today = d("2026-11-23");
    exec(
        &mut db,
        &format!(
            "INSERT INTO debt_entry(customer_id, kind, amount, due_on, staff, at) VALUES
                -- Lan: 100k due 100 days ago, 200k due 40 days ago, 300k not yet due; she paid
                -- 150k: the oldest is settled, then 50k of the next.
                ({lan}, 'opening', 100000, '2026-08-15', 's', '2026-08-01T03:00:00Z'),
                ({lan}, 'sale', 200000, '2026-10-14', 's', '2026-10-01T03:00:00Z'),
                ({lan}, 'payment', -150000, NULL, 's', '2026-10-20T03:00:00Z'),
                ({lan}, 'sale', 300000, '2026-12-01', 's', '2026-11-20T03:00:00Z'),
                -- Bình: due 10 days ago.
                ({binh}, 'sale', 80000, '2026-11-13', 's', '2026-11-01T03:00:00Z'),
                -- Sáu paid ahead: owes nothing, in no bucket; then a debt eats her advance.
                ({sau}, 'opening', -50000, NULL, 's', '2026-09-01T03:00:00Z'),
                ({sau}, 'sale', 70000, '2026-08-01', 's', '2026-09-02T03:00:00Z');"
        ),
    );
    let r = report::of_period(db.conn(), d("2026-11-01"), d("2026-11-30"), today).unwrap();
    let got: Vec<(AgeBucket, i64, i64)> =
        r.debt.iter().map(|a| (a.bucket, a.customers, a.amount)).collect();
    assert_eq!(
        got,
        vec![
            (AgeBucket::NotDue, 1, 300_000),
            (AgeBucket::Days1To30, 1, 80_000),
            (AgeBucket::Days31To60, 1, 150_000),
            (AgeBucket::Days61To90, 0, 0),
            (AgeBucket::Over90, 1, 20_000),
        ]
    );
    let owed: i64 = db
        .conn()
        .query_row("SELECT sum(amount) FROM debt_entry WHERE customer_id <> ?1", [sau], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(r.debt_total, owed + 20_000, "the buckets add up to what is owed");
}

#[test]
fn store_credit_outstanding_is_every_customers_credit() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    exec(
        &mut db,
        &format!(
            "INSERT INTO credit_entry(customer_id, kind, amount, staff, at) VALUES
                ({lan}, 'manual', 100000, 's', '2026-11-01T03:00:00Z'),
                ({lan}, 'spend', -40000, 's', '2026-11-02T03:00:00Z');"
        ),
    );
    let r = report::of_period(db.conn(), d("2026-11-01"), d("2026-11-30"), today()).unwrap();
    assert_eq!(r.store_credit_outstanding, 60_000);
}

#[test]
fn the_desk_reads_the_period_as_typed_and_refuses_a_reversed_one() {
    let mut shop = shop();
    let staff = shop.staff.clone();
    let ok = PeriodInput { from: "01/11/2026".into(), to: "30/11/2026".into() };
    let r = shop.as_(&staff, |d| d.loyalty_report(&ok)).expect("any account reads it");
    assert_eq!((r.from, r.to), (d("2026-11-01"), d("2026-11-30")));
    assert_eq!(r.debt.len(), 5, "every bucket, empty ones included");
    let bad = PeriodInput { from: "30/11/2026".into(), to: "01/11/2026".into() };
    let e = shop.as_(&staff, |d| d.loyalty_report(&bad)).expect_err("reversed");
    assert_eq!(e.code, "validation");
}

fn csv(db: &Db, table: khachquen::io::export::Table) -> Vec<String> {
    let headers: Vec<String> = table.columns().iter().map(|c| c.to_string()).collect();
    let mut out = Vec::new();
    khachquen::io::export::write_csv(db.conn(), table, &headers, &mut out).expect("csv");
    let text = String::from_utf8(out).expect("utf-8");
    text.trim_start_matches('\u{feff}').lines().map(str::to_owned).collect()
}

#[test]
fn the_ledgers_and_vouchers_export_to_csv_and_xlsx_a_restricted_customer_unnamed() {
    use khachquen::io::export::{self, Table};
    let mut db = db();
    let (lan, binh) = ledgers(&mut db);
    exec(
        &mut db,
        &format!(
            "INSERT INTO debt_entry(customer_id, kind, amount, due_on, note, staff, at) VALUES
                ({binh}, 'sale', 80000, '2026-11-13', 'hẹn trả cuối tháng', 's', '2026-11-01T03:00:00Z');
             INSERT INTO credit_entry(customer_id, kind, amount, reason, staff, at) VALUES
                ({lan}, 'manual', 100000, 'bù hàng lỗi', 's', '2026-11-01T03:00:00Z');
             INSERT INTO voucher(code, kind, value, customer_id, created_by, created_at) VALUES
                ('CAMON50', 'amount', 50000, {lan}, 's', '2026-11-02T03:00:00Z');
             UPDATE customer SET restricted_at = '2026-11-20T03:00:00Z' WHERE id = {binh};"
        ),
    );
    let points = csv(&db, Table::PointEntries);
    assert_eq!(points[0], Table::PointEntries.columns().join(","));
    assert_eq!(points.len(), 1 + 9, "every entry, so the balances add up");
    assert!(points[2].starts_with(&format!("2026-11-01 00:00:00,{lan},Nguyễn Thị Lan,earn,50,")));
    let debts = csv(&db, Table::DebtEntries);
    assert_eq!(debts.len(), 2);
    assert!(!debts[1].contains("Trần Văn Bình"), "a restricted customer is unnamed: {debts:?}");
    assert!(!debts[1].contains("hẹn trả"), "and what staff wrote about her is left out");
    assert!(debts[1].contains(",80000,"), "the amount stays: the shop must keep it");
    let credit = csv(&db, Table::CreditEntries);
    assert!(credit[1].contains("bù hàng lỗi"));
    let vouchers = csv(&db, Table::Vouchers);
    assert!(vouchers[1].starts_with("CAMON50,amount,50000,0,,,0,"), "{vouchers:?}");
    let dir = tempfile::tempdir().expect("tempdir");
    for (table, rows) in [
        (Table::PointEntries, 9),
        (Table::CreditEntries, 1),
        (Table::DebtEntries, 1),
        (Table::Vouchers, 1),
    ] {
        let headers: Vec<String> = table.columns().iter().map(|c| c.to_uppercase()).collect();
        let path = dir.path().join(format!("{}.xlsx", table.code()));
        let n = export::write_xlsx(db.conn(), table, &headers, &path).expect("xlsx");
        assert_eq!(n, rows, "{table:?}");
    }
}

#[test]
fn a_tier_segment_lists_the_customers_ranked_in_that_tier() {
    use khachquen::report::segment::{self, SegmentKind};
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let binh = add(&mut db, "Trần Văn Bình", &["0987654321"]).id;
    let sau = add(&mut db, "Võ Thị Sáu", &["0909123456"]).id;
    exec(
        &mut db,
        &format!(
            "INSERT INTO customer_tier(customer_id, tier_id, spend_12m, since, ranked_at)
             SELECT c, (SELECT id FROM member_tier WHERE position = p), s, '2026-11-01', '2026-11-23'
             FROM (SELECT {lan} AS c, 2 AS p, 25000000 AS s UNION ALL SELECT {binh}, 1, 6000000
                   UNION ALL SELECT {sau}, 2, 21000000);
             UPDATE member_tier SET name = 'Hạng Vàng' WHERE position = 2;"
        ),
    );
    let gold = segment::view(db.conn(), SegmentKind::TierGold, now()).unwrap();
    let mut ids: Vec<i64> = gold.members.iter().map(|m| m.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![lan, sau], "Vàng, renamed or not: Lan and Sáu, not Bình (Bạc)");
    assert_eq!(gold.count, 2);
    let silver = segment::view(db.conn(), SegmentKind::TierSilver, now()).unwrap();
    assert_eq!(silver.members.iter().map(|m| m.id).collect::<Vec<_>>(), vec![binh]);
    let diamond = segment::view(db.conn(), SegmentKind::TierDiamond, now()).unwrap();
    assert_eq!(diamond.count, 0);
}

#[test]
fn a_counter_search_hit_carries_her_tier_above_the_first() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let mai = add(&mut db, "Lê Thị Lan Mai", &["0912345111"]).id;
    add(&mut db, "Phạm Lan Anh", &["0912345222"]);
    exec(
        &mut db,
        &format!(
            "INSERT INTO customer_tier(customer_id, tier_id, spend_12m, since, ranked_at) VALUES
                ({lan}, (SELECT id FROM member_tier WHERE position = 2), 25000000, '2026-11-01', '2026-11-23'),
                ({mai}, (SELECT id FROM member_tier WHERE position = 0), 10000, '2026-11-01', '2026-11-23');"
        ),
    );
    let hits = khachquen::customer::search(db.conn(), "lan", Default::default()).unwrap().hits;
    let tier_of = |id: i64| hits.iter().find(|h| h.id == id).map(|h| h.tier.clone());
    assert_eq!(tier_of(lan), Some(Some("Vàng".to_owned())));
    assert_eq!(tier_of(mai), Some(None), "the first tier is everyone's: no badge");
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().filter(|h| h.id != lan && h.id != mai).all(|h| h.tier.is_none()));
}

/// Ranks `customer` in the tier at `position` since `since`, as the loyalty re-rank leaves it.
fn rank(db: &mut Db, customer: i64, position: i64, since: &str) {
    exec(
        db,
        &format!(
            "INSERT INTO customer_tier(customer_id, tier_id, spend_12m, since, ranked_at)
             VALUES ({customer}, (SELECT id FROM member_tier WHERE position = {position}), 0,
                '{since}', '2026-11-23T03:00:00Z')"
        ),
    );
}

/// A live sale of `total` on `at` (UTC).
fn spent(db: &mut Db, receipt: &str, customer: i64, total: i64, at: &str) {
    exec(
        db,
        &format!(
            "INSERT INTO purchase(receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
             VALUES ('{receipt}', '{at}', {customer}, 's', {total}, '{at}', '{at}')"
        ),
    );
}

#[test]
fn reaching_a_higher_tier_plans_a_congratulation_but_falling_to_one_does_not() {
    use khachquen::care::plan::{self, Scope};
    let mut db = db();
    // Lan crossed Vàng (20tr) on 22/11: 15tr over the year before, 6tr that day.
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    spent(&mut db, "HD-1", lan, 15_000_000, "2026-05-01T03:00:00Z");
    spent(&mut db, "HD-2", lan, 6_000_000, "2026-11-22T03:00:00Z");
    rank(&mut db, lan, 2, "2026-11-22");
    // Bình was Kim cương; old sales left the window and he fell to Vàng the same day.
    let binh = add(&mut db, "Trần Văn Bình", &["0987654321"]).id;
    spent(&mut db, "HD-3", binh, 30_000_000, "2026-01-10T03:00:00Z");
    rank(&mut db, binh, 2, "2026-11-22");
    // Sáu reached Bạc but never agreed to care calls: no congratulation.
    let sau = add_unasked(&mut db, "Võ Thị Sáu", &["0909123456"]).id;
    spent(&mut db, "HD-4", sau, 5_500_000, "2026-11-21T03:00:00Z");
    rank(&mut db, sau, 1, "2026-11-21");
    plan::run(&mut db, &Scope::All, now()).expect("planned");
    let planned: Vec<(i64, String, String)> = db
        .conn()
        .prepare("SELECT customer_id, due_on, subject FROM reminder WHERE kind = 'tier_reached'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(planned, vec![(lan, "2026-11-23".to_owned(), "member_tier".to_owned())]);
    // Planning again confirms, never adds.
    plan::run(&mut db, &Scope::Customer(lan), now()).expect("re-planned");
    assert_eq!(
        db.conn()
            .query_row("SELECT count(*) FROM reminder WHERE kind = 'tier_reached'", [], |r| r
                .get::<_, i64>(0))
            .unwrap(),
        1
    );
}

#[test]
fn the_congratulation_names_the_tier_and_the_rule_is_on_by_default() {
    use khachquen::care::rule::{self, RuleKind};
    use khachquen::outreach::template::{self, Locale};
    let db = db();
    let r = rule::get(db.conn(), RuleKind::TierReached).unwrap();
    assert!(r.enabled && r.is_default, "on by default");
    assert!(RuleKind::TierReached.needs_care_consent(), "a congratulation is care contact");
    assert!(rule::all(db.conn()).unwrap().iter().any(|r| r.kind == RuleKind::TierReached));
    let t = template::get(db.conn(), RuleKind::TierReached, Locale::Vi).unwrap();
    assert!(t.body.contains("{noi_dung}") && t.body.contains("Chúc mừng"), "{}", t.body);
}

#[test]
fn the_cards_briefing_names_her_tier() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let before = khachquen::card::briefing(db.conn(), lan, STAFF, now()).unwrap();
    assert_eq!(before.tier, None, "not ranked yet");
    rank(&mut db, lan, 3, "2026-11-20");
    let b = khachquen::card::briefing(db.conn(), lan, STAFF, now()).unwrap();
    assert_eq!(b.tier.as_deref(), Some("Kim cương"));
}

#[test]
fn the_report_values_points_as_the_points_rules_do() {
    let db = crate::support::db();
    let rules = khachquen::loyalty::rules::get(db.conn()).expect("rules");
    assert_eq!(rules.point_value, DEFAULT_POINT_VALUE, "one default for both");
}
