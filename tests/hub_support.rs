//! What the hub's tests share: the test server, a hub on a fresh database, and changes made
//! to order.

use khachquen::hub::{self, Client, SiteCredentials};
use khachquen::sync::change::{Change, ChangeOp};
use khachquen::sync::hlc::Hlc;
use serde_json::{json, Value};

pub use crate::pg_server::fresh_db;

/// A fresh database with the hub's tables; its owner's URL.
pub fn hub_db() -> String {
    let url = fresh_db();
    hub::init(&url).expect("a fresh database takes the hub's tables");
    url
}

pub fn admin(url: &str) -> Client {
    hub::open(url).expect("the hub's owner connects")
}

pub fn site(url: &str, code: &str) -> (SiteCredentials, Client) {
    let creds = hub::add_site(url, code, &format!("Cửa hàng {code}")).expect("the site joins");
    let client = hub::connect_as(url, &creds.role, &creds.password).expect("the site connects");
    (creds, client)
}

pub fn hlc(wall_ms: i64, site: &str) -> Hlc {
    Hlc { wall_ms, counter: 0, site: site.into() }
}

fn object(data: Value) -> serde_json::Map<String, Value> {
    match data {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// A customer's fields set at `site`, seq `seq`, clock `wall_ms`.
pub fn fields(site: &str, seq: i64, wall_ms: i64, customer: &str, data: Value) -> Change {
    Change {
        site: site.into(),
        seq,
        hlc: hlc(wall_ms, site),
        entity: "customer".into(),
        key: customer.into(),
        op: ChangeOp::Fields,
        data: object(data),
        customer: Some(customer.into()),
    }
}

/// A sale of `customer`, a fact.
pub fn sale(site: &str, seq: i64, wall_ms: i64, key: &str, customer: &str) -> Change {
    Change {
        site: site.into(),
        seq,
        hlc: hlc(wall_ms, site),
        entity: "sale".into(),
        key: key.into(),
        op: ChangeOp::Fact,
        data: object(json!({ "customer": customer, "amount": 1_990_000, "note": "giao tận nhà" })),
        customer: Some(customer.into()),
    }
}

/// `n` field changes of site `site` from seq `from`, each naming a customer of its own.
pub fn batch(site: &str, from: i64, n: i64) -> Vec<Change> {
    (from..from + n)
        .map(|seq| {
            let key = format!("{site}-c{seq}");
            fields(site, seq, 1_000 + seq, &key, json!({ "name": format!("Khách {seq}") }))
        })
        .collect()
}

pub fn count(client: &mut Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).expect(sql).get(0)
}
