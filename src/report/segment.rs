//! Segments of customers, computed as of a day: first-time buyers, regulars, VIPs by RFM
//! score, at risk, lapsed, birthdays this month, warranties ending within 30 days, and those
//! who consented to marketing. A segment can be exported or turned into a care campaign.
//!
//! RFM: recency (last live sale), frequency (live sales) and monetary value (their total) are
//! each scored 1–5 by the quintile boundaries of all buyers; equal values share a score, so a
//! shop where most buy once does not rank some single buyers above others at random. VIP =
//! a total of 13 or more.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::types::ToSql;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::kpi::{AT_RISK_FROM, AT_RISK_TO};
use crate::clock::day_start;
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::phone::{self, PhoneKind};

pub const VIP_SCORE: i64 = 13;
pub const REGULAR_DAYS: i64 = 90;
pub const WARRANTY_DAYS: i64 = 30;
/// Members listed on screen; the count and the export cover all.
pub const PAGE: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum SegmentKind {
    FirstTime,
    Regulars,
    Vip,
    AtRisk,
    Lapsed,
    BirthdaysThisMonth,
    WarrantyExpiring,
    MarketingConsent,
}

crate::text::code::stored_code!(SegmentKind);

impl SegmentKind {
    pub const ALL: [SegmentKind; 8] = [
        SegmentKind::Vip,
        SegmentKind::Regulars,
        SegmentKind::FirstTime,
        SegmentKind::AtRisk,
        SegmentKind::Lapsed,
        SegmentKind::BirthdaysThisMonth,
        SegmentKind::WarrantyExpiring,
        SegmentKind::MarketingConsent,
    ];
}

/// Quintile boundaries of recency, frequency and value (four each, ascending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rfm {
    pub recency: Vec<String>,
    #[ts(type = "Array<number>")]
    pub frequency: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub monetary: Vec<i64>,
}

/// The value at each 20 % step of an index-ordered column, read by offset.
fn boundaries<T: rusqlite::types::FromSql>(
    conn: &Connection,
    column: &str,
    index: &str,
    n: i64,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {column} FROM customer_value INDEXED BY {index} ORDER BY {column} LIMIT 1 OFFSET ?1"
    ))?;
    (1..5).map(|k| Ok(stmt.query_row([(n * k / 5).min(n - 1)], |r| r.get(0))?)).collect()
}

pub fn rfm(conn: &Connection) -> Result<Rfm> {
    let n: i64 = conn.query_row("SELECT count(*) FROM customer_value", [], |r| r.get(0))?;
    if n == 0 {
        return Ok(Rfm { recency: vec![], frequency: vec![], monetary: vec![] });
    }
    // Few distinct purchase counts: their histogram gives the boundaries without a sort.
    let hist: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT purchases, count(*) FROM customer_value GROUP BY purchases ORDER BY purchases",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let frequency = (1..5)
        .map(|k| {
            let target = (n * k / 5).min(n - 1);
            let mut seen = 0;
            hist.iter()
                .find(|(_, c)| {
                    seen += c;
                    seen > target
                })
                .map_or(0, |(p, _)| *p)
        })
        .collect();
    Ok(Rfm {
        recency: boundaries(conn, "last_at", "customer_value_last", n)?,
        frequency,
        monetary: boundaries(conn, "value", "customer_value_value", n)?,
    })
}

/// `1 + (x > b1) + … + (x > b4)` in SQL, the boundaries bound as parameters.
fn score_sql(column: &str, prefix: &str) -> String {
    format!("(1 + ({column} > :{prefix}1) + ({column} > :{prefix}2) + ({column} > :{prefix}3) + ({column} > :{prefix}4))")
}

const LIVE: &str = "v.customer_id NOT IN (SELECT id FROM customer WHERE archived_at IS NOT NULL
    OR merged_into IS NOT NULL OR no_contact = 1)";

/// The member query's FROM and WHERE for a segment (customer id as `cid`).
fn membership(kind: SegmentKind) -> String {
    let rfm = format!(
        "{} + {} + {}",
        score_sql("v.last_at", "r"),
        score_sql("v.purchases", "f"),
        score_sql("v.value", "m")
    );
    match kind {
        SegmentKind::FirstTime => format!("FROM customer_value v WHERE v.purchases = 1 AND {LIVE}"),
        SegmentKind::Regulars => {
            format!("FROM customer_value v WHERE v.purchases >= 2 AND v.last_at >= :recent AND {LIVE}")
        }
        SegmentKind::Vip => format!("FROM customer_value v WHERE {rfm} >= {VIP_SCORE} AND {LIVE}"),
        SegmentKind::AtRisk => {
            format!("FROM customer_value v WHERE v.last_at >= :risk_from AND v.last_at < :risk_to AND {LIVE}")
        }
        SegmentKind::Lapsed => format!("FROM customer_value v WHERE v.last_at < :risk_from AND {LIVE}"),
        SegmentKind::BirthdaysThisMonth => format!(
            "FROM (SELECT c.id AS customer_id FROM customer c WHERE substr(c.birthday, -5) >= :month_from
                AND substr(c.birthday, -5) <= :month_to AND c.birthday IS NOT NULL AND c.birthday_lunar = 0) v
             WHERE {LIVE}"
        ),
        SegmentKind::WarrantyExpiring => format!(
            "FROM (SELECT DISTINCT u.customer_id FROM unit u INDEXED BY unit_care WHERE u.status = 'sold'
                AND u.warranty_months > 0 AND u.customer_id IS NOT NULL
                AND u.warranty_end BETWEEN :today AND :warranty_to) v WHERE {LIVE}"
        ),
        SegmentKind::MarketingConsent => format!(
            "FROM (SELECT id AS customer_id FROM customer INDEXED BY customer_consent WHERE marketing_consent = 1) v
             WHERE {LIVE}"
        ),
    }
}

struct Args {
    values: Vec<(&'static str, Box<dyn ToSql>)>,
}

fn args(conn: &Connection, kind: SegmentKind, now: DateTime<Utc>) -> Result<Args> {
    let today = local_date(now);
    let tomorrow = today + Duration::days(1);
    let mut values: Vec<(&'static str, Box<dyn ToSql>)> = vec![
        (":recent", Box::new(day_start(tomorrow - Duration::days(REGULAR_DAYS)))),
        (":risk_from", Box::new(day_start(tomorrow - Duration::days(AT_RISK_TO)))),
        (":risk_to", Box::new(day_start(tomorrow - Duration::days(AT_RISK_FROM)))),
        (":month_from", Box::new(format!("{:02}-01", today.month()))),
        (":month_to", Box::new(format!("{:02}-31", today.month()))),
        (":today", Box::new(today.to_string())),
        (":warranty_to", Box::new((today + Duration::days(WARRANTY_DAYS)).to_string())),
    ];
    if kind == SegmentKind::Vip {
        let b = rfm(conn)?;
        if b.recency.len() == 4 {
            for (i, name) in [":r1", ":r2", ":r3", ":r4"].into_iter().enumerate() {
                values.push((name, Box::new(b.recency[i].clone())));
            }
            for (i, name) in [":f1", ":f2", ":f3", ":f4"].into_iter().enumerate() {
                values.push((name, Box::new(b.frequency[i])));
            }
            for (i, name) in [":m1", ":m2", ":m3", ":m4"].into_iter().enumerate() {
                values.push((name, Box::new(b.monetary[i])));
            }
        }
    }
    Ok(Args { values })
}

fn bind_all(stmt: &mut rusqlite::Statement, a: &Args) -> Result<()> {
    for (name, value) in &a.values {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    Ok(())
}

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
    let a = args(conn, kind, now)?;
    let from = membership(kind);
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
    Ok(SegmentView { kind, count, consenting, members })
}

/// Every member, for an export: `headers` are the column titles in the user's language.
pub fn write_csv(
    conn: &Connection,
    kind: SegmentKind,
    now: DateTime<Utc>,
    headers: &[String],
    out: impl std::io::Write,
) -> Result<usize> {
    crate::io::export::check_headers(headers, 6)?;
    let a = args(conn, kind, now)?;
    let mut stmt = conn.prepare_cached(&format!(
        "{MEMBER} WHERE c.id IN (SELECT v.customer_id {}) ORDER BY c.id",
        membership(kind)
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignDraft {
    pub segment: SegmentKind,
    /// The marketing channel it goes out on: only members who agreed to that one get it.
    pub channel: crate::privacy::Purpose,
    pub name: String,
    /// The message, with the template placeholders (`{xung_ho} {ten}`…).
    pub body: String,
    /// `dd/MM/yyyy`, today or later.
    pub due_on: String,
    #[serde(default)]
    pub assignee: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CampaignResult {
    #[ts(type = "number")]
    pub id: i64,
    /// Reminders created: members who consented to marketing and can be contacted.
    #[ts(type = "number")]
    pub reminders: i64,
    /// Members left out for want of consent.
    #[ts(type = "number")]
    pub skipped: i64,
}

/// One reminder per consenting member, all in one transaction; the Today queue prepares each
/// message from the campaign's text.
pub fn create_campaign(
    db: &mut Db,
    d: &CampaignDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CampaignResult> {
    let mut errors = Vec::new();
    let name = crate::feedback::name_field(&d.name, "name", &mut errors);
    if name.is_empty() {
        errors.push(FieldError::new("name", "required"));
    }
    let assignee = crate::feedback::name_field(&d.assignee, "assignee", &mut errors);
    let body =
        crate::text::limit_in("body", &d.body, crate::outreach::template::MAX_BODY, &mut errors);
    if body.is_empty() {
        errors.push(FieldError::new("body", "required"));
    } else if let Err(e) = crate::outreach::template::check(&body) {
        errors.extend(e);
    }
    if d.channel == crate::privacy::Purpose::CareCalls {
        errors.push(FieldError::new("channel", "not_marketing"));
    }
    let due = crate::text::date::parse_date(&d.due_on);
    match due {
        None => errors.push(FieldError::new("due_on", "date_invalid")),
        Some(day) if day < local_date(now) => {
            errors.push(FieldError::new("due_on", "date_in_past"))
        }
        Some(_) => {}
    }
    let (Some(due), true) = (due, errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    let view = view(db.conn(), d.segment, now)?;
    let at = crate::outreach::reminder::due_instant_on(db.conn(), due)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO campaign(name, segment, body, due_on, assignee, reminders, created_by, created_at, channel)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8)",
            params![name, d.segment.code(), body, due, assignee, staff, stamp(now), d.channel.code()],
        )?;
        let id = tx.last_insert_rowid();
        let a = args(tx, d.segment, now)?;
        let mut stmt = tx.prepare(&format!(
            "INSERT INTO reminder(kind, customer_id, subject, subject_id, due_on, due_at, assignee, note,
                created_by, created_at, updated_at)
             SELECT 'campaign', v.customer_id, 'campaign', :campaign, :due, :at, :assignee, :name, :staff, :now, :now
             {} AND v.customer_id IN (SELECT id FROM customer WHERE marketing_consent = 1)
                AND (SELECT c.granted FROM consent c WHERE c.customer_id = v.customer_id
                    AND c.purpose = :channel ORDER BY c.id DESC LIMIT 1) = 1",
            membership(d.segment)
        ))?;
        bind_all(&mut stmt, &a)?;
        let (due_s, at_s, now_s) = (due.to_string(), stamp(at), stamp(now));
        let channel = d.channel.code();
        let extra: [(&str, &dyn ToSql); 8] = [
            (":channel", &channel),
            (":campaign", &id),
            (":due", &due_s),
            (":at", &at_s),
            (":assignee", &assignee),
            (":name", &name),
            (":staff", &staff),
            (":now", &now_s),
        ];
        crate::care::plan::bind(&mut stmt, extra.iter())?;
        let n = stmt.raw_execute()? as i64;
        tx.execute("UPDATE campaign SET reminders = ?2 WHERE id = ?1", params![id, n])?;
        crate::audit::record(tx, now, staff, "create", "campaign", id, serde_json::json!({ "segment": d.segment.code(), "channel": channel, "reminders": n }))?;
        Ok(CampaignResult { id, reminders: n, skipped: view.count - n })
    })
}
