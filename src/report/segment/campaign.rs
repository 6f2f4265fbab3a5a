//! A segment turned into a care campaign: one reminder per consenting member.

use chrono::{DateTime, Utc};
use rusqlite::params;
use rusqlite::types::ToSql;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{args, bind_all, membership, SegmentKind};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

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
    /// Only the segment's members who bought at this store; empty for all stores.
    #[serde(default)]
    #[ts(optional)]
    pub store: Option<String>,
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
    let store = d.store.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let view = super::view_at(db.conn(), d.segment, store, now)?;
    let at = crate::outreach::reminder::due_instant_on(db.conn(), due)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO campaign(name, segment, body, due_on, assignee, reminders, created_by, created_at, channel)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8)",
            params![name, d.segment.code(), body, due, assignee, staff, stamp(now), d.channel.code()],
        )?;
        let id = tx.last_insert_rowid();
        let a = args(tx, d.segment, store, now)?;
        let mut stmt = tx.prepare(&format!(
            "INSERT INTO reminder(kind, customer_id, subject, subject_id, due_on, due_at, assignee, note,
                created_by, created_at, updated_at)
             SELECT 'campaign', v.customer_id, 'campaign', :campaign, :due, :at, :assignee, :name, :staff, :now, :now
             {} AND v.customer_id IN (SELECT id FROM customer WHERE marketing_consent = 1)
                AND (SELECT c.granted FROM consent c WHERE c.customer_id = v.customer_id
                    AND c.purpose = :channel ORDER BY c.id DESC LIMIT 1) = 1",
            membership(d.segment, store.is_some())
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
