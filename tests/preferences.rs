use khachquen::customer::{self, PreferenceCategory, PreferenceDraft};

use crate::support::*;

fn pref(cat: PreferenceCategory, value: &str, alert: bool) -> PreferenceDraft {
    PreferenceDraft { category: cat, value: value.into(), note: String::new(), is_alert: alert }
}

#[test]
fn add_edit_remove_and_alerts_come_first() {
    let mut db = db();
    let c = add_unasked(&mut db, "Lê Thị Hồng", &["0903000111"]);
    let size = customer::add_preference(
        &mut db,
        c.id,
        &pref(PreferenceCategory::Size, "Giày 38", false),
        "Mai",
        now(),
    )
    .expect("add");
    assert_eq!(size.noted_by, "Mai", "who noted it is kept");
    customer::add_preference(
        &mut db,
        c.id,
        &pref(PreferenceCategory::Other, "Dị ứng hải sản", true),
        STAFF,
        now(),
    )
    .expect("alert");
    let card = customer::get(db.conn(), c.id, today()).expect("card");
    assert_eq!(card.preferences.len(), 2);
    assert!(
        card.preferences[0].is_alert,
        "alerts are listed first so the card can show them prominently"
    );

    let edited = customer::update_preference(
        &mut db,
        size.id,
        &pref(PreferenceCategory::Size, "Giày 39", false),
        STAFF,
        now(),
    )
    .expect("edit");
    assert_eq!(edited.value, "Giày 39");
    customer::remove_preference(&mut db, size.id, STAFF, now()).expect("remove");
    let card = customer::get(db.conn(), c.id, today()).expect("card");
    assert_eq!(card.preferences.len(), 1);
    assert_eq!(table_count(&db, "audit_log"), 5, "create + 2 adds + edit + remove are all audited");
}

#[test]
fn empty_or_oversized_preferences_are_refused() {
    let mut db = db();
    let c = add(&mut db, "Lê Thị Hồng", &[]);
    let empty = customer::add_preference(
        &mut db,
        c.id,
        &pref(PreferenceCategory::Brand, "  ", false),
        STAFF,
        now(),
    );
    assert_eq!(empty.expect_err("empty value").code(), "validation");
    let long = customer::add_preference(
        &mut db,
        c.id,
        &pref(PreferenceCategory::Brand, &"x".repeat(201), false),
        STAFF,
        now(),
    );
    assert_eq!(long.expect_err("too long").code(), "validation");
    let orphan = customer::add_preference(
        &mut db,
        4242,
        &pref(PreferenceCategory::Brand, "Apple", false),
        STAFF,
        now(),
    );
    assert_eq!(orphan.expect_err("no customer").code(), "not_found");
    assert_eq!(table_count(&db, "preference"), 0);
}
