//! Erasure reaches the hub's log and current state (Law 91), and what arrives later about an
//! erased customer is kept without data.

use khachquen::hub::{self, Cursors};
use khachquen::sync::change::{Change, ChangeOp};
use serde_json::json;

use crate::hub_support::{admin, count, fields, hlc, hub_db, sale, site};

const LAN: &str = "cust-lan";
const MAI: &str = "cust-mai";

/// How many rows anywhere in the hub still carry `text`.
fn traces(client: &mut hub::Client, text: &str) -> i64 {
    let like = format!("%{text}%");
    let mut n = 0;
    for sql in [
        "SELECT count(*) FROM changes WHERE data::text LIKE $1",
        "SELECT count(*) FROM current_fields WHERE value::text LIKE $1",
        "SELECT count(*) FROM current_facts WHERE data::text LIKE $1",
        "SELECT count(*) FROM current_customers WHERE data::text LIKE $1",
    ] {
        n += client.query_one(sql, &[&like]).unwrap().get::<_, i64>(0);
    }
    n
}

fn history(url: &str) -> hub::Client {
    let (_, mut q1) = site(url, "Q1");
    hub::push(
        &mut q1,
        "Q1",
        &[
            fields("Q1", 1, 1_000, LAN, json!({"name": "Nguyễn Thị Lan", "phone": "0903123456"})),
            sale("Q1", 2, 2_000, "sale-lan", LAN),
            fields("Q1", 3, 3_000, MAI, json!({"name": "Trần Mai", "phone": "0912000111"})),
        ],
    )
    .unwrap();
    q1
}

#[test]
fn redact_removes_a_customers_personal_data_from_log_and_current_state() {
    let url = hub_db();
    history(&url);
    let mut a = admin(&url);
    assert!(traces(&mut a, "0903123456") > 0, "the hub held Lan's phone");
    hub::redact(&mut a, LAN).unwrap();
    assert_eq!(traces(&mut a, "0903123456"), 0, "no trace of Lan's phone anywhere");
    assert_eq!(traces(&mut a, "giao tận nhà"), 0, "nor of her sale's note");
    assert_eq!(
        count(&mut a, "SELECT count(*) FROM changes WHERE site = 'Q1'"),
        3,
        "the log keeps its seqs"
    );
    assert_eq!(traces(&mut a, "0912000111"), 3, "Mai's data is untouched");
}

#[test]
fn an_erasure_pushed_by_a_site_redacts_and_what_comes_later_stays_empty() {
    let url = hub_db();
    let mut q1 = history(&url);
    let erase = Change {
        site: "Q1".into(),
        seq: 4,
        hlc: hlc(4_000, "Q1"),
        entity: "customer".into(),
        key: LAN.into(),
        op: ChangeOp::Redact,
        data: serde_json::Map::new(),
        customer: Some(LAN.into()),
    };
    hub::push(&mut q1, "Q1", &[erase]).unwrap();
    let mut a = admin(&url);
    assert_eq!(traces(&mut a, "0903123456"), 0);
    // Q2 was offline and edited Lan before hearing of it; its push arrives afterwards.
    let (_, mut q2) = site(&url, "Q2");
    hub::push(&mut q2, "Q2", &[fields("Q2", 1, 3_500, LAN, json!({"phone": "0903999888"}))])
        .unwrap();
    assert_eq!(traces(&mut a, "0903999888"), 0, "an erased customer is not brought back");
    let pulled = hub::pull(&mut q2, "Q2", &Cursors::new(), 100).unwrap();
    assert!(
        pulled.iter().any(|c| c.op == ChangeOp::Redact && c.key == LAN),
        "other sites learn of the erasure"
    );
    // What stays of her sale is no text of hers.
    let words = |c: &&Change| c.data.values().any(|v| v.as_str().is_some_and(|s| !s.is_empty()));
    let hers: Vec<&Change> =
        pulled.iter().filter(|c| c.customer.as_deref() == Some(LAN)).filter(words).collect();
    assert!(hers.is_empty(), "{hers:?}");
}

/// A sale as a store captures it: the spec's fields, its note hers.
fn spec_sale(site: &str, seq: i64, key: &str, customer: &str) -> Change {
    let data = json!({ "receipt_no": "Q1-7", "customer_id": customer, "total": 1_990_000,
        "note": "giao tận nhà 0903123456", "deleted": 0 });
    Change {
        entity: "sale".into(),
        key: key.into(),
        data: data.as_object().cloned().unwrap_or_default(),
        customer: Some(customer.into()),
        ..fields(site, seq, 2_500, customer, json!({}))
    }
}

#[test]
fn an_erased_customers_sale_stays_without_her_words_for_a_store_that_pulls_it_later() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let sale = spec_sale("Q1", 1, "sale-lan", LAN);
    hub::push(&mut q1, "Q1", &[sale, redaction("Q1", 2, LAN)]).unwrap();
    // Q2 was away: it pulls her sale only now, after the erasure.
    let (_, mut q2) = site(&url, "Q2");
    let pulled = hub::pull(&mut q2, "Q2", &Cursors::new(), 100).unwrap();
    let got = pulled.iter().find(|c| c.key == "sale-lan").expect("her sale is still served");
    assert_eq!(got.data["receipt_no"], "Q1-7", "{got:?}");
    assert_eq!(got.data["total"], 1_990_000);
    assert_eq!(got.data["note"], "", "her words are gone");
    let mut a = admin(&url);
    assert_eq!(traces(&mut a, "0903123456"), 0);
    let total = "SELECT count(*) FROM current_fields WHERE key = 'sale-lan' AND field = 'total'";
    assert_eq!(count(&mut a, total), 1, "the owner's views keep the sale, anonymous");
}

fn redaction(site: &str, seq: i64, customer: &str) -> Change {
    Change {
        site: site.into(),
        seq,
        hlc: hlc(5_000, site),
        entity: "customer".into(),
        key: customer.into(),
        op: ChangeOp::Redact,
        data: serde_json::Map::new(),
        customer: Some(customer.into()),
    }
}

/// `first` pushes and holds its transaction open while `second` pushes from another thread,
/// then commits: the two meet as they would when two stores sync at once.
fn at_once(url: &str, first: (&str, Change), second: (&str, Change)) {
    let (_, mut a) = site(url, first.0);
    let (_, mut b) = site(url, second.0);
    let mut tx = a.transaction().unwrap();
    hub::push_in(&mut tx, first.0, &[first.1]).unwrap();
    let code = second.0.to_owned();
    let other = std::thread::spawn(move || hub::push(&mut b, &code, &[second.1]).unwrap());
    // Long enough for the second push to reach the hub and wait, or to slip past.
    std::thread::sleep(std::time::Duration::from_millis(500));
    tx.commit().unwrap();
    other.join().unwrap();
}

#[test]
fn an_erasure_and_an_edit_pushed_at_once_leave_no_data_whichever_commits_first() {
    let phone = "0903555777";
    let edit = |s: &str| fields(s, 1, 3_000, LAN, json!({"name": "Lan", "phone": phone}));
    // The edit's transaction first, the erasure waiting for it.
    let url = hub_db();
    at_once(&url, ("Q1", edit("Q1")), ("Q2", redaction("Q2", 1, LAN)));
    assert_eq!(traces(&mut admin(&url), phone), 0, "the edit then the erasure");
    // The erasure's first, the edit waiting for it.
    let url = hub_db();
    at_once(&url, ("Q2", redaction("Q2", 1, LAN)), ("Q1", edit("Q1")));
    assert_eq!(traces(&mut admin(&url), phone), 0, "the erasure then the edit");
}

#[test]
fn pushes_without_an_erasure_do_not_wait_for_each_other() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let (_, mut q2) = site(&url, "Q2");
    let mut tx = q1.transaction().unwrap();
    hub::push_in(&mut tx, "Q1", &[fields("Q1", 1, 1_000, LAN, json!({"name": "Lan"}))]).unwrap();
    // Were the lock exclusive this would wait for ever on the open transaction.
    let high = hub::push(&mut q2, "Q2", &[fields("Q2", 1, 1_000, MAI, json!({"name": "Mai"}))]);
    assert_eq!(high.unwrap(), 1);
    tx.commit().unwrap();
}

#[test]
fn an_erasure_by_the_hubs_owner_is_logged_and_pulled_by_every_site() {
    let url = hub_db();
    history(&url);
    let (_, mut q2) = site(&url, "Q2");
    let mut a = admin(&url);
    assert_eq!(hub::redact(&mut a, LAN).unwrap(), 1);
    assert_eq!(hub::redact(&mut a, MAI).unwrap(), 2, "the hub's own seqs follow on");
    let pulled = hub::pull(&mut q2, "Q2", &Cursors::new(), 100).unwrap();
    let from_hub: Vec<_> = pulled.iter().filter(|c| c.site == hub::HUB_SITE).collect();
    assert_eq!(from_hub.len(), 2, "{pulled:?}");
    assert!(from_hub[0].op == ChangeOp::Redact && from_hub[0].customer.as_deref() == Some(LAN));
    assert_eq!(from_hub[0].hlc.site, hub::HUB_SITE);
    assert_eq!(traces(&mut a, "0912000111"), 0);
}
