use khachquen::customer::{self, search::MatchKind, SearchOptions};

use crate::support::*;

fn seeded() -> khachquen::Db {
    let mut db = db();
    add(&mut db, "Đặng Thị Ngọc Hân", &["0912.345.678"]);
    add(&mut db, "Nguyễn Văn Hùng", &["0987 111 678"]);
    add(&mut db, "Trần Thị Lan", &["0903 222 333", "028 3812 3456"]);
    add(&mut db, "Phạm Hoà Bình", &["0168 912 3456"]);
    add(&mut db, "Lê Đức Thủy", &["0355 444 555"]);
    db
}

#[test]
fn finds_her_by_every_way_staff_type_it() {
    let db = seeded();
    for q in [
        "han",
        "Hân",
        "dang ngoc",
        "ngoc dang",
        "dang ngoc han",
        "0912 345 678",
        "+84912345678",
        "84912345678",
        "912345678",
        "0912345678",
        "ha",
        "DANG",
    ] {
        let got = names(&db, q);
        assert_eq!(
            got.first().map(String::as_str),
            Some("Đặng Thị Ngọc Hân"),
            "query {q:?} gave {got:?}"
        );
    }
}

#[test]
fn last_digits_find_everyone_ending_so() {
    let db = seeded();
    let got = names(&db, "678");
    assert_eq!(got.len(), 2, "two numbers end in 678: {got:?}");
    assert!(got.contains(&"Nguyễn Văn Hùng".to_string()));
    assert_eq!(names(&db, "5678"), vec!["Đặng Thị Ngọc Hân"]);
}

#[test]
fn prefix_digits_and_landlines() {
    let db = seeded();
    assert_eq!(names(&db, "0903"), vec!["Trần Thị Lan"]);
    assert_eq!(
        names(&db, "(028) 38.123.456"),
        vec!["Trần Thị Lan"],
        "a second, landline number matches too"
    );
    assert_eq!(
        names(&db, "0389123456"),
        vec!["Phạm Hoà Bình"],
        "old 0168 number is stored converted"
    );
    assert_eq!(
        names(&db, "01689123456"),
        vec!["Phạm Hoà Bình"],
        "and found when typed in the old form"
    );
}

#[test]
fn accents_d_stroke_two_marks_and_tone_placement() {
    let db = seeded();
    assert_eq!(names(&db, "duc"), vec!["Lê Đức Thủy"], "đ folds to d");
    assert_eq!(names(&db, "thuy"), vec!["Lê Đức Thủy"]);
    assert_eq!(names(&db, "thuỷ"), vec!["Lê Đức Thủy"], "old tone placement matches new");
    assert_eq!(names(&db, "hòa"), vec!["Phạm Hoà Bình"]);
    assert_eq!(names(&db, "Ho\u{0300}a"), vec!["Phạm Hoà Bình"], "decomposed input matches");
    assert_eq!(names(&db, "ngọc"), vec!["Đặng Thị Ngọc Hân"]);
}

#[test]
fn all_words_are_required() {
    let db = seeded();
    assert!(names(&db, "lan hung").is_empty(), "no one is both Lan and Hùng");
    assert!(names(&db, "xyz").is_empty());
}

#[test]
fn mixed_name_and_digits() {
    let db = seeded();
    assert_eq!(names(&db, "lan 333"), vec!["Trần Thị Lan"]);
    assert_eq!(names(&db, "hung 678"), vec!["Nguyễn Văn Hùng"]);
    assert!(names(&db, "lan 678").is_empty(), "Lan's numbers do not end in 678");
}

#[test]
fn given_name_ranks_above_other_words_and_family_name_lowest() {
    let mut db = db();
    add(&mut db, "Nguyễn Thị Mai", &[]);
    add(&mut db, "Mai Văn Tuấn", &[]);
    add(&mut db, "Trần Mai Anh", &[]);
    add(&mut db, "Lê Thị Maiên", &[]);
    let got = names(&db, "mai");
    assert_eq!(
        got,
        vec!["Nguyễn Thị Mai", "Lê Thị Maiên", "Trần Mai Anh", "Mai Văn Tuấn"],
        "exact given name, then given-name prefix, then middle name, then family name"
    );
    let kinds: Vec<MatchKind> = customer::search(db.conn(), "mai", SearchOptions::default())
        .expect("search")
        .hits
        .iter()
        .map(|h| h.match_kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            MatchKind::GivenName,
            MatchKind::GivenNamePrefix,
            MatchKind::Name,
            MatchKind::FamilyName
        ]
    );
}

#[test]
fn exact_phone_beats_partial_and_ties_go_to_most_recent_contact() {
    let mut db = db();
    let old = add(&mut db, "Hồ Văn Lâm", &["0912345678"]);
    let recent = add(&mut db, "Ngô Văn Lâm", &["0909999999"]);
    let never = add(&mut db, "Dương Văn Lâm", &["0911111678"]);
    let later = now() + chrono::Duration::days(3);
    customer::touch_contact(&mut db, recent.id, later).expect("touch");
    customer::touch_contact(&mut db, old.id, now() + chrono::Duration::days(1)).expect("touch");
    let _ = never;
    assert_eq!(names(&db, "lam"), vec!["Ngô Văn Lâm", "Hồ Văn Lâm", "Dương Văn Lâm"]);
    let hits =
        customer::search(db.conn(), "0912345678", SearchOptions::default()).expect("search").hits;
    assert_eq!(hits[0].full_name, "Hồ Văn Lâm");
    assert_eq!(hits[0].match_kind, MatchKind::PhoneExact);
}

#[test]
fn hit_shows_the_matched_secondary_phone_and_alert_flag() {
    let db = seeded();
    let hits = customer::search(db.conn(), "3456", SearchOptions::default()).expect("search").hits;
    let lan =
        hits.iter().find(|h| h.full_name == "Trần Thị Lan").expect("Lan matches by her landline");
    assert_eq!(lan.primary_phone.as_deref(), Some("0903 222 333"));
    assert_eq!(lan.matched_phone.as_deref(), Some("028 3812 3456"));
    assert!(!lan.has_alert);
}

#[test]
fn short_or_empty_queries_return_nothing_quickly() {
    let db = seeded();
    for q in
        ["", "   ", "6", "67", "++", "-", "*", "\"", "han*", "NEAR(a b)", "given:han", "a OR b"]
    {
        let r = customer::search(db.conn(), q, SearchOptions::default());
        assert!(r.is_ok(), "query {q:?} must not error: {r:?}");
    }
    assert!(names(&db, "67").is_empty(), "two digits are too few for a phone search");
    let short = customer::search(db.conn(), "6 7", SearchOptions::default()).expect("search");
    assert!(short.too_few_digits, "the result says why it is empty, so the UI can ask for more");
    let name = customer::search(db.conn(), "xyz", SearchOptions::default()).expect("search");
    assert!(!name.too_few_digits, "a word is not a short phone query");
    assert_eq!(names(&db, "han*"), vec!["Đặng Thị Ngọc Hân"], "FTS syntax in input is just text");
    assert!(names(&db, "given:han").is_empty(), "'given' is a word to match, not a column filter");
}

#[test]
fn limit_and_more_flag() {
    let mut db = db();
    for i in 0..30 {
        add(&mut db, &format!("Nguyễn Văn Tư {i}"), &[]);
    }
    let r = customer::search(db.conn(), "tu", SearchOptions { limit: 10, include_archived: false })
        .expect("search");
    assert_eq!(r.hits.len(), 10);
    assert!(r.more, "30 matches, 10 shown: the UI says there are more");
}

#[test]
fn search_statements_use_indexes_and_never_sort_or_scan_customers() {
    let db = seeded();
    for plan in customer::search::query_plans(db.conn()).expect("plans") {
        assert!(!plan.contains("SCAN c"), "a search must not scan the customer table: {plan}");
        assert!(
            !plan.contains("customer_merged_into"),
            "the merged_into index must not drive a search: {plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "a search must not sort all matches: {plan}");
    }
}

#[test]
fn renames_and_merges_keep_the_index_exact() {
    let mut db = db();
    let an = add(&mut db, "Nguyễn Văn An", &["0912000111"]);
    let other = add(&mut db, "Lê Thị Bông", &["0912000222"]);
    let rename = |db: &mut khachquen::Db, name: &str, call: &str| {
        let d = khachquen::customer::CustomerDraft {
            call_name: call.into(),
            allow_duplicate: true,
            ..draft(name, &["0912000111"])
        };
        customer::update(db, an.id, &d, STAFF, now()).expect("rename");
    };
    rename(&mut db, "Trần Thị Bình", "Bé Bình");
    assert!(names(&db, "an").is_empty(), "the old name is gone from the index");
    assert_eq!(names(&db, "tran binh"), vec!["Trần Thị Bình"]);
    assert_eq!(names(&db, "be"), vec!["Trần Thị Bình"], "the call name is indexed");
    rename(&mut db, "Nguyễn Văn An", "");
    assert!(names(&db, "be").is_empty(), "the old call name is gone too");
    assert_eq!(names(&db, "nguyen an"), vec!["Nguyễn Văn An"]);
    customer::archive(&mut db, an.id, STAFF, now()).expect("archive");
    customer::restore(&mut db, an.id, STAFF, now()).expect("restore");
    customer::merge(&mut db, other.id, an.id, STAFF, now()).expect("merge");
    assert!(names(&db, "nguyen an").is_empty(), "a merged record leaves the index");
    assert_eq!(names(&db, "bong"), vec!["Lê Thị Bông"]);
    db.conn()
        .execute("INSERT INTO customer_fts(customer_fts, rank) VALUES ('integrity-check', 0)", [])
        .expect("FTS5 finds its index consistent after deletes by value");
}

#[test]
fn letters_sqlite_does_not_know_match_nothing_instead_of_failing() {
    let mut db = db();
    add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    // U+13F8 and U+19B0 are newer than SQLite's Unicode 6.1 tables: its tokenizer splits there.
    for q in ["ᏸᦰa ", "lan ᏸᦰa"] {
        assert!(names(&db, q).is_empty(), "{q}");
    }
    assert_eq!(names(&db, "lan"), ["Nguyễn Thị Lan"]);
}
