//! Any bytes as an imported file: refused with an import error or read row by row, and a dry
//! run over them, never a panic.
#![no_main]

use chrono::{TimeZone, Utc};
use khachquen::io::import::{self, Source};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static DB: khachquen::Db = khachquen::Db::open_in_memory().expect("in-memory database");
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(src) = Source::read(bytes) else { return };
    let mut header = None;
    for row in src.rows().take(200) {
        match row {
            Ok((_, cells)) => {
                header.get_or_insert(cells);
            }
            Err(khachquen::Error::Import { .. }) => return,
            Err(e) => panic!("a row fails with something other than an import error: {e}"),
        }
    }
    let Some(header) = header else { return };
    let mapping = import::suggest(&header);
    assert_eq!(mapping.columns.len(), header.len());
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
    DB.with(|db| match import::dry_run(db.conn(), &src, &mapping, now, &mut |_| {}) {
        Ok(_) | Err(khachquen::Error::Import { .. }) => {}
        Err(e) => panic!("a dry run fails with something other than an import error: {e}"),
    });
});
