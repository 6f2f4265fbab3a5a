//! Human codes across a chain: every record carries the store it was made at, a site's codes
//! carry its store code so two stores never make the same one, and numbers that still meet (typed
//! from paper, or made by two shops before they joined one chain) are unique per store: both
//! records arrive everywhere, nothing waits.

use khachquen::card::{self, TimelineKind, TimelineQuery};
use khachquen::feedback::complaint::{self, ComplaintCategory, ComplaintDraft, Severity};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::outreach::reminder::ContactChannel;
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::returns::{self, ReturnDraft, ReturnOutcome};
use khachquen::sales::{purchase, LineDraft, PurchaseDraft};
use khachquen::sync::local;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

fn day() -> String {
    format!("HD{}-", today().format("%y%m%d"))
}

fn deferred(db: &Db) -> i64 {
    table_count(db, "sync_deferred")
}

/// (receipt, store) of every sale, in order.
fn receipts(db: &Db) -> Vec<(String, String)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT receipt_no, store FROM purchase ORDER BY store, receipt_no")
        .expect("sql");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("receipts")
}

/// A sale entered from a paper receipt book, its number typed.
fn typed(db: &mut Db, receipt: &str, customer: i64, product: i64, serial: &str) {
    let d = PurchaseDraft {
        receipt_no: receipt.into(),
        customer_id: Some(customer),
        lines: vec![LineDraft {
            product_id: product,
            quantity: 1,
            serials: vec![serial.into()],
            ..LineDraft::default()
        }],
        ..PurchaseDraft::default()
    };
    purchase::create(db, &d, STAFF, now()).expect("the sale is valid");
}

fn complaint_for(db: &mut Db, customer: i64) -> String {
    let d = ComplaintDraft {
        customer_id: Some(customer),
        category: ComplaintCategory::Service,
        severity: Severity::Medium,
        owner: STAFF.into(),
        channel: ContactChannel::InStore,
        summary: "Chờ lâu quá".into(),
        link: Default::default(),
    };
    complaint::open(db, &d, STAFF, now()).expect("complaint").code
}

fn touch(db: &mut Db, customer: i64) -> i64 {
    let d = InteractionDraft {
        customer_id: Some(customer),
        channel: ContactChannel::Zalo,
        inbound: true,
        kind: InteractionKind::Message,
        summary: "Hỏi giờ mở cửa".into(),
        link: Default::default(),
        resolved_first: Some(true),
    };
    interaction::log(db, &d, STAFF, now()).expect("touchpoint").id
}

/// Two sites sharing one catalogue (a product made at A, carried to B).
fn two_stores() -> (Db, Db, i64) {
    let (mut a, mut b) = (site("A"), site("B"));
    let p = phone_product(&mut a).id;
    carry(&a, &mut b);
    let here = id_by_key(&b, "product", &key_of(&a, "product", p)).expect("product at B");
    assert_eq!(here, p, "same catalogue ids in these fresh files");
    (a, b, p)
}

#[test]
fn two_stores_first_receipts_of_the_day_converge_with_distinct_codes() {
    let (mut a, mut b, p) = two_stores();
    let ra = sell(&mut a, None, p, "IMEI-A-1", 0).receipt_no;
    let rb = sell(&mut b, None, p, "IMEI-B-1", 0).receipt_no;
    assert_eq!(ra, format!("A-{}001", day()), "a site's receipt carries its store code");
    assert_eq!(rb, format!("B-{}001", day()));
    carry(&a, &mut b);
    carry(&b, &mut a);
    let both = vec![(ra.clone(), "A".to_owned()), (rb.clone(), "B".to_owned())];
    assert_eq!(receipts(&a), both, "A holds both sales, each with its store");
    assert_eq!(receipts(&b), both, "B holds the same");
    assert_eq!((deferred(&a), deferred(&b)), (0, 0), "nothing waits");
    // The next one counts on from the store's own numbers, not the other store's.
    let next = sell(&mut a, None, p, "IMEI-A-2", 0).receipt_no;
    assert_eq!(next, format!("A-{}002", day()));
}

#[test]
fn identical_receipt_numbers_typed_at_two_stores_both_survive_and_are_found() {
    let (mut a, mut b, p) = two_stores();
    let ca = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]).id;
    let cb = add(&mut b, "Trần Văn Bình", &["0987654321"]).id;
    typed(&mut a, "QN0001234", ca, p, "IMEI-A");
    typed(&mut b, "QN0001234", cb, p, "IMEI-B");
    carry(&a, &mut b);
    carry(&b, &mut a);
    for db in [&a, &b] {
        assert_eq!(
            receipts(db),
            vec![
                ("QN0001234".to_owned(), "A".to_owned()),
                ("QN0001234".to_owned(), "B".to_owned())
            ],
            "the number as typed at each store, on every site"
        );
        assert_eq!(deferred(db), 0, "neither waits in sync_deferred");
        let hits = khachquen::sales::search::lookup(db.conn(), "QN0001234", today()).expect("look");
        assert_eq!(hits.purchases.len(), 2, "the receipt search finds both");
    }
    // Unique per store still: the same number again at A is refused.
    let again = PurchaseDraft {
        receipt_no: "QN0001234".into(),
        lines: vec![LineDraft {
            product_id: p,
            quantity: 1,
            serials: vec!["IMEI-A2".into()],
            ..LineDraft::default()
        }],
        ..PurchaseDraft::default()
    };
    let again = purchase::create(&mut a, &again, STAFF, now());
    assert!(again.is_err(), "a store's own numbers stay unique");
}

#[test]
fn codes_made_by_two_shops_before_they_joined_both_arrive() {
    let (mut a, mut b) = (db(), db());
    let mut codes = Vec::new();
    // The same product code at both shops: one product each, both arrive (`sync::local::codes`).
    for shop in [&mut a, &mut b] {
        let p = phone_product(shop).id;
        let c = add(shop, "Nguyễn Thị Lan", &["0912345678"]).id;
        let unit = sell(shop, Some(c), p, "IMEI", 0).units[0].id;
        let claim = open_claim(shop, unit, 0).summary.code;
        let complaint = complaint_for(shop, c);
        codes.push((claim, complaint));
    }
    assert_eq!(codes[0], codes[1], "two single shops number alike");
    assert_eq!(codes[0], ("BH000001".to_owned(), "KN000001".to_owned()), "today's format");
    a.write(|tx| local::start_site(tx, "A")).expect("A joins");
    b.write(|tx| local::start_site(tx, "B")).expect("B joins");
    carry(&a, &mut b);
    carry(&b, &mut a);
    for db in [&a, &b] {
        assert_eq!(deferred(db), 0, "nothing waits for ever");
        for table in ["purchase", "claim", "complaint", "interaction"] {
            let stores: Vec<String> = db
                .conn()
                .prepare(&format!("SELECT DISTINCT store FROM {table} ORDER BY store"))
                .expect("sql")
                .query_map([], |r| r.get(0))
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("stores");
            assert_eq!(stores, ["A", "B"], "{table}: both stores' records, each stamped on join");
        }
        let claims: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM claim WHERE code = 'BH000001'", [], |r| r.get(0))
            .expect("count");
        assert_eq!(claims, 2, "both BH000001 kept as printed");
    }
    let products = |db: &Db| -> Vec<(String, String)> {
        let mut stmt =
            db.conn().prepare("SELECT key, code FROM product ORDER BY key").expect("sql");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("products")
    };
    let (pa, pb) = (products(&a), products(&b));
    assert_eq!(pa, pb, "both sites settle the shared product code the same way");
    assert_eq!(pa.len(), 2, "both products kept");
    assert_eq!(pa[0].1, pa[0].1.split('-').next().unwrap_or_default(), "the smaller key keeps it");
    assert!(pa[1].1.starts_with(&format!("{}-", pa[0].1)), "the other shows its key's tail");
    // After joining, a site's new codes carry its store and count its own.
    let p = phone_product_id(&a);
    let unit = sell(&mut a, None, p, "IMEI-2", 0).units[0].id;
    assert_eq!(open_claim(&mut a, unit, 0).summary.code, "A-BH000001");
    assert_eq!(complaint_for(&mut a, 1), "A-KN000001");
}

fn phone_product_id(db: &Db) -> i64 {
    db.conn().query_row("SELECT min(id) FROM product", [], |r| r.get(0)).expect("product")
}

#[test]
fn every_record_carries_its_store_and_it_travels() {
    let (mut a, mut b, p) = two_stores();
    let c = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]).id;
    let bought = sell(&mut a, Some(c), p, "IMEI-1", 0);
    open_claim(&mut a, bought.units[0].id, 0);
    complaint_for(&mut a, c);
    touch(&mut a, c);
    let back = ReturnDraft {
        line_id: bought.lines[0].id,
        quantity: 1,
        check: ReturnCheck { faulty: true, intact: true, has_receipt: true },
        reason: "Lỗi màn hình".into(),
        outcome: ReturnOutcome::Refund,
        override_reason: "Khách quen".into(),
        refund_amount: "1000k".into(),
        ..ReturnDraft::default()
    };
    // The unit is under a claim: the return may be refused; either way what exists is stamped.
    let _ = returns::record(&mut a, &back, STAFF, now());
    carry(&a, &mut b);
    for table in ["purchase", "claim", "complaint", "interaction", "return_case"] {
        let q = format!("SELECT count(*), count(*) FILTER (WHERE store = 'A') FROM {table}");
        let at = |db: &Db| -> (i64, i64) {
            db.conn().query_row(&q, [], |r| Ok((r.get(0)?, r.get(1)?))).expect("count")
        };
        assert_eq!(at(&a).0, at(&a).1, "{table}: every row made at A says A");
        assert_eq!(at(&b), at(&a), "{table}: and so does B once it arrives");
    }
    assert_eq!(deferred(&b), 0);
}

#[test]
fn a_single_shop_keeps_its_plain_codes_and_no_store() {
    let mut db = db();
    let p = phone_product(&mut db).id;
    let c = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let bought = sell(&mut db, Some(c), p, "IMEI-1", 0);
    assert_eq!(bought.receipt_no, format!("{}001", day()));
    assert_eq!(open_claim(&mut db, bought.units[0].id, 0).summary.code, "BH000001");
    assert_eq!(complaint_for(&mut db, c), "KN000001");
    touch(&mut db, c);
    for table in ["purchase", "claim", "complaint", "interaction"] {
        let stamped: i64 = db
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table} WHERE store <> ''"), [], |r| r.get(0))
            .expect("count");
        assert_eq!(stamped, 0, "{table}: a single shop names no store");
    }
}

#[test]
fn the_card_names_the_store_of_each_sale_claim_and_touchpoint() {
    let (mut a, mut b, p) = two_stores();
    let c = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]).id;
    let bought = sell(&mut a, Some(c), p, "IMEI-1", 0);
    open_claim(&mut a, bought.units[0].id, 0);
    touch(&mut a, c);
    carry(&a, &mut b);
    let here = id_by_key(&b, "customer", &key_of(&a, "customer", c)).expect("she is at B");
    let stores = |db: &Db| -> Vec<(TimelineKind, String)> {
        let page = card::timeline(db.conn(), here, &TimelineQuery::default()).expect("timeline");
        page.events.into_iter().map(|e| (e.kind, e.store)).collect()
    };
    let shown = stores(&b);
    for kind in [TimelineKind::Sale, TimelineKind::Claim, TimelineKind::Touchpoint] {
        assert!(shown.contains(&(kind, "A".to_owned())), "{kind:?} made at A says so: {shown:?}");
    }
    b.conn()
        .execute("INSERT INTO store_name(code, name) VALUES ('A', 'Cửa hàng Quận 1')", [])
        .expect("the hub's list, as a sync keeps it");
    assert!(
        stores(&b).contains(&(TimelineKind::Sale, "Cửa hàng Quận 1".to_owned())),
        "by name once the chain's list is known"
    );
    let mut shop = db();
    let p = phone_product(&mut shop).id;
    let c = add(&mut shop, "Trần Văn Bình", &["0987654321"]).id;
    sell(&mut shop, Some(c), p, "IMEI-2", 0);
    let page = card::timeline(shop.conn(), c, &TimelineQuery::default()).expect("timeline");
    assert!(page.events.iter().all(|e| e.store.is_empty()), "a single shop shows no store");
}

fn voucher(db: &mut Db, code: &str) -> String {
    let d = khachquen::loyalty::voucher_create::VoucherDraft {
        code: code.into(),
        value: "50000".into(),
        ..Default::default()
    };
    let id = khachquen::loyalty::voucher_create::create(db, &d, STAFF, now()).expect("voucher");
    db.conn().query_row("SELECT code FROM voucher WHERE id = ?1", [id], |r| r.get(0)).expect("code")
}

/// Voucher codes are good at every store: those a site draws carry its store code, and one
/// typed at two stores while apart settles the same way at both (one keeps it, the other is
/// told apart by its key), nothing waiting.
#[test]
fn voucher_codes_drawn_or_typed_at_two_stores_never_block_each_other() {
    let (mut a, mut b, _) = two_stores();
    let drawn = voucher(&mut a, "");
    assert!(drawn.starts_with("A-"), "a drawn code carries its store: {drawn}");
    voucher(&mut a, "TET2027");
    voucher(&mut b, "TET2027");
    carry(&a, &mut b);
    carry(&b, &mut a);
    let codes = |db: &Db| -> Vec<String> {
        let mut stmt = db.conn().prepare("SELECT code FROM voucher ORDER BY key").expect("sql");
        stmt.query_map([], |r| r.get(0)).expect("rows").collect::<Result<_, _>>().expect("codes")
    };
    assert_eq!(codes(&a), codes(&b), "both stores hold the same codes");
    assert_eq!(codes(&a).len(), 3);
    assert_eq!(codes(&a).iter().filter(|c| *c == "TET2027").count(), 1);
    assert_eq!((deferred(&a), deferred(&b)), (0, 0), "nothing waits");
}
