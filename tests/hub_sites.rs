//! Sites and their rights: a PostgreSQL role per site, row-level security enforced by
//! PostgreSQL itself, store codes unique in the chain, and the password sealed at rest.

use khachquen::hub;

use crate::hub_support::{admin, batch, count, hub_db, site};

/// PostgreSQL's own words for a refusal, and that it is one (`insufficient_privilege`).
fn refusal(e: &postgres::Error) -> String {
    let db = e.as_db_error().unwrap_or_else(|| panic!("the server answered: {e}"));
    assert_eq!(db.code(), &postgres::error::SqlState::INSUFFICIENT_PRIVILEGE, "{db}");
    db.message().to_owned()
}

#[test]
fn a_site_role_cannot_write_into_the_log_but_through_hub_push_as_itself() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    site(&url, "Q2");
    // Straight SQL, past the app's own checks: the server is what stops it.
    let insert = "INSERT INTO changes (site, seq, hlc, entity, key, op, data)
        VALUES ($1, 1, '000000000001000-000000-Q1', 'customer', 'k', 'fields', '{}')";
    for code in ["Q1", "Q2"] {
        let e = q1.execute(insert, &[&code]).unwrap_err();
        assert!(refusal(&e).contains("permission denied"), "{code}: {e:?}");
    }
    // Through the one door, under another code: refused by the hub, not only by the app.
    let push = "SELECT hub_push($1, '{1}', '{000000000001000-000000-Q2}', '{customer}', '{k}',
        '{fields}', '{\"{}\"}', '{k}')";
    let e = q1.query_one(push, &[&"Q2"]).unwrap_err();
    assert_eq!(e.code().map(|c| c.code()), Some("KQ002"), "{e:?}");
    let e = q1.query_one(push, &[&"hub"]).unwrap_err();
    assert_eq!(e.code().map(|c| c.code()), Some("KQ002"), "nobody pushes as the hub: {e:?}");
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM changes"), 0);
}

#[test]
fn a_site_role_may_push_and_pull_and_nothing_else() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    hub::push(&mut q1, "Q1", &batch("Q1", 1, 1)).unwrap();
    for sql in [
        "SELECT count(*) FROM current_fields",
        "SELECT count(*) FROM current_customers",
        "UPDATE changes SET data = '{}'",
        "DELETE FROM changes",
        "UPDATE sites SET last_seq = 0",
        "INSERT INTO erased (customer) VALUES ('x')",
        "SELECT hub_may_push('Q1')",
        "SELECT hub_scrub('Q1-c1')",
        // Erasing is a pushed Redact change, logged for the other sites; never a bare call.
        "SELECT hub_redact('Q1-c1')",
        // Not a function of the owner's to shadow (PostgreSQL 14 and older let anyone).
        "CREATE FUNCTION public.format(text, bigint, bigint, bigint) RETURNS text
            LANGUAGE sql AS 'SELECT 1::text'",
        "CREATE TABLE public.erased_too (x int)",
    ] {
        let e = q1.batch_execute(sql).unwrap_err();
        assert!(refusal(&e).contains("permission denied"), "{sql}: {e:?}");
    }
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM changes"), 1);
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM erased"), 0);
}

#[test]
fn the_hubs_functions_find_nothing_a_site_could_have_put_first() {
    let url = hub_db();
    let mut a = admin(&url);
    let rows = a
        .query(
            "SELECT p.proname, array_to_string(p.proconfig, ',') FROM pg_proc p
             WHERE p.proname LIKE 'hub\\_%' AND p.prosecdef",
            &[],
        )
        .unwrap();
    assert!(rows.len() >= 4, "the hub's SECURITY DEFINER functions");
    for r in rows {
        let (name, config): (String, String) = (r.get(0), r.get(1));
        assert_eq!(config, "search_path=pg_catalog, public, pg_temp", "{name}");
    }
}

#[test]
fn a_store_code_already_taken_is_refused() {
    let url = hub_db();
    let first = hub::add_site(&url, "HN-01", "Hà Nội").unwrap();
    for again in ["HN-01", "hn-01"] {
        let e = hub::add_site(&url, again, "Khác").unwrap_err();
        assert_eq!(e.code(), "site_code_taken", "{again}: {e}");
    }
    // `-` and `_` are two codes, and two roles.
    let other = hub::add_site(&url, "HN_01", "Hà Nội 2").unwrap();
    assert_ne!(other.role, first.role);
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM sites WHERE code <> 'hub'"), 2);
    assert!(hub::connect_as(&url, &first.role, &first.password).is_ok(), "the first one stands");
    for bad in ["", "HN 01", "Hà-Nội", "-Q1", "ABCDEFGHIJKLMNOPQ", "hub", "HUB"] {
        assert_eq!(hub::add_site(&url, bad, "x").unwrap_err().code(), "site_code_invalid", "{bad}");
    }
}

#[test]
fn a_role_left_on_the_server_is_named_not_taken_for_a_code() {
    let url = hub_db();
    let mut a = admin(&url);
    let database: String = a.query_one("SELECT current_database()", &[]).unwrap().get(0);
    // A hub dropped earlier left its role behind.
    a.batch_execute(&format!("CREATE ROLE kq_{database}_q9")).unwrap();
    let e = hub::add_site(&url, "Q9", "Quận 9").unwrap_err();
    assert_eq!(e.code(), "site_role_taken", "{e}");
    assert!(e.to_string().contains(&format!("kq_{database}_q9")), "{e}");
    assert_eq!(count(&mut a, "SELECT count(*) FROM sites WHERE code = 'Q9'"), 0);
}

#[test]
fn a_site_password_is_its_own_and_random() {
    let url = hub_db();
    let a = hub::add_site(&url, "Q1", "Quận 1").unwrap();
    let b = hub::add_site(&url, "Q2", "Quận 2").unwrap();
    assert_ne!(a.password, b.password);
    assert!(a.password.len() >= 32);
    let e = hub::connect_as(&url, &a.role, &b.password).err().unwrap();
    assert_eq!(e.code(), "hub_auth_failed");
}

#[test]
fn credentials_are_sealed_with_the_data_folders_key() {
    let here = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = "s3cret-password-of-Q1";
    let sealed = hub::seal(here.path(), secret).unwrap();
    assert!(!sealed.contains(secret), "the password is not kept in clear");
    assert_eq!(hub::unseal(here.path(), &sealed).unwrap(), secret);
    assert_ne!(hub::seal(here.path(), secret).unwrap(), sealed, "each sealing is fresh");
    // The database file copied to another computer: its key is not there.
    assert_eq!(
        hub::unseal(elsewhere.path(), &sealed).unwrap_err().code(),
        "hub_credentials_unreadable"
    );
    hub::seal(elsewhere.path(), "other").unwrap();
    assert_eq!(
        hub::unseal(elsewhere.path(), &sealed).unwrap_err().code(),
        "hub_credentials_unreadable"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(here.path().join(hub::KEY_FILE)).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the key is readable by its owner only");
    }
}

#[test]
fn first_uses_of_the_key_at_once_all_seal_with_one_whole_key() {
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let start = std::sync::Arc::new(std::sync::Barrier::new(8));
        let sealers: Vec<_> = (0..8)
            .map(|i| {
                let (dir, start) = (dir.path().to_owned(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    (i, hub::seal(&dir, &format!("secret {i}")))
                })
            })
            .collect();
        for s in sealers {
            let (i, sealed) = s.join().unwrap();
            let sealed = sealed.unwrap_or_else(|e| panic!("sealer {i} read a half key: {e}"));
            assert_eq!(hub::unseal(dir.path(), &sealed).unwrap(), format!("secret {i}"));
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap()).collect();
        assert_eq!(names.len(), 1, "no temporary file left beside the key");
    }
}

#[test]
fn credentials_never_print_their_password() {
    let url = hub_db();
    let creds = hub::add_site(&url, "Q1", "Quận 1").unwrap();
    let shown = format!("{creds:?}");
    assert!(shown.contains(&creds.role) && !shown.contains(&creds.password), "{shown}");
}
