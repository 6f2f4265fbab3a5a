//! Stores joined to one hub through the CLI, carrying customers, edits and erasures between
//! them with `khachquen sync`.

use crate::chain_support::*;

/// The chain key the customers export gives `name` (its last column).
fn exported_key(store: &Store, name: &str) -> String {
    let csv = store.ok(&["export", "customers"]);
    let header = csv.lines().next().expect("a header");
    assert!(header.ends_with(",created_at,chain_key"), "{header}");
    let row = csv.lines().find(|l| l.contains(name)).expect("her row");
    row.rsplit(',').next().expect("a last column").to_owned()
}

#[test]
fn a_customer_made_at_one_store_is_found_at_the_others_after_sync() {
    let url = hub_db();
    let a = Store::new();
    a.add("Nguyễn Thị Hồng Nhung", "0912345678");
    assert_eq!(exported_key(&a, "Hồng Nhung"), "", "a single shop has no chain key yet");
    // Joining sends what the store already holds.
    a.ok(&["site", "join", "--hub", &url, "--code", "HN1", "--name", "Hà Nội 1"]);
    let key = exported_key(&a, "Hồng Nhung");
    assert!(!key.is_empty());

    let b = Store::joined(&url, "HCM1");
    let c = Store::joined(&url, "DN1");
    c.add("Lê Văn Tám", "0987654321");
    for s in [&a, &b, &c, &a] {
        s.sync();
    }
    for s in [&b, &c] {
        let (_, name, phone) = s.only("hong nhung");
        assert_eq!((name.as_str(), phone.as_str()), ("Nguyễn Thị Hồng Nhung", "0912345678"));
        assert_eq!(exported_key(s, "Hồng Nhung"), key, "one customer, one key, chain-wide");
    }
    assert_eq!(a.only("0987654321").1, "Lê Văn Tám");
    // A second sync finds nothing left and duplicates nothing.
    b.sync();
    assert_eq!(b.search("hong nhung").len(), 1);
    assert_eq!(b.count("SELECT count(*) FROM customer"), 2);
}

#[test]
fn names_edited_apart_converge_to_the_later_clock_and_a_phone_reaches_the_other_store() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    let b = Store::joined(&url, "B");
    let at_a = a.add("Trần Thị Mai", "0903111222");
    a.sync();
    b.sync();
    let at_b = b.only("0903111222").0;

    a.ok(&["customer", "edit", &at_a.to_string(), "--name", "Trần Thị Mai Anh"]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    b.ok(&["customer", "edit", &at_b.to_string(), "--name", "Trần Thị Mai Chi"]);
    b.ok(&[
        "customer",
        "edit",
        &at_b.to_string(),
        "--phone",
        "0903111222",
        "--phone",
        "0358999000",
        "--note",
        "thích màu xanh",
    ]);
    // B's later edit reaches the hub first; A's earlier one after: arrival order must not win.
    b.sync();
    a.sync();
    b.sync();
    for (s, id) in [(&a, at_a), (&b, at_b)] {
        let card: serde_json::Value =
            serde_json::from_str(&s.ok(&["customer", "show", &id.to_string()])).expect("JSON");
        assert_eq!(card["full_name"], "Trần Thị Mai Chi", "{card}");
        assert_eq!(card["notes"], "thích màu xanh");
        let mut phones: Vec<&str> = card["phones"]
            .as_array()
            .expect("phones")
            .iter()
            .map(|p| p["canonical"].as_str().expect("canonical"))
            .collect();
        phones.sort_unstable();
        assert_eq!(phones, ["0358999000", "0903111222"], "{card}");
    }
    assert_eq!(a.only("0358999000").0, at_a, "the new phone finds her at A");
    assert!(a.search("mai anh").is_empty(), "A's older name is gone");
}

#[test]
fn an_erasure_at_one_store_removes_her_at_the_other() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    let b = Store::joined(&url, "B");
    let id = a.add("Phạm Thị Xuyến", "0977123456");
    a.add("Đỗ Văn Khoa", "0977654321");
    a.sync();
    b.sync();
    assert_eq!(b.only("xuyen").1, "Phạm Thị Xuyến");

    khachquen::privacy::erase(&mut a.db(), id, "test", chrono::Utc::now()).expect("erase");
    a.sync();
    b.sync();
    for s in [&a, &b] {
        assert!(s.search("xuyen").is_empty());
        assert!(s.search("0977123456").is_empty());
        assert_eq!(s.only("khoa").1, "Đỗ Văn Khoa", "the others stay");
        let bytes = s.vacuumed_bytes();
        for needle in ["Xuyến", "0977123456"] {
            assert!(!holds(&bytes, needle), "{needle} is still in {}", s.path.display());
        }
    }
    let mut hub = crate::hub_support::admin(&url);
    let sql = "SELECT count(*) FROM changes WHERE data::text LIKE '%Xuyến%' OR data::text LIKE '%0977123456%'";
    assert_eq!(crate::hub_support::count(&mut hub, sql), 0, "the hub keeps none of her");
    assert!(
        crate::hub_support::count(
            &mut hub,
            "SELECT count(*) FROM changes WHERE data::text LIKE '%Khoa%'"
        ) > 0
    );
}
