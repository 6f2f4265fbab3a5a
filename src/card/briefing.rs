//! What staff must know in the five seconds after the card opens: how to address the customer,
//! the alert notes, the last visit, repairs still in the shop, warranties about to end, promises
//! come due, complaints still open, and how she may be contacted. One call, a handful of indexed
//! queries on the customer's own rows.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{local_date, stamp};
use crate::customer::{Channel, PreferenceCategory};
use crate::error::{Error, Result};
use crate::feedback::complaint::ComplaintStatus;
use crate::outreach::template::Locale;
use crate::privacy::Purpose;
use crate::sales::ClaimStatus;

/// A warranty ending within this many days (its last covered day today included) is shown.
pub const WARRANTY_WINDOW_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BriefAlert {
    #[ts(type = "number")]
    pub preference_id: i64,
    pub category: PreferenceCategory,
    pub value: String,
    pub note: String,
    /// The note's version: a changed note must be read again.
    pub version: String,
    /// Read by the signed-in account in this version.
    pub acknowledged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LastVisit {
    #[ts(type = "number")]
    pub purchase_id: i64,
    pub receipt_no: String,
    pub sold_at: String,
    #[ts(type = "number")]
    pub total: i64,
    /// "iPhone 15, Ốp lưng".
    pub products: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenRepair {
    #[ts(type = "number")]
    pub claim_id: i64,
    pub code: String,
    pub product_name: String,
    pub status: ClaimStatus,
    pub promised_on: Option<NaiveDate>,
    /// Past the day promised to the customer.
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WarrantyEnding {
    #[ts(type = "number")]
    pub unit_id: i64,
    pub product_name: String,
    pub serial: Option<String>,
    /// Last covered day.
    pub ends_on: NaiveDate,
    #[ts(type = "number")]
    pub days_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuePromise {
    #[ts(type = "number")]
    pub promise_id: i64,
    pub text: String,
    pub owner: String,
    pub due_on: NaiveDate,
    /// Past its day and not kept.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenComplaint {
    #[ts(type = "number")]
    pub complaint_id: i64,
    pub code: String,
    pub summary: String,
    pub status: ComplaintStatus,
    /// Past the time the shop set itself to resolve it.
    pub overdue: bool,
}

/// The top of the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Briefing {
    #[ts(type = "number")]
    pub customer_id: i64,
    /// The shop's date the briefing was read on.
    pub today: NaiveDate,
    pub alerts: Vec<BriefAlert>,
    pub last_visit: Option<LastVisit>,
    pub repairs: Vec<OpenRepair>,
    pub warranties: Vec<WarrantyEnding>,
    /// Open promises due today or earlier (the overdue ones unkept).
    pub promises: Vec<DuePromise>,
    pub complaints: Vec<OpenComplaint>,
    pub contact_channel: Option<Channel>,
    /// The purposes the customer's latest word agrees to, in `Purpose::ALL` order.
    pub consents: Vec<Purpose>,
    /// Asked not to be contacted at all.
    pub no_contact: bool,
    /// The language her messages are written in.
    pub language: Locale,
    /// Her member tier as last ranked (issue 17), for the card's header.
    pub tier: Option<String>,
}

/// The briefing of customer `id`, as `staff` sees it (alerts they read are marked).
pub fn briefing(conn: &Connection, id: i64, staff: &str, now: DateTime<Utc>) -> Result<Briefing> {
    let today = local_date(now);
    let mut b = head(conn, id, today)?;
    b.alerts = alerts(conn, id, staff)?;
    b.last_visit = last_visit(conn, id)?;
    b.repairs = repairs(conn, id, today)?;
    b.warranties = warranties(conn, id, today)?;
    b.promises = promises(conn, id, today)?;
    b.complaints = complaints(conn, id, now)?;
    Ok(b)
}

/// The customer row with her latest consent per purpose.
fn head(conn: &Connection, id: i64, today: NaiveDate) -> Result<Briefing> {
    let latest = |p: Purpose| {
        format!(
            "(SELECT granted FROM consent WHERE customer_id = c.id AND purpose = '{}'
              ORDER BY id DESC LIMIT 1)",
            p.code()
        )
    };
    let consents: Vec<String> = Purpose::ALL.into_iter().map(latest).collect();
    let sql = format!(
        "SELECT contact_channel, no_contact, locale,
            (SELECT t.name FROM customer_tier ct JOIN member_tier t ON t.id = ct.tier_id
             WHERE ct.customer_id = c.id), {} FROM customer c WHERE id = ?1",
        consents.join(", ")
    );
    conn.prepare_cached(&sql)?
        .query_row([id], |r| {
            let channel: Option<String> = r.get(0)?;
            let mut consents = Vec::new();
            for (i, p) in Purpose::ALL.into_iter().enumerate() {
                if r.get::<_, Option<bool>>(4 + i)?.unwrap_or(false) {
                    consents.push(p);
                }
            }
            Ok(Briefing {
                customer_id: id,
                today,
                alerts: vec![],
                last_visit: None,
                repairs: vec![],
                warranties: vec![],
                promises: vec![],
                complaints: vec![],
                contact_channel: channel.as_deref().and_then(Channel::parse),
                consents,
                no_contact: r.get(1)?,
                language: Locale::parse(&r.get::<_, String>(2)?).unwrap_or(Locale::Vi),
                tier: r.get(3)?,
            })
        })
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id })
}

fn alerts(conn: &Connection, id: i64, staff: &str) -> Result<Vec<BriefAlert>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.category, p.value, p.note, p.updated_at,
            EXISTS(SELECT 1 FROM alert_ack a WHERE a.preference_id = p.id
                   AND a.version = p.updated_at AND a.staff = ?2)
         FROM preference p WHERE p.customer_id = ?1 AND p.is_alert = 1
         ORDER BY p.noted_at DESC, p.id DESC",
    )?;
    let rows = stmt.query_map(params![id, staff], |r| {
        Ok(BriefAlert {
            preference_id: r.get(0)?,
            category: PreferenceCategory::parse(&r.get::<_, String>(1)?)
                .unwrap_or(PreferenceCategory::Other),
            value: r.get(2)?,
            note: r.get(3)?,
            version: r.get(4)?,
            acknowledged: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn last_visit(conn: &Connection, id: i64) -> Result<Option<LastVisit>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id, p.receipt_no, p.sold_at, p.total,
                (SELECT group_concat(product_name, ', ') FROM purchase_line WHERE purchase_id = p.id)
             FROM purchase p WHERE p.customer_id = ?1 AND p.voided_at IS NULL
             ORDER BY p.sold_at DESC, p.id DESC LIMIT 1",
        )?
        .query_row([id], |r| {
            Ok(LastVisit {
                purchase_id: r.get(0)?,
                receipt_no: r.get(1)?,
                sold_at: r.get(2)?,
                total: r.get(3)?,
                products: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })
        .optional()?)
}

fn repairs(conn: &Connection, id: i64, today: NaiveDate) -> Result<Vec<OpenRepair>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, product_name, status, promised_on FROM claim
         WHERE customer_id = ?1 AND closed_on IS NULL ORDER BY received_on, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let promised_on: Option<NaiveDate> = r.get(4)?;
        Ok(OpenRepair {
            claim_id: r.get(0)?,
            code: r.get(1)?,
            product_name: r.get(2)?,
            status: ClaimStatus::parse(&r.get::<_, String>(3)?).unwrap_or(ClaimStatus::Received),
            promised_on,
            late: promised_on.is_some_and(|d| d < today),
        })
    })?;
    let all: Vec<OpenRepair> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(all.into_iter().filter(|r| !r.status.is_closed()).collect())
}

fn warranties(conn: &Connection, id: i64, today: NaiveDate) -> Result<Vec<WarrantyEnding>> {
    let last = today + Duration::days(WARRANTY_WINDOW_DAYS);
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, l.product_name, u.serial, u.warranty_end FROM unit u
         JOIN purchase_line l ON l.id = u.line_id
         WHERE u.customer_id = ?1 AND u.status = 'sold' AND u.warranty_months > 0
           AND u.warranty_end BETWEEN ?2 AND ?3
         ORDER BY u.warranty_end, u.id",
    )?;
    let rows = stmt.query_map(params![id, today, last], |r| {
        let ends_on: NaiveDate = r.get(3)?;
        Ok(WarrantyEnding {
            unit_id: r.get(0)?,
            product_name: r.get(1)?,
            serial: r.get(2)?,
            ends_on,
            days_left: (ends_on - today).num_days(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn promises(conn: &Connection, id: i64, today: NaiveDate) -> Result<Vec<DuePromise>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, owner, due_on FROM promise
         WHERE customer_id = ?1 AND status = 'open' AND due_on <= ?2 ORDER BY due_on, id",
    )?;
    let rows = stmt.query_map(params![id, today], |r| {
        let due_on: NaiveDate = r.get(3)?;
        Ok(DuePromise {
            promise_id: r.get(0)?,
            text: r.get(1)?,
            owner: r.get(2)?,
            due_on,
            overdue: due_on < today,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn complaints(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Vec<OpenComplaint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, summary, status, resolve_by < ?2 FROM complaint
         WHERE customer_id = ?1 AND status <> 'resolved' AND status <> 'closed'
         ORDER BY opened_at, id",
    )?;
    let rows = stmt.query_map(params![id, stamp(now)], |r| {
        Ok(OpenComplaint {
            complaint_id: r.get(0)?,
            code: r.get(1)?,
            summary: r.get(2)?,
            status: ComplaintStatus::parse(&r.get::<_, String>(3)?)
                .unwrap_or(ComplaintStatus::Open),
            overdue: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
