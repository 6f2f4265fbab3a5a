//! The hub's schema: made and migrated by the app, idempotent, a newer hub refused; and what a
//! site is told when the hub is away or the password wrong.

use khachquen::hub;

use crate::hub_support::{admin, count, fresh_db, hub_db};
use crate::pg_server::{server, ADMIN};

#[test]
fn init_is_idempotent_and_keeps_what_the_hub_holds() {
    let url = fresh_db();
    assert_eq!(hub::init(&url).unwrap(), hub::SCHEMA_VERSION);
    hub::add_site(&url, "Q1", "Quận 1").unwrap();
    assert_eq!(hub::init(&url).unwrap(), hub::SCHEMA_VERSION, "a second init is no error");
    let mut c = admin(&url);
    assert_eq!(hub::version(&mut c).unwrap(), Some(hub::SCHEMA_VERSION));
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM sites WHERE code = 'Q1'"),
        1,
        "init again must not wipe sites"
    );
}

#[test]
fn a_hub_set_up_by_a_newer_app_is_refused() {
    let url = hub_db();
    admin(&url)
        .batch_execute("UPDATE hub_meta SET value = '99' WHERE key = 'schema_version'")
        .unwrap();
    let e = hub::init(&url).unwrap_err();
    assert_eq!(e.code(), "hub_too_new", "{e}");
    let e = hub::open(&url).err().expect("a site must not work with a newer hub");
    assert_eq!(e.code(), "hub_too_new");
    let e = hub::add_site(&url, "Q1", "Quận 1").unwrap_err();
    assert_eq!(e.code(), "hub_too_new", "nothing is written to a hub this app does not know");
}

#[test]
fn a_damaged_version_is_no_newer_hub() {
    let url = hub_db();
    admin(&url)
        .batch_execute("UPDATE hub_meta SET value = 'v1?' WHERE key = 'schema_version'")
        .unwrap();
    for e in [hub::init(&url).unwrap_err(), hub::open(&url).err().unwrap()] {
        assert_eq!(e.code(), "hub_failed", "{e}");
        assert!(e.to_string().contains("v1?"), "{e}");
    }
}

#[test]
fn an_empty_database_is_no_hub() {
    let url = fresh_db();
    assert_eq!(hub::open(&url).err().map(|e| e.code()), Some("hub_not_initialised"));
    assert_eq!(hub::add_site(&url, "Q1", "x").unwrap_err().code(), "hub_not_initialised");
}

#[test]
fn wrong_password_and_unreachable_hub_have_their_codes() {
    let s = server();
    let wrong = format!("postgres://{ADMIN}:not-the-password@127.0.0.1:{}/postgres", s.port);
    assert_eq!(hub::connect(&wrong).err().map(|e| e.code()), Some("hub_auth_failed"));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let away = format!("postgres://{ADMIN}:x@127.0.0.1:{port}/postgres");
    let e = hub::init(&away).unwrap_err();
    assert_eq!(e.code(), "hub_unreachable", "{e}");
    assert_eq!(hub::connect("not a url").err().map(|e| e.code()), Some("validation"));
}

#[test]
fn the_cli_inits_a_hub_and_says_why_it_cannot() {
    let url = fresh_db();
    let run = |url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khachquen"))
            .args(["hub", "init", "--url", url])
            .output()
            .unwrap()
    };
    for _ in 0..2 {
        let out = run(&url);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("hub schema version"));
    }
    assert_eq!(hub::version(&mut admin(&url)).unwrap(), Some(hub::SCHEMA_VERSION));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let out = run(&format!("postgres://{ADMIN}:x@127.0.0.1:{port}/postgres"));
    assert!(!out.status.success(), "an unreachable hub is a failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be reached"), "the message says why: {err}");
}

/// Every code the hub's errors carry is translated in both languages (the UI shows the
/// fallback "unknown error" otherwise).
#[test]
fn every_hub_error_code_is_translated() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut codes = std::collections::BTreeSet::new();
    for dir in ["src/hub", "src"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()) {
            if e.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&e).unwrap();
                for part in text.split("Error::hub(\"").skip(1) {
                    codes.insert(part.split('"').next().unwrap().to_owned());
                }
            }
        }
    }
    assert!(codes.len() >= 8, "the reader finds the codes: {codes:?}");
    for lang in ["vi", "en"] {
        let table =
            std::fs::read_to_string(root.join(format!("ui/src/lib/i18n/{lang}.ts"))).unwrap();
        let missing: Vec<_> =
            codes.iter().filter(|c| !table.contains(&format!("'error.{c}':"))).collect();
        assert!(missing.is_empty(), "{lang}.ts lacks {missing:?}");
        assert!(table.contains("'field.hub_url_invalid':"), "{lang}.ts: field.hub_url_invalid");
    }
}

#[test]
fn inits_at_once_take_turns() {
    let url = fresh_db();
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || hub::init(&url))
        })
        .collect();
    for r in runs {
        assert_eq!(r.join().unwrap().unwrap(), hub::SCHEMA_VERSION, "no init trips on another");
    }
    let mut c = admin(&url);
    assert_eq!(count(&mut c, "SELECT count(*) FROM hub_meta"), 1);
}
