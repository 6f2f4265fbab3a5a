//! Complaints as a shop sees them over a few months: closed and resolved cases, one in
//! progress, one waiting for the customer, one past its target and one close to it, each opened,
//! answered and moved through the complaint's own functions at the time it happened.

use chrono::{DateTime, Duration, Utc};

use super::sales::Sold;
use super::{at, crew, Rng};
use crate::db::Db;
use crate::error::Result;
use crate::feedback::complaint::{
    self, ComplaintCategory, ComplaintDraft, ComplaintStatus, ComplaintTransition, ResponseDraft,
    Severity,
};
use crate::feedback::interaction::ContactChannel;
use crate::feedback::{service, Link};

use ComplaintStatus::*;

struct Case {
    /// Days ago it was opened; `None`: placed so its response target is minutes away.
    opened_ago: Option<i64>,
    category: ComplaintCategory,
    severity: Severity,
    summary: &'static str,
    /// Days after opening of the first answer, if any.
    answered_after: Option<i64>,
    /// Later moves, days after opening.
    moves: &'static [(ComplaintStatus, i64, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        opened_ago: Some(80),
        category: ComplaintCategory::Product,
        severity: Severity::Medium,
        summary: "Máy giặt kêu to khi vắt, mới mua được hai tuần",
        answered_after: Some(0),
        moves: &[(Resolved, 2, "Kỹ thuật đến cân lại chân máy, khách hài lòng"), (Closed, 5, "")],
    },
    Case {
        opened_ago: Some(25),
        category: ComplaintCategory::Staff,
        severity: Severity::Low,
        summary: "Nhân viên tư vấn chậm, khách chờ lâu ở quầy",
        answered_after: Some(1),
        moves: &[(Resolved, 2, "Xin lỗi khách, tặng phiếu giảm giá 100.000 ₫")],
    },
    Case {
        opened_ago: Some(6),
        category: ComplaintCategory::Warranty,
        severity: Severity::Medium,
        summary: "Bảo hành lâu quá hạn hẹn, khách chưa nhận lại máy",
        answered_after: Some(0),
        moves: &[],
    },
    Case {
        opened_ago: Some(3),
        category: ComplaintCategory::Delivery,
        severity: Severity::Low,
        summary: "Giao tủ lạnh trễ một ngày so với hẹn",
        answered_after: Some(0),
        moves: &[(WaitingCustomer, 1, "Chờ khách xác nhận giờ lắp đặt lại")],
    },
    Case {
        opened_ago: Some(4),
        category: ComplaintCategory::Price,
        severity: Severity::High,
        summary: "Khách báo giá trên hóa đơn cao hơn giá niêm yết",
        answered_after: None,
        moves: &[],
    },
    Case {
        opened_ago: None,
        category: ComplaintCategory::Service,
        severity: Severity::High,
        summary: "Gọi tổng đài ba lần chưa ai nghe máy",
        answered_after: None,
        moves: &[],
    },
];

/// Opens every case for a customer who bought something; returns how many.
pub fn open_all(
    db: &mut Db,
    rng: &mut Rng,
    sold: &[Sold],
    now: DateTime<Utc>,
    staff: &str,
) -> Result<usize> {
    let mut n = 0;
    for (i, case) in CASES.iter().enumerate() {
        let opened = match case.opened_ago {
            Some(days) => at(now, days, 10 + rng.below(8) as u32, rng.below(60) as u32),
            None => near_target(db, case.severity, now)?,
        };
        let days_before = (now - opened).num_days();
        let Some(s) = sold.iter().rev().filter(|s| s.days_ago > days_before).nth(i * 3) else {
            continue;
        };
        let d = ComplaintDraft {
            customer_id: Some(s.customer_id),
            category: case.category,
            severity: case.severity,
            owner: crew(rng).to_owned(),
            channel: *rng.pick(&[
                ContactChannel::InStore,
                ContactChannel::Phone,
                ContactChannel::Zalo,
            ]),
            summary: case.summary.to_owned(),
            link: Link { purchase_id: Some(s.purchase_id), claim_id: None },
        };
        let id = complaint::open(db, &d, staff, opened)?.id;
        let later = |days: i64, hours: i64| {
            (opened + Duration::days(days) + Duration::hours(hours)).min(now)
        };
        if let Some(after) = case.answered_after {
            let r = ResponseDraft {
                channel: ContactChannel::Phone,
                note: "Đã gọi xin lỗi khách và hẹn xử lý".to_owned(),
            };
            complaint::respond(db, id, &r, staff, later(after, 1))?;
        }
        for (to, after, note) in case.moves {
            let t = ComplaintTransition { to: *to, note: (*note).to_owned() };
            complaint::transition(db, id, &t, staff, later(*after, 3))?;
        }
        n += 1;
    }
    Ok(n)
}

/// When a case of `severity` must have been opened for its first-response target to fall
/// 20–50 opening minutes after `now` (searched back in quarter hours over two weeks).
fn near_target(db: &Db, severity: Severity, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let s = service::get(db.conn())?;
    let cal = s.calendar();
    let hours = s.sla.iter().find(|t| t.severity == severity).map_or(2, |t| t.respond_hours);
    for quarter in 0..(14 * 24 * 4) {
        let opened = now - Duration::minutes(15 * quarter);
        let target = cal.add(opened, i64::from(hours) * 60);
        if target >= now && (20..=50).contains(&cal.minutes_between(now, target)) {
            return Ok(opened);
        }
    }
    Ok(now)
}
