//! Any text typed in the counter's search box: an answer (maybe empty), never an error or a
//! panic, whatever it holds (quotes, FTS operators, digits mixed with names, diacritics).
#![no_main]

use chrono::{TimeZone, Utc};
use khachquen::customer::{self, CustomerDraft, PhoneDraft, SearchOptions};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static DB: khachquen::Db = {
        let mut db = khachquen::Db::open_in_memory().expect("in-memory database");
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
        for (name, phone) in [("Đặng Thị Ngọc Hân", "0912345678"), ("Nguyễn Văn Minh", "0903111222"), ("Lê An", "02838221234")] {
            let d = CustomerDraft {
                full_name: name.into(),
                phones: vec![PhoneDraft { raw: phone.into(), is_primary: true }],
                ..CustomerDraft::default()
            };
            customer::create(&mut db, &d, "fuzz", now).expect("seed customer");
        }
        db
    };
}

fuzz_target!(|query: &str| {
    DB.with(|db| {
        for archived in [false, true] {
            let opts = SearchOptions { include_archived: archived, ..SearchOptions::default() };
            if let Err(e) = customer::search(db.conn(), query, opts) {
                panic!("{query:?}: {e}");
            }
        }
    });
});
