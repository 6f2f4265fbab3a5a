//! The owner's list of open debts: who owes what, since when, with totals and the amounts by
//! age (each unpaid sale counted in the bucket of its own due day).

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::care::plan::debts::unpaid_sql;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenDebt {
    #[ts(type = "number")]
    pub customer_id: i64,
    pub customer_name: String,
    #[ts(type = "number")]
    pub owed: i64,
    /// The oldest unpaid part falls due on this day.
    pub due_on: NaiveDate,
    /// Days past that day (0 when not yet due).
    #[ts(type = "number")]
    pub days_overdue: i64,
}

/// Amounts owed by age past their due day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct DebtAges {
    /// Chưa đến hạn.
    #[ts(type = "number")]
    pub not_due: i64,
    #[ts(type = "number")]
    pub d1_30: i64,
    #[ts(type = "number")]
    pub d31_60: i64,
    #[ts(type = "number")]
    pub d61_90: i64,
    #[ts(type = "number")]
    pub over_90: i64,
}

impl DebtAges {
    fn add(&mut self, days_overdue: i64, amount: i64) {
        let bucket = match days_overdue {
            ..=0 => &mut self.not_due,
            1..=30 => &mut self.d1_30,
            31..=60 => &mut self.d31_60,
            61..=90 => &mut self.d61_90,
            _ => &mut self.over_90,
        };
        *bucket += amount;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenDebts {
    /// Most overdue first.
    pub rows: Vec<OpenDebt>,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub overdue: i64,
    pub ages: DebtAges,
}

/// Every customer who owes, most overdue first; `overdue_only`: only those with a part past
/// its due day (the totals and ages are over the customers listed, all they owe).
pub fn open_debts(conn: &Connection, today: NaiveDate, overdue_only: bool) -> Result<OpenDebts> {
    let sql = format!(
        "SELECT u.cid, c.full_name, u.due_on, u.left FROM ({}) u JOIN customer c ON c.id = u.cid
         ORDER BY u.cid, u.due_on",
        unpaid_sql("")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows: Vec<OpenDebt> = Vec::new();
    let mut ages = DebtAges::default();
    let mut q = stmt.query([])?;
    let mut charges: Vec<(i64, String, NaiveDate, i64)> = Vec::new();
    while let Some(r) = q.next()? {
        charges.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
    }
    for (cid, name, due_on, left) in &charges {
        let (cid, due_on, left) = (*cid, *due_on, *left);
        let days = (today - due_on).num_days();
        match rows.last_mut() {
            Some(last) if last.customer_id == cid => {
                last.owed += left;
                if due_on < last.due_on {
                    last.due_on = due_on;
                    last.days_overdue = days.max(0);
                }
            }
            _ => rows.push(OpenDebt {
                customer_id: cid,
                customer_name: name.clone(),
                owed: left,
                due_on,
                days_overdue: days.max(0),
            }),
        }
    }
    if overdue_only {
        rows.retain(|r| r.days_overdue > 0);
    }
    let listed: std::collections::HashSet<i64> = rows.iter().map(|r| r.customer_id).collect();
    for (cid, _, due_on, left) in &charges {
        if listed.contains(cid) {
            ages.add((today - *due_on).num_days(), *left);
        }
    }
    rows.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(b.owed.cmp(&a.owed)));
    let total = rows.iter().map(|r| r.owed).sum();
    let overdue = ages.d1_30 + ages.d31_60 + ages.d61_90 + ages.over_90;
    Ok(OpenDebts { rows, total, overdue, ages })
}
