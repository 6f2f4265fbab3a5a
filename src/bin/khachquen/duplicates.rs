//! `khachquen customer duplicates` and `khachquen customer merge KEEP OTHER`.

use khachquen::clock::local_date;
use khachquen::customer::{self, DuplicateReason};
use khachquen::{Db, Error};

use crate::CLI_STAFF;

/// Prints `score<TAB>id<TAB>name<TAB>id<TAB>name<TAB>reasons`, strongest first.
pub(crate) fn duplicates(db: &Db, limit: usize) -> Result<(), Error> {
    let scan = customer::scan_duplicates(db.conn(), limit)?;
    for p in &scan.pairs {
        let reasons: Vec<&str> = p.reasons.iter().map(|r| reason(*r)).collect();
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            p.score,
            p.a.id,
            p.a.full_name,
            p.b.id,
            p.b.full_name,
            reasons.join(",")
        );
    }
    eprintln!("{} of {} pairs", scan.pairs.len(), scan.total);
    Ok(())
}

/// Merges OTHER into KEEP (KEEP's values, its empty fields filled from OTHER's) and prints
/// the kept card.
pub(crate) fn merge(
    db: &mut Db,
    keep: i64,
    other: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let card = customer::merge(db, keep, other, CLI_STAFF, now)?;
    let phones: Vec<&str> = card.phones.iter().map(|p| p.canonical.as_str()).collect();
    println!("{}\t{}\t{}", card.id, card.full_name, phones.join(","));
    eprintln!("merged {other} into {keep} on {}", local_date(now));
    Ok(())
}

fn reason(r: DuplicateReason) -> &'static str {
    match r {
        DuplicateReason::Phone => "phone",
        DuplicateReason::NameBirthday => "name_birthday",
        DuplicateReason::NamePhoneTail => "name_phone_tail",
    }
}
