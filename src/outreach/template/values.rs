//! The placeholders' values for one reminder: its customer, the shop, and what it is about.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::care::rule::RuleKind;
use crate::clock::local_date;
use crate::error::Result;
use crate::outreach::reminder::ReminderView;
use crate::text::money::format_vnd;

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The values for one reminder: its customer, the shop, and what it is about.
pub fn values_for(
    conn: &Connection,
    reminder_id: i64,
    now: DateTime<Utc>,
) -> Result<BTreeMap<&'static str, String>> {
    values_of(conn, &crate::outreach::reminder::get(conn, reminder_id)?, now)
}

/// The values for a reminder as shown, stored or not (a contact from the card is one).
pub fn values_of(
    conn: &Connection,
    r: &ReminderView,
    now: DateTime<Utc>,
) -> Result<BTreeMap<&'static str, String>> {
    let shop = crate::sales::settings::get(conn)?;
    let today = local_date(now);
    let (address_as, call_name): (String, String) = conn
        .prepare_cached("SELECT address_as, call_name FROM customer WHERE id = ?1")?
        .query_row([r.customer_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let word = crate::customer::AddressAs::parse(&address_as).unwrap_or_default().word().to_owned();
    let mut v = BTreeMap::new();
    // Without a form of address the sentence still reads: "Chào Lan".
    v.insert("xung_ho", if word.is_empty() { "bạn".to_owned() } else { word });
    v.insert("ten", call_name);
    v.insert("ho_ten", r.customer_name.clone());
    v.insert(
        "cua_hang",
        if shop.shop_name.is_empty() { "shop".to_owned() } else { shop.shop_name },
    );
    v.insert("sdt_cua_hang", shop.shop_phone);
    subject_values(conn, r.subject.as_str(), r.subject_id, today, &mut v)?;
    if r.kind == RuleKind::Anniversary || r.kind == RuleKind::Birthday {
        v.insert("ngay_hen", dmy(r.due_on));
    }
    if r.kind == RuleKind::DebtDue {
        debt_values(conn, r.customer_id, &mut v)?;
    }
    v.insert("voucher", voucher_text(conn, r.customer_id, today)?);
    Ok(v)
}

/// What the customer owes now and the day the oldest unpaid part falls due (the ledger read
/// with SQL: outreach sits below loyalty).
fn debt_values(
    conn: &Connection,
    customer_id: i64,
    v: &mut BTreeMap<&'static str, String>,
) -> Result<()> {
    let owed: i64 = conn
        .prepare_cached("SELECT coalesce(sum(amount), 0) FROM debt_entry WHERE customer_id = ?1")?
        .query_row([customer_id], |row| row.get(0))?;
    let sql = format!(
        "SELECT min(due_on) FROM ({})",
        crate::care::plan::debts::unpaid_sql(" AND d.customer_id = :cid")
    );
    let due: Option<NaiveDate> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::named_params! { ":cid": customer_id }, |row| row.get(0))?;
    v.insert("so_tien", format_vnd(owed));
    if let Some(d) = due {
        v.insert("ngay_hen", dmy(d));
    }
    Ok(())
}

/// A voucher's code, kind, value, cap and last day.
type VoucherRow = (String, String, i64, Option<i64>, Option<NaiveDate>);

/// The customer's newest personal voucher still usable today: "mã ABC123 giảm 50.000 ₫, hạn
/// 31/12/2026"; empty when there is none.
fn voucher_text(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<String> {
    use rusqlite::OptionalExtension;
    let found: Option<VoucherRow> = conn
        .prepare_cached(
            "SELECT v.code, v.kind, v.value, v.max_discount, v.expires_on FROM voucher v
             WHERE v.customer_id = ?1 AND v.archived_at IS NULL
                AND (v.expires_on IS NULL OR v.expires_on >= ?2)
                AND (v.max_uses IS NULL OR v.max_uses > (SELECT count(*) FILTER (WHERE u.kind = 'redeem')
                    - count(*) FILTER (WHERE u.kind = 'reverse') FROM voucher_use u WHERE u.voucher_id = v.id))
             ORDER BY v.created_at DESC, v.id DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![customer_id, today], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
        })
        .optional()?;
    let Some((code, kind, value, cap, expires)) = found else {
        return Ok(String::new());
    };
    let off = if kind == "percent" {
        match cap {
            Some(c) => format!("{value}% (tối đa {})", format_vnd(c)),
            None => format!("{value}%"),
        }
    } else {
        format_vnd(value)
    };
    Ok(match expires {
        Some(d) => format!("mã {code} giảm {off}, hạn {}", dmy(d)),
        None => format!("mã {code} giảm {off}"),
    })
}

/// The values of what the reminder is about: a sale, a unit, a claim, a complaint, a promise
/// or a score.
fn subject_values(
    conn: &Connection,
    subject: &str,
    subject_id: Option<i64>,
    today: NaiveDate,
    v: &mut BTreeMap<&'static str, String>,
) -> Result<()> {
    match (subject, subject_id) {
        ("purchase", Some(id)) => {
            let (receipt, sold_on, total, names): (String, NaiveDate, i64, Option<String>) = conn
                .prepare_cached(
                    "SELECT receipt_no, date(sold_at, '+7 hours'), total,
                        (SELECT group_concat(product_name, ', ') FROM purchase_line WHERE purchase_id = p.id)
                     FROM purchase p WHERE id = ?1",
                )?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?;
            v.insert("so_hoa_don", receipt);
            v.insert("ngay_mua", dmy(sold_on));
            v.insert("so_tien", format_vnd(total));
            v.insert("san_pham", names.unwrap_or_default());
        }
        ("unit", Some(id)) => {
            let u = crate::sales::unit::get(conn, id, today)?;
            v.insert("san_pham", u.product_name.clone());
            v.insert("serial", u.serial.clone().unwrap_or_default());
            v.insert("ngay_mua", dmy(u.coverage.start));
            v.insert("han_bao_hanh", dmy(u.coverage.end));
            v.insert("so_ngay", u.coverage.days_left.max(0).to_string());
        }
        ("claim", Some(id)) => {
            let (code, product, serial, promised, fee, quote): (String, String, Option<String>, Option<NaiveDate>, i64, Option<i64>) = conn
                .prepare_cached("SELECT code, product_name, serial, promised_on, fee_charged, quote FROM claim WHERE id = ?1")?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)))?;
            v.insert("ma_phieu", code);
            v.insert("san_pham", product);
            v.insert("serial", serial.unwrap_or_default());
            v.insert("ngay_hen", promised.map(dmy).unwrap_or_default());
            v.insert("so_tien", format_vnd(if fee > 0 { fee } else { quote.unwrap_or(0) }));
        }
        ("complaint", Some(id)) => {
            let (code, summary): (String, String) = conn
                .prepare_cached("SELECT code, summary FROM complaint WHERE id = ?1")?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            v.insert("ma_phieu", code);
            v.insert("noi_dung", summary);
        }
        ("promise", Some(id)) => {
            let (text, due): (String, NaiveDate) = conn
                .prepare_cached("SELECT text, due_on FROM promise WHERE id = ?1")?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            v.insert("noi_dung", text);
            v.insert("ngay_hen", dmy(due));
        }
        ("feedback", Some(id)) => {
            let comment: String = conn
                .prepare_cached("SELECT comment FROM feedback WHERE id = ?1")?
                .query_row([id], |row| row.get(0))?;
            v.insert("noi_dung", comment);
        }
        // Issue 17: the tier a congratulation is for, by its name now.
        ("member_tier", Some(id)) => {
            let name: String = conn
                .prepare_cached("SELECT name FROM member_tier WHERE id = ?1")?
                .query_row([id], |row| row.get(0))?;
            v.insert("noi_dung", name);
        }
        _ => {}
    }
    Ok(())
}
