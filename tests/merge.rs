use khachquen::customer::{self, CustomerDraft, PreferenceCategory, PreferenceDraft};
use serde_json::json;

use crate::support::*;

#[test]
fn merge_moves_everything_in_one_go() {
    let mut db = db();
    let keep = add(&mut db, "Trần Thị Mai", &["0912000111"]);
    let from = customer::create(
        &mut db,
        &CustomerDraft {
            tags: vec!["VIP".into()],
            notes: "Thích hoa hồng".into(),
            email: "mai@example.vn".into(),
            birthday: "08/03/1992".into(),
            allow_duplicate: true,
            ..draft("Tran Thi Mai", &["0912000111", "0933444555"])
        },
        STAFF,
        now(),
    )
    .expect("second record");
    customer::add_preference(
        &mut db,
        from.id,
        &PreferenceDraft {
            category: PreferenceCategory::Colour,
            value: "Hồng".into(),
            note: String::new(),
            is_alert: false,
        },
        STAFF,
        now(),
    )
    .expect("pref");

    let merged = customer::merge(&mut db, keep.id, from.id, STAFF, now()).expect("merge");
    let canon: Vec<&str> = merged.phones.iter().map(|p| p.canonical.as_str()).collect();
    assert_eq!(canon, vec!["0912000111", "0933444555"], "shared phone kept once, the other moved");
    assert_eq!(merged.phones.iter().filter(|p| p.is_primary).count(), 1);
    assert_eq!(merged.tags, vec!["VIP".to_string()]);
    assert_eq!(merged.preferences.len(), 1);
    assert_eq!(merged.notes, "Thích hoa hồng");
    assert_eq!(merged.email, "mai@example.vn", "empty fields are filled from the merged record");
    assert_eq!(merged.birthday_display, "08/03/1992");

    let gone =
        customer::get(db.conn(), from.id, today()).expect("the merged record stays for history");
    assert_eq!(gone.merged_into, Some(keep.id));
    let kept: Vec<&str> = gone.phones.iter().map(|p| p.canonical.as_str()).collect();
    assert_eq!(kept, vec!["0912000111"], "the shared number stays on it too, the other moved");
    assert_eq!(names(&db, "0933444555"), vec!["Trần Thị Mai"]);
    let hits = customer::search(
        db.conn(),
        "mai",
        customer::SearchOptions { include_archived: true, limit: 0 },
    )
    .expect("search");
    assert_eq!(
        hits.hits.len(),
        1,
        "a merged record never shows in search, even with archived ones"
    );
    assert_eq!(
        customer::update(&mut db, from.id, &draft("X", &[]), STAFF, now())
            .expect_err("merged")
            .code(),
        "customer_archived"
    );
}

#[test]
fn merge_repoints_history_tables_added_later() {
    let mut db = db();
    let keep = add(&mut db, "A Một", &[]);
    let from = add(&mut db, "A Hai", &[]);
    // A table a later feature adds (purchases, claims…): merge must move its rows by foreign key.
    db.conn()
        .execute_batch(&format!(
            "CREATE TABLE visit (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer(id));
             INSERT INTO visit(customer_id) VALUES ({0}), ({0});",
            from.id
        ))
        .expect("fixture table");
    customer::merge(&mut db, keep.id, from.id, STAFF, now()).expect("merge");
    let moved: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM visit WHERE customer_id = ?1", [keep.id], |r| r.get(0))
        .expect("count");
    assert_eq!(moved, 2);
}

#[test]
fn merge_refuses_self_and_missing_and_changes_nothing() {
    let mut db = db();
    let a = add(&mut db, "A", &["0912000111"]);
    assert_eq!(
        customer::merge(&mut db, a.id, a.id, STAFF, now()).expect_err("self").code(),
        "merge_self"
    );
    assert_eq!(
        customer::merge(&mut db, a.id, 77, STAFF, now()).expect_err("missing").code(),
        "not_found"
    );
    assert_eq!(customer::get(db.conn(), a.id, today()).expect("card").phones.len(), 1);
}

/// Each audit row of a merge quotes only the customer it is filed under: erasing one blanks
/// her words, and a merge that loses to another made apart leaves none of hers on the record
/// it chose (issue 15).
#[test]
fn a_merges_audit_rows_quote_each_customer_under_her_own_row() {
    let mut db = db();
    let keep = add(&mut db, "Nguyễn Văn Giữ", &["0912000111"]);
    let from = add(&mut db, "Trần Thị Nhập", &["0912000222"]);
    customer::merge(&mut db, keep.id, from.id, STAFF, now()).expect("merge");
    let detail = |action: &str, id: i64| -> String {
        db.conn()
            .query_row(
                "SELECT detail FROM audit_log WHERE action = ?1 AND entity_id = ?2",
                rusqlite::params![action, id],
                |r| r.get(0),
            )
            .expect("audited")
    };
    let (kept, merged) = (detail("merge", keep.id), detail("merged_into", from.id));
    assert!(kept.contains("Nguyễn Văn Giữ") && !kept.contains("Trần Thị Nhập"), "{kept}");
    assert!(!kept.contains("0912000222"), "{kept}");
    assert!(merged.contains("Trần Thị Nhập") && !merged.contains("Nguyễn Văn Giữ"), "{merged}");
}

/// A merge audited by a build before the split (issue 15) filed her whole card under the kept
/// customer's row. Upgrading splits those rows as new merges write them, and blanks her card
/// where she is erased already: afterwards no erasure leaves a name of hers in the log.
#[test]
fn merges_audited_before_the_split_are_split_on_upgrade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    let split = khachquen::db::MIGRATIONS
        .iter()
        .position(|m| m.contains("merge made before 0030's build"))
        .expect("the split's migration");
    {
        // What the build before the split left: two merges, the second one's merged customer
        // erased since (by a sync: her own row blanked, the kept one's row still quoting her).
        let mut conn = rusqlite::Connection::open(&path).expect("raw");
        khachquen::db::apply_migrations(&mut conn, &khachquen::db::MIGRATIONS[..split])
            .expect("the old build's schema");
        let card = |id: i64, name: &str, phone: &str| {
            json!({ "id": id, "full_name": name, "phones": [{ "canonical": phone }] }).to_string()
        };
        let old = [
            (1, 2, card(1, "Nguyễn Văn Giữ", "0912000111"), card(2, "Trần Thị Nhập", "0912000222")),
            (3, 4, card(3, "Lê Văn Còn", "0912000333"), card(4, "Phạm Thị Xoá", "0912000444")),
        ];
        for (kept, merged, kept_card, merged_card) in &old {
            let card = json(merged_card);
            let name = card["full_name"].as_str().expect("name");
            for (id, n) in [(kept, "kept"), (merged, name)] {
                conn.execute(
                    "INSERT INTO customer(id, full_name, call_name, folded_name, folded_call,
                        created_at, updated_at) VALUES (?1, ?2, '', 'x', '', 'x', 'x')",
                    rusqlite::params![id, n],
                )
                .expect("customer");
            }
            let merge = json!({ "from": json(merged_card), "before": json(kept_card),
                "after": json(merged_card), "choices": [] });
            conn.execute(
                "INSERT INTO audit_log(at, staff, action, entity, entity_id, detail) VALUES
                    ('2026-11-01T03:00:00Z', 'Hà', 'merge', 'customer', ?1, ?3),
                    ('2026-11-01T03:00:00Z', 'Hà', 'merged_into', 'customer', ?2, ?4)",
                rusqlite::params![
                    kept,
                    merged,
                    merge.to_string(),
                    json!({ "into": kept }).to_string()
                ],
            )
            .expect("the old merge's rows");
        }
        conn.execute_batch(
            "UPDATE customer SET merged_into = 1, archived_at = 'x' WHERE id = 2;
             UPDATE customer SET merged_into = 3, archived_at = 'x', erased_at = 'x' WHERE id = 4;
             UPDATE audit_log SET detail = '{\"redacted\":true}' WHERE entity_id = 4;",
        )
        .expect("the second one erased");
    }
    let quoted = |db: &khachquen::db::Db, text: &str| -> i64 {
        db.conn()
            .query_row("SELECT count(*) FROM audit_log WHERE instr(detail, ?1) > 0", [text], |r| {
                r.get(0)
            })
            .expect("count")
    };
    let mut db = khachquen::db::Db::open(&path).expect("upgrade");
    let detail = |db: &khachquen::db::Db, action: &str, id: i64| -> serde_json::Value {
        let text: String = db
            .conn()
            .query_row(
                "SELECT detail FROM audit_log WHERE action = ?1 AND entity_id = ?2",
                rusqlite::params![action, id],
                |r| r.get(0),
            )
            .expect("audited");
        serde_json::from_str(&text).expect("json")
    };
    let kept = detail(&db, "merge", 1);
    assert_eq!(kept["from"], json!(2), "{kept}");
    assert!(kept.get("after").is_none() && kept["before"]["full_name"] == "Nguyễn Văn Giữ");
    assert!(kept.get("choices").is_some(), "{kept}");
    let hers = detail(&db, "merged_into", 2);
    assert_eq!(hers["into"], json!(1));
    assert_eq!(hers["card"]["full_name"], "Trần Thị Nhập", "her card under her own row");
    assert_eq!(quoted(&db, "Phạm Thị Xoá"), 0, "erased before the upgrade: gone");
    assert_eq!(quoted(&db, "0912000444"), 0);
    assert_eq!(detail(&db, "merge", 3)["before"]["full_name"], "Lê Văn Còn");

    // Erased at another store that did not know of the merge, as a sync applies it.
    db.write(|tx| khachquen::privacy::erase_records(tx, 2, STAFF, now()).map(drop)).expect("erase");
    assert_eq!(quoted(&db, "Trần Thị Nhập"), 0, "erased after the upgrade: gone");
    assert_eq!(quoted(&db, "0912000222"), 0);
    assert!(quoted(&db, "Nguyễn Văn Giữ") > 0, "the kept one's own history stays");
    let update = db.conn().execute("UPDATE audit_log SET staff = 'x' WHERE id = 1", []);
    assert!(update.is_err(), "the log is append-only again");
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("json")
}
