//! Change capture: each kind of write becomes a change in the transaction that makes it, only
//! while the database is a site, with references as chain-wide keys.

use khachquen::customer::{self, CustomerDraft, PhoneDraft};
use khachquen::sync::change::ChangeOp;
use khachquen::sync::local;
use khachquen::Error;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

#[test]
fn a_single_shop_captures_nothing() {
    let mut db = db();
    let c = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = shirt_product(&mut db);
    sale(&mut db, "HD-1", c.id, p.id);
    assert_eq!(outbox_count(&db), 0, "a database that is not a site pays nothing for sync");
    assert!(local::pending(db.conn(), 0, 100).expect("pending").is_empty());
}

#[test]
fn joining_captures_what_the_database_holds_numbered_without_gaps() {
    let mut db = db();
    let c = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    db.write(|tx| local::start_site(tx, "CH01")).expect("joins");
    let all = all_pending(&db);
    let seqs: Vec<i64> = all.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, (1..=all.len() as i64).collect::<Vec<_>>(), "1, 2, 3… with no gap");
    let key = key_of(&db, "customer", c.id);
    let me = all.iter().find(|ch| ch.entity == "customer" && ch.key == key).expect("her record");
    assert_eq!(me.op, ChangeOp::Fields);
    assert_eq!(me.data["full_name"], "Nguyễn Thị Lan");
    assert_eq!(me.site, "CH01");
    assert!(all
        .iter()
        .any(|ch| ch.entity == "customer_phone" && ch.data["customer_id"] == key.as_str()));
    assert!(all.iter().any(|ch| ch.entity == "consent" && ch.op == ChangeOp::Fact));
    // The next write continues the numbering.
    add(&mut db, "Trần Văn Bình", &[]);
    let next = local::pending(db.conn(), all.len() as i64, 100).expect("pending");
    assert_eq!(next.first().map(|c| c.seq), Some(all.len() as i64 + 1));
    assert!(next.iter().all(|c| c.hlc > me.hlc), "later writes order after the snapshot");
}

#[test]
fn joining_again_keeps_the_code_and_another_code_or_a_bad_one_is_refused() {
    let mut db = site("CH01");
    let before = outbox_count(&db);
    db.write(|tx| local::start_site(tx, "CH01")).expect("same code: nothing to do");
    assert_eq!(outbox_count(&db), before, "no second snapshot");
    let taken = db.write(|tx| local::start_site(tx, "CH02")).unwrap_err();
    assert!(matches!(taken, Error::Validation(ref f) if f[0].code == "site_code_taken"));
    let mut fresh = crate::support::db();
    for bad in ["", "CH 01", "CH-01", "ABCDEFGHIJKLMNOPQRSTU"] {
        let e = fresh.write(|tx| local::start_site(tx, bad)).unwrap_err();
        assert!(
            matches!(e, Error::Validation(ref f) if f[0].code == "site_code_invalid"),
            "{bad:?}"
        );
    }
    assert_eq!(local::site(fresh.conn()).expect("site").code, None, "nothing written");
}

#[test]
fn an_edit_captures_only_the_fields_it_changed() {
    let mut db = site("CH01");
    let c = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let after = outbox_count(&db);
    let draft = CustomerDraft {
        full_name: "Nguyễn Thị Lan".into(),
        notes: "Thích áo dài".into(),
        phones: vec![PhoneDraft { raw: "0912345678".into(), is_primary: true }],
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    customer::update(&mut db, c.id, &draft, STAFF, now()).expect("edit");
    let key = key_of(&db, "customer", c.id);
    let changes = local::pending(db.conn(), after, 100).expect("pending");
    let edit = changes.iter().find(|ch| ch.entity == "customer" && ch.key == key).expect("edit");
    assert_eq!(edit.data.get("notes").and_then(|v| v.as_str()), Some("Thích áo dài"));
    assert!(!edit.data.contains_key("full_name"), "the name did not change: not sent");
    assert!(
        changes.iter().any(|ch| ch.entity == "audit" && ch.op == ChangeOp::Fact),
        "the audit row travels as a fact"
    );
}

#[test]
fn a_removed_phone_is_a_tombstone_and_tags_travel_as_a_set() {
    let mut db = site("CH01");
    let c = add(&mut db, "Nguyễn Thị Lan", &["0912345678", "0987654321"]);
    let after = outbox_count(&db);
    let draft = CustomerDraft {
        full_name: "Nguyễn Thị Lan".into(),
        phones: vec![PhoneDraft { raw: "0912345678".into(), is_primary: true }],
        tags: vec!["vip".into(), "sỉ".into()],
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    customer::update(&mut db, c.id, &draft, STAFF, now()).expect("edit");
    let key = key_of(&db, "customer", c.id);
    let changes = local::pending(db.conn(), after, 1000).expect("pending");
    let second = format!("{key}/phone/1");
    let last = changes.iter().rfind(|ch| ch.key == second).expect("second phone");
    assert_eq!(last.data.get("deleted").and_then(|v| v.as_i64()), Some(1), "gone: a tombstone");
    assert_eq!(last.customer.as_deref(), Some(key.as_str()));
    let tags = changes
        .iter()
        .rfind(|ch| ch.entity == "customer" && ch.data.contains_key("tags"))
        .expect("tags");
    assert_eq!(tags.data["tags"], serde_json::json!(["sỉ", "vip"]), "the whole set, sorted");
    assert!(
        changes.iter().all(|ch| !ch.key.contains("0987654321")),
        "keys never carry a phone number"
    );
}

#[test]
fn a_sale_is_captured_with_its_references_as_keys() {
    let mut db = site("CH01");
    let c = add(&mut db, "Nguyễn Thị Lan", &[]);
    let p = phone_product(&mut db);
    let after = outbox_count(&db);
    let id = sell(&mut db, Some(c.id), p.id, "IMEI000111222", 0).id;
    let changes = local::pending(db.conn(), after, 1000).expect("pending");
    let sale_key = key_of(&db, "sale", id);
    let header = changes.iter().find(|ch| ch.key == sale_key).expect("the sale");
    assert_eq!(header.data["customer_id"], key_of(&db, "customer", c.id).as_str());
    let line = changes.iter().find(|ch| ch.entity == "sale_line").expect("its line");
    assert_eq!(line.data["purchase_id"], sale_key.as_str(), "the line points at the sale's key");
    assert_eq!(line.data["product_id"], key_of(&db, "product", p.id).as_str());
    assert!(changes.iter().any(|ch| ch.entity == "unit" && ch.data["serial"] == "IMEI000111222"));
}

#[test]
fn a_write_that_fails_leaves_no_change_behind() {
    let mut db = site("CH01");
    let before = (outbox_count(&db), local::site(db.conn()).expect("site").seq);
    let failed: khachquen::Result<()> = db.write(|tx| {
        tx.execute(
            "INSERT INTO customer(full_name, call_name, folded_name, folded_call, created_at, updated_at)
             VALUES ('Lê Thị Mai', 'Mai', 'le thi mai', 'mai', 'x', 'x')",
            [],
        )?;
        Err(Error::invalid("full_name", "name_empty"))
    });
    assert!(failed.is_err());
    let after = (outbox_count(&db), local::site(db.conn()).expect("site").seq);
    assert_eq!(after, before, "the change and the sequence roll back with the write");
}

#[test]
fn erasing_here_redacts_what_the_outbox_holds_of_her_and_tells_the_others() {
    let mut db = site("CH01");
    let c = add(&mut db, "Xyzzyquỳnh Phạm", &["0911222333"]);
    let draft = CustomerDraft {
        full_name: "Xyzzyquỳnh Phạm".into(),
        notes: "Nhà ở hẻm Xyzzy".into(),
        tags: vec!["xyzzytag".into()],
        phones: vec![PhoneDraft { raw: "0911222333".into(), is_primary: true }],
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    customer::update(&mut db, c.id, &draft, STAFF, now()).expect("edit");
    let key = key_of(&db, "customer", c.id);
    let holds = |db: &khachquen::Db, word: &str| -> i64 {
        db.conn()
            .query_row(
                "SELECT count(*) FROM sync_outbox WHERE data LIKE ?1",
                [format!("%{word}%")],
                |r| r.get(0),
            )
            .expect("count")
    };
    assert!(holds(&db, "Xyzzy") > 0 && holds(&db, "0911222333") > 0, "captured before");
    khachquen::privacy::erase(&mut db, c.id, STAFF, now()).expect("erase");
    for word in ["Xyzzy", "xyzzy", "0911222333", "1133322290"] {
        assert_eq!(holds(&db, word), 0, "{word} left in the outbox");
    }
    let redact =
        all_pending(&db).into_iter().filter(|ch| ch.op == ChangeOp::Redact).collect::<Vec<_>>();
    assert_eq!(redact.len(), 1, "one erasure, one redact change");
    assert_eq!(redact[0].key, key);
}
