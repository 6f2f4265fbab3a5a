//! One record merged into two others at two stores apart, her card saved again at a third that
//! knew of neither merge, then the person erased: on a real hub, as the 20-store test found it
//! (issue 15, its seeds 18, 22, 23 and 29). Her number and her name leave every store, a store
//! that joins afterwards, and the hub, whichever merge stood.

use khachquen::{customer, privacy};

use crate::chain_support::*;
use crate::support::{draft, now, STAFF};

const HER_NUMBER: &str = "0903111222";
const HER_NAME: &str = "Phạm Thị Hoa";

fn id_of(s: &Store, phone: &str) -> i64 {
    s.only(phone).0
}

#[test]
fn her_number_and_name_leave_every_store_and_the_hub_whichever_merge_stood() {
    let url = hub_db();
    let (a, b, c) =
        (Store::joined(&url, "MA1"), Store::joined(&url, "MB1"), Store::joined(&url, "MC1"));
    a.add(HER_NAME, HER_NUMBER);
    a.add("Hoa Phạm", "0912000111");
    a.add("Chị Hoa", "0912000222");
    for s in [&a, &b, &c, &a] {
        s.sync();
    }
    // A merges her into one record; B, apart, into another; C, knowing neither, saves her card
    // again (her number written anew under her, at the latest clock).
    let (keep_a, from_a) = (id_of(&a, "0912000111"), id_of(&a, HER_NUMBER));
    customer::merge(&mut a.db(), keep_a, from_a, STAFF, now()).expect("A merges");
    let (keep_b, from_b) = (id_of(&b, "0912000222"), id_of(&b, HER_NUMBER));
    customer::merge(&mut b.db(), keep_b, from_b, STAFF, now()).expect("B merges");
    let at_c = id_of(&c, HER_NUMBER);
    customer::update(&mut c.db(), at_c, &draft(HER_NAME, &[HER_NUMBER]), STAFF, now())
        .expect("C saves her card");
    for s in [&a, &b, &c, &a, &b] {
        s.sync();
    }
    // The record she became, whichever merge stood, is erased: the person goes.
    let stands =
        a.count(&format!("SELECT merged_into FROM customer WHERE full_name = '{HER_NAME}'"));
    privacy::erase(&mut a.db(), stands, STAFF, now()).expect("erased at A");
    for s in [&a, &b, &c, &a, &b, &c] {
        s.sync();
    }
    let d = Store::joined(&url, "MD1");
    d.sync();
    for (s, at) in [(&a, "A"), (&b, "B"), (&c, "C"), (&d, "D, joined after")] {
        let numbers =
            format!("SELECT count(*) FROM customer_phone WHERE canonical = '{HER_NUMBER}'");
        assert_eq!(s.count(&numbers), 0, "{at}: her number is on no record");
        let quotes =
            format!("SELECT count(*) FROM audit_log WHERE instr(detail, '{HER_NAME}') > 0");
        assert_eq!(s.count(&quotes), 0, "{at}: no audit row quotes her");
        let live = "SELECT count(*) FROM customer WHERE merged_into IS NULL AND erased_at IS NULL";
        assert_eq!(s.count(live), 1, "{at}: the record the other merge chose stays");
    }
    let mut hub = crate::hub_support::admin(&url);
    let sql = "SELECT coalesce(string_agg(t, E'\\n'), '') FROM (
        SELECT data::text AS t FROM changes
        UNION ALL SELECT value::text FROM current_fields
        UNION ALL SELECT data::text FROM current_facts) x";
    let text: String = hub.query_one(sql, &[]).expect("the hub's text").get(0);
    assert!(!text.contains(HER_NUMBER), "the hub keeps her number");
    assert!(!text.contains(HER_NAME), "the hub keeps her name");
}
