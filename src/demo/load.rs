//! Storing generated customers fast: one transaction, multi-row inserts with ids assigned here,
//! and the indexes whose keys arrive in random order rebuilt once at the end.

use chrono::{DateTime, Datelike, Duration, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;

use super::{customer, DemoCustomer, Rng, CREATED_SPAN_DAYS};
use crate::clock::{local_date, stamp};
use crate::customer::IndexBatch;
use crate::db::rows::Rows;
use crate::db::Db;
use crate::error::Result;
use crate::text::fold;
use crate::text::phone::{self, Phone};

/// Generates and stores `n` customers in one transaction. Returns how many.
pub fn generate(
    db: &mut Db,
    n: usize,
    seed: u64,
    now: DateTime<Utc>,
    staff: &str,
) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let year = local_date(now).year();
    // Every customer's stamps are one of CREATED_SPAN_DAYS days back: format each day once.
    let stamps: Vec<String> =
        (0..=CREATED_SPAN_DAYS).map(|d| stamp(now - Duration::days(d))).collect();
    // Tables and indexes being written stay in memory for the load; restored afterwards.
    let normal_cache: i64 = db.conn().query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    db.conn().pragma_update(None, "cache_size", crate::customer::bulk::CACHE_KIB)?;
    // One transaction: a demo load is all or nothing. A sorted index build is several times
    // faster than n random B-tree inserts, and a failure rolls the drop back with the rest.
    let loaded = db.write(|tx| {
        let rebuild = crate::db::drop_indexes(tx, crate::customer::bulk::RANDOM_ORDER_INDEXES)?;
        let mut load = Load::new(tx, staff)?;
        for _ in 0..n {
            load.customer(&customer(&mut rng, year), &stamps)?;
        }
        load.finish()?;
        for sql in &rebuild {
            tx.execute_batch(sql)?;
        }
        // New customers bypassed the per-write planning: the next pass examines everyone.
        crate::care::plan::forget_window(tx)?;
        // One row for the batch: the demo customers are fiction, not edits worth a row each.
        crate::audit::record(
            tx,
            now,
            staff,
            "load_demo",
            "customer",
            0,
            serde_json::json!({ "customers": n }),
        )?;
        Ok(n)
    });
    db.conn().pragma_update(None, "cache_size", normal_cache)?;
    loaded
}

/// The rows of one load. Customer ids are assigned here so that phones, tags and preferences
/// can be batched too; they are written only after the customers they point to.
struct Load<'c> {
    conn: &'c Connection,
    staff: Value,
    next_id: i64,
    customers: Rows,
    phones: Rows,
    tags: Rows,
    preferences: Rows,
    index: IndexBatch,
}

impl<'c> Load<'c> {
    fn new(conn: &'c Connection, staff: &str) -> Result<Load<'c>> {
        Ok(Load {
            conn,
            staff: Value::Text(staff.to_owned()),
            next_id: crate::customer::bulk::next_id(conn)?,
            customers: Rows::new(
                "INSERT INTO customer(id, full_name, call_name, address_as, gender, birthday,
                    address, folded_name, folded_call, last_contact_at, created_at, updated_at)",
                12,
            ),
            phones: Rows::new(
                "INSERT INTO customer_phone(customer_id, canonical, raw, kind, reversed,
                    is_primary, position)",
                7,
            ),
            tags: Rows::new("INSERT OR IGNORE INTO customer_tag(customer_id, tag)", 2),
            preferences: Rows::new(
                "INSERT INTO preference(customer_id, category, value, is_alert, noted_by,
                    noted_at, updated_at)",
                7,
            ),
            index: IndexBatch::default(),
        })
    }

    fn customer(&mut self, c: &DemoCustomer, stamps: &[String]) -> Result<()> {
        let at = |days: i64| stamps.get(days as usize).cloned().unwrap_or_default();
        let text = |s: &str| Value::Text(s.to_owned());
        let id = self.next_id;
        self.next_id += 1;
        let created = at(c.created_days_ago);
        let folded_name = fold(&c.full_name);
        let folded_call = fold(&c.call_name);
        self.index.add(id, &folded_name, &folded_call);
        self.customers.push([
            Value::Integer(id),
            text(&c.full_name),
            text(&c.call_name),
            text(c.address_as.code()),
            text(if c.female { "female" } else { "male" }),
            c.birthday.map_or(Value::Null, |b| Value::Text(b.to_sql())),
            text(&c.address),
            Value::Text(folded_name),
            Value::Text(folded_call),
            c.contact_days_ago.map_or(Value::Null, |d| Value::Text(at(d))),
            text(&created),
            Value::Text(created.clone()),
        ]);
        for (pos, raw) in c.phones.iter().enumerate() {
            if let Phone::Valid { canonical, kind } = phone::normalize(raw) {
                let reversed = phone::reversed(&canonical);
                self.phones.push([
                    Value::Integer(id),
                    Value::Text(canonical),
                    text(raw),
                    text(kind.as_str()),
                    Value::Text(reversed),
                    Value::Integer(i64::from(pos == 0)),
                    Value::Integer(pos as i64),
                ]);
            }
        }
        for t in &c.tags {
            self.tags.push([Value::Integer(id), text(t)]);
        }
        for (category, value, alert) in &c.preferences {
            self.preferences.push([
                Value::Integer(id),
                text(category),
                text(value),
                Value::Integer(i64::from(*alert)),
                self.staff.clone(),
                text(&created),
                text(&created),
            ]);
        }
        self.write(false)
    }

    fn write(&mut self, all: bool) -> Result<()> {
        // Customers first: the other rows' foreign keys are checked as they are inserted.
        self.customers.write(self.conn, all)?;
        if !all && !self.customers.values.is_empty() {
            return Ok(());
        }
        self.phones.write(self.conn, all)?;
        self.tags.write(self.conn, all)?;
        self.preferences.write(self.conn, all)
    }

    fn finish(mut self) -> Result<()> {
        self.write(true)?;
        self.index.flush(self.conn)?;
        Ok(())
    }
}
