//! A store's database put back from an old backup, through `chain::sync` against a real hub: it
//! must not bring back what was erased or overwritten since the backup, and it must number its
//! new changes after those the hub already holds from it (not lose them as "already sent").

use std::path::Path;

use crate::chain_support::*;

/// The store's file as a backup would hold it: everything checkpointed into the main file.
fn copy_of(store: &Store, to: &Path) {
    {
        let db = store.db();
        db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    }
    std::fs::copy(&store.path, to).expect("backup copy");
}

fn put_back(store: &Store, from: &Path) {
    for ext in ["-wal", "-shm"] {
        let mut p = store.path.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(p);
    }
    std::fs::copy(from, &store.path).expect("restored");
}

fn hub_seq(url: &str, site: &str) -> i64 {
    let mut hub = crate::hub_support::admin(url);
    crate::hub_support::count(
        &mut hub,
        &format!("SELECT last_seq FROM sites WHERE code = '{site}'"),
    )
}

#[test]
fn a_store_restored_from_an_old_backup_resurrects_nothing_and_loses_nothing_new() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    let b = Store::joined(&url, "B");
    let lan = a.add("Nguyễn Thị Lan", "0911000111");
    let binh = a.add("Trần Văn Bình", "0911000222");
    a.sync();
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = dir.path().join("old.db");
    copy_of(&a, &backup);

    // Since the backup: one customer erased, another renamed, both synced everywhere.
    khachquen::privacy::erase(&mut a.db(), lan, "test", chrono::Utc::now()).expect("erase");
    a.ok(&["customer", "edit", &binh.to_string(), "--name", "Trần Văn Bình Mới"]);
    a.sync();
    b.sync();
    let held = hub_seq(&url, "A");
    assert!(b.search("0911000111").is_empty(), "B erased her too");

    put_back(&a, &backup);
    let seq_restored = a.count("SELECT seq FROM sync_site");
    assert!(seq_restored < held, "the old file is behind what the hub holds of it");
    // The counter works before any sync: this write takes a number the hub already holds.
    a.add("Phạm Thị Mai", "0911000333");
    a.sync();

    assert!(a.search("0911000111").is_empty(), "the erased customer does not come back at A");
    assert!(a.search("lan").is_empty());
    assert_eq!(a.only("0911000222").1, "Trần Văn Bình Mới", "the later name is kept at A");
    assert!(a.count("SELECT seq FROM sync_site") > held, "A numbers on after the hub's");
    b.sync();
    assert_eq!(b.only("0911000333").1, "Phạm Thị Mai", "what A wrote after the restore arrives");
    assert_eq!(b.only("0911000222").1, "Trần Văn Bình Mới", "the old name is not pushed again");

    // A's clock continues past what it wrote before the restore: its next edit wins.
    a.ok(&["customer", "edit", &binh.to_string(), "--name", "Trần Văn Bình Ba"]);
    a.sync();
    b.sync();
    assert_eq!(b.only("0911000222").1, "Trần Văn Bình Ba");
    let mut hub = crate::hub_support::admin(&url);
    let sql = "SELECT count(*) FROM changes WHERE data::text LIKE '%Lan%' OR data::text LIKE '%0911000111%'";
    assert_eq!(crate::hub_support::count(&mut hub, sql), 0, "nothing of her reaches the hub again");
}
