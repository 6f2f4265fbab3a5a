//! TLS to the hub as libpq reads `sslmode`: the test server has Debian's default setup, TLS on
//! with a self-signed certificate. `prefer` and `require` encrypt without checking it,
//! `verify-ca`/`verify-full` check it against `sslrootcert` (else Mozilla's roots).

use khachquen::hub;

use crate::hub_support::hub_db;
use crate::pg_server::server;

/// Whether the connection `url` opens is encrypted, as the server sees it.
fn encrypted(url: &str) -> bool {
    let mut c = hub::connect(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    c.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0)
}

#[test]
fn a_self_signed_hub_is_reached_encrypted_unless_told_otherwise() {
    let url = hub_db();
    assert!(encrypted(&url), "the default (prefer) encrypts with a self-signed certificate");
    assert!(encrypted(&format!("{url}?sslmode=require")));
    assert!(!encrypted(&format!("{url}?sslmode=disable")), "clear text when asked");
    assert!(hub::open(&format!("{url}?sslmode=require&connect_timeout=5")).is_ok());
}

#[test]
fn verify_full_trusts_the_certificate_given_and_no_other() {
    let url = hub_db();
    let cert = server().cert.display().to_string();
    assert!(encrypted(&format!("{url}?sslmode=verify-full&sslrootcert={cert}")));
    assert!(encrypted(&format!("{url}?sslmode=verify-ca&sslrootcert={cert}")));
    for mode in ["verify-full", "verify-ca"] {
        let e = hub::connect(&format!("{url}?sslmode={mode}")).err().unwrap();
        assert_eq!(e.code(), "hub_tls_untrusted", "{mode} with Mozilla's roots only: {e}");
    }
    // Another certificate than the server's.
    let dir = tempfile::tempdir().unwrap();
    let other = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let path = dir.path().join("other.crt");
    std::fs::write(&path, other.cert.pem()).unwrap();
    let e = hub::connect(&format!("{url}?sslmode=verify-full&sslrootcert={}", path.display()))
        .err()
        .unwrap();
    assert_eq!(e.code(), "hub_tls_untrusted", "{e}");
    // As in libpq, `require` with a root checks the chain.
    let e = hub::connect(&format!("{url}?sslmode=require&sslrootcert={}", path.display()))
        .err()
        .unwrap();
    assert_eq!(e.code(), "hub_tls_untrusted", "{e}");
    let missing = dir.path().join("missing.crt");
    let e = hub::connect(&format!("{url}?sslmode=verify-full&sslrootcert={}", missing.display()))
        .err()
        .unwrap();
    assert_eq!(e.code(), "hub_tls_root_unreadable", "{e}");
}

#[test]
fn require_never_falls_back_to_clear_text() {
    // A server that answers "no TLS here" to the client's request.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut stream in listener.incoming().flatten() {
            let mut request = [0u8; 8];
            if stream.read_exact(&mut request).is_ok() {
                let _ = stream.write_all(b"N");
            }
        }
    });
    let url = format!("postgres://kq_admin:x@127.0.0.1:{port}/postgres");
    let e = hub::connect(&format!("{url}?sslmode=require")).err().unwrap();
    assert_eq!(e.code(), "hub_unreachable", "no TLS, no connection: {e}");
}
