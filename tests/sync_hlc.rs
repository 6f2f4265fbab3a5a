//! The hybrid logical clock: monotonic whatever the wall clock does, after everything received,
//! and one total order that text order (SQLite, PostgreSQL) keeps.

use proptest::prelude::*;

use khachquen::sync::hlc::Hlc;
use khachquen::sync::local;

use crate::support::*;
use crate::sync_support::*;

const DAY: i64 = 86_400_000;
const NOW: i64 = 1_795_000_000_000;

fn clock() -> impl Strategy<Value = Hlc> {
    (NOW - 2 * DAY..NOW + 2 * DAY, 0u32..5, "[A-C]{1,2}").prop_map(|(wall_ms, counter, site)| Hlc {
        wall_ms,
        counter,
        site,
    })
}

proptest! {
    #[test]
    fn now_is_monotonic_under_any_wall_clock(walls in proptest::collection::vec(
        prop_oneof![NOW - 600_000..NOW + 600_000, Just(NOW - DAY), Just(NOW)], 1..60)) {
        let mut last = Hlc::zero("A");
        for w in walls {
            let next = Hlc::now(w, &last);
            prop_assert!(next > last, "{next} after {last}");
            prop_assert!(next.wall_ms >= w, "never behind the wall clock");
            prop_assert!(next.to_string() > last.to_string(), "text order is clock order");
            last = next;
        }
    }

    #[test]
    fn receive_orders_after_the_remote_and_the_last(remote in clock(), last in clock(),
        wall in NOW - DAY..NOW + DAY) {
        let next = Hlc::receive(&remote, wall, &last);
        prop_assert!(next > last);
        prop_assert!(next.wall_ms > remote.wall_ms
            || (next.wall_ms == remote.wall_ms && next.counter > remote.counter),
            "{next} strictly after {remote} whatever the sites");
        prop_assert_eq!(&next.site, &last.site, "the clock stays this site's");
    }

    #[test]
    fn the_order_is_total_and_text_keeps_it(a in clock(), b in clock()) {
        prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
        prop_assert_eq!(a == b, a.cmp(&b) == std::cmp::Ordering::Equal);
        prop_assert_eq!(Hlc::parse(&a.to_string()), Some(a.clone()));
    }
}

#[test]
fn a_full_counter_moves_to_the_next_millisecond() {
    let last = Hlc { wall_ms: NOW, counter: 999_999, site: "A".into() };
    let next = Hlc::now(NOW - 5, &last);
    assert_eq!((next.wall_ms, next.counter), (NOW + 1, 0));
    assert!(next.to_string() > last.to_string(), "the text keeps its width");
}

#[test]
fn the_capture_triggers_keep_counting_when_the_pc_clock_is_set_back_a_day() {
    let mut db = site("CH01");
    let joined = outbox_count(&db);
    add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let before = local::site(db.conn()).expect("site").hlc;
    db.write(|tx| local::set_clock_offset(tx, -DAY)).expect("clock back");
    let c = add(&mut db, "Trần Văn Bình", &["0987654321"]);
    let key = key_of(&db, "customer", c.id);
    let all = all_pending(&db);
    let made = all.iter().find(|ch| ch.key == key).expect("captured");
    assert!(made.hlc > before, "{} after {before} though the wall clock went back", made.hlc);
    // The snapshot taken on joining shares one clock; every write after it has its own.
    let clocks: Vec<_> = all.iter().filter(|c| c.seq > joined).map(|c| c.hlc.clone()).collect();
    assert!(clocks.windows(2).all(|w| w[0] < w[1]), "every change after the one before");
}
