use khachquen::customer;

use crate::support::*;

#[test]
fn demo_is_deterministic_for_a_seed_and_realistic() {
    let mut a = db();
    let mut b = db();
    khachquen::demo::generate(&mut a, 2000, 7, now(), STAFF).expect("demo a");
    khachquen::demo::generate(&mut b, 2000, 7, now(), STAFF).expect("demo b");
    let dump = |db: &khachquen::Db| -> Vec<(String, String)> {
        db.conn()
            .prepare("SELECT c.full_name, p.canonical FROM customer c JOIN customer_phone p ON p.customer_id = c.id AND p.is_primary ORDER BY c.id")
            .expect("q")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("all")
    };
    assert_eq!(dump(&a), dump(&b), "the same seed gives the same customers");
    assert_eq!(customer::count(a.conn()).expect("count"), 2000);

    let nguyen: i64 = a
        .conn()
        .query_row("SELECT count(*) FROM customer WHERE folded_name LIKE 'nguyen %'", [], |r| {
            r.get(0)
        })
        .expect("q");
    assert!((600..=920).contains(&nguyen), "Nguyễn near 38% of 2000, got {nguyen}");
    let mobiles_ok: i64 = a.conn().query_row(
        "SELECT count(*) FROM customer_phone WHERE kind = 'mobile' AND length(canonical) = 10 AND substr(canonical, 2, 1) IN ('3','5','7','8','9')",
        [], |r| r.get(0)).expect("q");
    assert_eq!(
        mobiles_ok,
        table_count(&a, "customer_phone"),
        "every generated phone is a valid mobile"
    );
    assert!(table_count(&a, "preference") > 300, "some customers have preferences");
    assert!(table_count(&a, "customer_tag") > 500, "some customers have tags");
    let other = {
        let mut c = db();
        khachquen::demo::generate(&mut c, 50, 8, now(), STAFF).expect("demo c");
        dump(&c)
    };
    assert_ne!(other[..50], dump(&a)[..50], "another seed gives other customers");
    assert!(
        !customer::search(a.conn(), "nguyen", Default::default()).expect("search").hits.is_empty(),
        "demo data is indexed"
    );
}

fn schema(db: &khachquen::Db) -> Vec<String> {
    db.conn()
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("all")
}

#[test]
fn demo_load_appends_after_existing_customers_and_restores_every_index() {
    let mut db = db();
    let before = schema(&db);
    let hân = add(&mut db, "Đặng Thị Ngọc Hân", &["0912.345.678"]);
    khachquen::demo::generate(&mut db, 300, 3, now(), STAFF).expect("first load");
    khachquen::demo::generate(&mut db, 300, 4, now(), STAFF).expect("second load");
    assert_eq!(schema(&db), before, "indexes dropped for the load are all rebuilt as they were");
    assert_eq!(customer::count(db.conn()).expect("count"), 601);
    let min_demo_id: i64 = db
        .conn()
        .query_row("SELECT min(id) FROM customer WHERE id <> ?1", [hân.id], |r| r.get(0))
        .expect("q");
    assert!(min_demo_id > hân.id, "demo ids come after the existing customer");
    let orphans: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM customer_phone p LEFT JOIN customer c ON c.id = p.customer_id
             WHERE c.id IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("q");
    assert_eq!(orphans, 0);
    // The rebuilt phone indexes answer both a suffix and a prefix search.
    let (canonical, owner): (String, String) = db
        .conn()
        .query_row(
            "SELECT p.canonical, c.full_name FROM customer_phone p JOIN customer c ON c.id = p.customer_id
             WHERE c.id > ?1 ORDER BY p.id DESC LIMIT 1",
            [hân.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("q");
    assert!(names(&db, &canonical).contains(&owner));
    assert!(names(&db, &canonical[canonical.len() - 4..]).contains(&owner));
    assert_eq!(names(&db, "0912345678").first().map(String::as_str), Some("Đặng Thị Ngọc Hân"));
}

#[test]
fn the_cli_demo_stages_the_shops_history_unless_asked_for_customers_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let count = |path: &std::path::Path, table: &str| -> i64 {
        let db = khachquen::Db::open(path).expect("open");
        table_count(&db, table)
    };
    for (name, only) in [("full.db", false), ("bare.db", true)] {
        let path = dir.path().join(name);
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_khachquen"));
        cmd.arg("--db").arg(&path).args(["demo", "--customers", "40", "--seed", "3"]);
        if only {
            cmd.arg("--customers-only");
        }
        let out = cmd.output().expect("the CLI runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(count(&path, "customer"), 40);
        let (sales, claims, consents) =
            (count(&path, "purchase"), count(&path, "claim"), count(&path, "consent"));
        if only {
            assert_eq!((sales, claims, consents), (0, 0, 0), "the benchmarks' bare customers");
        } else {
            assert!(sales >= 5 && claims >= 1 && consents > 0, "{sales} {claims} {consents}");
            assert!(count(&path, "reminder") > 0, "care planned as after the app's button");
        }
    }
}
