//! The consent ledger: one row per consent given or withdrawn, never edited. The customer's
//! current choice per purpose is the latest row; without one, the answer is no (silence is not
//! consent, nothing is pre-ticked). The care planner's flags follow the ledger.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Purpose {
    /// Thank-you calls, birthday wishes, warranty and repurchase reminders.
    CareCalls,
    MarketingZalo,
    MarketingSms,
    MarketingEmail,
}

crate::text::code::stored_code!(Purpose);

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::CareCalls,
        Purpose::MarketingZalo,
        Purpose::MarketingSms,
        Purpose::MarketingEmail,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ConsentMethod {
    /// The printed form, signed.
    PaperForm,
    InStore,
    Phone,
    Zalo,
    Sms,
    Email,
}

crate::text::code::stored_code!(ConsentMethod);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentDraft {
    pub purpose: Purpose,
    pub granted: bool,
    pub method: Option<ConsentMethod>,
    /// Where the proof is: "phiếu số 12 trong bìa tháng 11", "tin nhắn Zalo 20/11".
    pub evidence: String,
}

/// The latest entry for one purpose (`None` fields: never asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentState {
    pub purpose: Purpose,
    pub granted: bool,
    pub method: Option<String>,
    pub text_version: Option<String>,
    pub evidence: String,
    pub staff: Option<String>,
    pub at: Option<String>,
    /// Marked as agreeing to marketing before the ledger existed, with no record of how: not
    /// consent until staff record it.
    pub to_confirm: bool,
}

/// The consent wording in force: its version and text.
pub fn consent_text(conn: &Connection) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT version, body FROM consent_text ORDER BY created_at DESC, version DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Whether the customer's latest word for `purpose` is yes (never asked: no).
pub fn granted(conn: &Connection, customer_id: i64, purpose: Purpose) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT granted FROM consent WHERE customer_id = ?1 AND purpose = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![customer_id, purpose.code()], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

/// One line per purpose, in `Purpose::ALL` order.
pub fn consents(conn: &Connection, customer_id: i64) -> Result<Vec<ConsentState>> {
    let legacy: bool = conn
        .query_row("SELECT consent_to_confirm FROM customer WHERE id = ?1", [customer_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id: customer_id })?;
    let mut stmt = conn.prepare_cached(
        "SELECT granted, method, text_version, evidence, staff, at FROM consent
         WHERE customer_id = ?1 AND purpose = ?2 ORDER BY id DESC LIMIT 1",
    )?;
    Purpose::ALL
        .into_iter()
        .map(|purpose| {
            let row = stmt
                .query_row(params![customer_id, purpose.code()], |r| {
                    Ok(ConsentState {
                        purpose,
                        granted: r.get(0)?,
                        method: Some(r.get(1)?),
                        text_version: Some(r.get(2)?),
                        evidence: r.get(3)?,
                        staff: Some(r.get(4)?),
                        at: Some(r.get(5)?),
                        to_confirm: false,
                    })
                })
                .optional()?;
            Ok(row.unwrap_or(ConsentState {
                purpose,
                granted: false,
                method: None,
                text_version: None,
                evidence: String::new(),
                staff: None,
                at: None,
                to_confirm: legacy && purpose != Purpose::CareCalls,
            }))
        })
        .collect()
}

/// Appends to the ledger and brings the planner's flags in line: care calls granted lets care
/// reminders be planned (and lifts an earlier refusal of contact, unless processing is
/// restricted); withdrawn, it means no contact at all; any marketing purpose granted lets
/// promotional ones be planned. The ledger is the only writer of these flags.
pub fn record_consent(
    db: &mut Db,
    customer_id: i64,
    d: &ConsentDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Vec<ConsentState>> {
    let Some(method) = d.method else {
        return Err(Error::Validation(vec![FieldError::new("method", "required")]));
    };
    let evidence = crate::text::nfc(&d.evidence);
    if evidence.chars().count() > 500 {
        return Err(Error::invalid("evidence", "too_long"));
    }
    db.write(|tx| {
        crate::customer::ensure_live(tx, customer_id, crate::customer::Change::Status)?;
        let (version, _) = consent_text(tx)?;
        let at = stamp(now);
        tx.execute(
            "INSERT INTO consent(customer_id, purpose, granted, method, text_version, evidence, staff, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![customer_id, d.purpose.code(), d.granted, method.code(), version, evidence, staff, at],
        )?;
        let marketing: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM consent c WHERE c.customer_id = ?1 AND c.purpose <> 'care_calls'
                AND c.granted = 1 AND c.id = (SELECT max(id) FROM consent WHERE customer_id = ?1 AND purpose = c.purpose))",
            [customer_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE customer SET marketing_consent = ?2, updated_at = ?3 WHERE id = ?1",
            params![customer_id, marketing, at],
        )?;
        if d.purpose == Purpose::CareCalls {
            tx.execute(
                "UPDATE customer SET care_consent = ?2, no_contact = CASE WHEN restricted_at IS NULL
                    THEN NOT ?2 ELSE 1 END WHERE id = ?1",
                params![customer_id, d.granted],
            )?;
        }
        crate::audit::record(
            tx,
            now,
            staff,
            if d.granted { "consent_granted" } else { "consent_withdrawn" },
            "customer",
            customer_id,
            serde_json::json!({ "purpose": d.purpose.code(), "method": method.code(), "text_version": version }),
        )?;
        crate::care::plan::after_write(tx, &[Some(customer_id)], now)
    })?;
    consents(db.conn(), customer_id)
}

/// Demo customers come with consents as fiction as they are: three in four agreed to care
/// calls, one in three to Zalo offers, written to the ledger like any other (method "in store",
/// evidence saying they are demo data) with the flags it keeps.
pub fn demo_consents(db: &mut Db, from_id: i64, staff: &str, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| {
        let (version, _) = consent_text(tx)?;
        let at = stamp(now);
        for (purpose, every) in [(Purpose::CareCalls, 4), (Purpose::MarketingZalo, 3)] {
            let keep = if purpose == Purpose::CareCalls { "<> 0" } else { "= 0" };
            tx.execute(
                &format!(
                    "INSERT INTO consent(customer_id, purpose, granted, method, text_version, evidence, staff, at)
                     SELECT id, ?2, 1, 'in_store', ?3, 'Dữ liệu mẫu', ?4, ?5 FROM customer
                     WHERE id >= ?1 AND id % {every} {keep}"
                ),
                params![from_id, purpose.code(), version, staff, at],
            )?;
        }
        tx.execute(
            "UPDATE customer SET care_consent = (id % 4 <> 0), marketing_consent = (id % 3 = 0)
             WHERE id >= ?1",
            [from_id],
        )?;
        Ok(())
    })
}
