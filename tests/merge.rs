use khachquen::customer::{self, CustomerDraft, PreferenceCategory, PreferenceDraft};

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
