//! Two years of sales: most customers bought once or twice, a few are regulars; phones carry
//! IMEIs, laptops and appliances serials. A few sales are placed on the days the care rules
//! look at (yesterday, a week ago, a year less a month ago) so Today has calls on a first look,
//! and a couple this morning so the current month's report is never empty.

use chrono::DateTime;
use rusqlite::Connection;

use super::catalogue::{SerialKind, ITEMS};
use super::{at, dmy, Rng};
use crate::clock::local_date;
use crate::db::Db;
use crate::error::Result;
use crate::sales::purchase::{self, LineDraft, PurchaseDraft};

/// How far back the demo's sales go.
pub const HISTORY_DAYS: i64 = 730;
/// Sales for every this many demo customers (2,000 customers: 400 sales).
const CUSTOMERS_PER_SALE: usize = 5;
const MAX_SALES: usize = 600;

/// A sale as the later scenes need it.
pub struct Sold {
    pub purchase_id: i64,
    pub customer_id: i64,
    pub days_ago: i64,
    /// Units with a serial, and the catalogue item each is.
    pub units: Vec<(i64, usize)>,
}

/// Days back of the sales that the default care rules turn into calls due today: a thank-you
/// (1 day), a check-in (7 days), a 12-month warranty ending in 30 and in 7 days.
const CARE_DAYS: &[(i64, Option<usize>)] =
    &[(1, None), (1, None), (7, None), (7, None), (335, Some(0)), (358, Some(3))];
/// Sales made earlier today, so the report's default period (this month) has revenue even when
/// the demo is loaded on the first of a month.
const TODAY_SALES: usize = 2;

pub fn sell(
    db: &mut Db,
    rng: &mut Rng,
    customers: &[(i64, bool)],
    products: &[i64],
    now: chrono::DateTime<chrono::Utc>,
    staff: &str,
) -> Result<Vec<Sold>> {
    let n = (customers.len() / CUSTOMERS_PER_SALE).clamp(CARE_DAYS.len(), MAX_SALES);
    let consenting: Vec<i64> = customers.iter().filter(|c| c.1).map(|c| c.0).collect();
    let mut plan: Vec<(i64, i64, Option<usize>)> = Vec::with_capacity(n);
    for (i, (days, item)) in CARE_DAYS.iter().enumerate() {
        // Customers who agreed to care calls, so the calls are planned; anyone in a tiny load.
        let who = if consenting.is_empty() {
            customers[i % customers.len()].0
        } else {
            consenting[i * 7 % consenting.len()]
        };
        plan.push((*days, who, *item));
    }
    for i in 0..TODAY_SALES {
        plan.push((0, customers[(i * 13 + 5) % customers.len()].0, None));
    }
    let mut regulars: Vec<i64> = Vec::new();
    while plan.len() < n {
        // Recent days are busier: the product of two uniform draws leans towards today.
        let days = 2
            + (rng.below(HISTORY_DAYS as u64) * rng.below(HISTORY_DAYS as u64)
                / HISTORY_DAYS as u64) as i64;
        let who = if !regulars.is_empty() && rng.chance(250) {
            *rng.pick(&regulars)
        } else {
            let c = rng.pick(customers).0;
            if rng.chance(200) {
                regulars.push(c);
            }
            c
        };
        plan.push((days.min(HISTORY_DAYS), who, None));
    }
    // In the order they happened: receipts numbered by day, a customer's history in time order.
    plan.sort_by_key(|p| std::cmp::Reverse(p.0));
    // One transaction and no re-plan per sale: the load plans everyone once, at `now`, as a
    // pass at the counter would; a plan per sale dated in the past would leave its calls behind.
    db.write(|tx| {
        let mut sold = Vec::with_capacity(plan.len());
        for (days, customer, item) in plan {
            sold.push(sale(tx, rng, customer, days, item, products, now, staff)?);
        }
        Ok(sold)
    })
}

#[allow(clippy::too_many_arguments)]
fn sale(
    tx: &Connection,
    rng: &mut Rng,
    customer: i64,
    days: i64,
    item: Option<usize>,
    products: &[i64],
    now: DateTime<chrono::Utc>,
    staff: &str,
) -> Result<Sold> {
    let when = at(now, days, 9 + rng.below(12) as u32, rng.below(60) as u32);
    // Mostly the serialised goods: accessories and filters ride along.
    let main = item.unwrap_or_else(|| rng.below(17) as usize);
    let mut lines = vec![line(rng, main, products[main])];
    if rng.chance(300) {
        let extra = 17 + rng.below((ITEMS.len() - 17) as u64) as usize;
        lines.push(line(rng, extra, products[extra]));
    }
    let d = PurchaseDraft {
        receipt_no: String::new(),
        sold_on: dmy(local_date(when)),
        customer_id: Some(customer),
        note: if rng.chance(100) { "Khách mua trả góp 0%".into() } else { String::new() },
        lines,
        ..PurchaseDraft::default()
    };
    let id = purchase::create_in(tx, &d, staff, when)?;
    let units: Vec<(i64, usize)> = tx
        .prepare_cached(
            "SELECT u.id, l.product_id FROM unit u JOIN purchase_line l ON l.id = u.line_id
             WHERE l.purchase_id = ?1 AND u.serial IS NOT NULL ORDER BY u.id",
        )?
        .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .filter_map(|r| r.ok())
        .filter_map(|(u, p)| products.iter().position(|x| *x == p).map(|i| (u, i)))
        .collect();
    Ok(Sold { purchase_id: id, customer_id: customer, days_ago: days, units })
}

fn line(rng: &mut Rng, item: usize, product_id: i64) -> LineDraft {
    let it = &ITEMS[item];
    let quantity = if it.serial == SerialKind::None { 1 + rng.below(2) as i64 } else { 1 };
    let serials = (0..quantity)
        .filter(|_| it.serial != SerialKind::None)
        .map(|_| serial(rng, it.serial))
        .collect();
    // A round-number discount now and then, as counters give them.
    let discount = if it.price >= 2_000_000 && rng.chance(250) {
        (100_000 * (1 + rng.below(5))).to_string()
    } else {
        String::new()
    };
    LineDraft { product_id, quantity, unit_price: String::new(), discount, serials }
}

/// A 15-digit IMEI with its Luhn check digit, or a maker-style serial.
pub(super) fn serial(rng: &mut Rng, kind: SerialKind) -> String {
    if kind == SerialKind::Imei {
        let body: String = format!("35{:012}", rng.below(1_000_000_000_000));
        format!("{body}{}", luhn(&body))
    } else {
        const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        (0..12).map(|_| *rng.pick(ALNUM) as char).collect()
    }
}

fn luhn(body: &str) -> u32 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_imeis_pass_the_check() {
        let mut rng = super::Rng::new(3);
        for _ in 0..50 {
            let s = super::serial(&mut rng, super::SerialKind::Imei);
            assert!(crate::text::serial::is_imei(&s), "{s} is a valid IMEI");
        }
    }
}
