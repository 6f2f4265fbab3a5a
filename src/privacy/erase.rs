//! Erasure and restriction. Erasing a customer anonymises every personal field and free text
//! about them (notes and reasons on sales, voids, claims, returns, complaints, goodwill,
//! promises, scores, requests, consents, and the snapshots purchase revisions keep), removes
//! their phones, tags, preferences, reminders and search entries, and redacts the audit detail
//! of them and their records; the sales, warranty and complaint facts stay, attached to an
//! anonymous record. `secure_delete` (and FTS5's) zeroes the freed space. `tests/erasure.rs`
//! classifies every text column of the schema and proves nothing of her is left in the file.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::Result;

const REDACTED: &str = r#"{"redacted":true}"#;

/// Erases customer `id` (and the records once merged into it). Irreversible: the caller asks
/// for confirmation and the `erase` permission.
pub fn erase(db: &mut Db, id: i64, staff: &str, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| erase_in(tx, id, staff, now))?;
    checkpoint(db)
}

/// Erases again customer `id`, which the erasure register lists, whether live, archived or
/// merged into another: the register is written inside the erasure's transaction, so a
/// restored backup, or a sync killed before its commit, leaves her listed and unerased here.
/// Merged, the record she was merged into goes too, with all merged into it: a merge says they
/// are one person, and an erasure from another store reaches them so (`sync::local::hooks`).
pub(crate) fn erase_listed(db: &mut Db, id: i64, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| {
        let whole = crate::customer::survivor(tx, id)?;
        erase_records(tx, whole, crate::audit::SYSTEM, now).map(drop)
    })?;
    checkpoint(db)
}

/// Old page images of the erased rows leave the write-ahead log too.
fn checkpoint(db: &Db) -> Result<()> {
    db.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).optional()?;
    Ok(())
}

/// [`erase`] inside the caller's transaction (an erasure made at another site of the chain
/// arrives with other changes).
pub fn erase_in(tx: &Connection, id: i64, staff: &str, now: DateTime<Utc>) -> Result<()> {
    crate::customer::ensure_live(tx, id, crate::customer::Change::Status)?;
    erase_records(tx, id, staff, now).map(drop)
}

/// Erases customer `id` whether live or merged into another, with the records once merged
/// into it; their ids. An erasure made at another site of the chain reaches a record this site
/// holds merged (or learns later was merged into an erased one): the person is the same.
pub fn erase_records(
    tx: &Connection,
    id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    let mut ids = vec![id];
    let mut stmt = tx.prepare("SELECT id FROM customer WHERE merged_into = ?1")?;
    let mut i = 0;
    while i < ids.len() {
        let more: Vec<i64> =
            stmt.query_map([ids[i]], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // Two stores merging two records each into the other make a cycle.
        for m in more {
            if !ids.contains(&m) {
                ids.push(m);
            }
        }
        i += 1;
    }
    let mut erased =
        tx.prepare_cached("SELECT erased_at IS NOT NULL FROM customer WHERE id = ?1")?;
    let mut done = Vec::new();
    for c in ids {
        if !erased.query_row([c], |r| r.get::<_, bool>(0))? {
            anonymise(tx, c, now)?;
            done.push(c);
        }
    }
    let ids = done;
    close_requests(tx, id, "delete", now)?;
    crate::audit::record(
        tx,
        now,
        staff,
        "erase",
        "customer",
        id,
        serde_json::json!({ "records": ids.len() }),
    )?;
    super::register::record(tx, id, now)?;
    crate::care::plan::after_write(tx, &[Some(id)], now)?;
    Ok(ids)
}

/// Blanks again what points at the erased customer `id`: records a merge made at another site
/// moved to her after she was erased here.
pub fn erase_again(tx: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    anonymise(tx, id, now)
}

fn anonymise(tx: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let at = stamp(now);
    // Index rows are found through the words they were made of: remove before renaming.
    crate::customer::remove_from_index(tx, id)?;
    // Audit rows are found through the records they are about: redact before deleting any.
    redact_audit(tx, id)?;
    scrub_revisions(tx, id)?;
    let name = format!("Khách đã xoá #{id}");
    let folded = crate::text::fold(&name);
    tx.execute(
        "UPDATE customer SET full_name = ?2, call_name = '', address_as = '', gender = NULL,
            email = NULL, birthday = NULL, address = '', notes = '', contact_channel = NULL,
            folded_name = ?3, folded_call = '', code = NULL, birthday_lunar = 0,
            anniversary_lunar = NULL, anniversary_note = '', marketing_consent = 0, no_contact = 1,
            locale = 'vi',
            erased_at = ?4, updated_at = ?4
         WHERE id = ?1",
        params![id, name, folded, at],
    )?;
    // Free text goes; the facts beside it (amounts, dates, products, serials, statuses, that a
    // sale was voided or a policy overridden, in `voided_at` and the outcome) stay. Reasons go
    // to NULL as the chain's spec blanks them at every other site. Columns that may not be empty
    // get a dash.
    for sql in [
        "DELETE FROM customer_phone WHERE customer_id = ?1",
        "DELETE FROM customer_tag WHERE customer_id = ?1",
        "DELETE FROM preference WHERE customer_id = ?1",
        "UPDATE interaction SET summary = '', reminder_id = NULL WHERE customer_id = ?1",
        "DELETE FROM reminder WHERE customer_id = ?1",
        "UPDATE complaint SET summary = '', resolution = '' WHERE customer_id = ?1",
        "UPDATE complaint_event SET note = '' WHERE complaint_id IN (SELECT id FROM complaint WHERE customer_id = ?1)",
        "UPDATE goodwill SET what = '—' WHERE complaint_id IN (SELECT id FROM complaint WHERE customer_id = ?1)",
        "UPDATE feedback SET comment = '' WHERE customer_id = ?1",
        "UPDATE promise SET text = '—', close_note = '' WHERE customer_id = ?1",
        "UPDATE purchase SET note = '', void_reason = NULL WHERE customer_id = ?1",
        "UPDATE claim SET symptom = '', condition_note = '', accessories = '', lock_note = '',
            loan_unit = '', resolution_note = '' WHERE customer_id = ?1",
        "UPDATE claim_event SET note = '' WHERE claim_id IN (SELECT id FROM claim WHERE customer_id = ?1)",
        "UPDATE return_case SET reason = '', override_reason = NULL
         WHERE customer_id = ?1",
        "UPDATE consent SET evidence = '' WHERE customer_id = ?1",
        "UPDATE data_request SET note = '' WHERE customer_id = ?1",
        "DELETE FROM import_change WHERE customer_id = ?1",
        // A dismissal says "these two are different people": after erasure it would keep her id
        // paired with someone still known.
        "DELETE FROM duplicate_dismissed WHERE low_id = ?1 OR high_id = ?1",
        // Issue 17: what staff noted on her debt and her personal vouchers.
        "UPDATE debt_entry SET note = '' WHERE customer_id = ?1",
        "UPDATE voucher SET note = '' WHERE customer_id = ?1",
        // Issue 15: the reasons staff gave on her points and credit, as the chain's spec
        // blanks them everywhere else.
        "UPDATE point_entry SET reason = '' WHERE customer_id = ?1",
        "UPDATE credit_entry SET reason = '' WHERE customer_id = ?1",
    ] {
        tx.execute(sql, [id])?;
    }
    Ok(())
}

/// The audit rows about a customer and her records, found by entity and id. Their detail may
/// quote what was written (a name, a note, a lunar anniversary): each is redacted whole (the
/// log's triggers allow nothing else); who did what to which record, and when, stays.
const AUDITED: [(&str, &str); 12] = [
    ("customer", "SELECT ?1"),
    ("care_profile", "SELECT ?1"),
    ("purchase", "SELECT id FROM purchase WHERE customer_id = ?1"),
    ("claim", "SELECT id FROM claim WHERE customer_id = ?1"),
    ("return", "SELECT id FROM return_case WHERE customer_id = ?1"),
    ("complaint", "SELECT id FROM complaint WHERE customer_id = ?1"),
    (
        "goodwill",
        "SELECT g.id FROM goodwill g JOIN complaint k ON k.id = g.complaint_id
         WHERE k.customer_id = ?1",
    ),
    ("interaction", "SELECT id FROM interaction WHERE customer_id = ?1"),
    ("feedback", "SELECT id FROM feedback WHERE customer_id = ?1"),
    ("promise", "SELECT id FROM promise WHERE customer_id = ?1"),
    ("reminder", "SELECT id FROM reminder WHERE customer_id = ?1"),
    ("data_request", "SELECT id FROM data_request WHERE customer_id = ?1"),
];

fn redact_audit(tx: &Connection, id: i64) -> Result<()> {
    for (entity, ids) in AUDITED {
        tx.prepare_cached(&format!(
            "UPDATE audit_log SET detail = ?2
             WHERE entity = ?3 AND entity_id IN ({ids}) AND detail <> ?2"
        ))?
        .execute(params![id, REDACTED, entity])?;
    }
    // Preferences are deleted with the customer: theirs are found by what the detail says.
    tx.execute(
        "UPDATE audit_log SET detail = ?2 WHERE entity = 'preference' AND detail <> ?2
            AND (json_extract(detail, '$.customer_id') = ?1
                OR json_extract(detail, '$.before.customer_id') = ?1)",
        params![id, REDACTED],
    )?;
    Ok(())
}

/// A purchase's revisions keep it as it was (`PurchaseView` as JSON): the buyer's name and
/// greeting, the note, the reasons given. Those of her purchases, and of purchases once hers,
/// keep their figures and lose her words.
fn scrub_revisions(tx: &Connection, id: i64) -> Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, before FROM purchase_revision
             WHERE purchase_id IN (SELECT id FROM purchase WHERE customer_id = ?1)
                OR json_extract(before, '$.customer_id') = ?1",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (rev, before) in rows {
        let mut v: serde_json::Value = serde_json::from_str(&before).unwrap_or_default();
        scrub_snapshot(&mut v, id);
        tx.prepare_cached("UPDATE purchase_revision SET reason = '', before = ?2 WHERE id = ?1")?
            .execute(params![rev, v.to_string()])?;
    }
    Ok(())
}

/// Blanks the free text of one purchase snapshot, and the buyer's name where the buyer is `id`.
fn scrub_snapshot(v: &mut serde_json::Value, id: i64) {
    use serde_json::Value;
    let Some(p) = v.as_object_mut() else { return };
    let hers = |o: &serde_json::Map<String, Value>| o.get("customer_id") == Some(&Value::from(id));
    if hers(p) {
        p.insert("customer_name".into(), Value::Null);
        p.insert("customer_greeting".into(), Value::Null);
    }
    p.insert("note".into(), Value::from(""));
    if p.get("void_reason").is_some_and(Value::is_string) {
        p.insert("void_reason".into(), Value::from(""));
    }
    for r in p.get_mut("revisions").and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(r) = r.as_object_mut() {
            r.insert("reason".into(), Value::from(""));
        }
    }
    for u in p.get_mut("units").and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(u) = u.as_object_mut().filter(|u| hers(u)) {
            u.insert("customer_name".into(), Value::Null);
        }
    }
}

/// Carrying out what a customer asked for answers their open requests of that kind.
fn close_requests(tx: &Connection, id: i64, kind: &str, now: DateTime<Utc>) -> Result<()> {
    let today = local_date(now).to_string();
    tx.execute(
        "UPDATE data_request SET done_on = ?3, acknowledged_on = coalesce(acknowledged_on, ?3)
         WHERE customer_id = ?1 AND kind = ?2 AND done_on IS NULL",
        params![id, kind, today],
    )?;
    Ok(())
}

/// Restricts processing (kept, but out of care, segments and exports) or lifts it.
pub fn set_restricted(
    db: &mut Db,
    id: i64,
    on: bool,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    db.write(|tx| {
        crate::customer::ensure_live(tx, id, crate::customer::Change::Status)?;
        let at = stamp(now);
        tx.execute(
            "UPDATE customer SET restricted_at = CASE WHEN ?2 THEN coalesce(restricted_at, ?3) END,
                -- Lifted, contact is back to what the ledger says: refused if care calls were
                -- withdrawn.
                no_contact = ?2 OR coalesce((SELECT NOT granted FROM consent
                    WHERE customer_id = ?1 AND purpose = 'care_calls' ORDER BY id DESC LIMIT 1), 0),
                updated_at = ?3
             WHERE id = ?1",
            params![id, on, at],
        )?;
        if on {
            tx.execute(
                "UPDATE reminder SET status = 'dismissed', outcome = 'no_contact', closed_at = ?2, updated_at = ?2
                 WHERE customer_id = ?1 AND status IN ('open', 'snoozed')",
                params![id, at],
            )?;
            close_requests(tx, id, "restrict", now)?;
        }
        crate::audit::record(tx, now, staff, if on { "restrict" } else { "unrestrict" }, "customer", id, serde_json::json!({}))?;
        crate::care::plan::after_write(tx, &[Some(id)], now)
    })
}
