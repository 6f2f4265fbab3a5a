//! The duplicate finder: pairs by phone, by name and birthday, by name and the phone's last
//! digits (accent-insensitive), strongest first; dismissed pairs stay dismissed; the scoped
//! scan after an import finds the same pairs as the full one.

use khachquen::customer::{self, CustomerDraft, DuplicateReason, DuplicateScan};
use khachquen::Db;

use crate::support::*;

fn person(db: &mut Db, name: &str, phones: &[&str], birthday: &str) -> i64 {
    customer::create(
        db,
        &CustomerDraft { birthday: birthday.into(), allow_duplicate: true, ..draft(name, phones) },
        STAFF,
        now(),
    )
    .expect("valid customer")
    .id
}

/// (low id, high id, score, reasons) of every listed pair, in order.
fn pairs(scan: &DuplicateScan) -> Vec<(i64, i64, u8, Vec<DuplicateReason>)> {
    scan.pairs.iter().map(|p| (p.a.id, p.b.id, p.score, p.reasons.clone())).collect()
}

#[test]
fn finds_each_reason_accent_insensitive_strongest_first() {
    use DuplicateReason::*;
    let mut db = db();
    // Same person typed twice: accents dropped, another phone, same birthday.
    let mai = person(&mut db, "Trần Thị Mai", &["0912000111"], "08/03/1992");
    let mai2 = person(&mut db, "tran thi  MAI", &["0988777666"], "08/03/1992");
    // Mother and daughter share the home phone: a weak pair.
    let mother = person(&mut db, "Lê Thị Hoa", &["0283 822 1234"], "");
    let daughter = person(&mut db, "Phạm Thu Hà", &["0283 822 1234"], "");
    // One number mistyped at the front: the last seven digits agree.
    let old = person(&mut db, "Đỗ Văn Nam", &["0913 456 789"], "");
    let new = person(&mut db, "Do Van Nam", &["0983 456 789"], "");
    // Same phone and same name: strongest.
    let lan = person(&mut db, "Nguyễn Lan", &["0903111222"], "");
    let lan2 = person(&mut db, "Nguyen Lan", &["0903 111 222"], "");
    // Unrelated namesakes with different birthdays and phones: no pair.
    person(&mut db, "Trần Văn Bình", &["0911000001"], "01/01/1980");
    person(&mut db, "Tran Van Binh", &["0911000002"], "02/02/1990");

    let scan = customer::scan_duplicates(db.conn(), 50).expect("scan");
    assert_eq!(
        pairs(&scan),
        vec![
            (lan, lan2, 75, vec![Phone, NamePhoneTail]),
            (mai, mai2, 60, vec![NameBirthday]),
            (mother, daughter, 40, vec![Phone]),
            (old, new, 35, vec![NamePhoneTail]),
        ],
        "every reason found, strongest first; different people with one name are not paired"
    );
    assert_eq!(scan.total, 4);
    let first = &scan.pairs[0];
    assert_eq!(first.a.primary_phone.as_deref(), Some("0903 111 222"), "sides read for display");
    assert_eq!(scan.pairs[1].b.birthday_display, "08/03/1992");

    let top = customer::scan_duplicates(db.conn(), 1).expect("scan");
    assert_eq!((top.pairs.len(), top.total), (1, 4), "the limit lists fewer, the total counts all");
}

#[test]
fn only_live_customers_are_paired_and_crowded_keys_are_not() {
    let mut db = db();
    let a = person(&mut db, "Võ Minh Tâm", &["0905123456"], "");
    let archived = person(&mut db, "Vo Minh Tam", &["0905123456"], "");
    customer::archive(&mut db, archived, STAFF, now()).expect("archive");
    let merged_a = person(&mut db, "Hồ Thị Yến", &["0905000111"], "");
    let merged_b = person(&mut db, "Ho Thi Yen", &["0905000111"], "");
    customer::merge(&mut db, merged_a, merged_b, STAFF, now()).expect("merge");
    // The shop's own number typed for walk-ins: not one person.
    for i in 0..9 {
        person(&mut db, &format!("Khách lẻ {i}"), &["0281234567"], "");
    }
    let scan = customer::scan_duplicates(db.conn(), 50).expect("scan");
    assert!(
        scan.pairs.is_empty(),
        "archived, merged and placeholder phones make no pairs: {:?}",
        pairs(&scan)
    );
    assert!(customer::duplicates_among(db.conn(), &[a, archived], 50)
        .expect("scan")
        .pairs
        .is_empty());
}

#[test]
fn a_dismissed_pair_is_not_offered_again() {
    let mut db = db();
    let a = person(&mut db, "Lê Thị Hoa", &["0283 822 1234"], "");
    let b = person(&mut db, "Phạm Thu Hà", &["0283 822 1234"], "");
    let c = person(&mut db, "Le Thi Hoa", &["0283 822 1234"], "");
    assert_eq!(customer::scan_duplicates(db.conn(), 50).expect("scan").total, 3);
    let audit_before = table_count(&db, "audit_log");
    // Dismissed as (high, low): the pair is one whichever way round.
    customer::dismiss_duplicate(&mut db, b, a, STAFF, now()).expect("dismiss");
    customer::dismiss_duplicate(&mut db, a, b, STAFF, now()).expect("again is harmless");
    assert_eq!(table_count(&db, "audit_log"), audit_before + 2, "one row per customer, once");
    let scan = customer::scan_duplicates(db.conn(), 50).expect("scan");
    let left: Vec<(i64, i64)> = scan.pairs.iter().map(|p| (p.a.id, p.b.id)).collect();
    assert_eq!(left, vec![(a, c), (b, c)], "only the dismissed pair is gone");
    let among = customer::duplicates_among(db.conn(), &[b], 50).expect("scan");
    assert_eq!(among.pairs.iter().map(|p| (p.a.id, p.b.id)).collect::<Vec<_>>(), vec![(b, c)]);
    assert_eq!(
        customer::dismiss_duplicate(&mut db, a, 999, STAFF, now()).expect_err("missing").code(),
        "not_found"
    );
}

#[test]
fn the_scoped_scan_finds_the_full_scans_pairs_that_involve_its_customers() {
    let mut db = db();
    let mai = person(&mut db, "Trần Thị Mai", &["0912000111"], "08/03/1992");
    let lan = person(&mut db, "Nguyễn Lan", &["0903111222"], "");
    let nam = person(&mut db, "Đỗ Văn Nam", &["0913 456 789"], "");
    let hoa = person(&mut db, "Lê Thị Hoa", &["0283 822 1234"], "");
    let other = person(&mut db, "Phạm Thu Hà", &["0283 822 1234"], "");
    // What an import brought in.
    let new = [
        person(&mut db, "tran thi mai", &["0988777666"], "08/03/1992"),
        person(&mut db, "Nguyen Lan", &["0903111222"], ""),
        person(&mut db, "Do Van Nam", &["0983 456 789"], ""),
        person(&mut db, "Bùi Quang Huy", &["0977000999"], ""),
    ];
    let full = customer::scan_duplicates(db.conn(), 50).expect("scan");
    let among = customer::duplicates_among(db.conn(), &new, 50).expect("scan");
    let expected: Vec<_> =
        pairs(&full).into_iter().filter(|p| new.contains(&p.0) || new.contains(&p.1)).collect();
    assert_eq!(pairs(&among), expected, "same pairs, scores and order as the full scan");
    assert_eq!(
        among.pairs.iter().map(|p| (p.a.id, p.b.id)).collect::<Vec<_>>(),
        vec![(lan, new[1]), (mai, new[0]), (nam, new[2])]
    );
    assert!(!pairs(&among).iter().any(|p| (p.0, p.1) == (hoa, other)), "a pair without new ones");
}

#[test]
fn the_cli_lists_duplicates_and_merges_a_pair() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("shop.db");
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khachquen"))
            .arg("--db")
            .arg(&db_path)
            .args(args)
            .output()
            .expect("the CLI runs")
    };
    let add = |name: &str, phone: &str| {
        let out = cli(&[
            "customer",
            "add",
            "--name",
            name,
            "--phone",
            phone,
            "--birthday",
            "08/03/1992",
            "--allow-duplicate",
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    add("Trần Thị Mai", "0912000111");
    add("Tran Thi Mai", "0988777666");
    let out = cli(&["customer", "duplicates"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "60\t1\tTrần Thị Mai\t2\tTran Thi Mai\tname_birthday\n"
    );

    let out = cli(&["customer", "merge", "1", "2"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\tTrần Thị Mai\t0912000111,0988777666\n");
    let out = cli(&["search", "0988777666"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\tTrần Thị Mai\t0912000111\n");
    let out = cli(&["customer", "merge", "1", "2"]);
    assert!(!out.status.success(), "a merged record cannot be merged again");
    let out = cli(&["customer", "duplicates"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "no pair left");
    let log = khachquen::Db::open(&db_path).expect("open");
    let staff: String = log
        .conn()
        .query_row("SELECT staff FROM audit_log WHERE action = 'merge'", [], |r| r.get(0))
        .expect("the merge is audited");
    assert_eq!(staff, "cli");
}

#[test]
fn after_an_import_only_pairs_with_its_customers_are_offered_until_it_is_undone() {
    use khachquen::desk::{self, Counter};
    use khachquen::io::import::{self, CommitMode, Source};
    let mut db = db();
    let owner = khachquen::staff::first_owner(&mut db, "Chủ Hà", "246810", now()).expect("owner");
    let dir = tempfile::tempdir().expect("temp dir");
    let counter = Counter::new(dir.path().to_path_buf());
    let mai = person(&mut db, "Trần Thị Mai", &["0913 456 789"], "");
    // A pair older than the import: not this import's to review.
    person(&mut db, "Lê Thị Hoa", &["0283 822 1234"], "");
    person(&mut db, "Phạm Thu Hà", &["0283 822 1234"], "");
    let src = Source::read(
        "Tên khách hàng,Điện thoại\nTran Thi Mai,0983 456 789\nBùi Quang Huy,0977 000 999\n"
            .as_bytes(),
    )
    .expect("csv");
    let mapping = import::inspect(db.conn(), &src).expect("inspect").mapping;
    import::commit(
        &mut db,
        &src,
        &mapping,
        CommitMode::AllOrNothing,
        "so.csv",
        STAFF,
        now(),
        &mut |_| {},
    )
    .expect("import");

    let review = |db: &mut Db| {
        desk::serve(db, &counter, &owner, now(), |d| d.duplicates_in_last_import())
            .expect("the owner may review")
    };
    let scan = review(&mut db);
    assert_eq!(
        pairs(&scan).into_iter().map(|p| (p.0, p.3)).collect::<Vec<_>>(),
        vec![(mai, vec![DuplicateReason::NamePhoneTail])],
        "only the imported Mai's pair"
    );
    import::undo_last(&mut db, STAFF, now()).expect("undo");
    assert!(review(&mut db).pairs.is_empty(), "an undone import offers nothing");
}

#[test]
fn both_sides_phones_are_masked_for_an_account_that_may_not_see_them() {
    use khachquen::staff::MaskPhones;
    let mut db = db();
    person(&mut db, "Trần Thị Mai", &["0912000111"], "08/03/1992");
    person(&mut db, "Tran Thi Mai", &["0988777666"], "08/03/1992");
    let mut scan = customer::scan_duplicates(db.conn(), 10).expect("scan");
    scan.mask_phones();
    let shown: Vec<Option<&str>> = scan
        .pairs
        .iter()
        .flat_map(|p| [p.a.primary_phone.as_deref(), p.b.primary_phone.as_deref()])
        .collect();
    assert_eq!(shown, vec![Some("0912 xxx 111"), Some("0988 xxx 666")]);
}

#[test]
fn a_lunar_birthday_and_a_solar_one_on_the_same_numbers_are_not_the_same_birthday() {
    let mut db = db();
    let lunar = |db: &mut Db, id: i64| {
        let p = customer::care_profile::CareProfile {
            birthday_lunar: true,
            ..customer::care_profile::CareProfile::default()
        };
        customer::care_profile::save(db, id, &p, STAFF, now()).expect("lunar birthday");
    };
    // Two women named Lan: one born on a solar 20/12, the other keeps her lunar 20/12.
    let solar = person(&mut db, "Nguyễn Thị Lan", &["0912000111"], "20/12/1980");
    let moon = person(&mut db, "Nguyen Thi Lan", &["0988777666"], "20/12/1980");
    lunar(&mut db, moon);
    // The same lunar birthday typed twice: one person.
    let moon2 = person(&mut db, "nguyễn thị lan", &["0977555444"], "20/12/1980");
    lunar(&mut db, moon2);

    let full = customer::scan_duplicates(db.conn(), 50).expect("scan");
    assert_eq!(
        pairs(&full),
        vec![(moon, moon2, 60, vec![DuplicateReason::NameBirthday])],
        "the solar one pairs with neither lunar record"
    );
    let among = customer::duplicates_among(db.conn(), &[solar, moon2], 50).expect("scan");
    assert_eq!(pairs(&among), pairs(&full), "the scoped scan agrees");
}
