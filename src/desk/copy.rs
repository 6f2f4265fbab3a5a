//! Everything the shop holds about one customer, for a request to see or receive a copy: saved
//! as JSON and shown as a printable page. It gathers from every domain, so it lives at the top.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{local_date, stamp};
use crate::customer::CustomerCard;
use crate::error::Result;
use crate::outreach::CustomerCare;
use crate::privacy::{consents, list_requests, ConsentState, RequestView};
use crate::sales::AfterSales;

#[derive(Debug, Clone, Serialize, TS)]
pub struct SubjectCopy {
    pub generated_at: String,
    pub customer: CustomerCard,
    pub consents: Vec<ConsentState>,
    pub purchases_and_warranty: AfterSales,
    pub care: CustomerCare,
    pub requests: Vec<RequestView>,
}

pub fn subject_copy(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<SubjectCopy> {
    let today = local_date(now);
    Ok(SubjectCopy {
        generated_at: stamp(now),
        customer: crate::customer::get(conn, id, today)?,
        consents: consents(conn, id)?,
        purchases_and_warranty: crate::sales::for_customer(conn, id, today)?,
        care: crate::outreach::customer_care(conn, id, now)?,
        requests: list_requests(conn, Some(id), today)?,
    })
}
