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
    let mut db = khachquen::db::Db::open(&path).expect("open");
    let keep = add(&mut db, "Nguyễn Văn Giữ", &["0912000111"]);
    let from = add(&mut db, "Trần Thị Nhập", &["0912000222"]);
    let keep2 = add(&mut db, "Lê Văn Còn", &["0912000333"]);
    let gone = add(&mut db, "Phạm Thị Xoá", &["0912000444"]);
    let gone_card = customer::get(db.conn(), gone.id, today()).expect("card");
    customer::merge(&mut db, keep.id, from.id, STAFF, now()).expect("merge");
    customer::merge(&mut db, keep2.id, gone.id, STAFF, now()).expect("merge");
    // Erased at another store that did not know of the merge, as a sync applies it.
    let erase_merged = |db: &mut khachquen::db::Db, id: i64| {
        db.write(|tx| khachquen::privacy::erase_records(tx, id, STAFF, now()).map(drop))
            .expect("erase")
    };
    erase_merged(&mut db, gone.id);
    drop(db);
    // What the old build wrote: the other's card under the kept row, the kept card after it,
    // and only the kept id on hers.
    let conn = rusqlite::Connection::open(&path).expect("raw");
    let from_card = conn
        .query_row(
            "SELECT json_extract(detail, '$.card') FROM audit_log WHERE action = 'merged_into'
             AND entity_id = ?1",
            [from.id],
            |r| r.get::<_, String>(0),
        )
        .expect("her card");
    let old = [(keep.id, from.id, from_card), (keep2.id, gone.id, json!(gone_card).to_string())];
    conn.execute_batch("DROP TRIGGER audit_log_no_update").expect("old build");
    for (kept, merged, card) in old {
        conn.execute(
            "UPDATE audit_log SET detail = json_set(detail, '$.from', json(?2), '$.after', json(?2))
             WHERE action = 'merge' AND entity_id = ?1",
            rusqlite::params![kept, card],
        )
        .expect("old merge row");
        conn.execute(
            "UPDATE audit_log SET detail = json_object('into', ?1)
             WHERE action = 'merged_into' AND entity_id = ?2 AND detail <> '{\"redacted\":true}'",
            rusqlite::params![kept, merged],
        )
        .expect("old merged_into row");
    }
    let latest = khachquen::db::MIGRATIONS.len() as i64;
    conn.pragma_update(None, "user_version", latest - 1).expect("before the split");
    let quoted = |conn: &rusqlite::Connection, name: &str| -> i64 {
        conn.query_row("SELECT count(*) FROM audit_log WHERE instr(detail, ?1) > 0", [name], |r| {
            r.get(0)
        })
        .expect("count")
    };
    assert_eq!(quoted(&conn, "Phạm Thị Xoá"), 1, "the hole: the erased one quoted by the kept");
    drop(conn);

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
    let kept = detail(&db, "merge", keep.id);
    assert_eq!(kept["from"], json!(from.id), "{kept}");
    assert!(kept.get("after").is_none() && kept["before"]["full_name"] == "Nguyễn Văn Giữ");
    assert!(kept.get("choices").is_some(), "{kept}");
    let hers = detail(&db, "merged_into", from.id);
    assert_eq!(hers["into"], json!(keep.id));
    assert_eq!(hers["card"]["full_name"], "Trần Thị Nhập", "her card under her own row");
    assert_eq!(quoted(db.conn(), "Phạm Thị Xoá"), 0, "erased before the upgrade: gone");
    assert_eq!(quoted(db.conn(), "0912000444"), 0);
    assert_eq!(detail(&db, "merge", keep2.id)["before"]["full_name"], "Lê Văn Còn");

    erase_merged(&mut db, from.id);
    assert_eq!(quoted(db.conn(), "Trần Thị Nhập"), 0, "erased after the upgrade: gone");
    assert_eq!(quoted(db.conn(), "0912000222"), 0);
    assert!(quoted(db.conn(), "Nguyễn Văn Giữ") > 0, "the kept one's own history stays");
    let update = db.conn().execute("UPDATE audit_log SET staff = 'x' WHERE id = 1", []);
    assert!(update.is_err(), "the log is append-only again");
}
