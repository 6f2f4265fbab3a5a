//! The vouchers care gives: a first-time buyer's thank-you and a birthday gift, created where
//! their reminders are planned so the message has a code to give. Each occasion has one code:
//! re-planning finds the voucher already there (one thank-you per customer, one birthday voucher
//! per birthday month) instead of adding another. Written with SQL: care sits below `loyalty`,
//! whose settings screen (`loyalty::voucher_settings`) writes the keys read here.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use rusqlite::{params, Connection};

use super::Planner;
use crate::care::rule::RuleKind;
use crate::error::Result;

/// The settings keys: the thank-you on or off, its kind (`amount`/`percent`), value, cap (0 =
/// none) and days valid; the birthday voucher on or off and the shop's value for a tier that
/// gives none.
pub const THANK_YOU: &str = "voucher.thank_you";
pub const THANK_YOU_KIND: &str = "voucher.thank_you_kind";
pub const THANK_YOU_VALUE: &str = "voucher.thank_you_value";
pub const THANK_YOU_CAP: &str = "voucher.thank_you_cap";
pub const THANK_YOU_DAYS: &str = "voucher.thank_you_days";
pub const BIRTHDAY: &str = "voucher.birthday";
pub const BIRTHDAY_VALUE: &str = "voucher.birthday_value";

/// Days a thank-you voucher stays valid when the owner did not say.
pub const DEFAULT_THANK_YOU_DAYS: i64 = 30;

/// Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A code no voucher has yet: `prefix` and random letters, eight in all; at a site behind its
/// store code (`Q1-SN4K7PQ2`), as a voucher is good at every store and only this one knows which
/// codes it has drawn until they sync.
pub fn fresh_code(conn: &Connection, prefix: &str) -> Result<String> {
    let mut rng = rand::thread_rng();
    let head = crate::store::prefix(conn, prefix)?;
    loop {
        let tail: String =
            (prefix.len()..8).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
        let code = format!("{head}{tail}");
        let taken: bool = conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM voucher WHERE code = ?1)")?
            .query_row([&code], |r| r.get(0))?;
        if !taken {
            return Ok(code);
        }
    }
}

fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    crate::db::setting::get(conn, key)
}

fn number(conn: &Connection, key: &str, default: i64) -> Result<i64> {
    Ok(setting(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// A personal voucher written by the app, with its audit row.
struct Gift<'a> {
    customer: i64,
    origin: &'a str,
    kind: &'a str,
    value: i64,
    cap: Option<i64>,
    expires_on: NaiveDate,
}

fn give(conn: &Connection, g: &Gift, now: DateTime<Utc>) -> Result<()> {
    let code = fresh_code(conn, if g.origin == "birthday" { "SN" } else { "TY" })?;
    let at = crate::clock::stamp(now);
    conn.prepare_cached(
        "INSERT INTO voucher(code, kind, value, max_discount, expires_on, max_uses, customer_id,
            origin, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        code,
        g.kind,
        g.value,
        g.cap,
        g.expires_on,
        g.customer,
        g.origin,
        crate::audit::SYSTEM,
        at
    ])?;
    let id = conn.last_insert_rowid();
    crate::audit::record(
        conn,
        now,
        crate::audit::SYSTEM,
        "create",
        "voucher",
        id,
        serde_json::json!({ "code": code, "origin": g.origin, "customer_id": g.customer }),
    )
}

impl Planner<'_> {
    /// The vouchers for the open reminders of `kind` that have none yet.
    pub(super) fn vouchers_for(&mut self, kind: RuleKind) -> Result<()> {
        match kind {
            RuleKind::ThankYou => self.thank_you_vouchers(),
            RuleKind::Birthday => self.birthday_vouchers(),
            _ => Ok(()),
        }
    }

    /// Rows of `sql` over the open reminders of `kind` due in the window this pass examined
    /// (`:from`: the daily pass looks only at the days that entered it, as the rules do), for
    /// this pass's customers (`:cid`), with the shop's birthday value (`:shop`).
    fn rows<T>(
        &self,
        sql: &str,
        kind: RuleKind,
        shop: i64,
        f: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let from = super::iso(self.window(kind).0);
        let mut stmt = self.conn.prepare_cached(sql)?;
        let args: [(&str, &dyn rusqlite::ToSql); 3] =
            [(":from", &from), (":cid", &self.customer), (":shop", &shop)];
        super::bind(&mut stmt, args.iter())?;
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(f(r)?);
        }
        Ok(out)
    }

    /// A thank-you voucher for a customer's first sale, once per customer.
    fn thank_you_vouchers(&mut self) -> Result<()> {
        if setting(self.conn, THANK_YOU)?.as_deref() != Some("1") {
            return Ok(());
        }
        let value = number(self.conn, THANK_YOU_VALUE, 0)?;
        let percent = setting(self.conn, THANK_YOU_KIND)?.as_deref() == Some("percent");
        if value <= 0 || (percent && value > 100) {
            return Ok(());
        }
        let cap = Some(number(self.conn, THANK_YOU_CAP, 0)?).filter(|c| *c > 0 && percent);
        let days = number(self.conn, THANK_YOU_DAYS, DEFAULT_THANK_YOU_DAYS)?.clamp(1, 3650);
        let sql = format!(
            "SELECT DISTINCT r.customer_id FROM reminder r JOIN purchase p ON p.id = r.subject_id
             WHERE r.kind = 'thank_you' AND r.status IN ('open', 'snoozed') AND r.due_on >= :from
                AND r.subject = 'purchase'{cf}
                AND NOT EXISTS (SELECT 1 FROM purchase q WHERE q.customer_id = p.customer_id
                    AND q.voided_at IS NULL AND (q.sold_at < p.sold_at
                        OR (q.sold_at = p.sold_at AND q.id < p.id)))
                AND NOT EXISTS (SELECT 1 FROM voucher v WHERE v.customer_id = r.customer_id
                    AND v.origin = 'thank_you')",
            cf = self.customer_filter("r.customer_id")
        );
        let customers: Vec<i64> = self.rows(&sql, RuleKind::ThankYou, 0, |r| r.get(0))?;
        let now = crate::clock::parse_stamp(&self.now).unwrap_or_default();
        for customer in customers {
            let gift = Gift {
                customer,
                origin: "thank_you",
                kind: if percent { "percent" } else { "amount" },
                value,
                cap,
                expires_on: self.today + Duration::days(days),
            };
            give(self.conn, &gift, now)?;
        }
        Ok(())
    }

    /// A birthday voucher worth what the customer's tier gives (else the shop's value), valid
    /// to the end of the birthday's month; one per customer and birthday month.
    fn birthday_vouchers(&mut self) -> Result<()> {
        if setting(self.conn, BIRTHDAY)?.as_deref() == Some("0") {
            return Ok(());
        }
        let shop = number(self.conn, BIRTHDAY_VALUE, 0)?;
        // `birthday:c7:2026-05-12:3`: the birthday itself follows the customer's part.
        let sql = format!(
            "SELECT cid, expires, max(value) FROM (
                SELECT r.customer_id AS cid,
                    date(substr(r.occurrence, length('birthday:c' || r.customer_id || ':') + 1, 10),
                        'start of month', '+1 month', '-1 day') AS expires,
                    coalesce(nullif((SELECT t.birthday_voucher FROM customer_tier ct
                        JOIN member_tier t ON t.id = ct.tier_id
                        WHERE ct.customer_id = r.customer_id), 0), :shop) AS value
                FROM reminder r WHERE r.kind = 'birthday' AND r.status IN ('open', 'snoozed')
                    AND r.due_on >= :from{cf}) g
             WHERE value > 0 AND expires IS NOT NULL AND NOT EXISTS (SELECT 1 FROM voucher v
                WHERE v.customer_id = g.cid AND v.origin = 'birthday' AND v.expires_on = g.expires)
             GROUP BY cid, expires",
            cf = self.customer_filter("r.customer_id")
        );
        let due: Vec<(i64, NaiveDate, i64)> =
            self.rows(&sql, RuleKind::Birthday, shop, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let now = crate::clock::parse_stamp(&self.now).unwrap_or_default();
        for (customer, expires_on, value) in due {
            let gift =
                Gift { customer, origin: "birthday", kind: "amount", value, cap: None, expires_on };
            give(self.conn, &gift, now)?;
        }
        Ok(())
    }
}
