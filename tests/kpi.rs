//! The dashboard's figures and the segments, checked against a fixture computed by hand.
//!
//! Today is Monday 23/11/2026; the period is November (01–30/11), the previous one 02–31/10.
//! Sales of a 19.990.000 đ phone (12-month warranty), days before today:
//! - An: 60 (24/09), 40 (14/10, previous period), 5 (18/11)
//! - Bình: 35 (19/10, previous period) — born 05/11
//! - Chi: 3 (20/11) — a first purchase
//! - Dũng: 120 (26/07) — at risk
//! - Em: 200 (07/05) — lapsed
//! - Phúc: 100 (15/08), 10 (13/11)
//! - Giang: 350 (08/12/2025) — lapsed, warranty ends within 30 days

use chrono::Duration;
use khachquen::customer::{self, CustomerDraft};
use khachquen::feedback::complaint::{
    self, ComplaintStatus, ComplaintTransition, ResponseDraft, Severity,
};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::feedback::promise::{self, PromiseClose, PromiseDraft, PromiseStatus};
use khachquen::feedback::score::{self, FeedbackDraft, Metric};
use khachquen::feedback::Link;
use khachquen::outreach::reminder::{self, ContactChannel, ManualDraft, Outcome, OutcomeDraft};
use khachquen::report::kpi::{self, DashboardCache, PeriodInput};
use khachquen::report::segment::{self, CampaignDraft, SegmentKind};
use khachquen::sales::ClaimStatus;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

const PRICE: i64 = 19_990_000;

struct Shop {
    db: Db,
    ids: Vec<i64>,
}

fn shop() -> Shop {
    let mut db = db();
    let phone = phone_product(&mut db);
    let people: [(&str, &[i64]); 7] = [
        ("Lê Văn An", &[60, 40, 5]),
        ("Trần Thị Bình", &[35]),
        ("Phạm Thu Chi", &[3]),
        ("Hoàng Văn Dũng", &[120]),
        ("Vũ Thị Em", &[200]),
        ("Đỗ Hồng Phúc", &[100, 10]),
        ("Ngô Thanh Giang", &[350]),
    ];
    let mut ids = Vec::new();
    for (i, (name, days)) in people.iter().enumerate() {
        let birthday = if i == 1 { "05/11/1990".to_owned() } else { String::new() };
        let c = customer::create(
            &mut db,
            &CustomerDraft {
                birthday,
                allow_duplicate: true,
                ..draft(name, &[&format!("09120000{i:02}")])
            },
            STAFF,
            now() - Duration::days(400),
        )
        .unwrap();
        for d in *days {
            sell(&mut db, Some(c.id), phone.id, &format!("IMEI-{i}-{d}"), *d);
        }
        ids.push(c.id);
    }
    Shop { db, ids }
}

fn november() -> kpi::Period {
    kpi::parse_period(&PeriodInput { from: "01/11/2026".into(), to: "30/11/2026".into() }).unwrap()
}

#[test]
fn a_period_must_read_and_run_forwards() {
    let p =
        |from: &str, to: &str| kpi::parse_period(&PeriodInput { from: from.into(), to: to.into() });
    assert_eq!(
        p("30/11/2026", "01/11/2026").unwrap_err().to_string(),
        "invalid input: to (period_reversed)"
    );
    assert_eq!(
        p("tháng 11", "").unwrap_err().to_string(),
        "invalid input: from (date_invalid), to (date_invalid)"
    );
    assert_eq!(
        p("01/01/2000", "01/01/2026").unwrap_err().to_string(),
        "invalid input: to (period_too_long)"
    );
    let one = p("23/11/2026", "23/11/2026").unwrap();
    assert_eq!((one.days(), one.previous().from.to_string()), (1, "2026-11-22".to_owned()));
}

#[test]
fn customer_figures_match_the_hand_count() {
    let s = shop();
    let k = kpi::compute(s.db.conn(), &november(), now()).unwrap();
    assert_eq!((k.purchases, k.revenue), (3, 3 * PRICE));
    assert_eq!(k.active_customers, 3, "An, Chi, Phúc");
    assert_eq!(k.new_customers, 1, "Chi");
    assert_eq!(k.repeat_purchase_rate, Some(66.7), "An and Phúc of three");
    assert_eq!(k.retention_rate, Some(50.0), "An of An and Bình");
    assert_eq!(k.at_risk_customers, 1, "Dũng: last sale 26/07, within 90–180 days of 30/11");
    assert_eq!(k.clv_avg, Some(10 * PRICE / 7));
    assert_eq!(k.clv_top[0].name, "Lê Văn An");
    assert_eq!(k.clv_top[0].value, 3 * PRICE);
    let prev = kpi::compute(s.db.conn(), &november().previous(), now()).unwrap();
    assert_eq!(
        (prev.purchases, prev.active_customers, prev.new_customers),
        (2, 2, 1),
        "An, Bình (Bình new)"
    );
    // A void takes the sale out of every figure.
    let mut db = s.db;
    let chi_sale: i64 = db
        .conn()
        .query_row("SELECT id FROM purchase WHERE customer_id = ?1", [s.ids[2]], |r| r.get(0))
        .unwrap();
    khachquen::sales::purchase::void(&mut db, chi_sale, "Nhập nhầm", STAFF, now()).unwrap();
    let k = kpi::compute(db.conn(), &november(), now()).unwrap();
    assert_eq!(
        (k.purchases, k.active_customers, k.new_customers, k.clv_avg),
        (2, 2, 0, Some(9 * PRICE / 6))
    );
}

fn feedback(db: &mut Db, customer: i64, metric: Metric, value: i64, staff: &str) {
    let d = FeedbackDraft {
        customer_id: Some(customer),
        metric,
        score: Some(value),
        comment: String::new(),
        served_by: staff.into(),
        link: Link::default(),
    };
    score::record(db, &d, STAFF, now()).unwrap();
}

#[test]
fn care_figures_match_the_hand_count() {
    let Shop { mut db, ids } = shop();
    let (an, chi, phuc) = (ids[0], ids[2], ids[5]);
    // Scores: CSAT 5, 4, 2 → 66.7 %; NPS 10, 9, 7, 3 → (2 − 1) / 4 = 25; CES 7, 5 → 6.
    for (metric, value, staff) in [
        (Metric::Csat, 5, "Hoa"),
        (Metric::Csat, 4, "Hoa"),
        (Metric::Csat, 2, "Minh"),
        (Metric::Nps, 10, "Hoa"),
        (Metric::Nps, 9, "Hoa"),
        (Metric::Nps, 7, "Minh"),
        (Metric::Nps, 3, "Minh"),
        (Metric::Ces, 7, "Hoa"),
        (Metric::Ces, 5, "Hoa"),
    ] {
        feedback(&mut db, an, metric, value, staff);
    }
    // Requests: two settled at first contact, one not → 66.7 %.
    for settled in [true, true, false] {
        let d = InteractionDraft {
            customer_id: Some(chi),
            channel: ContactChannel::Phone,
            inbound: true,
            kind: InteractionKind::Call,
            summary: "Hỏi bảo hành".into(),
            link: Link::default(),
            resolved_first: Some(settled),
        };
        interaction::log(&mut db, &d, "Hoa", now()).unwrap();
    }
    // Complaints: high, answered in 30 min and resolved in 3 h (met); critical, answered in
    // 2 h (its target is 1 h: missed). Medians: response (30 + 120) / 2, resolution 180.
    let open = |db: &mut Db, severity, owner: &str| {
        complaint::open(
            db,
            &complaint::ComplaintDraft {
                customer_id: Some(phuc),
                category: complaint::ComplaintCategory::Service,
                severity,
                owner: owner.into(),
                channel: ContactChannel::InStore,
                summary: "Nhân viên chậm".into(),
                link: Link::default(),
            },
            STAFF,
            now(),
        )
        .unwrap()
        .id
    };
    let answer = ResponseDraft { channel: ContactChannel::Phone, note: "Đã gọi".into() };
    let k1 = open(&mut db, Severity::High, "Hoa");
    complaint::respond(&mut db, k1, &answer, "Hoa", now() + Duration::minutes(30)).unwrap();
    let resolve = ComplaintTransition {
        to: ComplaintStatus::Resolved,
        note: "Xin lỗi, tặng voucher".into(),
    };
    complaint::transition(&mut db, k1, &resolve, "Hoa", now() + Duration::hours(3)).unwrap();
    let k2 = open(&mut db, Severity::Critical, "Minh");
    complaint::respond(&mut db, k2, &answer, "Minh", now() + Duration::hours(2)).unwrap();
    // A claim received on 13/11 and handed back on 19/11: 6 days.
    let unit: i64 = db
        .conn()
        .query_row(
            "SELECT u.id FROM unit u JOIN purchase_line l ON l.id = u.line_id JOIN purchase p ON p.id = l.purchase_id
             WHERE p.customer_id = ?1 ORDER BY p.sold_at DESC LIMIT 1",
            [phuc],
            |r| r.get(0),
        )
        .unwrap();
    let claim = open_claim(&mut db, unit, 10);
    for (to, days) in
        [(ClaimStatus::Diagnosing, 9), (ClaimStatus::Ready, 6), (ClaimStatus::Returned, 4)]
    {
        go(&mut db, claim.summary.id, to, days).unwrap();
    }
    // Reminders: one done before its day, one two days late → 50 %.
    let manual = |db: &mut Db, due: &str| {
        reminder::create_manual(
            db,
            &ManualDraft {
                customer_id: an,
                due_on: due.into(),
                due_time: String::new(),
                note: "Gọi hỏi thăm".into(),
                assignee: "Hoa".into(),
            },
            STAFF,
            now(),
        )
        .unwrap()
        .id
    };
    let reached = OutcomeDraft {
        outcome: Outcome::Reached,
        channel: ContactChannel::Phone,
        note: String::new(),
        call_back_on: String::new(),
    };
    let early = manual(&mut db, "24/11/2026");
    reminder::record_outcome(&mut db, early, &reached, "Hoa", now()).unwrap();
    let late = manual(&mut db, "23/11/2026");
    reminder::record_outcome(&mut db, late, &reached, "Hoa", now() + Duration::days(2)).unwrap();
    // Promises due in November: one kept, one broken; one not yet due is not counted.
    let promise = |db: &mut Db, due: &str| {
        promise::create(
            db,
            &PromiseDraft {
                customer_id: Some(an),
                text: "Gọi lại".into(),
                owner: "Minh".into(),
                due_on: due.into(),
            },
            STAFF,
            now(),
        )
        .unwrap()
        .id
    };
    let (kept, broken, _later) = (
        promise(&mut db, "23/11/2026"),
        promise(&mut db, "23/11/2026"),
        promise(&mut db, "30/11/2026"),
    );
    promise::close(
        &mut db,
        kept,
        &PromiseClose { status: PromiseStatus::Kept, note: String::new() },
        STAFF,
        now(),
    )
    .unwrap();
    promise::close(
        &mut db,
        broken,
        &PromiseClose { status: PromiseStatus::Broken, note: "Quên".into() },
        STAFF,
        now(),
    )
    .unwrap();

    let when = now() + Duration::days(3);
    let k = kpi::compute(db.conn(), &november(), when).unwrap();
    assert_eq!((k.csat_pct, k.csat_responses), (Some(66.7), 3));
    assert_eq!((k.nps, k.nps_responses), (Some(25.0), 4));
    assert_eq!((k.ces_avg, k.ces_responses), (Some(6.0), 2));
    assert_eq!(k.fcr_pct, Some(66.7));
    // 9 score entries, 3 requests, 2 complaints and 2 answers, 2 reminder contacts.
    assert_eq!(k.interactions, 18);
    assert_eq!(
        (k.complaints_opened, k.median_response_minutes, k.median_resolution_minutes),
        (2, Some(75), Some(180))
    );
    assert_eq!(k.sla_met_pct, Some(50.0));
    assert_eq!(
        (k.claims_received, k.claim_rate, k.claim_turnaround_days),
        (1, Some(33.3), Some(6.0))
    );
    assert_eq!((k.reminders_done, k.reminders_on_time_pct), (2, Some(50.0)));
    assert_eq!((k.promises_due, k.promises_kept_pct), (2, Some(50.0)));

    let d = kpi::dashboard(db.conn(), &november(), when).unwrap();
    assert_eq!(d.distributions.csat, [0, 1, 0, 1, 1]);
    assert_eq!(d.distributions.nps, [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]);
    assert_eq!(d.trend.len(), 30, "a day per point in a month");
    let day = |date: &str| d.trend.iter().find(|t| t.start.to_string() == date).unwrap();
    assert_eq!((day("2026-11-18").purchases, day("2026-11-23").complaints), (1, 2));
    assert_eq!(day("2026-11-23").csat_pct, Some(66.7));
    let hoa = d.staff.iter().find(|s| s.staff == "Hoa").unwrap();
    assert_eq!(
        (hoa.csat_pct, hoa.fcr_pct, hoa.complaints_owned, hoa.complaints_resolved),
        (Some(100.0), Some(66.7), 1, 1)
    );
    assert_eq!((hoa.reminders_done, hoa.reminders_on_time_pct), (2, Some(50.0)));
    let minh = d.staff.iter().find(|s| s.staff == "Minh").unwrap();
    assert_eq!((minh.csat_pct, minh.promises_kept_pct), (Some(0.0), Some(50.0)));

    // The cache returns the same figures and recomputes after any write.
    let cache = DashboardCache::default();
    assert_eq!(cache.get(db.conn(), &november(), when).unwrap(), d);
    assert_eq!(cache.hits(), 0, "computed the first time");
    assert_eq!(cache.get(db.conn(), &november(), when).unwrap(), d);
    assert_eq!(cache.hits(), 1, "the second answer came from the cache");
    let next_day = when + chrono::Duration::days(1);
    cache.get(db.conn(), &november(), next_day).unwrap();
    assert_eq!(cache.hits(), 1, "recomputed after midnight: 'today' moved");
    feedback(&mut db, chi, Metric::Csat, 5, "Hoa");
    let after = cache.get(db.conn(), &november(), next_day).unwrap();
    assert_eq!(cache.hits(), 1, "recomputed after a write");
    assert_eq!(after.current.csat_responses, 4, "a new score is counted at once");
}

#[test]
fn segments_hold_the_expected_customers() {
    let Shop { mut db, ids } = shop();
    crate::support::consent(&mut db, ids[0], khachquen::privacy::Purpose::MarketingSms, true);
    let names = |db: &Db, kind| -> Vec<String> {
        let mut v: Vec<String> = segment::view(db.conn(), kind, now())
            .unwrap()
            .members
            .into_iter()
            .map(|m| m.name)
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&db, SegmentKind::Vip), ["Lê Văn An"], "recency 4 + frequency 5 + value 5");
    assert_eq!(names(&db, SegmentKind::Regulars), ["Lê Văn An", "Đỗ Hồng Phúc"]);
    assert_eq!(
        names(&db, SegmentKind::FirstTime),
        ["Hoàng Văn Dũng", "Ngô Thanh Giang", "Phạm Thu Chi", "Trần Thị Bình", "Vũ Thị Em"]
    );
    assert_eq!(names(&db, SegmentKind::AtRisk), ["Hoàng Văn Dũng"]);
    assert_eq!(names(&db, SegmentKind::Lapsed), ["Ngô Thanh Giang", "Vũ Thị Em"]);
    assert_eq!(names(&db, SegmentKind::BirthdaysThisMonth), ["Trần Thị Bình"]);
    assert_eq!(names(&db, SegmentKind::WarrantyExpiring), ["Ngô Thanh Giang"]);
    assert_eq!(names(&db, SegmentKind::MarketingConsent), ["Lê Văn An"]);
    let regulars = segment::view(db.conn(), SegmentKind::Regulars, now()).unwrap();
    assert_eq!((regulars.count, regulars.consenting), (2, 1));
    assert_eq!(regulars.members[0].value, 3 * PRICE, "highest value first");

    // The export lists every member under the given headers.
    let mut out = Vec::new();
    let headers: Vec<String> =
        ["Mã", "Tên", "SĐT", "Số lần mua", "Tổng mua", "Lần cuối"].map(String::from).to_vec();
    let n = segment::write_csv(db.conn(), SegmentKind::Lapsed, now(), &headers, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(n, 2);
    assert!(text.starts_with("Mã,Tên,SĐT,Số lần mua,Tổng mua,Lần cuối\n"), "{text}");
    assert!(text.contains("Vũ Thị Em,0912 000 004,1,19990000,07/05/2026"), "{text}");

    // A campaign reaches only those who consented; a bad message or a past day saves nothing.
    let draft = |body: &str, due: &str| CampaignDraft {
        segment: SegmentKind::Regulars,
        channel: khachquen::privacy::Purpose::MarketingSms,
        name: "Tri ân khách quen".into(),
        body: body.into(),
        due_on: due.into(),
        assignee: "Hoa".into(),
        store: None,
    };
    assert_eq!(
        segment::create_campaign(&mut db, &draft("Chào {khong_co}", "20/11/2026"), STAFF, now())
            .unwrap_err()
            .code(),
        "validation"
    );
    assert_eq!(table_count(&db, "campaign"), 0);
    let r = segment::create_campaign(
        &mut db,
        &draft("Chào {xung_ho} {ten}, tặng {xung_ho} voucher 10%", "24/11/2026"),
        STAFF,
        now(),
    )
    .unwrap();
    assert_eq!((r.reminders, r.skipped), (1, 1));
    // On Zalo, the same members: none agreed to Zalo marketing.
    let zalo = CampaignDraft {
        channel: khachquen::privacy::Purpose::MarketingZalo,
        ..draft("Chào {xung_ho} {ten}", "24/11/2026")
    };
    let r = segment::create_campaign(&mut db, &zalo, STAFF, now()).unwrap();
    assert_eq!((r.reminders, r.skipped), (0, 2), "an SMS consent is no Zalo consent");
    let upcoming = reminder::for_customer(db.conn(), ids[0]).unwrap();
    let campaign = upcoming.iter().find(|r| r.subject == "campaign").unwrap();
    assert_eq!(campaign.subject_label, "Tri ân khách quen");
    let msg = khachquen::outreach::template::prepare(
        db.conn(),
        campaign.id,
        khachquen::outreach::template::Locale::Vi,
        now(),
    )
    .unwrap();
    assert_eq!(msg.text, "Chào bạn An, tặng bạn voucher 10%");
    assert!(msg.zalo_url.is_none(), "agreed to SMS offers, not to Zalo ones");
    assert!(msg.tel_url.is_none(), "never agreed to calls");
    crate::support::consent(&mut db, ids[0], khachquen::privacy::Purpose::MarketingZalo, true);
    crate::support::consent(&mut db, ids[0], khachquen::privacy::Purpose::CareCalls, true);
    let msg = khachquen::outreach::template::prepare(
        db.conn(),
        campaign.id,
        khachquen::outreach::template::Locale::Vi,
        now(),
    )
    .unwrap();
    assert!(msg.zalo_url.is_some() && msg.tel_url.is_some(), "both once agreed to");
}

/// The running figures (per customer, per day, the lifetime total) recounted from the rows.
fn assert_running_figures_exact(db: &Db) {
    let q = |sql: &str| -> Vec<(String, i64, i64)> {
        db.conn()
            .prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        q("SELECT customer_id || first_at || last_at, value, purchases FROM customer_value ORDER BY customer_id"),
        q("SELECT customer_id || min(sold_at) || max(sold_at), sum(total), count(*) FROM purchase
           WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id ORDER BY customer_id")
    );
    assert_eq!(
        q("SELECT day || staff, purchases, revenue FROM daily_sales WHERE purchases > 0 ORDER BY day, staff"),
        q("SELECT date(sold_at, '+7 hours') || staff, count(*), sum(total) FROM purchase WHERE voided_at IS NULL
           GROUP BY 1 ORDER BY 1")
    );
    assert_eq!(
        q("SELECT day || staff || channel, interactions, fcr_yes FROM daily_contact WHERE interactions > 0 ORDER BY 1"),
        q("SELECT date(at, '+7 hours') || staff || channel, count(*), coalesce(sum(resolved_first), 0) FROM interaction
           GROUP BY 1 ORDER BY 1")
    );
    assert_eq!(
        q("SELECT 'total', buyers, value FROM customer_value_total"),
        q("SELECT 'total', count(*), coalesce(sum(value), 0) FROM customer_value")
    );
}

#[test]
fn edits_voids_and_merges_keep_the_running_figures_exact() {
    let Shop { mut db, ids } = shop();
    assert_running_figures_exact(&db);
    // A correction that moves the sale's date, a void, then a merge of two buyers.
    let sale: i64 = db
        .conn()
        .query_row(
            "SELECT id FROM purchase WHERE customer_id = ?1 ORDER BY sold_at LIMIT 1",
            [ids[5]],
            |r| r.get(0),
        )
        .unwrap();
    let edit = khachquen::sales::PurchaseDraft {
        customer_id: Some(ids[5]),
        sold_on: (today() - Duration::days(2)).format("%d/%m/%Y").to_string(),
        lines: vec![khachquen::sales::LineDraft {
            product_id: 1,
            quantity: 1,
            serials: vec!["IMEI-5-100".into()],
            unit_price: "15tr".into(),
            ..khachquen::sales::LineDraft::default()
        }],
        ..khachquen::sales::PurchaseDraft::default()
    };
    khachquen::sales::purchase::update(&mut db, sale, &edit, STAFF, now()).unwrap();
    assert_running_figures_exact(&db);
    let chi: i64 = db
        .conn()
        .query_row("SELECT id FROM purchase WHERE customer_id = ?1", [ids[2]], |r| r.get(0))
        .unwrap();
    khachquen::sales::purchase::void(&mut db, chi, "Nhập nhầm", STAFF, now()).unwrap();
    assert_running_figures_exact(&db);
    customer::merge(&mut db, ids[0], ids[1], STAFF, now()).unwrap();
    assert_running_figures_exact(&db);
    let k = kpi::compute(db.conn(), &november(), now()).unwrap();
    assert_eq!(k.clv_top[0].value, 4 * PRICE, "An now holds Bình's sale too");
    assert_eq!(
        k.clv_avg,
        Some((8 * PRICE + 15_000_000) / 5),
        "nine live sales (one repriced) over five buyers"
    );
    // Touchpoints logged and a score: the per-day contact figures follow.
    let d = InteractionDraft {
        customer_id: Some(ids[0]),
        channel: ContactChannel::Zalo,
        inbound: true,
        kind: InteractionKind::Message,
        summary: "Hỏi giá".into(),
        link: Link::default(),
        resolved_first: Some(false),
    };
    interaction::log(&mut db, &d, "Vy", now()).unwrap();
    feedback(&mut db, ids[0], Metric::Ces, 6, "Vy");
    assert_running_figures_exact(&db);
}
