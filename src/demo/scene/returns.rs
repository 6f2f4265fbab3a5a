//! Returns at the counter, within the policy each item was sold under: a faulty phone exchanged
//! for a new one, a phone brought back unused for a refund, a faulty appliance exchanged. Picked
//! among units no claim touches, so each story has one thread.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::catalogue::{SerialKind, ITEMS};
use super::sales::{serial, Sold};
use super::{at, dmy, Rng};
use crate::clock::local_date;
use crate::db::Db;
use crate::error::Result;
use crate::sales::policy::ReturnCheck;
use crate::sales::returns::{self, ReturnDraft, ReturnOutcome};
use crate::sales::LineDraft;

struct Story {
    /// An IMEI item (a phone), or a serialised one that is not.
    phone: bool,
    /// Days after the sale it came back: inside the preset's window for the remedy.
    after: i64,
    faulty: bool,
    reason: &'static str,
    outcome: ReturnOutcome,
}

const STORIES: &[Story] = &[
    Story {
        phone: true,
        after: 5,
        faulty: true,
        reason: "Máy tự khởi động lại liên tục, lỗi phần cứng",
        outcome: ReturnOutcome::Exchange,
    },
    Story {
        phone: true,
        after: 2,
        faulty: false,
        reason: "Khách đổi ý, máy còn nguyên hộp và tem",
        outcome: ReturnOutcome::Refund,
    },
    Story {
        phone: false,
        after: 3,
        faulty: true,
        reason: "Không lên nguồn ngay khi mở hộp",
        outcome: ReturnOutcome::Exchange,
    },
];

/// Sales from three weeks to four months back: recent enough for this quarter's reports.
const AGES: std::ops::RangeInclusive<i64> = 21..=120;

pub fn write(
    db: &mut Db,
    rng: &mut Rng,
    sold: &[Sold],
    products: &[i64],
    now: DateTime<Utc>,
    staff: &str,
) -> Result<usize> {
    let mut n = 0;
    for story in STORIES {
        let Some((sale, unit, item)) = pick(db, sold, story)? else { continue };
        let line_id: i64 =
            db.conn().query_row("SELECT line_id FROM unit WHERE id = ?1", [unit], |r| r.get(0))?;
        let when =
            at(now, sale.days_ago - story.after, 10 + rng.below(8) as u32, rng.below(60) as u32);
        let exchange_lines = if story.outcome == ReturnOutcome::Exchange {
            let it = &ITEMS[item];
            vec![LineDraft {
                product_id: products[item],
                quantity: 1,
                serials: vec![serial(rng, it.serial)],
                ..LineDraft::default()
            }]
        } else {
            vec![]
        };
        let d = ReturnDraft {
            line_id,
            unit_id: Some(unit),
            returned_on: dmy(local_date(when)),
            check: ReturnCheck { faulty: story.faulty, intact: !story.faulty, has_receipt: true },
            reason: story.reason.to_owned(),
            outcome: story.outcome,
            exchange_lines,
            ..ReturnDraft::default()
        };
        returns::record(db, &d, staff, when)?;
        n += 1;
    }
    Ok(n)
}

/// The oldest fitting sale's unit still sold and never in for a claim.
fn pick<'a>(db: &Db, sold: &'a [Sold], story: &Story) -> Result<Option<(&'a Sold, i64, usize)>> {
    for s in sold.iter().filter(|s| AGES.contains(&s.days_ago)) {
        for &(unit, item) in &s.units {
            let it = &ITEMS[item];
            if (it.serial == SerialKind::Imei) != story.phone || it.warranty_months == 0 {
                continue;
            }
            let free: Option<i64> = db
                .conn()
                .query_row(
                    "SELECT id FROM unit WHERE id = ?1 AND status = 'sold'
                        AND NOT EXISTS (SELECT 1 FROM claim WHERE unit_id = ?1)",
                    [unit],
                    |r| r.get(0),
                )
                .optional()?;
            if free.is_some() {
                return Ok(Some((s, unit, item)));
            }
        }
    }
    Ok(None)
}
