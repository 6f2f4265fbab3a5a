//! A segment's members: the page shown on screen and the full list for an export.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{args, bind_all, membership, SegmentKind, PAGE};
use crate::error::Result;
use crate::text::phone::{self, PhoneKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Member {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    #[ts(type = "number")]
    pub purchases: i64,
    #[ts(type = "number")]
    pub value: i64,
    pub last_purchase: Option<NaiveDate>,
    pub marketing_consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SegmentView {
    pub kind: SegmentKind,
    /// The store it is limited to; `None` for all stores.
    pub store: Option<String>,
    /// The chain's stores to pick from; empty in a single shop.
    pub stores: Vec<crate::store::StoreChoice>,
    #[ts(type = "number")]
    pub count: i64,
    /// Of the members, those who agreed to marketing (a campaign reaches only them).
    #[ts(type = "number")]
    pub consenting: i64,
    /// The first `PAGE`, highest value first.
    pub members: Vec<Member>,
}

const MEMBER: &str = "SELECT c.id, c.full_name, ph.canonical, ph.kind, coalesce(cv.purchases, 0),
    coalesce(cv.value, 0), date(cv.last_at, '+7 hours'), c.marketing_consent
    FROM customer c LEFT JOIN customer_value cv ON cv.customer_id = c.id
    LEFT JOIN customer_phone ph ON ph.customer_id = c.id AND ph.is_primary = 1";

fn member(r: &rusqlite::Row) -> rusqlite::Result<Member> {
    let canonical: Option<String> = r.get(2)?;
    let kind: Option<String> = r.get(3)?;
    Ok(Member {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: canonical
            .map(|c| phone::format(&c, PhoneKind::parse(kind.as_deref().unwrap_or("")))),
        purchases: r.get(4)?,
        value: r.get(5)?,
        last_purchase: r.get(6)?,
        marketing_consent: r.get(7)?,
    })
}

pub fn view(conn: &Connection, kind: SegmentKind, now: DateTime<Utc>) -> Result<SegmentView> {
    view_at(conn, kind, None, now)
}

/// The segment among the customers of `store` (`None`: all stores).
pub fn view_at(
    conn: &Connection,
    kind: SegmentKind,
    store: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SegmentView> {
    let a = args(conn, kind, store, now)?;
    let from = membership(kind, store.is_some());
    let (count, consenting): (i64, i64) = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT count(*), coalesce(sum(v.customer_id IN (SELECT id FROM customer WHERE marketing_consent = 1)), 0) {from}"
        ))?;
        bind_all(&mut stmt, &a)?;
        let mut rows = stmt.raw_query();
        match rows.next()? {
            Some(r) => (r.get(0)?, r.get(1)?),
            None => (0, 0),
        }
    };
    // Segments of buyers take their page of highest value straight from the value index.
    let page = if from.starts_with("FROM customer_value v") {
        format!("SELECT v.customer_id {from} ORDER BY v.value DESC LIMIT {PAGE}")
    } else {
        format!("SELECT v.customer_id {from}")
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{MEMBER} WHERE c.id IN ({page}) ORDER BY coalesce(cv.value, 0) DESC, c.id LIMIT {PAGE}"
    ))?;
    bind_all(&mut stmt, &a)?;
    let mut rows = stmt.raw_query();
    let mut members = Vec::new();
    while let Some(r) = rows.next()? {
        members.push(member(r)?);
    }
    let (store, stores) = (store.map(str::to_owned), crate::store::list(conn)?);
    Ok(SegmentView { kind, store, stores, count, consenting, members })
}

/// Every member, for an export: `headers` are the column titles in the user's language.
pub fn write_csv(
    conn: &Connection,
    kind: SegmentKind,
    now: DateTime<Utc>,
    headers: &[String],
    out: impl std::io::Write,
) -> Result<usize> {
    write_csv_at(conn, kind, None, now, headers, out)
}

/// Every member at `store` (`None`: all stores), for an export.
pub fn write_csv_at(
    conn: &Connection,
    kind: SegmentKind,
    store: Option<&str>,
    now: DateTime<Utc>,
    headers: &[String],
    out: impl std::io::Write,
) -> Result<usize> {
    crate::io::export::check_headers(headers, 6)?;
    let a = args(conn, kind, store, now)?;
    let mut stmt = conn.prepare_cached(&format!(
        "{MEMBER} WHERE c.id IN (SELECT v.customer_id {}) ORDER BY c.id",
        membership(kind, store.is_some())
    ))?;
    bind_all(&mut stmt, &a)?;
    // Names, phones and dates are text (escaped against formulas); counts and sums numbers.
    use crate::io::csv_cell::{number, text, write_record};
    let mut out = std::io::BufWriter::new(out);
    write_record(&mut out, headers.iter().map(|h| text(h)))?;
    let mut rows = stmt.raw_query();
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let m = member(r)?;
        let last = m.last_purchase.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
        write_record(
            &mut out,
            [
                number(m.id),
                text(&m.name).into_owned(),
                text(m.phone.as_deref().unwrap_or_default()).into_owned(),
                number(m.purchases),
                number(m.value),
                text(&last).into_owned(),
            ],
        )?;
        n += 1;
    }
    std::io::Write::flush(&mut out)?;
    Ok(n)
}
