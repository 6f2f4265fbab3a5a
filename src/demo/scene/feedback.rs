//! What customers said and were told: scores after sales and repairs, promises staff made,
//! calls, visits and messages on the timeline, and the care calls of the past answered on their
//! day (a shop that has run for two years has no year-old call still waiting).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::sales::Sold;
use super::{at, crew, dmy, on, Rng, Scene};
use crate::clock::local_date;
use crate::db::Db;
use crate::error::Result;
use crate::feedback::interaction::{self, ContactChannel, InteractionDraft, InteractionKind};
use crate::feedback::promise::{self, PromiseClose, PromiseDraft, PromiseStatus};
use crate::feedback::score::{self, FeedbackDraft, Metric};
use crate::feedback::Link;
use crate::outreach::reminder::{self, Outcome, OutcomeDraft};

/// Only scores within this many days reach the very lowest value; low ones of any age bring a
/// follow-up call, answered with the other past calls.
const LOW_SCORE_DAYS: i64 = 10;
/// Past calls due within this many days are answered one by one, at most `MAX_ANSWERED`.
const ANSWERED_DAYS: i64 = 45;
const MAX_ANSWERED: usize = 40;
/// Calls that follow the state of a claim, a complaint or a promise, not the calendar: still
/// waiting while that state lasts (the overdue claim's call stays on Today).
const STATE: [&str; 4] = ["claim_overdue", "repair_uncollected", "complaint_due", "promise_due"];

pub fn write(
    db: &mut Db,
    rng: &mut Rng,
    sold: &[Sold],
    now: DateTime<Utc>,
    staff: &str,
) -> Result<Scene> {
    let mut scene = Scene {
        complaints: super::complaints::open_all(db, rng, sold, now, staff)?,
        ..Scene::default()
    };
    // Scores and touchpoints come the day after a sale at the earliest.
    for s in sold.iter().filter(|s| (1..=365).contains(&s.days_ago)) {
        if rng.chance(250) {
            scene.scores += scores(db, rng, s, now, staff)?;
        }
        if rng.chance(120) {
            touchpoint(db, rng, s, now, staff)?;
            scene.interactions += 1;
        }
    }
    scene.promises = promises(db, rng, sold, now, staff)?;
    answer_past_calls(db, rng, now, staff)?;
    Ok(scene)
}

fn scores(db: &mut Db, rng: &mut Rng, s: &Sold, now: DateTime<Utc>, staff: &str) -> Result<usize> {
    let days = (s.days_ago - 1 - rng.below(3) as i64).max(0);
    let when = at(now, days, 17, rng.below(60) as u32);
    let metric = *rng.pick(&[Metric::Csat, Metric::Csat, Metric::Nps, Metric::Ces]);
    let (lo, hi) = metric.range();
    // Most customers are happy, some less so.
    let floor = if days <= LOW_SCORE_DAYS { lo } else { lo + 1 };
    let value = if rng.chance(600) {
        hi - rng.below(2) as i64
    } else {
        floor + rng.below((hi - floor + 1) as u64) as i64
    };
    let comments = ["Nhân viên nhiệt tình", "Giao hàng nhanh", "", "Giá hơi cao", "Sẽ quay lại"];
    let d = FeedbackDraft {
        customer_id: Some(s.customer_id),
        metric,
        score: Some(value.clamp(lo, hi)),
        comment: (*rng.pick(&comments)).to_owned(),
        served_by: crew(rng).to_owned(),
        link: Link { purchase_id: Some(s.purchase_id), claim_id: None },
    };
    score::record(db, &d, staff, when)?;
    Ok(1)
}

fn touchpoint(db: &mut Db, rng: &mut Rng, s: &Sold, now: DateTime<Utc>, staff: &str) -> Result<()> {
    const TOUCH: &[(InteractionKind, ContactChannel, bool, &str)] = &[
        (
            InteractionKind::Call,
            ContactChannel::Phone,
            false,
            "Gọi hướng dẫn cài đặt và sao lưu dữ liệu",
        ),
        (
            InteractionKind::Message,
            ContactChannel::Zalo,
            true,
            "Khách hỏi cách kích hoạt bảo hành điện tử",
        ),
        (
            InteractionKind::Visit,
            ContactChannel::InStore,
            true,
            "Khách ghé dán cường lực, hỏi mua phụ kiện",
        ),
        (
            InteractionKind::Compliment,
            ContactChannel::Zalo,
            true,
            "Khách khen nhân viên tư vấn tận tình",
        ),
        (
            InteractionKind::Message,
            ContactChannel::Sms,
            false,
            "Nhắn lịch vệ sinh máy lạnh miễn phí",
        ),
    ];
    let (kind, channel, inbound, summary) = *rng.pick(TOUCH);
    let days = (s.days_ago - 1 - rng.below(20) as i64).max(1);
    let d = InteractionDraft {
        customer_id: Some(s.customer_id),
        channel,
        inbound,
        kind,
        summary: summary.to_owned(),
        link: Link { purchase_id: Some(s.purchase_id), claim_id: None },
        resolved_first: inbound.then_some(kind != InteractionKind::Visit),
    };
    interaction::log(db, &d, staff, at(now, days, 15, rng.below(60) as u32))?;
    Ok(())
}

/// Promises made at the counter: two kept, one broken, one due today, one later this week.
fn promises(
    db: &mut Db,
    rng: &mut Rng,
    sold: &[Sold],
    now: DateTime<Utc>,
    staff: &str,
) -> Result<usize> {
    const PROMISES: &[(i64, i64, Option<PromiseStatus>, &str)] = &[
        (60, 3, Some(PromiseStatus::Kept), "Gọi báo khi có hàng Galaxy S24 màu tím"),
        (30, 2, Some(PromiseStatus::Kept), "Gửi hóa đơn VAT qua email"),
        (15, 1, Some(PromiseStatus::Broken), "Giao ốp lưng tặng kèm tận nhà"),
        (3, 3, None, "Gọi lại báo giá thay màn hình"),
        (1, 4, None, "Hẹn kỹ thuật đến lắp máy lọc nước"),
    ];
    let mut n = 0;
    for (i, (made_ago, due_in, closed, text)) in PROMISES.iter().enumerate() {
        let Some(s) = sold.iter().rev().filter(|s| s.days_ago > *made_ago).nth(i * 2 + 1) else {
            continue;
        };
        let made = at(now, *made_ago, 11, rng.below(60) as u32);
        let due: NaiveDate = local_date(made) + Duration::days(*due_in);
        let d = PromiseDraft {
            customer_id: Some(s.customer_id),
            text: (*text).to_owned(),
            owner: crew(rng).to_owned(),
            due_on: dmy(due),
        };
        let id = promise::create(db, &d, staff, made)?.id;
        if let Some(status) = closed {
            let note = if *status == PromiseStatus::Broken {
                "Hết hàng tặng, đã xin lỗi khách"
            } else {
                ""
            };
            let c = PromiseClose { status: *status, note: note.to_owned() };
            promise::close(db, id, &c, staff, on(due, 16, 0).min(now))?;
        }
        n += 1;
    }
    Ok(n)
}

/// Care calls planned while the history was written and due before this week. The last weeks'
/// are answered on their day through the reminder's own outcome (a call on the timeline, the
/// figures of the report); older ones are marked done in one statement, since answering each
/// re-plans its customer and a click on "load demo data" must stay quick.
fn answer_past_calls(db: &mut Db, rng: &mut Rng, now: DateTime<Utc>, staff: &str) -> Result<()> {
    let today = local_date(now);
    let (from, before) = (today - Duration::days(ANSWERED_DAYS), today - Duration::days(3));
    // An answer re-plans its customer, which may add or drop other calls: one at a time, each
    // read afresh.
    for _ in 0..MAX_ANSWERED {
        let next: Option<(i64, NaiveDate)> = db
            .conn()
            .prepare_cached(
                "SELECT id, due_on FROM reminder WHERE status IN ('open', 'snoozed')
                    AND due_on >= ?1 AND due_on < ?2 AND kind NOT IN (?3, ?4, ?5, ?6)
                    ORDER BY due_on, id LIMIT 1",
            )?
            .query_row(params![from, before, STATE[0], STATE[1], STATE[2], STATE[3]], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((id, day)) = next else { break };
        let (outcome, channel, note) = if rng.chance(600) {
            (Outcome::Reached, ContactChannel::Phone, "Khách dùng tốt, cảm ơn shop")
        } else {
            (Outcome::Sent, ContactChannel::Zalo, "Đã nhắn Zalo hỏi thăm")
        };
        let d =
            OutcomeDraft { outcome, channel, note: note.to_owned(), call_back_on: String::new() };
        reminder::record_outcome(db, id, &d, staff, on(day, 10, rng.below(60) as u32).min(now))?;
    }
    reminder::close_made_before(db, before, &STATE)?;
    Ok(())
}
