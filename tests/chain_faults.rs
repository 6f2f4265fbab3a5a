//! What may go wrong between a store and its hub: the hub away, a sync killed, a code taken.

use std::process::Stdio;
use std::time::Duration;

use crate::chain_support::*;

fn outbox(s: &Store) -> i64 {
    s.count("SELECT count(*) FROM sync_outbox")
}

#[test]
fn sync_with_the_hub_away_fails_with_a_message_and_loses_nothing() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    let b = Store::joined(&url, "B");
    a.add("Hoàng Thị Yến", "0911222333");
    let (before, url_kept) = {
        let db = a.db();
        let kept: String =
            db.conn().query_row("SELECT url FROM sync_hub", [], |r| r.get(0)).expect("url");
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        db.conn()
            .execute("UPDATE sync_hub SET url = 'postgres://127.0.0.1:1/hub'", [])
            .expect("away");
        (outbox(&a), kept)
    };
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("the hub cannot be reached"), "{message}");
    assert_eq!(outbox(&a), before, "the outbox is intact");

    a.db().conn().execute("UPDATE sync_hub SET url = ?1", [&url_kept]).expect("back");
    a.sync();
    b.sync();
    assert_eq!(b.only("0911222333").1, "Hoàng Thị Yến");
}

#[test]
fn the_admin_password_is_not_kept_and_the_site_password_only_sealed() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    let bytes = a.vacuumed_bytes();
    assert!(!holds(&bytes, crate::pg_server::ADMIN_PASSWORD));
    let db = a.db();
    let (kept, sealed): (String, String) = db
        .conn()
        .query_row("SELECT url, sealed FROM sync_hub", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the way to the hub");
    assert!(!kept.contains(crate::pg_server::ADMIN), "{kept}");
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"), "{sealed}");
    assert!(a.path.with_file_name(khachquen::hub::KEY_FILE).exists(), "the key beside the file");
}

/// Runs `args` at `store`, killed (SIGKILL) after `at` unless done; whether it finished.
fn run_or_kill(store: &Store, args: &[&str], at: Duration) -> bool {
    let mut cmd = store.command(args);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let done = crate::support::run_or_kill(cmd, at);
    assert!(done.is_none_or(|s| s.success()), "khachquen {args:?} failed");
    done.is_some()
}

/// Kills `sync` at `store` sooner, then later and later, until one run finishes; how many
/// were killed.
fn sync_under_kills(store: &Store) -> usize {
    let mut at = Duration::from_millis(40);
    let mut killed = 0;
    while !run_or_kill(store, &["sync"], at) {
        killed += 1;
        at = at * 3 / 2;
    }
    killed
}

#[test]
fn a_sync_killed_midway_then_rerun_converges_with_no_fact_twice() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    let b = Store::joined(&url, "B");
    // Customers with sales, claims and care: thousands of changes, many batches.
    a.ok(&["demo", "--customers", "300", "--seed", "7"]);
    let captured = outbox(&a);
    assert!(captured > 2_000, "{captured} changes");

    let killed = sync_under_kills(&a) + sync_under_kills(&b);
    assert!(killed > 0, "no sync was stopped midway");
    a.sync();
    b.sync();

    for sql in [
        "SELECT count(*) FROM customer",
        "SELECT count(*) FROM customer_phone",
        "SELECT count(*) FROM purchase",
        "SELECT count(*) FROM purchase_line",
        "SELECT count(*) FROM claim",
    ] {
        assert_eq!(a.count(sql), b.count(sql), "{sql}");
    }
    assert!(b.count("SELECT count(*) FROM purchase") > 0);
    assert_eq!(
        b.count("SELECT count(*) FROM (SELECT key FROM purchase GROUP BY key HAVING count(*) > 1)"),
        0,
        "a sale applied twice"
    );
    let mut hub = crate::hub_support::admin(&url);
    let held = crate::hub_support::count(&mut hub, "SELECT count(*) FROM changes WHERE site = 'A'");
    assert_eq!(held, captured, "each change held once at the hub");
    assert_eq!(
        crate::hub_support::count(&mut hub, "SELECT max(seq) FROM changes WHERE site = 'A'"),
        captured
    );
    assert_eq!(b.count("SELECT seq FROM sync_cursor WHERE site = 'A'"), captured);
}

#[test]
fn joining_with_a_code_taken_fails_and_changes_nothing_here() {
    let url = hub_db();
    let _a = Store::joined(&url, "Q1");
    let c = Store::new();
    c.add("Vũ Thị Hạnh", "0933444555");
    for code in ["Q1", "q1"] {
        let out = c.run(&["site", "join", "--hub", &url, "--code", code, "--name", "Quận 1"]);
        assert!(!out.status.success());
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(message.contains("is already taken"), "{message}");
    }
    assert_eq!(c.count("SELECT count(*) FROM sync_hub"), 0);
    assert_eq!(c.count("SELECT count(*) FROM sync_site WHERE code IS NOT NULL"), 0);
    assert_eq!(c.count("SELECT count(*) FROM sync_outbox"), 0);
    assert_eq!(c.count("SELECT count(*) FROM customer WHERE key IS NOT NULL"), 0);
    assert!(!c.path.with_file_name(khachquen::hub::KEY_FILE).exists());
    let out = c.run(&["sync"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("has not joined a chain"));
}

#[test]
fn a_hub_upgraded_by_a_newer_app_stops_the_sync_with_a_message_and_loses_nothing() {
    let url = hub_db();
    let a = Store::joined(&url, "A");
    a.add("Đinh Thị Huệ", "0911444555");
    let before = outbox(&a);
    let set_version = |v: i64| {
        let mut admin = khachquen::hub::connect(&url).expect("admin");
        admin
            .execute(
                "UPDATE hub_meta SET value = $1 WHERE key = 'schema_version'",
                &[&v.to_string()],
            )
            .expect("version");
    };
    set_version(khachquen::hub::SCHEMA_VERSION + 1);
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("newer version of Khách Quen"), "{message}");
    assert_eq!(outbox(&a), before, "the outbox is intact");

    set_version(khachquen::hub::SCHEMA_VERSION);
    a.sync();
    let b = Store::joined(&url, "B");
    assert_eq!(b.only("0911444555").1, "Đinh Thị Huệ");
}
