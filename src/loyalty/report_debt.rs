//! What customers owe, by how long it is overdue. Each customer's payments settle her oldest
//! debts first (a reversal settles the sale it reverses first); what is left of each debt is
//! aged from its due day (an entry without one is due the day it was written). A customer who
//! paid ahead (a negative balance) owes nothing and is in no bucket.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgeBucket {
    NotDue,
    #[serde(rename = "overdue_1_30")]
    Days1To30,
    #[serde(rename = "overdue_31_60")]
    Days31To60,
    #[serde(rename = "overdue_61_90")]
    Days61To90,
    #[serde(rename = "overdue_over_90")]
    Over90,
}

impl AgeBucket {
    pub const ALL: [AgeBucket; 5] = [
        AgeBucket::NotDue,
        AgeBucket::Days1To30,
        AgeBucket::Days31To60,
        AgeBucket::Days61To90,
        AgeBucket::Over90,
    ];

    pub fn of(overdue_days: i64) -> AgeBucket {
        match overdue_days {
            i64::MIN..=0 => AgeBucket::NotDue,
            1..=30 => AgeBucket::Days1To30,
            31..=60 => AgeBucket::Days31To60,
            61..=90 => AgeBucket::Days61To90,
            _ => AgeBucket::Over90,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DebtAge {
    pub bucket: AgeBucket,
    /// Customers with some debt in this bucket.
    #[ts(type = "number")]
    pub customers: i64,
    #[ts(type = "number")]
    pub amount: i64,
}

/// One debt still (partly) open: its sale, its due day, what is left.
struct Open {
    purchase: Option<i64>,
    due: NaiveDate,
    left: i64,
}

/// Every bucket, in order, empty ones included.
pub fn by_age(conn: &Connection, today: NaiveDate) -> Result<Vec<DebtAge>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, amount, purchase_id, coalesce(due_on, substr(at, 1, 10))
         FROM debt_entry ORDER BY customer_id, at, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut totals: BTreeMap<AgeBucket, (i64, i64)> =
        AgeBucket::ALL.iter().map(|b| (*b, (0, 0))).collect();
    let mut current: Option<i64> = None;
    let mut open: Vec<Open> = Vec::new();
    // Paid ahead of any debt: settles the next ones.
    let mut ahead = 0;
    while let Some(r) = rows.next()? {
        let (customer, amount, purchase, due): (i64, i64, Option<i64>, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        if current != Some(customer) {
            tally(&mut totals, &open, today);
            open.clear();
            ahead = 0;
            current = Some(customer);
        }
        let due = NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap_or(today);
        if amount > 0 {
            let covered = amount.min(ahead);
            ahead -= covered;
            open.push(Open { purchase, due, left: amount - covered });
        } else {
            ahead += settle(&mut open, purchase, -amount);
        }
    }
    tally(&mut totals, &open, today);
    Ok(totals
        .into_iter()
        .map(|(bucket, (customers, amount))| DebtAge { bucket, customers, amount })
        .collect())
}

/// A payment or reversal of `amount`: its own sale first, then the oldest debts. Returns what
/// was more than she owed.
fn settle(open: &mut [Open], purchase: Option<i64>, mut amount: i64) -> i64 {
    let own = open.iter().position(|o| purchase.is_some() && o.purchase == purchase);
    let order = own.into_iter().chain(0..open.len());
    for i in order {
        let take = amount.min(open[i].left);
        open[i].left -= take;
        amount -= take;
        if amount == 0 {
            break;
        }
    }
    amount
}

fn tally(totals: &mut BTreeMap<AgeBucket, (i64, i64)>, open: &[Open], today: NaiveDate) {
    let mut hers: BTreeMap<AgeBucket, i64> = BTreeMap::new();
    for o in open.iter().filter(|o| o.left > 0) {
        *hers.entry(AgeBucket::of((today - o.due).num_days())).or_default() += o.left;
    }
    for (bucket, amount) in hers {
        let t = totals.entry(bucket).or_default();
        t.0 += 1;
        t.1 += amount;
    }
}
