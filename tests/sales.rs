use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::purchase::{self, LineDraft, PurchaseDraft};
use khachquen::sales::search::lookup;
use khachquen::sales::{self as sales, settings, ClaimStatus, CoverageState, UnitStatus};
use khachquen::Error;

use crate::sales_support::*;
use crate::support::*;

fn codes(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected validation, got {other}"),
    }
}

fn counts(db: &khachquen::Db) -> [i64; 3] {
    [table_count(db, "purchase"), table_count(db, "purchase_line"), table_count(db, "unit")]
}

#[test]
fn a_sale_snapshots_terms_and_numbers_receipts() {
    let mut db = db();
    let phone = phone_product(&mut db);
    assert_eq!(phone.code, format!("SP{:05}", phone.id));
    assert_eq!(phone.price, 19_990_000);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = purchase::create(
        &mut db,
        &PurchaseDraft {
            customer_id: Some(lan.id),
            lines: vec![LineDraft {
                product_id: phone.id,
                quantity: 2,
                unit_price: "19tr5".into(),
                discount: "500k".into(),
                serials: vec!["35-209900-176148-1".into(), "356789012345670".into()],
            }],
            ..PurchaseDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("sale");
    assert_eq!(p.receipt_no, "HD261123-001");
    assert_eq!(p.total, 2 * 19_500_000 - 500_000);
    assert_eq!(p.units.len(), 2);
    assert_eq!(p.units[0].serial.as_deref(), Some("352099001761481"));
    assert_eq!(p.units[0].coverage.state, CoverageState::ExchangeWindow);
    assert_eq!(p.lines[0].policy.name, "Điện thoại");
    // Editing the policy later does not change what was sold.
    let mut terms = khachquen::sales::policy::terms(db.conn(), PHONES).expect("terms");
    terms.rules.clear();
    khachquen::sales::policy::save(&mut db, Some(PHONES), &terms, STAFF, now()).expect("edit");
    let again = purchase::get(db.conn(), p.id, today()).expect("get");
    assert_eq!(again.lines[0].policy.rules.len(), 3);
    let second = sell(&mut db, None, phone.id, "X9", 0);
    assert_eq!(second.receipt_no, "HD261123-002");
}

#[test]
fn receipt_numbers_count_on_past_a_thousand_a_day() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let typed = |db: &mut khachquen::db::Db, no: &str, serial: &str| {
        purchase::create(
            db,
            &PurchaseDraft {
                receipt_no: no.into(),
                lines: vec![LineDraft {
                    product_id: phone.id,
                    quantity: 1,
                    serials: vec![serial.into()],
                    ..LineDraft::default()
                }],
                ..PurchaseDraft::default()
            },
            STAFF,
            now(),
        )
        .expect("sale")
    };
    typed(&mut db, "HD261123-999", "S1");
    assert_eq!(sell(&mut db, None, phone.id, "S2", 0).receipt_no, "HD261123-1000");
    assert_eq!(sell(&mut db, None, phone.id, "S3", 0).receipt_no, "HD261123-1001");
    typed(&mut db, "HD261123-A7", "S4");
    assert_eq!(sell(&mut db, None, phone.id, "S5", 0).receipt_no, "HD261123-1002");
}

#[test]
fn bad_sales_are_refused_and_change_nothing() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let shirt = shirt_product(&mut db);
    let first = sell(&mut db, None, phone.id, "IMEI1", 5);
    let before = counts(&db);
    let line = |product_id, quantity, price: &str, serials: &[&str]| LineDraft {
        product_id,
        quantity,
        unit_price: price.into(),
        serials: serials.iter().map(|s| (*s).to_owned()).collect(),
        ..LineDraft::default()
    };
    let cases: Vec<(PurchaseDraft, &str, &str)> = vec![
        (PurchaseDraft::default(), "lines", "lines_empty"),
        (
            PurchaseDraft { lines: vec![line(999, 1, "", &[])], ..Default::default() },
            "lines.0.product",
            "product_unknown",
        ),
        (
            PurchaseDraft { lines: vec![line(shirt.id, 0, "", &[])], ..Default::default() },
            "lines.0.quantity",
            "quantity_positive",
        ),
        (
            PurchaseDraft { lines: vec![line(shirt.id, -2, "", &[])], ..Default::default() },
            "lines.0.quantity",
            "quantity_positive",
        ),
        (
            PurchaseDraft { lines: vec![line(shirt.id, 1, "-5000", &[])], ..Default::default() },
            "lines.0.unit_price",
            "negative",
        ),
        (
            PurchaseDraft { lines: vec![line(phone.id, 1, "", &[])], ..Default::default() },
            "lines.0.serials",
            "serials_count",
        ),
        (
            PurchaseDraft {
                lines: vec![line(phone.id, 2, "", &["A1", "a-1"])],
                ..Default::default()
            },
            "lines.0.serials",
            "serial_repeated",
        ),
        (
            PurchaseDraft {
                receipt_no: first.receipt_no.to_lowercase(),
                lines: vec![line(shirt.id, 1, "", &[])],
                ..Default::default()
            },
            "receipt_no",
            "receipt_taken",
        ),
        (
            PurchaseDraft {
                sold_on: "01/01/2099".into(),
                lines: vec![line(shirt.id, 1, "", &[])],
                ..Default::default()
            },
            "sold_on",
            "date_in_future",
        ),
        (
            PurchaseDraft {
                customer_id: Some(4242),
                lines: vec![line(shirt.id, 1, "", &[])],
                ..Default::default()
            },
            "customer_id",
            "customer_unknown",
        ),
    ];
    for (draft, field, code) in cases {
        let e = purchase::create(&mut db, &draft, STAFF, now()).expect_err(code);
        assert!(codes(e).contains(&(field.to_owned(), code.to_owned())), "{field} {code}");
        assert_eq!(counts(&db), before, "{code} changed nothing");
    }
    let e = purchase::create(
        &mut db,
        &PurchaseDraft { lines: vec![line(phone.id, 1, "", &["imei 1"])], ..Default::default() },
        STAFF,
        now(),
    )
    .expect_err("sold");
    let Error::SerialSold(c) = e else { panic!("serial_sold") };
    assert_eq!(
        (c[0].receipt_no.as_str(), c[0].serial.as_str()),
        (first.receipt_no.as_str(), "IMEI1")
    );
    assert_eq!(counts(&db), before);
    let e = product::save(
        &mut db,
        None,
        &ProductDraft { name: "".into(), price: "-1".into(), ..Default::default() },
        STAFF,
        now(),
    )
    .expect_err("bad product");
    let c = codes(e);
    assert!(
        c.contains(&("name".into(), "name_empty".into()))
            && c.contains(&("price".into(), "negative".into()))
    );
}

#[test]
fn edits_and_voids_are_kept_and_locked_once_a_claim_exists() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = sell(&mut db, None, phone.id, "E1", 1);
    let edit = PurchaseDraft {
        customer_id: Some(lan.id),
        note: "Khách quay lại ghi tên".into(),
        lines: vec![LineDraft {
            product_id: phone.id,
            quantity: 1,
            serials: vec!["E2".into()],
            ..LineDraft::default()
        }],
        ..PurchaseDraft::default()
    };
    let edited = purchase::update(&mut db, p.id, &edit, STAFF, now()).expect("edit");
    assert_eq!(edited.customer_id, Some(lan.id));
    assert_eq!(edited.units[0].serial.as_deref(), Some("E2"));
    assert_eq!(edited.sold_on, p.sold_on, "an empty date keeps the sale date");
    assert_eq!(edited.revisions.len(), 1);
    assert!(!edited.lines_locked);
    let typed_same =
        PurchaseDraft { sold_on: p.sold_on.format("%d/%m/%Y").to_string(), ..edit.clone() };
    let same = purchase::update(&mut db, p.id, &typed_same, STAFF, now()).expect("same date");
    assert_eq!(same.sold_at, p.sold_at, "retyping the sale date keeps its time");
    let before: String = db
        .conn()
        .query_row("SELECT before FROM purchase_revision WHERE purchase_id = ?1", [p.id], |r| {
            r.get(0)
        })
        .expect("revision");
    assert!(before.contains("\"E1\""), "the revision keeps the old serial");
    open_claim(&mut db, same.units[0].id, 0);
    let relined = PurchaseDraft {
        lines: vec![LineDraft {
            quantity: 1,
            product_id: phone.id,
            serials: vec!["E3".into()],
            unit_price: "1".into(),
            ..LineDraft::default()
        }],
        ..edit.clone()
    };
    assert_eq!(
        purchase::update(&mut db, p.id, &relined, STAFF, now()).expect_err("locked").code(),
        "purchase_locked"
    );
    assert_eq!(
        purchase::void(&mut db, p.id, "nhầm", STAFF, now()).expect_err("locked").code(),
        "purchase_locked"
    );
    let bad_header = PurchaseDraft { sold_on: "31/02/2026".into(), ..edit.clone() };
    let c = codes(purchase::update(&mut db, p.id, &bad_header, STAFF, now()).expect_err("date"));
    assert_eq!(c, vec![("sold_on".into(), "date_invalid".into())], "only the header is checked");
    let header_only = PurchaseDraft { note: "Sửa ghi chú".into(), ..edit };
    let ok = purchase::update(&mut db, p.id, &header_only, STAFF, now()).expect("header edit");
    assert_eq!(ok.note, "Sửa ghi chú");
    assert!(ok.lines_locked);

    let q = sell(&mut db, None, phone.id, "V1", 0);
    assert_eq!(
        purchase::void(&mut db, q.id, " ", STAFF, now()).expect_err("reason").code(),
        "validation"
    );
    let v = purchase::void(&mut db, q.id, "Nhập nhầm", STAFF, now()).expect("void");
    assert!(v.voided_at.is_some());
    assert_eq!(v.units[0].status, UnitStatus::Voided);
    sell(&mut db, None, phone.id, "V1", 0);
}

#[test]
fn the_catalogue_edits_and_archives_without_touching_past_sales() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let shirt = shirt_product(&mut db);
    let sold = sell(&mut db, None, phone.id, "C1", 3);
    let draft = ProductDraft {
        code: phone.code.clone(),
        name: "iPhone 15 128GB (VN/A)".into(),
        price: "18.490.000".into(),
        warranty_months: 24,
        policy_id: Some(ELECTRONICS),
        serial_required: true,
        ..ProductDraft::default()
    };
    let edited = product::save(&mut db, Some(phone.id), &draft, STAFF, now()).expect("edit");
    assert_eq!((edited.price, edited.warranty_months), (18_490_000, 24));
    let again = purchase::get(db.conn(), sold.id, today()).expect("sale");
    assert_eq!(again.lines[0].unit_price, 19_990_000, "the sale keeps its price");
    assert_eq!(again.units[0].coverage.end, sold.units[0].coverage.end, "and its warranty");
    let taken = ProductDraft { code: shirt.code.clone(), ..draft.clone() };
    let c = codes(product::save(&mut db, Some(phone.id), &taken, STAFF, now()).expect_err("code"));
    assert_eq!(c, vec![("code".into(), "code_taken".into())]);

    product::set_archived(&mut db, phone.id, true, STAFF, now()).expect("archive");
    let ids = |v: Vec<product::Product>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(ids(product::find(db.conn(), "", 20).expect("find")), vec![shirt.id]);
    assert_eq!(
        ids(product::catalogue(db.conn(), "", 20).expect("all")),
        vec![shirt.id, phone.id],
        "archived products come last"
    );
    assert_eq!(ids(product::catalogue(db.conn(), "vn/a", 20).expect("name")), vec![phone.id]);
    let line = LineDraft {
        product_id: phone.id,
        quantity: 1,
        serials: vec!["C2".into()],
        ..LineDraft::default()
    };
    let new_sale = PurchaseDraft { lines: vec![line], ..PurchaseDraft::default() };
    let c = codes(purchase::create(&mut db, &new_sale, STAFF, now()).expect_err("archived"));
    assert_eq!(c, vec![("lines.0.product".into(), "product_archived".into())]);
    let back = product::set_archived(&mut db, phone.id, false, STAFF, now()).expect("restore");
    assert!(!back.archived);
    purchase::create(&mut db, &new_sale, STAFF, now()).expect("sold again once restored");
    assert_eq!(
        product::set_archived(&mut db, 999, true, STAFF, now()).expect_err("unknown").code(),
        "not_found"
    );
}

#[test]
fn counter_lookup_finds_units_receipts_and_claims() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let han = add(&mut db, "Đặng Thị Ngọc Hân", &["0912345678"]);
    let sale = sell(&mut db, Some(han.id), phone.id, "356938035643809", 10);
    sell(&mut db, None, phone.id, "356938035699999", 10);
    let by_suffix = lookup(db.conn(), "43809", today()).expect("lookup");
    assert_eq!(by_suffix.units.len(), 1);
    assert_eq!(by_suffix.units[0].customer_name.as_deref(), Some("Đặng Thị Ngọc Hân"));
    let whole = lookup(db.conn(), "35693 8035 643809", today()).expect("lookup");
    assert_eq!(whole.units.iter().map(|u| u.id).collect::<Vec<_>>(), vec![sale.units[0].id]);
    assert!(
        lookup(db.conn(), "809", today()).expect("lookup").units.is_empty(),
        "3 digits: phones only"
    );
    let receipt = lookup(db.conn(), &sale.receipt_no.to_lowercase(), today()).expect("lookup");
    assert_eq!(receipt.purchases[0].id, sale.id);
    let c = open_claim(&mut db, sale.units[0].id, 1);
    let by_code = lookup(db.conn(), &c.summary.code, today()).expect("lookup");
    assert_eq!(by_code.claims[0].id, c.summary.id);
    assert!(lookup(db.conn(), "dang ngoc han", today()).expect("lookup").units.is_empty());

    let card = sales::for_customer(db.conn(), han.id, today()).expect("card");
    assert_eq!(card.purchases.len(), 1);
    assert_eq!(card.units[0].open_claim_id, Some(c.summary.id));
    assert_eq!(card.claims[0].status, ClaimStatus::Received);
    assert_eq!(card.lifetime_value, 19_990_000);
}

#[test]
fn merge_carries_purchases_units_and_claims() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let a = add(&mut db, "Lê Văn Nam", &["0903111222"]);
    let b = add(&mut db, "Lê Nam", &["0903111223"]);
    let sale = sell(&mut db, Some(b.id), phone.id, "M1", 5);
    open_claim(&mut db, sale.units[0].id, 1);
    khachquen::customer::merge(&mut db, a.id, b.id, STAFF, now()).expect("merge");
    let card = sales::for_customer(db.conn(), a.id, today()).expect("card");
    assert_eq!((card.purchases.len(), card.units.len(), card.claims.len()), (1, 1, 1));
}

#[test]
fn shop_settings_round_trip() {
    let mut db = db();
    let s = settings::ShopSettings {
        shop_name: "Điện Máy Hân".into(),
        shop_address: "12 Lê Lợi, Quận 1".into(),
        shop_phone: "028 3812 3456".into(),
        slip_footer: "Giờ mở cửa 8:00–21:00".into(),
    };
    assert_eq!(settings::save(&mut db, &s, STAFF, now()).expect("save"), s);
    let long = settings::ShopSettings { shop_name: "x".repeat(501), ..s.clone() };
    assert_eq!(
        settings::save(&mut db, &long, STAFF, now()).expect_err("long").code(),
        "validation"
    );
    assert_eq!(settings::get(db.conn()).expect("get"), s);
}
