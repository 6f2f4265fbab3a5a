//! What a site sends is checked by the hub itself (`hub_push`), whatever its client: a clock
//! that is not the site's or far ahead, data that is no object. Pulls serve acknowledged
//! changes only, so a row that reached the log some other way cannot stop anyone's pull.

use khachquen::hub::{self, Cursors};
use khachquen::sync::hlc::Hlc;
use serde_json::json;

use crate::hub_support::{admin, batch, count, fields, hub_db, site};

/// The code `hub_push` refused a raw call with.
fn refused(client: &mut hub::Client, hlc: &str, data: &str) -> Option<String> {
    let sql = "SELECT hub_push('Q1', ARRAY[1::bigint], ARRAY[$1], '{customer}', '{k}',
        '{fields}', ARRAY[$2], '{k}')";
    let e = client.query_one(sql, &[&hlc, &data]).err()?;
    e.code().map(|c| c.code().to_owned())
}

#[test]
fn a_clock_not_well_formed_or_not_the_sites_own_is_refused() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    site(&url, "Q2");
    for bad in [
        "garbage",
        "1000-0-Q1",
        "00000000000100x-000000-Q1",
        "000000000001000-000000-Q2",
        "000000000001000-000000-Q1x",
        "000000000001000-000000-",
    ] {
        assert_eq!(refused(&mut q1, bad, "{}").as_deref(), Some("KQ004"), "{bad}");
    }
    for bad in ["\"a string\"", "[1, 2]", "null", "3"] {
        let ok = "000000000001000-000000-Q1";
        assert_eq!(refused(&mut q1, ok, bad).as_deref(), Some("KQ004"), "{bad}");
    }
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM changes"), 0, "nothing was taken");
    assert_eq!(refused(&mut q1, "000000000001000-000000-Q1", "{}"), None, "a good one is");
}

#[test]
fn a_clock_more_than_an_hour_ahead_of_the_hub_is_refused() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let now = chrono::Utc::now().timestamp_millis();
    let mut ahead = fields("Q1", 1, now + 2 * 3_600_000, "c1", json!({"name": "Tương Lai"}));
    let e = hub::push(&mut q1, "Q1", std::slice::from_ref(&ahead)).unwrap_err();
    assert_eq!(e.code(), "hub_clock_ahead", "{e}");
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM changes"), 0);
    // Ten minutes of skew is an ordinary clock.
    ahead.hlc = Hlc { wall_ms: now + 600_000, counter: 3, site: "Q1".into() };
    assert_eq!(hub::push(&mut q1, "Q1", &[ahead]).unwrap(), 1);
}

#[test]
fn a_row_put_in_the_log_past_hub_push_is_never_pulled() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let (_, mut q2) = site(&url, "Q2");
    hub::push(&mut q1, "Q1", &batch("Q1", 1, 2)).unwrap();
    // The owner's account (or a grant made by mistake) writes one unchecked row.
    admin(&url)
        .batch_execute(
            "INSERT INTO changes (site, seq, hlc, entity, key, op, data)
             VALUES ('Q1', 3, 'not a clock', 'customer', 'k', 'fields', '{}')",
        )
        .unwrap();
    let pulled = hub::pull(&mut q2, "Q2", &Cursors::new(), 100).unwrap();
    assert_eq!(pulled.iter().map(|c| c.seq).collect::<Vec<_>>(), vec![1, 2], "acknowledged only");
}
