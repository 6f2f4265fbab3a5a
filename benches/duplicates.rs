//! The duplicate finder over `--customers` demo customers (default 1,000,000) and a merge of two
//! customers with `--sales` sales each (default 100), each against a baseline measured in the
//! same run on the same file:
//! - the scan against one read of every customer and every phone (what any scan must read);
//! - the merge against an ordinary edit of one customer (`customer::update`, audited, indexed).
//!
//! `cargo bench --bench duplicates -- --customers 1000000 --runs 3 --merges 20 --sales 100`

#![allow(clippy::expect_used)] // a bench that cannot set up has nothing to report

mod common;

use std::time::Duration;

use chrono::Utc;
use common::{arg, ms, percentile, timed};
use khachquen::customer::{self, bulk, CustomerDraft, PhoneDraft};
use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::{purchase, LineDraft, PurchaseDraft};
use khachquen::{demo, Db};

fn p50(mut v: Vec<Duration>) -> Duration {
    v.sort();
    percentile(&v, 0.5)
}

fn show(name: &str, mut v: Vec<Duration>) -> Duration {
    v.sort();
    println!(
        "{name}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} samples)",
        ms(percentile(&v, 0.5)),
        ms(percentile(&v, 0.95)),
        ms(*v.last().unwrap_or(&Duration::ZERO)),
        v.len()
    );
    percentile(&v, 0.5)
}

/// One read of every customer's keys and every phone: the floor of any scan.
fn read_everything(db: &Db) -> usize {
    let conn = db.conn();
    let mut n = 0;
    let mut stmt = conn.prepare("SELECT id, folded_name, birthday FROM customer").expect("sql");
    let mut rows = stmt.query([]).expect("query");
    while let Some(r) = rows.next().expect("row") {
        let (_, name, birthday): (i64, String, Option<String>) =
            (r.get(0).expect("id"), r.get(1).expect("name"), r.get(2).expect("birthday"));
        n += name.len() + birthday.map_or(0, |b| b.len());
    }
    let mut stmt = conn.prepare("SELECT customer_id, canonical FROM customer_phone").expect("sql");
    let mut rows = stmt.query([]).expect("query");
    while let Some(r) = rows.next().expect("row") {
        let (_, phone): (i64, String) = (r.get(0).expect("id"), r.get(1).expect("phone"));
        n += phone.len();
    }
    n
}

fn customer_with_sales(db: &mut Db, name: &str, phone: &str, product: i64, sales: usize) -> i64 {
    let d = CustomerDraft {
        full_name: name.into(),
        phones: vec![PhoneDraft { raw: phone.into(), is_primary: true }],
        birthday: "08/03/1992".into(),
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    let id = customer::create(db, &d, "bench", Utc::now()).expect("customer").id;
    for k in 0..sales {
        let sale = PurchaseDraft {
            // Numbered here: the automatic numbering repeats itself past 999 receipts in a day
            // (HD…-1000 sorts before HD…-999), which this bench reaches.
            receipt_no: format!("GOP-{id}-{k}"),
            customer_id: Some(id),
            lines: vec![LineDraft { product_id: product, quantity: 1, ..LineDraft::default() }],
            ..PurchaseDraft::default()
        };
        purchase::create(db, &sale, "bench", Utc::now()).expect("sale");
    }
    id
}

fn main() {
    let n = arg("--customers", 1_000_000);
    let runs = arg("--runs", 3);
    let merges = arg("--merges", 20);
    let sales = arg("--sales", 100);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shop.db");
    let mut db = Db::open(&path).expect("open");
    let (_, took) = timed(|| demo::generate(&mut db, n, 42, Utc::now(), "bench"));
    println!("data: {n} demo customers generated in {:.0} s", took.as_secs_f64());

    // Alternating, after one unmeasured pass of each (the pages are warm all day).
    read_everything(&db);
    let first = customer::scan_duplicates(db.conn(), 200).expect("scan");
    println!(
        "pairs found: {} (reasons of the first: {:?})",
        first.total,
        first.pairs.first().map(|p| &p.reasons)
    );
    let (mut reads, mut scans) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        reads.push(timed(|| read_everything(&db)).1);
        scans.push(timed(|| customer::scan_duplicates(db.conn(), 200).expect("scan")).1);
    }
    let (read, scan) = (p50(reads), p50(scans));
    println!("baseline: read every customer and phone: p50 {:.0} ms ({runs} runs)", ms(read));
    println!("duplicate scan, 200 pairs listed: p50 {:.0} ms ({runs} runs)", ms(scan));
    println!(
        "ratio: scan = {:.1}× the read (target: scan ≤ 10 s)",
        scan.as_secs_f64() / read.as_secs_f64()
    );

    let product = product::save(
        &mut db,
        None,
        &ProductDraft {
            name: "Ốp lưng".into(),
            category: "Phụ kiện".into(),
            price: "150k".into(),
            ..ProductDraft::default()
        },
        "bench",
        Utc::now(),
    )
    .expect("product");
    let (mut edits, mut merged) = (Vec::new(), Vec::new());
    for i in 0..merges {
        let keep = customer_with_sales(
            &mut db,
            "Trần Thị Mai",
            &format!("09120{i:05}"),
            product.id,
            sales,
        );
        let from = customer_with_sales(
            &mut db,
            "Tran Thi Mai",
            &format!("09880{i:05}"),
            product.id,
            sales,
        );
        let mut d = bulk::stored_draft(db.conn(), keep).expect("draft");
        d.notes = "Khách dặn gọi trước khi giao".into();
        d.allow_duplicate = true;
        edits.push(
            timed(|| customer::update(&mut db, keep, &d, "bench", Utc::now()).expect("edit")).1,
        );
        merged.push(
            timed(|| customer::merge(&mut db, keep, from, "bench", Utc::now()).expect("merge")).1,
        );
    }
    let edit = show("baseline: edit one customer", edits);
    let merge = show(&format!("merge two customers with {sales} sales each"), merged);
    println!(
        "ratio: merge p50 = {:.1}× an edit's p50 (target: merge ≤ 50 ms)",
        merge.as_secs_f64() / edit.as_secs_f64()
    );
}
