//! Balances brought from KiotViet and Sapo: points, total spent and debt enter the ledgers as
//! opening entries dated at the import, and undoing the import takes them back.

use khachquen::error::Error;
use khachquen::io::import::{self, CommitMode, Field, ImportReport, Mapping, Source};
use khachquen::loyalty::points;
use khachquen::Db;

use crate::support::{db, now, STAFF};

fn source(name: &str) -> Source {
    let path = format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    Source::read(&std::fs::read(path).expect("fixture exists")).expect("readable")
}

fn one(db: &Db, sql: &str, id: i64) -> i64 {
    db.conn().query_row(sql, [id], |r| r.get(0)).expect("query")
}

fn by_code(db: &Db, code: &str) -> i64 {
    db.conn()
        .query_row("SELECT id FROM customer WHERE code = ?1", [code], |r| r.get(0))
        .expect("imported")
}

fn debt(db: &Db, id: i64) -> i64 {
    one(db, "SELECT coalesce(sum(amount), 0) FROM debt_entry WHERE customer_id = ?1", id)
}

fn spent(db: &Db, id: i64) -> i64 {
    one(db, "SELECT coalesce(sum(amount), 0) FROM opening_spend WHERE customer_id = ?1", id)
}

fn commit(db: &mut Db, src: &Source, mapping: &Mapping, name: &str) -> ImportReport {
    import::commit(db, src, mapping, CommitMode::ValidOnly, name, STAFF, now(), &mut |_| {})
        .expect("the valid rows are written")
}

fn mapped(headers: &[String], m: &Mapping, title: &str) -> Option<Field> {
    m.columns[headers.iter().position(|h| h == title).expect("column")]
}

#[test]
fn kiotviet_balances_open_the_ledgers_and_undo_removes_them_with_the_customers() {
    let mut db = db();
    let src = source("kiotviet-balances.csv");
    let insp = import::inspect(db.conn(), &src).expect("inspect");
    let (h, m) = (&insp.headers, &insp.mapping);
    assert_eq!(mapped(h, m, "Điểm hiện tại"), Some(Field::Points));
    assert_eq!(mapped(h, m, "Tổng điểm"), None, "points ever earned are not a balance");
    assert_eq!(mapped(h, m, "Nợ cần thu hiện tại"), Some(Field::Debt));
    assert_eq!(mapped(h, m, "Tổng bán trừ trả hàng"), Some(Field::TotalSpent));
    assert_eq!(mapped(h, m, "Tổng bán"), None, "what was returned was not spent");

    let plan = import::dry_run(db.conn(), &src, m, now(), &mut |_| {}).expect("dry run");
    let refused: Vec<_> = plan.outcomes.iter().filter(|o| !o.reasons.is_empty()).collect();
    assert_eq!(refused.len(), 1, "{plan:#?}");
    assert_eq!((refused[0].row, refused[0].reasons[0].field.as_str()), (4, "points"));
    assert_eq!(refused[0].reasons[0].code, "not_a_number");
    assert_eq!(
        db.conn()
            .query_row("SELECT count(*) FROM point_entry", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        0
    );

    let report = commit(&mut db, &src, m, "kiotviet-balances.csv");
    assert_eq!(report.plan.create, 3);
    let han = by_code(&db, "KH000101");
    assert_eq!(points::balance(db.conn(), han).unwrap(), 1250);
    assert_eq!(debt(&db, han), 350_000);
    assert_eq!(spent(&db, han), 15_000_000);
    let (kind, at, due, batch): (String, String, String, i64) = db
        .conn()
        .query_row(
            "SELECT e.kind, e.at, e.due_on, e.import_batch FROM debt_entry e WHERE customer_id = ?1",
            [han],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("her opening debt");
    assert_eq!(kind, "opening");
    assert_eq!(at, khachquen::clock::stamp(now()), "dated at the import");
    assert_eq!(due, khachquen::clock::local_date(now()).to_string(), "due from the import");
    assert_eq!(batch, report.batch_id);
    // Bảo paid ahead: the shop owes him, a negative balance.
    assert_eq!(debt(&db, by_code(&db, "KH000104")), -200_000);
    // Zero balances write no entry.
    let minh = by_code(&db, "KH000102");
    assert_eq!(one(&db, "SELECT count(*) FROM debt_entry WHERE customer_id = ?1", minh), 0);
    assert_eq!(points::balance(db.conn(), minh).unwrap(), 10);

    import::undo_last(&mut db, STAFF, now()).expect("undo");
    for table in ["customer", "point_entry", "debt_entry", "opening_spend"] {
        let n: i64 = db
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}: the customers the import created go with their balances");
    }
}

#[test]
fn sapo_balances_on_an_update_are_reversed_by_undo_and_never_counted_twice() {
    let mut db = db();
    let src = source("sapo-balances.csv");
    let insp = import::inspect(db.conn(), &src).expect("inspect");
    let (h, full) = (&insp.headers, insp.mapping.clone());
    assert_eq!(mapped(h, &full, "Điểm tích lũy"), Some(Field::Points));
    assert_eq!(mapped(h, &full, "Tổng chi tiêu"), Some(Field::TotalSpent));
    assert_eq!(mapped(h, &full, "Công nợ"), Some(Field::Debt));
    // First the customers alone (no email, no balances), as a shop that imported them earlier.
    let mut bare = full.clone();
    for c in bare.columns.iter_mut() {
        if matches!(c, Some(Field::Email | Field::Points | Field::TotalSpent | Field::Debt)) {
            *c = None;
        }
    }
    commit(&mut db, &src, &bare, "sapo.csv");
    let sau = by_code(&db, "CUS00021");
    assert_eq!(points::balance(db.conn(), sau).unwrap(), 0);

    // Then the full file: her email is new, so she is updated, and her balances open; Bình's
    // details are as they were, but his 75 points are news, so he is updated too.
    let report = commit(&mut db, &src, &full, "sapo.csv");
    assert_eq!(report.plan.update, 2, "{:#?}", report.plan);
    assert_eq!(points::balance(db.conn(), by_code(&db, "CUS00022")).unwrap(), 75);
    assert_eq!(points::balance(db.conn(), sau).unwrap(), 300);
    assert_eq!(debt(&db, sau), 1_200_000);
    assert_eq!(spent(&db, sau), 6_500_000);

    import::undo_last(&mut db, STAFF, now()).expect("undo the balances' import");
    assert_eq!(points::balance(db.conn(), sau).unwrap(), 0, "reversed");
    assert_eq!(debt(&db, sau), 0);
    assert_eq!(spent(&db, sau), 0);
    assert_eq!(
        one(&db, "SELECT count(*) FROM point_entry WHERE customer_id = ?1", sau),
        2,
        "a ledger is never edited: the opening stays, with its reversal"
    );

    // Imported again, then again with one more change: her balances open once.
    commit(&mut db, &src, &full, "sapo.csv");
    let mut renamed = source_text("sapo-balances.csv");
    renamed = renamed.replace("sau.vo@gmail.com", "sau.vo@yahoo.com");
    let src2 = Source::read(renamed.as_bytes()).expect("readable");
    let again = commit(&mut db, &src2, &full, "sapo-2.csv");
    assert_eq!(again.plan.update, 1);
    assert_eq!(points::balance(db.conn(), sau).unwrap(), 300, "not 600");
    assert_eq!(debt(&db, sau), 1_200_000);
    assert_eq!(spent(&db, sau), 6_500_000);
}

fn source_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture exists")
}

#[test]
fn undo_is_refused_once_points_were_earned_after_the_import() {
    let mut db = db();
    let src = source("kiotviet-balances.csv");
    let m = import::inspect(db.conn(), &src).expect("inspect").mapping;
    commit(&mut db, &src, &m, "kiotviet-balances.csv");
    let han = by_code(&db, "KH000101");
    db.write(|tx| {
        tx.execute(
            "INSERT INTO point_entry(customer_id, kind, points, reason, staff, at)
             VALUES (?1, 'adjust', 50, 'bù điểm', 'lan', '2026-11-21T03:00:00Z')",
            [han],
        )?;
        Ok(())
    })
    .expect("adjusted");
    let e = import::undo_last(&mut db, STAFF, now());
    assert!(matches!(e, Err(Error::Import { code: "undo_conflict", .. })), "{e:?}");
    assert_eq!(points::balance(db.conn(), han).unwrap(), 1300, "nothing undone");
}

#[test]
fn balances_reach_customers_imported_earlier_whose_details_did_not_change() {
    let mut db = db();
    let src = source("sapo-balances.csv");
    let full = import::inspect(db.conn(), &src).expect("inspect").mapping;
    let mut details_only = full.clone();
    for c in details_only.columns.iter_mut() {
        if matches!(c, Some(Field::Points | Field::TotalSpent | Field::Debt)) {
            *c = None;
        }
    }
    commit(&mut db, &src, &details_only, "sapo.csv");
    let sau = by_code(&db, "CUS00021");
    let with_balances = commit(&mut db, &src, &full, "sapo.csv");
    assert!(with_balances.plan.update >= 1, "{:#?}", with_balances.plan);
    assert_eq!(points::balance(db.conn(), sau).unwrap(), 300);
    assert_eq!(debt(&db, sau), 1_200_000);
    assert_eq!(spent(&db, sau), 6_500_000);
    // The same file once more brings nothing: skipped, not counted twice.
    let again = commit(&mut db, &src, &full, "sapo.csv");
    assert_eq!(again.plan.update, 0, "{:#?}", again.plan);
    assert_eq!(points::balance(db.conn(), sau).unwrap(), 300);
}
