//! The exports of issue 18, part 8: products, sale lines with their serials, complaints, scores
//! and returns, in CSV and XLSX, with a restricted customer left out of what they said and
//! unnamed in the sales the shop must keep.

use khachquen::feedback::complaint::{self, ComplaintCategory, ComplaintDraft, Severity};
use khachquen::feedback::interaction::ContactChannel;
use khachquen::feedback::score::{self, FeedbackDraft, Metric};
use khachquen::feedback::Link;
use khachquen::io::export::{self, Table};
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::returns::{self, ReturnDraft, ReturnOutcome};
use khachquen::sales::{purchase, LineDraft, PurchaseDraft};

use crate::sales_support::*;
use crate::support::*;

fn csv(db: &khachquen::Db, table: Table) -> Vec<String> {
    let headers: Vec<String> = table.columns().iter().map(|c| c.to_string()).collect();
    let mut out = Vec::new();
    export::write_csv(db.conn(), table, &headers, &mut out).expect("csv");
    let text = String::from_utf8(out).expect("utf-8");
    text.trim_start_matches('\u{feff}').lines().map(str::to_owned).collect()
}

/// Lan bought two phones on one line and a shirt; complained and scored; returned the shirt.
/// Bình, restricted, bought one phone, complained and scored.
fn shop() -> (khachquen::Db, i64, i64) {
    let mut db = db();
    let phone = phone_product(&mut db);
    let shirt = shirt_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let binh = add(&mut db, "Trần Văn Bình", &["0987654321"]).id;
    let line = |product: i64, quantity: i64, serials: &[&str]| LineDraft {
        product_id: product,
        quantity,
        serials: serials.iter().map(|s| s.to_string()).collect(),
        discount: if quantity > 1 { "100k".into() } else { String::new() },
        ..LineDraft::default()
    };
    let two = PurchaseDraft {
        customer_id: Some(lan),
        lines: vec![line(phone.id, 2, &["IMEIA1", "IMEIA2"]), line(shirt.id, 1, &[])],
        ..PurchaseDraft::default()
    };
    let sale = purchase::create(&mut db, &two, STAFF, now()).expect("sale");
    sell(&mut db, Some(binh), phone.id, "IMEIB1", 3);
    for (who, text) in [(lan, "Giao trễ"), (binh, "Chờ lâu")] {
        let d = ComplaintDraft {
            customer_id: Some(who),
            category: ComplaintCategory::Delivery,
            severity: Severity::Medium,
            owner: "Hân".into(),
            channel: ContactChannel::Zalo,
            summary: text.into(),
            link: Link::default(),
        };
        complaint::open(&mut db, &d, STAFF, now()).expect("complaint");
        let f = FeedbackDraft {
            customer_id: Some(who),
            metric: Metric::Nps,
            score: Some(9),
            comment: format!("{text} nhưng ổn"),
            served_by: "Tuấn".into(),
            link: Link::default(),
        };
        score::record(&mut db, &f, STAFF, now()).expect("score");
    }
    let back = ReturnDraft {
        line_id: sale.lines[1].id,
        unit_id: sale.units.iter().find(|u| u.serial.is_none()).map(|u| u.id),
        check: ReturnCheck { faulty: false, intact: true, has_receipt: true },
        reason: "Không vừa size".into(),
        outcome: ReturnOutcome::Exchange,
        exchange_lines: vec![line(shirt.id, 1, &[])],
        ..ReturnDraft::default()
    };
    returns::record(&mut db, &back, STAFF, now()).expect("return");
    khachquen::privacy::set_restricted(&mut db, binh, true, STAFF, now()).expect("restrict");
    (db, lan, binh)
}

#[test]
fn products_and_sale_lines_export_with_serials_and_line_totals() {
    let (db, lan, binh) = shop();
    let products = csv(&db, Table::Products);
    assert_eq!(products[0], Table::Products.columns().join(","));
    assert!(
        products.iter().any(|l| l.contains(",iPhone 15 128GB,Điện thoại,19990000,12,30,1,,0")),
        "{products:?}"
    );
    let lines = csv(&db, Table::SaleLines);
    assert_eq!(
        lines.len(),
        5,
        "one row per line (the exchange is a sale too), not per unit: {lines:?}"
    );
    let phones = lines.iter().find(|l| l.contains("IMEIA1")).expect("Lan's phones");
    assert!(phones.contains(&format!(",{lan},Nguyễn Thị Lan,")), "{phones}");
    assert!(
        phones.contains(",iPhone 15 128GB,2,19990000,100000,39880000,12,\"IMEIA1, IMEIA2\",0"),
        "quantity, price, discount, total and both serials: {phones}"
    );
    let restricted = lines.iter().find(|l| l.contains("IMEIB1")).expect("Bình's sale is kept");
    assert!(restricted.contains(&format!(",{binh},,")), "but unnamed: {restricted}");
}

#[test]
fn complaints_scores_and_returns_export_without_the_restricted_customers_words() {
    let (db, lan, binh) = shop();
    let complaints = csv(&db, Table::Complaints);
    assert_eq!(complaints.len(), 2, "Bình's complaint is left out: {complaints:?}");
    assert!(complaints[1].starts_with("KN000001,2026-11-23 10:00:00,"), "{}", complaints[1]);
    assert!(
        complaints[1].contains(",delivery,medium,open,Hân,zalo,Giao trễ,"),
        "{}",
        complaints[1]
    );
    let scores = csv(&db, Table::Scores);
    assert_eq!(scores.len(), 2, "{scores:?}");
    assert_eq!(
        scores[1],
        format!("2026-11-23 10:00:00,{lan},Nguyễn Thị Lan,nps,9,Giao trễ nhưng ổn,Tuấn")
    );
    assert!(!scores.iter().chain(&complaints).any(|l| l.contains(&format!(",{binh},"))));
    let returns = csv(&db, Table::Returns);
    assert_eq!(returns.len(), 2, "{returns:?}");
    assert!(
        returns[1].contains(&format!(",{lan},Nguyễn Thị Lan,"))
            && returns[1].contains(",Không vừa size,exchange,0,0,test"),
        "{}",
        returns[1]
    );
}

#[test]
fn every_new_table_writes_an_xlsx_with_its_rows() {
    let (db, _, _) = shop();
    let dir = tempfile::tempdir().expect("tempdir");
    for (table, rows) in [
        (Table::Products, 2),
        (Table::SaleLines, 4),
        (Table::Complaints, 1),
        (Table::Scores, 1),
        (Table::Returns, 1),
    ] {
        let headers: Vec<String> = table.columns().iter().map(|c| c.to_uppercase()).collect();
        let path = dir.path().join(format!("{}.xlsx", table.code()));
        let n = export::write_xlsx(db.conn(), table, &headers, &path).expect("xlsx");
        assert_eq!(n, rows, "{table:?}");
        assert!(std::fs::metadata(&path).expect("file").len() > 1000, "{table:?} written");
    }
}
